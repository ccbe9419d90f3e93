/* test_display.c - the kiosk's contract with systemd and with people:
 * READY=1 after the first frame, RELOADING=1/READY=1 on SIGHUP, STOPPING=1
 * and exit within a second on SIGTERM, safe mode, the no-display message;
 * and the small pure modules the display relies on (lograte, schedule,
 * health, the burn-in walk).
 * The kiosk runs on SDL's offscreen driver, asked for by name (allowed).
 */
#include "testutil.h"

#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>

#include "clock.h"
#include "display.h"
#include "health.h"
#include "lograte.h"
#include "schedule.h"

typedef struct {
    char *dir;
    char sock[108];
    char conf[256];
    int fd;
} kiosk_env;

static int setup(void **state) {
    kiosk_env *k = xcalloc(1, sizeof *k);
    k->dir = test_mkdtemp();
    if (!k->dir) return -1;
    snprintf(k->sock, sizeof k->sock, "%s/notify", k->dir);
    snprintf(k->conf, sizeof k->conf, "%s/wall.conf", k->dir);
    k->fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    struct sockaddr_un sa = {.sun_family = AF_UNIX};
    memcpy(sa.sun_path, k->sock, strlen(k->sock) + 1);
    if (k->fd < 0 || bind(k->fd, (struct sockaddr *)&sa, sizeof sa) != 0) return -1;
    buf_t c = BUF_INIT;
    char cwd[512];
    if (!getcwd(cwd, sizeof cwd)) return -1;
    buf_printf(&c, "[display]\nrotate = 5s\nfonts = %s/fonts\n[store]\npath = %s/store.db\n",
               cwd, k->dir);
    FILE *f = fopen(k->conf, "w");
    if (!f) return -1;
    fputs(c.data, f);
    fclose(f);
    buf_free(&c);
    *state = k;
    return 0;
}

static int teardown(void **state) {
    kiosk_env *k = *state;
    close(k->fd);
    test_rmdir(k->dir);
    free(k);
    return 0;
}

/* Waits for a datagram starting with want; 1 when it came in time. */
static int expect(kiosk_env *k, const char *want, int timeout_ms, char *last, size_t cap) {
    int64_t end = clock_mono_ms() + timeout_ms;
    for (;;) {
        int left = (int)(end - clock_mono_ms());
        if (left <= 0) return 0;
        struct pollfd p = {.fd = k->fd, .events = POLLIN};
        if (poll(&p, 1, left) != 1) return 0;
        ssize_t n = recv(k->fd, last, cap - 1, 0);
        last[n > 0 ? n : 0] = '\0';
        if (strncmp(last, want, strlen(want)) == 0) return 1;
    }
}

static pid_t start_kiosk(kiosk_env *k, const char *extra) {
    pid_t pid = fork();
    if (pid == 0) {
        setenv("NOTIFY_SOCKET", k->sock, 1);
        setenv("SDL_VIDEODRIVER", "offscreen", 1);
        setenv("SDL_RENDER_DRIVER", "software", 1);
        /* SDL's offscreen driver probes EGL/Mesa, which leak from libraries
         * unloaded before exit (frames "<unknown module>", nothing of ours);
         * the slide code is leak-checked through `shot` in test_render. */
        setenv("ASAN_OPTIONS", "detect_leaks=0", 1);
        setenv("BULLETIN_LOG", "error", 1);
        execl(test_bin(), test_bin(), "run", "--config", k->conf, "--window", "640x360", extra,
              (char *)NULL);
        _exit(127);
    }
    return pid;
}

/* Exit status after SIGTERM, or -1 when it took more than limit_ms. */
static int wait_exit(pid_t pid, int limit_ms) {
    int64_t end = clock_mono_ms() + limit_ms;
    int st;
    while (clock_mono_ms() < end) {
        if (waitpid(pid, &st, WNOHANG) == pid) return WIFEXITED(st) ? WEXITSTATUS(st) : -2;
        usleep(5000);
    }
    kill(pid, SIGKILL);
    waitpid(pid, &st, 0);
    return -1;
}

static void kiosk_lifecycle(void **state) {
    kiosk_env *k = *state;
    char msg[512];
    pid_t pid = start_kiosk(k, NULL);
    assert_true(pid > 0);
    assert_true(expect(k, "READY=1", 10000, msg, sizeof msg));
    kill(pid, SIGHUP);
    assert_true(expect(k, "RELOADING=1", 3000, msg, sizeof msg));
    assert_true(expect(k, "READY=1", 3000, msg, sizeof msg));
    kill(pid, SIGTERM);
    int64_t t0 = clock_mono_ms();
    assert_true(expect(k, "STOPPING=1", 1000, msg, sizeof msg));
    assert_int_equal(wait_exit(pid, 1000 - (int)(clock_mono_ms() - t0)), 0);
}

static void safe_mode_says_so(void **state) {
    kiosk_env *k = *state;
    char msg[512];
    pid_t pid = start_kiosk(k, "--safe-mode");
    assert_true(pid > 0);
    assert_true(expect(k, "READY=1", 10000, msg, sizeof msg));
    assert_true(expect(k, "STATUS=safe mode", 3000, msg, sizeof msg));
    kill(pid, SIGTERM);
    assert_int_equal(wait_exit(pid, 1000), 0);
    /* Safe mode never opened the store. */
    buf_t path = BUF_INIT;
    buf_printf(&path, "%s/store.db", k->dir);
    assert_int_not_equal(access(path.data, F_OK), 0);
    buf_free(&path);
}

static void no_display_is_explained(void **state) {
    kiosk_env *k = *state;
    buf_t err = BUF_INIT;
    /* No X, no Wayland, no driver asked for: SDL would fall back to offscreen. */
    buf_t cmd = BUF_INIT;
    buf_printf(&cmd, "env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER -u NOTIFY_SOCKET "
                     "-u INVOCATION_ID %s run --config %s",
               test_bin(), k->conf);
    char errfile[] = "/tmp/bulletin-test-nodisp-XXXXXX";
    int efd = mkstemp(errfile);
    assert_true(efd >= 0);
    close(efd);
    buf_printf(&cmd, " 2>%s", errfile);
    int st = system(cmd.data);
    file_read(errfile, 1 << 16, &err, NULL);
    unlink(errfile);
    assert_true(WIFEXITED(st));
    assert_int_equal(WEXITSTATUS(st), 1);
    assert_non_null(strstr(err.data, "no display"));
    assert_non_null(strstr(err.data, "bulletin shot --out slide.png"));
    assert_non_null(strstr(err.data, "xvfb-run make run"));
    /* One line, nothing from the libraries SDL probed. */
    int lines = 0;
    for (size_t i = 0; i < err.len; i++) lines += err.data[i] == '\n';
    assert_int_equal(lines, 1);
    buf_free(&err);
    buf_free(&cmd);
}

static void lograte_once_a_minute(void **state) {
    (void)state;
    lograte_t r = LOGRATE_INIT;
    assert_int_equal(lograte_allow(&r, 1000, 60000), 1);
    int allowed = 0;
    for (int64_t t = 1000; t < 61000; t += 100) allowed += lograte_allow(&r, t, 60000);
    assert_int_equal(allowed, 0);
    assert_int_equal(lograte_allow(&r, 61000, 60000), 1);
    assert_int_equal(lograte_suppressed(&r), 600);
    lograte_reset(&r);
    assert_int_equal(lograte_allow(&r, 61001, 60000), 1);
}

static struct tm at(int wday, int hour, int min) {
    struct tm tm = {0};
    tm.tm_wday = wday;
    tm.tm_hour = hour;
    tm.tm_min = min;
    return tm;
}

static void schedule_rules(void **state) {
    (void)state;
    schedule_t s;
    char why[128];
    assert_int_equal(schedule_parse("mon-fri 07:00-19:00", &s, why, sizeof why), 0);
    struct tm t = at(1, 7, 0);
    assert_true(schedule_is_on(&s, &t));
    t = at(1, 6, 59);
    assert_false(schedule_is_on(&s, &t));
    t = at(5, 18, 59);
    assert_true(schedule_is_on(&s, &t));
    t = at(5, 19, 0);
    assert_false(schedule_is_on(&s, &t));
    t = at(6, 12, 0);
    assert_false(schedule_is_on(&s, &t));
    /* Quoted, several rules, a night crossing midnight, a wrapping range. */
    assert_int_equal(schedule_parse("\"sat-sun 10:00-14:00; fri 22:00-02:00\"", &s, why, sizeof why), 0);
    assert_int_equal((int)s.n, 2);
    t = at(0, 11, 0);
    assert_true(schedule_is_on(&s, &t));
    t = at(6, 1, 0); /* Saturday 01:00 belongs to Friday night */
    assert_true(schedule_is_on(&s, &t));
    t = at(5, 1, 0);
    assert_false(schedule_is_on(&s, &t));
    assert_int_equal(schedule_parse("daily 00:00-24:00", &s, why, sizeof why), 0);
    t = at(3, 23, 59);
    assert_true(schedule_is_on(&s, &t));
    /* Empty: always on. Garbage: refused with a reason, and always on. */
    assert_int_equal(schedule_parse(NULL, &s, why, sizeof why), 0);
    assert_true(schedule_is_on(&s, &t));
    assert_int_equal(schedule_parse("weekdays 7-19", &s, why, sizeof why), -1);
    assert_true(strlen(why) > 0);
    assert_true(schedule_is_on(&s, &t));
    assert_int_equal(schedule_parse("mon 07:00-25:00", &s, why, sizeof why), -1);
    assert_int_equal(schedule_parse("mon 07:00-19:00 tue", &s, why, sizeof why), -1);
    /* Before NTP the screen stays on whatever the rules say. */
    assert_int_equal(schedule_parse("sun 00:00-00:01", &s, why, sizeof why), 0);
    assert_true(schedule_on_at(&s, 1000));
}

static void health_offline_badge(void **state) {
    (void)state;
    store_feed_t feeds[2] = {{0}, {0}};
    time_t since;
    time_t now = BULLETIN_BUILD_EPOCH + 86400 * 30;
    feeds[0].failures = 2;
    feeds[0].last_success = now - 3600;
    feeds[1].failures = 0;
    feeds[1].last_success = now - 60;
    assert_int_equal(health_offline_since(feeds, 2, &since), 0);
    feeds[1].failures = 1;
    feeds[1].last_success = now - 1800;
    assert_int_equal(health_offline_since(feeds, 2, &since), 1);
    assert_int_equal((long)since, (long)(now - 1800));
    assert_int_equal(health_offline_since(feeds, 0, &since), 0);
    health_t h = {1, now - 1800};
    buf_t b = BUF_INIT;
    health_badge(&h, 0, now, &b);
    char hhmm[16];
    clock_format_hhmm(now - 1800, now, hhmm, sizeof hhmm);
    buf_t want = BUF_INIT;
    buf_printf(&want, "offline since %s", hhmm);
    assert_string_equal(b.data, want.data);
    buf_reset(&b);
    health_badge(&h, 0, 1000, &b); /* clock not sane: no time */
    assert_string_equal(b.data, "offline");
    buf_reset(&b);
    h.offline = 0;
    health_badge(&h, 1, now, &b);
    assert_string_equal(b.data, "no fresh news");
    buf_free(&b);
    buf_free(&want);
}

static void burn_in_walk_is_small_and_moves(void **state) {
    (void)state;
    int moved = 0, px = -100, py = -100;
    for (long step = 0; step < 16; step++) {
        int dx, dy;
        display_shift(step, 1080, &dx, &dy);
        assert_true(dx >= -4 && dx <= 4 && dy >= -4 && dy <= 4);
        if (dx != px || dy != py) moved++;
        px = dx;
        py = dy;
    }
    assert_true(moved >= 8);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(kiosk_lifecycle, setup, teardown),
        cmocka_unit_test_setup_teardown(safe_mode_says_so, setup, teardown),
        cmocka_unit_test_setup_teardown(no_display_is_explained, setup, teardown),
        cmocka_unit_test(lograte_once_a_minute),
        cmocka_unit_test(schedule_rules),
        cmocka_unit_test(health_offline_badge),
        cmocka_unit_test(burn_in_walk_is_small_and_moves),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
