/* test_sched.c - the scheduler's properties over simulated days: every story
 * shown, soon after it arrives, never twice in a row, bigger and fresher
 * stories more often, stale ones only when nothing is fresh, variety of
 * outlets, priority first, and the same answers for the same inputs. */
#include "testutil.h"

#include <math.h>

#include "sched_internal.h"

#define T0 1790000000
#define STEP 20
#define DAY (24 * 3600)

/* A small deterministic generator for the simulated days. */
static uint64_t rnd(uint64_t *s) {
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

typedef struct {
    sched_item_t items[64];
    size_t n;
    time_t arrive[64];
    int first_pick[64]; /* pick number of its first showing, -1 none */
    int last_pick[64];
    int max_gap[64];
    unsigned count[64];
} day_t;

/* Simulates one day: n_stories arrive at random times; picks every STEP s.
 * Checks the per-pick properties as it goes; fills the day's statistics. */
static void simulate_day(uint64_t seed, size_t n_stories, day_t *d, unsigned long *sequence_hash) {
    memset(d, 0, sizeof *d);
    uint64_t r = seed | 1;
    for (size_t i = 0; i < n_stories; i++) {
        d->arrive[i] = T0 + (time_t)(rnd(&r) % (DAY - 3600));
        d->first_pick[i] = -1;
    }
    sched_state_t st;
    sched_state_init(&st);
    sched_opts_t o = {.max_age_s = 48 * 3600, .seed = seed};
    sched_item_t live[64];
    size_t map[64];
    int64_t last = 0;
    *sequence_hash = 5381;
    for (int pick = 0; pick < DAY / STEP; pick++) {
        time_t now = T0 + (time_t)pick * STEP;
        size_t n = 0;
        for (size_t i = 0; i < n_stories; i++)
            if (d->arrive[i] <= now) {
                live[n] = (sched_item_t){.id = (int64_t)i + 1, .published = d->arrive[i],
                                         .first_seen = d->arrive[i],
                                         .n_sources = 1 + (unsigned)(i % 3),
                                         .source = i % 4, .priority = 0};
                map[n++] = i;
            }
        size_t k = sched_next(&st, live, n, now, &o);
        if (n == 0) {
            assert_int_equal(k, SCHED_NONE);
            continue;
        }
        assert_true(k < n); /* never stalls */
        size_t s = map[k];
        if (n >= 2) assert_int_not_equal(live[k].id, last); /* no story twice in a row */
        last = live[k].id;
        *sequence_hash = *sequence_hash * 33 + (unsigned long)s;
        if (d->first_pick[s] < 0) d->first_pick[s] = pick;
        else if (pick - d->last_pick[s] > d->max_gap[s]) d->max_gap[s] = pick - d->last_pick[s];
        d->last_pick[s] = pick;
        d->count[s]++;
        /* Each story the schedule knows has been waiting a bounded time. */
        for (size_t j = 0; j < n; j++) {
            size_t t = map[j];
            int since = d->first_pick[t] >= 0 ? pick - d->last_pick[t]
                                               : (int)((now - d->arrive[t]) / STEP);
            assert_true(since <= (int)(SCHED_MAX_RATIO * (double)n) + 4);
        }
    }
    sched_state_free(&st);
    d->n = n_stories;
}

static void test_simulated_days(void **state) {
    (void)state;
    for (uint64_t seed = 1; seed <= 12; seed++) {
        day_t d;
        unsigned long h1, h2;
        size_t n_stories = 5 + (size_t)(seed * 7 % 40);
        simulate_day(seed * 2654435761u, n_stories, &d, &h1);
        for (size_t i = 0; i < n_stories; i++) {
            /* every story shown, and soon after it arrived */
            assert_true(d.first_pick[i] >= 0);
            int wait = d.first_pick[i] - (int)((d.arrive[i] - T0 + STEP - 1) / STEP);
            assert_true(wait <= 3);
        }
        /* deterministic: the same day again gives the same sequence */
        day_t again;
        simulate_day(seed * 2654435761u, n_stories, &again, &h2);
        assert_int_equal(h1, h2);
    }
}

static void test_bigger_and_fresher_more_often(void **state) {
    (void)state;
    /* Four stories of the same age: one source, two, three; and an old
     * one-source story. Over 600 picks counts follow the weights. */
    sched_item_t it[4] = {
        {.id = 1, .published = T0, .n_sources = 1, .source = 1},
        {.id = 2, .published = T0, .n_sources = 2, .source = 2},
        {.id = 3, .published = T0, .n_sources = 3, .source = 3},
        {.id = 4, .published = T0 - 36 * 3600, .n_sources = 1, .source = 4},
    };
    sched_state_t st;
    sched_state_init(&st);
    sched_opts_t o = {.max_age_s = 48 * 3600, .seed = 7};
    unsigned count[4] = {0};
    for (int i = 0; i < 600; i++) count[sched_next(&st, it, 4, T0, &o)]++;
    sched_state_free(&st);
    double w[4];
    for (int i = 0; i < 4; i++) w[i] = sched_weight(&it[i], T0);
    assert_true(w[2] > w[1] && w[1] > w[0] && w[0] > w[3]);
    assert_true(count[2] > count[1] && count[1] > count[0] && count[0] > count[3]);
    double total_w = w[0] + w[1] + w[2] + w[3];
    for (int i = 0; i < 4; i++) {
        double expect = 600.0 * w[i] / total_w;
        assert_true(fabs((double)count[i] - expect) <= 0.1 * expect + 3);
    }
}

static void test_stale_only_when_nothing_fresh(void **state) {
    (void)state;
    sched_item_t it[3] = {
        {.id = 1, .published = T0 - 50 * 3600, .n_sources = 3, .source = 1},
        {.id = 2, .published = T0 - 3600, .n_sources = 1, .source = 2},
        {.id = 3, .published = T0 - 2 * 3600, .n_sources = 1, .source = 3},
    };
    sched_state_t st;
    sched_state_init(&st);
    sched_opts_t o = {.max_age_s = 48 * 3600, .seed = 1};
    for (int i = 0; i < 50; i++) assert_int_not_equal(sched_next(&st, it, 3, T0, &o), 0);
    /* Only the stale one: it is shown, again and again - no stall. */
    for (int i = 0; i < 5; i++) assert_int_equal(sched_next(&st, it, 1, T0, &o), 0);
    /* Nothing at all. */
    assert_int_equal(sched_next(&st, it, 0, T0, &o), SCHED_NONE);
    sched_state_free(&st);
}

static void test_new_and_priority_first(void **state) {
    (void)state;
    sched_item_t it[4] = {
        {.id = 1, .published = T0, .n_sources = 3, .source = 1},
        {.id = 2, .published = T0, .n_sources = 3, .source = 2},
        {.id = 3, .published = T0 + 100, .n_sources = 1, .source = 3},
        {.id = 4, .published = T0 + 100, .n_sources = 1, .source = 4, .priority = 1},
    };
    sched_state_t st;
    sched_state_init(&st);
    sched_opts_t o = {.max_age_s = 0, .seed = 3};
    for (int i = 0; i < 20; i++) sched_next(&st, it, 2, T0 + i, &o);
    /* Two arrive at once: the priority one plays first, the other next. */
    assert_int_equal(sched_next(&st, it, 4, T0 + 100, &o), 3);
    assert_int_equal(sched_next(&st, it, 4, T0 + 120, &o), 2);
    sched_state_free(&st);
}

static void test_variety_of_outlets(void **state) {
    (void)state;
    /* Three stories from outlet 1, three from outlet 2, equal weight: the
     * outlet changes on (nearly) every slide. */
    sched_item_t it[6];
    for (int i = 0; i < 6; i++)
        it[i] = (sched_item_t){.id = i + 1, .published = T0, .n_sources = 1,
                               .source = i < 3 ? 1 : 2};
    sched_state_t st;
    sched_state_init(&st);
    sched_opts_t o = {.max_age_s = 0, .seed = 5};
    uint64_t prev = 0;
    int same = 0;
    for (int i = 0; i < 300; i++) {
        size_t k = sched_next(&st, it, 6, T0, &o);
        if (i && it[k].source == prev) same++;
        prev = it[k].source;
    }
    sched_state_free(&st);
    assert_true(same <= 300 / 10);
}

static void test_plan_loops(void **state) {
    (void)state;
    sched_item_t it[5];
    for (int i = 0; i < 5; i++)
        it[i] = (sched_item_t){.id = 10 + i, .published = T0 - i * 3600,
                               .n_sources = 1 + (unsigned)(i % 3), .source = (uint64_t)i};
    sched_opts_t o = {.max_age_s = 48 * 3600, .seed = 9};
    size_t order[20], again[20];
    size_t len = sched_plan(it, 5, T0, STEP, &o, order, 20);
    assert_true(len >= 15 && len <= 20);
    assert_int_equal(sched_plan(it, 5, T0, STEP, &o, again, 20), len);
    assert_memory_equal(order, again, len * sizeof *order);
    int seen[5] = {0};
    for (size_t i = 0; i < len; i++) {
        assert_true(order[i] < 5);
        seen[order[i]] = 1;
        /* no repeats, including from the end back to the start */
        assert_int_not_equal(order[i], order[(i + 1) % len]);
    }
    for (int i = 0; i < 5; i++) assert_true(seen[i]);
    /* One story: a plan of one. */
    assert_int_equal(sched_plan(it, 1, T0, STEP, &o, order, 20), 1);
    assert_int_equal(sched_plan(it, 0, T0, STEP, &o, order, 20), 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_simulated_days),
        cmocka_unit_test(test_bigger_and_fresher_more_often),
        cmocka_unit_test(test_stale_only_when_nothing_fresh),
        cmocka_unit_test(test_new_and_priority_first),
        cmocka_unit_test(test_variety_of_outlets),
        cmocka_unit_test(test_plan_loops),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
