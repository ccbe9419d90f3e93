#!/bin/sh
# image.sh - a minimal Debian bookworm disk image with Bulletin installed the
# way a new owner installs it, for firmware/test-boot/boot.py (make test-boot).
#
# usage: sh firmware/test-boot/image.sh ARCH DEB OUTDIR   (ARCH: amd64|arm64)
#
# Only Debian's packages: mmdebstrap fetches them from the mirror named in
# this machine's apt sources (deb.debian.org unless /etc/apt says otherwise).
# The base system (systemd, udev, Debian's kernel, the package's
# dependencies) is cached as OUTDIR/base-KEY.tar, KEY naming its package list,
# so only the first run downloads. Each run then:
#   1. unpacks the base into OUTDIR/root (a plain directory: no loop device,
#      no mount),
#   2. in a chroot, as root: `apt-get install ./bulletin_*.deb`, then
#      `/usr/share/bulletin/firmware/install.sh --deb ./bulletin_*.deb`,
#   3. adds what only the test needs (firmware/test-boot/guest/: the agent
#      that answers boot.py over a virtio-serial port, the retry timer
#      shortened from 30 min to 20 s),
#   4. makes OUTDIR/root.img with `mkfs.ext4 -d` (again no loop device) and
#      copies the kernel and initrd out (for a foreign ARCH the initrd is
#      built on the host by initramfs.py, see below), plus an empty ext4
#      OUTDIR/store.img (label bulletin-store) for the read-only-root run.
# Must run as root (the image's files belong to root and to the bulletin user).
set -eu

arch=${1:?usage: image.sh ARCH DEB OUTDIR}
deb=${2:?usage: image.sh ARCH DEB OUTDIR}
out=${3:?usage: image.sh ARCH DEB OUTDIR}
here=$(cd "$(dirname "$0")" && pwd)
[ "$(id -u)" -eq 0 ] || { echo "image.sh: run as root (mmdebstrap, chroot, file owners)" >&2; exit 1; }
[ -f "$deb" ] || { echo "image.sh: $deb: no such package (make deb ARCH=$arch)" >&2; exit 1; }
deb=$(cd "$(dirname "$deb")" && pwd)/$(basename "$deb")
mkdir -p "$out"
out=$(cd "$out" && pwd)

case "$arch" in
amd64) kernel=linux-image-amd64 ;;
arm64) kernel=linux-image-arm64 ;;
*) echo "image.sh: ARCH=$arch: amd64 or arm64" >&2; exit 2 ;;
esac

# A foreign architecture: mmdebstrap and the chroot steps below run the
# guest's programs (maintainer scripts, apt, install.sh) through qemu-user,
# which the kernel finds through binfmt_misc. Mount it and register the
# interpreter from qemu-user-static's binfmt.d file when they are missing
# (the F flag: the kernel opens the interpreter once, so it works in a chroot).
if [ "$arch" != "$(dpkg --print-architecture)" ]; then
    qarch=$(case "$arch" in arm64) echo aarch64 ;; *) echo "$arch" ;; esac)
    bm=/proc/sys/fs/binfmt_misc
    if [ ! -f "$bm/status" ]; then
        mount -t binfmt_misc binfmt_misc "$bm" || {
            echo "image.sh: 'mount -t binfmt_misc binfmt_misc $bm' refused: an $arch image cannot be built here" >&2
            exit 3
        }
    fi
    if [ ! -f "$bm/qemu-$qarch" ]; then
        conf=/usr/lib/binfmt.d/qemu-$qarch.conf
        [ -f "$conf" ] || { echo "image.sh: no $conf (install qemu-user-static)" >&2; exit 3; }
        cat "$conf" >"$bm/register" || {
            echo "image.sh: registering $conf in $bm/register refused" >&2
            exit 3
        }
    fi
    [ "$(cat "$bm/qemu-$qarch" | head -n 1)" = enabled ] || echo 1 >"$bm/qemu-$qarch"
fi

# The mirror: the first Debian URI in apt's sources (deb822 or one-line).
mirror=$(cat /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null |
    awk '/^URIs:/ && $2 ~ /debian\/?$/ {print $2; exit}
         /^deb / && $0 ~ /debian\/? / {for (i = 2; i <= NF; i++) if ($i ~ /^http/) {print $i; exit}}')
mirror=${mirror:-http://deb.debian.org/debian}

# The package's run-time dependencies, without versions or alternatives.
deps=$(dpkg-deb -f "$deb" Depends | tr ',' '\n' | sed 's/|.*//; s/(.*)//; s/[[:space:]]//g' |
    grep -v '^$' | sort -u | tr '\n' ',')
base_pkgs="systemd-sysv,udev,kmod,e2fsprogs,$kernel,initramfs-tools,procps,sqlite3,${deps%,}"

# The initramfs. On the host's own architecture Debian's initramfs-tools
# builds it, as on any Debian machine. For a foreign one that build runs
# under qemu-user (mkinitramfs copying and compressing hundreds of modules
# through an emulated CPU: still unfinished after 60 minutes for arm64), so
# there update-initramfs is diverted to a no-op before the kernel is
# installed, and initramfs.py builds a small one on the host from the image's
# own busybox-static and the few modules the virt machine needs (the whole
# arm64 base then takes 3.5-4.5 minutes on 2 cores). initramfs-tools stays installed:
# the kernel package depends on it (or another linux-initramfs-tool).
divert=""
if [ "$arch" = "$(dpkg --print-architecture)" ]; then
    host_initramfs=no
    base_pkgs="$base_pkgs,zstd"
else
    host_initramfs=yes
    base_pkgs="$base_pkgs,busybox-static"
    divert='dpkg-divert --root="$1" --local --rename --divert /usr/sbin/update-initramfs.debian --add /usr/sbin/update-initramfs &&
        printf "#!/bin/sh\n# test image: the initramfs is built on the host (firmware/test-boot/initramfs.py)\nexit 0\n" >"$1/usr/sbin/update-initramfs" &&
        chmod 0755 "$1/usr/sbin/update-initramfs"'
fi
key=$(printf '%s %s %s %s\n' "$arch" "$mirror" "$base_pkgs" "$host_initramfs" | sha256sum | cut -c1-12)
base="$out/base-$key.tar"

if [ ! -f "$base" ]; then
    echo "image.sh: building the base system ($arch, $mirror); cached as $base"
    rm -f "$out"/base-*.tar
    t0=$(date +%s)
    mmdebstrap --variant=apt --architectures="$arch" --include="$base_pkgs" \
        --aptopt='APT::Install-Recommends "false"' \
        ${divert:+--essential-hook="$divert"} \
        --customize-hook='echo wall-test >"$1/etc/hostname"' \
        --format=tar bookworm "$base.part" "$mirror"
    mv "$base.part" "$base"
    echo "image.sh: base system built in $(($(date +%s) - t0)) s"
fi

root="$out/root"
rm -rf "$root"
mkdir -p "$root"
tar --numeric-owner -xf "$base" -C "$root"

# As a new owner would: the package, then the install script, as root.
cp "$deb" "$root/root/"
name=$(basename "$deb")
chroot "$root" /bin/sh -c "cd /root && DEBIAN_FRONTEND=noninteractive apt-get install -y -q ./$name" \
    >"$out/install.log" 2>&1 || { cat "$out/install.log"; exit 1; }
chroot "$root" /bin/sh -c "cd /root && /usr/share/bulletin/firmware/install.sh --deb ./$name" \
    >>"$out/install.log" 2>&1 || { cat "$out/install.log"; exit 1; }
grep 'install.sh:' "$out/install.log" | sed 's/^/  /'

# What only the test needs.
install -m 0755 "$here/guest/bulletin-test-agent" "$root/usr/local/sbin/bulletin-test-agent"
install -m 0644 "$here/guest/bulletin-test-agent.service" "$root/etc/systemd/system/"
ln -sf /etc/systemd/system/bulletin-test-agent.service \
    "$root/etc/systemd/system/multi-user.target.wants/bulletin-test-agent.service"
install -d "$root/etc/systemd/system/bulletin-retry.timer.d"
printf '# test only: retry after 20 s instead of 30 min\n[Timer]\nOnActiveSec=\nOnActiveSec=20s\nAccuracySec=1s\n' \
    >"$root/etc/systemd/system/bulletin-retry.timer.d/test.conf"
# The emulated GPU has no 3D: Mesa draws in software. llvmpipe compiles
# shaders to machine code, which the units' MemoryDenyWriteExecute=yes
# refuses (the kiosk dies with SIGSEGV); softpipe needs no JIT. A Pi's V3D
# driver needs neither, so the shipped units keep MemoryDenyWriteExecute=yes.
for u in bulletin bulletin-safe; do
    install -d "$root/etc/systemd/system/$u.service.d"
    printf '# test only: the emulated GPU has no 3D\n[Service]\nEnvironment=GALLIUM_DRIVER=softpipe\n' \
        >"$root/etc/systemd/system/$u.service.d/test.conf"
done
printf '/dev/vda / ext4 rw,errors=remount-ro 0 1\n' >"$root/etc/fstab"
: >"$root/etc/machine-id"

kver=$(ls "$root"/boot/vmlinuz-* | sed 's|.*/vmlinuz-||' | sort -V | tail -n 1)
cp "$root/boot/vmlinuz-$kver" "$out/vmlinuz"
if [ "$host_initramfs" = yes ]; then
    python3 "$here/initramfs.py" "$root" "$kver" "$out/initrd.img"
else
    cp "$root/boot/initrd.img-$kver" "$out/initrd.img"
fi
rm -f "$out/root.img" "$out/store.img"
mkfs.ext4 -q -F -L bulletin-root -d "$root" "$out/root.img" 2G
mkfs.ext4 -q -F -L bulletin-store "$out/store.img" 128M
echo "image.sh: $out/root.img (kernel $kver)"
