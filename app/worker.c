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

/* One due feed of a batch, from its fetch to its entries. */
typedef struct {
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
    size_t pages_left;          /* queued pages not extracted yet */
    int finished;               /* its outcome is stored */
    buf_t error;
} feed_job_t;

/* What finishing a feed needs besides the feed itself. */
typedef struct {
    const config_t *cfg;
    store_t *store;
    time_t now;
    int64_t deadline_ms;        /* the pass's time budget, monotonic */
    story_batch_t *stories;
    worker_stats_t *st;
    int store_failed;
} pass_ctx_t;

/* An article page to fetch: entry `entry` of job `job`. */
typedef struct {
    size_t job, entry;
} page_ref_t;

static long clamp_long(long v, long lo, long hi) { return v < lo ? lo : v > hi ? hi : v; }

static void finish_feed(pass_ctx_t *ctx, feed_job_t *job);

/* Stores every feed of the batch whose pages are all in (or that has
 * none), as one transaction: one write for them all (each feed is still
 * undone alone when its part fails). */
static void finish_ready(pass_ctx_t *ctx, feed_job_t *jobs, size_t n_jobs) {
    size_t ready = 0;
    for (size_t j = 0; j < n_jobs; j++) ready += !jobs[j].finished && jobs[j].pages_left == 0;
    if (ready == 0) return;
    worker_stats_t before = *ctx->st;
    unsigned char *in_group = xcalloc(n_jobs, 1);
    int in_tx = store_begin(ctx->store) == 0;
    for (size_t j = 0; j < n_jobs; j++)
        if (!jobs[j].finished && jobs[j].pages_left == 0) {
            in_group[j] = 1;
            finish_feed(ctx, &jobs[j]);
        }
    if (!in_tx || store_commit(ctx->store) != 0) {
        /* Nothing of the group was stored (a full disk fails at COMMIT):
         * count them failed, and say so in their health if that fits. */
        ctx->store_failed = 1;
        story_batch_reset(ctx->stories);
        *ctx->st = before;
        buf_t why = BUF_INIT;
        buf_printf(&why, "not stored: %s", store_fault_brief(ctx->store));
        for (size_t j = 0; j < n_jobs; j++)
            if (in_group[j]) {
                ctx->st->feeds_failed++;
                store_feed_failure(ctx->store, jobs[j].id, ctx->now, why.data,
                                   ctx->now + MIN_REFRESH_S);
            }
        buf_free(&why);
    }
    free(in_group);
}

/* Fetches the pages of the batch's new full-text items, page_parallel at a
 * time (host_parallel to one host), and extracts each as it comes, so at
 * most one chunk of raw pages is in memory; each feed is stored as soon as
 * its last page is in. */
static void fetch_pages(pass_ctx_t *ctx, feed_job_t *jobs, size_t n_jobs) {
    const config_t *cfg = ctx->cfg;
    page_ref_t *refs = NULL;
    size_t n_refs = 0;
    for (size_t j = 0; j < n_jobs; j++) {
        feed_job_t *job = &jobs[j];
        if (!job->parsed_ok || !job->feed->fulltext || job->n_take == 0) continue;
        job->pages = xcalloc(job->n_take, sizeof *job->pages);
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
            refs = xrealloc(refs, (n_refs + 1) * sizeof *refs);
            refs[n_refs++] = (page_ref_t){j, i};
            queued++;
        }
        job->pages_left = queued;
    }
    finish_ready(ctx, jobs, n_jobs);
    size_t chunk = (size_t)(cfg->fetch_page_parallel > 0 ? cfg->fetch_page_parallel : 4) * 2;
    fetch_limits_t lim = {.parallel = cfg->fetch_page_parallel,
                          .host_parallel = cfg->fetch_host_parallel,
                          .deadline_ms = ctx->deadline_ms};
    fetch_req_t *reqs = xcalloc(chunk, sizeof *reqs);
    fetch_resp_t *resps = xcalloc(chunk, sizeof *resps);
    for (size_t at = 0; at < n_refs; at += chunk) {
        size_t n = n_refs - at < chunk ? n_refs - at : chunk;
        for (size_t k = 0; k < n; k++) {
            feed_job_t *job = &jobs[refs[at + k].job];
            const char *link = job->parsed.entries[refs[at + k].entry].link;
            reqs[k] = (fetch_req_t){
                .url = link,
                .user_agent = job->feed->user_agent ? job->feed->user_agent : cfg->user_agent,
                .ca_file = cfg->fetch_ca_file,
                .allow_file = job->feed->is_local,
                .insecure_tls = job->feed->insecure_tls,
                .max_bytes = EXTRACT_MAX_BYTES,
                .timeout_s = cfg->fetch_timeout_s,
                .connect_timeout_s = cfg->fetch_connect_timeout_s,
                .stall_s = cfg->fetch_stall_s};
        }
        fetch_many(reqs, resps, n, &lim);
        for (size_t k = 0; k < n; k++) {
            feed_job_t *job = &jobs[refs[at + k].job];
            page_extract(job->feed, reqs[k].url, &resps[k], &job->pages[refs[at + k].entry]);
            fetch_resp_free(&resps[k]);
            job->pages_left--;
        }
        finish_ready(ctx, jobs, n_jobs);
    }
    free(reqs);
    free(resps);
    free(refs);
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

/* A fetched feed's entries stored: -1 when the store failed (then nothing
 * of the feed's success is recorded, so its validators stay and the next
 * fetch brings the same items again). */
static int store_entries(pass_ctx_t *ctx, feed_job_t *job) {
    for (size_t i = 0; i < job->n_take; i++)
        if (store_entry(job->feed, ctx->store, job->id, &job->parsed, &job->parsed.entries[i],
                        job->pages ? &job->pages[i] : NULL, ctx->now, ctx->stories, ctx->st))
            return -1;
    return 0;
}

/* Records a feed's outcome: entries stored, health and next due time. */
static void finish_feed(pass_ctx_t *ctx, feed_job_t *job) {
    const config_feed_t *feed = job->feed;
    store_t *store = ctx->store;
    time_t now = ctx->now;
    worker_stats_t *st = ctx->st;
    fetch_resp_t *resp = &job->resp;
    job->finished = 1;
    if (ctx->store_failed && store_damaged(store)) return; /* nothing more can be written */
    long refresh = feed->refresh_s > MIN_REFRESH_S ? feed->refresh_s : MIN_REFRESH_S;
    /* The feed may ask to be read less often (RSS ttl, Cache-Control). */
    long asked = resp->max_age_s;
    if (job->parsed_ok && job->parsed.ttl_minutes * 60L > asked) asked = job->parsed.ttl_minutes * 60L;
    if (asked > refresh) refresh = clamp_long(asked, refresh, MAX_ASKED_REFRESH_S);
    if (job->error.len == 0) {
        int rc;
        if (job->parsed_ok) {
            int entries_rc = store_begin(store);
            if (entries_rc == 0) entries_rc = store_entries(ctx, job);
            if (entries_rc == 0) entries_rc = store_commit(store);
            else store_rollback(store);
            if (entries_rc != 0) {
                /* What the batch placed of this feed was undone with it. */
                story_batch_reset(ctx->stories);
                buf_t why = BUF_INIT;
                buf_printf(&why, "not stored: %s", store_fault_brief(store));
                /* The same items come again at the next pass: back soon. */
                store_feed_failure(store, job->id, now, why.data, now + MIN_REFRESH_S);
                buf_free(&why);
                ctx->store_failed = 1;
                st->feeds_failed++;
                return;
            }
            /* Validators are replaced on every 200: one absent now is cleared (""). */
            rc = store_feed_success(store, job->id, now, job->parsed.title,
                                    resp->etag ? resp->etag : "",
                                    resp->last_modified ? resp->last_modified : "", now + refresh);
        } else {
            rc = store_feed_success(store, job->id, now, NULL, NULL, NULL, now + refresh);
        }
        if (rc == 0 && resp->permanent_redirect && resp->effective_url &&
            url_is_web(resp->effective_url) && strcmp(resp->effective_url, job->req.url) != 0) {
            log_info(MODULE, "feed \"%s\" moved permanently to %s; fetching it there from now on",
                     feed->name, resp->effective_url);
            rc = store_feed_set_fetch_url(store, job->id, resp->effective_url);
        }
        if (rc != 0) ctx->store_failed = 1;
        st->feeds_ok++;
        return;
    }
    long wait = worker_backoff_s((int)refresh, job->state.failures + 1, str_seed(feed->url, now));
    long retry_after = resp->retry_after_s;
    if (retry_after > wait) wait = retry_after < MAX_RETRY_AFTER_S ? retry_after : MAX_RETRY_AFTER_S;
    log_warn(MODULE, "feed \"%s\" (%s): %s; next try in %ld s", feed->name, job->req.url,
             job->error.data, wait);
    int rc = store_feed_failure(store, job->id, now, job->error.data, now + wait);
    /* A moved address that stops working falls back to the configured one. */
    if (rc == 0 && job->fetch_url && (resp->status == 404 || resp->status == 410 ||
                                      job->state.failures + 1 >= MOVED_URL_MAX_FAILURES)) {
        log_info(MODULE, "feed \"%s\": %s failing; back to the configured %s", feed->name,
                 job->fetch_url, feed->url);
        rc = store_feed_set_fetch_url(store, job->id, NULL);
    }
    if (rc != 0) ctx->store_failed = 1;
    st->feeds_failed++;
}

static void job_free(feed_job_t *job) {
    if (job->pages)
        for (size_t i = 0; i < job->n_take; i++) page_text_free(&job->pages[i]);
    free(job->pages);
    if (job->parsed_ok) feed_free(&job->parsed);
    fetch_resp_free(&job->resp);
    store_feed_free(&job->state);
    free(job->fetch_url);
    buf_free(&job->error);
}

/* Fetches a batch of due feeds in parallel, then their new pages, storing
 * each feed as soon as it is complete; the stories touched are recomputed
 * at the end. A feed the time budget stopped is left due for the next pass.
 * Returns -1 when the store failed. */
static int pass_batch(pass_ctx_t *ctx, feed_job_t *jobs, size_t n) {
    const config_t *cfg = ctx->cfg;
    fetch_req_t *reqs = xcalloc(n ? n : 1, sizeof *reqs);
    fetch_resp_t *resps = xcalloc(n ? n : 1, sizeof *resps);
    for (size_t i = 0; i < n; i++) {
        const config_feed_t *feed = jobs[i].feed;
        if (feed->insecure_tls)
            log_warn(MODULE, "feed \"%s\": TLS certificate checks are OFF (insecure_tls)",
                     feed->name);
        jobs[i].req = (fetch_req_t){
            .url = jobs[i].fetch_url ? jobs[i].fetch_url : feed->url,
            .etag = jobs[i].state.etag,
            .last_modified = jobs[i].state.last_modified,
            .user_agent = feed->user_agent ? feed->user_agent : cfg->user_agent,
            .ca_file = cfg->fetch_ca_file,
            .allow_file = feed->is_local,
            .insecure_tls = feed->insecure_tls,
            .max_bytes = (size_t)cfg->fetch_max_feed_bytes,
            .timeout_s = cfg->fetch_timeout_s,
            .connect_timeout_s = cfg->fetch_connect_timeout_s,
            .stall_s = cfg->fetch_stall_s};
        reqs[i] = jobs[i].req;
    }
    fetch_limits_t lim = {.parallel = cfg->fetch_parallel, .host_parallel = cfg->fetch_host_parallel,
                          .deadline_ms = ctx->deadline_ms};
    fetch_many(reqs, resps, n, &lim);
    for (size_t i = 0; i < n; i++) {
        jobs[i].resp = resps[i];
        if (jobs[i].resp.budget_spent) {
            jobs[i].finished = 1; /* not fetched: still due, the next pass takes it */
            ctx->st->feeds_deferred++;
            continue;
        }
        read_answer(&jobs[i], cfg->fetch_max_items);
    }
    free(reqs);
    free(resps);
    ctx->stories = story_batch_new(ctx->store, NULL);
    fetch_pages(ctx, jobs, n);
    finish_ready(ctx, jobs, n);
    if (story_batch_finish(ctx->stories) != 0) ctx->store_failed = 1;
    ctx->stories = NULL;
    return ctx->store_failed ? -1 : 0;
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
    size_t batch = (size_t)(cfg->fetch_parallel > 0 ? cfg->fetch_parallel : 8) * 4;
    feed_job_t *jobs = xcalloc(batch, sizeof *jobs);
    size_t n = 0;
    for (size_t i = 0; i < cfg->n_feeds && !store_damaged(store); i++) {
        const config_feed_t *feed = &cfg->feeds[i];
        feed_job_t *job = &jobs[n];
        memset(job, 0, sizeof *job);
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
        if (++n == batch) {
            pass_batch(&ctx, jobs, n);
            for (size_t k = 0; k < n; k++) job_free(&jobs[k]);
            n = 0;
        }
    }
    if (n > 0) {
        pass_batch(&ctx, jobs, n);
        for (size_t k = 0; k < n; k++) job_free(&jobs[k]);
    }
    free(jobs);
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
