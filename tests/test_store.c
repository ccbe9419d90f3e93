/* test_store.c - the SQLite store: schema and migration, feed state,
 * article keys, clamping, and that a failure never loses what is stored. */
#include "testutil.h"

#include <sqlite3.h>

#include "store.h"
#include "worker.h"

static char *db_path(const char *dir) {
    buf_t p = BUF_INIT;
    buf_printf(&p, "%s/store.db", dir);
    return buf_detach(&p);
}

static int pragma_int(const char *path, const char *sql) {
    sqlite3 *db;
    sqlite3_stmt *st;
    int v = -1;
    if (sqlite3_open(path, &db) != SQLITE_OK) return -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

static void schema_is_versioned_and_wal(void **state) {
    (void)state;
    char *dir = test_mkdtemp(), *path = db_path(dir);
    store_t *s;
    assert_int_equal(store_open(path, &s), 0);
    store_close(s);
    assert_int_equal(pragma_int(path, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
    sqlite3 *db;
    sqlite3_open(path, &db);
    sqlite3_stmt *st;
    sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, NULL);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
    sqlite3_finalize(st);
    /* Reopening an up-to-date store migrates nothing and keeps the data. */
    sqlite3_exec(db, "INSERT INTO feeds(url, name) VALUES('http://a/', 'A')", NULL, NULL, NULL);
    sqlite3_close(db);
    assert_int_equal(store_open(path, &s), 0);
    store_feed_t *feeds;
    size_t n;
    assert_int_equal(store_feed_list(s, &feeds, &n), 0);
    assert_int_equal(n, 1);
    store_feed_list_free(feeds, n);
    store_close(s);
    /* A store from a newer Bulletin is refused, not damaged. */
    sqlite3_open(path, &db);
    sqlite3_exec(db, "PRAGMA user_version = 999", NULL, NULL, NULL);
    sqlite3_close(db);
    assert_int_equal(store_open(path, &s), -1);
    assert_int_equal(pragma_int(path, "PRAGMA user_version"), 999);
    free(path);
    test_rmdir(dir);
}

static void articles_are_stored_once(void **state) {
    (void)state;
    char *dir = test_mkdtemp(), *path = db_path(dir);
    store_t *s;
    assert_int_equal(store_open(path, &s), 0);
    int64_t feed, id1, id2, id3, id4;
    int is_new;
    assert_int_equal(store_feed_ensure(s, "http://x/feed", "X", &feed), 0);
    time_t now = 1800000000;
    store_article_in_t a = {.guid = "g-1", .url = "http://x/1", .title = "One",
                            .published = now - 60};
    assert_int_equal(store_article_add(s, feed, &a, now, &id1, &is_new), 0);
    assert_true(is_new);
    assert_int_equal(store_article_add(s, feed, &a, now + 600, &id2, &is_new), 0);
    assert_false(is_new);
    assert_int_equal(id1, id2);
    /* No guid: keyed by link; neither: by title and text. */
    store_article_in_t b = {.url = "http://x/2", .title = "Two"};
    assert_int_equal(store_article_add(s, feed, &b, now, &id3, &is_new), 0);
    assert_true(is_new);
    store_article_in_t c = {.title = "Three", .summary = "words"};
    assert_int_equal(store_article_add(s, feed, &c, now, &id4, &is_new), 0);
    assert_true(is_new);
    assert_int_equal(store_article_add(s, feed, &c, now, &id4, &is_new), 0);
    assert_false(is_new);
    int64_t count;
    store_article_count(s, &count);
    assert_int_equal(count, 3);
    /* Points replace points. */
    char *p1[] = {"first point", "second point"};
    assert_int_equal(store_article_set_points(s, id1, p1, 2), 0);
    char *p2[] = {"only point"};
    assert_int_equal(store_article_set_points(s, id1, p2, 1), 0);
    store_slide_t *slides;
    size_t n;
    assert_int_equal(store_slides_load(s, 10, &slides, &n), 0);
    assert_true(n >= 1);
    int found = 0;
    for (size_t i = 0; i < n; i++)
        if (strcmp(slides[i].headline, "One") == 0) {
            found = 1;
            assert_int_equal(slides[i].n_points, 1);
            assert_string_equal(slides[i].points[0], "only point");
            assert_int_equal(slides[i].published, now - 60);
        }
    assert_true(found);
    store_slides_free(slides, n);
    store_close(s);
    free(path);
    test_rmdir(dir);
}

static void future_dates_are_clamped(void **state) {
    (void)state;
    char *dir = test_mkdtemp(), *path = db_path(dir);
    store_t *s;
    assert_int_equal(store_open(path, &s), 0);
    int64_t feed, id;
    int is_new;
    store_feed_ensure(s, "http://x/feed", "X", &feed);
    time_t now = 1800000000;
    store_article_in_t a = {.guid = "future", .title = "From 2100", .published = 4102444800};
    assert_int_equal(store_article_add(s, feed, &a, now, &id, &is_new), 0);
    store_article_in_t b = {.guid = "undated", .title = "No date"};
    assert_int_equal(store_article_add(s, feed, &b, now, &id, &is_new), 0);
    store_slide_t *slides;
    size_t n;
    store_slides_load(s, 10, &slides, &n);
    for (size_t i = 0; i < n; i++) assert_int_equal(slides[i].published, now);
    store_slides_free(slides, n);
    store_close(s);
    free(path);
    test_rmdir(dir);
}

static void feed_state_success_failure(void **state) {
    (void)state;
    char *dir = test_mkdtemp(), *path = db_path(dir);
    store_t *s;
    assert_int_equal(store_open(path, &s), 0);
    int64_t feed;
    store_feed_ensure(s, "http://x/feed", "X", &feed);
    assert_int_equal(store_feed_success(s, feed, 1000, "Title", "\"etag1\"", "Mon", 1900), 0);
    /* 304: validators kept when not given. */
    assert_int_equal(store_feed_success(s, feed, 2000, NULL, NULL, NULL, 2900), 0);
    store_feed_t f;
    assert_int_equal(store_feed_get(s, feed, &f), 0);
    assert_string_equal(f.etag, "\"etag1\"");
    assert_string_equal(f.last_modified, "Mon");
    assert_string_equal(f.title, "Title");
    assert_int_equal(f.last_success, 2000);
    store_feed_free(&f);
    assert_int_equal(store_feed_failure(s, feed, 3000, "HTTP status 500", 3600), 0);
    assert_int_equal(store_feed_failure(s, feed, 4000, "timeout", 5000), 0);
    assert_int_equal(store_feed_get(s, feed, &f), 0);
    assert_int_equal(f.failures, 2);
    assert_string_equal(f.last_error, "timeout");
    assert_int_equal(f.last_success, 2000);
    assert_int_equal(f.last_attempt, 4000);
    assert_int_equal(f.next_due, 5000);
    assert_string_equal(f.etag, "\"etag1\"");
    store_feed_free(&f);
    assert_int_equal(store_feed_success(s, feed, 6000, NULL, "\"etag2\"", NULL, 7000), 0);
    assert_int_equal(store_feed_get(s, feed, &f), 0);
    assert_int_equal(f.failures, 0);
    assert_null(f.last_error);
    assert_string_equal(f.etag, "\"etag2\"");
    store_feed_free(&f);
    store_close(s);
    free(path);
    test_rmdir(dir);
}

static void backoff_doubles_with_cap_and_jitter(void **state) {
    (void)state;
    long prev = 0;
    for (int f = 1; f <= 6; f++) {
        long d = worker_backoff_s(900, f, 42);
        long base = 900L << (f - 1);
        if (base > 6 * 3600) base = 6 * 3600;
        assert_true(d >= base && d <= base + base / 10);
        assert_true(d > prev || base == 6 * 3600);
        prev = d;
    }
    long capped = worker_backoff_s(900, 30, 7);
    assert_true(capped >= 6 * 3600 && capped <= 6 * 3600 + 6 * 360);
    /* Different feeds spread out; the same seed gives the same wait. */
    assert_int_equal(worker_backoff_s(900, 3, 1), worker_backoff_s(900, 3, 1));
    int spread = 0;
    for (unsigned long seed = 0; seed < 20; seed++)
        if (worker_backoff_s(900, 3, seed) != worker_backoff_s(900, 3, 0)) spread++;
    assert_true(spread > 10);
    /* A very short refresh still waits at least a minute. */
    assert_true(worker_backoff_s(5, 1, 0) >= 60);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(schema_is_versioned_and_wal),
        cmocka_unit_test(articles_are_stored_once),
        cmocka_unit_test(future_dates_are_clamped),
        cmocka_unit_test(feed_state_success_failure),
        cmocka_unit_test(backoff_doubles_with_cap_and_jitter),
    };
    return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
