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

/* Fetches and extracts the page of a new article; returns its text or NULL. */
static char *fetch_article_text(const config_t *cfg, const config_feed_t *feed, const char *link,
                                char **image, char **lang) {
    int link_is_file = strncasecmp(link, "file:", 5) == 0;
    if (link_is_file && !feed->is_local) {
        log_warn(MODULE, "feed \"%s\": refused article link %s (file: from the network)",
                 feed->name, link);
        return NULL;
    }
    fetch_req_t req = {.url = link,
                       .user_agent = feed->user_agent ? feed->user_agent : cfg->user_agent,
                       .allow_file = link_is_file && feed->is_local,
                       .insecure_tls = feed->insecure_tls,
                       .max_bytes = EXTRACT_MAX_BYTES};
    fetch_resp_t resp;
    if (fetch_one(&req, &resp) != 0 || resp.status != 200) {
        log_warn(MODULE, "article %s: %s", link,
                 resp.error[0] ? resp.error : "the server did not answer 200");
        fetch_resp_free(&resp);
        return NULL;
    }
    extract_result_t ex;
    buf_t err = BUF_INIT;
    char *text = NULL;
    if (extract_page(resp.body.data, resp.body.len, resp.effective_url ? resp.effective_url : link,
                     resp.content_type, &ex, &err) == 0) {
        if (ex.is_article && ex.text && *ex.text) {
            text = xstrdup(ex.text);
            if (ex.image) *image = xstrdup(ex.image);
            if (ex.lang) *lang = xstrdup(ex.lang);
        } else {
            log_info(MODULE, "article %s: no article text found; using the feed's summary", link);
        }
        extract_free(&ex);
    } else {
        log_warn(MODULE, "article %s: %s", link, buf_cstr(&err));
    }
    buf_free(&err);
    fetch_resp_free(&resp);
    return text;
}

static void store_entry(const config_t *cfg, const config_feed_t *feed, store_t *store,
                        int64_t feed_id, const feed_t *parsed, const feed_entry_t *e, time_t now,
                        worker_stats_t *st) {
    const char *lang = feed->lang ? feed->lang : parsed->lang;
    store_article_in_t in = {.guid = e->id, .url = e->link, .title = e->title,
                             .summary = e->summary, .image = e->image, .author = e->author,
                             .lang = lang, .published = e->published ? e->published : e->updated};
    if (e->content && strlen(e->content) >= MIN_FEED_TEXT_CHARS) in.text = e->content;
    int64_t id;
    int is_new;
    if (store_article_add(store, feed_id, &in, now, &id, &is_new) != 0 || !is_new) return;
    st->articles_new++;
    const char *text = in.text;
    char *page_text = NULL, *image = NULL, *page_lang = NULL;
    if (!text && feed->fulltext && e->link) {
        page_text = fetch_article_text(cfg, feed, e->link, &image, &page_lang);
        if (page_text) {
            st->pages_fetched++;
            store_article_set_text(store, id, page_text, image, page_lang);
            text = page_text;
        }
    }
    if (!text) text = e->content ? e->content : e->summary;
    if (text) summarize_into_store(store, id, text, e->title, lang ? lang : page_lang);
    story_add_article(store, id, now, NULL);
    free(page_text);
    free(image);
    free(page_lang);
}

/* One feed: fetch, parse, store. Returns 0 ok, 1 feed failed, -1 store failed. */
static int pass_feed(const config_t *cfg, const config_feed_t *feed, store_t *store, time_t now,
                     int force, worker_stats_t *st) {
    int64_t id;
    store_feed_t state;
    if (store_feed_ensure(store, feed->url, feed->name, &id) || store_feed_get(store, id, &state))
        return -1;
    if (!force && state.next_due > now) {
        st->feeds_not_due++;
        store_feed_free(&state);
        return 0;
    }
    fetch_req_t req = {.url = feed->url, .etag = state.etag, .last_modified = state.last_modified,
                       .user_agent = feed->user_agent ? feed->user_agent : cfg->user_agent,
                       .allow_file = feed->is_local, .insecure_tls = feed->insecure_tls};
    fetch_resp_t resp;
    buf_t error = BUF_INIT;
    long retry_after = 0;
    if (fetch_one(&req, &resp) != 0) {
        buf_puts(&error, resp.error);
    } else if (resp.status == 304) {
        store_feed_success(store, id, now, NULL, NULL, NULL, now + feed->refresh_s);
    } else if (resp.status != 200) {
        buf_printf(&error, "HTTP status %ld", resp.status);
        retry_after = resp.retry_after_s;
    } else {
        feed_t parsed;
        buf_t perr = BUF_INIT;
        if (feed_parse(resp.body.data, resp.body.len,
                       resp.effective_url ? resp.effective_url : feed->url, resp.content_type,
                       &parsed, &perr) != 0) {
            buf_printf(&error, "not a readable feed: %s", buf_cstr(&perr));
        } else {
            for (size_t i = 0; i < parsed.n_entries; i++)
                store_entry(cfg, feed, store, id, &parsed, &parsed.entries[i], now, st);
            long refresh = feed->refresh_s;
            if (parsed.ttl_minutes * 60L > refresh) refresh = parsed.ttl_minutes * 60L;
            store_feed_success(store, id, now, parsed.title, resp.etag, resp.last_modified,
                               now + refresh);
            if (resp.permanent_redirect && resp.effective_url)
                log_info(MODULE, "feed \"%s\" moved permanently to %s", feed->name,
                         resp.effective_url);
            feed_free(&parsed);
        }
        buf_free(&perr);
    }
    int failed = error.len > 0;
    if (failed) {
        long wait = worker_backoff_s(feed->refresh_s, state.failures + 1, str_seed(feed->url, now));
        if (retry_after > wait) wait = retry_after < 86400 ? retry_after : 86400;
        log_warn(MODULE, "feed \"%s\" (%s): %s; next try in %ld s", feed->name, feed->url,
                 error.data, wait);
        store_feed_failure(store, id, now, error.data, now + wait);
        st->feeds_failed++;
    } else {
        st->feeds_ok++;
    }
    buf_free(&error);
    fetch_resp_free(&resp);
    store_feed_free(&state);
    return failed;
}

int worker_pass(const config_t *cfg, store_t *store, time_t now, int force, worker_stats_t *st) {
    memset(st, 0, sizeof *st);
    for (size_t i = 0; i < cfg->n_feeds; i++)
        if (pass_feed(cfg, &cfg->feeds[i], store, now, force, st) < 0) return -1;
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
