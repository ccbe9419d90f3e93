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

#include "clock.h"
#include "config.h"
#include "fetch.h"
#include "store.h"
#include "fixture.h"
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

/* The child: passes, forced, one after another, until it is killed (or
 * one pass only, to time it). */
static void worker_until_killed(const char *conf, int once) {
    config_t cfg;
    if (config_load(conf, &cfg) != 0) _exit(2);
    store_t *store;
    if (store_open(cfg.store_path, &store) != 0) _exit(3);
    for (;;) {
        worker_stats_t st;
        if (worker_pass(&cfg, store, T0, 1, &st) < 0) _exit(4);
        if (once) _exit(0);
    }
}

static void test_kill_during_writes(void **state) {
    (void)state;
    test_fixture_t *f = test_fixture_new(0);
    assert_non_null(f);
    buf_t text = BUF_INIT;
    buf_printf(&text, "[store]\npath = %s\n[fetch]\ntimeout = 5s\nparallel = 8\n", f->db);
    for (int i = 0; i < N_FEEDS; i++) {
        /* rolling: new items at every fetch; two feeds with pages too */
        char name[16];
        snprintf(name, sizeof name, "r%d", i);
        if (i < N_FEEDS - 2) testhttpd_mode(&f->http, name, "rolling", NULL);
        buf_printf(&text, "[feed \"F%d\"]\nurl = %s/f/%s\nfulltext = %s\n", i, f->http.base, name,
                   i < N_FEEDS - 2 ? "no" : "yes");
    }
    assert_int_equal(file_write_atomic(f->conf, text.data, text.len), 0);
    /* How long one pass takes here (a sanitizer, valgrind or qemu make it
     * slower): the kills land anywhere in a pass. */
    int64_t t0 = clock_mono_ms();
    pid_t timer = fork();
    assert_true(timer >= 0);
    if (timer == 0) {
        int devnull = open("/dev/null", O_WRONLY);
        if (devnull >= 0) dup2(devnull, 2);
        worker_until_killed(f->conf, 1);
    }
    int tstatus;
    assert_int_equal(waitpid(timer, &tstatus, 0), timer);
    assert_true(WIFEXITED(tstatus) && WEXITSTATUS(tstatus) == 0);
    long pass_ms = (long)(clock_mono_ms() - t0);
    if (pass_ms < 20) pass_ms = 20;
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
            worker_until_killed(f->conf, 0);
        }
        long nap_ms = pass_ms / 10 + rand() % pass_ms;
        struct timespec nap = {nap_ms / 1000, (nap_ms % 1000) * 1000000L};
        nanosleep(&nap, NULL);
        kill(pid, SIGKILL);
        int status;
        assert_int_equal(waitpid(pid, &status, 0), pid);
        if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) kills++;
        else fail_msg("round %d: the worker exited by itself (status %d)", round, status);
        idset_t now;
        char *verdict = check_store(f->db, &now);
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
    assert_int_equal(config_load(f->conf, &cfg), 0);
    store_t *store;
    assert_int_equal(store_open(cfg.store_path, &store), 0);
    worker_stats_t st;
    assert_true(worker_pass(&cfg, store, T0, 1, &st) >= 0);
    store_close(store);
    config_free(&cfg);
    assert_int_equal(query_int(f->db, "SELECT count(*) FROM articles WHERE story_id IS NULL"), 0);
    assert_int_equal(query_int(f->db, "SELECT count(*) FROM stories WHERE stale != 0"), 0);
    assert_true(query_int(f->db, "SELECT count(*) FROM articles") >= (long long)seen.n);
    printf("crash: %d kills over %ld ms passes, %zu articles committed, %d rounds added some; "
           "store sound after each\n", kills, pass_ms, seen.n, grew);
    free(seen.ids);
    buf_free(&text);
    test_fixture_free(f);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kill_during_writes),
    };
    return cmocka_run_group_tests_name("crash", tests, NULL, NULL);
}
