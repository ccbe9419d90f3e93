#!/bin/sh
# deps.sh - install the Debian packages Bulletin needs, only those missing.
#
# usage: firmware/deps.sh GROUP...   (groups: build test bench cross boot parser)
# Checks each package with dpkg-query; when all are present it does nothing.
# Otherwise it runs apt-get update once, then apt-get install -y, through sudo
# when not root. Package names are Debian bookworm's (Raspberry Pi OS too).
set -eu

pkgs_build="build-essential pkg-config libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev
 libcurl4-openssl-dev libxml2-dev libsqlite3-dev libstemmer-dev libcjson-dev
 libutf8proc-dev libqrencode-dev libfribidi-dev libsystemd-dev libuchardet-dev nettle-dev"
pkgs_test="libcmocka-dev libwebp-dev python3 openssl systemd dpkg-dev fakeroot valgrind
 fonts-noto-core fonts-noto-cjk xvfb xauth x11-utils imagemagick clang libclang-rt-14-dev"
pkgs_bench="ots python3-nltk valgrind hyperfine nodejs npm imagemagick time strace libxml2-utils
 sqlite3 curl file bc"
pkgs_cross="crossbuild-essential-arm64 qemu-user-static"
# make bench-parser: the link-grammar parser weighed as a cut checker (issue 11)
pkgs_parser="liblink-grammar-dev link-grammar-dictionaries-en python3"
# make test-boot: a Debian image booted under QEMU (firmware/test-boot/)
pkgs_boot="mmdebstrap arch-test e2fsprogs qemu-system-x86 qemu-system-arm python3 imagemagick"
pkgs_cross_arm64="libsdl2-dev:arm64 libsdl2-ttf-dev:arm64 libsdl2-image-dev:arm64
 libcurl4-openssl-dev:arm64 libxml2-dev:arm64 libsqlite3-dev:arm64 libstemmer-dev:arm64
 libcjson-dev:arm64 libutf8proc-dev:arm64 libqrencode-dev:arm64
 libfribidi-dev:arm64 libsystemd-dev:arm64 libcmocka-dev:arm64 libwebp-dev:arm64 libuchardet-dev:arm64
 nettle-dev:arm64"

want=""
for group in "$@"; do
    case "$group" in
    build) want="$want $pkgs_build" ;;
    test) want="$want $pkgs_test" ;;
    bench) want="$want $pkgs_bench" ;;
    cross) want="$want $pkgs_cross $pkgs_cross_arm64" ;;
    boot) want="$want $pkgs_boot" ;;
    parser) want="$want $pkgs_parser" ;;
    *) echo "deps.sh: unknown group '$group'" >&2; exit 2 ;;
    esac
done

# Tools that may come from elsewhere than Debian (node and npm from their own
# installer, say): present on PATH counts as installed.
command_of() {
    case "$1" in
    nodejs) echo node ;;
    npm | hyperfine | valgrind | ots) echo "$1" ;;
    *) echo "" ;;
    esac
}

missing=""
for p in $want; do
    cmd=$(command_of "$p")
    if [ -n "$cmd" ] && command -v "$cmd" >/dev/null 2>&1; then continue; fi
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    case "$status" in
    *"ok installed"*) ;;
    *) missing="$missing $p" ;;
    esac
done
[ -n "$missing" ] || exit 0

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
        echo "deps.sh: missing packages:$missing; run as root or install sudo" >&2
        exit 1
    fi
fi
case " $want " in
*":arm64"*)
    if ! dpkg --print-foreign-architectures | grep -qx arm64; then
        $SUDO dpkg --add-architecture arm64
    fi ;;
esac
echo "deps.sh: installing:$missing"
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q
# shellcheck disable=SC2086
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
