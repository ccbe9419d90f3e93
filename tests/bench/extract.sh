#!/bin/sh
# extract.sh - the article extractor's bench: quality and speed.
#
# Over the fixture pages (tests/data/pages/*.html, references NAME.txt):
#  - token precision/recall/F1 of `bulletin extract` beside the naive
#    "text of every <p>" baseline and Mozilla Readability (jsdom), all on
#    the same pages in this one run; then the same over tests/bench/heldout,
#    pages written after the extractor and kept out of its tuning and tests;
#  - throughput in process, CPU time, BENCH_RUNS runs of >= 1 s each:
#    extract_page (plain -O2 build) beside Readability + jsdom in node (the
#    runs in one node process, after 2 s of warm-up), on the same pages.
# Readability and jsdom are installed from npm into build/node (ignored by
# git) on first use, the versions pinned in tests/bench/package-lock.json
# (`npm ci`); without node/npm that column is skipped.
# EXTRACT_BENCH_PAGES=DIR uses another directory of NAME.html + NAME.txt.
set -eu
cd "$(dirname "$0")/../.."
. tests/bench/lib.sh
S=extraction
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
    python3 tests/bench/tokf1.py "$dir" $systems | tee "$o/f1.txt"
    echo
    f1() { awk -v s="$1" '$1 == s && NF >= 4 {print $4}' "$o/f1.txt"; }
    n=$(ls "$dir"/*.html | wc -l)
    rej=$(awk '$1 == "ours" {print $5}' "$o/f1.txt")
    record $S "token F1, $n $2 pages ($dir; no-article pages rejected: $rej)" "$(f1 ours)" \
        "$([ "$have_readability" = 1 ] && echo "$peer" || echo "naive <p>")" \
        "$([ "$have_readability" = 1 ] && f1 readability || f1 naive-p)"
}

have_readability=0
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
    if ! cmp -s tests/bench/package-lock.json build/node/package-lock.json ||
        [ ! -d build/node/node_modules/@mozilla/readability ] || [ ! -d build/node/node_modules/jsdom ]; then
        rm -rf build/node
        mkdir -p build/node
        cp tests/bench/package.json tests/bench/package-lock.json build/node/
        (cd build/node && npm ci --no-audit --no-fund --silent >npm.log 2>&1) ||
            { echo "extract.sh: npm ci of readability failed (build/node/npm.log); skipping it" >&2
              rm -f build/node/package-lock.json; }
    fi
    [ -d build/node/node_modules/@mozilla/readability ] && have_readability=1
else
    echo "extract.sh: node/npm not found; skipping Readability" >&2
fi
[ $have_readability = 1 ] || note $S "Mozilla Readability skipped: node/npm missing or npm ci failed"
readability_version=$(sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' build/node/node_modules/@mozilla/readability/package.json 2>/dev/null | head -n1)
jsdom_version=$(sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' build/node/node_modules/jsdom/package.json 2>/dev/null | head -n1)
peer="Readability ${readability_version:-?} (jsdom ${jsdom_version:-?})"

quality "$pages" fixtures
# Pages written after the extractor and not tuned on: a fairer estimate.
[ -n "${EXTRACT_BENCH_PAGES:-}" ] || quality tests/bench/heldout held-out
echo "== extract: speed in process, CPU time, $(ls "$pages"/*.html | wc -l) pages ($(nproc) cores, one used)"
make --no-print-directory -s build/plain/libbulletin.a
# shellcheck disable=SC2046,SC2086
cc -std=c11 -O2 -D_GNU_SOURCE -Iapp $(pkg-config --cflags $(bench_pkgs)) \
    -o "$out/extract_speed" tests/bench/extract_speed.c build/plain/libbulletin.a \
    -Wl,--as-needed $(pkg-config --libs $(bench_pkgs)) -lstemmer -lm
secs=${EXTRACT_BENCH_SECONDS:-1}
ps="" mbs="" rps="" rmbs=""
r=0
while [ $r -lt "$BENCH_RUNS" ]; do
    line=$("$out/extract_speed" "$secs" "$pages"/*.html)
    ps="$ps $(echo "$line" | sed -n 's/.*: \([0-9.]*\) pages\/s.*/\1/p')"
    mbs="$mbs $(echo "$line" | sed -n 's/.*, \([0-9.]*\) MB\/s.*/\1/p')"
    r=$((r + 1))
done
# Readability: the same number of runs in one node process, after a warm-up
if [ "$have_readability" = 1 ]; then
    NODE_PATH=build/node/node_modules node tests/bench/readability.js --speed "$secs" "$BENCH_RUNS" \
        "$pages"/*.html >"$out/readability-speed.txt"
    rps=$(awk '{print $10}' "$out/readability-speed.txt") rmbs=$(awk '{print $12}' "$out/readability-speed.txt")
fi
echo "ours: $(spread 0 pages/s $ps), $(spread 2 MB/s $mbs)"
[ "$have_readability" = 1 ] && echo "$peer: $(spread 1 pages/s $rps), $(spread 3 MB/s $rmbs)"
record $S "speed in one process (CPU time): pages/s" "$(spread 0 "" $ps)" "$peer" "$(spread 1 "" ${rps:-n/a})"
record $S "the same: MB/s of HTML" "$(spread 2 "" $mbs)" "$peer" "$(spread 3 "" ${rmbs:-n/a})"
