/* test_story.c - stories in the store: articles join stories as they come,
 * a story's points come from all its articles, one slide per story with its
 * outlets credited; the schema migrates from version 1; and the demo feeds
 * fetched end to end give one slide per multi-outlet story. */
#include "testutil.h"

#include <sqlite3.h>

#include "config.h"
#include "deck.h"
#include "store.h"
#include "story_internal.h"

#define T0 1790000000

typedef struct {
    const char *feed, *title, *text;
    int hour;
} art_t;

static const art_t arts[] = {
    {"Capital Courier", "Judge blocks order cutting public radio funds - Capital Courier",
     "A federal judge in Boston on Wednesday blocked an executive order that would have ended "
     "federal grants to public radio stations. Judge Helen Marsh ruled that Congress controls "
     "the money. About 240 small stations rely on the grants for a third of their budgets. "
     "The White House said it would appeal.", 0},
    {"Northern Wire", "Dunmore floods as River Calder bursts its banks",
     "About 300 homes were flooded in Dunmore on Saturday after the River Calder burst its "
     "banks following two days of heavy rain. Firefighters used boats to rescue 45 people from "
     "the Millbrook estate. The river peaked at 4.8 metres, a record.", 1},
    {"Northern Wire", "Public radio stations win reprieve in Boston court",
     "Public radio stations won a reprieve on Wednesday when Judge Helen Marsh of the federal "
     "court in Boston halted the order stopping their grants. Station managers said some 240 "
     "rural broadcasters would close without the money. The administration plans to appeal.", 2},
    {"The Ledger", "Boston ruling keeps public radio grants flowing | The Ledger",
     "The ruling by Judge Helen Marsh in Boston keeps federal grants flowing to 240 public "
     "radio stations until a full hearing. Congress, she wrote, controls the money. The White "
     "House will appeal the decision.", 3},
};

static void add_article(store_t *st, const art_t *a, int64_t *id) {
    int64_t feed_id;
    buf_t url = BUF_INIT;
    buf_printf(&url, "https://%c.example/feed", a->feed[0]);
    assert_int_equal(store_feed_ensure(st, url.data, a->feed, &feed_id), 0);
    store_article_in_t in = {.title = a->title, .text = a->text, .url = a->title,
                             .lang = "en", .published = T0 + a->hour * 3600};
    int is_new;
    assert_int_equal(store_article_add(st, feed_id, &in, T0 + 86400, id, &is_new), 0);
    assert_true(is_new);
    buf_free(&url);
}

static void test_articles_join_stories(void **state) {
    (void)state;
    char *dir = test_mkdtemp();
    buf_t path = BUF_INIT;
    buf_printf(&path, "%s/store.db", dir);
    store_t *st;
    assert_int_equal(store_open(path.data, &st), 0);
    int64_t ids[4];
    for (size_t i = 0; i < 4; i++) {
        add_article(st, &arts[i], &ids[i]);
        assert_int_equal(story_add_article(st, ids[i], T0 + 86400, NULL), 0);
    }
    /* Again: an article already placed stays where it is. */
    assert_int_equal(story_add_article(st, ids[0], T0 + 86400, NULL), 0);
    int64_t n_stories;
    assert_int_equal(store_story_count(st, &n_stories), 0);
    assert_int_equal(n_stories, 2);
    store_slide_t *slides;
    size_t n;
    assert_int_equal(store_slides_load(st, 10, &slides, &n), 0);
    assert_int_equal(n, 2);
    /* Newest first: the radio story (newest article at hour 3). */
    const store_slide_t *radio = &slides[0], *flood = &slides[1];
    assert_int_equal(radio->n_sources, 3);
    assert_int_equal(radio->published, T0 + 3 * 3600);
    assert_null(strstr(radio->headline, "Capital Courier"));
    assert_null(strstr(radio->headline, "The Ledger"));
    assert_true(radio->n_points >= 2);
    /* The lead outlet first; every outlet once. */
    int found[3] = {0};
    for (size_t i = 0; i < radio->n_sources; i++) {
        found[0] += strcmp(radio->sources[i], "Capital Courier") == 0;
        found[1] += strcmp(radio->sources[i], "Northern Wire") == 0;
        found[2] += strcmp(radio->sources[i], "The Ledger") == 0;
    }
    assert_true(found[0] == 1 && found[1] == 1 && found[2] == 1);
    assert_non_null(radio->link);
    assert_int_equal(flood->n_sources, 1);
    assert_string_equal(flood->sources[0], "Northern Wire");
    assert_string_equal(flood->headline, "Dunmore floods as River Calder bursts its banks");
    store_slides_free(slides, n);
    store_close(st);
    buf_free(&path);
    test_rmdir(dir);
}

static void test_migrates_from_version_1(void **state) {
    (void)state;
    char *dir = test_mkdtemp();
    buf_t path = BUF_INIT;
    buf_printf(&path, "%s/old.db", dir);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path.data, &db), SQLITE_OK);
    const char *v1 =
        "CREATE TABLE feeds(id INTEGER PRIMARY KEY, url TEXT NOT NULL UNIQUE, name TEXT,"
        " title TEXT, etag TEXT, last_modified TEXT, last_attempt INTEGER NOT NULL DEFAULT 0,"
        " last_success INTEGER NOT NULL DEFAULT 0, last_error TEXT,"
        " failures INTEGER NOT NULL DEFAULT 0, next_due INTEGER NOT NULL DEFAULT 0);"
        "CREATE TABLE articles(id INTEGER PRIMARY KEY, feed_id INTEGER NOT NULL, key TEXT NOT NULL,"
        " guid TEXT, url TEXT, title TEXT, summary TEXT, text TEXT, image TEXT, author TEXT,"
        " lang TEXT, published INTEGER NOT NULL, first_seen INTEGER NOT NULL,"
        " UNIQUE(feed_id, key));"
        "CREATE TABLE points(article_id INTEGER NOT NULL, rank INTEGER NOT NULL,"
        " text TEXT NOT NULL, PRIMARY KEY(article_id, rank));"
        "INSERT INTO feeds(id, url, name) VALUES(1, 'https://a.example/', 'Old Feed');"
        "INSERT INTO articles(id, feed_id, key, title, summary, published, first_seen)"
        " VALUES(1, 1, 'g:1', 'Kept across the upgrade', 'A summary.', 1790000000, 1790000000);"
        "PRAGMA user_version = 1;";
    assert_int_equal(sqlite3_exec(db, v1, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    store_t *st;
    assert_int_equal(store_open(path.data, &st), 0);
    store_slide_t *slides;
    size_t n;
    /* An article in no story yet is a slide of its own. */
    assert_int_equal(store_slides_load(st, 10, &slides, &n), 0);
    assert_int_equal(n, 1);
    assert_string_equal(slides[0].headline, "Kept across the upgrade");
    assert_int_equal(slides[0].n_sources, 1);
    assert_int_equal(slides[0].n_points, 1);
    store_slides_free(slides, n);
    /* It joins a story when clustered. */
    assert_int_equal(story_add_article(st, 1, T0, NULL), 0);
    int64_t n_stories;
    assert_int_equal(store_story_count(st, &n_stories), 0);
    assert_int_equal(n_stories, 1);
    store_close(st);
    buf_free(&path);
    test_rmdir(dir);
}

/* The demo's stories told by several outlets: each one slide. */
static void test_demo_end_to_end(void **state) {
    (void)state;
    char *dir = test_mkdtemp();
    char cwd[4096];
    assert_non_null(getcwd(cwd, sizeof cwd));
    buf_t conf = BUF_INIT, text = BUF_INIT, args = BUF_INIT, out = BUF_INIT;
    buf_printf(&conf, "%s/demo.conf", dir);
    buf_printf(&text,
               "[store]\npath = %s/demo.db\n"
               "[feed \"The Harbour Herald\"]\nurl = %s/feeds/demo/harbour-herald.xml\n"
               "[feed \"Northern Wire\"]\nurl = %s/feeds/demo/northern-wire.xml\n"
               "[feed \"The Civic Ledger\"]\nurl = %s/feeds/demo/civic-ledger.atom\n",
               dir, cwd, cwd, cwd);
    FILE *f = fopen(conf.data, "w");
    assert_non_null(f);
    fputs(text.data, f);
    fclose(f);
    buf_printf(&args, "fetch --once --force --config %s", conf.data);
    assert_int_equal(test_run(args.data, &out, NULL), 0);
    config_t cfg;
    assert_int_equal(config_load(conf.data, &cfg), 0);
    store_t *st;
    assert_int_equal(store_open(cfg.store_path, &st), 0);
    store_slide_t *slides;
    size_t n;
    assert_int_equal(store_slides_load(st, 50, &slides, &n), 0);
    assert_int_equal(n, 11); /* 17 articles, 11 stories */
    const char *keys[4] = {"Lantern Bridge", "microplastics", "Greyfin", "gale"};
    size_t want[4] = {3, 3, 2, 2};
    for (int k = 0; k < 4; k++) {
        size_t hits = 0;
        for (size_t i = 0; i < n; i++) {
            int about = strstr(slides[i].headline, keys[k]) != NULL;
            for (size_t j = 0; j < slides[i].n_points && !about; j++)
                about = strstr(slides[i].points[j], keys[k]) != NULL;
            if (about && slides[i].n_sources >= 2) {
                hits++;
                assert_int_equal(slides[i].n_sources, want[k]);
            }
        }
        assert_int_equal(hits, 1);
    }
    store_slides_free(slides, n);
    /* The deck plays them all, none twice in a row. */
    deck_t deck;
    assert_int_equal(deck_load(st, &cfg, 1795219200 /* 2026-11-21 */, &deck), 0);
    assert_true(deck.n >= 11);
    for (size_t i = 0; i < deck.n; i++)
        assert_int_not_equal(deck.slides[i].id, deck.slides[(i + 1) % deck.n].id);
    deck_free(&deck);
    store_close(st);
    config_free(&cfg);
    buf_free(&conf);
    buf_free(&text);
    buf_free(&args);
    buf_free(&out);
    test_rmdir(dir);
}

/* Everything story clustering leaves in the store, as one text. */
static char *story_dump(const char *path) {
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    buf_t out = BUF_INIT;
    const char *sql[] = {
        "SELECT id || '|' || created || '|' || COALESCE(headline, '-') || '|' ||"
        " COALESCE(lead_article_id, 0) || '|' || stale FROM stories ORDER BY id",
        "SELECT story_id || '|' || rank || '|' || text || '|' || COALESCE(article_id, 0)"
        " FROM story_points ORDER BY story_id, rank",
        "SELECT id || '|' || COALESCE(story_id, 0) || '|' || COALESCE(cluster_terms, '-')"
        " FROM articles ORDER BY id",
    };
    for (size_t q = 0; q < sizeof sql / sizeof *sql; q++) {
        sqlite3_stmt *st;
        assert_int_equal(sqlite3_prepare_v2(db, sql[q], -1, &st, NULL), SQLITE_OK);
        while (sqlite3_step(st) == SQLITE_ROW) {
            buf_puts(&out, (const char *)sqlite3_column_text(st, 0));
            buf_putc(&out, '\n');
        }
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return buf_detach(&out);
}

static char *store_in(const char *dir, const char *name, store_t **st) {
    buf_t path = BUF_INIT;
    buf_printf(&path, "%s/%s", dir, name);
    assert_int_equal(store_open(path.data, st), 0);
    return buf_detach(&path);
}

/* A batch (one refresh per story, the window read once) leaves exactly
 * what one story_add_article per article leaves. */
static void test_batch_same_as_one_by_one(void **state) {
    (void)state;
    char *dir = test_mkdtemp();
    store_t *one, *many;
    char *p_one = store_in(dir, "one.db", &one), *p_many = store_in(dir, "many.db", &many);
    int64_t ids[4];
    for (size_t i = 0; i < 4; i++) {
        add_article(one, &arts[i], &ids[i]);
        assert_int_equal(story_add_article(one, ids[i], T0 + 86400, NULL), 0);
    }
    story_batch_t *b = story_batch_new(many, NULL);
    for (size_t i = 0; i < 4; i++) {
        add_article(many, &arts[i], &ids[i]);
        assert_int_equal(story_batch_add(b, ids[i], T0 + 86400), 0);
    }
    /* Until the batch is finished, its stories are marked stale. */
    int64_t *stale;
    size_t n_stale;
    assert_int_equal(store_stories_stale(many, 10, &stale, &n_stale), 0);
    assert_int_equal(n_stale, 2);
    free(stale);
    assert_int_equal(story_batch_finish(b), 0);
    assert_int_equal(store_stories_stale(many, 10, &stale, &n_stale), 0);
    assert_int_equal(n_stale, 0);
    free(stale);
    store_close(one);
    store_close(many);
    char *d_one = story_dump(p_one), *d_many = story_dump(p_many);
    assert_non_null(strstr(d_one, "|Dunmore floods")); /* a story with its headline */
    assert_string_equal(d_one, d_many);
    free(d_one);
    free(d_many);
    free(p_one);
    free(p_many);
    test_rmdir(dir);
}

/* A pass killed after placing two articles, before computing their
 * stories' points (a child process that exits at that moment): the next
 * pass's repair leaves the same store as a pass never interrupted. */
static void test_repair_after_kill(void **state) {
    (void)state;
    char *dir = test_mkdtemp();
    store_t *ref, *cut;
    char *p_ref = store_in(dir, "ref.db", &ref), *p_cut = store_in(dir, "cut.db", &cut);
    int64_t ids[4];
    story_batch_t *b = story_batch_new(ref, NULL);
    for (size_t i = 0; i < 4; i++) {
        add_article(ref, &arts[i], &ids[i]);
        assert_int_equal(story_batch_add(b, ids[i], T0 + 86400), 0);
        add_article(cut, &arts[i], &ids[i]);
    }
    assert_int_equal(story_batch_finish(b), 0);
    store_close(ref);
    store_close(cut);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        store_t *child;
        if (store_open(p_cut, &child) != 0) _exit(1);
        story_batch_t *cb = story_batch_new(child, NULL);
        int rc = story_batch_add(cb, ids[0], T0 + 86400) | story_batch_add(cb, ids[1], T0 + 86400);
        _exit(rc ? 1 : 0); /* no finish, no close: as if killed */
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    assert_int_equal(store_open(p_cut, &cut), 0);
    int64_t *left;
    size_t n_left;
    assert_int_equal(store_articles_unclustered(cut, 10, &left, &n_left), 0);
    assert_int_equal(n_left, 2);
    free(left);
    assert_int_equal(store_stories_stale(cut, 10, &left, &n_left), 0);
    assert_true(n_left >= 1);
    free(left);
    b = story_batch_new(cut, NULL);
    assert_int_equal(story_batch_repair(b, 100, T0 + 86400), 0);
    assert_int_equal(story_batch_finish(b), 0);
    assert_int_equal(store_articles_unclustered(cut, 10, &left, &n_left), 0);
    assert_int_equal(n_left, 0);
    free(left);
    store_close(cut);
    char *d_ref = story_dump(p_ref), *d_cut = story_dump(p_cut);
    assert_string_equal(d_ref, d_cut);
    free(d_ref);
    free(d_cut);
    free(p_ref);
    free(p_cut);
    test_rmdir(dir);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_articles_join_stories),
        cmocka_unit_test(test_migrates_from_version_1),
        cmocka_unit_test(test_demo_end_to_end),
        cmocka_unit_test(test_batch_same_as_one_by_one),
        cmocka_unit_test(test_repair_after_kill),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
