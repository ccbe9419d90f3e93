/* story_internal.h - what story.c exposes to its own tests only.
 *
 * Contract: these are story.c's helpers, kept out of story.h because no other
 * module calls them; tests/test_arch.c fails when a module other than
 * story includes this header. The tests call them to check the pieces alone.
 */
#ifndef BULLETIN_STORY_INTERNAL_H
#define BULLETIN_STORY_INTERNAL_H

#include "story.h"

int story_add_article(store_t *store, int64_t article_id, time_t now, const cluster_opts_t *opts);

#endif
