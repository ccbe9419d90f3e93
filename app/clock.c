/* clock.c - see clock.h. */
#include "clock.h"
#include "clock_internal.h"

#include <stdio.h>

int clock_wall_is_sane(time_t now) {
    int64_t t = (int64_t)now;
    return t >= (int64_t)BULLETIN_BUILD_EPOCH &&
           t - (int64_t)BULLETIN_BUILD_EPOCH <= CLOCK_SANE_SPAN_S;
}

static int64_t read_ms(clockid_t id) {
    struct timespec ts;
    if (clock_gettime(id, &ts) != 0) return 0;
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t clock_mono_ms(void) { return read_ms(CLOCK_MONOTONIC); }

int64_t clock_wall_ms(void) { return read_ms(CLOCK_REALTIME); }

int64_t clock_jump_check(clock_jump_t *d, int64_t wall_ms, int64_t mono_ms) {
    int64_t jump_ms = 0;
    if (d->primed) jump_ms = (wall_ms - d->wall_ms) - (mono_ms - d->mono_ms);
    d->wall_ms = wall_ms;
    d->mono_ms = mono_ms;
    d->primed = 1;
    int64_t jump_s = jump_ms / 1000; /* toward zero */
    if (jump_s < CLOCK_JUMP_MIN_S && jump_s > -CLOCK_JUMP_MIN_S) return 0;
    return jump_s;
}

int64_t clock_jump_poll(clock_jump_t *d) {
    return clock_jump_check(d, clock_wall_ms(), clock_mono_ms());
}

size_t clock_format_age(time_t then, time_t now, char *out, size_t cap) {
    if (!out || cap == 0) return 0;
    out[0] = '\0';
    if (!clock_wall_is_sane(now) || then <= 0) return 0;
    int64_t age = (int64_t)now - (int64_t)then;
    if (age < -(int64_t)CLOCK_FUTURE_TOLERANCE_S) return 0;

    const int64_t min = 60, hour = 3600, day = 86400, week = 7 * 86400;
    int n;
    if (age < min)
        n = snprintf(out, cap, "just now");
    else if (age < hour)
        n = snprintf(out, cap, "%d min ago", (int)(age / min));
    else if (age < day)
        n = snprintf(out, cap, "%d h ago", (int)(age / hour));
    else if (age < 2 * week)
        n = snprintf(out, cap, "%d %s ago", (int)(age / day), age < 2 * day ? "day" : "days");
    else if (age < 365 * day)
        n = snprintf(out, cap, "%d weeks ago", (int)(age / week));
    else
        n = snprintf(out, cap, "over a year ago");
    if (n < 0) {
        out[0] = '\0';
        return 0;
    }
    return (size_t)n < cap ? (size_t)n : cap - 1;
}

size_t clock_format_hhmm(time_t t, time_t now, char *out, size_t cap) {
    if (!out || cap == 0) return 0;
    out[0] = '\0';
    if (!clock_wall_is_sane(now) || !clock_wall_is_sane(t)) return 0;
    struct tm local;
    if (!localtime_r(&t, &local)) return 0;
    size_t n = strftime(out, cap, "%H:%M", &local);
    if (n == 0) out[0] = '\0';
    return n;
}
