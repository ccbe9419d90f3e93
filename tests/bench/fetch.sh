#!/bin/sh
# fetch.sh - one full fetch cycle of N feeds on loopback (default 100), from
# the local test server tests/httpd.py: wall time, CPU time and peak RSS of
# `bulletin fetch --once --force`, first with every feed answering 200 (5
# items each, full text on: 5 article pages a feed), then again with every
# feed answering 304 (conditional GET with the stored ETag).
#
# usage: tests/bench/fetch.sh [N]   Run from the project root after `make bulletin`.
set -eu
n=${1:-100}
bin=${BULLETIN_BIN:-./bulletin}
tmp=$(mktemp -d /tmp/bulletin-bench-fetch-XXXXXX)
python3 tests/httpd.py >"$tmp/port" &
srv=$!
trap 'kill $srv 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT INT TERM
i=0
while [ ! -s "$tmp/port" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
port=$(head -n1 "$tmp/port")
{
    printf '[store]\npath = %s/store.db\n[fetch]\nparallel = 16\nhost_parallel = 16\npage_parallel = 16\n' "$tmp"
    i=0
    while [ $i -lt "$n" ]; do
        printf '[feed "Bench %d"]\nurl = http://127.0.0.1:%s/f/b%d\nfulltext = yes\n' $i "$port" $i
        i=$((i + 1))
    done
} >"$tmp/bench.conf"

# Runs one cycle; prints "label: wall s, user s, sys s, max RSS KiB".
cycle() {
    label=$1
    start=$(date +%s.%N)
    if [ -x /usr/bin/time ]; then
        BULLETIN_LOG=warn /usr/bin/time -f '%U %S %M' -o "$tmp/time" \
            "$bin" fetch --once --force --config "$tmp/bench.conf" 2>"$tmp/log" >/dev/null || true
    else
        BULLETIN_LOG=warn "$bin" fetch --once --force --config "$tmp/bench.conf" 2>"$tmp/log" >/dev/null || true
        echo "? ? ?" >"$tmp/time"
    fi
    end=$(date +%s.%N)
    read -r user sys rss <"$tmp/time"
    printf '%-34s wall %.2f s, CPU user %s s + sys %s s, peak RSS %s KiB\n' "$label:" \
        "$(echo "$end - $start" | bc)" "$user" "$sys" "$rss"
}

cycle "$n feeds, 200 + $((n * 5)) pages"
articles=$(sqlite3 "$tmp/store.db" 'SELECT count(*) FROM articles' 2>/dev/null || echo "?")
texts=$(sqlite3 "$tmp/store.db" 'SELECT count(*) FROM articles WHERE text IS NOT NULL' 2>/dev/null || echo "?")
echo "  stored: $articles articles, $texts with page text"
cycle "$n feeds, all 304"
hits=$(curl -s "http://127.0.0.1:$port/_hits?path=/f/b0" 2>/dev/null || echo "?")
echo "  requests to one feed over both cycles: $hits"
