#!/bin/sh
# run.sh - `make bench`: runs the benchmarks of tests/bench, then writes
# build/bench/results.md (every figure, median [min-max], beside its peer and
# its target; ready to paste into docs/benchmarks.md) and prints it.
#   build/bench/results.tsv   the figures as the scripts recorded them
#   build/bench/log.txt       everything the scripts printed
# Environment:
#   BENCH_RUNS=5          runs per figure
#   BENCH_IDLE_S=10       seconds of idle display per run
#   BENCH_ONLY="a b"      only these scripts (display fetch points extract feed
#                         cluster arm64 imgcache)
#   BENCH_ARM64=1         add arm64.sh (`make bench ARCH=arm64` sets it)
#   BENCH_ALL=1           add the slow ones too (imgcache: ~4 min of ImageMagick)
#   BULLETIN_BIN_BEFORE=path/to/older/bulletin   an older build beside (display, fetch)
# A failing script is reported and the rest still run; the exit status says.
cd "$(dirname "$0")/../.." || exit 1
out=build/bench
mkdir -p "$out"
BENCH_RESULTS="$PWD/$out/results.tsv"
BENCH_RUNS=${BENCH_RUNS:-5}
BENCH_IDLE_S=${BENCH_IDLE_S:-10}
export BENCH_RESULTS BENCH_RUNS BENCH_IDLE_S
: >"$BENCH_RESULTS"
log="$out/log.txt"
: >"$log"
list=${BENCH_ONLY:-"display fetch points extract feed cluster"}
if [ -z "${BENCH_ONLY:-}" ]; then
    [ "${BENCH_ARM64:-}" = 1 ] && list="$list arm64"
    [ "${BENCH_ALL:-}" = 1 ] && list="$list imgcache"
fi

model=$(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
{
    echo "command	make bench${BENCH_ONLY:+ BENCH_ONLY=\"$BENCH_ONLY\"}${BENCH_ARM64:+ (arm64 included)} (BENCH_RUNS=$BENCH_RUNS, BENCH_IDLE_S=$BENCH_IDLE_S)"
    echo "machine	${model:-unknown CPU}, $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM; $(uname -srm)"
    echo "date	$(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "commit	$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD 2>/dev/null || echo ' (with local changes)')"
    echo "load_start	$(cut -d' ' -f1-3 /proc/loadavg)"
} >"$out/machine.tsv"
sed 's/\t/: /' "$out/machine.tsv" | tee -a "$log"
echo | tee -a "$log"

status=0
t_all=$(date +%s)
for b in $list; do
    [ -f "tests/bench/$b.sh" ] || { echo "run.sh: no tests/bench/$b.sh" >&2; status=1; continue; }
    echo "################ $b" | tee -a "$log"
    t0=$(date +%s)
    # the script's status through the pipe: a file, as sh has no pipefail
    { sh "tests/bench/$b.sh" 2>&1; echo $? >"$out/status"; } | tee -a "$log"
    rc=$(cat "$out/status")
    t=$(($(date +%s) - t0))
    echo "time	$b	$t" >>"$out/machine.tsv"
    if [ "$rc" != 0 ]; then
        echo "bench $b failed (status $rc)" | tee -a "$log"
        printf '%s\t#\t%s\t\t\t\n' "$b" "FAILED (status $rc): see build/bench/log.txt" >>"$BENCH_RESULTS"
        status=1
    fi
    echo "($b: $t s)" | tee -a "$log"
    echo | tee -a "$log"
done
echo "total	$(($(date +%s) - t_all))" >>"$out/machine.tsv"
echo "load_end	$(cut -d' ' -f1-3 /proc/loadavg)" >>"$out/machine.tsv"
python3 tests/bench/report.py "$out/machine.tsv" "$BENCH_RESULTS" >"$out/results.md" || status=1
echo "================================================================ $out/results.md"
cat "$out/results.md"
exit $status
