/* sysd.c - see sysd.h. */
#include "sysd.h"
#include "sysd_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <systemd/sd-daemon.h>

#include "log.h"

/* True when systemd gave us a socket to talk to. */
static int under_systemd(void) {
    const char *sock = getenv("NOTIFY_SOCKET");
    return sock && *sock;
}

static int send_state(const char *state) {
    if (!under_systemd()) return 0;
    int rc = sd_notify(0, state);
    if (rc < 0) {
        log_warn("sysd", "sd_notify(%.40s) failed: %s", state, strerror(-rc));
        return -1;
    }
    return rc > 0 ? 1 : 0;
}

int sysd_ready(void) { return send_state("READY=1"); }

int sysd_reloading(void) { return send_state("RELOADING=1"); }

int sysd_stopping(void) { return send_state("STOPPING=1"); }

int sysd_status(const char *fmt, ...) {
    if (!under_systemd()) return 0;
    char line[sizeof "STATUS=" + SYSD_STATUS_MAX];
    memcpy(line, "STATUS=", 7);
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line + 7, sizeof line - 7, fmt, ap);
    va_end(ap);
    if (n < 0) return -1;
    /* One line: a newline would start a new assignment in the message. */
    for (char *p = line + 7; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f) *p = ' ';
    return send_state(line);
}

uint64_t sysd_watchdog_usec(void) {
    uint64_t usec = 0;
    /* > 0 only when WATCHDOG_USEC is valid and WATCHDOG_PID (if set) is us. */
    if (sd_watchdog_enabled(0, &usec) <= 0) return 0;
    return usec;
}

int sysd_watchdog_kick(void) {
    if (!under_systemd() || sysd_watchdog_usec() == 0) return 0;
    return send_state("WATCHDOG=1");
}

int sysd_frame_presented(sysd_watchdog_t *w, int64_t mono_ms) {
    if (!under_systemd()) return 0;
    uint64_t usec = sysd_watchdog_usec();
    if (usec == 0) return 0;
    int64_t quarter_ms = (int64_t)(usec / 4000);
    if (w->kicked && mono_ms >= w->last_kick_ms && mono_ms - w->last_kick_ms < quarter_ms)
        return 0;
    int rc = send_state("WATCHDOG=1");
    if (rc > 0) {
        w->last_kick_ms = mono_ms;
        w->kicked = 1;
    }
    return rc;
}
