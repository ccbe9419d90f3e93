/* worker.h - the fetch worker: feeds -> articles -> text -> points -> store.
 *
 * Contract: worker_pass does one pass over the configured feeds that are due
 * (all of them when force is set). Each feed is fetched with its validators;
 * its items are added to the store; for new items of full-text feeds the
 * article page is fetched and its main text extracted; every new article is
 * summarized into points. A failing feed is recorded with its error and an
 * exponential back-off (with jitter, honouring Retry-After) and never stops
 * the pass; nothing stored before is removed by a failure. Returns the number
 * of feeds that failed (0 = all fine), or -1 when the store itself failed.
 * worker_loop repeats passes until *stop is set, sleeping until the next feed
 * is due; it is what `bulletin run` starts in its child process.
 */
#ifndef BULLETIN_WORKER_H
#define BULLETIN_WORKER_H

#include <signal.h>
#include <time.h>

#include "config.h"
#include "store.h"

typedef struct {
    int feeds_ok;
    int feeds_failed;
    int feeds_not_due;
    int articles_new;
    int pages_fetched;
} worker_stats_t;

int worker_pass(const config_t *cfg, store_t *store, time_t now, int force, worker_stats_t *st);

/* Seconds to wait after `failures` consecutive failures of a feed whose
 * normal refresh is refresh_s: doubles each time, capped at 6 hours, plus
 * up to 10% jitter derived from seed. */
long worker_backoff_s(int refresh_s, int failures, unsigned long seed);

int worker_loop(const config_t *cfg, volatile sig_atomic_t *stop);

#endif
