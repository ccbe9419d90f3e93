#!/bin/sh
# feed.sh - parse speed of `bulletin feed --json` on a large generated feed.
#
# usage: tests/bench/feed.sh [MB] [RUNS]   (defaults: 20 MB, 5 runs)
# Generates an RSS 2.0 feed of about MB megabytes (items with escaped and
# CDATA HTML, HTML named entities, dc: and content: fields, RFC 822 dates),
# times RUNS parses and prints the median in MB/s. Run from the project root
# after `make bulletin`.
set -eu
mb=${1:-20}
runs=${2:-5}
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
times=""
i=0
while [ "$i" -lt "$runs" ]; do
    s=$(date +%s.%N)
    "$bin" feed --json "$tmp/big.xml" >/dev/null
    e=$(date +%s.%N)
    times="$times $(echo "$e - $s" | bc -l 2>/dev/null || awk "BEGIN{print $e - $s}")"
    i=$((i + 1))
done
median=$(echo "$times" | tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
awk -v b="$bytes" -v t="$median" -v n="$entries" -v r="$runs" 'BEGIN {
    printf "feed parse: %.1f MB in %.3f s (median of %d) = %.1f MB/s, %d entries\n",
           b / 1e6, t, r, b / 1e6 / t, n }'
