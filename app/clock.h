/* clock.h - time on a computer without a real-time clock.
 *
 * A Raspberry Pi has no RTC: it boots at 1970 (or at fake-hwclock's last
 * saved time) and learns the real time from NTP, maybe minutes later, maybe
 * never when offline. This module keeps the rest of Bulletin honest about it:
 *
 *  - clock_wall_is_sane(now): false before BULLETIN_BUILD_EPOCH (the commit
 *    time of the build, set by the Makefile) or absurdly far after it; a
 *    program cannot have been built in the future, so such a clock was not
 *    set yet.
 *  - clock_mono_ms() / clock_wall_ms(): CLOCK_MONOTONIC and CLOCK_REALTIME in
 *    milliseconds. Schedules (rotation, fetch intervals, back-off) run on the
 *    monotonic clock, which never jumps; the wall clock is only for showing
 *    and for comparing with dates that come from outside.
 *  - clock_jump_t: a detector fed with pairs (wall, monotonic). Between two
 *    calls both clocks should advance by the same amount; when they differ by
 *    CLOCK_JUMP_MIN_S or more, the wall clock was set (NTP's first sync, a
 *    manual date, a resume from suspend) and clock_jump_check returns the
 *    jump in whole seconds (positive: forward). The caller then re-evaluates
 *    everything derived from the wall clock (ages, staleness, the dark
 *    schedule). The first call only records a baseline and returns 0.
 *  - clock_format_age(then, now, out, cap): "just now", "12 min ago",
 *    "3 h ago", "2 days ago", "5 weeks ago", "over a year ago". Writes "" and
 *    returns 0 when the age must not be shown: the wall clock is not sane,
 *    'then' is unknown (<= 0), or 'then' lies more than
 *    CLOCK_FUTURE_TOLERANCE_S in the future (a wrong clock here or there);
 *    up to that tolerance a future time reads "just now". Otherwise returns
 *    the length written (truncated to cap - 1, always NUL-terminated).
 *  - clock_format_hhmm(t, now, out, cap): "09:12" in local time, for the
 *    on-screen clock and "offline since 09:12"; "" (returns 0) unless both
 *    the clock and t are sane.
 * No global state; all functions are thread-safe.
 */
#ifndef BULLETIN_CLOCK_H
#define BULLETIN_CLOCK_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#ifndef BULLETIN_BUILD_EPOCH
#define BULLETIN_BUILD_EPOCH 1735689600 /* 2025-01-01T00:00:00Z */
#endif

/* Wall clocks this far past the build are not believed either (~50 years). */
#define CLOCK_SANE_SPAN_S ((int64_t)50 * 366 * 24 * 3600)
#define CLOCK_JUMP_MIN_S 2
#define CLOCK_FUTURE_TOLERANCE_S 300

typedef struct {
    int64_t wall_ms;
    int64_t mono_ms;
    int primed;
} clock_jump_t;

#define CLOCK_JUMP_INIT {0, 0, 0}

int clock_wall_is_sane(time_t now);
int64_t clock_mono_ms(void);

/* The same with the current clocks. */
int64_t clock_jump_poll(clock_jump_t *detector);

size_t clock_format_age(time_t then, time_t now, char *out, size_t cap);
size_t clock_format_hhmm(time_t t, time_t now, char *out, size_t cap);

#endif
