/* deck.c - see deck.h. */
#include "deck.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "clock.h"
#include "image.h"
#include "log.h"
#include "sched.h"
#include "slide.h"

#define MODULE "deck"

static char *describe_health(store_t *store) {
    store_feed_t *feeds;
    size_t n;
    buf_t b = BUF_INIT;
    if (store_feed_list(store, &feeds, &n) != 0) return xstrdup("The store cannot be read.");
    size_t failing = 0;
    for (size_t i = 0; i < n; i++)
        if (feeds[i].failures > 0) failing++;
    if (n == 0) buf_puts(&b, "No feed has been fetched yet.");
    else buf_printf(&b, "%zu feeds, %zu failing.", n, failing);
    for (size_t i = 0; i < n && failing; i++)
        if (feeds[i].failures > 0) {
            buf_printf(&b, "\n%s: %s", feeds[i].name ? feeds[i].name : feeds[i].url,
                       feeds[i].last_error ? feeds[i].last_error : "failing");
        }
    store_feed_list_free(feeds, n);
    return buf_detach(&b);
}

static char *dup_or_null(const char *v) { return v ? xstrdup(v) : NULL; }

static void slide_copy(store_slide_t *dst, const store_slide_t *src) {
    *dst = *src;
    dst->headline = dup_or_null(src->headline);
    dst->link = dup_or_null(src->link);
    dst->image = dup_or_null(src->image);
    dst->points = src->n_points ? xcalloc(src->n_points, sizeof *dst->points) : NULL;
    for (size_t i = 0; i < src->n_points; i++) dst->points[i] = dup_or_null(src->points[i]);
    dst->sources = src->n_sources ? xcalloc(src->n_sources, sizeof *dst->sources) : NULL;
    for (size_t i = 0; i < src->n_sources; i++) dst->sources[i] = dup_or_null(src->sources[i]);
}

static int told_by_priority_feed(const store_slide_t *sl, const config_t *cfg) {
    for (size_t f = 0; f < cfg->n_feeds; f++) {
        if (!cfg->feeds[f].priority || !cfg->feeds[f].name) continue;
        for (size_t i = 0; i < sl->n_sources; i++)
            if (sl->sources[i] && strcmp(sl->sources[i], cfg->feeds[f].name) == 0) return 1;
    }
    return 0;
}

/* Replaces the deck's stories by their play list (sched.h): a loop of up to
 * DECK_PLAN_PER_STORY slides per story in which bigger and fresher stories
 * come more often and none comes twice in a row. The plan starts at the hour
 * (so reloading the deck between two slides gives the same list) and each
 * slide lasts the rotation time. */
#define DECK_PLAN_PER_STORY 3
static void deck_plan(deck_t *d, const config_t *cfg, time_t now) {
    if (d->n < 2) return;
    sched_item_t *items = xcalloc(d->n, sizeof *items);
    for (size_t i = 0; i < d->n; i++) {
        const store_slide_t *sl = &d->slides[i];
        items[i] = (sched_item_t){.id = sl->id, .published = sl->published,
                                  .first_seen = sl->first_seen,
                                  .n_sources = (unsigned)sl->n_sources,
                                  .source = (uint64_t)sl->feed_id,
                                  .priority = told_by_priority_feed(sl, cfg)};
    }
    size_t max_len = d->n * DECK_PLAN_PER_STORY;
    if (max_len > DECK_MAX_SLIDES) max_len = DECK_MAX_SLIDES > d->n ? DECK_MAX_SLIDES : d->n;
    size_t *order = xcalloc(max_len, sizeof *order);
    sched_opts_t opts = {.max_age_s = d->stale ? 0 : cfg->max_age_s, .seed = 0};
    time_t start = now - now % 3600;
    size_t len = sched_plan(items, d->n, start, cfg->rotate_s > 0 ? cfg->rotate_s : 20, &opts,
                            order, max_len);
    assert(len <= max_len);
    store_slide_t *plan = xcalloc(len ? len : 1, sizeof *plan);
    for (size_t i = 0; i < len; i++) {
        assert(order[i] < d->n); /* sched_plan gives indices into items */
        slide_copy(&plan[i], &d->slides[order[i]]);
    }
    store_slides_free(d->slides, d->n);
    d->slides = plan;
    d->n = len;
    free(order);
    free(items);
}

/* How long without a successful fetch counts as not getting news. */
static int deck_late_s(const config_t *cfg) {
    int late = DECK_LATE_MIN_S;
    for (size_t i = 0; i < cfg->n_feeds; i++)
        if (cfg->feeds[i].refresh_s > late / 3) late = cfg->feeds[i].refresh_s * 3;
    return late;
}

static const config_feed_t *configured(const config_t *cfg, const store_feed_t *row) {
    for (size_t i = 0; i < cfg->n_feeds; i++)
        if (row->url && cfg->feeds[i].url && strcmp(cfg->feeds[i].url, row->url) == 0)
            return &cfg->feeds[i];
    return NULL;
}

static int newest_first(const void *a, const void *b) {
    const store_slide_t *x = a, *y = b;
    return x->published < y->published ? 1 : x->published > y->published ? -1 : 0;
}

/* Moves the demo feeds' slides forward together: the newest lands on the
 * newest last fetch of a demo feed. */
static void replay_demo_dates(deck_t *d, const config_t *cfg, const store_feed_t *rows,
                              size_t n_rows) {
    time_t fetched = 0, newest = 0;
    for (size_t i = 0; i < n_rows; i++) {
        const config_feed_t *f = configured(cfg, &rows[i]);
        if (f && f->demo && rows[i].last_success > fetched) fetched = rows[i].last_success;
    }
    for (size_t i = 0; i < d->n; i++) {
        const config_feed_t *f = slide_feed(&d->slides[i], cfg);
        if (f && f->demo && d->slides[i].published > newest) newest = d->slides[i].published;
    }
    if (fetched <= 0 || newest <= 0 || fetched <= newest) return;
    for (size_t i = 0; i < d->n; i++) {
        const config_feed_t *f = slide_feed(&d->slides[i], cfg);
        if (f && f->demo && d->slides[i].published > 0) d->slides[i].published += fetched - newest;
    }
    qsort(d->slides, d->n, sizeof *d->slides, newest_first);
}

/* The configured feeds' rows (a feed removed from the config says nothing
 * about this wall), then what they say: demo dates, the news health. */
static void read_feeds(store_t *store, const config_t *cfg, time_t now, deck_t *d) {
    store_feed_t *rows;
    size_t n;
    if (store_feed_list(store, &rows, &n) != 0) return;
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        if (!configured(cfg, &rows[i])) continue;
        store_feed_t t = rows[kept];
        rows[kept++] = rows[i];
        rows[i] = t;
    }
    replay_demo_dates(d, cfg, rows, kept);
    health_assess(rows, kept, now, deck_late_s(cfg), &d->news);
    store_feed_list_free(rows, n);
}

static int load(store_t *store, const config_t *cfg, time_t now, int plan, deck_t *out) {
    memset(out, 0, sizeof *out);
    if (store_slides_load(store, DECK_MAX_SLIDES, &out->slides, &out->n) != 0) return -1;
    read_feeds(store, cfg, now, out);
    size_t fresh = slide_count_fresh(out->slides, out->n, now, cfg->max_age_s, &out->stale);
    assert(fresh <= out->n);
    /* Slides come newest first: the fresh ones are a prefix. */
    if (plan && fresh > 0 && fresh < out->n) {
        for (size_t i = fresh; i < out->n; i++) store_slide_clear(&out->slides[i]);
        out->n = fresh;
    }
    if (out->n == 0) out->health = describe_health(store);
    else if (plan) deck_plan(out, cfg, now);
    return 0;
}

int deck_load(store_t *store, const config_t *cfg, time_t now, deck_t *out) {
    return load(store, cfg, now, 1, out);
}

int deck_load_stories(store_t *store, const config_t *cfg, time_t now, deck_t *out) {
    return load(store, cfg, now, 0, out);
}

void deck_free(deck_t *d) {
    store_slides_free(d->slides, d->n);
    free(d->health);
    memset(d, 0, sizeof *d);
}

int deck_draw(const deck_t *d, size_t index, render_t *rd, const config_t *cfg, int w, int h,
              time_t now, const char *badge, layout_t *layout) {
    char clock[16];
    int clock_ok = cfg->clock && clock_format_hhmm(now, now, clock, sizeof clock) > 0;
    buf_t meta = BUF_INIT, age = BUF_INIT, badge_text = BUF_INIT;
    layout_input_t in = {.clock = clock_ok ? clock : NULL};
    const store_slide_t *s = NULL;
    char *health_lines[8];
    char *image_path = NULL;
    unsigned accent = 0;
    size_t n_health = 0;
    if (d->n > 0) {
        s = &d->slides[index % d->n];
        slide_meta(s, now, &meta, &age);
        in.headline = s->headline;
        in.points = (const char *const *)s->points;
        in.n_points = s->n_points;
        in.show_qr = cfg->qr && s->link && strncmp(s->link, "http", 4) == 0;
        const config_feed_t *feed = slide_feed(s, cfg);
        if (feed && feed->accent) accent = feed->accent;
        image_path = image_local_path(s->image, feed && feed->is_local);
        if (!image_path) image_path = image_cached_path(cfg->store_path, s->image);
        if (image_path && access(image_path, R_OK) != 0) {
            free(image_path);
            image_path = NULL;
        }
        in.show_image = image_path != NULL;
    } else {
        in.headline = "No news yet";
        buf_puts(&meta, "Bulletin");
        /* One point per line of the health text. */
        const char *p = d->health ? d->health : "";
        while (*p && n_health < 8) {
            const char *nl = strchr(p, '\n');
            size_t len = nl ? (size_t)(nl - p) : strlen(p);
            health_lines[n_health++] = xstrndup(p, len);
            p = nl ? nl + 1 : p + len;
        }
        in.points = (const char *const *)health_lines;
        in.n_points = n_health;
    }
    in.meta = meta.data;
    in.age = age.data;
    if (badge && *badge) buf_puts(&badge_text, badge);
    int rc = layout_slide(&in, w, h, render_measure, rd, layout);
    if (rc == 0)
        rc = render_slide(rd, layout,
                          &(render_extras_t){.link = s ? s->link : NULL,
                                             .accent = accent ? accent : s ? s->accent : 0,
                                             .badge = badge_text.len ? badge_text.data : NULL,
                                             .image_path = image_path});
    else log_error(MODULE, "screen %dx%d is too small to lay out a slide", w, h);
    for (size_t i = 0; i < n_health; i++) free(health_lines[i]);
    free(image_path);
    buf_free(&meta);
    buf_free(&age);
    buf_free(&badge_text);
    return rc;
}
