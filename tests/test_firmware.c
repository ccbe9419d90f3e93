/* test_firmware.c - the Pi side: systemd units, the .deb, install.sh.
 *
 * Shells out to the real tools: systemd-analyze (verify, security), dpkg-deb
 * and dpkg --root on a scratch root, firmware/install.sh --root on a scratch
 * tree shaped like a Raspberry Pi OS card, firmware/test-boot/initramfs.py on a
 * scratch module tree. BULLETIN_DEB names the package
 * built by `make deb` (the Makefile sets it); BULLETIN_BIN the binary the
 * unit files are verified against. Run once (plain build), not under ASan.
 */
#include "testutil.h"

#include <stdbool.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "version.h"

#define SECURITY_BOUND 1.5

static const char *const units[] = {"bulletin.service", "bulletin-safe.service",
                                    "bulletin-retry.service", "bulletin-retry.timer"};

/* Runs cmd through /bin/sh with stderr folded into stdout; returns the exit
 * status (-1 when it did not exit normally). */
static int sh(const char *cmd, buf_t *out) {
    buf_t full = BUF_INIT;
    buf_printf(&full, "(%s) 2>&1", cmd);
    int st = test_shell(full.data, out);
    buf_free(&full);
    return st;
}

static int shf(buf_t *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int shf(buf_t *out, const char *fmt, ...) {
    buf_t cmd = BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&cmd, fmt, ap);
    va_end(ap);
    int rc = sh(cmd.data, out);
    buf_free(&cmd);
    return rc;
}

static char *abs_bin(void) {
    char *p = realpath(test_bin(), NULL);
    assert_non_null(p);
    return p;
}

static const char *deb_path(void) {
    const char *d = getenv("BULLETIN_DEB");
    if (!d || !*d) fail_msg("BULLETIN_DEB is not set: run through `make test`");
    if (access(d, R_OK) != 0) fail_msg("BULLETIN_DEB=%s: no such file (make deb)", d);
    return d;
}

/* Copies the units into dir with ExecStart= pointing at bin. */
static void stage_units(const char *dir, const char *bin) {
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        buf_t out = BUF_INIT;
        int rc = shf(&out, "sed 's#/usr/bin/bulletin#%s#' firmware/systemd/%s >%s/%s", bin,
                     units[i], dir, units[i]);
        assert_int_equal(rc, 0);
        buf_free(&out);
    }
}

static void units_verify_without_warnings(void **state) {
    (void)state;
    char *dir = test_mkdtemp();
    char *bin = abs_bin();
    stage_units(dir, bin);
    buf_t out = BUF_INIT;
    int rc = shf(&out, "cd %s && systemd-analyze verify ./%s ./%s ./%s ./%s", dir, units[0],
                 units[1], units[2], units[3]);
    if (rc != 0 || out.len != 0) fail_msg("systemd-analyze verify (exit %d):\n%s", rc, out.data);
    /* The check sees warnings: a key systemd 252 lacks is reported. */
    buf_reset(&out);
    rc = shf(&out,
             "cd %s && sed 's/^Restart=always/Restart=always\\nRestartSteps=5/' bulletin.service "
             ">probe.service && systemd-analyze verify ./probe.service",
             dir);
    assert_non_null(strstr(buf_cstr(&out), "RestartSteps"));
    buf_free(&out);
    free(bin);
    test_rmdir(dir);
}

/* The number after "Overall exposure level for UNIT:", or -1. */
static double exposure(const char *unit) {
    buf_t out = BUF_INIT;
    int rc = shf(&out, "systemd-analyze security --offline=true --no-pager firmware/systemd/%s",
                 unit);
    double level = -1;
    const char *at = strstr(buf_cstr(&out), "Overall exposure level for ");
    if (rc == 0 && at) {
        at = strchr(at, ':');
        if (at) level = strtod(at + 1, NULL);
    }
    if (level < 0) print_error("systemd-analyze security %s (exit %d):\n%s\n", unit, rc, out.data);
    buf_free(&out);
    return level;
}

static void units_hardened_to_bound(void **state) {
    (void)state;
    double main_level = exposure("bulletin.service");
    double safe_level = exposure("bulletin-safe.service");
    /* The root helper too: it needs PID 1's socket and nothing else. */
    double retry_level = exposure("bulletin-retry.service");
    print_message("exposure: bulletin.service %.1f, bulletin-safe.service %.1f, "
                  "bulletin-retry.service %.1f\n",
                  main_level, safe_level, retry_level);
    assert_true(main_level >= 0 && main_level <= SECURITY_BOUND);
    assert_true(safe_level >= 0 && safe_level <= SECURITY_BOUND);
    assert_true(retry_level >= 0 && retry_level <= SECURITY_BOUND);
}

static void unit_keeps_the_contract(void **state) {
    (void)state;
    char *unit = test_slurp("firmware/systemd/bulletin.service");
    assert_non_null(unit);
    const char *must[] = {"\nType=notify\n", "\nWatchdogSec=", "\nRestart=always\n",
                          "\nStartLimitBurst=", "\nOnFailure=bulletin-safe.service\n",
                          "\nStateDirectory=bulletin\n", "\nConfigurationDirectory=bulletin\n",
                          "\nUser=bulletin\n",
                          "\nExecStart=/usr/bin/bulletin run --config /etc/bulletin/bulletin.conf\n"};
    for (size_t i = 0; i < sizeof must / sizeof must[0]; i++)
        if (!strstr(unit, must[i])) fail_msg("bulletin.service lacks %s", must[i]);
    /* The display never waits for a network. */
    assert_null(strstr(unit, "network-online.target"));
    free(unit);
    char *safe = test_slurp("firmware/systemd/bulletin-safe.service");
    assert_non_null(safe);
    assert_non_null(strstr(safe, "bulletin run --safe-mode"));
    free(safe);
}

static void deb_has_files_scripts_and_control(void **state) {
    (void)state;
    const char *deb = deb_path();
    buf_t out = BUF_INIT;
    assert_int_equal(shf(&out, "dpkg-deb -c '%s'", deb), 0);
    const char *files[] = {"./usr/bin/bulletin",
                           "./usr/libexec/bulletin/bulletin-text",
                           "./usr/libexec/bulletin/bulletin-display",
                           "./usr/libexec/bulletin/bulletin-fetch",
                           "./usr/share/bulletin/fonts/NotoSans-Regular.ttf",
                           "./usr/share/bulletin/fonts/OFL.txt",
                           "./etc/bulletin/bulletin.conf",
                           "./lib/systemd/system/bulletin.service",
                           "./lib/systemd/system/bulletin-safe.service",
                           "./lib/systemd/system/bulletin-retry.timer",
                           "./usr/lib/sysusers.d/bulletin.conf",
                           "./lib/udev/rules.d/71-bulletin-drm.rules",
                           "./usr/share/bulletin/firmware/journald.conf",
                           "./usr/share/doc/bulletin/copyright"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        if (!strstr(out.data, files[i])) fail_msg("package lacks %s:\n%s", files[i], out.data);
    /* Everything belongs to root. */
    assert_null(strstr(out.data, " 1000/"));

    buf_reset(&out);
    assert_int_equal(shf(&out, "dpkg-deb -I '%s'", deb), 0);
    assert_non_null(strstr(out.data, " Package: bulletin\n"));
    buf_t want = BUF_INIT;
    buf_printf(&want, " Version: %s\n", BULLETIN_VERSION);
    assert_non_null(strstr(out.data, want.data));
    assert_non_null(strstr(out.data, " Depends: libc6"));
    assert_non_null(strstr(out.data, " Architecture: "));
    const char *scripts[] = {"postinst", "prerm", "postrm"};
    for (size_t i = 0; i < 3; i++) {
        buf_reset(&want);
        buf_printf(&want, "*  %s ", scripts[i]); /* '*': executable */
        if (!strstr(out.data, want.data)) fail_msg("no executable %s:\n%s", scripts[i], out.data);
    }
    buf_free(&want);

    /* The conffile, and scripts that at least parse. */
    char *dir = test_mkdtemp();
    if (!dir) {
        fail_msg("no scratch directory");
        return;
    }
    buf_reset(&out);
    assert_int_equal(shf(&out, "dpkg-deb -e '%s' %s/c && for s in postinst prerm postrm; do "
                               "sh -n %s/c/$s || exit 1; done && cat %s/c/conffiles",
                         deb, dir, dir, dir),
                     0);
    assert_string_equal(out.data, "/etc/bulletin/bulletin.conf\n");
    buf_free(&out);
    test_rmdir(dir);
}

/* dpkg acting on a scratch root: chrootless scripts, no host changes. */
static int dpkg_root(const char *root, const char *action, buf_t *out) {
    return shf(out,
               "mkdir -p %s/var/lib/dpkg/info %s/var/lib/dpkg/updates && touch "
               "%s/var/lib/dpkg/status && dpkg --root=%s --force-script-chrootless "
               "--force-not-root --force-depends --force-architecture --log=/dev/null %s",
               root, root, root, root, action);
}

/* Whether root/path exists (a symlink counts, wherever it points). */
static int exists(const char *root, const char *path) {
    buf_t p = BUF_INIT;
    buf_printf(&p, "%s%s", root, path);
    struct stat st;
    int ok = lstat(p.data, &st) == 0;
    buf_free(&p);
    return ok;
}

static void deb_installs_and_purges_in_scratch_root(void **state) {
    (void)state;
    const char *deb = deb_path();
    char *root = test_mkdtemp();
    buf_t out = BUF_INIT, cmd = BUF_INIT;
    buf_printf(&cmd, "-i '%s'", deb);
    if (dpkg_root(root, cmd.data, &out) != 0) fail_msg("dpkg -i:\n%s", out.data);

    /* The user, in the device groups, with no login. */
    buf_reset(&out);
    assert_int_equal(shf(&out, "grep '^bulletin:' %s/etc/passwd", root), 0);
    assert_non_null(strstr(out.data, ":/var/lib/bulletin:"));
    assert_non_null(strstr(out.data, "nologin"));
    const char *groups[] = {"video", "render", "input"};
    for (size_t i = 0; i < 3; i++) {
        buf_reset(&out);
        int rc = shf(&out, "grep -E '^%s:.*:(.*,)?bulletin(,|$)' %s/etc/group", groups[i], root);
        if (rc != 0) fail_msg("bulletin is not in group %s", groups[i]);
    }
    /* Enabled at boot. */
    assert_true(exists(root, "/etc/systemd/system/multi-user.target.wants/bulletin.service"));
    /* The binary runs (same architecture as this machine). */
    buf_reset(&out);
    assert_int_equal(shf(&out, "dpkg-deb -f '%s' Architecture", deb), 0);
    buf_t host = BUF_INIT;
    assert_int_equal(sh("dpkg --print-architecture", &host), 0);
    if (strcmp(out.data, host.data) == 0) {
        buf_reset(&out);
        assert_int_equal(shf(&out, "%s/usr/bin/bulletin --version", root), 0);
        buf_t want = BUF_INIT;
        buf_printf(&want, "bulletin %s", BULLETIN_VERSION);
        assert_non_null(strstr(out.data, want.data));
        buf_free(&want);
    }
    buf_free(&host);
    /* The default config points at feeds the package ships. */
    buf_reset(&out);
    assert_int_equal(shf(&out, "cd %s && grep -o 'file://[^ ]*' etc/bulletin/bulletin.conf | "
                               "sed 's#^file://#.#' | while read -r f; do test -f \"$f\" || "
                               "echo \"missing $f\"; done",
                         root),
                     0);
    if (access("feeds", F_OK) == 0) {
        if (out.len) fail_msg("the packaged config names files not in the package:\n%s", out.data);
    } else {
        buf_reset(&out);
        assert_int_equal(shf(&out, "cmp %s/etc/bulletin/bulletin.conf firmware/bulletin.conf", root), 0);
    }

    /* Purge: the user's data, the config, the user and the unit are gone. */
    buf_reset(&out);
    assert_int_equal(shf(&out, "mkdir -p %s/var/lib/bulletin && echo x >%s/var/lib/bulletin/bulletin.db",
                         root, root),
                     0);
    buf_reset(&out);
    if (dpkg_root(root, "--purge bulletin", &out) != 0) fail_msg("dpkg --purge:\n%s", out.data);
    const char *gone[] = {"/usr/bin/bulletin", "/etc/bulletin", "/var/lib/bulletin",
                          "/lib/systemd/system/bulletin.service",
                          "/etc/systemd/system/multi-user.target.wants/bulletin.service"};
    for (size_t i = 0; i < sizeof gone / sizeof gone[0]; i++)
        if (exists(root, gone[i])) fail_msg("%s survived the purge", gone[i]);
    buf_reset(&out);
    assert_int_equal(shf(&out, "grep -c '^bulletin:' %s/etc/passwd %s/etc/group", root, root), 1);
    buf_free(&out);
    buf_free(&cmd);
    test_rmdir(root);
}

/* A scratch tree shaped like a fresh Raspberry Pi OS Lite card. */
static char *make_pi_root(const char *extra_cmdline) {
    char *root = test_mkdtemp();
    assert_non_null(root);
    buf_t out = BUF_INIT;
    int rc = shf(&out,
                 "cd %s && mkdir -p boot/firmware etc/systemd/system/getty.target.wants && "
                 "printf 'console=serial0,115200 console=tty1 root=PARTUUID=4e639091-02 "
                 "rootfstype=ext4 fsck.repair=yes rootwait quiet%s\\n' >boot/firmware/cmdline.txt && "
                 "printf '# see the docs\\ndtparam=audio=on\\ncamera_auto_detect=1\\n"
                 "dtoverlay=vc4-kms-v3d\\nmax_framebuffers=2\\narm_64bit=1\\ndisable_overscan=1\\n"
                 "\\n[cm4]\\notg_mode=1\\n\\n[all]\\n' >boot/firmware/config.txt && "
                 "printf 'proc /proc proc defaults 0 0\\n' >etc/fstab && "
                 "ln -s /lib/systemd/system/getty@.service "
                 "etc/systemd/system/getty.target.wants/getty@tty1.service",
                 root, extra_cmdline);
    assert_int_equal(rc, 0);
    buf_free(&out);
    return root;
}

/* Every path under root with its type, mode and content hash. */
static char *snapshot(const char *root) {
    buf_t out = BUF_INIT;
    int rc = shf(&out,
                 "cd %s && find . -printf '%%y %%m %%p %%l\\n' | sort && "
                 "find . -type f -exec sha256sum {} + | sort -k2",
                 root);
    assert_int_equal(rc, 0);
    return buf_detach(&out);
}

static int count(const char *hay, const char *needle) {
    int n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle)) n++;
    return n;
}

static void install_sh_applies_settings_once(void **state) {
    (void)state;
    const char *deb = deb_path();
    char *root = make_pi_root("");
    buf_t out = BUF_INIT;
    int rc = shf(&out, "sh firmware/install.sh --root %s --deb '%s'", root, deb);
    if (rc != 0) fail_msg("install.sh (first run):\n%s", out.data);
    assert_null(strstr(out.data, " 0 changed"));
    char *first = snapshot(root);

    buf_reset(&out);
    rc = shf(&out, "sh firmware/install.sh --root %s --deb '%s'", root, deb);
    if (rc != 0) fail_msg("install.sh (second run):\n%s", out.data);
    assert_non_null(strstr(out.data, "install.sh: 0 changed"));
    char *second = snapshot(root);
    assert_string_equal(first, second);

    buf_t path = BUF_INIT;
    buf_printf(&path, "%s/boot/firmware/cmdline.txt", root);
    char *cmdline = test_slurp(path.data);
    assert_non_null(cmdline);
    assert_int_equal(count(cmdline, " consoleblank=0"), 1);
    assert_int_equal(count(cmdline, " vt.global_cursor_default=0"), 1);
    assert_int_equal(count(cmdline, "\n"), 1); /* still one line */
    assert_non_null(strstr(cmdline, "console=tty1 root=PARTUUID=4e639091-02"));

    buf_reset(&path);
    buf_printf(&path, "%s/boot/firmware/config.txt", root);
    char *config = test_slurp(path.data);
    assert_non_null(config);
    assert_int_equal(count(config, "\nhdmi_force_hotplug=1\n"), 1);
    assert_int_equal(count(config, "\ndtoverlay=vc4-kms-v3d\n"), 1);
    assert_non_null(strstr(config, "\notg_mode=1\n")); /* the rest is kept */
    /* Our lines come after a final [all], so a [cm4] filter cannot hide them. */
    const char *hotplug = strstr(config, "\nhdmi_force_hotplug=1\n");
    const char *last_all = NULL;
    for (const char *p = strstr(config, "[all]"); p; p = strstr(p + 1, "[all]")) last_all = p;
    assert_true(last_all && last_all < hotplug);
    assert_null(strstr(last_all, "[cm4]"));

    buf_reset(&path);
    buf_printf(&path, "%s/etc/systemd/system.conf.d/bulletin-watchdog.conf", root);
    char *wd = test_slurp(path.data);
    assert_non_null(wd);
    assert_non_null(strstr(wd, "\nRuntimeWatchdogSec="));
    buf_reset(&path);
    buf_printf(&path, "%s/etc/systemd/journald.conf.d/bulletin.conf", root);
    char *journal = test_slurp(path.data);
    assert_non_null(journal);
    assert_non_null(strstr(journal, "\nStorage=volatile\n"));
    assert_non_null(strstr(journal, "\nRateLimitBurst="));
    assert_false(exists(root, "/etc/systemd/system/getty.target.wants/getty@tty1.service"));
    assert_true(exists(root, "/usr/bin/bulletin"));

    free(cmdline);
    free(config);
    free(wd);
    free(journal);
    free(first);
    free(second);
    buf_free(&path);
    buf_free(&out);
    test_rmdir(root);
}

static void install_sh_readonly_keeps_store_writable(void **state) {
    (void)state;
    const char *deb = deb_path();
    /* raspi-config already switched the overlay on. */
    char *root = make_pi_root(" overlayroot=tmpfs");
    buf_t out = BUF_INIT;
    const char *args = "--readonly --store-dev LABEL=bulletin-store";
    for (int run = 0; run < 2; run++) {
        buf_reset(&out);
        int rc = shf(&out, "sh firmware/install.sh --root %s --deb '%s' %s", root, deb, args);
        if (rc != 0) fail_msg("install.sh run %d:\n%s", run + 1, out.data);
    }
    assert_non_null(strstr(out.data, "install.sh: 0 changed"));
    buf_t path = BUF_INIT;
    buf_printf(&path, "%s/etc/fstab", root);
    char *fstab = test_slurp(path.data);
    assert_non_null(fstab);
    assert_int_equal(count(fstab, "LABEL=bulletin-store /var/lib/bulletin ext4"), 1);
    assert_non_null(strstr(fstab, "proc /proc"));
    buf_reset(&path);
    buf_printf(&path, "%s/boot/firmware/cmdline.txt", root);
    char *cmdline = test_slurp(path.data);
    assert_int_equal(count(cmdline, "overlayroot=tmpfs:recurse=0"), 1);
    assert_int_equal(count(cmdline, "overlayroot="), 1);
    free(fstab);
    free(cmdline);
    buf_free(&path);
    buf_free(&out);
    test_rmdir(root);
}

/* Not a Pi (no cmdline.txt, no raspi-config): the root is made read-only by
 * fstab, and what systemd and PrivateTmp= must write is put in RAM. */
static void install_sh_readonly_without_a_pi_uses_fstab(void **state) {
    (void)state;
    const char *deb = deb_path();
    static const char *const cases[] = {"--readonly --store-dev LABEL=bulletin-store",
                                        "--readonly"};
    for (size_t c = 0; c < 2; c++) {
        char *root = test_mkdtemp();
        assert_non_null(root);
        buf_t out = BUF_INIT;
        assert_int_equal(shf(&out, "mkdir -p %s/etc && printf '# a comment\\n"
                                   "/dev/vda / ext4 rw,errors=remount-ro 0 1\\n"
                                   "proc /proc proc defaults 0 0\\n' >%s/etc/fstab",
                             root, root),
                         0);
        for (int run = 0; run < 2; run++) {
            buf_reset(&out);
            int rc = shf(&out, "sh firmware/install.sh --root %s --deb '%s' %s", root, deb,
                         cases[c]);
            if (rc != 0) fail_msg("install.sh %s, run %d:\n%s", cases[c], run + 1, out.data);
            if (run == 0) assert_non_null(strstr(out.data, "changed: fstab: / read-only"));
        }
        assert_non_null(strstr(out.data, "install.sh: 0 changed"));
        buf_t path = BUF_INIT;
        buf_printf(&path, "%s/etc/fstab", root);
        char *fstab = test_slurp(path.data);
        assert_non_null(fstab);
        assert_non_null(strstr(fstab, "/dev/vda\t/\text4\tro,errors=remount-ro\t"));
        assert_int_equal(count(fstab, "\ntmpfs /tmp tmpfs "), 1);
        assert_int_equal(count(fstab, "\ntmpfs /var/tmp tmpfs "), 1);
        assert_non_null(strstr(fstab, "proc /proc proc defaults"));
        assert_non_null(strstr(fstab, "# a comment\n"));
        if (c == 0) {
            assert_int_equal(count(fstab, "LABEL=bulletin-store /var/lib/bulletin ext4"), 1);
            assert_null(strstr(fstab, "tmpfs /var/lib/bulletin"));
        } else {
            assert_int_equal(count(fstab, "\ntmpfs /var/lib/bulletin tmpfs "), 1);
        }
        free(fstab);
        buf_free(&path);
        buf_free(&out);
        test_rmdir(root);
    }
}

/* The member NAME of a newc cpio archive: its mode and contents (a pointer
 * into the archive and a length); false when it is not there. */
static bool cpio_member(const buf_t *a, const char *name, unsigned *mode, const char **data,
                        size_t *len) {
    size_t at = 0;
    while (at + 110 <= a->len && memcmp(a->data + at, "070701", 6) == 0) {
        unsigned long f[13];
        for (int i = 0; i < 13; i++) {
            char hex[9] = {0};
            memcpy(hex, a->data + at + 6 + 8 * i, 8);
            f[i] = strtoul(hex, NULL, 16);
        }
        const char *member = a->data + at + 110;
        size_t body = (at + 110 + f[11] + 3) & ~(size_t)3;
        if (body + f[6] > a->len) return false;
        if (strcmp(member, name) == 0) {
            *mode = (unsigned)f[1];
            *data = a->data + body;
            *len = f[6];
            if ((f[1] & S_IFMT) == S_IFCHR) *len = f[9] << 8 | f[10]; /* rdev major:minor */
            return true;
        }
        at = (body + f[6] + 3) & ~(size_t)3;
    }
    return false;
}

/* initramfs.py (test-boot, foreign architectures): the root's modules in
 * dependency order (modules.dep, softdep "pre:" through an alias, built-ins
 * skipped), the image's busybox, a console node and an /init that mounts
 * the root read-only unless the command line says rw. */
static void initramfs_loads_what_the_root_needs(void **state) {
    (void)state;
    char *root = test_mkdtemp();
    assert_non_null(root);
    buf_t out = BUF_INIT;
    int rc = shf(&out,
                 "set -e; cd %s; m=lib/modules/9.9-test; mkdir -p bin $m/kernel; "
                 "printf 'busybox for the test\\n' >bin/busybox; "
                 "printf '%%s\\n' 'kernel/ext4.ko: kernel/crc16.ko kernel/mbcache.ko kernel/jbd2.ko' "
                 "'kernel/jbd2.ko:' 'kernel/mbcache.ko:' 'kernel/crc16.ko:' 'kernel/crc32c_generic.ko:' "
                 "'kernel/virtio_pci.ko: kernel/virtio_pci_modern_dev.ko' 'kernel/virtio_pci_modern_dev.ko:' "
                 "'kernel/virtio_blk.ko:' 'kernel/unused.ko:' >$m/modules.dep; "
                 "for k in ext4 jbd2 mbcache crc16 crc32c_generic virtio_pci virtio_pci_modern_dev "
                 "virtio_blk unused; do printf 'module %%s\\n' $k >$m/kernel/$k.ko; done; "
                 "echo kernel/virtio.ko >$m/modules.builtin; "
                 "echo 'alias crypto-crc32c crc32c_generic' >$m/modules.alias; "
                 "echo 'softdep ext4 pre: crypto-crc32c' >$m/modules.softdep",
                 root);
    if (rc != 0) fail_msg("set-up: %s", out.data);
    buf_reset(&out);
    rc = shf(&out, "python3 firmware/test-boot/initramfs.py %s 9.9-test %s/initrd virtio_pci virtio_blk "
                   "ext4 virtio",
             root, root);
    if (rc != 0) fail_msg("initramfs.py: %s", out.data);
    buf_t path = BUF_INIT, archive = BUF_INIT;
    buf_printf(&path, "%s/initrd", root);
    assert_int_equal(file_read(path.data, 1 << 24, &archive, NULL), 0);
    unsigned mode;
    const char *data;
    size_t len;
    assert_true(cpio_member(&archive, "modules", &mode, &data, &len));
    const char *order = "virtio_pci_modern_dev.ko\nvirtio_pci.ko\nvirtio_blk.ko\ncrc32c_generic.ko\n"
                        "crc16.ko\nmbcache.ko\njbd2.ko\next4.ko\n";
    if (len != strlen(order) || memcmp(data, order, len) != 0)
        fail_msg("load order:\n%.*s", (int)len, data);
    assert_true(cpio_member(&archive, "lib/modules/jbd2.ko", &mode, &data, &len));
    assert_true(len == 12 && memcmp(data, "module jbd2\n", 12) == 0);
    assert_false(cpio_member(&archive, "lib/modules/unused.ko", &mode, &data, &len));
    assert_true(cpio_member(&archive, "bin/busybox", &mode, &data, &len));
    assert_true(len == 21 && memcmp(data, "busybox for the test\n", 21) == 0);
    assert_true(cpio_member(&archive, "bin/switch_root", &mode, &data, &len));
    assert_true(S_ISLNK(mode) && len == 7 && memcmp(data, "busybox", 7) == 0);
    assert_true(cpio_member(&archive, "dev/console", &mode, &data, &len));
    assert_true(S_ISCHR(mode) && len == (5 << 8 | 1));
    assert_true(cpio_member(&archive, "init", &mode, &data, &len));
    assert_true(S_ISREG(mode) && (mode & 0111) == 0111);
    char *init = xstrndup(data, len);
    assert_non_null(strstr(init, "mode=ro\n"));
    assert_non_null(strstr(init, "rw) mode=rw ;;"));
    assert_non_null(strstr(init, "mount -t ext4 -o \"$mode\" \"$root\" /root"));
    assert_non_null(strstr(init, "exec switch_root /root /sbin/init"));
    free(init);
    buf_reset(&out);
    assert_int_not_equal(shf(&out, "python3 firmware/test-boot/initramfs.py %s 9.9-test %s/initrd "
                                   "no_such_module", root, root), 0);
    assert_non_null(strstr(out.data, "no module no_such_module"));
    buf_free(&archive);
    buf_free(&path);
    buf_free(&out);
    test_rmdir(root);
}

static void install_sh_rejects_bad_usage(void **state) {
    (void)state;
    buf_t out = BUF_INIT;
    assert_int_equal(sh("sh firmware/install.sh --frobnicate", &out), 2);
    assert_non_null(strstr(out.data, "unknown argument"));
    buf_reset(&out);
    assert_int_equal(sh("sh firmware/install.sh --root /nonexistent --store-dev /dev/sda1", &out), 2);
    buf_reset(&out);
    assert_int_equal(sh("sh firmware/install.sh --root /nonexistent --hdmi-mode big", &out), 2);
    buf_reset(&out);
    assert_int_equal(sh("sh firmware/install.sh --root /nonexistent --deb /nonexistent.deb", &out), 1);
    assert_non_null(strstr(out.data, "no such file"));
    buf_free(&out);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(units_verify_without_warnings),
        cmocka_unit_test(units_hardened_to_bound),
        cmocka_unit_test(unit_keeps_the_contract),
        cmocka_unit_test(deb_has_files_scripts_and_control),
        cmocka_unit_test(deb_installs_and_purges_in_scratch_root),
        cmocka_unit_test(install_sh_applies_settings_once),
        cmocka_unit_test(install_sh_readonly_keeps_store_writable),
        cmocka_unit_test(install_sh_readonly_without_a_pi_uses_fstab),
        cmocka_unit_test(install_sh_rejects_bad_usage),
        cmocka_unit_test(initramfs_loads_what_the_root_needs),
    };
    return cmocka_run_group_tests_name("firmware", tests, NULL, NULL);
}
