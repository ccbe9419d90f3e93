/* worker.c - see worker.h. */
#include "worker.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "buf.h"
#include "clock.h"
#include "extract.h"
#include "feed.h"
#include "fetch.h"
#include "imgcache.h"
#include "log.h"
#include "story.h"
#include "summarize.h"
#include "urlutil.h"

#define MODULE "worker"
#define MAX_BACKOFF_S (6 * 3600)
/* A feed's own text is taken as the article when it is at least this long. */
#define MIN_FEED_TEXT_CHARS 600
/* No feed is read more often than this, whatever its config says. */
#define MIN_REFRESH_S 60
/* A feed's ttl or Cache-Control max-age raises its refresh up to this. */
#define MAX_ASKED_REFRESH_S (24 * 3600)
#define MAX_RETRY_AFTER_S 86400
/* New articles whose page one pass fetches, per feed; the rest keep the
 * feed's own summary. */
#define MAX_PAGES_PER_FEED 40
/* A moved feed address failing this often in a row is given up. */
#define MOVED_URL_MAX_FAILURES 3

long worker_backoff_s(int refresh_s, int failures, unsigned long seed) {
    long delay = refresh_s > 60 ? refresh_s : 60;
    for (int i = 1; i < failures && delay < MAX_BACKOFF_S; i++) delay *= 2;
    if (delay > MAX_BACKOFF_S) delay = MAX_BACKOFF_S;
    seed = seed * 6364136223846793005UL + 1442695040888963407UL;
    return delay + (long)((seed >> 33) % (unsigned long)(delay / 10 + 1));
}

static unsigned long str_seed(const char *s, time_t now) {
    unsigned long h = 5381 + (unsigned long)now;
    for (; *s; s++) h = h * 33 + (unsigned char)*s;
    return h;
}

/* The article's points, stored; -1 only when the store failed. */
static int summarize_into_store(store_t *store, int64_t id, const char *text, const char *title,
                                const char *lang) {
    summarize_opts_t opts;
    summarize_opts_default(&opts);
    opts.lang = lang;
    char **points = NULL;
    size_t n = 0;
    int rc = 0;
    if (summarize_points(text, title, &opts, &points, &n) == 0 && n > 0)
        rc = store_article_set_points(store, id, points, n);
    else
        log_debug(MODULE, "no points for \"%s\"", title ? title : "(untitled)");
    summarize_points_free(points, n);
    return rc;
}

/* The main text of a new article, taken from its fetched page. */
typedef struct {
    char *text;
    char *image;
    char *lang;
    char *url;   /* its canonical web address, when it has one */
} page_text_t;

static void page_text_free(page_text_t *p) {
    free(p->text);
    free(p->url);
    free(p->image);
    free(p->lang);
    memset(p, 0, sizeof *p);
}

/* May a URL found in a feed (item link, image) be fetched? http(s) always;
 * file: only in a feed the local config lists. */
static int link_allowed(const config_feed_t *feed, const char *url) {
    return url_may_follow(url, feed->is_local);
}

/* Extracts the text of a fetched article page into *out (left empty when
 * the page failed or holds no article). */
static void page_extract(const config_feed_t *feed, const char *link, const fetch_resp_t *resp,
                         page_text_t *out) {
    if (resp->error[0] || resp->status != 200) {
        if (resp->error[0]) log_warn(MODULE, "article %s: %s", link, resp->error);
        else log_warn(MODULE, "article %s: HTTP status %ld", link, resp->status);
        return;
    }
    extract_result_t ex;
    buf_t err = BUF_INIT;
    char *base = url_document_base(resp->effective_url ? resp->effective_url : link,
                                   resp->content_location);
    int rc = extract_page(resp->body.data, resp->body.len, base, resp->content_type, &ex, &err);
    free(base);
    if (rc == 0) {
        if (ex.is_article && ex.text && *ex.text) {
            out->text = xstrdup(ex.text);
            if (ex.image && link_allowed(feed, ex.image)) out->image = xstrdup(ex.image);
            else if (ex.image) log_warn(MODULE, "article %s: refused image URL %s", link, ex.image);
            if (ex.lang) out->lang = xstrdup(ex.lang);
            if (ex.url && url_is_web(ex.url)) out->url = xstrdup(ex.url);
        } else {
            log_info(MODULE, "article %s: no article text found; using the feed's summary", link);
        }
        extract_free(&ex);
    } else {
        log_warn(MODULE, "article %s: %s", link, buf_cstr(&err));
    }
    buf_free(&err);
}

/* The article as the store takes it, from a feed entry. */
static store_article_in_t entry_article(const config_feed_t *feed, const feed_t *parsed,
                                        const feed_entry_t *e) {
    const char *lang = feed->lang ? feed->lang : parsed->lang;
    store_article_in_t in = {.guid = e->id, .url = e->link, .title = e->title,
                             .summary = e->summary, .image = e->image, .author = e->author,
                             .lang = lang, .published = e->published ? e->published : e->updated};
    if (e->content && strlen(e->content) >= MIN_FEED_TEXT_CHARS) in.text = e->content;
    if (in.image && !link_allowed(feed, in.image)) {
        log_warn(MODULE, "feed \"%s\": refused image URL %s", feed->name, in.image);
        in.image = NULL;
    }
    return in;
}

/* Stores one entry with its page text and points, as one transaction.
 * Returns -1 when the store failed (nothing of the entry is kept then). */
static int store_entry(const config_feed_t *feed, store_t *store, int64_t feed_id,
                       const feed_t *parsed, const feed_entry_t *e, const page_text_t *page,
                       time_t now, story_batch_t *stories, worker_stats_t *st) {
    const char *lang = feed->lang ? feed->lang : parsed->lang;
    store_article_in_t in = entry_article(feed, parsed, e);
    /* A local page's canonical web address is the link to show (the QR code). */
    if (page && page->url && !(in.url && url_is_web(in.url))) in.url = page->url;
    const char *text = in.text;
    int from_page = 0;
    if (!text && page && page->text) {
        in.text = text = page->text;
        if (!in.image) in.image = page->image;
        if (!in.lang) in.lang = page->lang;
        from_page = 1;
    }
    int64_t id;
    int is_new;
    if (store_begin(store)) return -1;
    if (store_article_add(store, feed_id, &in, now, &id, &is_new) != 0) goto fail;
    if (!is_new) return store_commit(store);
    if (!text) text = e->content ? e->content : e->summary;
    if (text &&
        summarize_into_store(store, id, text, e->title, lang ? lang : from_page ? page->lang : NULL))
        goto fail;
    if (store_commit(store)) return -1;
    st->articles_new++;
    st->pages_fetched += from_page;
    /* Placed in its story after the commit: a failure here (or a kill)
     * leaves it for the next pass's repair. */
    story_batch_add(stories, id, now);
    return 0;
fail:
    store_rollback(store);
    return -1;
}

/* A page to fetch for entry `entry` of the job in slot `slot`. */
typedef struct {
    int is_page;                /* 1 (the first field of both tags) */
    size_t slot, entry;
    fetch_req_t req;
    fetch_resp_t resp;
} page_fetch_t;

/* One due feed, from its fetch to its entries: the fetch queue's tag for
 * the feed itself. */
typedef struct {
    int is_page;                /* 0 */
    int in_use;                 /* the slot holds a feed under way */
    const config_feed_t *feed;
    int64_t id;
    store_feed_t state;
    char *fetch_url;            /* where it moved (301/308), or NULL */
    fetch_req_t req;
    fetch_resp_t resp;
    feed_t parsed;
    int parsed_ok;
    size_t n_take;              /* entries taken: at most [fetch] max_items */
    page_text_t *pages;         /* one per entry, for full-text feeds */
    unsigned char *page_cut;    /* per entry: its page was stopped by the time budget */
    size_t pages_left;          /* queued pages not extracted yet */
    size_t pages_out;           /* of them, in the fetch queue */
    buf_t error;
} feed_job_t;

/* The pass under way: the feeds it holds (slots), and the pages waiting
 * for their turn in the fetch queue. */
typedef struct {
    const config_t *cfg;
    store_t *store;
    time_t now;
    int64_t deadline_ms;        /* the pass's time budget, monotonic */
    story_batch_t *stories;
    worker_stats_t *st;
    int store_failed;
    fetch_queue_t *q;
    feed_job_t *slots;
    size_t n_slots;
    size_t feeds_out, pages_out; /* requests in the queue */
    page_fetch_t **pending;     /* pages not queued yet, FIFO */
    size_t n_pending, pending_head, cap_pending;
    size_t stored_since_stories; /* feeds stored since the stories were recomputed */
    struct outcome *outcomes;   /* feeds done that store no items, not written yet */
    size_t n_outcomes;
} pass_ctx_t;

/* The outcome of a feed that stores no items (a 304, a failure): written
 * with the next feed that has items, or at the end of the pass, in that
 * transaction - a commit (and a sync) for each would write most of the
 * pass's bytes. A kill loses only these: the feed is still due, and the
 * next pass asks again. */
typedef struct outcome {
    int64_t id;
    char *error;                /* NULL: answered (304) */
    time_t next_due;
    int move;                   /* set fetch_url to move_to (NULL: the config's) */
    char *move_to;
} outcome_t;

static long clamp_long(long v, long lo, long hi) { return v < lo ? lo : v > hi ? hi : v; }

static void job_free(feed_job_t *job) {
    if (job->pages)
        for (size_t i = 0; i < job->n_take; i++) page_text_free(&job->pages[i]);
    free(job->pages);
    free(job->page_cut);
    if (job->parsed_ok) feed_free(&job->parsed);
    fetch_resp_free(&job->resp);
    store_feed_free(&job->state);
    free(job->fetch_url);
    buf_free(&job->error);
    memset(job, 0, sizeof *job);
}

/* Plans the pages of a full-text feed's new items (at most
 * MAX_PAGES_PER_FEED): each waits in ctx->pending for its turn. */
static void plan_pages(pass_ctx_t *ctx, size_t slot) {
    feed_job_t *job = &ctx->slots[slot];
    if (!job->parsed_ok || !job->feed->fulltext || job->n_take == 0) return;
    job->pages = xcalloc(job->n_take, sizeof *job->pages);
    job->page_cut = xcalloc(job->n_take, 1);
    const config_t *cfg = ctx->cfg;
    size_t queued = 0;
    for (size_t i = 0; i < job->n_take; i++) {
        const feed_entry_t *e = &job->parsed.entries[i];
        store_article_in_t in = entry_article(job->feed, &job->parsed, e);
        int exists = 0;
        if (in.text || !e->link || !*e->link) continue;
        if (store_article_exists(ctx->store, job->id, &in, &exists) || exists) continue;
        if (!link_allowed(job->feed, e->link)) {
            log_warn(MODULE, "feed \"%s\": refused article link %s (only http and https)",
                     job->feed->name, e->link);
            continue;
        }
        if (queued >= MAX_PAGES_PER_FEED) break; /* the rest keep the feed's summary */
        page_fetch_t *pf = xcalloc(1, sizeof *pf);
        pf->is_page = 1;
        pf->slot = slot;
        pf->entry = i;
        pf->req = (fetch_req_t){
            .url = e->link,
            .user_agent = job->feed->user_agent ? job->feed->user_agent : cfg->user_agent,
            .ca_file = cfg->fetch_ca_file,
            .allow_file = job->feed->is_local,
            .insecure_tls = job->feed->insecure_tls,
            .max_bytes = EXTRACT_MAX_BYTES,
            .timeout_s = cfg->fetch_timeout_s,
            .connect_timeout_s = cfg->fetch_connect_timeout_s,
            .stall_s = cfg->fetch_stall_s};
        if (ctx->n_pending == ctx->cap_pending) {
            if (ctx->pending_head > 0) { /* reuse the front */
                memmove(ctx->pending, ctx->pending + ctx->pending_head,
                        (ctx->n_pending - ctx->pending_head) * sizeof *ctx->pending);
                ctx->n_pending -= ctx->pending_head;
                ctx->pending_head = 0;
            }
            if (ctx->n_pending == ctx->cap_pending) {
                ctx->cap_pending = ctx->cap_pending ? ctx->cap_pending * 2 : 64;
                ctx->pending = xrealloc(ctx->pending, ctx->cap_pending * sizeof *ctx->pending);
            }
        }
        ctx->pending[ctx->n_pending++] = pf;
        queued++;
    }
    job->pages_left = queued;
}

/* Reads a feed's fetch answer: parsed entries on 200, the error otherwise. */
static void read_answer(feed_job_t *job, int max_items) {
    fetch_resp_t *resp = &job->resp;
    if (resp->error[0]) {
        buf_puts(&job->error, resp->error);
    } else if (resp->status == 304) {
        /* nothing new */
    } else if (resp->status != 200) {
        buf_printf(&job->error, "HTTP status %ld%s", resp->status,
                   resp->status == 410 ? " (gone)" : resp->status == 429 ? " (too many requests)" : "");
    } else {
        buf_t perr = BUF_INIT;
        char *base = url_document_base(resp->effective_url ? resp->effective_url : job->req.url,
                                       resp->content_location);
        if (feed_parse(resp->body.data, resp->body.len, base, resp->content_type, &job->parsed,
                       &perr) != 0)
            buf_printf(&job->error, "not a readable feed: %s", buf_cstr(&perr));
        else
            job->parsed_ok = 1;
        free(base);
        buf_free(&perr);
    }
    buf_free(&resp->body); /* parsed (or useless): the raw body can go */
    if (!job->parsed_ok) return;
    size_t cap = max_items > 0 ? (size_t)max_items : 200;
    job->n_take = job->parsed.n_entries < cap ? job->parsed.n_entries : cap;
    if (job->n_take < job->parsed.n_entries)
        log_warn(MODULE, "feed \"%s\": %zu items; taking the first %zu ([fetch] max_items)",
                 job->feed->name, job->parsed.n_entries, job->n_take);
}

/* A fetched feed's entries stored, but those whose page the time budget
 * stopped (they come again next pass): -1 when the store failed. */
static int store_entries(pass_ctx_t *ctx, feed_job_t *job, size_t *cut) {
    *cut = 0;
    for (size_t i = 0; i < job->n_take; i++) {
        if (job->page_cut && job->page_cut[i]) {
            (*cut)++;
            continue;
        }
        if (store_entry(job->feed, ctx->store, job->id, &job->parsed, &job->parsed.entries[i],
                        job->pages ? &job->pages[i] : NULL, ctx->now, ctx->stories, ctx->st))
            return -1;
    }
    return 0;
}

/* A permanent redirect's new address, when the answer came from one. */
static const char *moved_to(const feed_job_t *job) {
    const fetch_resp_t *resp = &job->resp;
    if (resp->permanent_redirect && resp->effective_url && url_is_web(resp->effective_url) &&
        strcmp(resp->effective_url, job->req.url) != 0) {
        log_info(MODULE, "feed \"%s\" moved permanently to %s; fetching it there from now on",
                 job->feed->name, resp->effective_url);
        return resp->effective_url;
    }
    return NULL;
}

/* The success of a fetch with entries, stored: entries, health,
 * validators, a move. */
static int store_success(pass_ctx_t *ctx, feed_job_t *job, long refresh) {
    store_t *store = ctx->store;
    time_t now = ctx->now;
    fetch_resp_t *resp = &job->resp;
    size_t cut = 0;
    int rc = store_entries(ctx, job, &cut);
    /* Validators are replaced on every 200: one absent now is cleared ("").
     * When the budget stopped pages, the old ones stay, so the next
     * fetch brings those items again, soon. */
    if (rc == 0 && cut)
        log_info(MODULE, "feed \"%s\": %zu pages left for the next pass (time budget)",
                 job->feed->name, cut);
    if (rc == 0)
        rc = store_feed_success(store, job->id, now, job->parsed.title,
                                cut ? NULL : resp->etag ? resp->etag : "",
                                cut ? NULL : resp->last_modified ? resp->last_modified : "",
                                now + (cut ? MIN_REFRESH_S : refresh));
    const char *to = rc == 0 ? moved_to(job) : NULL;
    if (to) rc = store_feed_set_fetch_url(store, job->id, to);
    return rc;
}

/* The outcome of a fetch that stores no items (a 304, a failure: its
 * error, back-off, maybe the old address again), kept for writing. */
static void note_outcome(pass_ctx_t *ctx, feed_job_t *job, long refresh) {
    const config_feed_t *feed = job->feed;
    fetch_resp_t *resp = &job->resp;
    time_t now = ctx->now;
    outcome_t o = {.id = job->id, .next_due = now + refresh};
    if (job->error.len == 0) {
        const char *to = moved_to(job);
        if (to) {
            o.move = 1;
            o.move_to = xstrdup(to);
        }
    } else {
        long wait = worker_backoff_s((int)refresh, job->state.failures + 1, str_seed(feed->url, now));
        long retry_after = resp->retry_after_s;
        if (retry_after > wait)
            wait = retry_after < MAX_RETRY_AFTER_S ? retry_after : MAX_RETRY_AFTER_S;
        log_warn(MODULE, "feed \"%s\" (%s): %s; next try in %ld s", feed->name, job->req.url,
                 job->error.data, wait);
        o.error = xstrdup(job->error.data);
        o.next_due = now + wait;
        /* A moved address that stops working falls back to the configured one. */
        if (job->fetch_url && (resp->status == 404 || resp->status == 410 ||
                               job->state.failures + 1 >= MOVED_URL_MAX_FAILURES)) {
            log_info(MODULE, "feed \"%s\": %s failing; back to the configured %s", feed->name,
                     job->fetch_url, feed->url);
            o.move = 1;
        }
    }
    ctx->outcomes = xrealloc(ctx->outcomes, (ctx->n_outcomes + 1) * sizeof *ctx->outcomes);
    ctx->outcomes[ctx->n_outcomes++] = o;
}

static void outcomes_clear(pass_ctx_t *ctx) {
    for (size_t i = 0; i < ctx->n_outcomes; i++) {
        free(ctx->outcomes[i].error);
        free(ctx->outcomes[i].move_to);
    }
    ctx->n_outcomes = 0;
}

/* Writes the outcomes kept (inside the caller's transaction). */
static int write_outcomes(pass_ctx_t *ctx) {
    for (size_t i = 0; i < ctx->n_outcomes; i++) {
        const outcome_t *o = &ctx->outcomes[i];
        int rc = o->error ? store_feed_failure(ctx->store, o->id, ctx->now, o->error, o->next_due)
                          : store_feed_success(ctx->store, o->id, ctx->now, NULL, NULL, NULL,
                                               o->next_due);
        if (rc == 0 && o->move) rc = store_feed_set_fetch_url(ctx->store, o->id, o->move_to);
        if (rc != 0) return -1;
    }
    return 0;
}

/* The outcomes kept, written as one transaction (the end of a pass). */
static void flush_outcomes(pass_ctx_t *ctx) {
    if (ctx->n_outcomes == 0) return;
    int rc = store_begin(ctx->store);
    if (rc == 0) rc = write_outcomes(ctx);
    if (rc == 0) rc = store_commit(ctx->store);
    else store_rollback(ctx->store);
    if (rc != 0) ctx->store_failed = 1;
    outcomes_clear(ctx);
}

/* Recomputes the stories the stored feeds touched, and starts a new batch. */
static void flush_stories(pass_ctx_t *ctx) {
    if (story_batch_finish(ctx->stories) != 0) ctx->store_failed = 1;
    ctx->stories = story_batch_new(ctx->store, NULL);
    ctx->stored_since_stories = 0;
}

/* Records a feed's outcome as one transaction of its own, as soon as it is
 * complete: its entries, health and next due time. */
static void finish_feed(pass_ctx_t *ctx, feed_job_t *job) {
    const config_feed_t *feed = job->feed;
    store_t *store = ctx->store;
    time_t now = ctx->now;
    worker_stats_t *st = ctx->st;
    fetch_resp_t *resp = &job->resp;
    if (ctx->store_failed && store_damaged(store)) return; /* nothing more can be written */
    long refresh = feed->refresh_s > MIN_REFRESH_S ? feed->refresh_s : MIN_REFRESH_S;
    /* The feed may ask to be read less often (RSS ttl, Cache-Control). */
    long asked = resp->max_age_s;
    if (job->parsed_ok && job->parsed.ttl_minutes * 60L > asked) asked = job->parsed.ttl_minutes * 60L;
    if (asked > refresh) refresh = clamp_long(asked, refresh, MAX_ASKED_REFRESH_S);
    if (!job->parsed_ok || job->error.len) { /* no items: written later */
        note_outcome(ctx, job, refresh);
        if (job->error.len) st->feeds_failed++;
        else st->feeds_ok++;
        return;
    }
    worker_stats_t before = *st;
    int rc = store_begin(store);
    if (rc == 0) rc = write_outcomes(ctx);
    if (rc == 0) rc = store_success(ctx, job, refresh);
    if (rc == 0) rc = store_commit(store);
    else store_rollback(store);
    outcomes_clear(ctx); /* written, or lost with it: those feeds are still due */
    if (rc != 0) {
        /* Nothing of it was stored (a full disk fails at COMMIT), and what
         * the story batch placed of it was undone with it. */
        ctx->store_failed = 1;
        *st = before;
        story_batch_reset(ctx->stories);
        buf_t why = BUF_INIT;
        buf_printf(&why, "not stored: %s", store_fault_brief(store));
        /* The same items come again at the next pass: back soon. */
        store_feed_failure(store, job->id, now, why.data, now + MIN_REFRESH_S);
        buf_free(&why);
        st->feeds_failed++;
        return;
    }
    st->feeds_ok++;
    if (st->articles_new > before.articles_new &&
        ++ctx->stored_since_stories >= ctx->n_slots)
        flush_stories(ctx);
}

/* Queues what the limits allow of the waiting pages, in order, but at most
 * half of page_parallel (at least 1) of one feed's at once: a feed whose
 * pages drip cannot take every place and starve the others. */
static void queue_pages(pass_ctx_t *ctx) {
    size_t limit = (size_t)(ctx->cfg->fetch_page_parallel > 0 ? ctx->cfg->fetch_page_parallel : 4);
    size_t per_feed = limit / 2 > 0 ? limit / 2 : 1;
    for (size_t i = ctx->pending_head; i < ctx->n_pending && ctx->pages_out < limit; i++) {
        page_fetch_t *pf = ctx->pending[i];
        if (!pf || ctx->slots[pf->slot].pages_out >= per_feed) continue;
        ctx->pending[i] = NULL;
        fetch_queue_add(ctx->q, &pf->req, &pf->resp, pf);
        ctx->pages_out++;
        ctx->slots[pf->slot].pages_out++;
    }
    while (ctx->pending_head < ctx->n_pending && !ctx->pending[ctx->pending_head])
        ctx->pending_head++;
    if (ctx->pending_head == ctx->n_pending) ctx->pending_head = ctx->n_pending = 0;
}

static void release(pass_ctx_t *ctx, feed_job_t *job) {
    finish_feed(ctx, job);
    job_free(job);
}

/* Takes the next answer the queue gives (a feed's or a page's) and acts on
 * it; a feed complete with it is stored at once. 0 when nothing is left. */
static int pump(pass_ctx_t *ctx) {
    void *tag;
    if (!fetch_queue_next(ctx->q, &tag)) return 0;
    if (*(int *)tag) { /* a page */
        page_fetch_t *pf = tag;
        feed_job_t *job = &ctx->slots[pf->slot];
        ctx->pages_out--;
        job->pages_out--;
        if (pf->resp.budget_spent) job->page_cut[pf->entry] = 1;
        else page_extract(job->feed, pf->req.url, &pf->resp, &job->pages[pf->entry]);
        fetch_resp_free(&pf->resp);
        free(pf);
        if (--job->pages_left == 0) release(ctx, job);
    } else {
        feed_job_t *job = tag;
        ctx->feeds_out--;
        if (job->resp.budget_spent) { /* not fetched: still due, the next pass takes it */
            ctx->st->feeds_deferred++;
            job_free(job);
        } else {
            read_answer(job, ctx->cfg->fetch_max_items);
            plan_pages(ctx, (size_t)(job - ctx->slots));
            if (job->pages_left == 0) release(ctx, job);
        }
    }
    queue_pages(ctx);
    return 1;
}

/* Queues the fetch of the feed in job. */
static void start_feed(pass_ctx_t *ctx, feed_job_t *job) {
    const config_t *cfg = ctx->cfg;
    const config_feed_t *feed = job->feed;
    if (feed->insecure_tls)
        log_warn(MODULE, "feed \"%s\": TLS certificate checks are OFF (insecure_tls)", feed->name);
    job->req = (fetch_req_t){
        .url = job->fetch_url ? job->fetch_url : feed->url,
        .etag = job->state.etag,
        .last_modified = job->state.last_modified,
        .user_agent = feed->user_agent ? feed->user_agent : cfg->user_agent,
        .ca_file = cfg->fetch_ca_file,
        .allow_file = feed->is_local,
        .insecure_tls = feed->insecure_tls,
        .max_bytes = (size_t)cfg->fetch_max_feed_bytes,
        .timeout_s = cfg->fetch_timeout_s,
        .connect_timeout_s = cfg->fetch_connect_timeout_s,
        .stall_s = cfg->fetch_stall_s};
    fetch_queue_add(ctx->q, &job->req, &job->resp, job);
    ctx->feeds_out++;
}

/* A free slot, once the feeds in flight leave room for one more. */
static feed_job_t *free_slot(pass_ctx_t *ctx) {
    size_t parallel = (size_t)(ctx->cfg->fetch_parallel > 0 ? ctx->cfg->fetch_parallel : 8);
    for (;;) {
        if (ctx->feeds_out < parallel)
            for (size_t i = 0; i < ctx->n_slots; i++)
                if (!ctx->slots[i].in_use) return &ctx->slots[i];
        if (!pump(ctx)) return NULL; /* cannot happen: every slot waits for an answer */
    }
}

/* Articles and stories a killed pass left half done, placed and refreshed
 * at most this many at a time. */
#define REPAIR_LIMIT 1000
/* Each feed's newest articles are never pruned. */
#define KEEP_PER_FEED 10

static int repair_stories(store_t *store, time_t now) {
    story_batch_t *repair = story_batch_new(store, NULL);
    int rc = story_batch_repair(repair, REPAIR_LIMIT, now);
    if (story_batch_finish(repair) != 0) rc = -1;
    return rc;
}

int worker_pass(const config_t *cfg, store_t *store, time_t now, int force, worker_stats_t *st) {
    memset(st, 0, sizeof *st);
    store_fault_clear(store);
    pass_ctx_t ctx = {.cfg = cfg, .store = store, .now = now, .st = st,
                      .deadline_ms = clock_mono_ms() +
                                     1000LL * (cfg->fetch_pass_budget_s > 0 ? cfg->fetch_pass_budget_s
                                                                            : 300)};
    if (repair_stories(store, now) != 0) ctx.store_failed = 1;
    int parallel = cfg->fetch_parallel > 0 ? cfg->fetch_parallel : 8;
    int page_parallel = cfg->fetch_page_parallel > 0 ? cfg->fetch_page_parallel : 4;
    /* Feeds and pages share one queue: feeds at most `parallel` at once,
     * pages `page_parallel`; at most 4 x parallel feeds held at a time. */
    ctx.q = fetch_queue_new(&(fetch_limits_t){.parallel = parallel + page_parallel,
                                              .host_parallel = cfg->fetch_host_parallel,
                                              .deadline_ms = ctx.deadline_ms});
    ctx.n_slots = (size_t)parallel * 4;
    ctx.slots = xcalloc(ctx.n_slots, sizeof *ctx.slots);
    ctx.stories = story_batch_new(store, NULL);
    for (size_t i = 0; i < cfg->n_feeds && !store_damaged(store); i++) {
        const config_feed_t *feed = &cfg->feeds[i];
        feed_job_t *job = free_slot(&ctx);
        if (!job) break;
        job->feed = feed;
        if (store_feed_ensure(store, feed->url, feed->name, &job->id) ||
            store_feed_get(store, job->id, &job->state) ||
            store_feed_get_fetch_url(store, job->id, &job->fetch_url)) {
            job_free(job);
            ctx.store_failed = 1;
            continue;
        }
        if (!force && job->state.next_due > now) {
            st->feeds_not_due++;
            job_free(job);
            continue;
        }
        if (clock_mono_ms() >= ctx.deadline_ms) { /* the budget is spent: next pass */
            st->feeds_deferred++;
            job_free(job);
            continue;
        }
        job->in_use = 1;
        start_feed(&ctx, job);
    }
    while (pump(&ctx)) {
    }
    for (size_t i = 0; i < ctx.n_slots; i++) /* none after the last answer; a store failure */
        if (ctx.slots[i].in_use) job_free(&ctx.slots[i]);
    for (size_t i = ctx.pending_head; i < ctx.n_pending; i++) free(ctx.pending[i]); /* NULL: taken */
    free(ctx.pending);
    free(ctx.slots);
    fetch_queue_free(ctx.q);
    if (!store_damaged(store)) flush_outcomes(&ctx);
    outcomes_clear(&ctx);
    free(ctx.outcomes);
    if (story_batch_finish(ctx.stories) != 0) ctx.store_failed = 1;
    if (!store_damaged(store)) {
        int max_age = cfg->max_age_s > 7 * 86400 ? cfg->max_age_s : 7 * 86400;
        if (store_prune(store, now, max_age, KEEP_PER_FEED) != 0 || repair_stories(store, now) != 0)
            ctx.store_failed = 1;
        /* Lead images: fetch new, prune old, within the pass's budget. */
        imgcache_sync(cfg, store, now, &(imgcache_opts_t){.deadline_ms = ctx.deadline_ms}, NULL);
    }
    /* The soonest a configured feed is due again (what the loop sleeps to). */
    st->next_due = now + MIN_REFRESH_S;
    store_feed_t *feeds;
    size_t n_feeds;
    if (!ctx.store_failed && store_feed_list(store, &feeds, &n_feeds) == 0) {
        for (size_t i = 0; i < n_feeds; i++)
            for (size_t k = 0; k < cfg->n_feeds; k++)
                if (strcmp(feeds[i].url, cfg->feeds[k].url) == 0 && feeds[i].next_due < st->next_due)
                    st->next_due = feeds[i].next_due;
        store_feed_list_free(feeds, n_feeds);
    }
    if (st->feeds_deferred)
        log_warn(MODULE, "pass: the time budget (%d s) is spent; %d feeds left for the next pass",
                 cfg->fetch_pass_budget_s, st->feeds_deferred);
    log_info(MODULE, "pass: %d feeds ok, %d failed, %d not due; %d new articles, %d pages",
             st->feeds_ok, st->feeds_failed, st->feeds_not_due, st->articles_new,
             st->pages_fetched);
    if (ctx.store_failed) {
        log_error(MODULE, "pass: the store failed (%s); what was fetched and not stored comes "
                          "again next pass",
                  store_damaged(store) ? "the file is damaged" : "see the store's message");
        return -1;
    }
    return st->feeds_failed;
}

/* Longest sleep between passes, and after a store failure. */
#define LOOP_MAX_SLEEP_S (15 * 60)
#define STORE_RETRY_S 60

int worker_loop(const config_t *cfg, volatile sig_atomic_t *stop) {
    store_t *store;
    if (store_open(cfg->store_path, &store) != 0) return -1;
    while (!*stop) {
        worker_stats_t st;
        time_t now = time(NULL);
        long sleep_s;
        if (worker_pass(cfg, store, now, 0, &st) < 0) {
            if (store_damaged(store)) {
                /* Moved aside and started anew: the feeds are fetched again. */
                store_close(store);
                if (store_quarantine(cfg->store_path, time(NULL)) != 0 ||
                    store_open(cfg->store_path, &store) != 0)
                    return -1;
                sleep_s = 1;
            } else {
                log_warn(MODULE, "retrying the pass in %d s", STORE_RETRY_S);
                sleep_s = STORE_RETRY_S;
            }
        } else {
            sleep_s = (long)(st.next_due - time(NULL));
        }
        sleep_s = clamp_long(sleep_s, 1, LOOP_MAX_SLEEP_S);
        /* sleep() returns early on a signal, so a stop request is seen at once. */
        for (long i = 0; i < sleep_s && !*stop; i++) sleep(1);
    }
    store_close(store);
    return 0;
}
