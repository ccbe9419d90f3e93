#!/bin/sh
# cluster.sh - story clustering quality: pairwise precision and recall on the
# written fixtures (tests/data/cluster) and on the demo pages, and - when the
# seed articles exist at ../shared/seeds beside the project root - how many
# clusters those five reports of one event make (1 is right).
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root" || exit 1
mkdir -p build/bench
. tests/bench/lib.sh
make --no-print-directory build/plain/tests/test_cluster >/dev/null || exit 1
seeds="$root/../shared/seeds"
[ -d "$seeds" ] || seeds=""
CLUSTER_SEEDS="$seeds" CLUSTER_VERBOSE=1 ./build/plain/tests/test_cluster 2>&1 |
    grep -E 'cluster report|wrongly|missed|best' >"$root/build/bench/cluster.txt" || :
cat "$root/build/bench/cluster.txt"
sed -n 's/^cluster report \[\([a-z]*\)\]: \([0-9]*\) articles, \([0-9]*\) clusters, .*precision \([0-9.]*\) recall \([0-9.]*\).*/\1 \2 \3 \4 \5/p' \
    "$root/build/bench/cluster.txt" | while read -r name arts clusters p r; do
    record "story clustering" "$name: $arts articles into $clusters stories, pairwise precision / recall" "$p / $r"
done
[ -n "$seeds" ] || note "story clustering" "seeds skipped: no ../shared/seeds"
