/* sched.h - what plays next: the order stories take on the wall.
 *
 * Contract: pure and deterministic - the same items, state, time and seed
 * give the same pick; no clock, no disk, no global state. Stride scheduling:
 * every story has a weight and a "pass"; the eligible story with the lowest
 * pass plays and its pass grows by 1/weight, so a story of weight 2 plays
 * twice as often as one of weight 1, and every eligible story plays within a
 * bounded number of slides (weights are kept within SCHED_MAX_RATIO of each
 * other). The weight grows with the number of sources (bigger stories) and
 * with freshness (half-life SCHED_HALF_LIFE_S), and triples for stories of a
 * priority feed. A story the state has not seen starts ahead of the others
 * (new stories play soon; new priority stories first). The story just shown
 * never plays twice in a row when another is eligible, and one from a
 * different lead outlet wins a near tie (variety). Stories older than
 * max_age are not eligible - unless none is fresh: the scheduler never
 * stalls while it has one story.
 */
#ifndef BULLETIN_SCHED_H
#define BULLETIN_SCHED_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define SCHED_HALF_LIFE_S (12 * 3600)
#define SCHED_MAX_RATIO 4.0
#define SCHED_NONE ((size_t)-1)

typedef struct {
    int64_t id;          /* the story */
    time_t published;    /* its newest article */
    time_t first_seen;   /* when it appeared (0: published) */
    unsigned n_sources;  /* outlets telling it */
    uint64_t source;     /* a key of its lead outlet */
    int priority;        /* told by a priority feed */
} sched_item_t;

typedef struct {
    int max_age_s;       /* <= 0: no limit */
    uint64_t seed;       /* breaks exact ties */
} sched_opts_t;

typedef struct {
    int64_t id;
    double pass;
    unsigned shown;
} sched_entry_t;

typedef struct {
    sched_entry_t *entries;
    size_t n, cap;
    int64_t last_id;     /* 0: nothing shown yet */
    uint64_t last_source;
    unsigned long picks;
} sched_state_t;

/* A play list of up to max_len indices from an empty state, one pick every
 * step_s seconds from now; its last entry differs from its first (when two
 * stories exist), so it can loop. Returns its length. */
size_t sched_plan(const sched_item_t *items, size_t n, time_t now, int step_s,
                  const sched_opts_t *opts, size_t *order, size_t max_len);

#endif
