/* health.h - what the badge says about the news: offline, stale.
 *
 * Contract: pure functions over the feeds' fetch state (store_feed_t).
 * health_offline_since: the wall is offline when it has feeds and every one
 * of them is failing (failures > 0); *since is then the newest last success
 * of any feed (0 when none ever succeeded). Returns 1 when offline, else 0.
 * health_badge writes the badge text for the display: "offline since 09:12"
 * (local time), "offline" when the time is unknown or the clock not sane,
 * and appends "stale" information when the deck is stale; nothing when all
 * is well. Texts are joined with " · ".
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
} health_t;

int health_offline_since(const store_feed_t *feeds, size_t n, time_t *since);
void health_badge(const health_t *h, int stale, time_t now, buf_t *out);

#endif
