#!/bin/sh
# install.sh - turn a fresh Raspberry Pi OS Lite (Bookworm, 64-bit) into a
# Bulletin wall. Safe to run again: every step checks before it changes
# anything, and a second run reports "0 changed".
#
# usage: sudo firmware/install.sh [--deb FILE] [--readonly [--store-dev SPEC]]
#                                 [--hdmi-mode WxH@R] [--root DIR]
#
#   --deb FILE        the package to install; default: the newest
#                     build/deb/bulletin_*_ARCH.deb of this source tree, else
#                     it is built here (make deb) first.
#   --readonly        turn on the read-only root (overlayfs, raspi-config);
#                     takes effect at the next boot. Not on a Pi (no
#                     cmdline.txt): / is mounted read-only by /etc/fstab,
#                     /tmp and /var/tmp in RAM.
#   --store-dev SPEC  with --readonly: an ext4 filesystem (e.g.
#                     LABEL=bulletin-store, a USB stick or a third partition)
#                     mounted at /var/lib/bulletin and left writable, so the
#                     cached stories survive a reboot. Without it the store
#                     lives in RAM under the overlay and starts empty at boot.
#   --hdmi-mode MODE  force this HDMI mode at boot even when the screen is
#                     off or not connected (kernel video=HDMI-A-1:MODE D).
#   --root DIR        operate on a system mounted at DIR (an SD card being
#                     prepared, or a scratch tree in tests): files under DIR
#                     are changed, nothing is started, raspi-config and apt
#                     are not run.
set -eu

root="" deb="" readonly=0 store_dev="" hdmi_mode=""
while [ $# -gt 0 ]; do
    case "$1" in
    --root) root=${2%/}; shift 2 ;;
    --deb) deb=$2; shift 2 ;;
    --readonly) readonly=1; shift ;;
    --store-dev) store_dev=$2; shift 2 ;;
    --hdmi-mode) hdmi_mode=$2; shift 2 ;;
    -h | --help) sed -n '2,/^set -eu/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "install.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
done
if [ -n "$store_dev" ] && [ "$readonly" -eq 0 ]; then
    echo "install.sh: --store-dev only makes sense with --readonly" >&2
    exit 2
fi
case "$hdmi_mode" in
"" | [0-9]*x[0-9]*) ;;
*) echo "install.sh: --hdmi-mode wants WxH or WxH@RATE, e.g. 1920x1080@60" >&2; exit 2 ;;
esac

live=0
[ -z "$root" ] && live=1
if [ "$live" -eq 1 ] && [ "$(id -u)" -ne 0 ]; then
    echo "install.sh: run as root (sudo)" >&2
    exit 1
fi
if [ "$live" -eq 1 ] && [ "$(findmnt -n -o FSTYPE / 2>/dev/null)" = overlay ]; then
    echo "install.sh: the root is a read-only overlay now; changes would vanish at reboot." >&2
    echo "  turn it off first: raspi-config nonint do_overlayfs 1 && reboot" >&2
    exit 1
fi
if [ "$live" -eq 1 ] && findmnt -n -o OPTIONS / 2>/dev/null | grep -q '^ro\(,\|$\)'; then
    echo "install.sh: the root is mounted read-only; make it writable first:" >&2
    echo "  mount -o remount,rw /   (and back with: mount -o remount,ro /)" >&2
    exit 1
fi
src=$(cd "$(dirname "$0")/.." && pwd)
changed=0

say() { echo "install.sh: $*"; }
did() { changed=$((changed + 1)); say "changed: $*"; }

# put_file SRC DEST MODE: install a file unless it is already identical.
put_file() {
    if [ -f "$2" ] && cmp -s "$1" "$2"; then return 0; fi
    mkdir -p "$(dirname "$2")"
    cp "$1" "$2.new.$$"
    chmod "$3" "$2.new.$$"
    mv "$2.new.$$" "$2"
    did "${2#"$root"}"
}

# ---------------------------------------------------------------- package
arch=$(dpkg --print-architecture)
if [ -z "$deb" ]; then
    # shellcheck disable=SC2012 # our own file names: no odd characters
    deb=$(ls -t "$src"/build/deb/bulletin_*_"$arch".deb 2>/dev/null | head -n 1 || true)
    if [ -z "$deb" ]; then
        [ -f "$src/Makefile" ] || { echo "install.sh: no --deb and no source tree" >&2; exit 1; }
        say "building the package from source (make deb)"
        make -C "$src" deps >/dev/null
        make -C "$src" deb
        # shellcheck disable=SC2012
        deb=$(ls -t "$src"/build/deb/bulletin_*_"$arch".deb | head -n 1)
    fi
fi
[ -f "$deb" ] || { echo "install.sh: $deb: no such file" >&2; exit 1; }
want_version=$(dpkg-deb -f "$deb" Version)
have_version=$(dpkg-query --admindir="$root/var/lib/dpkg" -W -f='${db:Status-Abbrev}${Version}' \
    bulletin 2>/dev/null || true)
if [ "$have_version" = "ii $want_version" ]; then
    say "ok: bulletin $want_version is installed"
elif [ "$live" -eq 1 ]; then
    case "$deb" in /*) ;; *) deb="./$deb" ;; esac
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$deb"
    did "package bulletin $want_version"
else
    mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
    [ -f "$root/var/lib/dpkg/status" ] || : >"$root/var/lib/dpkg/status"
    # (the card's libraries are not in this database, and its architecture
    # may not be this machine's)
    dpkg --root="$root" --force-script-chrootless --force-not-root --force-depends \
        --force-architecture \
        --log=/dev/null -i "$deb" >/dev/null
    did "package bulletin $want_version (into $root)"
fi
share="$root/usr/share/bulletin/firmware"

# ---------------------------------------------------------------- boot files
boot="$root/boot/firmware"
[ -d "$boot" ] || boot="$root/boot"
cmdline="$boot/cmdline.txt"
config="$boot/config.txt"

# cmdline.txt is one line of space-separated kernel parameters.
cmdline_set() { # KEY=VALUE: replace KEY=..., or append
    key=${1%%=*}
    line=$(cat "$cmdline")
    new=""
    found=0
    set -f # the tokens are words, not file patterns
    for tok in $line; do
        case "$tok" in
        "$key="*)
            [ "$found" -eq 1 ] && continue
            found=1
            tok=$1
            ;;
        esac
        new="${new:+$new }$tok"
    done
    set +f
    [ "$found" -eq 1 ] || new="$new $1"
    if [ "$new" != "$line" ]; then
        printf '%s\n' "$new" >"$cmdline"
        did "cmdline.txt: $1"
    fi
}

if [ -f "$cmdline" ]; then
    cmdline_set consoleblank=0            # the screen never blanks
    cmdline_set vt.global_cursor_default=0 # no blinking cursor on the wall
    if [ -n "$hdmi_mode" ]; then
        cmdline_set "video=HDMI-A-1:${hdmi_mode}D"
    fi
else
    say "warning: no $cmdline (not a Raspberry Pi?): kernel parameters not set"
fi

# config.txt: the lines that matter for a wall, in a block of our own at the
# end (the last [all] section wins).
begin="# --- bulletin: firmware/install.sh manages this block ---"
end="# --- end bulletin ---"
if [ -f "$config" ]; then
    block=$(mktemp)
    {
        echo "$begin"
        echo "[all]"
        echo "# KMS display driver (dtoverlay=vc4-kms-v3d): what SDL's kmsdrm draws through."
        grep -q '^dtoverlay=vc4-kms-v3d' "$config" || echo "dtoverlay=vc4-kms-v3d"
        echo "# Drive HDMI even when the screen was off or unplugged at boot."
        echo "hdmi_force_hotplug=1"
        echo "# Use the whole panel: no black border."
        echo "disable_overscan=1"
        echo "# No rainbow square at power-on."
        echo "disable_splash=1"
        echo "# The SoC's watchdog, fed by systemd (RuntimeWatchdogSec)."
        echo "dtparam=watchdog=on"
        echo "$end"
    } >"$block"
    # the file without our old block, then the new block
    rest=$(mktemp)
    awk -v b="$begin" -v e="$end" '$0==b{skip=1} !skip{print} $0==e{skip=0}' "$config" >"$rest"
    # the vc4 line may live only in our previous block: keep it then
    if ! grep -q '^dtoverlay=vc4-kms-v3d' "$rest" && ! grep -q '^dtoverlay=vc4-kms-v3d' "$block"; then
        sed -i "s/^\[all\]\$/[all]\ndtoverlay=vc4-kms-v3d/" "$block"
    fi
    cat "$rest" "$block" >"$rest.all"
    if ! cmp -s "$rest.all" "$config"; then
        cp "$rest.all" "$config"
        did "config.txt: HDMI hotplug, no overscan, KMS, watchdog"
    fi
    rm -f "$block" "$rest" "$rest.all"
else
    say "warning: no $config (not a Raspberry Pi?): config.txt not changed"
fi

# ---------------------------------------------------------------- systemd
wd=$(mktemp)
cat >"$wd" <<'CONF'
# Installed by Bulletin's firmware/install.sh: systemd feeds the hardware
# watchdog; if the whole system hangs, the SoC resets it. (The BCM2835
# watchdog allows at most about 15 s.)
[Manager]
RuntimeWatchdogSec=15s
RebootWatchdogSec=2min
CONF
put_file "$wd" "$root/etc/systemd/system.conf.d/bulletin-watchdog.conf" 0644
rm -f "$wd"

# journald: volatile and rate limited, no log files on the card
put_file "$share/journald.conf" "$root/etc/systemd/journald.conf.d/bulletin.conf" 0644

# the wall owns tty1: no login prompt there (tty2.. still work)
getty="$root/etc/systemd/system/getty.target.wants/getty@tty1.service"
if [ -e "$getty" ] || [ -L "$getty" ]; then
    rm -f "$getty"
    did "getty@tty1 disabled (the wall uses tty1)"
fi

# ---------------------------------------------------------------- read-only
# Not a Raspberry Pi (no cmdline.txt, so no raspi-config overlay): the root
# is mounted read-only through /etc/fstab, and what systemd and the units
# must write goes to RAM: /tmp and /var/tmp (PrivateTmp= makes its
# directories there; on a read-only /tmp the kiosk cannot start) and, without
# --store-dev, the state directory itself.
fstab_add() { # MOUNTPOINT LINE: add LINE unless fstab mounts something there
    if ! grep -q "^[^#]*[[:space:]]$1[[:space:]]" "$fstab"; then
        echo "$2" >>"$fstab"
        did "fstab: $1 in RAM"
    fi
}
readonly_by_fstab() {
    fstab="$root/etc/fstab"
    touch "$fstab"
    if ! grep -q '^[^#[:space:]]*[[:space:]][[:space:]]*/[[:space:]]' "$fstab"; then
        say "warning: no / line in $fstab: add 'ro' to the kernel command line instead"
    elif ! awk '$2 == "/" && $1 !~ /^#/ && ("," $4 ",") ~ /,ro,/ {found = 1} END {exit !found}' \
        "$fstab"; then
        awk 'BEGIN {OFS = "\t"}
            $2 == "/" && $1 !~ /^#/ {
                n = split($4, o, ","); opts = "ro"
                for (i = 1; i <= n; i++) if (o[i] != "rw" && o[i] != "defaults") opts = opts "," o[i]
                $4 = opts
            }
            {print}' "$fstab" >"$fstab.new.$$"
        mv "$fstab.new.$$" "$fstab"
        did "fstab: / read-only"
    fi
    fstab_add /tmp "tmpfs /tmp tmpfs mode=1777,nosuid,nodev,size=64m 0 0"
    fstab_add /var/tmp "tmpfs /var/tmp tmpfs mode=1777,nosuid,nodev,size=16m 0 0"
    if [ -z "$store_dev" ]; then
        fstab_add /var/lib/bulletin "tmpfs /var/lib/bulletin tmpfs mode=0750,size=128m 0 0"
    fi
}

if [ "$readonly" -eq 1 ]; then
    # The mount point must exist before the root turns read-only: systemd
    # cannot create it then, and the store's mount fails (a card prepared
    # with --root has never run the kiosk, which creates it otherwise).
    if [ ! -d "$root/var/lib/bulletin" ]; then
        mkdir -p "$root/var/lib/bulletin"
        chmod 0750 "$root/var/lib/bulletin"
        did "/var/lib/bulletin (the store's mount point)"
    fi
    if [ -n "$store_dev" ]; then
        fstab="$root/etc/fstab"
        line="$store_dev /var/lib/bulletin ext4 defaults,noatime,commit=60 0 2"
        touch "$fstab"
        if ! grep -q '[[:space:]]/var/lib/bulletin[[:space:]]' "$fstab"; then
            echo "$line" >>"$fstab"
            did "fstab: $store_dev on /var/lib/bulletin"
        elif ! grep -qxF "$line" "$fstab"; then
            say "warning: $fstab already mounts something else on /var/lib/bulletin; left as is"
        fi
    else
        say "note: no --store-dev: under the read-only root the store lives in RAM"
    fi
    if [ ! -f "$cmdline" ]; then
        readonly_by_fstab
    elif grep -q 'overlayroot=' "$cmdline"; then
        say "ok: overlay root already configured"
    elif [ "$live" -eq 1 ]; then
        raspi-config nonint do_overlayfs 0
        did "read-only root (overlayfs) on from the next boot"
    else
        say "note: --root: run 'raspi-config nonint do_overlayfs 0' on the Pi itself"
    fi
    # the store's own filesystem stays writable under the overlay
    if [ -n "$store_dev" ] && [ -f "$cmdline" ] && grep -q 'overlayroot=tmpfs' "$cmdline" &&
        ! grep -q 'overlayroot=tmpfs:recurse=0' "$cmdline"; then
        sed -i 's/overlayroot=tmpfs\([^:]\|$\)/overlayroot=tmpfs:recurse=0\1/' "$cmdline"
        did "cmdline.txt: overlayroot=tmpfs:recurse=0 (store stays writable)"
    fi
fi

# ---------------------------------------------------------------- start
if [ "$live" -eq 1 ] && [ -d /run/systemd/system ]; then
    systemctl daemon-reload
    if ! systemctl is-enabled --quiet bulletin.service; then
        systemctl enable bulletin.service
        did "bulletin.service enabled"
    fi
fi
say "$changed changed"
if [ "$changed" -gt 0 ] && [ "$live" -eq 1 ]; then
    say "reboot to apply the boot settings: sudo reboot"
fi
