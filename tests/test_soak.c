/* test_soak.c - the fetch worker's accelerated week: 20 feeds fetched every
 * 10 minutes of an injected clock (a new edition of 5 items each hour, 304
 * in between) from the local server, in one process, as the worker runs
 * for months. Every simulated hour it reports the process's RSS, its open
 * file descriptors, the store's size and the bytes SQLite wrote in that
 * hour (and its syncs: one per commit), and checks they stay flat: no fd or memory growth, writes under the
 * SD card budget of 5 MB an hour. SOAK_HOURS sets the length (make test: a
 * slice of 6 hours; make soak: 9 days, past the 7-day pruning). */
#include "testutil.h"

#include <dirent.h>
#include <sys/stat.h>

#include "config.h"
#include "faultvfs.h"
#include "fetch.h"
#include "log_internal.h"
#include "store.h"
#include "fixture.h"
#include "worker.h"

#define T0 ((time_t)1760000000)
#define N_FEEDS 20
#define PASS_EVERY_S 600
#define WRITE_BUDGET_PER_HOUR (5LL * 1000 * 1000)

static long rss_kib(void) {
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long v = -1;
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, "VmRSS:", 6) == 0) v = atol(line + 6);
    if (f) fclose(f);
    return v;
}

static int open_fds(void) {
    DIR *d = opendir("/proc/self/fd");
    int n = 0;
    if (!d) return -1;
    while (readdir(d)) n++;
    closedir(d);
    return n - 3; /* ".", "..", and the directory itself */
}

static long long store_bytes(const char *db) {
    static const char *const ext[] = {"", "-wal", "-shm"};
    long long total = 0;
    for (int i = 0; i < 3; i++) {
        char p[600];
        struct stat sb;
        snprintf(p, sizeof p, "%s%s", db, ext[i]);
        if (stat(p, &sb) == 0) total += sb.st_size;
    }
    return total;
}

static void test_worker_week(void **state) {
    (void)state;
    const char *env = getenv("SOAK_HOURS");
    int hours = env && atoi(env) > 0 ? atoi(env) : 6;
    log_set_level(LOG_LVL_ERROR);
    faultvfs_install();
    test_fixture_t *f = test_fixture_new(0);
    assert_non_null(f);
    buf_t text = BUF_INIT;
    buf_printf(&text, "[store]\npath = %s\n[fetch]\ntimeout = 10s\nparallel = 8\n", f->db);
    for (int i = 0; i < N_FEEDS; i++) {
        char name[16];
        snprintf(name, sizeof name, "s%d", i);
        testhttpd_mode(&f->http, name, "rolling6", NULL);
        buf_printf(&text, "[feed \"Soak %d\"]\nurl = %s/f/%s\nrefresh = 10m\nfulltext = no\n", i,
                   f->http.base, name);
    }
    assert_int_equal(file_write_atomic(f->conf, text.data, text.len), 0);
    config_t cfg;
    assert_int_equal(config_load(f->conf, &cfg), 0);
    store_t *store;
    assert_int_equal(store_open(cfg.store_path, &store), 0);
    long rss_first = 0, rss_max = 0, rss_last = 0;
    int fds_first = 0, fds_max = 0;
    long long written_max = 0;
    printf("soak: %d feeds every %d s of an injected clock, %d hours\n", N_FEEDS, PASS_EVERY_S,
           hours);
    printf("soak: %5s %10s %5s %12s %14s %8s\n", "hour", "RSS KiB", "fds", "store KiB",
           "written KiB/h", "syncs/h");
    for (int h = 0; h < hours; h++) {
        unsigned long long written_before = faultvfs_written;
        unsigned long syncs_before = faultvfs_syncs;
        for (int p = 0; p < 3600 / PASS_EVERY_S; p++) {
            worker_stats_t st;
            time_t now = T0 + (time_t)h * 3600 + p * PASS_EVERY_S;
            int rc = worker_pass(&cfg, store, now, 0, &st);
            if (rc != 0) fail_msg("hour %d pass %d: %d (%d failed)", h, p, rc, st.feeds_failed);
        }
        long long written = (long long)(faultvfs_written - written_before);
        long rss = rss_kib();
        int fds = open_fds();
        if (h == 0) {
            rss_first = rss;
            fds_first = fds;
        }
        if (rss > rss_max) rss_max = rss;
        if (fds > fds_max) fds_max = fds;
        if (written > written_max) written_max = written;
        rss_last = rss;
        printf("soak: %5d %10ld %5d %12lld %14lld %8lu\n", h + 1, rss, fds,
               store_bytes(f->db) / 1024, written / 1024, faultvfs_syncs - syncs_before);
        fflush(stdout);
    }
    store_close(store);
    printf("soak: RSS first %ld KiB, last %ld, max %ld; fds first %d, max %d; "
           "most written in an hour %lld KiB (budget %lld)\n",
           rss_first, rss_last, rss_max, fds_first, fds_max, written_max / 1024,
           WRITE_BUDGET_PER_HOUR / 1024);
    assert_true(written_max < WRITE_BUDGET_PER_HOUR);
    assert_true(fds_max <= fds_first + 2);
#if !defined(__SANITIZE_ADDRESS__)
    /* (under AddressSanitizer freed memory waits in its quarantine: RSS
     * says nothing there, LeakSanitizer does) */
    assert_true(rss_last <= rss_first + 16 * 1024);
#endif
    int64_t n;
    assert_int_equal(store_open(cfg.store_path, &store), 0);
    assert_int_equal(store_article_count(store, &n), 0);
    store_close(store);
    assert_true(n >= N_FEEDS * 5);
    config_free(&cfg);
    buf_free(&text);
    test_fixture_free(f);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_worker_week),
    };
    return cmocka_run_group_tests_name("soak", tests, NULL, NULL);
}
