#!/bin/sh
# paste.sh - puts build/bench/results.md (the last `make bench`) into
# docs/benchmarks.md, between the lines "<!-- results: begin -->" and
# "<!-- results: end -->", replacing what was there. With a second
# argument NAME it uses the markers "<!-- results NAME: begin -->" / "end"
# (docs/benchmarks.md keeps the arm64 run in its own block).
# usage: sh tests/bench/paste.sh [RESULTS.md [NAME]]
set -eu
cd "$(dirname "$0")/../.."
src=${1:-build/bench/results.md}
tag="results${2:+ $2}"
doc=docs/benchmarks.md
[ -s "$src" ] || { echo "paste.sh: no $src (run make bench)" >&2; exit 1; }
grep -q "^<!-- $tag: begin -->\$" "$doc" && grep -q "^<!-- $tag: end -->\$" "$doc" ||
    { echo "paste.sh: $doc has no '<!-- $tag: begin/end -->' markers" >&2; exit 1; }
awk -v tag="$tag" -v src="$src" '
    $0 == "<!-- " tag ": begin -->" { print; while ((getline l < src) > 0) print l; skip = 1; next }
    $0 == "<!-- " tag ": end -->" { skip = 0 }
    !skip { print }' "$doc" >"$doc.new"
mv "$doc.new" "$doc"
echo "paste.sh: $src -> $doc ($tag)"
