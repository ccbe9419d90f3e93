#!/bin/sh
# points.sh - quality and speed of `bulletin points` on the development set.
#
# Looks for the dev set at ../shared/dev beside the project root (skipped,
# with a message, when it is absent). Prints ROUGE-1/2/L/Lsum F1 of bulletin
# beside the lead-3 and ots (top-3) baselines on the CNN/DailyMail rows, then
# speed: articles/s and MB/s in one process, time per article as a process
# beside `ots FILE`, and peak RSS beside ots's.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
dev="$root/../shared/dev"
py=/usr/bin/python3
if [ ! -f "$dev/highlights.jsonl" ] || [ ! -f "$dev/score.py" ]; then
    echo "points bench: skipped (no dev set at ../shared/dev)"
    exit 0
fi
if ! [ -x "$py" ] || ! "$py" -c 'import nltk' 2>/dev/null; then
    echo "points bench: skipped (needs /usr/bin/python3 with python3-nltk)"
    exit 0
fi
bin="$root/bulletin"
[ -x "$bin" ] || { echo "points bench: build bulletin first (make bulletin)"; exit 1; }
srcs="--source cnndm_frank --source cnndm_summeval --source cnndm_realsumm"
work=$(mktemp -d /tmp/bulletin-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT INT TERM

row() { # LABEL OUTPUT: the micro-average row of score.py
    printf '%-10s %s\n' "$1" "$(grep 'ALL (micro)' "$2" | awk '{printf "%6s %6s %6s %6s %6s %7s", $4, $5, $6, $7, $8, $9}')"
}
echo "== ROUGE F1 x100 on the CNN/DailyMail dev rows (stemmed)"
# shellcheck disable=SC2086
(cd "$dev" && "$py" score.py --cmd "$bin points {file}" $srcs --rss) >"$work/bulletin.txt"
# shellcheck disable=SC2086
(cd "$dev" && "$py" score.py --baseline lead3 $srcs) >"$work/lead3.txt"
if command -v ots >/dev/null 2>&1; then
    # shellcheck disable=SC2086
    (cd "$dev" && "$py" score.py --baseline ots3 $srcs) >"$work/ots3.txt"
fi
printf '%-10s %6s %6s %6s %6s %6s %7s\n' system R1 R2 RL RLsum pts words
row bulletin "$work/bulletin.txt"
row lead3 "$work/lead3.txt"
[ -f "$work/ots3.txt" ] && row ots3 "$work/ots3.txt"

echo "== speed"
# the articles as files
"$py" - "$dev/highlights.jsonl" "$work/articles" <<'PYEOF'
import json, os, sys
os.makedirs(sys.argv[2], exist_ok=True)
n = 0
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    if not r["source"].startswith("cnndm"):
        continue
    with open(os.path.join(sys.argv[2], "%04d.txt" % n), "w", encoding="utf-8") as f:
        f.write(r["text"] + "\n")
    n += 1
PYEOF
speed="$work/points_speed"
if make -C "$root" -s build/plain/obj/summarize.o >/dev/null 2>&1 &&
    cc -std=c11 -O2 -D_GNU_SOURCE -I"$root/app" -o "$speed" "$root/tests/bench/points_speed.c" \
        $(ls "$root"/build/plain/obj/*.o | grep -v -e '/main[^/]*\.o$' -e '/source_http_none\.o$') \
        $(pkg-config --libs sdl2 SDL2_ttf SDL2_image libcurl libxml-2.0 sqlite3 libcjson \
          libutf8proc libqrencode fribidi libsystemd uchardet 2>/dev/null) -lstemmer -lm 2>"$work/cc.log"; then
    printf 'one process: '
    "$speed" 5 "$work"/articles/*.txt
else
    echo "one process: could not build the speed probe (see make); skipped"
fi
"$py" - "$bin" "$work/articles" <<'PYEOF'
import os, shutil, subprocess, sys, time
bin_, d = sys.argv[1], sys.argv[2]
files = sorted(os.path.join(d, f) for f in os.listdir(d))
def per_process(cmd):
    t0 = time.perf_counter()
    for f in files:
        subprocess.run(cmd + [f], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return (time.perf_counter() - t0) / len(files) * 1000
def peak_rss(cmd):
    peak = 0
    for f in files[:40]:
        p = subprocess.run(["/usr/bin/time", "-v"] + cmd + [f], stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, text=True)
        for line in p.stderr.splitlines():
            if "Maximum resident set size" in line:
                peak = max(peak, int(line.split(":")[1]))
    return peak
b = per_process([bin_, "points"])
print("as a process: bulletin points %.1f ms/article" % b, end="")
if shutil.which("ots"):
    o = per_process(["ots"])
    print(", ots %.1f ms/article (bulletin takes %.2fx ots's time)" % (o, b / o))
else:
    print(", ots not installed")
if os.path.exists("/usr/bin/time"):
    line = "peak RSS: bulletin points %d KB" % peak_rss([bin_, "points"])
    if shutil.which("ots"):
        line += ", ots %d KB" % peak_rss(["ots"])
    print(line)
PYEOF
