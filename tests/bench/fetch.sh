#!/bin/sh
# fetch.sh - one full fetch cycle of N feeds on loopback (default 100), from
# the local test server tests/httpd.py: wall time, CPU time (user + sys) and
# peak RSS of `bulletin fetch --once --force`. A run is two passes on a new
# store: the cold pass, every feed answering 200 (5 items each, full text on:
# 5 article pages a feed, so 100 feeds + 500 pages), then the warm pass,
# every feed answering 304 to the conditional GET (stored ETag). The warm
# pass is the cold pass's peer: what a refresh costs when nothing changed.
# BENCH_RUNS runs (5); figures are median [min-max].
# BULLETIN_BIN_BEFORE=path runs the cold pass of an older binary beside.
#
# usage: tests/bench/fetch.sh [N]   Run from the project root after `make bulletin`.
set -eu
cd "$(dirname "$0")/../.."
. tests/bench/lib.sh
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

# pass BIN: one `fetch --once --force`; prints "wall cpu rss_kib"
pass() {
    python3 - "$1" "$tmp/bench.conf" "$tmp/log" <<'PY'
import os, subprocess, sys, time
env = dict(os.environ, BULLETIN_LOG="warn")
t0 = time.monotonic()
p = subprocess.Popen([sys.argv[1], "fetch", "--once", "--force", "--config", sys.argv[2]],
                     stdout=subprocess.DEVNULL, stderr=open(sys.argv[3], "a"), env=env)
_, _, ru = os.wait4(p.pid, 0)
print(f"{time.monotonic() - t0:.3f} {ru.ru_utime + ru.ru_stime:.3f} {ru.ru_maxrss}")
PY
}

# runs BIN: sets cold_wall cold_cpu cold_rss warm_wall warm_cpu
runs() {
    rbin=$1 cold_wall="" cold_cpu="" cold_rss="" warm_wall="" warm_cpu=""
    r=0
    while [ $r -lt "$BENCH_RUNS" ]; do
        rm -rf "$tmp"/store.db* "$tmp"/store-images
        set -- $(pass "$rbin")
        cold_wall="$cold_wall $1" cold_cpu="$cold_cpu $2" cold_rss="$cold_rss $(($3 / 1024))"
        set -- $(pass "$rbin")
        warm_wall="$warm_wall $1" warm_cpu="$warm_cpu $2"
        r=$((r + 1))
    done
}

runs "$bin"
articles=$(sqlite3 "$tmp/store.db" 'SELECT count(*) FROM articles' 2>/dev/null || echo "?")
texts=$(sqlite3 "$tmp/store.db" 'SELECT count(*) FROM articles WHERE text IS NOT NULL' 2>/dev/null || echo "?")
hits=$(curl -s "http://127.0.0.1:$port/_hits?path=/f/b0" 2>/dev/null || echo "?")
cw=$(spread 2 s $cold_wall) cc=$(spread 2 s $cold_cpu) cr=$(spread 0 MB $cold_rss)
ww=$(spread 2 s $warm_wall) wc=$(spread 2 s $warm_cpu)
echo "$BENCH_RUNS runs; $n feeds, 200 + $((n * 5)) pages (cold) then all 304 (warm)"
echo "cold pass: wall $cw, CPU $cc, peak RSS $cr"
echo "warm pass: wall $ww, CPU $wc"
echo "  stored: $articles articles, $texts with page text; requests to one feed: $hits"
S=fetch
record $S "$n feeds + $((n * 5)) pages on loopback, cold pass: wall" "$cw" "warm pass (all 304)" "$ww" ""
record $S "the same: CPU (user + sys)" "$cc" "warm pass (all 304)" "$wc" "<= 1 s"
record $S "the same: peak RSS" "$cr"
if [ -n "${BULLETIN_BIN_BEFORE:-}" ]; then
    runs "$BULLETIN_BIN_BEFORE"
    bw=$(spread 2 s $cold_wall) bc=$(spread 2 s $cold_cpu)
    echo "before ($BULLETIN_BIN_BEFORE): cold pass wall $bw, CPU $bc"
    record $S "cold pass wall, beside an older binary" "$cw" "before" "$bw"
    record $S "cold pass CPU, beside an older binary" "$cc" "before" "$bc"
fi
note $S "stored after a run: $articles articles, $texts with page text"
