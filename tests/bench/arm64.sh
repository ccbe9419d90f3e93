#!/bin/sh
# arm64.sh - the arm64 build's speed under qemu-user: the summarizer in one
# process (points_speed.c) and the extractor in one process
# (extract_speed.c), cross-built against build/arm64 (`make cross`'s
# objects) and run by qemu-aarch64-static on this machine, each beside the
# same probe built for the host in the same run. These are EMULATED figures:
# qemu translates every arm64 instruction, so they say how the arm64 build
# behaves and roughly what emulation costs, not how fast a Raspberry Pi is.
# Needs the cross toolchain and the arm64 libraries (firmware/deps.sh cross,
# which `make bench ARCH=arm64` installs); skipped with a line without them.
set -eu
cd "$(dirname "$0")/../.."
. tests/bench/lib.sh
S="arm64 under qemu-user (emulated, not a Pi)"
cc_arm=aarch64-linux-gnu-gcc pc_arm=aarch64-linux-gnu-pkg-config
PKGS=$(bench_pkgs)
# shellcheck disable=SC2086
if ! command -v $cc_arm >/dev/null 2>&1 || ! command -v qemu-aarch64-static >/dev/null 2>&1 ||
    ! $pc_arm --exists $PKGS 2>/dev/null; then
    echo "arm64 bench: skipped (no cross toolchain or arm64 libraries; \`make bench ARCH=arm64\` installs them)"
    note "$S" "skipped: no cross toolchain or arm64 libraries (\`make bench ARCH=arm64\` installs them)"
    exit 0
fi
work=$(mktemp -d /tmp/bulletin-bench-arm64-XXXXXX)
trap 'rm -rf "$work"' EXIT INT TERM
[ -x ./bulletin ] || make --no-print-directory -s bulletin
jobs=$(nproc)
echo "== cross-building build/arm64/plain/libbulletin.a ($jobs jobs)"
t0=$(date +%s)
make --no-print-directory -s -j"$jobs" BUILD=build/arm64 PREFIX=/usr CC=$cc_arm PKG_CONFIG=$pc_arm \
    build/arm64/plain/libbulletin.a >"$work/make.log" 2>&1 || { cat "$work/make.log"; exit 1; }
echo "   $(($(date +%s) - t0)) s"
make --no-print-directory -s build/plain/libbulletin.a
# shellcheck disable=SC2086
libs_arm="-Wl,--as-needed $($pc_arm --libs $PKGS) -lstemmer -lm"
# shellcheck disable=SC2086
libs_host="-Wl,--as-needed $(pkg-config --libs $PKGS) -lstemmer -lm"
for probe in points_speed extract_speed; do
    # shellcheck disable=SC2086
    $cc_arm -std=c11 -O2 -D_GNU_SOURCE -Iapp $($pc_arm --cflags $PKGS) \
        -o "$work/$probe-arm64" tests/bench/$probe.c build/arm64/plain/libbulletin.a $libs_arm
    # shellcheck disable=SC2086
    cc -std=c11 -O2 -D_GNU_SOURCE -Iapp $(pkg-config --cflags $PKGS) \
        -o "$work/$probe-host" tests/bench/$probe.c build/plain/libbulletin.a $libs_host
done
file "$work/points_speed-arm64" | sed 's/^[^:]*: /probe: /; s/, BuildID.*//'
corpus=$(bench_corpus "$work/all" ./bulletin)
# every 4th article: one emulated round stays near a second
mkdir -p "$work/articles"
ls "$work"/all/*.txt | awk 'NR % 4 == 1' | while read -r f; do mv "$f" "$work/articles/"; done
corpus="every 4th of $corpus ($(ls "$work/articles" | wc -l))"
pages=$(ls tests/data/pages/*.html | wc -l)

# The host and the emulated probe alternate within each run.
ah="" aa="" mh="" ma="" ph="" pa="" eh="" ea=""
r=0
while [ $r -lt "$BENCH_RUNS" ]; do
    set -- $("$work/points_speed-host" 1 "$work"/articles/*.txt)
    ah="$ah $6" mh="$mh $8"
    set -- $(qemu-aarch64-static "$work/points_speed-arm64" 1 "$work"/articles/*.txt)
    aa="$aa $6" ma="$ma $8"
    line=$("$work/extract_speed-host" 1 tests/data/pages/*.html)
    ph="$ph $(echo "$line" | sed -n 's/.*: \([0-9.]*\) pages\/s.*/\1/p')"
    eh="$eh $(echo "$line" | sed -n 's/.*, \([0-9.]*\) MB\/s.*/\1/p')"
    line=$(qemu-aarch64-static "$work/extract_speed-arm64" 1 tests/data/pages/*.html)
    pa="$pa $(echo "$line" | sed -n 's/.*: \([0-9.]*\) pages\/s.*/\1/p')"
    ea="$ea $(echo "$line" | sed -n 's/.*, \([0-9.]*\) MB\/s.*/\1/p')"
    r=$((r + 1))
done
slow() { python3 tests/bench/stats.py ratio "$(median $1)" "$(median $2)"; }
echo "summarizer, $corpus: arm64 $(spread 0 articles/s $aa), host $(spread 0 articles/s $ah) ($(slow "$ah" "$aa")x slower emulated)"
echo "extractor, $pages fixture pages: arm64 $(spread 0 pages/s $pa), host $(spread 0 pages/s $ph) ($(slow "$ph" "$pa")x slower emulated)"
record "$S" "summarizer in one process: articles/s, $corpus" "$(spread 0 "" $aa)" "host x86-64 build, same run" "$(spread 0 "" $ah)"
record "$S" "the same: MB/s" "$(spread 2 "" $ma)" "host x86-64 build, same run" "$(spread 2 "" $mh)"
record "$S" "extractor in one process: pages/s, $pages fixture pages" "$(spread 0 "" $pa)" "host x86-64 build, same run" "$(spread 0 "" $ph)"
record "$S" "the same: MB/s" "$(spread 2 "" $ea)" "host x86-64 build, same run" "$(spread 2 "" $eh)"
note "$S" "emulation costs $(slow "$ah" "$aa")x (summarizer) and $(slow "$ph" "$pa")x (extractor) here; a Pi's own speed is not measured"
