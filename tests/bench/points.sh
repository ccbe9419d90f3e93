#!/bin/sh
# points.sh - quality and speed of the summarizer (`bulletin points`).
#
# Quality, when the dev set exists at ../shared/dev beside the project root
# (skipped with a line otherwise): ROUGE-1/2/L/Lsum F1, points cut with "...",
# words per point, of bulletin beside the lead-3 and ots (top-3) baselines
# on the CNN/DailyMail rows, scored by the dev set's own score.py; the same
# scores in two halves (points_split.py, from score.py's per-document dump).
# Speed, on the CNN/DailyMail articles of the dev set (without it: the demo's
# article pages through `bulletin extract`):
#  - in one process (tests/bench/points_speed.c against the plain build):
#    articles/s and MB/s of CPU time, BENCH_RUNS runs of >= 1 s each; and
#    callgrind's instructions per article inside summarize_points;
#  - as a process, beside `ots FILE`, on the longest article (~10 KB) and
#    the one of median size (~2.9 KB): CPU ms per process (mean of 10
#    interleaved starts, BENCH_RUNS runs; /bin/true beside for scale), the
#    ratio, peak RSS, and the whole process's instructions under callgrind
#    (dynamic loading included).
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
. tests/bench/lib.sh
dev="$root/../shared/dev"
py=/usr/bin/python3
bin="$root/bulletin"
[ -x "$bin" ] || { echo "points bench: build bulletin first (make bulletin)"; exit 1; }
work=$(mktemp -d /tmp/bulletin-bench-points-XXXXXX)
trap 'rm -rf "$work"' EXIT INT TERM
S=summarizer
Q="summarizer quality (issue 11)"
have_dev=0
[ -f "$dev/highlights.jsonl" ] && [ -f "$dev/score.py" ] && have_dev=1

# ---------------------------------------------------------------- quality
srcs="--source cnndm_frank --source cnndm_summeval --source cnndm_realsumm"
# row FILE: "R1 R2 RL RLsum pts words" of score.py's micro-average line
row() { grep 'ALL (micro)' "$1" | awk '{print $4, $5, $6, $7, $8, $9}'; }
cut_pct() { sed -n 's/^points cut with an ellipsis: .*(\([0-9.]*\)%).*/\1/p' "$1"; }
if [ $have_dev = 0 ]; then
    echo "points bench: quality skipped (no dev set at ../shared/dev)"
    note "$Q" "skipped: no dev set at ../shared/dev"
elif ! [ -x "$py" ] || ! "$py" -c 'import nltk' 2>/dev/null; then
    echo "points bench: quality skipped (needs /usr/bin/python3 with python3-nltk)"
    note "$Q" "skipped: needs /usr/bin/python3 with python3-nltk"
else
    echo "== ROUGE F1 x100 on the CNN/DailyMail dev rows (stemmed)"
    # The three scorings side by side: no time is taken from them.
    # shellcheck disable=SC2086
    (cd "$dev" && "$py" score.py --cmd "$bin points {file}" --dump "$work/bulletin.jsonl" $srcs) \
        >"$work/bulletin.txt" &
    p1=$!
    # shellcheck disable=SC2086
    (cd "$dev" && "$py" score.py --baseline lead3 $srcs) >"$work/lead3.txt" &
    p2=$!
    if command -v ots >/dev/null 2>&1; then
        # shellcheck disable=SC2086
        (cd "$dev" && "$py" score.py --baseline ots3 $srcs) >"$work/ots3.txt"
    fi
    wait $p1 $p2
    printf '%-10s %6s %6s %6s %6s %6s %7s %8s %6s\n' system R1 R2 RL RLsum pts words words/pt "cut%"
    for s in bulletin lead3 ots3; do
        [ -f "$work/$s.txt" ] || continue
        set -- $(row "$work/$s.txt")
        wpp=$(awk -v w="$6" -v p="$5" 'BEGIN {printf "%.1f", (p > 0 ? w / p : 0)}')
        printf '%-10s %6s %6s %6s %6s %6s %7s %8s %6s\n' $s "$1" "$2" "$3" "$4" "$5" "$6" "$wpp" "$(cut_pct "$work/$s.txt")"
        eval "r1_$s=\$1 rl_$s=\$4 wpp_$s=\$wpp cut_$s=\$(cut_pct \$work/\$s.txt)"
    done
    n=$(grep 'ALL (micro)' "$work/bulletin.txt" | awk '{print $3}')
    peer="lead-3" pr1=$r1_lead3 prl=$rl_lead3 pw=$wpp_lead3 pc=$cut_lead3
    if [ -f "$work/ots3.txt" ]; then
        peer="lead-3 / ots top-3" pr1="$r1_lead3 / $r1_ots3" prl="$rl_lead3 / $rl_ots3"
        pw="$wpp_lead3 / $wpp_ots3" pc="$cut_lead3 / $cut_ots3 %"
    fi
    record "$Q" "ROUGE-1 F1 x100, $n CNN/DM dev articles" "$r1_bulletin" "$peer" "$pr1" ">= 43.0"
    record "$Q" "ROUGE-Lsum F1 x100" "$rl_bulletin" "$peer" "$prl" ">= 39.5"
    record "$Q" "points cut with an ellipsis" "$cut_bulletin %" "$peer" "$pc" "<= 3 %"
    record "$Q" "words per point" "$wpp_bulletin" "$peer" "$pw" "<= 20"
    note "$Q" "scored by ../shared/dev/score.py (stemmed), one \`bulletin points FILE\` a document"
    echo "== the same rows in two halves (parity of md5 of the id: tuning / held-out)"
    "$py" "$root/tests/bench/points_split.py" "$work/bulletin.jsonl"
fi

# ---------------------------------------------------------------- corpus
corpus=$(bench_corpus "$work/articles" "$bin")
# the longest article and the one of median size
ls -S "$work"/articles/*.txt >"$work/by_size"
long=$(head -n1 "$work/by_size")
mid=$(sed -n "$((($(wc -l <"$work/by_size") + 1) / 2))p" "$work/by_size")

# ---------------------------------------------------------------- in process
echo "== speed in one process, over $corpus"
speed="$work/points_speed"
if build_points_speed "$speed" "$work/cc.log"; then
    aps="" mbs=""
    r=0
    while [ $r -lt "$BENCH_RUNS" ]; do
        set -- $("$speed" 1 "$work"/articles/*.txt)
        aps="$aps $6" mbs="$mbs $8" ppa=${10}
        r=$((r + 1))
    done
    # callgrind inside summarize_points, over every 4th article
    sub=$(awk 'NR % 4 == 1' "$work/by_size" | sort)
    # shellcheck disable=SC2086
    ir=$(instructions "$work/cg.points" --toggle-collect=summarize_points "$speed" 0 $sub)
    nsub=$(echo "$sub" | wc -l)
    per=$(case $ir in *[!0-9]* | '') echo n/a ;; *) awk -v i="$ir" -v n="$nsub" 'BEGIN {printf "%.2f M", i / n / 1e6}' ;; esac)
    echo "articles/s $(spread 0 "" $aps); MB/s $(spread 2 "" $mbs); points/article $ppa"
    echo "instructions per article in summarize_points (callgrind, $nsub articles): $per"
    record $S "in one process: articles/s (CPU time), $corpus" "$(spread 0 "" $aps)" "" "" ">= 5,000"
    record $S "in one process: MB/s" "$(spread 2 "" $mbs)"
    record $S "in one process: instructions per article (callgrind)" "$per"
else
    echo "one process: could not build the speed probe:"; cat "$work/cc.log"
    note $S "in-process speed: the probe did not build"
fi

# ---------------------------------------------------------------- per process
peak_kib() {
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f %M -o "$work/rss" "$@" >/dev/null 2>&1 && cat "$work/rss" || echo n/a
    else echo n/a; fi
}
kib_mb() { case $1 in *[!0-9]* | '') echo n/a ;; *) awk -v k="$1" 'BEGIN {printf "%.1f MB", k / 1024}' ;; esac; }
echo "== as a process, beside ots"
for which in long mid; do
    eval "f=\$$which"
    kb=$(awk -v b="$(wc -c <"$f")" 'BEGIN {printf "%.1f", b / 1000}')
    label="$kb KB article"
    [ $which = long ] && label="$label (the longest)" || label="$label (median size)"
    if command -v ots >/dev/null 2>&1; then
        python3 tests/bench/procs.py "$BENCH_RUNS" 10 "$f" -- "bulletin=$bin points" ots=ots true=/bin/true >"$work/procs"
    else
        python3 tests/bench/procs.py "$BENCH_RUNS" 10 "$f" -- "bulletin=$bin points" >"$work/procs"
    fi
    b=$(sed -n 's/^bulletin \(.*\) |.*/\1/p' "$work/procs")
    o=$(sed -n 's/^ots \(.*\) |.*/\1/p' "$work/procs")
    t=$(sed -n 's/^true \(.*\) |.*/\1/p' "$work/procs")
    # peak RSS through /usr/bin/time: a child forked from python would
    # report python's own RSS (the high-water mark survives exec)
    brss=$(peak_kib "$bin" points "$f") orss=n/a
    [ -z "$o" ] || orss=$(peak_kib ots "$f")
    bir=$(instructions "$work/cg.b" "$bin" points "$f")
    oir=n/a
    [ -z "$o" ] || oir=$(instructions "$work/cg.o" ots "$f")
    ratios=$(python3 -c 'import sys; a, b = sys.argv[1].split(), sys.argv[2].split()
print(" ".join("%.3f" % (float(x) / float(y)) for x, y in zip(a, b)))' "$b" "${o:-}")
    echo "$label: bulletin $(spread 1 ms $b) CPU, ots $(spread 1 ms ${o:-n/a}) CPU; ratio $(spread 2 x ${ratios:-n/a})"
    echo "  instructions: bulletin $(mega "$bir"), ots $(mega "$oir"); peak RSS $(kib_mb "$brss") vs $(kib_mb "$orss")"
    irr=$(python3 tests/bench/stats.py ratio "$bir" "$oir")
    record $S "\`bulletin points FILE\` / \`ots FILE\` CPU ratio, $label" "$(spread 2 x ${ratios:-n/a})" "" "" "<= 0.1 x"
    record $S "the same: CPU per process" "$(spread 1 ms $b)" ots "$(spread 1 ms ${o:-n/a})"
    [ -z "$t" ] || record $S "the same: for scale, an empty process" "" "/bin/true" "$(spread 1 ms $t)"
    record $S "\`bulletin points FILE\` / \`ots FILE\` instruction ratio (callgrind, whole process), $label" "$irr x" "" "" "<= 0.1 x"
    record $S "the same: instructions" "$(mega "$bir")" ots "$(mega "$oir")"
    record $S "the same: peak RSS" "$(kib_mb "$brss")" ots "$(kib_mb "$orss")"
done

# ---------------------------------------------------------------- output digests
# A change made for speed alone must leave the output byte-identical: these
# digests, compared between two runs (before and after), say whether it did.
for f in "$work"/articles/*.txt; do "$bin" points "$f" 2>/dev/null; echo "--"; done >"$work/all.points"
dp=$(sha256sum <"$work/all.points" | cut -c1-16)
stories="tests/data/story_a.txt tests/data/story_b.txt tests/data/story_c.txt"
"$bin" story --json $stories >"$work/story.json" 2>/dev/null || :
ds=$(sha256sum <"$work/story.json" | cut -c1-16)
echo "output digests: points over $corpus $dp; story of tests/data/story_[abc].txt $ds"
record $S "output digest: every article's points, $corpus (sha256, first 16 hex)" "$dp"
record $S "output digest: \`bulletin story --json tests/data/story_[abc].txt\`" "$ds"
if [ -d "$root/../shared/seeds" ]; then
    "$bin" story --json "$root"/../shared/seeds/[0-9]*.txt >"$work/seeds.json" 2>/dev/null || :
    record $S "output digest: \`bulletin story --json\` of the five seed reports" "$(sha256sum <"$work/seeds.json" | cut -c1-16)"
fi
