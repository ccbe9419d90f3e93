#!/bin/sh
# display.sh - the kiosk's speed on this machine, with 1,000 stored stories:
# time from start to the first presented frame (READY=1 on a fake systemd
# socket), CPU time over BENCH_IDLE_S (20) s on one slide and peak RSS, each the
# median (min-max) of BENCH_RUNS (5) runs; the idle loop's system calls under
# strace (it must sleep, not poll); frame times during a crossfade at
# 1920x1080; the time `shot` takes to prepare (lay out and draw) a slide at
# 1080p, normal and with a 1 MB title, medians of 5. Runs on SDL's offscreen
# driver with the software renderer (a Pi's GPU does better on the fade).
# CPU time is the kernel's count of the process's run time
# (/proc/PID/schedstat, nanoseconds), not the 10 ms ticks of /proc/PID/stat.
# BULLETIN_BIN_BEFORE=path runs the same figures for an older binary beside.
cd "$(dirname "$0")/../.." || exit 1
. tests/bench/lib.sh
BIN=${BULLETIN_BIN:-./bulletin}
[ -x "$BIN" ] || make -s bulletin || exit 1
DIR=$(mktemp -d /tmp/bulletin-bench-display-XXXXXX)
trap 'rm -rf "$DIR"' EXIT
IDLE_S=${BENCH_IDLE_S:-20}
RUNS=$BENCH_RUNS

python3 - "$DIR" <<'PY'
import sys
d = sys.argv[1]
with open(d + "/feed.xml", "w") as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Bench</title>')
    for i in range(1000):
        f.write(f'<item><title>Story {i}: the harbour board meets again about the ferry timetable</title>'
                f'<link>https://bench.example/{i}</link><guid>s{i}</guid>'
                f'<pubDate>Wed, 18 Nov 2026 {i % 24:02d}:{i % 60:02d}:00 +0000</pubDate>'
                f'<description>The board met on Tuesday for the {i}th time. Fares stay frozen until spring. '
                f'A new waiting room opens in March with heating and a cafe.</description></item>')
    f.write('</channel></rss>')
with open(d + "/huge.xml", "w") as f:
    title = "storm surge warning " * 52429   # 1 MB of words
    f.write('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Huge</title>'
            f'<item><title>{title}</title><link>https://bench.example/huge</link><guid>h</guid>'
            '<pubDate>Wed, 18 Nov 2026 10:00:00 +0000</pubDate>'
            '<description>The board met again. Fares stay frozen until spring.</description></item>'
            '</channel></rss>')
PY
cat > "$DIR/wall.conf" <<CONF
[display]
rotate = ROTATE
max_age = 365d
fonts = $PWD/fonts
[store]
path = $DIR/store.db
[fetch]
max_items = 1000
[feed "Bench"]
url = $DIR/feed.xml
fulltext = no
refresh = 1d
CONF
BULLETIN_LOG=error "$BIN" fetch --once --config "$DIR/wall.conf" || exit 1
sed -e "s|$DIR/store.db|$DIR/huge.db|" -e "s|$DIR/feed.xml|$DIR/huge.xml|" -e "s/ROTATE/20/" \
    "$DIR/wall.conf" >"$DIR/huge.conf"
BULLETIN_LOG=error "$BIN" fetch --once --config "$DIR/huge.conf" || exit 1
stories=$(sqlite3 "$DIR/store.db" 'SELECT count(*) FROM stories' 2>/dev/null || echo "?")
echo "store: $stories stories from the 1,000 items"

# run_kiosk BIN ROTATE SECONDS [strace]: starts the kiosk, prints
# "ready_ms cpu_s rss_kb ready_cpu_ms" (with strace: the idle loop's syscall summary in
# $DIR/strace.txt).
run_kiosk() {
    sed "s/ROTATE/$2/" "$DIR/wall.conf" >"$DIR/run.conf"
    python3 - "$1" "$DIR/run.conf" "$3" "$DIR" "${4:-}" <<'PY'
import os, socket, subprocess, sys, time
binp, conf, secs, d, trace = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4], sys.argv[5]
sock_path = d + "/notify"
if os.path.exists(sock_path): os.unlink(sock_path)
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); s.bind(sock_path); s.settimeout(30)
env = dict(os.environ, NOTIFY_SOCKET=sock_path, SDL_VIDEODRIVER="offscreen",
           SDL_RENDER_DRIVER="software", BULLETIN_LOG="debug")
t0 = time.monotonic()
p = subprocess.Popen([binp, "run", "--config", conf, "--window", "1920x1080"], env=env,
                     stderr=open(d + "/run.log", "w"))
def run_ns():
    try:
        return int(open(f"/proc/{p.pid}/schedstat").read().split()[0])
    except OSError:
        return -1
ready = None
while ready is None:
    msg = s.recv(4096).decode()
    if msg.startswith("READY=1"):
        ready = (time.monotonic() - t0) * 1000
        ready_cpu = run_ns() / 1e6
def cpu_rss():
    try:
        cpu = int(open(f"/proc/{p.pid}/schedstat").read().split()[0]) / 1e9
    except OSError:
        st = open(f"/proc/{p.pid}/stat").read().rsplit(")", 1)[1].split()
        cpu = (int(st[11]) + int(st[12])) / os.sysconf("SC_CLK_TCK")
    rss = [l for l in open(f"/proc/{p.pid}/status") if l.startswith("VmHWM")][0].split()[1]
    return cpu, rss
time.sleep(1)   # past the first frame
c0, _ = cpu_rss()
tr = None
if trace:
    tr = subprocess.Popen(["strace", "-c", "-p", str(p.pid), "-o", d + "/strace.txt"],
                          stderr=subprocess.DEVNULL)
time.sleep(secs)
if tr:
    tr.terminate(); tr.wait()
c1, rss = cpu_rss()
p.terminate(); p.wait()
print(f"{ready:.0f} {c1 - c0:.3f} {rss} {ready_cpu:.0f}")
PY
}

# figures BIN: RUNS runs; sets ready, cpu, rss, rcpu (space-separated values)
figures() {
    fbin=$1 ready="" cpu="" rss="" rcpu=""
    i=0
    while [ $i -lt "$RUNS" ]; do
        set -- $(run_kiosk "$fbin" 3600 "$IDLE_S")
        ready="$ready $1"
        rcpu="$rcpu $4"
        cpu="$cpu $(python3 -c "print(round(100*$2/$IDLE_S, 3))")"
        rss="$rss $(($3 / 1024))"
        i=$((i + 1))
    done
}

# prep BIN CONF: median ms `shot` takes to prepare one slide at 1080p
prep() {
    t=""
    for i in 1 2 3 4 5; do
        t="$t $(BULLETIN_LOG=info "$1" shot --config "$2" --out "$DIR/prep.png" --badge '' 2>&1 |
                sed -n 's/.*drawn in \([0-9.]*\) ms.*/\1/p')"
    done
    [ -n "$(echo $t)" ] && spread 1 ms $t || echo "n/a (this binary does not report it)"
}

echo "machine: $(uname -m), $(nproc) CPUs, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1); load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "runs: $RUNS, idle ${IDLE_S} s each; SDL offscreen driver, software renderer"
figures "$BIN"
now_ready=$(spread 0 ms $ready) now_cpu=$(spread 2 % $cpu) now_rss=$(spread 0 MB $rss)
now_rcpu=$(spread 0 ms $rcpu)
peer="" b_ready="" b_cpu="" b_rss="" b_rcpu=""
if [ -n "${BULLETIN_BIN_BEFORE:-}" ]; then
    figures "$BULLETIN_BIN_BEFORE"
    peer="before (${BENCH_BEFORE:-$BULLETIN_BIN_BEFORE})"
    b_ready=$(spread 0 ms $ready) b_cpu=$(spread 2 % $cpu) b_rss=$(spread 0 MB $rss)
    b_rcpu=$(spread 0 ms $rcpu)
fi
echo "first frame after start (1000 stories): $now_ready${peer:+; $peer: $b_ready}"
echo "  CPU time until then: $now_rcpu${peer:+; $peer: $b_rcpu}"
echo "CPU idle on one slide over ${IDLE_S} s, % of a core: $now_cpu${peer:+; $peer: $b_cpu}"
echo "peak RSS: $now_rss${peer:+; $peer: $b_rss}"
S=display
record $S "idle CPU on one slide, 1080p, over $IDLE_S s (% of one core)" "$now_cpu" "$peer" "$b_cpu" "<= 1 %"
record $S "peak RSS, same run" "$now_rss" "$peer" "$b_rss" "<= 40 MB"
record $S "start to first frame, 1,000 stories (wall)" "$now_ready" "$peer" "$b_ready" "<= 150 ms"
record $S "start to first frame, 1,000 stories (CPU of the process)" "$now_rcpu" "$peer" "$b_rcpu"
run_kiosk "$BIN" 3600 10 strace >/dev/null
echo "idle loop, 10 s under strace (calls: nanosleep should lead, no poll storm):"
awk 'NR > 2 && $NF != "total" && $4 ~ /^[0-9]+$/ {print "   ", $4, $NF}' "$DIR/strace.txt" |
    sort -rn | head -6
calls=$(awk 'NR > 2 && $NF != "total" && $4 ~ /^[0-9]+$/ {print $4, $NF}' "$DIR/strace.txt" |
    sort -rn | head -3 | awk '{printf "%s%s %s", (NR > 1 ? ", " : ""), $1, $2}')
record $S "idle loop's system calls in 10 s (strace -c, top 3)" "${calls:-n/a}" "" "" "sleeps, no poll storm"
sed "s/ROTATE/20/" "$DIR/wall.conf" >"$DIR/prep.conf"
p1=$(prep "$BIN" "$DIR/prep.conf") p2=$(prep "$BIN" "$DIR/huge.conf")
echo "slide preparation at 1920x1080 (layout and drawing): $p1"
echo "  with a 1 MB title: $p2"
record $S "\`shot\`: one slide laid out and drawn at 1080p" "$p1"
record $S "\`shot\`: the same with a 1 MB title" "$p2"
run_kiosk "$BIN" 2 8 >/dev/null
grep -o 'transition: .*' "$DIR/run.log" >"$DIR/fade.txt" || :
echo "crossfades at 1920x1080 (software renderer): $(wc -l <"$DIR/fade.txt")"
head -n3 "$DIR/fade.txt" | sed 's/^/    /'
means=$(sed -n 's/.*mean \([0-9.]*\) ms.*/\1/p' "$DIR/fade.txt")
longest=$(sed -n 's/.*longest \([0-9.]*\) ms.*/\1/p' "$DIR/fade.txt")
if [ -n "$means" ]; then
    record $S "crossfade at 1080p, software renderer: mean frame time per fade" "$(spread 1 ms $means)"
    record $S "crossfade: longest frame per fade" "$(spread 1 ms $longest)"
fi
note $S "the store: $stories stories from 1,000 feed items (a deck holds up to 200 slides); the kiosk starts its fetch worker beside it, as on a wall (the feed is not due)"
