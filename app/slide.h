/* slide.h - from stored content to what one slide says.
 *
 * Contract: pure functions over a store_slide_t and the time. slide_meta
 * writes the sources, "Source · Other · +3" (at most two names, then how
 * many more), and the age, "12 min ago", apart (the layout puts them on one
 * line or two); the age comes from clock_format_age (app/clock.h), so it is
 * left out while the wall clock is not sane (a Pi without RTC before NTP) or
 * the date lies in the future. slide_count_fresh tells how many slides (a
 * newest-first prefix) are within max_age; every slide counts as fresh while
 * the clock is not sane; *stale is set when there are slides but none fresh.
 * slide_feed finds the configured feed a slide comes from (its first source
 * named like the feed), or NULL.
 */
#ifndef BULLETIN_SLIDE_H
#define BULLETIN_SLIDE_H

#include <time.h>

#include "buf.h"
#include "config.h"
#include "store.h"

void slide_meta(const store_slide_t *s, time_t now, buf_t *sources, buf_t *age);
size_t slide_count_fresh(const store_slide_t *slides, size_t n, time_t now, int max_age_s,
                         int *stale);
const config_feed_t *slide_feed(const store_slide_t *s, const config_t *cfg);

#endif
