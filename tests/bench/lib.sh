# lib.sh - sourced by the bench scripts (tests/bench/*.sh): how a figure is
# summarised and recorded. Each script still prints its own figures; under
# run.sh (`make bench`) they are also appended to $BENCH_RESULTS, one figure
# a line, tab-separated:
#   SECTION  FIGURE  VALUE  PEER-LABEL  PEER-VALUE  TARGET
# and tests/bench/report.py turns that file into build/bench/results.md.
# Sourced from the project root.
BENCH_RESULTS=${BENCH_RESULTS:-/dev/null}
BENCH_RUNS=${BENCH_RUNS:-5}
bench_lib_dir="$PWD/tests/bench"   # every script cds to the project root first

# spread DIGITS UNIT VALUE...: "median [min-max] UNIT" (the bench's one format)
spread() { python3 "$bench_lib_dir/stats.py" fmt "$@"; }
# median VALUE...: the bare median (for ratios and further arithmetic)
median() { python3 "$bench_lib_dir/stats.py" median "$@"; }
# record SECTION FIGURE VALUE [PEER-LABEL PEER-VALUE [TARGET]]
record() {
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "${4:-}" "${5:-}" "${6:-}" >>"$BENCH_RESULTS"
}
# note SECTION TEXT: a line printed under the section's table
note() { printf '%s\t#\t%s\t\t\t\n' "$1" "$2" >>"$BENCH_RESULTS"; }
# instructions OUT CMD...: instructions CMD executes (callgrind's Ir total,
# dynamic loader included), or n/a; OUT keeps callgrind's profile.
instructions() {
    out=$1
    shift
    if ! command -v valgrind >/dev/null 2>&1 ||
        ! valgrind --tool=callgrind --callgrind-out-file="$out" "$@" >/dev/null 2>&1; then
        echo n/a
        return
    fi
    sed -n 's/^totals: *//p; s/^summary: *//p' "$out" | head -n1 | awk '{print $1}'
}
# mega N: N as millions, "12.3 M" (n/a stays n/a)
mega() { case $1 in *[!0-9]* | '') echo "n/a" ;; *) awk -v n="$1" 'BEGIN {printf "%.1f M", n / 1e6}' ;; esac; }
# bench_corpus DIR BULLETIN: writes the summarizer's bench articles to DIR as
# NNNN.txt and prints what they are: the CNN/DailyMail rows of ../shared/dev
# when it exists, else the demo's article pages through `bulletin extract`.
bench_corpus() {
    mkdir -p "$1"
    dev_jsonl="$bench_lib_dir/../../../shared/dev/highlights.jsonl"
    if [ -f "$dev_jsonl" ]; then
        python3 - "$dev_jsonl" "$1" <<'PYEOF'
import json, os, sys
n = 0
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    if r["source"].startswith("cnndm"):
        with open(os.path.join(sys.argv[2], "%04d.txt" % n), "w", encoding="utf-8") as f:
            f.write(r["text"] + "\n")
        n += 1
print(f"the {n} CNN/DM dev articles")
PYEOF
    else
        for f in "$bench_lib_dir"/../../feeds/demo/articles/*.html; do
            "$2" extract "$f" >"$1/$(basename "$f" .html).txt" 2>/dev/null || :
        done
        find "$1" -size -200c -delete
        echo "the $(ls "$1" | wc -l) demo articles (no dev set)"
    fi
}
# bench_pkgs: the pkg-config packages the app links (the Makefile's PKGS),
# so the bench's probes link as the app does
bench_pkgs() {
    awk '/^PKGS[ \t]*:=/ { on = 1; sub(/^PKGS[ \t]*:=/, "") }
         on { l = $0; c = sub(/\\$/, "", l); printf "%s ", l; if (!c) exit }' "$bench_lib_dir/../../Makefile"
}
# build_points_speed OUT LOG: tests/bench/points_speed.c linked against the
# plain build's library as OUT (the compiler's messages in LOG); fails when
# either does not build
build_points_speed() {
    make -s build/plain/libbulletin.a >/dev/null 2>&1 &&
        cc -std=c11 -O2 -D_GNU_SOURCE -Iapp $(pkg-config --cflags $(bench_pkgs) 2>/dev/null) \
            -o "$1" tests/bench/points_speed.c build/plain/libbulletin.a -Wl,--as-needed \
            $(pkg-config --libs $(bench_pkgs) 2>/dev/null) -lstemmer -lm 2>"$2"
}
