/* fixture.h - the scratch wall the end-to-end tests of the fetch side share:
 * a temporary directory with a config and a store path in it, and the local
 * test server (testhttpd.h) that plays the web.
 *
 * test_fixture_new starts libcurl, makes the directory (and, with_files, a
 * second one the server serves as /file/NAME: BULLETIN_TEST_FILES), starts
 * the server and names dir/test.conf and dir/store.db. NULL when any of it
 * fails. test_fixture_free stops the server (and f->tls, when a test
 * started an HTTPS one there), removes the directories and stops libcurl.
 * test_fixture_config writes f->conf: head, then feeds with each "@" read
 * as the server's base URL. test_fixture_setup (test_fixture_setup_files
 * with the served directory) and test_fixture_teardown are the same as
 * cmocka setup and teardown functions: *state is the fixture.
 */
#ifndef BULLETIN_TEST_FIXTURE_H
#define BULLETIN_TEST_FIXTURE_H

#include "testutil.h"
#include "testhttpd.h"

typedef struct {
    testhttpd_t http;
    testhttpd_t tls;    /* started by the test that needs it */
    char *dir;          /* scratch: config, store, image cache */
    char *files;        /* what the server serves as /file/NAME, or NULL */
    char conf[512];
    char db[512];
} test_fixture_t;

static inline test_fixture_t *test_fixture_new(int with_files) {
    test_fixture_t *f = xcalloc(1, sizeof *f);
    fetch_global_init();
    f->dir = test_mkdtemp();
    if (with_files) {
        f->files = test_mkdtemp();
        if (f->files) setenv("BULLETIN_TEST_FILES", f->files, 1);
    }
    if (!f->dir || (with_files && !f->files) || testhttpd_start(&f->http, NULL, NULL) != 0) {
        if (f->dir) test_rmdir(f->dir);
        if (f->files) test_rmdir(f->files);
        free(f);
        fetch_global_cleanup();
        return NULL;
    }
    snprintf(f->conf, sizeof f->conf, "%s/test.conf", f->dir);
    snprintf(f->db, sizeof f->db, "%s/store.db", f->dir);
    return f;
}

static inline void test_fixture_free(test_fixture_t *f) {
    if (!f) return;
    testhttpd_stop(&f->http);
    testhttpd_stop(&f->tls);
    test_rmdir(f->dir);
    test_rmdir(f->files);
    free(f);
    fetch_global_cleanup();
}

static inline int test_fixture_setup(void **state) {
    *state = test_fixture_new(0);
    return *state ? 0 : -1;
}

static inline int test_fixture_setup_files(void **state) {
    *state = test_fixture_new(1);
    return *state ? 0 : -1;
}

static inline int test_fixture_teardown(void **state) {
    test_fixture_free(*state);
    return 0;
}

static inline void test_fixture_config(const test_fixture_t *f, const char *head, const char *feeds) {
    buf_t c = BUF_INIT;
    buf_puts(&c, head);
    for (const char *p = feeds; *p; p++) {
        if (*p == '@') buf_puts(&c, f->http.base);
        else buf_append(&c, p, 1);
    }
    assert_int_equal(file_write_atomic(f->conf, c.data, c.len), 0);
    buf_free(&c);
}

#endif
