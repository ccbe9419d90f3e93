#!/bin/sh
# feed.sh - parse speed of `bulletin feed --json` on a large generated feed.
#
# usage: tests/bench/feed.sh [MB] [RUNS]   (defaults: 10 MB, BENCH_RUNS or 5)
# Generates an RSS 2.0 feed of about MB megabytes (items with escaped and
# CDATA HTML, HTML named entities, dc: and content: fields, RFC 822 dates),
# times RUNS parses (CPU time of the process, user + sys) and prints MB/s,
# median [min-max]; beside it, `xmllint --noout` on the same file (libxml2
# building the tree and nothing else: the floor for any parser on top of it).
# Run from the project root after `make bulletin`.
set -eu
cd "$(dirname "$0")/../.."
. tests/bench/lib.sh
mb=${1:-10}
runs=${2:-$BENCH_RUNS}
bin=${BULLETIN_BIN:-./bulletin}
tmp=$(mktemp -d /tmp/bulletin-bench-feed-XXXXXX)
trap 'rm -rf "$tmp"' EXIT INT TERM

python3 - "$tmp/big.xml" "$mb" <<'PY'
import sys
path, mb = sys.argv[1], float(sys.argv[2])
days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
head = ('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/">\n<channel>\n'
        '<title>Bench &amp; Co</title><link>https://bench.example.com/</link>\n')
with open(path, "w", encoding="utf-8") as f:
    f.write(head)
    size, i = len(head), 0
    while size < mb * 1e6:
        item = (
            f'<item><title>Story {i}: caf&eacute; prices &ndash; rise&nbsp;again</title>'
            f'<link>https://bench.example.com/news/{i}?a=1&amp;b=2</link>'
            f'<guid isPermaLink="false">bench-{i}</guid>'
            f'<pubDate>{days[i % 7]}, {1 + i % 28:02d} {months[i % 12]} 2025 '
            f'{i % 24:02d}:{i % 60:02d}:00 +0100</pubDate>'
            f'<dc:creator>Reporter {i % 50}</dc:creator>'
            f'<description>&lt;p&gt;Summary of story {i} with &lt;b&gt;bold&lt;/b&gt; '
            f'words &amp;amp; more.&lt;/p&gt;</description>'
            '<content:encoded><![CDATA[<p>' +
            ('The council met on Tuesday to discuss the harbour budget, '
             'the ferry timetable and the new library&hellip; ' * 6) +
            '</p><p>Second paragraph with <a href="/x">a link</a> and &eacute;l&egrave;ve.</p>'
            '<img src="/img/a.jpg"/>]]></content:encoded></item>\n')
        f.write(item)
        size += len(item.encode())
        i += 1
    f.write("</channel></rss>\n")
PY

bytes=$(wc -c <"$tmp/big.xml")
"$bin" feed --json "$tmp/big.xml" >"$tmp/out.json"   # warm-up and sanity check
entries=$(grep -o '"id":"bench-' "$tmp/out.json" | wc -l)
# cpu ok|any CMD...: CPU seconds (user + sys) of one run, output dropped;
# "failed" when it exits non-zero, unless any
cpu() {
    python3 -c 'import os, subprocess, sys
ok = sys.argv[1] == "any"
p = subprocess.Popen(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, st, ru = os.wait4(p.pid, 0)
print("%.4f" % (ru.ru_utime + ru.ru_stime) if st == 0 or ok else "failed")' "$@"
}
rate() { for t in "$@"; do awk -v b="$bytes" -v t="$t" 'BEGIN {if (t > 0) printf "%.2f\n", b / 1e6 / t}'; done; }
ours="" floor=""
i=0
while [ "$i" -lt "$runs" ]; do
    ours="$ours $(cpu ok "$bin" feed --json "$tmp/big.xml")"
    command -v xmllint >/dev/null 2>&1 && floor="$floor $(cpu any xmllint --noout --huge --recover "$tmp/big.xml")"
    i=$((i + 1))
done
o=$(spread 1 MB/s $(rate $ours))
f=$(spread 1 MB/s $(rate ${floor:-}))
echo "feed parse: $(awk -v b="$bytes" 'BEGIN {printf "%.1f", b / 1e6}') MB, $entries entries, $runs runs (CPU time): bulletin feed --json $o; xmllint --noout $f"
record "feed parse" "\`bulletin feed --json\`, $(awk -v b="$bytes" 'BEGIN {printf "%.0f", b / 1e6}') MB RSS feed, $entries entries (CPU time)" "$o" "xmllint --noout --recover (libxml2 alone)" "$f"
