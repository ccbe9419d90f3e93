#!/bin/sh
# extract.sh - the article extractor's bench: quality and speed.
#
# Over the fixture pages (tests/data/pages/*.html, references NAME.txt):
#  - token precision/recall/F1 of `bulletin extract` beside the naive
#    "text of every <p>" baseline and Mozilla Readability (jsdom), all on
#    the same pages in this one run; then the same over tests/bench/heldout,
#    pages written after the extractor and kept out of its tuning and tests;
#  - throughput of extract_page in process: pages/s and MB/s.
# Readability and jsdom are installed from npm into build/node (ignored by
# git) on first use; without node/npm that column is skipped.
# EXTRACT_BENCH_PAGES=DIR uses another directory of NAME.html + NAME.txt.
set -eu
cd "$(dirname "$0")/../.."
pages=${EXTRACT_BENCH_PAGES:-tests/data/pages}
out=build/bench/extract
rm -rf "$out"
mkdir -p "$out"
[ -x ./bulletin ] || make --no-print-directory bulletin

# quality DIR LABEL: token F1 of ours, naive <p> and Readability over DIR.
quality() {
    dir=$1
    o=$out/$2
    mkdir -p "$o/ours" "$o/naive" "$o/readability"
    echo "== extract: token F1 over $(ls "$dir"/*.html | wc -l) pages in $dir ($2)"
    for f in "$dir"/*.html; do
        name=$(basename "$f" .html)
        ./bulletin extract "$f" >"$o/ours/$name.txt" 2>/dev/null || : >"$o/ours/$name.txt"
        python3 tests/bench/naive_p.py "$f" >"$o/naive/$name.txt"
    done
    systems="ours=$o/ours naive-p=$o/naive"
    if [ "$have_readability" = 1 ]; then
        NODE_PATH=build/node/node_modules node tests/bench/readability.js "$o/readability" "$dir"/*.html
        systems="$systems readability=$o/readability"
    fi
    # shellcheck disable=SC2086
    python3 tests/bench/tokf1.py "$dir" $systems
    echo
}

have_readability=0
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
    if [ ! -d build/node/node_modules/@mozilla/readability ] || [ ! -d build/node/node_modules/jsdom ]; then
        mkdir -p build/node
        (cd build/node && { [ -f package.json ] || npm init -y >/dev/null; } &&
            npm install --no-audit --no-fund --silent @mozilla/readability jsdom >/dev/null 2>&1) ||
            echo "extract.sh: npm install of readability failed; skipping it" >&2
    fi
    [ -d build/node/node_modules/@mozilla/readability ] && have_readability=1
else
    echo "extract.sh: node/npm not found; skipping Readability" >&2
fi

quality "$pages" fixtures
# Pages written after the extractor and not tuned on: a fairer estimate.
[ -n "${EXTRACT_BENCH_PAGES:-}" ] || quality tests/bench/heldout held-out
echo "== extract: speed (in process, plain -O2 build, $(nproc) cores, one used)"
objs=$(ls build/plain/obj/*.o | grep -v -e '/main[^/]*\.o$' -e '/source_http_none\.o$')
# shellcheck disable=SC2046,SC2086
cc -std=c11 -O2 -D_GNU_SOURCE -Iapp $(pkg-config --cflags libxml-2.0 libcjson libcurl) \
    -o "$out/extract_speed" tests/bench/extract_speed.c $objs \
    $(pkg-config --libs sdl2 SDL2_ttf SDL2_image libcurl libxml-2.0 sqlite3 libcjson \
      libutf8proc libqrencode fribidi libsystemd uchardet) -lstemmer -lm
"$out/extract_speed" "${EXTRACT_BENCH_SECONDS:-3}" "$pages"/*.html
