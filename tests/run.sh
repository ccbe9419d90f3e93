#!/bin/sh
# run.sh LABEL TESTBIN... - run cmocka test binaries and add up their counts.
#
# Each binary is one module's group. A binary that crashes, or exits non-zero
# without a cmocka summary, counts as one failed test. The last line is the
# plain closing line CI reads: "LABEL: N passed, N failed".
# TEST_WRAPPER, if set, is put before each binary (e.g. qemu-aarch64-static).
label=$1
shift
passed=0
failed=0
failed_bins=""
mkdir -p tests/out
for t in "$@"; do
    name=$(basename "$t")
    log="tests/out/$label-$name.log"
    # shellcheck disable=SC2086
    ${TEST_WRAPPER:-} "$t" >"$log" 2>&1
    rc=$?
    p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
    f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
    passed=$((passed + p))
    failed=$((failed + f))
    if [ "$f" -ne 0 ]; then
        failed_bins="$failed_bins $name"
        echo "---- $label $name FAILED (exit $rc); its log:"
        tail -n 60 "$log"
    else
        echo "ok   $label $name ($p tests)"
    fi
done
[ -z "$failed_bins" ] || echo "failed groups:$failed_bins"
echo "$label: $passed passed, $failed failed"
echo "$label $passed $failed" >>tests/out/counts
[ "$failed" -eq 0 ]
