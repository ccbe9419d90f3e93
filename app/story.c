/* story.c - see story.h. */
#include "story.h"
#include "story_internal.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "log.h"
#include "summarize.h"

#define MODULE "story"

/* Recomputes one story's headline, lead and points from its articles. */
static int story_refresh(store_t *store, int64_t story_id) {
    store_story_article_t *arts;
    size_t n;
    if (store_story_articles(store, story_id, &arts, &n) != 0) return -1;
    if (n == 0) {
        store_story_articles_free(arts, n);
        return 0;
    }
    summarize_doc_t *docs = xcalloc(n, sizeof *docs);
    for (size_t i = 0; i < n; i++)
        docs[i] = (summarize_doc_t){arts[i].text ? arts[i].text : "", arts[i].title, arts[i].lang};
    summarize_opts_t opts;
    summarize_opts_default(&opts);
    summarize_story_point_t *pts = NULL;
    size_t np = 0;
    char *headline = NULL;
    size_t lead_doc = 0;
    int rc = 0;
    if (summarize_story(docs, n, &opts, &pts, &np, &headline, &lead_doc) == 0) {
        /* The lead article: the one whose title became the headline, else
         * the first to report. */
        int64_t lead = arts[lead_doc < n ? lead_doc : 0].id;
        store_story_point_t *sp = xcalloc(np ? np : 1, sizeof *sp);
        for (size_t i = 0; i < np; i++)
            sp[i] = (store_story_point_t){pts[i].text, pts[i].doc < n ? arts[pts[i].doc].id : 0};
        rc = store_story_set_summary(store, story_id, headline, lead, sp, np);
        free(sp);
    } else {
        log_debug(MODULE, "story %lld: no text to summarize yet", (long long)story_id);
        rc = store_story_mark_fresh(store, story_id);
    }
    summarize_story_points_free(pts, np);
    free(headline);
    free(docs);
    store_story_articles_free(arts, n);
    return rc;
}

/* A clustered article of the window, its vector parsed once per batch. */
typedef struct {
    int64_t id, story_id;
    time_t published;
    cluster_vec_t *vec;
} win_item_t;

struct story_batch {
    store_t *store;
    cluster_opts_t opts;
    win_item_t *items; /* by id: the store's window, then what this batch placed */
    size_t n, cap;
    time_t loaded_since;
    int loaded;
    int64_t *touched; /* stories to refresh, each once */
    size_t n_touched;
    cluster_t *all;   /* every item, in order, kept while windows take them all */
};

story_batch_t *story_batch_new(store_t *store, const cluster_opts_t *opts) {
    story_batch_t *b = xcalloc(1, sizeof *b);
    b->store = store;
    if (opts) b->opts = *opts;
    else cluster_opts_default(&b->opts);
    return b;
}

static void items_clear(story_batch_t *b) {
    cluster_free(b->all);
    b->all = NULL;
    for (size_t i = 0; i < b->n; i++) cluster_vec_free(b->items[i].vec);
    b->n = 0;
}

/* Inserts by id; returns where. */
static size_t item_insert(story_batch_t *b, win_item_t it) {
    if (b->n == b->cap) {
        b->cap = b->cap ? b->cap * 2 : 64;
        b->items = xrealloc(b->items, b->cap * sizeof *b->items);
    }
    size_t at = b->n;
    while (at > 0 && b->items[at - 1].id > it.id) at--;
    memmove(&b->items[at + 1], &b->items[at], (b->n - at) * sizeof *b->items);
    b->items[at] = it;
    b->n++;
    return at;
}

/* Makes sure the window holds every clustered article published at or
 * after since (the store's, read once, and those placed since). */
static int window_load(story_batch_t *b, time_t since) {
    if (b->loaded && since >= b->loaded_since) return 0;
    store_story_article_t *win = NULL;
    size_t n_win = 0;
    if (store_story_window(b->store, since, &win, &n_win) != 0) return -1;
    items_clear(b);
    for (size_t i = 0; i < n_win; i++) {
        cluster_vec_t *v = cluster_vec_parse(win[i].terms);
        if (v) item_insert(b, (win_item_t){win[i].id, win[i].story_id, win[i].published, v});
    }
    store_story_articles_free(win, n_win);
    b->loaded = 1;
    b->loaded_since = since;
    return 0;
}

static void touch(story_batch_t *b, int64_t story_id) {
    for (size_t i = 0; i < b->n_touched; i++)
        if (b->touched[i] == story_id) return;
    b->touched = xrealloc(b->touched, (b->n_touched + 1) * sizeof *b->touched);
    b->touched[b->n_touched++] = story_id;
}

int story_batch_add(story_batch_t *b, int64_t article_id, time_t now) {
    store_story_article_t a;
    if (store_story_article_get(b->store, article_id, &a) != 0) {
        log_error(MODULE, "article %lld is not in the store", (long long)article_id);
        return -1;
    }
    if (a.story_id > 0) {
        store_story_article_clear(&a);
        return 0;
    }
    time_t since = a.published - b->opts.window_s;
    if (window_load(b, since) != 0) {
        store_story_article_clear(&a);
        return -1;
    }
    cluster_vec_t *vec = cluster_vec_build(a.title, a.text, a.lang);
    /* When the window takes every item (the usual case: a batch's articles
     * are near in time), one cluster serves every article of the batch and
     * grows with it; else one is built for this article's window. */
    int takes_all = 1;
    for (size_t i = 0; i < b->n && takes_all; i++) takes_all = b->items[i].published >= since;
    cluster_t *cl = takes_all ? b->all : NULL;
    if (!cl) {
        cl = cluster_new(&b->opts);
        for (size_t i = 0; i < b->n; i++)
            if (b->items[i].published >= since)
                cluster_add_shared(cl, b->items[i].id, b->items[i].story_id,
                                   b->items[i].published, b->items[i].vec);
        if (takes_all) b->all = cl;
    }
    double score = 0;
    int64_t story = cluster_best(cl, vec, a.published, &score);
    if (cl != b->all) cluster_free(cl);
    char *terms = cluster_vec_serialize(vec);
    cluster_vec_free(vec);
    int64_t placed = 0;
    int rc = store_article_set_story(b->store, article_id, story, terms, now, &placed);
    if (rc == 0) {
        log_debug(MODULE, "article %lld \"%s\": %s story %lld (score %.2f)",
                  (long long)article_id, a.title ? a.title : "", story ? "joins" : "starts",
                  (long long)placed, score);
        /* The window holds what the store would give back: the stored terms. */
        cluster_vec_t *stored = cluster_vec_parse(terms);
        if (stored) {
            size_t at = item_insert(b, (win_item_t){article_id, placed, a.published, stored});
            if (b->all && at + 1 == b->n) {
                cluster_add_shared(b->all, article_id, placed, a.published, stored);
            } else if (b->all) { /* not last in id order: rebuilt when next needed */
                cluster_free(b->all);
                b->all = NULL;
            }
        }
        touch(b, placed);
    }
    free(terms);
    store_story_article_clear(&a);
    return rc;
}

int story_batch_repair(story_batch_t *b, size_t limit, time_t now) {
    int64_t *ids = NULL;
    size_t n = 0;
    if (store_stories_stale(b->store, limit, &ids, &n) != 0) return -1;
    for (size_t i = 0; i < n; i++) touch(b, ids[i]);
    free(ids);
    if (store_articles_unclustered(b->store, limit, &ids, &n) != 0) return -1;
    if (n) log_info(MODULE, "%zu articles in no story (an interrupted pass): placing them", n);
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) rc = story_batch_add(b, ids[i], now);
    free(ids);
    return rc;
}

void story_batch_reset(story_batch_t *b) {
    items_clear(b);
    b->loaded = 0;
    b->n_touched = 0;
}

int story_batch_finish(story_batch_t *b) {
    if (!b) return 0;
    int rc = 0;
    if (b->n_touched) { /* one write for all the stories */
        rc = store_begin(b->store);
        for (size_t i = 0; i < b->n_touched && rc == 0; i++)
            rc = story_refresh(b->store, b->touched[i]);
        if (rc == 0) rc = store_commit(b->store);
        else store_rollback(b->store);
    }
    items_clear(b);
    free(b->items);
    free(b->touched);
    free(b);
    return rc;
}

int story_add_article(store_t *store, int64_t article_id, time_t now, const cluster_opts_t *opts) {
    story_batch_t *b = story_batch_new(store, opts);
    int rc = story_batch_add(b, article_id, now);
    int frc = story_batch_finish(b);
    return rc ? rc : frc;
}
