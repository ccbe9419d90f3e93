/* deck.h - the slides there are to show, and how one of them is drawn.
 *
 * Contract: deck_load reads the newest slides from the store and keeps the
 * fresh ones (within the config's max_age); when none is fresh it keeps them
 * all and marks the deck stale, so old news is shown only with a badge that
 * says so. The slides (one per story) are then laid out as the scheduler's
 * looping play list (sched.h): a story can appear several times, never twice
 * in a row, and the list is the same on every reload within the hour while
 * the stories do not change. When the store holds nothing, the deck is empty and deck_draw
 * draws a "No news yet" slide listing the feeds' health. deck_draw lays out
 * deck_load_stories is the same list unplanned: every stored story once,
 * newest first (what `bulletin shot --slide N` and `status` count).
 * deck_draw lays out
 * slide `index` (modulo the deck's size) for a w x h screen and draws it
 * into the render target; the layout is returned for the caller's progress
 * bar and checks (free it with layout_free).
 */
#ifndef BULLETIN_DECK_H
#define BULLETIN_DECK_H

#include <stddef.h>
#include <time.h>

#include "config.h"
#include "health.h"
#include "layout.h"
#include "render.h"
#include "store.h"

#define DECK_MAX_SLIDES 200
#define DECK_LATE_MIN_S (2 * 3600)

typedef struct {
    store_slide_t *slides;
    size_t n;
    int stale;
    char *health;        /* for the empty deck: "3 feeds, 1 failing: ..." */
    health_t news;       /* is the wall getting news (the badge) */
} deck_t;

int deck_load(store_t *store, const config_t *cfg, time_t now, deck_t *out);
int deck_load_stories(store_t *store, const config_t *cfg, time_t now, deck_t *out);
void deck_free(deck_t *d);
/* badge: shown on the slide (NULL: none). */
int deck_draw(const deck_t *d, size_t index, render_t *rd, const config_t *cfg, int w, int h,
              time_t now, const char *badge, layout_t *layout);

#endif
