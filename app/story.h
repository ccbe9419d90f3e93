/* story.h - an article joins its story: clustering and the story's points,
 * kept in the store.
 *
 * Contract: story_add_article takes a stored article, builds its cluster
 * vector (cluster.h), compares it with the stories of the window around its
 * publication time (the store's clustered articles), puts it into the best
 * story or a new one, and recomputes that story's headline, lead article and
 * points with summarize_story over all its articles' texts, each point
 * credited to its article. An article already in a story is left alone.
 * Returns 0, or -1 when the store fails (logged).
 *
 * A story_batch_t does the same for many articles at once (a fetch pass):
 * each article is placed as it comes, against the window as the store holds
 * it (its vectors parsed once per batch, not once per article), and each
 * story touched is recomputed once, by story_batch_finish (which frees the
 * batch). The stories and points are the same as one story_add_article per
 * article. A story an article joined is marked stale in the store until it
 * is recomputed, so story_batch_repair (at the start of a pass) finishes
 * what a killed pass left: stale stories, and articles in no story.
 */
#ifndef BULLETIN_STORY_H
#define BULLETIN_STORY_H

#include <stdint.h>
#include <time.h>

#include "cluster.h"
#include "store.h"

typedef struct story_batch story_batch_t;

/* opts NULL: the defaults. */
story_batch_t *story_batch_new(store_t *store, const cluster_opts_t *opts);
int story_batch_add(story_batch_t *b, int64_t article_id, time_t now);
/* Queues the stale stories and places the unclustered articles, at most
 * limit of each. */
int story_batch_repair(story_batch_t *b, size_t limit, time_t now);
/* Forgets what the batch placed and read (after a store failure rolled
 * some of it back): later adds read the window from the store again; the
 * stories touched are left stale in the store, for the next repair. */
void story_batch_reset(story_batch_t *b);
/* Recomputes every story the batch touched, in one transaction; frees b.
 * -1 when the store failed. */
int story_batch_finish(story_batch_t *b);

#endif
