/* test_sysd.c - sd_notify messages, and silence when not under systemd.
 *
 * The tests play systemd: they bind a datagram socket, point NOTIFY_SOCKET
 * at it and read what sysd_* sent.
 */
#include "testutil.h"

#include <errno.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "sysd_internal.h"

typedef struct {
    char *dir;
    char path[108];
    int fd;
} fake_systemd;

static int setup(void **state) {
    fake_systemd *f = xcalloc(1, sizeof *f);
    f->dir = test_mkdtemp();
    if (!f->dir) return -1;
    snprintf(f->path, sizeof f->path, "%s/notify", f->dir);
    f->fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    struct sockaddr_un sa = {.sun_family = AF_UNIX};
    memcpy(sa.sun_path, f->path, strlen(f->path) + 1);
    if (f->fd < 0 || bind(f->fd, (struct sockaddr *)&sa, sizeof sa) != 0) return -1;
    unsetenv("NOTIFY_SOCKET");
    unsetenv("WATCHDOG_USEC");
    unsetenv("WATCHDOG_PID");
    *state = f;
    return 0;
}

static int teardown(void **state) {
    fake_systemd *f = *state;
    close(f->fd);
    test_rmdir(f->dir);
    free(f);
    unsetenv("NOTIFY_SOCKET");
    unsetenv("WATCHDOG_USEC");
    unsetenv("WATCHDOG_PID");
    return 0;
}

/* The next datagram, or "" when none arrives within timeout_ms. */
static void receive(fake_systemd *f, char *msg, size_t cap, int timeout_ms) {
    msg[0] = '\0';
    struct pollfd p = {.fd = f->fd, .events = POLLIN};
    if (poll(&p, 1, timeout_ms) != 1) return;
    ssize_t n = recv(f->fd, msg, cap - 1, 0);
    msg[n > 0 ? n : 0] = '\0';
}

static void silent_without_systemd(void **state) {
    fake_systemd *f = *state;
    char msg[512];
    assert_int_equal(sysd_ready(), 0);
    assert_int_equal(sysd_reloading(), 0);
    assert_int_equal(sysd_stopping(), 0);
    assert_int_equal(sysd_status("showing %d stories", 7), 0);
    /* A watchdog interval alone is not systemd asking us: no socket. */
    setenv("WATCHDOG_USEC", "30000000", 1);
    assert_int_equal(sysd_watchdog_kick(), 0);
    setenv("NOTIFY_SOCKET", "", 1);
    assert_int_equal(sysd_ready(), 0);
    receive(f, msg, sizeof msg, 50);
    assert_string_equal(msg, "");
}

static void lifecycle_messages_reach_systemd(void **state) {
    fake_systemd *f = *state;
    char msg[512];
    setenv("NOTIFY_SOCKET", f->path, 1);
    assert_int_equal(sysd_ready(), 1);
    receive(f, msg, sizeof msg, 1000);
    assert_string_equal(msg, "READY=1");
    assert_int_equal(sysd_reloading(), 1);
    receive(f, msg, sizeof msg, 1000);
    assert_string_equal(msg, "RELOADING=1");
    assert_int_equal(sysd_stopping(), 1);
    receive(f, msg, sizeof msg, 1000);
    assert_string_equal(msg, "STOPPING=1");
}

static void status_is_one_bounded_line(void **state) {
    fake_systemd *f = *state;
    char msg[1024];
    setenv("NOTIFY_SOCKET", f->path, 1);
    assert_int_equal(sysd_status("%d stories, offline since %s", 12, "09:12"), 1);
    receive(f, msg, sizeof msg, 1000);
    assert_string_equal(msg, "STATUS=12 stories, offline since 09:12");
    /* A feed title with a newline must not smuggle in another assignment. */
    assert_int_equal(sysd_status("feed %s", "Evil\nREADY=1"), 1);
    receive(f, msg, sizeof msg, 1000);
    assert_string_equal(msg, "STATUS=feed Evil READY=1");
    char longtext[600];
    memset(longtext, 'a', sizeof longtext - 1);
    longtext[sizeof longtext - 1] = '\0';
    assert_int_equal(sysd_status("%s", longtext), 1);
    receive(f, msg, sizeof msg, 1000);
    assert_int_equal(strlen(msg), strlen("STATUS=") + SYSD_STATUS_MAX);
}

static void watchdog_only_when_asked_for_us(void **state) {
    fake_systemd *f = *state;
    char msg[512];
    char pid[32];
    setenv("NOTIFY_SOCKET", f->path, 1);
    /* No watchdog configured: nothing is sent. */
    assert_int_equal(sysd_watchdog_usec(), 0);
    assert_int_equal(sysd_watchdog_kick(), 0);
    receive(f, msg, sizeof msg, 50);
    assert_string_equal(msg, "");
    /* A watchdog meant for another process (our parent): not ours. */
    snprintf(pid, sizeof pid, "%ld", (long)getppid());
    setenv("WATCHDOG_USEC", "30000000", 1);
    setenv("WATCHDOG_PID", pid, 1);
    assert_int_equal(sysd_watchdog_usec(), 0);
    assert_int_equal(sysd_watchdog_kick(), 0);
    receive(f, msg, sizeof msg, 50);
    assert_string_equal(msg, "");
    /* Garbage interval: ignored. */
    snprintf(pid, sizeof pid, "%ld", (long)getpid());
    setenv("WATCHDOG_PID", pid, 1);
    setenv("WATCHDOG_USEC", "soon", 1);
    assert_int_equal(sysd_watchdog_kick(), 0);
    /* Ours: kicked, and the interval is reported. */
    setenv("WATCHDOG_USEC", "30000000", 1);
    assert_int_equal(sysd_watchdog_usec(), 30000000);
    assert_int_equal(sysd_watchdog_kick(), 1);
    receive(f, msg, sizeof msg, 1000);
    assert_string_equal(msg, "WATCHDOG=1");
}

static void frame_kicks_are_rate_limited(void **state) {
    fake_systemd *f = *state;
    char msg[512];
    char pid[32];
    sysd_watchdog_t w = SYSD_WATCHDOG_INIT;
    /* Not under systemd: nothing, and no state change. */
    assert_int_equal(sysd_frame_presented(&w, 1000), 0);
    assert_false(w.kicked);
    setenv("NOTIFY_SOCKET", f->path, 1);
    snprintf(pid, sizeof pid, "%ld", (long)getpid());
    setenv("WATCHDOG_PID", pid, 1);
    setenv("WATCHDOG_USEC", "4000000", 1); /* 4 s: a kick per second at most */
    assert_int_equal(sysd_frame_presented(&w, 1000), 1);
    receive(f, msg, sizeof msg, 1000);
    assert_string_equal(msg, "WATCHDOG=1");
    /* Frames at 60 fps during the next second: no more messages. */
    for (int64_t t = 1016; t < 2000; t += 16) assert_int_equal(sysd_frame_presented(&w, t), 0);
    receive(f, msg, sizeof msg, 50);
    assert_string_equal(msg, "");
    assert_int_equal(sysd_frame_presented(&w, 2000), 1);
    receive(f, msg, sizeof msg, 1000);
    assert_string_equal(msg, "WATCHDOG=1");
    /* A monotonic reading that went backwards (a new detector epoch) kicks. */
    assert_int_equal(sysd_frame_presented(&w, 500), 1);
    receive(f, msg, sizeof msg, 1000);
    assert_string_equal(msg, "WATCHDOG=1");
}

static void unreachable_socket_is_reported_not_fatal(void **state) {
    fake_systemd *f = *state;
    buf_t gone = BUF_INIT;
    buf_printf(&gone, "%s/no-such-socket", f->dir);
    setenv("NOTIFY_SOCKET", gone.data, 1);
    assert_int_equal(sysd_ready(), -1);
    buf_free(&gone);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(silent_without_systemd, setup, teardown),
        cmocka_unit_test_setup_teardown(lifecycle_messages_reach_systemd, setup, teardown),
        cmocka_unit_test_setup_teardown(status_is_one_bounded_line, setup, teardown),
        cmocka_unit_test_setup_teardown(watchdog_only_when_asked_for_us, setup, teardown),
        cmocka_unit_test_setup_teardown(frame_kicks_are_rate_limited, setup, teardown),
        cmocka_unit_test_setup_teardown(unreachable_socket_is_reported_not_fatal, setup, teardown),
    };
    return cmocka_run_group_tests_name("sysd", tests, NULL, NULL);
}
