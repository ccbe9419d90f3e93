#!/bin/sh
# run.sh - `make bench`: every tests/bench/*.sh in turn (each skips itself,
# with a message, when what it measures against is absent).
status=0
for b in "$(dirname "$0")"/*.sh; do
    [ "$(basename "$b")" = run.sh ] && continue
    echo "### $(basename "$b")"
    sh "$b" || status=1
done
exit $status
