/* worker.c - see worker.h. */
#include "worker.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "buf.h"
#include "extract.h"
#include "feed.h"
#include "fetch.h"
#include "log.h"
#include "story.h"
#include "summarize.h"

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

static void summarize_into_store(store_t *store, int64_t id, const char *text, const char *title,
                                 const char *lang) {
    summarize_opts_t opts;
    summarize_opts_default(&opts);
    opts.lang = lang;
    char **points = NULL;
    size_t n = 0;
    if (summarize_points(text, title, &opts, &points, &n) == 0 && n > 0)
        store_article_set_points(store, id, points, n);
    else
        log_debug(MODULE, "no points for \"%s\"", title ? title : "(untitled)");
    summarize_points_free(points, n);
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
    if (fetch_url_is_web(url)) return 1;
    return feed->is_local && strncasecmp(url, "file:", 5) == 0;
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
    if (extract_page(resp->body.data, resp->body.len,
                     resp->effective_url ? resp->effective_url : link, resp->content_type, &ex,
                     &err) == 0) {
        if (ex.is_article && ex.text && *ex.text) {
            out->text = xstrdup(ex.text);
            if (ex.image && link_allowed(feed, ex.image)) out->image = xstrdup(ex.image);
            else if (ex.image) log_warn(MODULE, "article %s: refused image URL %s", link, ex.image);
            if (ex.lang) out->lang = xstrdup(ex.lang);
            if (ex.url && fetch_url_is_web(ex.url)) out->url = xstrdup(ex.url);
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

static void store_entry(const config_feed_t *feed, store_t *store, int64_t feed_id,
                        const feed_t *parsed, const feed_entry_t *e, const page_text_t *page,
                        time_t now, worker_stats_t *st) {
    const char *lang = feed->lang ? feed->lang : parsed->lang;
    store_article_in_t in = entry_article(feed, parsed, e);
    /* A local page's canonical web address is the link to show (the QR code). */
    if (page && page->url && !(in.url && fetch_url_is_web(in.url))) in.url = page->url;
    int64_t id;
    int is_new;
    if (store_article_add(store, feed_id, &in, now, &id, &is_new) != 0 || !is_new) return;
    st->articles_new++;
    const char *text = in.text;
    const char *page_lang = NULL;
    if (!text && page && page->text) {
        st->pages_fetched++;
        store_article_set_text(store, id, page->text, page->image, page->lang);
        text = page->text;
        page_lang = page->lang;
    }
    if (!text) text = e->content ? e->content : e->summary;
    if (text) summarize_into_store(store, id, text, e->title, lang ? lang : page_lang);
    story_add_article(store, id, now, NULL);
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
    page_text_t *pages;         /* one per entry, for full-text feeds */
    buf_t error;
} feed_job_t;

/* An article page to fetch: entry `entry` of job `job`. */
typedef struct {
    size_t job, entry;
} page_ref_t;

static long clamp_long(long v, long lo, long hi) { return v < lo ? lo : v > hi ? hi : v; }

/* Fetches the pages of the batch's new full-text items, page_parallel at a
 * time (host_parallel to one host), and extracts each as it comes, so at
 * most one chunk of raw pages is in memory. */
static void fetch_pages(const config_t *cfg, feed_job_t *jobs, size_t n_jobs, store_t *store) {
    page_ref_t *refs = NULL;
    size_t n_refs = 0;
    for (size_t j = 0; j < n_jobs; j++) {
        feed_job_t *job = &jobs[j];
        if (!job->parsed_ok || !job->feed->fulltext || job->parsed.n_entries == 0) continue;
        job->pages = xcalloc(job->parsed.n_entries, sizeof *job->pages);
        size_t queued = 0;
        for (size_t i = 0; i < job->parsed.n_entries; i++) {
            const feed_entry_t *e = &job->parsed.entries[i];
            store_article_in_t in = entry_article(job->feed, &job->parsed, e);
            int exists = 0;
            if (in.text || !e->link || !*e->link) continue;
            if (store_article_exists(store, job->id, &in, &exists) || exists) continue;
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
    }
    size_t chunk = (size_t)(cfg->fetch_page_parallel > 0 ? cfg->fetch_page_parallel : 4) * 2;
    fetch_limits_t lim = {.parallel = cfg->fetch_page_parallel,
                          .host_parallel = cfg->fetch_host_parallel};
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
        }
    }
    free(reqs);
    free(resps);
    free(refs);
}

/* Reads a feed's fetch answer: parsed entries on 200, the error otherwise. */
static void read_answer(feed_job_t *job) {
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
        if (feed_parse(resp->body.data, resp->body.len,
                       resp->effective_url ? resp->effective_url : job->req.url,
                       resp->content_type, &job->parsed, &perr) != 0)
            buf_printf(&job->error, "not a readable feed: %s", buf_cstr(&perr));
        else
            job->parsed_ok = 1;
        buf_free(&perr);
    }
    buf_free(&resp->body); /* parsed (or useless): the raw body can go */
}

/* Records a feed's outcome: entries stored, health and next due time. */
static void finish_feed(const config_feed_t *feed, store_t *store, feed_job_t *job, time_t now,
                        worker_stats_t *st) {
    fetch_resp_t *resp = &job->resp;
    long refresh = feed->refresh_s > MIN_REFRESH_S ? feed->refresh_s : MIN_REFRESH_S;
    /* The feed may ask to be read less often (RSS ttl, Cache-Control). */
    long asked = resp->max_age_s;
    if (job->parsed_ok && job->parsed.ttl_minutes * 60L > asked) asked = job->parsed.ttl_minutes * 60L;
    if (asked > refresh) refresh = clamp_long(asked, refresh, MAX_ASKED_REFRESH_S);
    if (job->error.len == 0) {
        if (job->parsed_ok) {
            for (size_t i = 0; i < job->parsed.n_entries; i++)
                store_entry(feed, store, job->id, &job->parsed, &job->parsed.entries[i],
                            job->pages ? &job->pages[i] : NULL, now, st);
            /* Validators are replaced on every 200: one absent now is cleared (""). */
            store_feed_success(store, job->id, now, job->parsed.title,
                               resp->etag ? resp->etag : "",
                               resp->last_modified ? resp->last_modified : "", now + refresh);
        } else {
            store_feed_success(store, job->id, now, NULL, NULL, NULL, now + refresh);
        }
        if (resp->permanent_redirect && resp->effective_url && fetch_url_is_web(resp->effective_url) &&
            strcmp(resp->effective_url, job->req.url) != 0) {
            log_info(MODULE, "feed \"%s\" moved permanently to %s; fetching it there from now on",
                     feed->name, resp->effective_url);
            store_feed_set_fetch_url(store, job->id, resp->effective_url);
        }
        st->feeds_ok++;
        return;
    }
    long wait = worker_backoff_s((int)refresh, job->state.failures + 1, str_seed(feed->url, now));
    long retry_after = resp->retry_after_s;
    if (retry_after > wait) wait = retry_after < MAX_RETRY_AFTER_S ? retry_after : MAX_RETRY_AFTER_S;
    log_warn(MODULE, "feed \"%s\" (%s): %s; next try in %ld s", feed->name, job->req.url,
             job->error.data, wait);
    store_feed_failure(store, job->id, now, job->error.data, now + wait);
    /* A moved address that stops working falls back to the configured one. */
    if (job->fetch_url && (resp->status == 404 || resp->status == 410 ||
                           job->state.failures + 1 >= MOVED_URL_MAX_FAILURES)) {
        log_info(MODULE, "feed \"%s\": %s failing; back to the configured %s", feed->name,
                 job->fetch_url, feed->url);
        store_feed_set_fetch_url(store, job->id, NULL);
    }
    st->feeds_failed++;
}

static void job_free(feed_job_t *job) {
    if (job->pages)
        for (size_t i = 0; i < job->parsed.n_entries; i++) page_text_free(&job->pages[i]);
    free(job->pages);
    if (job->parsed_ok) feed_free(&job->parsed);
    fetch_resp_free(&job->resp);
    store_feed_free(&job->state);
    free(job->fetch_url);
    buf_free(&job->error);
}

/* Fetches a batch of due feeds in parallel, then their new pages, then
 * stores everything. Returns -1 when the store failed. */
static int pass_batch(const config_t *cfg, store_t *store, feed_job_t *jobs, size_t n, time_t now,
                      worker_stats_t *st) {
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
    fetch_limits_t lim = {.parallel = cfg->fetch_parallel, .host_parallel = cfg->fetch_host_parallel};
    fetch_many(reqs, resps, n, &lim);
    for (size_t i = 0; i < n; i++) {
        jobs[i].resp = resps[i];
        read_answer(&jobs[i]);
    }
    free(reqs);
    free(resps);
    fetch_pages(cfg, jobs, n, store);
    for (size_t i = 0; i < n; i++) finish_feed(jobs[i].feed, store, &jobs[i], now, st);
    return 0;
}

int worker_pass(const config_t *cfg, store_t *store, time_t now, int force, worker_stats_t *st) {
    memset(st, 0, sizeof *st);
    size_t batch = (size_t)(cfg->fetch_parallel > 0 ? cfg->fetch_parallel : 8) * 4;
    feed_job_t *jobs = xcalloc(batch, sizeof *jobs);
    size_t n = 0;
    int rc = 0;
    for (size_t i = 0; i < cfg->n_feeds && rc == 0; i++) {
        const config_feed_t *feed = &cfg->feeds[i];
        feed_job_t *job = &jobs[n];
        memset(job, 0, sizeof *job);
        job->feed = feed;
        if (store_feed_ensure(store, feed->url, feed->name, &job->id) ||
            store_feed_get(store, job->id, &job->state) ||
            store_feed_get_fetch_url(store, job->id, &job->fetch_url)) {
            job_free(job);
            rc = -1;
            break;
        }
        if (!force && job->state.next_due > now) {
            st->feeds_not_due++;
            job_free(job);
            continue;
        }
        if (++n == batch || i + 1 == cfg->n_feeds) {
            rc = pass_batch(cfg, store, jobs, n, now, st);
            for (size_t k = 0; k < n; k++) job_free(&jobs[k]);
            n = 0;
        }
    }
    if (n > 0) {
        if (rc == 0) rc = pass_batch(cfg, store, jobs, n, now, st);
        for (size_t k = 0; k < n; k++) job_free(&jobs[k]);
    }
    free(jobs);
    if (rc < 0) return -1;
    int max_age = cfg->max_age_s > 7 * 86400 ? cfg->max_age_s : 7 * 86400;
    store_prune(store, now, max_age);
    log_info(MODULE, "pass: %d feeds ok, %d failed, %d not due; %d new articles, %d pages",
             st->feeds_ok, st->feeds_failed, st->feeds_not_due, st->articles_new,
             st->pages_fetched);
    return st->feeds_failed;
}

int worker_loop(const config_t *cfg, volatile sig_atomic_t *stop) {
    store_t *store;
    if (store_open(cfg->store_path, &store) != 0) return -1;
    while (!*stop) {
        worker_stats_t st;
        if (worker_pass(cfg, store, time(NULL), 0, &st) < 0) {
            store_close(store);
            return -1;
        }
        /* Wake every 30 s to see which feeds are due; sleep() returns early
         * on a signal, so a stop request is seen at once. */
        for (int i = 0; i < 30 && !*stop; i++) sleep(1);
    }
    store_close(store);
    return 0;
}
