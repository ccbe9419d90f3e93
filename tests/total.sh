#!/bin/sh
# total.sh STATUS - the closing line of `make test`: the counts of every
# stage in tests/out/counts added up. A stage that failed without counting
# (it did not build) counts as one failure. Exits non-zero on any failure.
status=${1:-0}
passed=0
failed=0
stages=0
if [ -f tests/out/counts ]; then
    while read -r label p f; do
        echo "  $label: $p passed, $f failed"
        passed=$((passed + p)); failed=$((failed + f)); stages=$((stages + 1))
    done <tests/out/counts
fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
