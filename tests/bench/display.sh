#!/bin/sh
# display.sh - the kiosk's speed on this machine, with 1,000 stored stories:
# time from start to the first presented frame (READY=1 on a fake systemd
# socket), frame times during a crossfade at 1920x1080, CPU time over 60 s on
# one slide, peak RSS. Runs on SDL's offscreen driver (software rendering, so
# a Pi's GPU does better on the fade). BENCH_IDLE_S shortens the idle part.
cd "$(dirname "$0")/../.." || exit 1
BIN=${BULLETIN_BIN:-./bulletin}
[ -x "$BIN" ] || make -s bulletin || exit 1
DIR=$(mktemp -d /tmp/bulletin-bench-display-XXXXXX)
trap 'rm -rf "$DIR"' EXIT
IDLE_S=${BENCH_IDLE_S:-60}

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
PY
cat > "$DIR/wall.conf" <<CONF
[display]
rotate = ROTATE
max_age = 3650d
fonts = $PWD/fonts
[store]
path = $DIR/store.db
[feed "Bench"]
url = $DIR/feed.xml
fulltext = no
refresh = 1d
CONF
BULLETIN_LOG=error "$BIN" fetch --once --config "$DIR/wall.conf" || exit 1

# run_kiosk ROTATE SECONDS: starts the kiosk, prints "ready_ms cpu_s rss_kb"
run_kiosk() {
    sed "s/ROTATE/$1/" "$DIR/wall.conf" >"$DIR/run.conf"
    python3 - "$BIN" "$DIR/run.conf" "$2" "$DIR" <<'PY'
import os, socket, subprocess, sys, time
binp, conf, secs, d = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4]
sock_path = d + "/notify"
if os.path.exists(sock_path): os.unlink(sock_path)
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); s.bind(sock_path); s.settimeout(30)
env = dict(os.environ, NOTIFY_SOCKET=sock_path, SDL_VIDEODRIVER="offscreen", BULLETIN_LOG="debug")
t0 = time.monotonic()
p = subprocess.Popen([binp, "run", "--config", conf, "--window", "1920x1080"], env=env,
                     stderr=open(d + "/run.log", "w"))
ready = None
while ready is None:
    msg = s.recv(4096).decode()
    if msg.startswith("READY=1"): ready = (time.monotonic() - t0) * 1000
def cpu_rss():
    st = open(f"/proc/{p.pid}/stat").read().rsplit(")", 1)[1].split()
    tick = os.sysconf("SC_CLK_TCK")
    cpu = (int(st[11]) + int(st[12])) / tick
    rss = [l for l in open(f"/proc/{p.pid}/status") if l.startswith("VmHWM")][0].split()[1]
    return cpu, rss
c0, _ = cpu_rss()
time.sleep(secs)
c1, rss = cpu_rss()
p.terminate(); p.wait()
print(f"{ready:.0f} {c1 - c0:.2f} {rss}")
PY
}

set -- $(run_kiosk 3600 "$IDLE_S")
echo "first frame after start (1000 stories): $1 ms"
echo "CPU over ${IDLE_S} s on one slide: $2 s ($(python3 -c "print(f'{100*$2/$IDLE_S:.2f}')") %)"
echo "peak RSS: $3 kB"
set -- $(run_kiosk 2 8)
grep -o 'transition: .*' "$DIR/run.log" | sort | uniq -c | sort -rn | head -3 |
    sed 's/^/crossfade at 1920x1080 (software renderer): /'
