#!/bin/sh
# run.sh - `make bench`: runs every tests/bench/*.sh benchmark but itself.
# Each prints its own figures; a failing one is reported and the rest still run.
cd "$(dirname "$0")/../.." || exit 1
status=0
# The machine every figure below was measured on.
model=$(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
echo "machine: $(uname -srm), ${model:-unknown CPU}, $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM"
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo
for b in tests/bench/*.sh; do
    [ "$(basename "$b")" = run.sh ] && continue
    echo "################ $(basename "$b" .sh)"
    sh "$b" || { echo "bench $(basename "$b") failed"; status=1; }
    echo
done
exit $status
