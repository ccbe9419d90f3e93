/* worker.h - the fetch worker: feeds -> articles -> text -> points -> store.
 *
 * Contract: worker_pass does one pass over the configured feeds that are due
 * (all of them when force is set). Due feeds and their pages share one fetch
 * queue (fetch_queue_*: [fetch] parallel feeds and page_parallel pages at
 * once, host_parallel to one host, at most half the page places to one
 * feed), each answer acted on as it lands; each feed is fetched with its
 * validators (conditional GET) and from where a 301/308 moved
 * it (kept in the store apart from the config's URL, which stays the key);
 * at most [fetch] max_items entries of a feed are taken; for new items of
 * full-text feeds the article pages are fetched in parallel too
 * (page_parallel) and their main text extracted; only http(s) links (file:
 * only in local feeds) are followed, others are refused and logged; every
 * new article is summarized into points and joins its story (story.h: each
 * story touched is recomputed once every 4 x parallel feeds stored, and at
 * the end). Each feed is stored as soon as it is complete, as a transaction
 * of its own, so feeds are independent and a kill keeps what finished; the
 * outcome of a feed with no items (304, failure) rides with the next one, or
 * the end of the pass. Items whose page the budget stopped are left for the
 * next pass (the feed keeps its old validators and is due in a minute).
 * A failing feed is recorded with its error and an exponential back-off
 * (with jitter, honouring Retry-After) and never stops the pass; nothing
 * stored before is removed by a failure, and pruning never takes what a
 * feed that cannot be fetched last gave (store_prune). A feed is read at
 * most once a minute, and less often when its ttl or Cache-Control max-age
 * asks (up to a day). A pass starts no transfer after [fetch] pass_budget;
 * the feeds it leaves stay due (feeds_deferred). What a killed pass left
 * half done (articles in no story, stories not recomputed) is finished at
 * the start of the next. Returns the number of feeds that failed (0 = all
 * fine), or -1 when the store itself failed (a full or read-only disk, a
 * damaged file): then what was fetched and not stored is fetched again next
 * time (its validators were not advanced), and the feed's health says why.
 * worker_loop repeats passes until *stop is set, sleeping until the next
 * feed is due (at most 15 minutes); after a store failure it retries in a
 * minute, and a damaged store is moved aside and started anew
 * (store_quarantine); it is what `bulletin run` starts in its child process.
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
    int feeds_deferred;  /* due, but the pass's time budget was spent */
    time_t next_due;     /* the soonest a configured feed is due again */
} worker_stats_t;

int worker_pass(const config_t *cfg, store_t *store, time_t now, int force, worker_stats_t *st);

/* Seconds to wait after `failures` consecutive failures of a feed whose
 * normal refresh is refresh_s: doubles each time, capped at 6 hours, plus
 * up to 10% jitter derived from seed. */
long worker_backoff_s(int refresh_s, int failures, unsigned long seed);

int worker_loop(const config_t *cfg, volatile sig_atomic_t *stop);

#endif
