/* testutil.h - what every test file of Bulletin includes.
 *
 * cmocka's headers in the order it needs, and a few helpers: run the bulletin
 * binary under test (BULLETIN_BIN, set by the Makefile) and capture its
 * output and exit status, make a scratch directory, read a file.
 * Tests run with the project root as the working directory.
 */
#ifndef BULLETIN_TESTUTIL_H
#define BULLETIN_TESTUTIL_H

/* app/ checks its internal invariants with assert() (docs/architecture.md):
 * a build the tests run keeps them. */
#ifdef NDEBUG
#error "build the tests without NDEBUG: the assert()s in app/ are part of what they check"
#endif

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "buf.h"
#include "fileio.h"

/* Path of the bulletin binary under test. */
static inline const char *test_bin(void) {
    const char *b = getenv("BULLETIN_BIN");
    return b && *b ? b : "./bulletin";
}

/* Runs cmd through /bin/sh, its stdout appended to out (if non-NULL).
 * Returns the exit status, or -1 when it did not exit normally. */
static inline int test_shell(const char *cmd, buf_t *out) {
    FILE *p = popen(cmd, "r");
    if (!p) return -1;
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
        if (out) buf_append(out, chunk, n);
    int st = pclose(p);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* Runs "BULLETIN_BIN ARGS" through /bin/sh, stdout into out (if non-NULL),
 * stderr into err (if non-NULL). Returns the exit status, or -1. */
static inline int test_run(const char *args, buf_t *out, buf_t *err) {
    char errfile[] = "/tmp/bulletin-test-err-XXXXXX";
    int efd = mkstemp(errfile);
    if (efd < 0) return -1;
    close(efd);
    buf_t cmd = BUF_INIT;
    buf_printf(&cmd, "%s %s 2>%s", test_bin(), args, errfile);
    int st = test_shell(cmd.data, out);
    buf_free(&cmd);
    if (err) file_read(errfile, 1 << 24, err, NULL);
    unlink(errfile);
    return st;
}

/* A fresh scratch directory under /tmp; the caller removes it with
 * test_rmdir. Returns a malloc'd path. */
static inline char *test_mkdtemp(void) {
    char tmpl[] = "/tmp/bulletin-test-XXXXXX";
    char *d = mkdtemp(tmpl);
    return d ? xstrdup(d) : NULL;
}

static inline void test_rmdir(char *dir) {
    if (!dir) return;
    buf_t cmd = BUF_INIT;
    buf_printf(&cmd, "rm -rf '%s'", dir);
    int rc = system(cmd.data);
    (void)rc;
    buf_free(&cmd);
    free(dir);
}

static inline char *test_slurp(const char *path) {
    buf_t b = BUF_INIT;
    if (file_read(path, 1 << 26, &b, NULL) != 0) {
        buf_free(&b);
        return NULL;
    }
    return buf_detach(&b);
}

#endif
