/* test_base.c - buf, fileio, hash, log and the command dispatcher. */
#include "testutil.h"

#include "hash.h"
#include "log_internal.h"

static void buf_appends_and_formats(void **state) {
    (void)state;
    buf_t b = BUF_INIT;
    assert_string_equal(buf_cstr(&b), "");
    buf_puts(&b, "ab");
    buf_putc(&b, 'c');
    buf_printf(&b, "-%d-%s", 42, "x");
    assert_string_equal(b.data, "abc-42-x");
    assert_int_equal(b.len, 8);
    for (int i = 0; i < 1000; i++) buf_puts(&b, "0123456789");
    assert_int_equal(b.len, 10008);
    assert_int_equal(b.data[b.len], '\0');
    buf_reset(&b);
    assert_int_equal(b.len, 0);
    assert_string_equal(b.data, "");
    buf_puts(&b, "keep");
    char *s = buf_detach(&b);
    assert_string_equal(s, "keep");
    assert_null(b.data);
    free(s);
    buf_free(&b);
}

static void fileio_roundtrip_and_limits(void **state) {
    (void)state;
    char *dir = test_mkdtemp();
    assert_non_null(dir);
    buf_t path = BUF_INIT, in = BUF_INIT, err = BUF_INIT;
    buf_printf(&path, "%s/f.txt", dir);
    assert_int_equal(file_write_atomic(path.data, "hello world", 11), 0);
    assert_int_equal(file_read(path.data, 100, &in, &err), 0);
    assert_string_equal(in.data, "hello world");
    buf_reset(&in);
    assert_int_equal(file_read(path.data, 5, &in, &err), -1);
    assert_non_null(strstr(err.data, "larger than"));
    buf_reset(&err);
    assert_int_equal(file_read("/nonexistent/nope", 100, &in, &err), -1);
    assert_non_null(strstr(err.data, "cannot open"));
    buf_reset(&err);
    assert_int_equal(file_read(dir, 100, &in, &err), -1);
    assert_non_null(strstr(err.data, "directory"));
    buf_free(&path);
    buf_free(&in);
    buf_free(&err);
    test_rmdir(dir);
}

static void log_levels_parse(void **state) {
    (void)state;
    assert_int_equal(log_level_from_name("debug"), LOG_LVL_DEBUG);
    assert_int_equal(log_level_from_name("error"), LOG_LVL_ERROR);
    assert_int_equal(log_level_from_name("loud"), -1);
    assert_int_equal(log_level_from_name(NULL), -1);
}

static void cli_usage_errors_exit_2(void **state) {
    (void)state;
    buf_t out = BUF_INIT, err = BUF_INIT;
    assert_int_equal(test_run("", &out, &err), 2);
    assert_non_null(strstr(err.data, "usage"));
    buf_reset(&err);
    assert_int_equal(test_run("frobnicate", &out, &err), 2);
    assert_non_null(strstr(err.data, "unknown command"));
    buf_reset(&out);
    assert_int_equal(test_run("--version", &out, &err), 0);
    assert_non_null(strstr(out.data, "bulletin "));
    buf_free(&out);
    buf_free(&err);
}

/* FNV-1a 64 against the published test vectors: the store keeps these
 * values as article keys, so they must never move. */
static void hash_is_fnv1a(void **state) {
    (void)state;
    assert_true(hash_fnv1a(HASH_FNV1A_BASIS, "", 0) == 0xcbf29ce484222325ULL);
    assert_true(hash_fnv1a(HASH_FNV1A_BASIS, "a", 1) == 0xaf63dc4c8601ec8cULL);
    assert_true(hash_fnv1a(HASH_FNV1A_BASIS, "foobar", 6) == 0x85944171f73967e8ULL);
    assert_true(hash_fnv1a_str(HASH_FNV1A_BASIS, "foobar") == 0x85944171f73967e8ULL);
    /* chained strings hash as their concatenation; NULL adds nothing */
    assert_true(hash_fnv1a_str(hash_fnv1a_str(HASH_FNV1A_BASIS, "foo"), "bar") == 0x85944171f73967e8ULL);
    assert_true(hash_fnv1a_str(HASH_FNV1A_BASIS, NULL) == HASH_FNV1A_BASIS);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(buf_appends_and_formats),
        cmocka_unit_test(hash_is_fnv1a),
        cmocka_unit_test(fileio_roundtrip_and_limits),
        cmocka_unit_test(log_levels_parse),
        cmocka_unit_test(cli_usage_errors_exit_2),
    };
    return cmocka_run_group_tests_name("base", tests, NULL, NULL);
}
