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

static sched_entry_t *find(sched_state_t *st, int64_t id) {
    for (size_t i = 0; i < st->n; i++)
        if (st->entries[i].id == id) return &st->entries[i];
    return NULL;
}

static int is_eligible(const sched_item_t *it, time_t now, const sched_opts_t *o) {
    return o->max_age_s <= 0 || difftime(now, it->published) <= o->max_age_s;
}

/* Forgets stories gone from items. */
static void forget_gone(sched_state_t *st, const sched_item_t *items, size_t n) {
    size_t keep = 0;
    for (size_t i = 0; i < st->n; i++) {
        int present = 0;
        for (size_t j = 0; j < n && !present; j++) present = items[j].id == st->entries[i].id;
        if (present) st->entries[keep++] = st->entries[i];
    }
    st->n = keep;
}

size_t sched_next(sched_state_t *st, const sched_item_t *items, size_t n, time_t now,
                  const sched_opts_t *opts) {
    if (n == 0) return SCHED_NONE;
    forget_gone(st, items, n);
    size_t n_fresh = 0;
    for (size_t i = 0; i < n; i++) n_fresh += is_eligible(&items[i], now, opts);
    int all = n_fresh == 0; /* nothing fresh: show the old rather than nothing */
    size_t n_eligible = all ? n : n_fresh;
    /* The virtual time: the lowest pass of the stories already known. */
    double vtime = 0;
    int have_vtime = 0;
    for (size_t i = 0; i < n; i++) {
        if (!all && !is_eligible(&items[i], now, opts)) continue;
        sched_entry_t *e = find(st, items[i].id);
        if (e && (!have_vtime || e->pass < vtime)) {
            vtime = e->pass;
            have_vtime = 1;
        }
    }
    /* Unseen stories start ahead: priority first, then the heavier. */
    for (size_t i = 0; i < n; i++) {
        if (find(st, items[i].id)) continue;
        if (st->n == st->cap) {
            st->cap = st->cap ? st->cap * 2 : 16;
            st->entries = xrealloc(st->entries, st->cap * sizeof *st->entries);
        }
        double w = sched_weight(&items[i], now);
        double bonus = items[i].priority ? NEW_PRIORITY_BONUS : NEW_BONUS;
        st->entries[st->n++] = (sched_entry_t){items[i].id, vtime - bonus + 0.05 / w, 0};
    }
    size_t best = SCHED_NONE;
    double best_score = 0;
    uint64_t best_tie = 0;
    for (size_t i = 0; i < n; i++) {
        if (!all && !is_eligible(&items[i], now, opts)) continue;
        if (n_eligible > 1 && items[i].id == st->last_id) continue;
        const sched_entry_t *e = find(st, items[i].id);
        assert(e); /* every item was given an entry above */
        double score = e->pass;
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
        if (i == best || (!all && !is_eligible(&items[i], now, opts))) continue;
        const sched_entry_t *o = find(st, items[i].id);
        assert(o);
        if (!have_others || o->pass < others) others = o->pass;
        have_others = 1;
    }
    assert(best < n);
    sched_entry_t *e = find(st, items[best].id);
    assert(e);
    double step = 1.0 / sched_weight(&items[best], now);
    e->pass += step;
    if (have_others && e->pass > others + step) e->pass = others + step;
    e->shown++;
    st->last_id = items[best].id;
    st->last_source = items[best].source;
    st->picks++;
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
