#!/bin/sh
# run.sh MODE - the libFuzzer targets of tests/fuzz/targets.h, one binary
# each in build/fuzz/ (clang -fsanitize=fuzzer,address,undefined).
#
#   slice  (make test) each target replays tests/data/fuzz-regress/TARGET/
#          (every crash found so far, fixed), then fuzzes for
#          FUZZ_SLICE_SECONDS (default 12) from its seeds.
#   long   (make fuzz) FUZZ_SECONDS (default 3600) split across the targets.
#
# Seeds are the test fixtures (and tests/fuzz/seeds/); the corpus grows in
# build/fuzz/corpus/TARGET. A crash, leak, sanitizer report, timeout (10 s
# an input) or memory blow-up (1 GB) is written to build/fuzz/crashes/TARGET/
# and fails the run: fix it, then copy the file into
# tests/data/fuzz-regress/TARGET/ so every suite replays it (test_fuzz too).
# Prints the executions per target and "fuzz: N passed, N failed".
set -u
mode=${1:-slice}
targets="feed jsonfeed extract summarize feeddate config"
bin=${FUZZ_BIN_DIR:-build/fuzz}
passed=0
failed=0

seeds_of() {
    case "$1" in
    feed) echo "tests/data/feeds" ;;
    jsonfeed) echo "tests/data/feeds" ;;
    extract) echo "tests/data/pages" ;;
    summarize) echo "tests/data/cluster" ;;
    feeddate) echo "tests/fuzz/seeds/feeddate" ;;
    config) echo "tests/fuzz/seeds/config feeds" ;;
    esac
}
max_len_of() {
    case "$1" in
    feed | extract) echo 65536 ;;
    jsonfeed | summarize) echo 16384 ;;
    feeddate) echo 256 ;;
    config) echo 8192 ;;
    esac
}

n_targets=$(echo $targets | wc -w)
if [ "$mode" = long ]; then
    each=$(( ${FUZZ_SECONDS:-3600} / n_targets ))
else
    each=${FUZZ_SLICE_SECONDS:-12}
fi
[ "$each" -ge 1 ] || each=1

for t in $targets; do
    exe="$bin/fuzz_$t"
    corpus="build/fuzz/corpus/$t"
    crashes="build/fuzz/crashes/$t"
    log="build/fuzz/$t.log"
    mkdir -p "$corpus" "$crashes"
    if [ ! -x "$exe" ]; then
        echo "FAIL fuzz $t: $exe not built"; failed=$((failed + 2)); continue
    fi
    # 1. the regressions, once each
    regress=$(ls tests/data/fuzz-regress/$t/* 2>/dev/null)
    if [ -n "$regress" ]; then
        # shellcheck disable=SC2086
        if "$exe" -timeout=10 -rss_limit_mb=1024 $regress >"$log" 2>&1; then
            passed=$((passed + 1)); echo "ok   fuzz $t: $(echo $regress | wc -w) regressions replayed"
        else
            failed=$((failed + 1)); echo "FAIL fuzz $t: a regression input fails again"; tail -n 40 "$log"
        fi
    else
        passed=$((passed + 1)); echo "ok   fuzz $t: no regressions to replay"
    fi
    # 2. fuzzing from the seeds and the corpus so far
    # shellcheck disable=SC2046
    "$exe" -max_total_time="$each" -max_len=$(max_len_of $t) -timeout=10 -rss_limit_mb=1024 \
        -print_final_stats=1 -artifact_prefix="$crashes/" "$corpus" $(seeds_of $t) >"$log" 2>&1
    rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
    if [ "$rc" -eq 0 ]; then
        passed=$((passed + 1))
        echo "ok   fuzz $t: ${execs:-?} executions in ${each}s (${rate:-?}/s), corpus $(ls "$corpus" | wc -l)"
    else
        failed=$((failed + 1))
        echo "FAIL fuzz $t (exit $rc) after ${execs:-?} executions; input in $crashes/:"
        grep -E "ERROR|SUMMARY|Test unit written|runtime error" "$log" | head -n 20
        tail -n 30 "$log"
    fi
done
echo "fuzz: $passed passed, $failed failed"
mkdir -p tests/out
echo "fuzz $passed $failed" >>tests/out/counts
[ "$failed" -eq 0 ]
