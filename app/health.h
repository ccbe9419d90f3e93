/* health.h - what the badge says about the news: is the wall getting any?
 *
 * Contract: pure functions over the feeds' fetch state (store_feed_t). The
 * badge means "this screen is not getting news", never "a source published
 * nothing lately" (old stories on a wall that fetches fine carry no badge).
 * health_assess fills a health_t from the configured feeds' rows:
 *   offline  every feed is failing (failures > 0); since is the newest last
 *            success of any of them (0 when none ever succeeded);
 *   late     not offline, but no feed has been fetched successfully for
 *            more than late_s (the fetch worker stopped, or every success is
 *            long past): last is that newest success. Nothing is late before
 *            the first success, nor while the wall clock is not sane.
 * health_badge writes the badge text: "offline since 09:12" (local time;
 * "offline" when the time is unknown or the clock not sane), "no fresh news,
 * last fetched 3 h ago", or nothing when all is well.
 */
#ifndef BULLETIN_HEALTH_H
#define BULLETIN_HEALTH_H

#include <stddef.h>
#include <time.h>

#include "buf.h"
#include "store.h"

typedef struct {
    int offline;
    time_t since;  /* newest last success while offline, 0 if unknown */
    int late;
    time_t last;   /* newest last success of any feed, 0 if none */
} health_t;

void health_assess(const store_feed_t *feeds, size_t n, time_t now, int late_s, health_t *out);
void health_badge(const health_t *h, time_t now, buf_t *out);

#endif
