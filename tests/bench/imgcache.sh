#!/bin/sh
# imgcache.sh - the lead-image cache under a fetch of N feeds (default 100)
# with images, on loopback (tests/httpd.py): 5 items a feed, each with its
# own image URL (/img/FEED-N.jpg, answered from 8 pictures made here with
# ImageMagick: JPEG photos of 1600x1067 to 3000x2000, a WebP, a PNG).
# For each `bulletin fetch --once --force`: wall time, peak RSS of the
# worker, images fetched/cached, bytes written to the cache, and the cache's
# size after pruning (cap: 64 MiB). Cycles: the first edition (500 images,
# 300 a pass), the same again (the other 200), then a second edition of
# every feed (500 new images: the cap prunes the oldest).
#
# usage: tests/bench/imgcache.sh [N]   Run from the project root after `make bulletin`.
# BASELINE_BIN=path/to/older/bulletin runs the first cycle with it too.
set -eu
cd "$(dirname "$0")/../.."
. tests/bench/lib.sh
n=${1:-100}
bin=${BULLETIN_BIN:-./bulletin}
tmp=$(mktemp -d /tmp/bulletin-bench-img-XXXXXX)
mkdir -p "$tmp/files"
i=0
for size in 1600x1067 2400x1600 3000x2000 1200x800 2000x1333 1800x1200; do
    convert -size "$size" -seed $i plasma:fractal -quality 88 "$tmp/files/img-$i.jpg"
    i=$((i + 1))
done
convert -size 1600x900 -seed 7 plasma:fractal "$tmp/files/img-6.webp"
convert -size 1400x900 -seed 8 gradient:navy-orange "$tmp/files/img-7.png"
src_bytes=$(du -cb "$tmp"/files/img-* | tail -n1 | cut -f1)

BULLETIN_TEST_FILES="$tmp/files" python3 tests/httpd.py >"$tmp/port" &
srv=$!
trap 'kill $srv 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT INT TERM
i=0
while [ ! -s "$tmp/port" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
port=$(head -n1 "$tmp/port")

write_conf() { # STORE
    printf '[store]\npath = %s\n[fetch]\nparallel = 16\nhost_parallel = 16\npage_parallel = 8\n' "$1"
    i=0
    while [ $i -lt "$n" ]; do
        printf '[feed "Bench %d"]\nurl = http://127.0.0.1:%s/f/i%d\nfulltext = no\n' $i "$port" $i
        i=$((i + 1))
    done
}
write_conf "$tmp/store.db" >"$tmp/bench.conf"
cache="$tmp/store-images"

# One cycle; prints wall, peak RSS and the cache's own log figures.
cycle() { # LABEL BIN CONF CACHE
    start=$(date +%s.%N)
    BULLETIN_LOG=info /usr/bin/time -f '%M' -o "$tmp/time" \
        "$2" fetch --once --force --config "$3" 2>"$tmp/log" >/dev/null || true
    end=$(date +%s.%N)
    rss=$(tail -n1 "$tmp/time")
    line=$(grep 'imgcache: images:' "$tmp/log" | tail -n1 | sed 's/.*images: //')
    files=$(find "$4" -name '*.img' 2>/dev/null | wc -l)
    bytes=$(find "$4" -name '*.img' -printf '%s\n' 2>/dev/null | awk '{s += $1} END {print s + 0}')
    printf '%-28s wall %5.2f s, peak RSS %6s KiB, cache %3d files %6d KiB\n' "$1:" \
        "$(echo "$end - $start" | bc)" "$rss" "$files" $((bytes / 1024))
    [ -z "$line" ] || echo "    $line"
    record "image cache (one run each)" "$1: wall, peak RSS, cache" \
        "$(echo "$end - $start" | bc) s, $((rss / 1024)) MB, $files files $((bytes / 1048576)) MiB"
}

echo "$n feeds x 5 items, one image each; sources: 8 pictures, $((src_bytes / 1024)) KiB"
if [ -n "${BASELINE_BIN:-}" ]; then
    write_conf "$tmp/base.db" >"$tmp/base.conf"
    cycle "baseline (no image cache)" "$BASELINE_BIN" "$tmp/base.conf" "$tmp/base-images"
fi
cycle "edition 1, first pass" "$bin" "$tmp/bench.conf" "$cache"
cycle "edition 1, second pass" "$bin" "$tmp/bench.conf" "$cache"
i=0
while [ $i -lt "$n" ]; do
    curl -s "http://127.0.0.1:$port/_set?name=i$i&mode=ok2" >/dev/null
    i=$((i + 1))
done
cycle "edition 2 (cap prunes)" "$bin" "$tmp/bench.conf" "$cache"
cycle "edition 2, second pass" "$bin" "$tmp/bench.conf" "$cache"
temps=$(find "$cache" -name '*.tmp-*' | wc -l)
marks=$(find "$cache" -name '*.bad' | wc -l)
echo "  after pruning: $(du -sk "$cache" | cut -f1) KiB on disk, $temps temp files, $marks failure marks"
