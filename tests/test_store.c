/* test_store.c - the SQLite store: schema and migration, feed state,
 * article keys, clamping, and that a failure never loses what is stored. */
#include "testutil.h"

#include <sqlite3.h>
#include <sys/stat.h>

#include "faultvfs.h"
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
    assert_int_equal(store_slides_load(s, 10, &slides, &n), 0);
    assert_int_equal(n, 2); /* both loaded, both dated now */
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

/* ---------------------------------------------------------------- pruning */
#define DAY 86400
#define T1 ((time_t)1800000000)

/* A feed with n articles published an hour apart, the newest at newest. */
static int64_t feed_with_articles(store_t *s, const char *url, int n, time_t newest) {
    int64_t feed, id;
    int is_new;
    assert_int_equal(store_feed_ensure(s, url, url, &feed), 0);
    for (int i = 0; i < n; i++) {
        char guid[64];
        snprintf(guid, sizeof guid, "%s#%d", url, i);
        store_article_in_t a = {.guid = guid, .title = guid, .summary = "words",
                                .published = newest - i * 3600};
        assert_int_equal(store_article_add(s, feed, &a, newest - i * 3600, &id, &is_new), 0);
        assert_true(is_new);
    }
    return feed;
}

static long long count_of(store_t *s, const char *table) {
    (void)s;
    int64_t n = -1;
    if (strcmp(table, "articles") == 0) assert_int_equal(store_article_count(s, &n), 0);
    else assert_int_equal(store_story_count(s, &n), 0);
    return n;
}

/* A week and a day offline: every feed failing since T1. What they last
 * gave stays (the old prune emptied the wall here); so it does when the
 * clock jumps 8 days ahead, or 8 days back. A feed that is fetched fine
 * loses its old articles but keeps its newest few. */
static void prune_keeps_what_failing_feeds_gave(void **state) {
    (void)state;
    char *dir = test_mkdtemp(), *path = db_path(dir);
    store_t *s;
    assert_int_equal(store_open(path, &s), 0);
    int64_t a = feed_with_articles(s, "http://a/feed", 12, T1);
    int64_t b = feed_with_articles(s, "http://b/feed", 12, T1);
    assert_int_equal(store_feed_success(s, a, T1, NULL, NULL, NULL, T1 + 600), 0);
    assert_int_equal(store_feed_success(s, b, T1, NULL, NULL, NULL, T1 + 600), 0);
    /* Offline from T1 on: every pass fails. */
    for (int day = 1; day <= 8; day++) {
        assert_int_equal(store_feed_failure(s, a, T1 + day * DAY, "timed out", T1 + day * DAY), 0);
        assert_int_equal(store_feed_failure(s, b, T1 + day * DAY, "timed out", T1 + day * DAY), 0);
        assert_int_equal(store_prune(s, T1 + day * DAY, 7 * DAY, 10), 0);
    }
    assert_int_equal(count_of(s, "articles"), 24);
    /* The clock jumps back 8 days, then 8 days ahead of the real time. */
    assert_int_equal(store_prune(s, T1 - 8 * DAY, 7 * DAY, 10), 0);
    assert_int_equal(store_prune(s, T1 + 16 * DAY, 7 * DAY, 10), 0);
    assert_int_equal(count_of(s, "articles"), 24);
    /* Back online: b answers again (nothing new); its 12 old articles go
     * but its newest 10 stay; a, still failing, keeps all it had. */
    assert_int_equal(store_feed_success(s, b, T1 + 9 * DAY, NULL, NULL, NULL, T1 + 9 * DAY), 0);
    assert_int_equal(store_prune(s, T1 + 9 * DAY, 7 * DAY, 10), 0);
    assert_int_equal(count_of(s, "articles"), 22);
    assert_int_equal(store_prune(s, T1 + 9 * DAY, 7 * DAY, 0), 0);
    assert_int_equal(count_of(s, "articles"), 12);
    store_slide_t *slides;
    size_t n;
    assert_int_equal(store_slides_load(s, 50, &slides, &n), 0);
    assert_int_equal(n, 12);
    for (size_t i = 0; i < n; i++) assert_int_equal(slides[i].feed_id, a);
    store_slides_free(slides, n);
    /* Fresh articles are never pruned, whatever keep_per_feed says. */
    feed_with_articles(s, "http://c/feed", 3, T1 + 9 * DAY);
    assert_int_equal(store_prune(s, T1 + 9 * DAY, 7 * DAY, 0), 0);
    assert_int_equal(count_of(s, "articles"), 15);
    store_close(s);
    free(path);
    test_rmdir(dir);
}

/* Stories go with their articles, and so do the points credited to them;
 * a story that keeps some articles is marked for recomputing. */
static void prune_drops_stories_with_their_articles(void **state) {
    (void)state;
    char *dir = test_mkdtemp(), *path = db_path(dir);
    store_t *s;
    assert_int_equal(store_open(path, &s), 0);
    int64_t feed;
    assert_int_equal(store_feed_ensure(s, "http://x/feed", "X", &feed), 0);
    int64_t ids[4];
    time_t when[4] = {T1 - 20 * DAY, T1 - 19 * DAY, T1 - 19 * DAY, T1 - DAY};
    for (int i = 0; i < 4; i++) {
        char guid[16];
        snprintf(guid, sizeof guid, "g%d", i);
        store_article_in_t a = {.guid = guid, .title = guid, .published = when[i]};
        int is_new;
        assert_int_equal(store_article_add(s, feed, &a, when[i], &ids[i], &is_new), 0);
    }
    int64_t old_story, mixed;
    assert_int_equal(store_article_set_story(s, ids[0], 0, "a:1", T1, &old_story), 0);
    assert_int_equal(store_article_set_story(s, ids[1], old_story, "a:1", T1, &old_story), 0);
    assert_int_equal(store_article_set_story(s, ids[2], 0, "b:1", T1, &mixed), 0);
    assert_int_equal(store_article_set_story(s, ids[3], mixed, "b:1", T1, &mixed), 0);
    store_story_point_t p1[] = {{"old one", ids[0]}, {"old two", ids[1]}};
    store_story_point_t p2[] = {{"from the old article", ids[2]}, {"from the new", ids[3]}};
    assert_int_equal(store_story_set_summary(s, old_story, "Old", ids[0], p1, 2), 0);
    assert_int_equal(store_story_set_summary(s, mixed, "Mixed", ids[3], p2, 2), 0);
    assert_int_equal(store_feed_success(s, feed, T1, NULL, NULL, NULL, T1), 0);
    assert_int_equal(store_prune(s, T1, 7 * DAY, 0), 0);
    assert_int_equal(count_of(s, "articles"), 1);
    assert_int_equal(count_of(s, "stories"), 1);
    int64_t *stale;
    size_t n_stale;
    assert_int_equal(store_stories_stale(s, 10, &stale, &n_stale), 0);
    assert_int_equal(n_stale, 1);
    assert_int_equal(stale[0], mixed);
    free(stale);
    store_close(s);
    assert_int_equal(pragma_int(path, "SELECT count(*) FROM story_points"), 1);
    assert_int_equal(pragma_int(path, "SELECT count(*) FROM story_points WHERE article_id IS NULL"),
                     0);
    free(path);
    test_rmdir(dir);
}

/* A version 1 store full of data: after the migration every feed, article
 * and point is still there, and it takes stories. */
static void migrates_v1_with_data(void **state) {
    (void)state;
    char *dir = test_mkdtemp(), *path = db_path(dir);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    const char *v1 =
        "CREATE TABLE feeds(id INTEGER PRIMARY KEY, url TEXT NOT NULL UNIQUE, name TEXT,"
        " title TEXT, etag TEXT, last_modified TEXT, last_attempt INTEGER NOT NULL DEFAULT 0,"
        " last_success INTEGER NOT NULL DEFAULT 0, last_error TEXT,"
        " failures INTEGER NOT NULL DEFAULT 0, next_due INTEGER NOT NULL DEFAULT 0);"
        "CREATE TABLE articles(id INTEGER PRIMARY KEY, feed_id INTEGER NOT NULL REFERENCES"
        " feeds(id) ON DELETE CASCADE, key TEXT NOT NULL, guid TEXT, url TEXT, title TEXT,"
        " summary TEXT, text TEXT, image TEXT, author TEXT, lang TEXT, published INTEGER NOT NULL,"
        " first_seen INTEGER NOT NULL, UNIQUE(feed_id, key));"
        "CREATE INDEX articles_published ON articles(published);"
        "CREATE TABLE points(article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE"
        " CASCADE, rank INTEGER NOT NULL, text TEXT NOT NULL, PRIMARY KEY(article_id, rank));"
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3)"
        " INSERT INTO feeds(id, url, name, etag, last_success, failures)"
        " SELECT i, 'https://f' || i || '.example/', 'Feed ' || i, '\"e' || i || '\"',"
        " 1790000000, i - 1 FROM n;"
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 30)"
        " INSERT INTO articles(id, feed_id, key, guid, title, summary, text, published, first_seen)"
        " SELECT i, 1 + i % 3, 'g:' || i, i, 'Title ' || i, 'Summary ' || i, 'Text ' || i,"
        " 1790000000 - i * 60, 1790000000 FROM n;"
        "INSERT INTO points SELECT id, 0, 'first point of ' || id FROM articles;"
        "INSERT INTO points SELECT id, 1, 'second point of ' || id FROM articles WHERE id % 2;"
        "PRAGMA user_version = 1;";
    assert_int_equal(sqlite3_exec(db, v1, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    store_t *s;
    assert_int_equal(store_open(path, &s), 0);
    assert_int_equal(count_of(s, "articles"), 30);
    store_feed_t *feeds;
    size_t n;
    assert_int_equal(store_feed_list(s, &feeds, &n), 0);
    assert_int_equal(n, 3);
    assert_string_equal(feeds[2].etag, "\"e3\"");
    assert_int_equal(feeds[2].failures, 2);
    assert_int_equal(feeds[2].last_success, 1790000000);
    store_feed_list_free(feeds, n);
    store_slide_t *slides;
    assert_int_equal(store_slides_load(s, 100, &slides, &n), 0);
    assert_int_equal(n, 30); /* no stories yet: one slide per article */
    for (size_t i = 0; i < n; i++) {
        int id = atoi(slides[i].headline + 6);
        assert_int_equal(slides[i].n_points, id % 2 ? 2 : 1);
    }
    store_slides_free(slides, n);
    int64_t story;
    assert_int_equal(store_article_set_story(s, 7, 0, "x:1", 1790000000, &story), 0);
    assert_true(story > 0);
    store_close(s);
    assert_int_equal(pragma_int(path, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
    assert_int_equal(pragma_int(path, "SELECT count(*) FROM points"), 45);
    assert_int_equal(pragma_int(path, "SELECT count(*) FROM articles WHERE story_id IS NULL"), 29);
    free(path);
    test_rmdir(dir);
}

/* ---------------------------------------------------------------- faults */
/* Runs fn with stderr going to a file; returns what it wrote. */
static char *stderr_of(void (*fn)(void *), void *arg) {
    char tmpl[] = "/tmp/bulletin-test-stderr-XXXXXX";
    int fd = mkstemp(tmpl);
    assert_true(fd >= 0);
    fflush(stderr);
    int saved = dup(2);
    dup2(fd, 2);
    fn(arg);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    close(fd);
    char *text = test_slurp(tmpl);
    unlink(tmpl);
    return text ? text : xstrdup("");
}

static size_t count_substr(const char *hay, const char *needle) {
    size_t n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle)) n++;
    return n;
}

typedef struct {
    store_t *s;
    int64_t feed;
    int failed;
} full_ctx_t;

static void add_many_on_full_disk(void *arg) {
    full_ctx_t *c = arg;
    for (int i = 0; i < 50; i++) {
        char guid[32];
        snprintf(guid, sizeof guid, "full-%d", i);
        store_article_in_t a = {.guid = guid, .title = guid, .summary = "lost?"};
        int64_t id = -7;
        int is_new = -1;
        if (store_article_add(c->s, c->feed, &a, T1, &id, &is_new) != 0 && is_new == 0) c->failed++;
    }
}

/* A full disk: every write fails and says so - once, not 50 times; what
 * was stored stays readable; writing works again when space returns. The
 * old store took INSERT ... RETURNING's row as success and stored nothing. */
static void full_disk_fails_clearly_and_recovers(void **state) {
    (void)state;
    faultvfs_install();
    char *dir = test_mkdtemp(), *path = db_path(dir);
    store_t *s;
    assert_int_equal(store_open(path, &s), 0);
    full_ctx_t c = {s, feed_with_articles(s, "http://x/feed", 5, T1), 0};
    assert_int_equal(store_feed_success(s, c.feed, T1, NULL, NULL, NULL, T1), 0);
    faultvfs_fail = SQLITE_FULL;
    char *log = stderr_of(add_many_on_full_disk, &c);
    faultvfs_fail = 0;
    assert_int_equal(c.failed, 50);
    assert_true(faultvfs_refused > 0);
    assert_int_equal(store_fault(s), SQLITE_FULL);
    assert_string_equal(store_fault_brief(s), "the disk is full");
    if (count_substr(log, "the disk is full") != 1) fail_msg("the log said:\n%s", log);
    assert_int_equal(count_substr(log, "\n"), 1);
    free(log);
    /* The other writes fail too, and are reported. */
    faultvfs_fail = SQLITE_FULL;
    char *points[] = {"a point"};
    assert_int_equal(store_article_set_points(s, 1, points, 1), -1);
    assert_int_equal(store_feed_success(s, c.feed, T1, "T", "\"e\"", NULL, T1), -1);
    int64_t story;
    assert_int_equal(store_article_set_story(s, 1, 0, "a:1", T1, &story), -1);
    assert_int_equal(store_prune(s, T1, 60, 0), -1);
    faultvfs_fail = 0;
    /* Nothing stored was lost, nothing half-written shows. */
    assert_int_equal(count_of(s, "articles"), 5);
    assert_int_equal(count_of(s, "stories"), 0);
    store_fault_clear(s);
    add_many_on_full_disk(&c);
    assert_int_equal(c.failed, 50); /* unchanged: all 50 stored now */
    assert_int_equal(store_fault(s), 0);
    assert_int_equal(count_of(s, "articles"), 55);
    store_close(s);
    assert_int_equal(pragma_int(path, "SELECT count(*) FROM articles"), 55);
    free(path);
    test_rmdir(dir);
}

/* Writes `len` bytes of `byte` at `offset` of path (or truncates it there
 * when len is 0). */
static void damage(const char *path, long offset, size_t len, int byte) {
    if (len == 0) {
        assert_int_equal(truncate(path, offset), 0);
        return;
    }
    FILE *f = fopen(path, "r+b");
    assert_non_null(f);
    fseek(f, offset, SEEK_SET);
    for (size_t i = 0; i < len; i++) fputc(byte == -1 ? (int)((i * 7919) & 0xff) : byte, f);
    fclose(f);
}

static int damaged_copies(const char *dir) {
    buf_t cmd = BUF_INIT, out = BUF_INIT;
    buf_printf(&cmd, "ls '%s' | grep -c '^store.db.damaged-'", dir);
    test_shell(cmd.data, &out);
    int n = atoi(buf_cstr(&out));
    buf_free(&cmd);
    buf_free(&out);
    return n;
}

/* Garbled mid-file, truncated, zeroed: the store is found damaged when it
 * is opened for writing, moved aside, and a new one started; status says
 * so (it said nothing and exited 0). */
static void damaged_store_is_moved_aside(void **state) {
    (void)state;
    faultvfs_fail = 0;
    static const struct {
        long offset;
        size_t len;
        int byte;
    } cases[] = {{8192, 4096, -1}, {12288, 0, 0}, {0, 65536, 0}};
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        char *dir = test_mkdtemp(), *path = db_path(dir);
        store_t *s;
        assert_int_equal(store_open(path, &s), 0);
        feed_with_articles(s, "http://x/feed", 400, T1);
        store_close(s); /* checkpoints: everything is in the main file */
        damage(path, cases[k].offset, cases[k].len, cases[k].byte);
        buf_t conf = BUF_INIT, args = BUF_INIT, err = BUF_INIT;
        buf_printf(&conf, "%s/b.conf", dir);
        buf_t text = BUF_INIT;
        buf_printf(&text, "[store]\npath = %s\n", path);
        assert_int_equal(file_write_atomic(conf.data, text.data, text.len), 0);
        buf_printf(&args, "status --config '%s'", conf.data);
        assert_int_equal(test_run(args.data, NULL, &err), 1);
        if (!strstr(buf_cstr(&err), "damaged") && !strstr(buf_cstr(&err), "malformed"))
            fail_msg("case %zu: status said: %s", k, buf_cstr(&err));
        assert_int_equal(damaged_copies(dir), 0); /* readers never move it */
        assert_int_equal(store_open(path, &s), 0);
        assert_int_equal(damaged_copies(dir), 1);
        assert_int_equal(count_of(s, "articles"), 0);
        feed_with_articles(s, "http://x/feed", 2, T1);
        store_close(s);
        assert_int_equal(test_run(args.data, NULL, NULL), 0);
        buf_free(&conf);
        buf_free(&args);
        buf_free(&err);
        buf_free(&text);
        free(path);
        test_rmdir(dir);
    }
}

/* A store in a directory nobody may write: `status` and `shot` read it
 * (they failed with "attempt to write a readonly database"). As root the
 * check runs in a child that gives up root. */
static void readers_work_in_readonly_dir(void **state) {
    (void)state;
    faultvfs_fail = 0;
    char *dir = test_mkdtemp(), *path = db_path(dir);
    store_t *s;
    assert_int_equal(store_open(path, &s), 0);
    feed_with_articles(s, "http://x/feed", 3, T1);
    store_close(s);
    buf_t conf = BUF_INIT, text = BUF_INIT;
    buf_printf(&conf, "%s/ro.conf", dir);
    buf_printf(&text, "[store]\npath = %s\n", path);
    assert_int_equal(file_write_atomic(conf.data, text.data, text.len), 0);
    assert_int_equal(chmod(conf.data, 0444), 0);
    assert_int_equal(chmod(path, 0444), 0);
    assert_int_equal(chmod(dir, 0555), 0);
    char png[64];
    snprintf(png, sizeof png, "/tmp/bulletin-ro-shot-%d.png", (int)getpid());
    unlink(png);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        if (getuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0)) _exit(90);
        /* A checkout inside a private directory (mktemp -d is 0700) keeps
         * the unprivileged user from running the binary at all. */
        if (access(test_bin(), X_OK) != 0) _exit(77);
        buf_t args = BUF_INIT, out = BUF_INIT;
        buf_printf(&args, "status --json --config '%s'", conf.data);
        if (test_run(args.data, &out, NULL) != 0) _exit(91);
        if (!strstr(buf_cstr(&out), "\"articles\":\t3")) _exit(92);
        buf_reset(&args);
        buf_printf(&args, "shot --config '%s' --out %s --size 320x180", conf.data, png);
        if (test_run(args.data, NULL, NULL) != 0) _exit(93);
        _exit(0);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    chmod(dir, 0755);
    assert_true(WIFEXITED(status));
    if (WEXITSTATUS(status) == 77) {
        fprintf(stderr, "user 65534 cannot run %s (its directory is private): not tested here\n",
                test_bin());
        unlink(png);
        buf_free(&conf);
        buf_free(&text);
        free(path);
        test_rmdir(dir);
        skip();
    }
    if (WEXITSTATUS(status) != 0) fail_msg("read-only reader step failed: %d", WEXITSTATUS(status));
    struct stat sb;
    assert_int_equal(stat(png, &sb), 0);
    assert_true(sb.st_size > 1000);
    unlink(png);
    /* Nothing was written beside the store. */
    assert_int_equal(damaged_copies(dir), 0);
    buf_free(&conf);
    buf_free(&text);
    free(path);
    test_rmdir(dir);
}

/* A power cut right after commits: every committed article is still there
 * after the reboot. faultvfs keeps of each file only what a sync put on the
 * disk. With synchronous=NORMAL the WAL is synced only at checkpoints, and
 * this lost all 12 commits (the QEMU boot test lost 21 of 38 articles). */
static void commits_survive_a_power_cut(void **state) {
    (void)state;
    faultvfs_install();
    char *dir = test_mkdtemp(), *path = db_path(dir);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) { /* the writer: 12 commits, then the power goes (no close) */
        faultvfs_keep_synced = 1;
        store_t *s;
        if (store_open(path, &s) != 0) _exit(2);
        int64_t feed;
        if (store_feed_ensure(s, "http://x/feed", "X", &feed) != 0) _exit(3);
        for (int i = 0; i < 12; i++) {
            char guid[32];
            snprintf(guid, sizeof guid, "g%d", i);
            store_article_in_t a = {.guid = guid, .title = "A title", .summary = "A summary."};
            int64_t id;
            int is_new;
            if (store_begin(s) || store_article_add(s, feed, &a, T1, &id, &is_new) ||
                store_commit(s))
                _exit(4);
        }
        _exit(0);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    faultvfs_power_cut(path);
    store_t *s;
    assert_int_equal(store_open(path, &s), 0);
    assert_int_equal(count_of(s, "articles"), 12);
    char *why = NULL;
    assert_int_equal(store_check(s, &why), 0);
    store_close(s);
    assert_int_equal(damaged_copies(dir), 0);
    free(path);
    test_rmdir(dir);
}

/* The WAL does not keep the size of the largest write: checkpoints copy it
 * into the file every 1000 pages and it is cut back to 4 MiB after. */
static void wal_stays_bounded(void **state) {
    (void)state;
    char *dir = test_mkdtemp(), *path = db_path(dir);
    store_t *s;
    assert_int_equal(store_open(path, &s), 0);
    int64_t feed;
    assert_int_equal(store_feed_ensure(s, "http://x/feed", "X", &feed), 0);
    char *text = xmalloc(4001);
    memset(text, 'a', 4000);
    text[4000] = 0;
    assert_int_equal(store_begin(s), 0); /* one pass of 12 MB */
    for (int i = 0; i < 3000; i++) {
        char guid[32];
        snprintf(guid, sizeof guid, "g%d", i);
        text[i % 4000] = 'b';
        store_article_in_t a = {.guid = guid, .title = "T", .text = text};
        int64_t id;
        int is_new;
        assert_int_equal(store_article_add(s, feed, &a, T1, &id, &is_new), 0);
    }
    assert_int_equal(store_commit(s), 0);
    char wal[600];
    snprintf(wal, sizeof wal, "%s-wal", path);
    struct stat sb;
    assert_int_equal(stat(wal, &sb), 0);
    assert_true(sb.st_size > 8 * 1024 * 1024); /* it did grow */
    /* The next small writes start the WAL over, and cut it back. */
    for (int i = 0; i < 3; i++)
        assert_int_equal(store_feed_success(s, feed, T1 + i, NULL, NULL, NULL, T1 + 60), 0);
    assert_int_equal(stat(wal, &sb), 0);
    if (sb.st_size > 4 * 1024 * 1024 + 64 * 1024)
        fail_msg("the WAL is %lld bytes after a checkpoint", (long long)sb.st_size);
    store_close(s);
    free(text);
    free(path);
    test_rmdir(dir);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(schema_is_versioned_and_wal),
        cmocka_unit_test(articles_are_stored_once),
        cmocka_unit_test(future_dates_are_clamped),
        cmocka_unit_test(feed_state_success_failure),
        cmocka_unit_test(backoff_doubles_with_cap_and_jitter),
        cmocka_unit_test(prune_keeps_what_failing_feeds_gave),
        cmocka_unit_test(prune_drops_stories_with_their_articles),
        cmocka_unit_test(migrates_v1_with_data),
        cmocka_unit_test(full_disk_fails_clearly_and_recovers),
        cmocka_unit_test(damaged_store_is_moved_aside),
        cmocka_unit_test(readers_work_in_readonly_dir),
        cmocka_unit_test(commits_survive_a_power_cut),
        cmocka_unit_test(wal_stays_bounded),
    };
    return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
