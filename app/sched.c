/* sched.c - see sched.h. */
#include "sched.h"
#include "sched_internal.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

#define MIN_WEIGHT 0.5
#define MAX_WEIGHT (MIN_WEIGHT * SCHED_MAX_RATIO)
/* How far a story from the outlet just shown falls back, in pass units. */
#define VARIETY_PENALTY 0.25
/* How far ahead of the others an unseen story starts. */
#define NEW_BONUS 0.1
#define NEW_PRIORITY_BONUS 0.2

void sched_state_init(sched_state_t *st) { memset(st, 0, sizeof *st); }

void sched_state_free(sched_state_t *st) {
    free(st->entries);
    memset(st, 0, sizeof *st);
}

double sched_weight(const sched_item_t *it, time_t now) {
    double age = difftime(now, it->published);
    if (age < 0) age = 0;
    unsigned sources = it->n_sources < 1 ? 1 : it->n_sources > 3 ? 3 : it->n_sources;
    double size = 1.0 + 0.5 * (double)(sources - 1);
    double fresh = pow(0.5, age / SCHED_HALF_LIFE_S);
    double w = size * fresh * (it->priority ? 3.0 : 1.0);
    return w < MIN_WEIGHT ? MIN_WEIGHT : w > MAX_WEIGHT ? MAX_WEIGHT : w;
}

static uint64_t mix(uint64_t x) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    return x ^ (x >> 33);
}

/* Story ids to indices: open addressing, for the lookups a pick makes once
 * per story (a scan of the state for each would make a pick O(n^2)). */
typedef struct {
    int64_t *ids;
    size_t *at;
    unsigned char *used;
    size_t mask;
} id_index_t;

static void id_index_init(id_index_t *x, size_t count) {
    size_t cap = 16;
    while (cap < 2 * count) cap *= 2;
    x->ids = xmalloc(cap * sizeof *x->ids);
    x->at = xmalloc(cap * sizeof *x->at);
    x->used = xcalloc(cap, 1);
    x->mask = cap - 1;
}

static void id_index_free(id_index_t *x) {
    free(x->ids);
    free(x->at);
    free(x->used);
}

static size_t id_slot(const id_index_t *x, int64_t id) {
    size_t i = (size_t)mix((uint64_t)id) & x->mask;
    while (x->used[i] && x->ids[i] != id) i = (i + 1) & x->mask;
    return i;
}

/* The index stored for id, or SCHED_NONE. */
static size_t id_get(const id_index_t *x, int64_t id) {
    size_t i = id_slot(x, id);
    return x->used[i] ? x->at[i] : SCHED_NONE;
}

/* Stores at for id unless id has an index already. */
static void id_put(id_index_t *x, int64_t id, size_t at) {
    size_t i = id_slot(x, id);
    if (x->used[i]) return;
    x->used[i] = 1;
    x->ids[i] = id;
    x->at[i] = at;
}

static int is_eligible(const sched_item_t *it, time_t now, const sched_opts_t *o) {
    return o->max_age_s <= 0 || difftime(now, it->published) <= o->max_age_s;
}

/* Forgets stories gone from items. */
static void forget_gone(sched_state_t *st, const sched_item_t *items, size_t n) {
    id_index_t present;
    id_index_init(&present, n);
    for (size_t j = 0; j < n; j++) id_put(&present, items[j].id, j);
    size_t keep = 0;
    for (size_t i = 0; i < st->n; i++)
        if (id_get(&present, st->entries[i].id) != SCHED_NONE) st->entries[keep++] = st->entries[i];
    st->n = keep;
    id_index_free(&present);
}

size_t sched_next(sched_state_t *st, const sched_item_t *items, size_t n, time_t now,
                  const sched_opts_t *opts) {
    if (n == 0) return SCHED_NONE;
    forget_gone(st, items, n);
    /* Each item's entry in the state (the first of its id). */
    id_index_t known;
    id_index_init(&known, st->n + n);
    for (size_t i = 0; i < st->n; i++) id_put(&known, st->entries[i].id, i);
    size_t *entry = xmalloc(n * sizeof *entry);
    unsigned char *eligible = xmalloc(n);
    size_t n_fresh = 0;
    for (size_t i = 0; i < n; i++) {
        eligible[i] = (unsigned char)is_eligible(&items[i], now, opts);
        n_fresh += eligible[i];
    }
    int all = n_fresh == 0; /* nothing fresh: show the old rather than nothing */
    if (all) memset(eligible, 1, n);
    size_t n_eligible = all ? n : n_fresh;
    /* The virtual time: the lowest pass of the stories already known. */
    double vtime = 0;
    int have_vtime = 0;
    for (size_t i = 0; i < n; i++) {
        entry[i] = id_get(&known, items[i].id);
        if (!eligible[i]) continue;
        if (entry[i] != SCHED_NONE && (!have_vtime || st->entries[entry[i]].pass < vtime)) {
            vtime = st->entries[entry[i]].pass;
            have_vtime = 1;
        }
    }
    /* Unseen stories start ahead: priority first, then the heavier. */
    for (size_t i = 0; i < n; i++) {
        if (entry[i] != SCHED_NONE) continue;
        size_t seen = id_get(&known, items[i].id); /* an earlier item of the same id */
        if (seen != SCHED_NONE) {
            entry[i] = seen;
            continue;
        }
        if (st->n == st->cap) {
            st->cap = st->cap ? st->cap * 2 : 16;
            st->entries = xrealloc(st->entries, st->cap * sizeof *st->entries);
        }
        double w = sched_weight(&items[i], now);
        double bonus = items[i].priority ? NEW_PRIORITY_BONUS : NEW_BONUS;
        st->entries[st->n] = (sched_entry_t){items[i].id, vtime - bonus + 0.05 / w, 0};
        id_put(&known, items[i].id, st->n);
        entry[i] = st->n++;
    }
    id_index_free(&known);
    size_t best = SCHED_NONE;
    double best_score = 0;
    uint64_t best_tie = 0;
    for (size_t i = 0; i < n; i++) {
        if (!eligible[i]) continue;
        if (n_eligible > 1 && items[i].id == st->last_id) continue;
        assert(entry[i] < st->n); /* every item was given an entry above */
        double score = st->entries[entry[i]].pass;
        if (st->last_id && n_eligible > 1 && items[i].source == st->last_source)
            score += VARIETY_PENALTY;
        uint64_t tie = mix(opts->seed ^ (uint64_t)items[i].id);
        if (best == SCHED_NONE || score < best_score ||
            (score == best_score && tie < best_tie)) {
            best = i;
            best_score = score;
            best_tie = tie;
        }
    }
    if (best == SCHED_NONE) best = 0; /* one story, shown last time: show it again */
    /* The pass grows by 1/weight - but never past the lowest other pass plus
     * that: a story shown out of turn (the only one, or for variety) does
     * not fall behind, so every story waits a bounded time. */
    double others = 0;
    int have_others = 0;
    for (size_t i = 0; i < n; i++) {
        if (i == best || !eligible[i]) continue;
        const sched_entry_t *o = &st->entries[entry[i]];
        if (!have_others || o->pass < others) others = o->pass;
        have_others = 1;
    }
    assert(best < n);
    sched_entry_t *e = &st->entries[entry[best]];
    double step = 1.0 / sched_weight(&items[best], now);
    e->pass += step;
    if (have_others && e->pass > others + step) e->pass = others + step;
    e->shown++;
    st->last_id = items[best].id;
    st->last_source = items[best].source;
    st->picks++;
    free(eligible);
    free(entry);
    return best;
}

size_t sched_plan(const sched_item_t *items, size_t n, time_t now, int step_s,
                  const sched_opts_t *opts, size_t *order, size_t max_len) {
    if (n == 0 || max_len == 0) return 0;
    sched_state_t st;
    sched_state_init(&st);
    size_t len = 0;
    for (; len < max_len; len++) {
        order[len] = sched_next(&st, items, n, now + (time_t)len * step_s, opts);
        assert(order[len] < n); /* n > 0, so a pick is always made */
    }
    sched_state_free(&st);
    /* The list loops: its end must not repeat its start. */
    while (len > 1 && items[order[len - 1]].id == items[order[0]].id) len--;
    return len;
}
