#!/usr/bin/env python3
"""boot.py - boot the image from image.sh under QEMU and check the wall from outside.

usage: python3 firmware/test-boot/boot.py ARCH OUTDIR   (make test-boot runs it)

The guest has no network. Everything is observed from the host: QEMU's
monitor (QMP: screendump, query-blockstats, quit = a power cut), the serial
console (OUTDIR/console-N.log) and a virtio-serial port answered by the test
agent (firmware/test-boot/guest/bulletin-test-agent), which runs one shell
command per request, so the checks read systemctl/journalctl/sqlite3 like an
operator on the console would. Screens are saved as OUTDIR/*.ppm.

Environment: BOOT_ACCEL=kvm|tcg (default tcg), BOOT_RO_SECONDS (the read-only run's
measured window, default 120), BOOT_ONLY=readonly (only the read-only boot,
of an image made read-only beforehand with install.sh --root).
Prints one "ok"/"FAIL" line per check, the figures, and "N passed, N failed".
"""
import base64
import json
import os
import platform
import random
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import time

ARCH = sys.argv[1] if len(sys.argv) > 1 else "amd64"
OUT = os.path.abspath(sys.argv[2] if len(sys.argv) > 2 else "build/boot/" + ARCH)
HOST_ARCH = {"x86_64": "amd64", "aarch64": "arm64"}.get(platform.machine(), "")

THEMES = {  # app/render.c: background, headline, accent
    "dark": ((16, 20, 26), (255, 255, 255), (88, 170, 255)),
    "light": ((246, 244, 239), (17, 17, 17), (20, 90, 180)),
}
DB = "/var/lib/bulletin/bulletin.db"
CONF = "/etc/bulletin/bulletin.conf"

passed = 0
failed = 0
figures = []


def check(ok, what, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
    print("%s  %s%s" % ("ok  " if ok else "FAIL", what, (": " + detail) if detail else ""),
          flush=True)
    return ok


def figure(text):
    figures.append(text)
    print("  figure: " + text, flush=True)


def kvm_usable():
    try:
        fd = os.open("/dev/kvm", os.O_RDWR)
        os.close(fd)
        return True
    except OSError:
        return False


# KVM is opt-in: on a host without working nested virtualisation /dev/kvm
# opens but the guest never gets past the boot loader.
ACCEL = os.environ.get("BOOT_ACCEL") or "tcg"
# The KMS device. arm64 (virt): virtio-gpu-pci, the device; SDL's
# KMSDRM comes up on it (virtio_gpu DRM, Mesa's kms_swrast) and QEMU's
# screendump reads what the kiosk presented. amd64 (q35) keeps bochs-drm
# (VGA): when this test was written, the x86 screendump of virtio-gpu-pci
# read all black with -display none (QEMU 7.2; not re-checked since).
# BOOT_GPU= overrides either.
# 640x360: Mesa's softpipe draws every pixel on the emulated CPU; a quarter
# of 1280x720's pixels. (On a loaded host the kiosk was restarted before the
# checks and its screen dumped black at both sizes: not yet explained.)
GPU = "VGA,xres=640,yres=360" if ARCH == "amd64" else "virtio-gpu-pci,xres=640,yres=360"
SLOW = 1 if ACCEL == "kvm" else (3 if ARCH == HOST_ARCH else 6)  # timeout factor


class VM:
    def __init__(self, n, store=False):
        self.n = n
        self.qmp_path = os.path.join(OUT, "qmp.sock")
        self.agent_path = os.path.join(OUT, "agent.sock")
        for p in (self.qmp_path, self.agent_path):
            if os.path.exists(p):
                os.unlink(p)
        self.console = os.path.join(OUT, "console-%d.log" % n)
        args = self.command(store)
        with open(os.path.join(OUT, "qemu-%d.cmd" % n), "w") as f:
            f.write(" ".join(args) + "\n")
        self.started = time.monotonic()
        self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL,
                                     stdout=open(os.path.join(OUT, "qemu-%d.log" % n), "w"),
                                     stderr=subprocess.STDOUT)
        self.qmp = self.connect(self.qmp_path)
        self.qmp_file = self.qmp.makefile("rwb", buffering=0)
        self.qmp_file.readline()  # greeting
        self.monitor("qmp_capabilities")
        self.agent = self.connect(self.agent_path)
        self.agent.settimeout(1.0)
        self.pending = b""
        self.seq = 0

    def command(self, store):
        kernel = ["-kernel", os.path.join(OUT, "vmlinuz"), "-initrd", os.path.join(OUT, "initrd.img")]
        # "ro", as Debian's boot loaders pass it: the initramfs checks the
        # root and mounts it read-only, then systemd-remount-fs applies
        # /etc/fstab (rw on a normal image, ro after install.sh --readonly).
        # With "rw" the kernel mounted the root writable before fstab was
        # read, and that mount alone wrote to the disk (36,864 bytes).
        params = "root=/dev/vda ro consoleblank=0 vt.global_cursor_default=0 panic=10"
        if ARCH == "amd64":
            args = ["qemu-system-x86_64", "-machine", "q35", "-accel", ACCEL,
                    "-cpu", "host" if ACCEL == "kvm" else "max"]
            params += " console=ttyS0"
        else:
            # Under TCG a Cortex-A72, the Pi 4's core: "max" adds pointer
            # authentication, which QEMU 7.2 emulates slowly.
            args = ["qemu-system-aarch64", "-machine", "virt", "-accel", ACCEL,
                    "-cpu", "host" if ACCEL == "kvm" else "cortex-a72"]
            params += " console=ttyAMA0"
        args += ["-m", "1024", "-smp", "2", "-nodefaults", "-no-user-config", "-nic", "none",
                 "-display", "none", "-vga", "none",
                 "-device", os.environ.get("BOOT_GPU", GPU),
                 "-serial", "file:" + self.console,
                 "-qmp", "unix:%s,server=on,wait=off" % self.qmp_path,
                 "-device", "virtio-serial-pci",
                 "-chardev", "socket,id=agent,path=%s,server=on,wait=off" % self.agent_path,
                 "-device", "virtserialport,chardev=agent,name=org.bulletin.agent",
                 "-drive", "file=%s,format=raw,if=none,id=root" % os.path.join(OUT, "root.img"),
                 "-device", "virtio-blk-pci,drive=root",
                 "-rtc", "base=utc"]
        if store:
            args += ["-drive", "file=%s,format=raw,if=none,id=store" % os.path.join(OUT, "store.img"),
                     "-device", "virtio-blk-pci,drive=store"]
        return args + kernel + ["-append", params]

    @staticmethod
    def connect(path):
        for _ in range(200):
            try:
                s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                s.connect(path)
                return s
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("QEMU did not open " + path)

    def monitor(self, cmd, **args):
        msg = {"execute": cmd}
        if args:
            msg["arguments"] = args
        self.qmp_file.write(json.dumps(msg).encode() + b"\n")
        while True:
            line = self.qmp_file.readline()
            if not line:
                raise RuntimeError("QMP closed")
            reply = json.loads(line)
            if "return" in reply:
                return reply["return"]
            if "error" in reply:
                raise RuntimeError("QMP %s: %s" % (cmd, reply["error"]))

    def run(self, cmd, timeout=60):
        """(rc, output) of a shell command in the guest; (None, '') on time-out."""
        self.seq += 1
        ident = "%d-%d" % (self.n, self.seq)
        try:
            self.agent.sendall(("%s %s\n" % (ident, base64.b64encode(cmd.encode()).decode())).encode())
        except socket.timeout:
            return None, ""
        end = re.compile(rb"\n?@@END " + re.escape(ident.encode()) + rb" (\d+)\n")
        deadline = time.monotonic() + timeout * SLOW
        while time.monotonic() < deadline:
            m = end.search(self.pending)
            if m:
                out = self.pending[:m.start()]
                self.pending = self.pending[m.end():]
                # answers to earlier requests that timed out come first: drop them
                out = re.split(rb"\n?@@END \S+ \d+\n", out)[-1]
                return int(m.group(1)), out.decode(errors="replace")
            try:
                data = self.agent.recv(65536)
                if not data:
                    time.sleep(0.2)
                self.pending += data
            except socket.timeout:
                pass
        return None, ""

    def out(self, cmd, timeout=60):
        return self.run(cmd, timeout)[1].strip()

    def wait_agent(self, timeout):
        deadline = time.monotonic() + timeout * SLOW
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                return False
            # One probe every 10 s at most: until the guest opens its end of
            # the port QEMU reads nothing, the requests queue in the socket
            # (about 1 KB each), and a flood fills it on a slow boot.
            rc, _ = self.run("true", timeout=10 / SLOW)
            if rc == 0:
                return True
        return False

    def wait(self, cmd, timeout, every=1.0):
        """Polls a guest command until it exits 0; True if it did in time."""
        deadline = time.monotonic() + timeout * SLOW
        while time.monotonic() < deadline:
            rc, _ = self.run(cmd, timeout=30)
            if rc == 0:
                return True
            time.sleep(every)
        return False

    def prop(self, unit, name):
        return self.out("systemctl show -p %s --value %s" % (name, unit))

    def screen(self, name):
        path = os.path.join(OUT, name + ".ppm")
        if os.path.exists(path):
            os.unlink(path)
        self.monitor("screendump", filename=path)
        return read_ppm(path)

    def written(self):
        stats = {}
        for dev in self.monitor("query-blockstats"):
            stats[dev.get("device") or dev.get("qdev")] = dev["stats"]["wr_bytes"]
        return stats

    def power_cut(self):
        try:
            self.monitor("quit")
        except (RuntimeError, OSError):
            pass
        self.reap()

    def reap(self, timeout=30):
        try:
            self.proc.wait(timeout=timeout * SLOW)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for s in (self.agent, self.qmp):
            s.close()

    def poweroff(self):
        self.run("systemctl --no-block poweroff", timeout=10)
        try:
            self.proc.wait(timeout=120 * SLOW)
            ok = True
        except subprocess.TimeoutExpired:
            ok = False
        self.power_cut()
        return ok


def read_ppm(path):
    with open(path, "rb") as f:
        data = f.read()
    m = re.match(rb"P6\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    if not m:
        return None
    w, h = int(m.group(1)), int(m.group(2))
    return w, h, data[m.end():m.end() + w * h * 3]


def near(p, c, tol=24):
    return abs(p[0] - c[0]) <= tol and abs(p[1] - c[1]) <= tol and abs(p[2] - c[2]) <= tol


def screen_facts(img):
    """Fractions of pixels in each theme's colours, on a 1-in-4 sample."""
    if not img:
        return None
    w, h, px = img
    n = 0
    counts = {}
    colours = set()
    for i in range(0, w * h * 3, 12):
        p = px[i], px[i + 1], px[i + 2]
        colours.add(p)
        n += 1
        for theme, cs in THEMES.items():
            for k, c in zip(("bg", "head", "accent"), cs):
                if near(p, c):
                    counts[theme + "." + k] = counts.get(theme + "." + k, 0) + 1
    facts = {k: v / n for k, v in counts.items()}
    facts["colours"] = len(colours)
    facts["size"] = (w, h)
    return facts


def shows_theme(facts, theme):
    """The screen is drawn in the theme: its background covers much of it,
    headline-coloured text is there, and it is not one flat colour."""
    if not facts:
        return False
    return (facts.get(theme + ".bg", 0) > 0.30 and facts.get(theme + ".head", 0) > 0.003
            and facts["colours"] > 16)


def describe(facts):
    if not facts:
        return "no screen"
    keys = sorted(k for k in facts if "." in k)
    return "%dx%d, %d colours, " % (facts["size"][0], facts["size"][1], facts["colours"]) + \
        ", ".join("%s %.1f%%" % (k, 100 * facts[k]) for k in keys)


def same_screen(a, b):
    return a and b and a[2] == b[2]


def kiosk_on_screen(vm, name, theme="dark", timeout=60):
    """Waits until bulletin.service shows a slide, then checks the screen."""
    vm.wait("systemctl is-active -q bulletin.service && "
            "systemctl show -p StatusText --value bulletin.service | grep -q '^slide'", timeout)
    # the slide may still be fading in (a reload crossfades to the new
    # theme; under TCG a frame takes long): look again until it shows
    deadline = time.monotonic() + timeout
    while True:
        time.sleep(1)
        facts = screen_facts(vm.screen(name))
        status = vm.prop("bulletin.service", "StatusText")
        ok = shows_theme(facts, theme) and status.startswith("slide")
        if ok or time.monotonic() > deadline:
            return ok, "status '%s'; %s" % (status, describe(facts))
        time.sleep(2)


def restarts(vm):
    try:
        return int(vm.prop("bulletin.service", "NRestarts") or -1)
    except ValueError:
        return -1


def burst_feed(items, token):
    """An RSS feed of `items` new articles (written here, for this test)."""
    words = ("harbour council ferry timetable budget library school bridge market river "
             "museum station clinic festival weather vote park tram road housing").split()
    rnd = random.Random(token)
    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<rss version="2.0"><channel>',
           "<title>Burst Wire</title><link>https://burst.example/</link>",
           "<description>boot test feed</description>"]
    for i in range(items):
        w = [rnd.choice(words) for _ in range(6)]
        title = "%s %s plan %d for the %s %s" % (w[0].capitalize(), w[1], i, w[2], w[3])
        body = " ".join("The %s %s said on Monday that the %s would open in %d weeks." %
                        (rnd.choice(words), rnd.choice(words), rnd.choice(words), rnd.randint(2, 40))
                        for _ in range(5))
        out.append("<item><title>%s</title><link>https://burst.example/%s/%d</link>"
                   "<guid>burst-%s-%d</guid><pubDate>Mon, 01 Dec 2025 %02d:%02d:00 GMT</pubDate>"
                   "<description>%s</description></item>" %
                   (title, token, i, token, i, 8 + i // 60 % 10, i % 60, body))
    out.append("</channel></rss>")
    return "\n".join(out) + "\n"


def put_file(vm, path, text):
    enc = base64.b64encode(text.encode()).decode()
    vm.run("mkdir -p %s && : >%s.b64" % (os.path.dirname(path), path))
    for i in range(0, len(enc), 3000):
        vm.run("printf %%s '%s' >>%s.b64" % (enc[i:i + 3000], path))
    return vm.run("base64 -d %s.b64 >%s && rm %s.b64 && chmod 0644 %s" % (path, path, path, path))[0] == 0


def article_rows(vm):
    """The articles' "ID KEY" lines as another reader sees them (committed
    transactions only), or None when the query failed."""
    rc, out = vm.run("runuser -u bulletin -- sqlite3 -readonly %s "
                     "\"SELECT id || ' ' || key FROM articles\"" % DB)
    if rc != 0:
        return None
    return {line for line in out.splitlines() if line.strip()}


def articles(vm):
    v = vm.out("runuser -u bulletin -- sqlite3 -readonly %s 'SELECT count(*) FROM articles'" % DB)
    return int(v) if v.isdigit() else -1


# ------------------------------------------------------------------ the run
def boot_one():
    """First boot: the wall, crashes, safe mode, reload, then a power cut."""
    vm = VM(1)
    up = vm.wait_agent(240)
    if not check(up, "boot 1: the guest answers (systemd up, no network)"):
        vm.power_cut()
        return
    check(vm.wait("systemctl is-active -q bulletin.service", 180),
          "bulletin.service active", vm.out("systemctl status --no-pager -n 5 bulletin.service"))
    host_s = time.monotonic() - vm.started
    mono = vm.prop("bulletin.service", "ActiveEnterTimestampMonotonic")
    if mono.isdigit():
        figure("boot 1 (first boot), kernel start to READY=1 (first frame): %.1f s; "
               "QEMU start to seen active: %.1f s [%s %s]" % (int(mono) / 1e6, host_s, ARCH, ACCEL))
    figure("systemd-analyze: " + vm.out("systemd-analyze time | head -n 1"))
    check(vm.prop("bulletin.service", "Type") == "notify" and
          vm.prop("bulletin.service", "NotifyAccess") == "main",
          "READY=1 came over the notify socket (Type=notify: active only after it)")
    check(not vm.out("ip -o link 2>/dev/null | grep -v ' lo:' ; ls /sys/class/net | grep -v '^lo$'"),
          "no network interface but lo")
    ok, why = kiosk_on_screen(vm, "1-stories")
    check(ok, "screendump shows the cached demo stories (dark theme, headline colours)", why)

    w1 = vm.prop("bulletin.service", "WatchdogTimestampMonotonic")
    usec = vm.prop("bulletin.service", "WatchdogUSec")
    time.sleep(20)
    w2 = vm.prop("bulletin.service", "WatchdogTimestampMonotonic")
    check(w1.isdigit() and w2.isdigit() and int(w2) > int(w1) > 0,
          "watchdog fed (WatchdogUSec=%s; last ping %s -> %s us)" % (usec, w1, w2))

    # kill -9: restarted and back on screen
    pid = vm.prop("bulletin.service", "MainPID")
    before = restarts(vm)
    vm.run("kill -9 %s" % pid)
    back = vm.wait("[ \"$(systemctl show -p NRestarts --value bulletin.service)\" -gt %d ] && "
                   "systemctl is-active -q bulletin.service" % before, 90)
    ok, why = kiosk_on_screen(vm, "2-after-kill")
    check(back and ok and vm.prop("bulletin.service", "MainPID") != pid,
          "kill -9 of the kiosk: restarted (NRestarts %d -> %d) and back on screen" %
          (before, restarts(vm)), why)

    # systemctl reload re-reads the config: the theme changes on screen
    vm.run("sed -i 's/^theme = dark/theme = light/' %s" % CONF)
    pid = vm.prop("bulletin.service", "MainPID")
    rc, _ = vm.run("systemctl reload bulletin.service", timeout=60)
    ok, why = kiosk_on_screen(vm, "3-reloaded-light", theme="light")
    log = vm.out("journalctl -b -u bulletin.service --no-pager | grep -c 'reloaded'")
    check(rc == 0 and ok and vm.prop("bulletin.service", "MainPID") == pid and log not in ("", "0"),
          "systemctl reload: config re-read in place (same PID, light theme on screen)", why)
    vm.run("sed -i 's/^theme = light/theme = dark/' %s && systemctl reload bulletin.service" % CONF)
    kiosk_on_screen(vm, "3-reloaded-dark")

    # five crashes in a row: safe screen, then the retry timer brings the kiosk back
    stories = vm.screen("4-before-crashes")
    kills = 0
    t0 = time.monotonic()
    while kills < 12 and vm.run("systemctl is-active -q bulletin-safe.service")[0] != 0:
        pid = vm.prop("bulletin.service", "MainPID")
        if pid.isdigit() and int(pid) > 0 and vm.run("systemctl is-active -q bulletin.service")[0] == 0:
            vm.run("kill -9 %s" % pid)
            kills += 1
        time.sleep(1)
    safe = vm.wait("systemctl is-active -q bulletin-safe.service", 60)
    # systemd keeps the first failure's Result: a start refused by the
    # start limit after a kill -9 still reads "signal" (service_enter_dead
    # only sets it when it was "success"), so "failed" is what to check
    result = vm.prop("bulletin.service", "Result")
    state = vm.prop("bulletin.service", "ActiveState")
    # the safe screen is a new process: give it time to draw its first frame
    deadline = time.monotonic() + 60
    while True:
        time.sleep(3)
        safe_img = vm.screen("5-safe-mode")
        facts = screen_facts(safe_img)
        if (shows_theme(facts, "dark") and not same_screen(safe_img, stories)) or \
                time.monotonic() > deadline:
            break
    check(safe and result in ("start-limit-hit", "signal") and state == "failed" and
          shows_theme(facts, "dark") and
          not same_screen(safe_img, stories),
          "%d kills in a row -> bulletin.service %s (%s), safe screen shown" % (kills, state, result),
          describe(facts))
    timer = vm.prop("bulletin-retry.timer", "ActiveState")
    check(timer == "active", "bulletin-retry.timer armed by safe mode (%s)" % timer)
    back = vm.wait("systemctl is-active -q bulletin.service && "
                   "! systemctl is-active -q bulletin-safe.service", 120)
    ok, why = kiosk_on_screen(vm, "6-retried")
    retry = vm.prop("bulletin-retry.service", "Result")
    check(back and ok and retry == "success",
          "the retry timer brought the kiosk back (%.0f s after the first kill; retry %s)" %
          (time.monotonic() - t0, retry), why)

    # A power cut mid-fetch: a feed of many new articles, QEMU quit while
    # the worker stores them. "Committed" is what a second process reads
    # through SQLite (the rows' ids and keys) just before the cut: the worker
    # committed those transactions. No sync in between: a real power cut
    # loses what only the guest's page cache holds, and QEMU quitting does
    # the same (cache=writeback: what the guest wrote or flushed to the disk
    # is in the image; its page cache is gone). Only the set-up is synced.
    token = "%08x" % random.getrandbits(32)
    put_file(vm, "/srv/bulletin-test/burst.xml", burst_feed(1500, token))
    base = articles(vm)
    vm.run("grep -q 'Burst Wire' %s || printf '\\n[feed \"Burst Wire\"]\\nurl = "
           "file:///srv/bulletin-test/burst.xml\\n' >>%s; sync; systemctl reload bulletin.service" %
           (CONF, CONF))
    committed = None
    deadline = time.monotonic() + 120 * SLOW
    while time.monotonic() < deadline:
        rows = article_rows(vm)
        if rows is not None and len(rows) >= base + 20:
            committed = rows
            break
        time.sleep(0.3)
    vm.power_cut()
    n = len(committed) if committed is not None else -1
    check(base + 20 <= n < base + 1500,
          "power cut (QEMU quit) mid-fetch: %d of 1500 new articles committed when cut" %
          (n - base if n >= 0 else -1))
    if committed is None:
        return set()
    # What the disk holds, read from the host before the next boot can
    # re-fetch (and so hide) anything lost.
    disk = store_on_disk(os.path.join(OUT, "root.img"))
    missing = committed - disk["rows"]
    check(disk["fsck"] == 0 and disk["integrity"] == "ok" and not missing,
          "every row committed before the power cut is on the disk "
          "(%d committed, %d on disk, %d missing; e2fsck after journal replay: %s; "
          "integrity_check: %s)" % (len(committed), len(disk["rows"]), len(missing),
                                    "clean" if disk["fsck"] == 0 else "rc %d" % disk["fsck"],
                                    disk["integrity"]))
    return committed


def store_on_disk(image):
    """The store as a power cut left it, read from the host: a copy of the
    disk image, its ext4 journal replayed as the next mount would
    (e2fsck -E journal_only), then a read-only full e2fsck; the database and
    its WAL copied out with debugfs and opened with Python's sqlite3, which
    applies the WAL's committed transactions as the kiosk's SQLite would."""
    work = os.path.join(OUT, "after-cut")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    img = os.path.join(work, "root.img")
    subprocess.run(["cp", "--sparse=always", image, img], check=True)
    subprocess.run(["e2fsck", "-p", "-E", "journal_only", img],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    fsck = subprocess.run(["e2fsck", "-f", "-n", img], stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT).returncode
    result = {"fsck": fsck, "integrity": "no database", "rows": set()}
    for name in ("bulletin.db", "bulletin.db-wal"):
        src = os.path.dirname(DB) + "/" + name
        found = subprocess.run(["debugfs", "-R", "stat " + src, img], stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True).stderr
        if "not found" in found or "File not found" in found:
            continue
        subprocess.run(["debugfs", "-R", "dump %s %s" % (src, os.path.join(work, name)), img],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.unlink(img)
    db = os.path.join(work, "bulletin.db")
    if os.path.exists(db):
        try:
            con = sqlite3.connect(db)
            result["integrity"] = con.execute("PRAGMA integrity_check").fetchone()[0]
            result["rows"] = {"%d %s" % r for r in con.execute("SELECT id, key FROM articles")}
            con.close()
        except sqlite3.Error as e:
            result["integrity"] = "sqlite3: %s" % e
    return result


def boot_two(committed):
    """After the power cut: the store is sound and the wall shows its news."""
    vm = VM(2)
    if not check(vm.wait_agent(240), "boot 2 (after the power cut): the guest answers"):
        vm.power_cut()
        return False
    integrity = vm.out("runuser -u bulletin -- sqlite3 %s 'PRAGMA integrity_check'" % DB)
    rows = article_rows(vm) or set()
    check(integrity == "ok" and committed <= rows,
          "store sound after the power cut and the reboot (integrity_check %s; %d articles, "
          "%d committed before, %d of them missing)" %
          (integrity, len(rows), len(committed), len(committed - rows)))
    ok, why = kiosk_on_screen(vm, "7-after-power-cut", timeout=180)
    check(ok, "the wall is back with its news", why)
    mono = vm.prop("bulletin.service", "ActiveEnterTimestampMonotonic")
    if mono.isdigit():
        figure("boot 2 (a normal boot), kernel start to READY=1 (first frame): %.1f s [%s %s]" %
               (int(mono) / 1e6, ARCH, ACCEL))
    # the owner turns on the read-only root, as firmware/README.md says
    rc, log = vm.run("cd /root && /usr/share/bulletin/firmware/install.sh --deb ./bulletin_*.deb "
                     "--readonly --store-dev LABEL=bulletin-store", timeout=120)
    check(rc == 0, "install.sh --readonly --store-dev LABEL=bulletin-store", log.strip().replace("\n", "; "))
    check(vm.poweroff(), "clean power-off")
    return True


def boot_readonly():
    """Read-only root: the wall runs; only the store's disk is written."""
    seconds = int(os.environ.get("BOOT_RO_SECONDS", "120"))
    vm = VM(3, store=True)
    if not check(vm.wait_agent(240), "boot 3 (read-only root): the guest answers"):
        vm.power_cut()
        return
    ro = vm.out("findmnt -n -o OPTIONS /")
    store = vm.out("findmnt -n -o SOURCE,OPTIONS /var/lib/bulletin")
    check(ro.split(",")[0] == "ro" and "/dev/vdb" in store,
          "root mounted read-only, store on its own disk", "/: %s; store: %s" % (ro, store))
    ok, why = kiosk_on_screen(vm, "8-readonly", timeout=240)
    check(ok, "the wall runs on the read-only root (stories fetched into the new store)", why)
    failed_units = vm.out("systemctl --failed --plain --no-legend | awk '{print $1}' | tr '\\n' ' '")
    figure("read-only root: failed units: %s" % (failed_units or "none"))
    w0 = vm.written()
    time.sleep(seconds)
    w1 = vm.written()
    ok2, why2 = kiosk_on_screen(vm, "9-readonly-later")
    root_w = w1.get("root", 0) - w0.get("root", 0)
    store_w = w1.get("store", 0) - w0.get("store", 0)
    figure("read-only root, %d s of running: %d bytes written to the root disk, %d to the store "
           "disk (since power-on: root %d, store %d)" %
           (seconds, root_w, store_w, w1.get("root", 0), w1.get("store", 0)))
    check(ok2 and root_w == 0 and w1.get("root", 0) == 0,
          "nothing but the state directory written (root disk: %d bytes since power-on)" %
          w1.get("root", 0))
    check(vm.poweroff(), "clean power-off (read-only root)")


def main():
    for f in ("root.img", "store.img", "vmlinuz", "initrd.img"):
        if not os.path.exists(os.path.join(OUT, f)):
            print("boot.py: %s/%s missing: run image.sh first (make test-boot)" % (OUT, f))
            return 2
    if not shutil.which("qemu-system-x86_64" if ARCH == "amd64" else "qemu-system-aarch64"):
        print("boot.py: no qemu-system for " + ARCH)
        return 2
    print("boot.py: %s under QEMU (%s)%s" % (ARCH, ACCEL, "" if ACCEL == "kvm" else
                                             ", emulated: times are not a Pi's"), flush=True)
    t0 = time.monotonic()
    if os.environ.get("BOOT_ONLY") == "readonly":
        # root.img already prepared by `install.sh --root DIR --readonly
        # --store-dev LABEL=bulletin-store` on image.sh's tree (a card in a
        # reader): only the read-only boot.
        boot_readonly()
        committed = None
    else:
        committed = boot_one()
    if committed is not None:
        if boot_two(committed):
            boot_readonly()
    figure("whole run: %.0f s" % (time.monotonic() - t0))
    print("boot figures:")
    for f in figures:
        print("  " + f)
    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
