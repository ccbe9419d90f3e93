/* story.c - see story.h. */
#include "story.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "log.h"
#include "summarize.h"

#define MODULE "story"

int story_refresh(store_t *store, int64_t story_id) {
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
    }
    summarize_story_points_free(pts, np);
    free(headline);
    free(docs);
    store_story_articles_free(arts, n);
    return rc;
}

int story_add_article(store_t *store, int64_t article_id, time_t now, const cluster_opts_t *opts) {
    cluster_opts_t o;
    if (opts) o = *opts;
    else cluster_opts_default(&o);
    store_story_article_t a;
    if (store_story_article_get(store, article_id, &a) != 0) {
        log_error(MODULE, "article %lld is not in the store", (long long)article_id);
        return -1;
    }
    if (a.story_id > 0) {
        store_story_article_clear(&a);
        return 0;
    }
    cluster_vec_t *vec = cluster_vec_build(a.title, a.text, a.lang);
    store_story_article_t *win = NULL;
    size_t n_win = 0;
    if (store_story_window(store, a.published - o.window_s, &win, &n_win) != 0) {
        cluster_vec_free(vec);
        store_story_article_clear(&a);
        return -1;
    }
    cluster_t *cl = cluster_new(&o);
    for (size_t i = 0; i < n_win; i++) {
        cluster_vec_t *v = cluster_vec_parse(win[i].terms);
        if (v) cluster_add(cl, win[i].id, win[i].story_id, win[i].published, v);
    }
    double score = 0;
    int64_t story = cluster_best(cl, vec, a.published, &score);
    char *terms = cluster_vec_serialize(vec);
    int64_t placed = 0;
    int rc = store_article_set_story(store, article_id, story, terms, now, &placed);
    if (rc == 0) {
        log_debug(MODULE, "article %lld \"%s\": %s story %lld (score %.2f)",
                  (long long)article_id, a.title ? a.title : "", story ? "joins" : "starts",
                  (long long)placed, score);
        rc = story_refresh(store, placed);
    }
    free(terms);
    cluster_free(cl);
    cluster_vec_free(vec);
    store_story_articles_free(win, n_win);
    store_story_article_clear(&a);
    return rc;
}
