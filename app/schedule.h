/* schedule.h - when the wall screen is on: "mon-fri 07:00-19:00".
 *
 * Contract: schedule_parse reads a list of rules separated by commas or
 * semicolons, each "DAYS HH:MM-HH:MM": DAYS is a day (mon..sun), a range
 * (mon-fri, also wrapping: sat-mon) or "daily"; times are local, and an end
 * before the start crosses midnight (22:00-02:00 belongs to the day it
 * starts). An empty or NULL text means always on. Returns 0, or -1 with a
 * reason in why (the caller then keeps the screen always on and says so).
 * schedule_is_on(s, tm) tells whether local time tm (tm_wday, tm_hour,
 * tm_min) is inside a rule. Pure: no clock is read here, so the display can
 * re-evaluate whenever the wall clock jumps. Before the clock is sane the
 * caller should keep the screen on (schedule_on_at does this from a time_t).
 */
#ifndef BULLETIN_SCHEDULE_H
#define BULLETIN_SCHEDULE_H

#include <stddef.h>
#include <time.h>

#define SCHEDULE_MAX_RULES 14

typedef struct {
    unsigned char days;      /* bit 0 = Sunday ... bit 6 = Saturday */
    short start_min, end_min;
} schedule_rule_t;

typedef struct {
    schedule_rule_t rules[SCHEDULE_MAX_RULES];
    size_t n;                /* 0: always on */
} schedule_t;

int schedule_parse(const char *text, schedule_t *out, char *why, size_t why_len);
/* From wall-clock seconds: always 1 while the clock is not sane. */
int schedule_on_at(const schedule_t *s, time_t now);

#endif
