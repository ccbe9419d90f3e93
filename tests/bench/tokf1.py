#!/usr/bin/env python3
"""tokf1.py - token-level precision, recall and F1 of extracted texts.

usage: tokf1.py EXPECTED_DIR SYSTEM=DIR [SYSTEM=DIR...]

EXPECTED_DIR holds NAME.txt (the reference text; empty for a page with no
article). Each system DIR holds NAME.txt as that system extracted it.
Tokens are lower-cased runs of letters and digits; P/R/F1 compare token
bags (multisets), per page, then averaged over the pages that have an
article (macro average). Pages whose reference is empty count as
"rejected" when the system printed nothing for them.
"""
import collections
import os
import re
import sys

TOKEN = re.compile(r"\w+", re.UNICODE)


def tokens(text):
    return collections.Counter(t.lower() for t in TOKEN.findall(text))


def prf(ref, got):
    if not ref and not got:
        return 1.0, 1.0, 1.0
    common = sum((ref & got).values())
    p = common / sum(got.values()) if got else 0.0
    r = common / sum(ref.values()) if ref else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def read(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()
    except FileNotFoundError:
        return ""


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    exp_dir = sys.argv[1]
    systems = [a.split("=", 1) for a in sys.argv[2:]]
    names = sorted(n[:-4] for n in os.listdir(exp_dir) if n.endswith(".txt"))
    articles = [n for n in names if read(os.path.join(exp_dir, n + ".txt")).strip()]
    others = [n for n in names if n not in articles]
    print(f"{'page':<14}" + "".join(f"{s:>14}" for s, _ in systems) + "   (F1 per page)")
    sums = {s: [0.0, 0.0, 0.0] for s, _ in systems}
    rejected = {s: 0 for s, _ in systems}
    for n in articles:
        ref = tokens(read(os.path.join(exp_dir, n + ".txt")))
        row = f"{n:<14}"
        for s, d in systems:
            p, r, f = prf(ref, tokens(read(os.path.join(d, n + ".txt"))))
            for i, v in enumerate((p, r, f)):
                sums[s][i] += v
            row += f"{f:>14.3f}"
        print(row)
    for n in others:
        row = f"{n:<14}"
        for s, d in systems:
            empty = not read(os.path.join(d, n + ".txt")).strip()
            rejected[s] += empty
            row += f"{'rejected' if empty else 'TEXT':>14}"
        print(row + "   (no article)")
    k = max(len(articles), 1)
    print()
    print(f"{'system':<14}{'P':>8}{'R':>8}{'F1':>8}   no-article pages rejected")
    for s, _ in systems:
        p, r, f = (v / k for v in sums[s])
        print(f"{s:<14}{p:>8.3f}{r:>8.3f}{f:>8.3f}   {rejected[s]}/{len(others)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
