/* test_crash.c - crash consistency: the fetch worker killed with SIGKILL
 * at random moments while it writes (articles, points, stories), 100 times.
 * After each kill the store passes PRAGMA integrity_check and every article
 * seen committed before is still there; at the end one clean pass leaves no
 * article outside a story and no story waiting for its points. */
#include "testutil.h"

#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <time.h>

#include "config.h"
#include "fetch.h"
#include "store.h"
#include "testhttpd.h"
#include "worker.h"

#define T0 ((time_t)1760000000)
#define KILLS 100
#define N_FEEDS 6

typedef struct {
    int64_t *ids;
    size_t n;
} idset_t;

static int has_id(const idset_t *s, int64_t id) {
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (s->ids[mid] == id) return 1;
        if (s->ids[mid] < id) lo = mid + 1;
        else hi = mid;
    }
    return 0;
}

/* integrity_check's answer, and the ids of the stored articles, sorted. */
static char *check_store(const char *path, idset_t *out) {
    sqlite3 *db;
    char *verdict = NULL;
    out->ids = NULL;
    out->n = 0;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        sqlite3_close(db);
        return xstrdup("cannot open");
    }
    sqlite3_busy_timeout(db, 5000);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        verdict = xstrdup((const char *)sqlite3_column_text(st, 0));
    else verdict = xstrdup(sqlite3_errmsg(db));
    sqlite3_finalize(st);
    if (sqlite3_prepare_v2(db, "SELECT id FROM articles ORDER BY id", -1, &st, NULL) == SQLITE_OK)
        while (sqlite3_step(st) == SQLITE_ROW) {
            out->ids = xrealloc(out->ids, (out->n + 1) * sizeof *out->ids);
            out->ids[out->n++] = sqlite3_column_int64(st, 0);
        }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return verdict;
}

static long long query_int(const char *path, const char *sql) {
    sqlite3 *db;
    sqlite3_stmt *st;
    long long v = -1;
    if (sqlite3_open(path, &db) == SQLITE_OK &&
        sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return v;
}

/* The child: passes, forced, one after another, until it is killed. */
static void worker_until_killed(const char *conf) {
    config_t cfg;
    if (config_load(conf, &cfg) != 0) _exit(2);
    store_t *store;
    if (store_open(cfg.store_path, &store) != 0) _exit(3);
    for (;;) {
        worker_stats_t st;
        if (worker_pass(&cfg, store, T0, 1, &st) < 0) _exit(4);
    }
}

static void test_kill_during_writes(void **state) {
    (void)state;
    fetch_global_init();
    char *dir = test_mkdtemp();
    testhttpd_t http;
    assert_int_equal(testhttpd_start(&http, NULL, NULL), 0);
    buf_t conf = BUF_INIT, text = BUF_INIT, db = BUF_INIT;
    buf_printf(&conf, "%s/crash.conf", dir);
    buf_printf(&db, "%s/store.db", dir);
    buf_printf(&text, "[store]\npath = %s\n[fetch]\ntimeout = 5s\nparallel = 8\n", db.data);
    for (int i = 0; i < N_FEEDS; i++) {
        /* rolling: new items at every fetch; two feeds with pages too */
        char name[16];
        snprintf(name, sizeof name, "r%d", i);
        if (i < N_FEEDS - 2) testhttpd_mode(&http, name, "rolling", NULL);
        buf_printf(&text, "[feed \"F%d\"]\nurl = %s/f/%s\nfulltext = %s\n", i, http.base, name,
                   i < N_FEEDS - 2 ? "no" : "yes");
    }
    assert_int_equal(file_write_atomic(conf.data, text.data, text.len), 0);
    srand(20261202);
    idset_t seen = {0};
    int kills = 0, grew = 0;
    for (int round = 0; round < KILLS; round++) {
        fflush(NULL);
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            /* quiet: the log of 100 killed workers says nothing useful */
            int devnull = open("/dev/null", O_WRONLY);
            if (devnull >= 0) dup2(devnull, 2);
            worker_until_killed(conf.data);
        }
        struct timespec nap = {0, (long)(5 + rand() % 150) * 1000000L};
        nanosleep(&nap, NULL);
        kill(pid, SIGKILL);
        int status;
        assert_int_equal(waitpid(pid, &status, 0), pid);
        if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) kills++;
        else fail_msg("round %d: the worker exited by itself (status %d)", round, status);
        idset_t now;
        char *verdict = check_store(db.data, &now);
        if (strcmp(verdict, "ok") != 0) fail_msg("round %d: integrity_check: %s", round, verdict);
        free(verdict);
        for (size_t i = 0; i < seen.n; i++)
            if (!has_id(&now, seen.ids[i]))
                fail_msg("round %d: article %lld was committed and is gone", round,
                         (long long)seen.ids[i]);
        grew += now.n > seen.n;
        free(seen.ids);
        seen = now;
    }
    assert_int_equal(kills, KILLS);
    assert_true(seen.n > 0);
    assert_true(grew > 10); /* the kills did land while it was writing */
    /* One clean pass repairs what the kills left half done. */
    config_t cfg;
    assert_int_equal(config_load(conf.data, &cfg), 0);
    store_t *store;
    assert_int_equal(store_open(cfg.store_path, &store), 0);
    worker_stats_t st;
    assert_true(worker_pass(&cfg, store, T0, 1, &st) >= 0);
    store_close(store);
    config_free(&cfg);
    assert_int_equal(query_int(db.data, "SELECT count(*) FROM articles WHERE story_id IS NULL"), 0);
    assert_int_equal(query_int(db.data, "SELECT count(*) FROM stories WHERE stale != 0"), 0);
    assert_true(query_int(db.data, "SELECT count(*) FROM articles") >= (long long)seen.n);
    printf("crash: %d kills, %zu articles committed, store sound after each\n", kills, seen.n);
    free(seen.ids);
    testhttpd_stop(&http);
    buf_free(&conf);
    buf_free(&text);
    buf_free(&db);
    test_rmdir(dir);
    fetch_global_cleanup();
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kill_during_writes),
    };
    return cmocka_run_group_tests_name("crash", tests, NULL, NULL);
}
