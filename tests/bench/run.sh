#!/bin/sh
# run.sh - `make bench`: runs every tests/bench/*.sh benchmark but itself.
# Each prints its own figures; a failing one is reported and the rest still run.
cd "$(dirname "$0")/../.." || exit 1
status=0
for b in tests/bench/*.sh; do
    [ "$(basename "$b")" = run.sh ] && continue
    echo "################ $(basename "$b" .sh)"
    sh "$b" || { echo "bench $(basename "$b") failed"; status=1; }
    echo
done
exit $status
