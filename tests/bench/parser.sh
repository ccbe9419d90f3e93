#!/bin/sh
# parser.sh - a parser weighed as the shaper's checker (issue 11).
#
# Could a parser tell a cut that reads as a sentence from one that does not,
# fast and small enough for a Pi? Debian bookworm has one for C: link-grammar
# (liblink-grammar, English dictionary); it has no POS tagger with a C API.
# This runs `bulletin points` over the summarizer's bench articles (the
# CNN/DM dev rows, else the demo's pages), parses every point with
# tests/bench/parser_check.c and prints:
#  - the parser's time a point (median, p90; milliseconds, this machine) and
#    its peak RSS, beside the summarizer's own time an article in one
#    process (tests/bench/points_speed.c, the same run);
#  - the share of points it cannot link whole (a word left out), for points
#    that are a sentence of the article as written (whole) and for points the
#    shaper compressed or cut. A checker worth having flags the second much
#    more often than the first.
# `make bench-parser` installs link-grammar (firmware/deps.sh parser) and runs
# it; it is not part of `make bench` nor of bulletin.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
. tests/bench/lib.sh
bin="$root/bulletin"
[ -x "$bin" ] || { echo "parser bench: build bulletin first (make bulletin)"; exit 1; }
work=$(mktemp -d /tmp/bulletin-bench-parser-XXXXXX)
trap 'rm -rf "$work"' EXIT INT TERM

cc -std=c11 -O2 -o "$work/parser_check" tests/bench/parser_check.c $(pkg-config --cflags --libs link-grammar)
what=$(bench_corpus "$work/articles" "$bin")
echo "parser bench: $what"
for f in "$work"/articles/*.txt; do
    "$bin" points "$f" 2>/dev/null | sed "s|^|$(basename "$f")\t|" || :
done >"$work/points.tsv"
cut -f2- "$work/points.tsv" >"$work/points.txt"
LC_ALL=C.UTF-8 /usr/bin/time -f '%M' -o "$work/rss" "$work/parser_check" <"$work/points.txt" >"$work/parsed.tsv" 2>"$work/load"

speed="$work/points_speed" aps=n/a
if build_points_speed "$speed" "$work/cc.log"; then
    set -- $("$speed" 1 "$work"/articles/*.txt)
    aps=$6
fi

python3 - "$work" "$aps" "$(cat "$work/rss")" "$(grep 'dictionary load' "$work/load")" <<'PYEOF'
import os, statistics, sys
work, aps, rss_kb, load = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
texts = {f: open(os.path.join(work, "articles", f), encoding="utf-8").read()
         for f in os.listdir(os.path.join(work, "articles"))}
owners = [l.split("\t", 1)[0] for l in open(os.path.join(work, "points.tsv"), encoding="utf-8")]
# the library may print a locale note on stdout before the first point
rows = [l.rstrip("\n").split("\t", 2) for l in open(os.path.join(work, "parsed.tsv"), encoding="utf-8")
        if l.split("\t", 1)[0].lstrip("-").isdigit()]
assert len(rows) == len(owners), "parser bench: %d points, %d parsed" % (len(owners), len(rows))
ms = [float(r[1]) for r in rows]
ENDS = ".!?\u2019'\"\u201d"
def whole(owner, point):
    """Is the point a sentence of the article as written: the same words
    from a sentence's start to its end punctuation?"""
    if point.endswith("\u2026"):
        return False
    body, text = point.rstrip(ENDS), texts[owner]
    at = text.find(body)
    while at >= 0:
        before = text[:at].rstrip(" \n")
        after = text[at + len(body):at + len(body) + 1]
        if (not before or before[-1] in ENDS) and after and after in ENDS:
            return True
        at = text.find(body, at + 1)
    return False
groups = {"whole": [0, 0], "compressed or cut": [0, 0]}
for owner, r in zip(owners, rows):
    g = groups["whole" if whole(owner, r[2]) else "compressed or cut"]
    g[0] += 1
    g[1] += int(r[0]) != 0
per_article = len(rows) / max(1, len(texts))
print("parser: %s; %d points of %d articles" % (load.strip(), len(rows), len(texts)))
print("parser: %.1f ms a point median, %.1f p90, %.0f max; peak RSS %.0f MB"
      % (statistics.median(ms), sorted(ms)[int(0.9 * len(ms))], max(ms), rss_kb / 1024))
if aps != "n/a":
    art_ms = 1000.0 / float(aps.replace(",", ""))
    print("summarizer: %.2f ms an article in one process; parsing its %.1f points: %.0fx that"
          % (art_ms, per_article, statistics.median(ms) * per_article / art_ms))
for name, (n, flagged) in groups.items():
    print("points %-17s %4d, not linked whole by the parser: %4d (%.1f%%)" % (name, n, flagged, 100.0 * flagged / max(1, n)))
PYEOF
