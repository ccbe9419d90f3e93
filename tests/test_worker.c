/* test_worker.c - the fetch worker end to end against a local HTTP(S) server
 * (tests/httpd.py): what the store holds after each kind of answer, that
 * nothing stored before is lost, back-off, Retry-After, moved feeds,
 * refused links, full-text pages, and `bulletin status`. */
#include "testutil.h"

#include <cjson/cJSON.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include "clock.h"
#include "config.h"
#include "faultvfs.h"
#include "fetch.h"
#include "store.h"
#include "fixture.h"
#include "worker.h"

#define T0 ((time_t)1760000000)

typedef test_fixture_t fixture_t;

/* Writes the config: short timeouts, a 64 KiB feed cap, then `feeds`
 * (INI text where "@" stands for the server's base URL). */
static void write_config(fixture_t *f, const char *extra_fetch, const char *feeds) {
    buf_t head = BUF_INIT;
    buf_printf(&head,
               "[store]\npath = %s\n[fetch]\ninterval = 60s\ntimeout = 3s\nconnect_timeout = 2s\n"
               "stall_timeout = 1s\nmax_feed_size = 64k\nparallel = 8\nhost_parallel = 8\n"
               "page_parallel = 4\n%s\n",
               f->db, extra_fetch ? extra_fetch : "");
    test_fixture_config(f, head.data, feeds);
    buf_free(&head);
}

static int pass(fixture_t *f, time_t now, worker_stats_t *st) {
    config_t cfg;
    assert_int_equal(config_load(f->conf, &cfg), 0);
    assert_int_equal(cfg.n_errors, 0);
    store_t *store;
    assert_int_equal(store_open(cfg.store_path, &store), 0);
    int rc = worker_pass(&cfg, store, now, 0, st);
    store_close(store);
    config_free(&cfg);
    return rc;
}

/* The stored state of the feed named `name`. */
static void feed_state(fixture_t *f, const char *name, store_feed_t *out) {
    store_t *store;
    assert_int_equal(store_open(f->db, &store), 0);
    store_feed_t *list;
    size_t n;
    assert_int_equal(store_feed_list(store, &list, &n), 0);
    int found = 0;
    for (size_t i = 0; i < n; i++) {
        if (list[i].name && strcmp(list[i].name, name) == 0) {
            *out = list[i];
            memset(&list[i], 0, sizeof list[i]);
            found = 1;
        }
    }
    store_feed_list_free(list, n);
    store_close(store);
    if (!found) fail_msg("feed %s not in the store", name);
}

/* One integer from a query on the store, `?1` bound to the feed's name. */
static long long query_int(fixture_t *f, const char *sql, const char *name) {
    sqlite3 *db;
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    if (name) sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
    long long v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

static long long articles_of(fixture_t *f, const char *name) {
    return query_int(f, "SELECT count(*) FROM articles a JOIN feeds f ON f.id = a.feed_id "
                        "WHERE f.name = ?1", name);
}

static long long texts_of(fixture_t *f, const char *name) {
    return query_int(f, "SELECT count(*) FROM articles a JOIN feeds f ON f.id = a.feed_id "
                        "WHERE f.name = ?1 AND length(a.text) > 200", name);
}

static char *fetch_url_of(fixture_t *f, const char *name) {
    sqlite3 *db;
    sqlite3_stmt *st;
    char *out = NULL;
    assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT fetch_url FROM feeds WHERE name = ?1", -1,
                                        &st, NULL), SQLITE_OK);
    sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        out = xstrdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(db);
    return out;
}

/* 200 with full text, then 304 keeps everything, then a new edition
 * replaces the validators. */
static void test_ok_304_new_edition(void **state) {
    fixture_t *f = *state;
    write_config(f, NULL, "[feed \"A\"]\nurl = @/f/a\nrefresh = 60s\nfulltext = yes\n");
    worker_stats_t st;
    assert_int_equal(pass(f, T0, &st), 0);
    assert_int_equal(st.feeds_ok, 1);
    assert_int_equal(st.articles_new, 5);
    assert_int_equal(st.pages_fetched, 5);
    assert_int_equal(articles_of(f, "A"), 5);
    assert_int_equal(texts_of(f, "A"), 5); /* each page fetched and extracted */
    for (int i = 0; i < 5; i++) {
        char p[32];
        snprintf(p, sizeof p, "/page/%d", i);
        assert_int_equal(testhttpd_hits(&f->http, p, NULL), 1);
    }
    store_feed_t s;
    feed_state(f, "A", &s);
    assert_string_equal(s.etag, "\"e1\"");
    assert_string_equal(s.last_modified, "Mon, 10 Feb 2025 08:00:00 GMT");
    assert_int_equal(s.last_success, T0);
    assert_int_equal(s.failures, 0);
    assert_null(s.last_error);
    assert_int_equal(s.next_due, T0 + 300); /* <ttl>5</ttl> raises the 60 s refresh */
    store_feed_free(&s);

    /* Not due yet: not fetched. */
    assert_int_equal(pass(f, T0 + 100, &st), 0);
    assert_int_equal(st.feeds_not_due, 1);
    assert_int_equal(testhttpd_hits(&f->http, "/f/a", NULL), 1);

    /* Due: a conditional GET, answered 304. */
    assert_int_equal(pass(f, T0 + 400, &st), 0);
    assert_int_equal(testhttpd_hits(&f->http, "/f/a", NULL), 2);
    assert_int_equal(st.articles_new, 0);
    feed_state(f, "A", &s);
    assert_string_equal(s.etag, "\"e1\"");
    assert_string_equal(s.last_modified, "Mon, 10 Feb 2025 08:00:00 GMT");
    assert_int_equal(s.last_success, T0 + 400);
    assert_int_equal(s.next_due, T0 + 400 + 60); /* 304: no ttl known; max-age absent */
    store_feed_free(&s);
    assert_int_equal(articles_of(f, "A"), 5);

    /* A new edition: new ETag, no Last-Modified (the old one is cleared). */
    testhttpd_mode(&f->http, "a", "ok2", NULL);
    assert_int_equal(pass(f, T0 + 500, &st), 0);
    assert_int_equal(st.articles_new, 5);
    assert_int_equal(articles_of(f, "A"), 10);
    feed_state(f, "A", &s);
    assert_string_equal(s.etag, "\"e2\"");
    assert_null(s.last_modified);
    store_feed_free(&s);
}

typedef struct {
    const char *mode;
    const char *why;    /* in last_error */
} failure_case_t;

static const failure_case_t failure_cases[] = {
    {"404", "HTTP status 404"},        {"410", "HTTP status 410 (gone)"},
    {"500", "HTTP status 500"},        {"429", "HTTP status 429"},
    {"drip", "timed out"},             {"stall", "timed out"},
    {"big", "larger than 65536"},      {"badgzip", "bad compressed body"},
    {"bomb", "larger than 65536"},     {"loop", "more than 5 redirects"},
    {"tofile", "refused redirect"},
};
#define N_FAILURE_CASES (sizeof failure_cases / sizeof failure_cases[0])

/* Every kind of failure, all feeds at once: each is recorded with its
 * reason and a back-off, and what was stored before stays. */
static void test_failures_keep_data(void **state) {
    fixture_t *f = *state;
    buf_t feeds = BUF_INIT;
    for (size_t i = 0; i < N_FAILURE_CASES; i++)
        buf_printf(&feeds, "[feed \"%s\"]\nurl = @/f/x%s\nrefresh = 60s\nfulltext = no\n",
                   failure_cases[i].mode, failure_cases[i].mode);
    write_config(f, NULL, feeds.data);
    buf_free(&feeds);
    worker_stats_t st;
    assert_int_equal(pass(f, T0, &st), 0);
    assert_int_equal(st.feeds_ok, (int)N_FAILURE_CASES);
    for (size_t i = 0; i < N_FAILURE_CASES; i++) {
        char name[32];
        snprintf(name, sizeof name, "x%s", failure_cases[i].mode);
        testhttpd_mode(&f->http, name, failure_cases[i].mode, NULL);
    }
    time_t t1 = T0 + 1000;
    assert_int_equal(pass(f, t1, &st), (int)N_FAILURE_CASES);
    long first_wait[N_FAILURE_CASES];
    for (size_t i = 0; i < N_FAILURE_CASES; i++) {
        const failure_case_t *c = &failure_cases[i];
        store_feed_t s;
        feed_state(f, c->mode, &s);
        if (!s.last_error || !strstr(s.last_error, c->why))
            fail_msg("%s: last_error \"%s\" lacks \"%s\"", c->mode, s.last_error, c->why);
        assert_int_equal(s.failures, 1);
        assert_int_equal(s.last_success, T0);
        assert_int_equal(s.last_attempt, t1);
        assert_string_equal(s.etag, "\"e1\""); /* validators kept */
        if (strcmp(c->mode, "429") == 0) assert_int_equal(s.next_due, t1 + 7200);
        else assert_in_range(s.next_due, t1 + 60, t1 + 66); /* 60 s + up to 10% jitter */
        first_wait[i] = (long)(s.next_due - t1);
        store_feed_free(&s);
        assert_int_equal(articles_of(f, c->mode), 5); /* nothing lost */
    }
    /* A second failure doubles the wait. */
    time_t t2 = t1 + 8000;
    assert_int_equal(pass(f, t2, &st), (int)N_FAILURE_CASES);
    for (size_t i = 0; i < N_FAILURE_CASES; i++) {
        store_feed_t s;
        feed_state(f, failure_cases[i].mode, &s);
        assert_int_equal(s.failures, 2);
        if (strcmp(failure_cases[i].mode, "429") != 0) {
            assert_in_range(s.next_due, t2 + 120, t2 + 132);
            assert_true(s.next_due - t2 > first_wait[i]);
        }
        store_feed_free(&s);
        assert_int_equal(articles_of(f, failure_cases[i].mode), 5);
    }
    /* It recovers: failures reset, error cleared. */
    testhttpd_mode(&f->http, "x500", "ok", NULL);
    pass(f, t2 + 9000, &st);
    store_feed_t s;
    feed_state(f, "500", &s);
    assert_int_equal(s.failures, 0);
    assert_null(s.last_error);
    assert_int_equal(s.last_success, t2 + 9000);
    store_feed_free(&s);
}

/* 301 and 308 move the feed (the config's URL stays its key); 302 does not. */
static void test_redirects_move_feed(void **state) {
    fixture_t *f = *state;
    write_config(f, NULL,
                 "[feed \"R301\"]\nurl = @/f/m301\nfulltext = no\n"
                 "[feed \"R308\"]\nurl = @/f/m308\nfulltext = no\n"
                 "[feed \"R302\"]\nurl = @/f/m302\nfulltext = no\n");
    testhttpd_mode(&f->http, "m301", "301", NULL);
    testhttpd_mode(&f->http, "m308", "308", NULL);
    testhttpd_mode(&f->http, "m302", "302", NULL);
    worker_stats_t st;
    assert_int_equal(pass(f, T0, &st), 0);
    assert_int_equal(st.articles_new, 15);
    static const char *const names[] = {"301", "308", "302"};
    for (int i = 0; i < 3; i++) {
        char feed[8], key[128], target[160];
        snprintf(feed, sizeof feed, "R%s", names[i]);
        snprintf(key, sizeof key, "%s/f/m%s", f->http.base, names[i]);
        snprintf(target, sizeof target, "%s/f/m%s-target", f->http.base, names[i]);
        char *moved = fetch_url_of(f, feed);
        if (i < 2) assert_string_equal(moved, target);
        else assert_null(moved);
        free(moved);
        store_feed_t s;
        feed_state(f, feed, &s);
        assert_string_equal(s.url, key);
        store_feed_free(&s);
    }
    buf_t out = BUF_INIT, args = BUF_INIT;
    buf_printf(&args, "status --json --config '%s'", f->conf);
    assert_int_equal(test_run(args.data, &out, NULL), 0);
    char moved_json[200];
    snprintf(moved_json, sizeof moved_json, "\"moved_to\":\t\"%s/f/m301-target\"", f->http.base);
    assert_non_null(strstr(buf_cstr(&out), moved_json));
    buf_free(&out);
    buf_free(&args);
    /* Next pass: the moved feeds go straight to their new address. */
    assert_int_equal(pass(f, T0 + 100000, &st), 0);
    assert_int_equal(testhttpd_hits(&f->http, "/f/m301", NULL), 1);
    assert_int_equal(testhttpd_hits(&f->http, "/f/m308", NULL), 1);
    assert_int_equal(testhttpd_hits(&f->http, "/f/m302", NULL), 2);
    assert_int_equal(testhttpd_hits(&f->http, "/f/m301-target", NULL), 2);
    /* The new address dies (404): back to the configured one. */
    testhttpd_mode(&f->http, "m301-target", "404", NULL);
    testhttpd_mode(&f->http, "m301", "ok", NULL);
    assert_int_equal(pass(f, T0 + 200000, &st), 1);
    char *moved = fetch_url_of(f, "R301");
    assert_null(moved);
    assert_int_equal(pass(f, T0 + 300000, &st), 0);
    assert_int_equal(testhttpd_hits(&f->http, "/f/m301", NULL), 2);
    assert_int_equal(articles_of(f, "R301"), 5);
}

/* Links and images that are not http(s) are refused; a local feed may use
 * file:; the per-feed User-Agent is sent. */
static void test_refused_links_and_local_feed(void **state) {
    fixture_t *f = *state;
    char local[600];
    snprintf(local, sizeof local, "%s/local.xml", f->dir);
    const char *xml = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>L</title>"
                      "<item><title>Local one</title><guid>l1</guid>"
                      "<description>A local item.</description></item></channel></rss>";
    assert_int_equal(file_write_atomic(local, xml, strlen(xml)), 0);
    buf_t feeds = BUF_INIT;
    buf_printf(&feeds,
               "[feed \"Bad\"]\nurl = @/f/bad\nfulltext = yes\nuser_agent = Probe/2\n"
               "[feed \"Local\"]\nurl = %s\n",
               local);
    write_config(f, NULL, feeds.data);
    buf_free(&feeds);
    testhttpd_mode(&f->http, "bad", "badlinks", NULL);
    worker_stats_t st;
    assert_int_equal(pass(f, T0, &st), 0);
    assert_int_equal(st.feeds_ok, 2);
    assert_int_equal(st.pages_fetched, 0);
    assert_int_equal(articles_of(f, "Bad"), 5);
    assert_int_equal(texts_of(f, "Bad"), 0); /* file: links not followed */
    assert_int_equal(query_int(f, "SELECT count(*) FROM articles WHERE image IS NOT NULL", NULL),
                     0); /* ftp: images dropped */
    assert_int_equal(articles_of(f, "Local"), 1);
    char *ua = testhttpd_get(&f->http, "/_ua", NULL);
    assert_string_equal(ua, "Probe/2");
    free(ua);
}

/* Relative links resolve against the response's Content-Location (RFC
 * 9110), not the URL that was asked for. */
static void test_content_location_is_the_base(void **state) {
    fixture_t *f = *state;
    write_config(f, NULL, "[feed \"M\"]\nurl = @/f/m\n");
    testhttpd_mode(&f->http, "m", "contentloc", NULL);
    worker_stats_t st;
    assert_int_equal(pass(f, T0, &st), 0);
    assert_int_equal(st.feeds_ok, 1);
    assert_int_equal(articles_of(f, "M"), 3);
    assert_int_equal(query_int(f, "SELECT count(*) FROM articles WHERE url LIKE '%/mirror/news/story-_'",
                               NULL), 3);
}

/* Article pages that fail (404) leave the items stored, summarized from
 * the feed's own text; the feed itself is fine. */
static void test_dead_pages(void **state) {
    fixture_t *f = *state;
    write_config(f, NULL, "[feed \"D\"]\nurl = @/f/d\nfulltext = yes\n");
    testhttpd_mode(&f->http, "d", "deadlinks", NULL);
    worker_stats_t st;
    assert_int_equal(pass(f, T0, &st), 0);
    assert_int_equal(st.feeds_ok, 1);
    assert_int_equal(st.pages_fetched, 0);
    assert_int_equal(testhttpd_hits(&f->http, "/page/dead-0", NULL), 1);
    assert_int_equal(articles_of(f, "D"), 5);
    assert_int_equal(texts_of(f, "D"), 0);
    assert_int_equal(query_int(f, "SELECT count(DISTINCT article_id) FROM points", NULL), 5);
    store_feed_t s;
    feed_state(f, "D", &s);
    assert_int_equal(s.failures, 0);
    store_feed_free(&s);
}

/* HTTPS: an untrusted certificate fails the feed; trusted via ca_file it
 * works; `bulletin status --json` shows the health of both. */
static void test_tls_and_status(void **state) {
    fixture_t *f = *state;
    assert_int_equal(testhttpd_make_cert(f->dir), 0);
    char cert[600], key[600];
    snprintf(cert, sizeof cert, "%s/cert.pem", f->dir);
    snprintf(key, sizeof key, "%s/key.pem", f->dir);
    testhttpd_t *tls_server = &f->tls;
    assert_int_equal(testhttpd_start(tls_server, cert, key), 0);
    buf_t feeds = BUF_INIT;
    buf_printf(&feeds, "[feed \"Secure\"]\nurl = %s/f/s\nfulltext = yes\nrefresh = 60s\n", tls_server->base);
    write_config(f, NULL, feeds.data);
    worker_stats_t st;
    assert_int_equal(pass(f, T0, &st), 1);
    store_feed_t s;
    feed_state(f, "Secure", &s);
    assert_non_null(strstr(s.last_error, "certificate"));
    assert_int_equal(s.failures, 1);
    store_feed_free(&s);
    assert_int_equal(articles_of(f, "Secure"), 0);

    buf_t status = BUF_INIT, err = BUF_INIT;
    buf_t args = BUF_INIT;
    buf_printf(&args, "status --json --config '%s'", f->conf);
    assert_int_equal(test_run(args.data, &status, &err), 0);
    cJSON *root = cJSON_Parse(buf_cstr(&status));
    assert_non_null(root);
    cJSON *feed = cJSON_GetArrayItem(cJSON_GetObjectItem(root, "feeds"), 0);
    assert_string_equal(cJSON_GetObjectItem(feed, "name")->valuestring, "Secure");
    assert_true(cJSON_IsNull(cJSON_GetObjectItem(feed, "last_success")));
    assert_non_null(strstr(cJSON_GetObjectItem(feed, "last_error")->valuestring, "certificate"));
    assert_int_equal(cJSON_GetObjectItem(feed, "failures")->valueint, 1);
    assert_true(cJSON_IsString(cJSON_GetObjectItem(feed, "next_due")));
    assert_true(cJSON_IsString(cJSON_GetObjectItem(feed, "last_attempt")));
    assert_true(cJSON_IsNull(cJSON_GetObjectItem(feed, "moved_to")));
    assert_true(cJSON_IsTrue(cJSON_GetObjectItem(feed, "configured")));
    cJSON_Delete(root);
    buf_t plain = BUF_INIT;
    buf_t pargs = BUF_INIT;
    buf_printf(&pargs, "status --config '%s'", f->conf);
    assert_int_equal(test_run(pargs.data, &plain, NULL), 0);
    assert_non_null(strstr(buf_cstr(&plain), "failures 1, last error: "));
    assert_non_null(strstr(buf_cstr(&plain), "last success never"));
    buf_free(&plain);
    buf_free(&pargs);
    buf_free(&status);

    /* Trusted through ca_file: pages over HTTPS too. */
    buf_t extra = BUF_INIT;
    buf_printf(&extra, "ca_file = %s\n", cert);
    write_config(f, extra.data, feeds.data);
    assert_int_equal(pass(f, T0 + 1000, &st), 0);
    assert_int_equal(articles_of(f, "Secure"), 5);
    assert_int_equal(texts_of(f, "Secure"), 5);
    feed_state(f, "Secure", &s);
    assert_int_equal(s.failures, 0);
    assert_int_equal(s.last_success, T0 + 1000);
    store_feed_free(&s);
    status = (buf_t)BUF_INIT;
    assert_int_equal(test_run(args.data, &status, &err), 0);
    root = cJSON_Parse(buf_cstr(&status));
    assert_non_null(root);
    feed = cJSON_GetArrayItem(cJSON_GetObjectItem(root, "feeds"), 0);
    assert_true(cJSON_IsNull(cJSON_GetObjectItem(feed, "last_error")));
    assert_string_equal(cJSON_GetObjectItem(feed, "last_success")->valuestring,
                        "2025-10-09T09:10:00Z");
    assert_int_equal(cJSON_GetObjectItem(root, "articles")->valueint, 5);
    cJSON_Delete(root);
    buf_free(&status);
    buf_free(&err);
    buf_free(&args);
    buf_free(&extra);
    buf_free(&feeds);
}

/* The [fetch] keys: good values taken, bad ones reported and skipped. */
static void test_config_fetch_keys(void **state) {
    fixture_t *f = *state;
    const char *text = "[fetch]\nhost_parallel = 3\npage_parallel = 6\ntimeout = 1m\n"
                       "connect_timeout = 5s\nstall_timeout = 20s\nmax_feed_size = 512k\n"
                       "ca_file = certs/ca.pem\n"
                       "host_parallel = 0\npage_parallel = lots\ntimeout = 0\n"
                       "max_feed_size = 1\nmax_feed_size = 9G\nstall_timeout = 1h\n";
    assert_int_equal(file_write_atomic(f->conf, text, strlen(text)), 0);
    config_t cfg;
    assert_int_equal(config_load(f->conf, &cfg), 0);
    assert_int_equal(cfg.n_errors, 6);
    assert_int_equal(cfg.fetch_host_parallel, 3);
    assert_int_equal(cfg.fetch_page_parallel, 6);
    assert_int_equal(cfg.fetch_timeout_s, 60);
    assert_int_equal(cfg.fetch_connect_timeout_s, 5);
    assert_int_equal(cfg.fetch_stall_s, 20);
    assert_int_equal(cfg.fetch_max_feed_bytes, 512 * 1024);
    assert_non_null(strstr(cfg.fetch_ca_file, "certs/ca.pem"));
    assert_int_equal(cfg.fetch_ca_file[0], '/');
    config_free(&cfg);
    /* Defaults. */
    assert_int_equal(file_write_atomic(f->conf, "", 0), 0);
    assert_int_equal(config_load(f->conf, &cfg), 0);
    assert_int_equal(cfg.fetch_host_parallel, 2);
    assert_int_equal(cfg.fetch_page_parallel, 4);
    assert_int_equal(cfg.fetch_timeout_s, 30);
    assert_int_equal(cfg.fetch_max_feed_bytes, 8 * 1024 * 1024);
    assert_null(cfg.fetch_ca_file);
    assert_non_null(strstr(cfg.user_agent, "Bulletin/" BULLETIN_VERSION));
    config_free(&cfg);
}

static void test_backoff(void **state) {
    (void)state;
    long prev = 0;
    for (int failures = 1; failures <= 12; failures++) {
        long w = worker_backoff_s(300, failures, 42);
        long base = 300L << (failures - 1 < 7 ? failures - 1 : 7);
        if (base > 6 * 3600) base = 6 * 3600;
        assert_in_range(w, base, base + base / 10);
        assert_true(w >= prev || base == 6 * 3600);
        prev = w;
    }
    /* Different feeds (seeds) spread out. */
    int differ = 0;
    for (unsigned long seed = 1; seed < 20; seed++)
        differ += worker_backoff_s(600, 3, seed) != worker_backoff_s(600, 3, seed + 1);
    assert_true(differ > 10);
}

/* A full disk during a pass: worker_pass says the store failed (-1), the
 * feed's health says why, its validators are not advanced (so nothing is
 * lost: the next fetch brings the same items), and the next pass, with
 * space back, stores them all. Before, the pass said "1 feeds ok". */
static void test_store_failure_reported_and_retried(void **state) {
    fixture_t *f = *state;
    faultvfs_install();
    write_config(f, NULL, "[feed \"A\"]\nurl = @/f/sa\nrefresh = 60s\nfulltext = yes\n");
    config_t cfg;
    assert_int_equal(config_load(f->conf, &cfg), 0);
    store_t *store;
    assert_int_equal(store_open(cfg.store_path, &store), 0);
    worker_stats_t st;
    /* The feed row exists before the disk fills (as after earlier passes). */
    int64_t id;
    assert_int_equal(store_feed_ensure(store, cfg.feeds[0].url, "A", &id), 0);
    faultvfs_fail = SQLITE_FULL;
    int rc = worker_pass(&cfg, store, T0, 0, &st);
    faultvfs_fail = 0;
    assert_int_equal(rc, -1);
    assert_int_equal(st.feeds_ok, 0);
    assert_int_equal(st.articles_new, 0);
    store_close(store);
    assert_int_equal(articles_of(f, "A"), 0);
    store_feed_t s;
    feed_state(f, "A", &s);
    assert_null(s.etag); /* not advanced: the items come again */
    store_feed_free(&s);
    /* Space is back: the same items, all stored, pages and points too. */
    assert_int_equal(store_open(cfg.store_path, &store), 0);
    assert_int_equal(worker_pass(&cfg, store, T0 + 120, 0, &st), 0);
    store_close(store);
    assert_int_equal(st.articles_new, 5);
    assert_int_equal(articles_of(f, "A"), 5);
    assert_int_equal(texts_of(f, "A"), 5);
    assert_int_equal(query_int(f, "SELECT count(DISTINCT article_id) FROM points", NULL), 5);
    assert_int_equal(query_int(f, "SELECT count(*) FROM articles WHERE story_id IS NULL", NULL), 0);
    feed_state(f, "A", &s);
    assert_string_equal(s.etag, "\"e1\"");
    assert_int_equal(s.failures, 0);
    store_feed_free(&s);
    config_free(&cfg);
}

/* The feed's health says its items were not stored when the store refuses
 * them but can still record the failure (here a trigger refuses every new
 * article); the next pass, with the store fixed, stores them. */
static void test_store_failure_in_health(void **state) {
    fixture_t *f = *state;
    faultvfs_install();
    write_config(f, NULL, "[feed \"H\"]\nurl = @/f/h\nrefresh = 60s\nfulltext = no\n");
    config_t cfg;
    assert_int_equal(config_load(f->conf, &cfg), 0);
    store_t *store;
    assert_int_equal(store_open(cfg.store_path, &store), 0);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "CREATE TRIGGER full BEFORE INSERT ON articles BEGIN"
                                      " SELECT RAISE(ABORT, 'database or disk is full'); END;",
                                  NULL, NULL, NULL), SQLITE_OK);
    worker_stats_t st;
    assert_int_equal(worker_pass(&cfg, store, T0, 0, &st), -1);
    store_feed_t s;
    feed_state(f, "H", &s);
    assert_non_null(s.last_error);
    assert_non_null(strstr(s.last_error, "not stored: "));
    assert_int_equal(s.failures, 1);
    assert_true(s.next_due <= T0 + 60); /* soon: the same items come again */
    store_feed_free(&s);
    assert_int_equal(sqlite3_exec(db, "DROP TRIGGER full", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    assert_int_equal(worker_pass(&cfg, store, T0 + 60, 0, &st), 0);
    assert_int_equal(st.articles_new, 5);
    store_close(store);
    config_free(&cfg);
}

/* A feed of 600 tiny items gives its first max_items; a feed that drips
 * holds the pass only until its time budget, and the good feeds of the same
 * pass are stored with their pages; what the budget stopped is not a
 * failure but still due. */
static void test_pass_is_bounded(void **state) {
    fixture_t *f = *state;
    write_config(f, "max_items = 50\npass_budget = 5s\ntimeout = 60s\nstall_timeout = 60s\n",
                 "[feed \"Many\"]\nurl = @/f/many\nfulltext = no\n"
                 "[feed \"Good\"]\nurl = @/f/good\nfulltext = yes\n"
                 "[feed \"Drip\"]\nurl = @/f/drip\nfulltext = no\n");
    testhttpd_mode(&f->http, "many", "many", NULL);
    testhttpd_mode(&f->http, "drip", "drip", NULL);
    worker_stats_t st;
    int64_t start = clock_mono_ms();
    int rc = pass(f, T0, &st);
    int64_t took = clock_mono_ms() - start;
    assert_true(rc >= 0);
    assert_int_equal(articles_of(f, "Many"), 50);
    assert_int_equal(articles_of(f, "Good"), 5);
    /* Its pages too: they did not wait for the drip (the old pass fetched
     * them after it, when the budget was spent, and kept only summaries). */
    assert_int_equal(texts_of(f, "Good"), 5);
    assert_int_equal(st.feeds_deferred, 1);
    assert_true(took < 30000); /* the drip alone would take 40 s */
    store_feed_t s;
    feed_state(f, "Drip", &s);
    assert_int_equal(s.failures, 0);
    assert_int_equal(s.next_due, 0);
    store_feed_free(&s);
}

/* An answer with no HTTP status line is reported as such, not as "only
 * http and https". */
static void test_not_http_answer(void **state) {
    fixture_t *f = *state;
    write_config(f, NULL, "[feed \"N\"]\nurl = @/f/n\nfulltext = no\n");
    testhttpd_mode(&f->http, "n", "nothttp", NULL);
    worker_stats_t st;
    assert_int_equal(pass(f, T0, &st), 1);
    store_feed_t s;
    feed_state(f, "N", &s);
    if (!s.last_error || strstr(s.last_error, "only http") || !strstr(s.last_error, "not an HTTP"))
        fail_msg("last_error: %s", s.last_error);
    store_feed_free(&s);
}

/* A week and more offline, and the clock jumping 8 days either way: the
 * failing feed keeps every article it gave (the old pass pruned them all
 * at +8 days), and recovers when it answers again. */
static void test_offline_week_and_clock_jumps(void **state) {
    fixture_t *f = *state;
    write_config(f, NULL, "[feed \"W\"]\nurl = @/f/w\nrefresh = 60s\nfulltext = no\n");
    worker_stats_t st;
    assert_int_equal(pass(f, T0, &st), 0);
    assert_int_equal(articles_of(f, "W"), 5);
    testhttpd_mode(&f->http, "w", "500", NULL);
    for (int day = 1; day <= 9; day++) {
        assert_int_equal(pass(f, T0 + day * 86400, &st), 1);
        assert_int_equal(articles_of(f, "W"), 5);
    }
    assert_int_equal(pass(f, T0 - 8 * 86400, &st), 0); /* not due: its next try is later */
    assert_int_equal(pass(f, T0 + 17 * 86400, &st), 1);
    assert_int_equal(articles_of(f, "W"), 5);
    testhttpd_mode(&f->http, "w", "ok", NULL);
    assert_int_equal(pass(f, T0 + 18 * 86400, &st), 0);
    assert_int_equal(articles_of(f, "W"), 5); /* the newest of a feed are kept */
    store_feed_t s;
    feed_state(f, "W", &s);
    assert_int_equal(s.failures, 0);
    store_feed_free(&s);
}

/* Counts and the feed's last error without asserts (the test must reach
 * its umount). */
static long long articles_of_quiet(const char *db_path) {
    sqlite3 *db;
    sqlite3_stmt *st;
    long long v = -1;
    if (sqlite3_open(db_path, &db) == SQLITE_OK &&
        sqlite3_prepare_v2(db, "SELECT count(*) FROM articles", -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return v;
}

static void feed_error_quiet(const char *db_path, char **out) {
    sqlite3 *db;
    sqlite3_stmt *st;
    if (sqlite3_open(db_path, &db) == SQLITE_OK &&
        sqlite3_prepare_v2(db, "SELECT last_error FROM feeds", -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
            *out = xstrdup((const char *)sqlite3_column_text(st, 0));
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
}

/* A real full disk, where the machine allows a small tmpfs (root, mount
 * permitted; else skipped: the VFS shim cases cover the same logic): the
 * pass fails and says so, what was stored stays, and once space returns
 * the next pass stores the new edition. */
static void test_real_full_disk(void **state) {
    fixture_t *f = *state;
    char mnt[400], filler[500];
    snprintf(mnt, sizeof mnt, "%s/mnt", f->dir);
    snprintf(filler, sizeof filler, "%s/filler", mnt);
    assert_int_equal(mkdir(mnt, 0700), 0);
    buf_t cmd = BUF_INIT;
    buf_printf(&cmd, "mount -t tmpfs -o size=1m tmpfs '%s' 2>/dev/null", mnt);
    int mounted = geteuid() == 0 && test_shell(cmd.data, NULL) == 0;
    buf_free(&cmd);
    if (!mounted) skip();
    snprintf(f->db, sizeof f->db, "%s/store.db", mnt);
    write_config(f, NULL, "[feed \"T\"]\nurl = @/f/t\nrefresh = 60s\nfulltext = no\n");
    /* The worker runs: its store is open when the disk fills. */
    config_t cfg;
    assert_int_equal(config_load(f->conf, &cfg), 0);
    store_t *store = NULL;
    worker_stats_t st;
    int rc1 = store_open(cfg.store_path, &store) == 0 ? worker_pass(&cfg, store, T0, 0, &st) : -2;
    long long before = articles_of_quiet(f->db);
    /* Fill the disk to the last byte. */
    FILE *fill = fopen(filler, "wb");
    static char block[4096];
    while (fill && fwrite(block, 1, sizeof block, fill) == sizeof block) {}
    while (fill && fwrite(block, 1, 1, fill) == 1) {}
    if (fill) fclose(fill);
    testhttpd_mode(&f->http, "t", "ok2", NULL);
    int rc2 = store ? worker_pass(&cfg, store, T0 + 120, 1, &st) : -2;
    unlink(filler); /* space returns */
    long long during = articles_of_quiet(f->db);
    char *health = NULL;
    feed_error_quiet(f->db, &health);
    int rc3 = store ? worker_pass(&cfg, store, T0 + 240, 1, &st) : -2;
    store_close(store);
    config_free(&cfg);
    long long after = articles_of_quiet(f->db);
    buf_t um = BUF_INIT;
    buf_printf(&um, "umount '%s'", mnt);
    test_shell(um.data, NULL);
    buf_free(&um);
    assert_int_equal(rc1, 0);
    assert_int_equal(before, 5);
    assert_int_equal(rc2, -1);
    assert_int_equal(during, 5); /* nothing stored was lost */
    /* (a disk full to the last byte cannot take the feed's health either;
     * with any room left it says "not stored: the disk is full") */
    if (health && !strstr(health, "not stored: the disk is full"))
        fail_msg("the feed's health said: %s", health);
    free(health);
    assert_int_equal(rc3, 0);
    assert_int_equal(after, 10);
}

/* The child's pass for test_feeds_stored_as_they_finish: no cmocka here. */
static void pass_in_child(fixture_t *f, time_t now) {
    config_t cfg;
    store_t *store;
    worker_stats_t st;
    if (config_load(f->conf, &cfg) != 0 || store_open(cfg.store_path, &store) != 0) _exit(2);
    worker_pass(&cfg, store, now, 0, &st);
    _exit(0);
}

/* Each feed is stored as soon as it is complete, in a transaction of its
 * own: a feed that drips for 40 s in the same pass does not hold back a
 * good one and its pages, and a kill during the pass keeps what finished.
 * The old pass stored nothing before every feed of its batch had answered. */
static void test_feeds_stored_as_they_finish(void **state) {
    fixture_t *f = *state;
    write_config(f, "timeout = 60s\nstall_timeout = 60s\npass_budget = 5m\n",
                 "[feed \"Drip\"]\nurl = @/f/drip\nfulltext = no\n"
                 "[feed \"Good\"]\nurl = @/f/good\nfulltext = yes\n");
    testhttpd_mode(&f->http, "drip", "drip", NULL);
    store_t *store;
    assert_int_equal(store_open(f->db, &store), 0); /* so the queries below find tables */
    store_close(store);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) pass_in_child(f, T0);
    /* The drip answers for 40 s; the good feed needs a second or so. */
    int64_t until = clock_mono_ms() + 35000;
    long long texts;
    while ((texts = texts_of(f, "Good")) < 5 && clock_mono_ms() < until) usleep(50 * 1000);
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    assert_int_equal(texts, 5);
    assert_int_equal(texts_of(f, "Good"), 5);
    store_feed_t s;
    feed_state(f, "Good", &s);
    assert_string_equal(s.etag, "\"e1\""); /* its success is stored with its items */
    store_feed_free(&s);
    feed_state(f, "Drip", &s); /* the kill came while the drip was under way */
    assert_int_equal(s.last_attempt, 0);
    store_feed_free(&s);
}

/* Items whose page the time budget stopped are not stored with only their
 * summary (their text would never be fetched): the feed keeps its old
 * validators and comes back within a minute, and the next pass gets them
 * whole. The old pass stored them without text and took the new ETag.
 * The slow feed holds at most half the page places (page_parallel = 4),
 * so the good feed's pages pass beside it. */
static void test_pages_cut_by_the_budget_come_again(void **state) {
    fixture_t *f = *state;
    write_config(f, "pass_budget = 4s\ntimeout = 60s\nstall_timeout = 60s\n",
                 "[feed \"Slow\"]\nurl = @/f/slow\nfulltext = yes\n"
                 "[feed \"Good\"]\nurl = @/f/good\nfulltext = yes\n");
    testhttpd_mode(&f->http, "slow", "slowpages", NULL);
    worker_stats_t st;
    assert_int_equal(pass(f, T0, &st), 0);
    assert_int_equal(texts_of(f, "Good"), 5);
    assert_int_equal(articles_of(f, "Slow"), 0);
    store_feed_t s;
    feed_state(f, "Slow", &s);
    assert_int_equal(s.failures, 0);
    assert_true(s.etag == NULL || s.etag[0] == 0);
    assert_int_equal(s.next_due, T0 + 60);
    store_feed_free(&s);
    testhttpd_mode(&f->http, "slow", "ok", NULL); /* the same items, pages that answer */
    assert_int_equal(pass(f, T0 + 60, &st), 0);
    assert_int_equal(articles_of(f, "Slow"), 5);
    assert_int_equal(texts_of(f, "Slow"), 5);
}

static volatile sig_atomic_t loop_stop;
static void on_alarm(int sig) {
    (void)sig;
    loop_stop = 1;
}

/* SQLite says the file is damaged in the middle of a pass (the store
 * opened sound): worker_loop moves it aside, starts a new store and fetches
 * every feed again at once. */
static void test_damaged_mid_pass_is_rebuilt(void **state) {
    fixture_t *f = *state;
    write_config(f, NULL, "[feed \"Good\"]\nurl = @/f/good\nfulltext = no\n");
    worker_stats_t st;
    assert_int_equal(pass(f, T0, &st), 0);
    assert_int_equal(articles_of(f, "Good"), 5);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        config_t cfg;
        if (config_load(f->conf, &cfg) != 0) _exit(2);
        signal(SIGALRM, on_alarm);
        alarm(5); /* seen between passes: the loop stops after its second */
        faultvfs_install();
        faultvfs_fail = SQLITE_CORRUPT; /* the pass's first write */
        faultvfs_fail_left = 1;
        unsigned refused = faultvfs_refused;
        int rc = worker_loop(&cfg, &loop_stop);
        _exit(rc == 0 && faultvfs_refused == refused + 1 ? 0 : 3);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    buf_t cmd = BUF_INIT, out = BUF_INIT;
    buf_printf(&cmd, "ls '%s' | grep -c '^store.db.damaged-[0-9TZ]*$'", f->dir);
    test_shell(cmd.data, &out);
    assert_int_equal(atoi(buf_cstr(&out)), 1);
    buf_free(&cmd);
    buf_free(&out);
    assert_int_equal(articles_of(f, "Good"), 5); /* fetched again into the new store */
    store_feed_t s;
    feed_state(f, "Good", &s);
    assert_true(s.last_success > T0); /* by the loop (real time), not the first pass */
    store_feed_free(&s);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_ok_304_new_edition, test_fixture_setup, test_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_failures_keep_data, test_fixture_setup, test_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_redirects_move_feed, test_fixture_setup, test_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_refused_links_and_local_feed, test_fixture_setup, test_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_dead_pages, test_fixture_setup, test_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_content_location_is_the_base, test_fixture_setup, test_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_tls_and_status, test_fixture_setup, test_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_config_fetch_keys, test_fixture_setup, test_fixture_teardown),
        cmocka_unit_test(test_backoff),
        cmocka_unit_test_setup_teardown(test_store_failure_reported_and_retried, test_fixture_setup, test_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_store_failure_in_health, test_fixture_setup, test_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_pass_is_bounded, test_fixture_setup, test_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_feeds_stored_as_they_finish, test_fixture_setup, test_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_pages_cut_by_the_budget_come_again, test_fixture_setup, test_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_damaged_mid_pass_is_rebuilt, test_fixture_setup, test_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_not_http_answer, test_fixture_setup, test_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_offline_week_and_clock_jumps, test_fixture_setup, test_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_real_full_disk, test_fixture_setup, test_fixture_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
