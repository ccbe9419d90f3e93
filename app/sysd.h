/* sysd.h - tell systemd how the kiosk is doing (sd_notify over libsystemd).
 *
 * Contract: every function is a no-op returning 0 when the process was not
 * started by systemd with a notification socket (NOTIFY_SOCKET unset), so the
 * same code runs from a terminal, in tests and under the unit
 * firmware/systemd/bulletin.service (Type=notify, WatchdogSec=).
 * The functions return 1 when a message was sent, 0 when there was nothing to
 * do, and -1 (with a log_warn) when sending failed; a failure never stops the
 * caller: the watchdog is the judge of a hung kiosk, not this module.
 *
 *   sysd_ready()          READY=1: the first frame is on screen.
 *   sysd_reloading()      RELOADING=1: SIGHUP is re-reading the config; call
 *                         sysd_ready() again when done.
 *   sysd_stopping()       STOPPING=1: SIGTERM received, shutting down.
 *   sysd_status(fmt,...)  STATUS=text shown by `systemctl status` (one line,
 *                         at most SYSD_STATUS_MAX bytes, control characters
 *                         folded to spaces).
 *   sysd_watchdog_kick()  WATCHDOG=1, only when the service manager asked for
 *                         a watchdog for this very process (WATCHDOG_USEC set
 *                         and WATCHDOG_PID, if set, our pid). The display calls
 *                         it after a frame was actually presented, never from
 *                         a timer, so a hung renderer is restarted.
 *   sysd_watchdog_usec()  the watchdog interval in microseconds, 0 when none:
 *                         the display must present (and kick) at least twice
 *                         per interval.
 *   sysd_frame_presented(w, mono_ms)
 *                         what the render loop calls after each presented
 *                         frame: kicks the watchdog, but at most once per
 *                         quarter interval (w remembers the last kick), so a
 *                         60 fps loop does not wake PID 1 sixty times a
 *                         second. Returns like sysd_watchdog_kick.
 * Apart from sysd_watchdog_t, which the caller owns, no state is kept here:
 * systemd's environment is the state.
 */
#ifndef BULLETIN_SYSD_H
#define BULLETIN_SYSD_H

#include <stdint.h>

#define SYSD_STATUS_MAX 200

int sysd_ready(void);
int sysd_reloading(void);
int sysd_stopping(void);
int sysd_status(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
uint64_t sysd_watchdog_usec(void);

typedef struct {
    int64_t last_kick_ms; /* monotonic; meaningful once kicked is set */
    int kicked;
} sysd_watchdog_t;

#define SYSD_WATCHDOG_INIT {0, 0}

int sysd_frame_presented(sysd_watchdog_t *w, int64_t mono_ms);

#endif
