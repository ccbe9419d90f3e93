/* cluster.h - which articles tell the same story: incremental clustering.
 *
 * Contract: cluster_vec_build turns an article (title, text or summary,
 * language hint) into a sparse bag of terms - the summarizer's terms
 * (summarize_terms: lower-case Snowball stems, stopwords dropped) of the
 * title (weight 3), of the lead (the first CLUSTER_LEAD_CHARS of the text,
 * weight 1) - where names (capitalized words inside a sentence) and numbers
 * count double. A vector serializes to one line of text ("term:weight ...")
 * so the store keeps it and never recomputes it.
 *
 * A cluster_t is the window of recent articles with the story each belongs
 * to. cluster_best scores a new article against every story in the window
 * (an article within window_s of the story's newest member): TF-IDF cosine
 * with document frequencies from the window itself, a story's score being
 * the mean of its best and its average member similarity (so one shared
 * "NATO" does not chain two events together), and it answers the best story
 * at or above the threshold, or 0: start a new story. Same input, same
 * answer. Pure: no disk, no network, no global state.
 */
#ifndef BULLETIN_CLUSTER_H
#define BULLETIN_CLUSTER_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define CLUSTER_LEAD_CHARS 1200
#define CLUSTER_WINDOW_S (48 * 3600)
#define CLUSTER_THRESHOLD 0.22

typedef struct cluster_vec cluster_vec_t;
typedef struct cluster cluster_t;

typedef struct {
    int window_s;     /* default CLUSTER_WINDOW_S */
    double threshold; /* default CLUSTER_THRESHOLD */
} cluster_opts_t;

void cluster_opts_default(cluster_opts_t *o);

/* NULL title or text are treated as empty. Never NULL. */
cluster_vec_t *cluster_vec_build(const char *title, const char *text, const char *lang);
/* "term:weight term:weight ..." (malloc'd); parse returns NULL on garbage. */
char *cluster_vec_serialize(const cluster_vec_t *v);
cluster_vec_t *cluster_vec_parse(const char *line);
void cluster_vec_free(cluster_vec_t *v);

cluster_t *cluster_new(const cluster_opts_t *opts);
void cluster_free(cluster_t *c);
/* Adds an article already placed in story_id (> 0); takes vec. */
void cluster_add(cluster_t *c, int64_t article_id, int64_t story_id, time_t when,
                 cluster_vec_t *vec);
/* The same, but vec stays the caller's: it must outlive the cluster. */
void cluster_add_shared(cluster_t *c, int64_t article_id, int64_t story_id, time_t when,
                        const cluster_vec_t *vec);
/* The story a new article (not added yet) belongs to, or 0 for a new one;
 * *score (may be NULL) gets the best story's score, even below threshold. */
int64_t cluster_best(const cluster_t *c, const cluster_vec_t *vec, time_t when, double *score);

#endif
