#!/usr/bin/env python3
"""initramfs.py - a tiny initramfs for the test image, built on the host.

usage: python3 firmware/test-boot/initramfs.py ROOT KVER OUT [MODULE...]

image.sh uses it for a foreign architecture (arm64 on an amd64 host), where
Debian's initramfs-tools would build the initramfs under qemu-user: copying
and compressing hundreds of modules through an emulated CPU took most of an
hour. This one takes a second, and does only what the test's boot needs:

  - /bin/busybox from ROOT (Debian's busybox-static for the image's
    architecture, installed in the image by mmdebstrap) and links for the
    applets /init uses;
  - the MODULEs (default: virtio_pci virtio_blk ext4) and everything they
    need, resolved from ROOT/lib/modules/KVER: modules.dep for the hard
    dependencies, modules.softdep's "pre:" (ext4 wants crc32c for its
    checksums), modules.alias for names such as crc32c; the ones in
    modules.builtin are already in the kernel and skipped;
  - /init: mounts /proc, /sys, devtmpfs, loads the modules in dependency
    order, waits for root= (default /dev/vda), mounts it read-only unless the
    command line says "rw" (Debian's contract: the kernel line says "ro", the
    root is checked by systemd-fsck-root and remounted by systemd-remount-fs
    from /etc/fstab), moves /dev over and switch_roots to /sbin/init.

OUT is a newc cpio archive, uncompressed (the kernel needs nothing to unpack
it; under emulation a decompressor costs seconds). Written directly, so no
cpio, kmod or root privileges are needed on the host.
"""
import lzma
import os
import stat
import sys

DEFAULT_MODULES = ["virtio_pci", "virtio_blk", "ext4"]
APPLETS = ["sh", "mount", "umount", "insmod", "sleep", "cat", "switch_root", "poweroff", "echo"]

INIT = r"""#!/bin/sh
# initramfs of the Bulletin boot test (firmware/test-boot/initramfs.py)
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
root=/dev/vda
mode=ro
for arg in $(cat /proc/cmdline); do
    case "$arg" in
    root=*) root=${arg#root=} ;;
    ro) mode=ro ;;
    rw) mode=rw ;;
    esac
done
fail() {
    echo "initramfs: $*" >/dev/console
    sleep 2
    poweroff -f
}
while read -r m; do
    insmod "/lib/modules/$m" || fail "insmod $m failed"
done </modules
n=0
while [ ! -b "$root" ]; do
    n=$((n + 1))
    [ "$n" -le 600 ] || fail "no $root after 60 s"
    sleep 0.1
done
mount -t ext4 -o "$mode" "$root" /root || fail "mount -o $mode $root failed"
mount --move /dev /root/dev
umount /sys
umount /proc
exec switch_root /root /sbin/init
"""


def read_lines(path):
    try:
        with open(path) as f:
            return f.read().splitlines()
    except FileNotFoundError:
        return []


class Modules:
    """The kernel's module tables under ROOT/lib/modules/KVER."""

    def __init__(self, moddir):
        self.moddir = moddir
        self.deps = {}    # name -> (path, [dependency paths])
        self.by_path = {}
        for line in read_lines(os.path.join(moddir, "modules.dep")):
            path, _, rest = line.partition(":")
            name = self.name_of(path)
            self.deps[name] = (path, rest.split())
            self.by_path[path] = name
        self.builtin = {self.name_of(p) for p in read_lines(os.path.join(moddir, "modules.builtin"))}
        self.alias = {}
        for line in read_lines(os.path.join(moddir, "modules.alias")):
            f = line.split()
            if len(f) == 3 and f[0] == "alias":
                self.alias.setdefault(f[1].replace("-", "_"), f[2])
        self.softpre = {}
        for line in read_lines(os.path.join(moddir, "modules.softdep")):
            f = line.split()
            if len(f) >= 3 and f[0] == "softdep":
                pre, words = [], f[2:]
                taking = False
                for w in words:
                    if w.endswith(":"):
                        taking = w == "pre:"
                    elif taking:
                        pre.append(w)
                self.softpre[f[1].replace("-", "_")] = pre

    @staticmethod
    def name_of(path):
        base = os.path.basename(path)
        for ext in (".ko", ".ko.xz", ".ko.zst", ".ko.gz"):
            if base.endswith(ext):
                base = base[:-len(ext)]
        return base.replace("-", "_")

    def resolve(self, name):
        """The module file's name for NAME (an alias resolved), None when built in."""
        name = name.replace("-", "_")
        if name in self.deps:
            return name
        if name in self.builtin:
            return None
        if name in self.alias:
            return self.resolve(self.alias[name])
        raise SystemExit("initramfs.py: no module %s in %s" % (name, self.moddir))

    def load_order(self, wanted):
        """The module paths to insmod, each after what it needs."""
        order, seen = [], set()

        def visit(name):
            name = self.resolve(name)
            if name is None or name in seen:
                return
            seen.add(name)
            for pre in self.softpre.get(name, []):
                visit(pre)
            path, deps = self.deps[name]
            for d in deps:
                visit(self.by_path[d])
            order.append(path)

        for w in wanted:
            visit(w)
        return order


class Cpio:
    """A newc ("070701") archive, written member by member."""

    def __init__(self, f):
        self.f = f
        self.ino = 1

    def add(self, name, mode, data=b"", rdev=(0, 0)):
        name_b = name.encode() + b"\0"
        hdr = "070701" + "".join("%08X" % v for v in (
            self.ino, mode, 0, 0, 1, 0, len(data), 0, 0, rdev[0], rdev[1], len(name_b), 0))
        self.ino += 1
        self.f.write(hdr.encode() + name_b)
        self.pad()
        self.f.write(data)
        self.pad()

    def pad(self):
        self.f.write(b"\0" * (-self.f.tell() % 4))

    def close(self):
        self.add("TRAILER!!!", 0)


def module_bytes(path):
    with open(path, "rb") as f:
        data = f.read()
    if path.endswith(".xz"):
        return lzma.decompress(data)
    if path.endswith((".zst", ".gz")):
        raise SystemExit("initramfs.py: %s: compressed modules other than xz are not handled" % path)
    return data


def main():
    if len(sys.argv) < 4:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    root, kver, out = sys.argv[1:4]
    wanted = sys.argv[4:] or DEFAULT_MODULES
    moddir = os.path.join(root, "lib/modules", kver)
    mods = Modules(moddir)
    order = mods.load_order(wanted)
    busybox = os.path.join(root, "bin/busybox")
    with open(busybox, "rb") as f:
        bb = f.read()
    with open(out + ".part", "wb") as f:
        c = Cpio(f)
        for d in ("bin", "dev", "proc", "sys", "root", "lib", "lib/modules"):
            c.add(d, stat.S_IFDIR | 0o755)
        c.add("dev/console", stat.S_IFCHR | 0o600, rdev=(5, 1))
        c.add("bin/busybox", stat.S_IFREG | 0o755, bb)
        for a in APPLETS:
            c.add("bin/" + a, stat.S_IFLNK | 0o777, b"busybox")
        c.add("init", stat.S_IFREG | 0o755, INIT.encode())
        listed = []
        for path in order:
            name = os.path.basename(path)
            if name.endswith(".xz"):
                name = name[:-3]
            c.add("lib/modules/" + name, stat.S_IFREG | 0o644, module_bytes(os.path.join(moddir, path)))
            listed.append(name)
        c.add("modules", stat.S_IFREG | 0o644, "".join(n + "\n" for n in listed).encode())
        c.close()
    os.replace(out + ".part", out)
    print("initramfs.py: %s (%d bytes): busybox, %s" % (out, os.path.getsize(out), " ".join(listed)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
