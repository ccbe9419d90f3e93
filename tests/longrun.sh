#!/bin/sh
# longrun.sh MODE - the long runs, each its own make target; `make test`
# runs a bounded slice of each.
#
#   valgrind  the demo pipeline (fetch, shot, points, story, status) and the
#             kiosk for VALGRIND_KIOSK_SECONDS under valgrind: no leak
#             ("definitely lost"), no invalid access.
#   soak      the kiosk on the offscreen driver for SOAK_SECONDS (default a
#             week) rotating every 3 s, its RSS sampled; fails when memory
#             grows past the first sample by more than half plus 16 MiB, or
#             when the process dies. Then the fetch worker's accelerated week
#             (tests/test_soak.c, SOAK_WORKER_BIN): 20 feeds every 10 minutes
#             of an injected clock, RSS, fds, store size and bytes written per
#             hour; SOAK_WORKER_HOURS simulated hours (216, nine days, when
#             SOAK_SECONDS is a day or more; else 6).
# Prints "MODE: N passed, N failed".
set -u
mode=${1:?usage: longrun.sh valgrind|soak}
bin=${BULLETIN_BIN:-./bulletin}
root=$(pwd)
work=$(mktemp -d /tmp/bulletin-longrun-XXXXXX)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
check() { # NAME CMD... : counts and reports one step
    name=$1; shift
    if "$@" >"$work/$name.log" 2>&1; then
        passed=$((passed + 1)); echo "ok   $mode $name"
    else
        failed=$((failed + 1)); echo "FAIL $mode $name"; tail -n 30 "$work/$name.log"
    fi
}
cat >"$work/demo.conf" <<CONF
[display]
rotate = 3
clock = yes
[store]
path = $work/store.db
[feed "The Harbour Herald"]
url = $root/feeds/demo/harbour-herald.xml
[feed "Northern Wire"]
url = $root/feeds/demo/northern-wire.xml
[feed "The Civic Ledger"]
url = $root/feeds/demo/civic-ledger.atom
CONF

kiosk_for() { # SECONDS [WRAPPER...]: run the kiosk, then SIGTERM it
    secs=$1; shift
    SDL_VIDEODRIVER=offscreen SDL_RENDER_DRIVER=software "$@" "$bin" run --config "$work/demo.conf" --window 1280x720 &
    pid=$!
    sleep "$secs"
    kill -TERM "$pid" 2>/dev/null
    wait "$pid"
}

case "$mode" in
valgrind)
    vg="valgrind -q --keep-debuginfo=yes --suppressions=tests/valgrind.supp --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=99"
    # --trace-children: `bulletin` execs bulletin-text / bulletin-display / bulletin-fetch (app/helper.h)
    vg="$vg --child-silent-after-fork=yes --trace-children=yes"
    check fetch $vg "$bin" fetch --once --config "$work/demo.conf"
    check status $vg "$bin" status --json --config "$work/demo.conf"
    check shot $vg "$bin" shot --config "$work/demo.conf" --out "$work/s.png" --size 1280x720
    # the front end is static, and valgrind cannot replace malloc in a static
    # executable (its heap goes unchecked, glibc's exit path reads as
    # uninitialised): points runs in bulletin-text, the same code linked dynamically
    check points $vg "$bin-text" points --title "A title" tests/data/points_noisy_en.txt
    check story $vg "$bin" story tests/data/story_a.txt tests/data/story_b.txt tests/data/story_c.txt
    check feed $vg "$bin" feed --json tests/data/feeds/rss20_basic.xml
    check extract $vg "$bin" extract --json tests/data/pages/blog.html
    check kiosk kiosk_for "${VALGRIND_KIOSK_SECONDS:-20}" $vg
    ;;
soak)
    secs=${SOAK_SECONDS:-604800}
    "$bin" fetch --once --config "$work/demo.conf" >/dev/null 2>&1
    SDL_VIDEODRIVER=offscreen "$bin" run --config "$work/demo.conf" --window 1280x720 \
        2>"$work/kiosk.log" &
    pid=$!
    sleep 3
    first=$(awk '/VmRSS/ {print $2}' /proc/$pid/status 2>/dev/null || echo 0)
    last=$first
    max=$first
    end=$(( $(date +%s) + secs ))
    alive=1
    while [ "$(date +%s)" -lt "$end" ]; do
        sleep $(( secs < 10 ? 1 : 10 ))
        if ! kill -0 "$pid" 2>/dev/null; then alive=0; break; fi
        last=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
        [ "$last" -gt "$max" ] && max=$last
    done
    kill -TERM "$pid" 2>/dev/null
    wait "$pid"
    echo "soak: ${secs}s, RSS first ${first} KiB, last ${last} KiB, max ${max} KiB"
    if [ "$alive" -eq 1 ] && [ "$last" -le $(( first * 3 / 2 + 16384 )) ]; then
        passed=$((passed + 1)); echo "ok   soak kiosk"
    else
        failed=$((failed + 1)); echo "FAIL soak kiosk (alive=$alive)"; tail -n 20 "$work/kiosk.log"
    fi
    worker_bin=${SOAK_WORKER_BIN:-build/plain/tests/test_soak}
    if [ -z "${SOAK_WORKER_HOURS:-}" ]; then
        if [ "$secs" -ge 86400 ]; then SOAK_WORKER_HOURS=216; else SOAK_WORKER_HOURS=6; fi
    fi
    if [ -x "$worker_bin" ]; then
        SOAK_HOURS=$SOAK_WORKER_HOURS check worker-week "$worker_bin"
        grep '^soak:' "$work/worker-week.log" | sed -n '1,2p;$p'
    else
        failed=$((failed + 1)); echo "FAIL soak worker-week: $worker_bin not built"
    fi
    ;;
*) echo "longrun.sh: unknown mode $mode" >&2; exit 2 ;;
esac
echo "$mode: $passed passed, $failed failed"
mkdir -p "$root/tests/out" && echo "$mode $passed $failed" >>"$root/tests/out/counts"
[ "$failed" -eq 0 ]
