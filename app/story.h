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
 */
#ifndef BULLETIN_STORY_H
#define BULLETIN_STORY_H

#include <stdint.h>
#include <time.h>

#include "cluster.h"
#include "store.h"

/* opts NULL: the defaults. */
int story_add_article(store_t *store, int64_t article_id, time_t now, const cluster_opts_t *opts);
/* Recomputes one story's headline, lead and points from its articles. */
int story_refresh(store_t *store, int64_t story_id);

#endif
