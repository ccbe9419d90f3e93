#!/bin/sh
# mkdeb.sh - package Bulletin as a Debian binary package with dpkg-deb.
#
# usage: firmware/mkdeb.sh --bin FILE --arch ARCH --version V --out FILE.deb
# Run from the project root (the Makefile's `make deb` does). The binary must
# have been built with PREFIX=/usr (it looks for its data in
# /usr/share/bulletin). The helpers it execs, bulletin-text, bulletin-display and
# bulletin-fetch (app/helper.h), are taken from beside it and installed in
# /usr/libexec/bulletin. Depends: is computed with dpkg-shlibdeps, plus what
# is loaded at run time (Mesa for SDL's kmsdrm, CA certificates, libcurl for
# the front end's link resolution); the packaged /etc/bulletin/bulletin.conf
# is firmware/bulletin.conf and the copyright file firmware/debian/copyright.
set -eu

bin="" arch="" version="" out=""
while [ $# -gt 0 ]; do
    case "$1" in
    --bin) bin=$2; shift 2 ;;
    --arch) arch=$2; shift 2 ;;
    --version) version=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    *) echo "mkdeb.sh: unknown argument '$1'" >&2; exit 2 ;;
    esac
done
if [ -z "$bin" ] || [ -z "$arch" ] || [ -z "$version" ] || [ -z "$out" ]; then
    echo "usage: mkdeb.sh --bin FILE --arch ARCH --version V --out FILE.deb" >&2
    exit 2
fi
[ -x "$bin" ] || { echo "mkdeb.sh: $bin: no such executable" >&2; exit 1; }

stage=$(mktemp -d "${TMPDIR:-/tmp}/bulletin-deb-XXXXXX")
trap 'rm -rf "$stage"' EXIT INT TERM
pkg="$stage/pkg"

install -d "$pkg/DEBIAN" "$pkg/usr/bin" "$pkg/usr/libexec/bulletin" "$pkg/usr/share/bulletin/fonts" \
    "$pkg/usr/share/bulletin/firmware" "$pkg/usr/share/doc/bulletin" \
    "$pkg/lib/systemd/system" "$pkg/usr/lib/sysusers.d" "$pkg/etc/bulletin"

install -m 0755 "$bin" "$pkg/usr/bin/bulletin"
exes="$pkg/usr/bin/bulletin"
for helper in bulletin-text bulletin-display bulletin-fetch; do
    [ -x "$bin-${helper#bulletin-}" ] || { echo "mkdeb.sh: $bin-${helper#bulletin-}: no such executable" >&2; exit 1; }
    install -m 0755 "$bin-${helper#bulletin-}" "$pkg/usr/libexec/bulletin/$helper"
    exes="$exes $pkg/usr/libexec/bulletin/$helper"
done
strip_tool=""
if [ "$arch" = "$(dpkg --print-architecture)" ]; then
    strip_tool="strip"
elif [ "$arch" = arm64 ]; then
    strip_tool="aarch64-linux-gnu-strip"
fi
if [ -n "$strip_tool" ] && command -v "$strip_tool" >/dev/null 2>&1; then
    # shellcheck disable=SC2086
    "$strip_tool" --strip-unneeded --remove-section=.comment --remove-section=.note $exes
fi

install -m 0644 fonts/*.ttf fonts/*.txt "$pkg/usr/share/bulletin/fonts/"
if [ -d feeds ]; then
    install -d "$pkg/usr/share/bulletin/feeds"
    cp -R feeds/. "$pkg/usr/share/bulletin/feeds/"
    find "$pkg/usr/share/bulletin/feeds" -type d -exec chmod 0755 {} +
    find "$pkg/usr/share/bulletin/feeds" -type f -exec chmod 0644 {} +
fi

# The default configuration (a conffile: dpkg keeps the admin's edits).
cp firmware/bulletin.conf "$pkg/etc/bulletin/bulletin.conf"
chmod 0644 "$pkg/etc/bulletin/bulletin.conf"
echo "/etc/bulletin/bulletin.conf" >"$pkg/DEBIAN/conffiles"

install -m 0644 firmware/systemd/bulletin.service firmware/systemd/bulletin-safe.service \
    firmware/systemd/bulletin-retry.service firmware/systemd/bulletin-retry.timer \
    "$pkg/lib/systemd/system/"
install -m 0644 firmware/sysusers.d/bulletin.conf "$pkg/usr/lib/sysusers.d/bulletin.conf"
install -d "$pkg/lib/udev/rules.d"
install -m 0644 firmware/udev/71-bulletin-drm.rules "$pkg/lib/udev/rules.d/71-bulletin-drm.rules"
# For install.sh on the Pi: the journald drop-in is not applied by the
# package itself (a desktop that installs the .deb keeps its own journal).
install -m 0644 firmware/journald/bulletin.conf "$pkg/usr/share/bulletin/firmware/journald.conf"
install -m 0755 firmware/install.sh "$pkg/usr/share/bulletin/firmware/install.sh"
install -m 0644 firmware/README.md "$pkg/usr/share/doc/bulletin/README.md"
install -m 0644 firmware/debian/copyright "$pkg/usr/share/doc/bulletin/copyright"
chmod 0644 "$pkg/usr/share/doc/bulletin/copyright"

for s in postinst prerm postrm; do
    install -m 0755 "firmware/debian/$s" "$pkg/DEBIAN/$s"
done

# Shared-library dependencies of the binary, as Debian package names.
depends=""
if command -v dpkg-shlibdeps >/dev/null 2>&1; then
    mkdir -p "$stage/src/debian"
    printf 'Source: bulletin\n\nPackage: bulletin\nArchitecture: any\n' >"$stage/src/debian/control"
    # shellcheck disable=SC2086
    if depends=$(cd "$stage/src" && DEB_HOST_ARCH="$arch" dpkg-shlibdeps -O \
        $exes 2>"$stage/shlibdeps.err"); then
        depends=$(echo "$depends" | sed -n 's/^shlibs:Depends=//p')
    else
        cat "$stage/shlibdeps.err" >&2
        depends=""
    fi
fi
if [ -z "$depends" ]; then
    echo "mkdeb.sh: dpkg-shlibdeps gave nothing; using the hand-written list" >&2
    depends="libc6, libsdl2-2.0-0, libsdl2-ttf-2.0-0, libsdl2-image-2.0-0, libcurl4,
 libxml2, libsqlite3-0, libcjson1, libutf8proc2, libqrencode4, libfribidi0,
 libsystemd0, libstemmer0d, libuchardet0"
    depends=$(echo "$depends" | tr -d '\n')
fi

# Loaded at run time, so invisible to dpkg-shlibdeps: SDL's kmsdrm video
# driver draws through GBM, EGL and GLES with Mesa's DRI drivers (v3d/vc4 on
# a Pi), and HTTPS feeds need the CA certificates.
depends="$depends, libgbm1, libegl1, libegl-mesa0, libgles2, libgl1-mesa-dri, ca-certificates"

size=$(du -sk --exclude=DEBIAN "$pkg" | cut -f1)
cat >"$pkg/DEBIAN/control" <<CONTROL
Package: bulletin
Version: $version
Architecture: $arch
Maintainer: Bulletin developers <bulletin@example.org>
Installed-Size: $size
Depends: $depends
Recommends: systemd
Section: misc
Priority: optional
Description: office wall news display
 Bulletin turns a screen (a Raspberry Pi on a wall) into a news display:
 it fetches the configured feeds, extracts each article's main text, picks
 three to five short points and rotates full-screen slides, one story each.
 .
 The package installs the systemd service bulletin.service (enabled and
 started), a safe-mode fallback, the service user 'bulletin' and offline
 demo feeds in the default configuration /etc/bulletin/bulletin.conf.
CONTROL

(cd "$pkg" && find . -path ./DEBIAN -prune -o -type f -print | sed 's|^\./||' | sort |
    xargs md5sum) >"$pkg/DEBIAN/md5sums"

mkdir -p "$(dirname "$out")"
dpkg-deb --root-owner-group -Zxz --build "$pkg" "$out" >/dev/null
echo "mkdeb.sh: $out"
