#!/bin/sh
# same_output.sh - digests of everything the summarizer prints, to compare
# before and after a change made for speed alone (docs/summarizer.md, Speed).
#
# usage: sh tests/bench/same_output.sh [OUT_DIR]
# Builds the executables and tests/bench/same_output.c against the plain build, then
# prints one line per part: "NAME sha256(16 hex)". The parts:
#  - harness: same_output over every article of ../shared/dev (when present),
#    the seeds, tests/data's texts and the demo's pages through `bulletin
#    extract`, each also damaged four ways (see same_output.c);
#  - cli: `bulletin points` and `points --json` of every seed, demo page
#    (HTML, through textinput) and tests/data text; `bulletin story --json`
#    of tests/data/story_[abc].txt, the demo pages and the seeds.
# With OUT_DIR the full outputs stay there (harness.txt, cli.txt) for a diff.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
. tests/bench/lib.sh
out=${1:-}
work=$(mktemp -d /tmp/bulletin-same-XXXXXX)
trap 'rm -rf "$work"' EXIT INT TERM
make -s all build/plain/libbulletin.a >/dev/null
cc -std=c11 -O2 -D_GNU_SOURCE -Iapp $(pkg-config --cflags $(bench_pkgs) 2>/dev/null) \
    -o "$work/same_output" tests/bench/same_output.c build/plain/libbulletin.a \
    -Wl,--as-needed $(pkg-config --libs $(bench_pkgs) 2>/dev/null) -lstemmer -lm

mkdir -p "$work/texts"
dev="$root/../shared/dev/highlights.jsonl"
if [ -f "$dev" ]; then
    python3 - "$dev" "$work/texts" <<'PYEOF'
import json, os, sys
for n, line in enumerate(open(sys.argv[1], encoding="utf-8")):
    r = json.loads(line)
    with open(os.path.join(sys.argv[2], "dev%04d.txt" % n), "w", encoding="utf-8") as f:
        f.write(r["text"] + "\n")
PYEOF
fi
seeds=""
[ -d "$root/../shared/seeds" ] && seeds=$(ls "$root"/../shared/seeds/[0-9]*.txt)
for f in $seeds $(ls tests/data/*.txt | grep -v modules.txt); do cp "$f" "$work/texts/x_$(basename "$f")"; done
for f in feeds/demo/articles/*.html; do
    ./bulletin extract "$f" >"$work/texts/demo_$(basename "$f" .html).txt" 2>/dev/null || :
done
"$work/same_output" "$work"/texts/*.txt >"$work/harness.txt"

pages=$(ls feeds/demo/articles/*.html)
for f in $seeds $pages $(ls tests/data/*.txt | grep -v modules.txt) tests/data/points_page.html; do
    echo "== ${f#"$root"/}"
    ./bulletin points "$f" 2>&1 || echo "rc $?"
    ./bulletin points --json "$f" 2>&1 || echo "rc $?"
done >"$work/cli.txt"
{
    ./bulletin story --json tests/data/story_a.txt tests/data/story_b.txt tests/data/story_c.txt
    # shellcheck disable=SC2086
    ./bulletin story --json $pages
    # shellcheck disable=SC2086
    [ -z "$seeds" ] || ./bulletin story --json $seeds
    # shellcheck disable=SC2086
    [ -z "$seeds" ] || ./bulletin story $seeds
} >>"$work/cli.txt" 2>&1 || echo "rc $?" >>"$work/cli.txt"

# the log's prefix holds the pid
sed -i 's/^bulletin\[[0-9]*\]/bulletin[pid]/' "$work/cli.txt"
echo "texts $(ls "$work/texts" | wc -l)"
echo "harness $(sha256sum <"$work/harness.txt" | cut -c1-16)"
echo "cli $(sha256sum <"$work/cli.txt" | cut -c1-16)"
if [ -n "$out" ]; then
    mkdir -p "$out"
    cp "$work/harness.txt" "$work/cli.txt" "$out/"
fi
