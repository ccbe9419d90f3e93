#!/usr/bin/env python3
"""report.py - build/bench/results.md from what `make bench` recorded.

usage: report.py MACHINE.tsv RESULTS.tsv > results.md
MACHINE.tsv: KEY<TAB>VALUE lines (command, machine, date, commit, load_start,
load_end, total, and "time<TAB>SCRIPT<TAB>SECONDS" per script).
RESULTS.tsv: SECTION<TAB>FIGURE<TAB>VALUE<TAB>PEER<TAB>PEER-VALUE<TAB>TARGET
lines (tests/bench/lib.sh's record); FIGURE "#" makes VALUE a note.
The output is Markdown meant to be pasted whole into docs/benchmarks.md
between its "results" markers (tests/bench/paste.sh does that).
"""
import sys


def cell(s):
    return (s or "").replace("|", "\\|") or "\u2013"


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    info, times = {}, []
    for line in open(argv[0], encoding="utf-8"):
        parts = line.rstrip("\n").split("\t")
        if parts[0] == "time" and len(parts) == 3:
            times.append((parts[1], parts[2]))
        elif len(parts) >= 2:
            info[parts[0]] = parts[1]
    sections, order = {}, []
    for line in open(argv[1], encoding="utf-8"):
        parts = (line.rstrip("\n").split("\t") + [""] * 6)[:6]
        if not parts[0]:
            continue
        if parts[0] not in sections:
            sections[parts[0]] = {"rows": [], "notes": []}
            order.append(parts[0])
        if parts[1] == "#":
            sections[parts[0]]["notes"].append(parts[2])
        else:
            sections[parts[0]]["rows"].append(parts[1:])
    out = []
    out.append(f"Command: `{info.get('command', 'make bench')}`  ")
    out.append(f"Machine: {info.get('machine', '?')}  ")
    out.append(f"Date: {info.get('date', '?')}, commit {info.get('commit', '?')}  ")
    out.append(f"Load average (1, 5, 15 min) at the start: {info.get('load_start', '?')}; "
               f"at the end: {info.get('load_end', '?')}  ")
    if times:
        out.append("Time taken: " + ", ".join(f"{b} {t} s" for b, t in times) +
                   f"; {info.get('total', '?')} s in all")
    out.append("")
    out.append("Figures are the median [min\u2013max] of the runs; a figure without a range "
               "is a single measurement (callgrind's counts do not vary).")
    # "the same: X" rows name the row above them; the summary spells it out
    targets = []
    for name in order:
        base = ""
        for fig, val, peer, pval, target in sections[name]["rows"]:
            if fig.startswith("the same"):
                full = base + ": " + fig[len("the same"):].lstrip(": ")
            else:
                base = full = fig
            if target:
                targets.append((name + ": " + full, val, f"{peer}: {pval}" if peer else "", target))
    if targets:
        out.append("")
        out.append("### Against the targets (issues 15 and 11)")
        out.append("")
        out.append("| figure | Bulletin | peer: its figure | target |")
        out.append("|---|---|---|---|")
        for row in targets:
            out.append("| " + " | ".join(cell(c) for c in row) + " |")
    for name in order:
        sec = sections[name]
        out.append("")
        out.append(f"### {name}")
        out.append("")
        if sec["rows"]:
            out.append("| figure | Bulletin | peer | peer's figure | target |")
            out.append("|---|---|---|---|---|")
            for fig, val, peer, pval, target in sec["rows"]:
                out.append(f"| {cell(fig)} | {cell(val)} | {cell(peer)} | {cell(pval)} | {cell(target)} |")
        for n in sec["notes"]:
            out.append("")
            out.append(f"- {n}")
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
