/* slide.h - from stored content to what one slide says.
 *
 * Contract: pure functions over a store_slide_t and the time. slide_age
 * writes "just now", "12 min ago", "3 h ago", "2 days ago" - or nothing when
 * the wall clock is not believable yet (a Pi without RTC before NTP) or the
 * time lies in the future. slide_meta writes "Source · Other · +3   age".
 * slide_pick_fresh tells which slides to show: those within max_age; when
 * none is, all of them (the caller then shows a "stale" badge).
 */
#ifndef BULLETIN_SLIDE_H
#define BULLETIN_SLIDE_H

#include <time.h>

#include "buf.h"
#include "store.h"

/* Before this the wall clock is surely wrong (2025-01-01T00:00:00Z). */
#define SLIDE_SANE_EPOCH 1735689600

void slide_age(time_t published, time_t now, buf_t *out);
void slide_meta(const store_slide_t *s, time_t now, buf_t *out);
/* Returns the number of fresh slides; sets *stale when none is fresh. */
size_t slide_count_fresh(const store_slide_t *slides, size_t n, time_t now, int max_age_s,
                         int *stale);

#endif
