/* test_config.c - the INI config: defaults, every key, bad lines skipped
 * with file:line, relative paths, durations. */
#include "testutil.h"

#include "config.h"

static char *write_conf(const char *dir, const char *text) {
    buf_t p = BUF_INIT;
    buf_printf(&p, "%s/bulletin.conf", dir);
    assert_int_equal(file_write_atomic(p.data, text, strlen(text)), 0);
    return buf_detach(&p);
}

static void durations_parse(void **state) {
    (void)state;
    assert_int_equal(config_parse_duration("90"), 90);
    assert_int_equal(config_parse_duration("90s"), 90);
    assert_int_equal(config_parse_duration("15m"), 900);
    assert_int_equal(config_parse_duration("2h"), 7200);
    assert_int_equal(config_parse_duration("1d"), 86400);
    assert_int_equal(config_parse_duration(""), -1);
    assert_int_equal(config_parse_duration("m"), -1);
    assert_int_equal(config_parse_duration("5x"), -1);
    assert_int_equal(config_parse_duration("5mm"), -1);
    assert_int_equal(config_parse_duration("-5"), -1);
    assert_int_equal(config_parse_duration("99999999999d"), -1);
}

static void full_config_loads(void **state) {
    (void)state;
    char *dir = test_mkdtemp();
    char *path = write_conf(dir, "[display]\nrotate = 30s\ntheme = light\nmax_age = 2d\n"
                                 "qr = no\nclock = off\nschedule = mon-fri 07:00-19:00\n"
                                 "[store]\npath = data/b.db\n"
                                 "[fetch]\ninterval = 10m\nparallel = 4\nuser_agent = Test/1\n"
                                 "[feed \"Local\"]\nurl = feeds/x.xml\nfulltext = no\n"
                                 "accent = #ff8800\nlang = de\npriority = yes\n"
                                 "[feed \"Web\"]\nurl = https://example.org/rss\nrefresh = 1h\n");
    config_t c;
    assert_int_equal(config_load(path, &c), 0);
    assert_int_equal(c.n_errors, 0);
    assert_int_equal(c.rotate_s, 30);
    assert_string_equal(c.theme, "light");
    assert_int_equal(c.max_age_s, 2 * 86400);
    assert_false(c.qr);
    assert_false(c.clock);
    assert_string_equal(c.schedule, "mon-fri 07:00-19:00");
    buf_t want = BUF_INIT;
    buf_printf(&want, "%s/data/b.db", c.dir);
    assert_string_equal(c.store_path, want.data);
    assert_int_equal(c.fetch_interval_s, 600);
    assert_int_equal(c.fetch_parallel, 4);
    assert_string_equal(c.user_agent, "Test/1");
    assert_int_equal(c.n_feeds, 2);
    assert_string_equal(c.feeds[0].name, "Local");
    buf_reset(&want);
    buf_printf(&want, "file://%s/feeds/x.xml", c.dir);
    assert_string_equal(c.feeds[0].url, want.data);
    assert_true(c.feeds[0].is_local);
    assert_false(c.feeds[0].fulltext);
    assert_true(c.feeds[0].priority);
    assert_int_equal(c.feeds[0].accent, 0xff8800);
    assert_string_equal(c.feeds[0].lang, "de");
    assert_string_equal(c.feeds[1].url, "https://example.org/rss");
    assert_false(c.feeds[1].is_local);
    assert_int_equal(c.feeds[1].refresh_s, 3600);
    assert_true(c.feeds[1].fulltext);
    buf_free(&want);
    config_free(&c);
    free(path);
    test_rmdir(dir);
}

static void bad_lines_are_skipped_and_counted(void **state) {
    (void)state;
    char *dir = test_mkdtemp();
    /* Lines: 2 bad theme, 3 unknown key, 5 unknown section, 7 not key=value,
     * 9 ftp url (feed dropped: no url), 10 bad accent; the rest loads. */
    char long_line[400];
    memset(long_line, 'a', sizeof long_line - 1);
    long_line[sizeof long_line - 1] = '\0';
    buf_t text = BUF_INIT;
    buf_printf(&text,
               "[display]\ntheme = purple\ncolour = red\nrotate = 25\n[nonsense]\nx = 1\n"
               "garbage line\n[feed \"Ftp\"]\nurl = ftp://example.org/feed\naccent = blue\n"
               "[feed \"Good\"]\nurl = http://example.org/a\ndescription = %s\n",
               long_line);
    char *path = write_conf(dir, text.data);
    config_t c;
    buf_t err = BUF_INIT;
    assert_int_equal(config_load(path, &c), 0);
    assert_int_equal(c.rotate_s, 25);
    assert_string_equal(c.theme, "dark");
    assert_int_equal(c.n_feeds, 1);
    assert_string_equal(c.feeds[0].name, "Good");
    assert_true(c.n_errors >= 6);
    config_free(&c);
    /* The message names the file and line: run through the binary. */
    buf_t args = BUF_INIT;
    buf_printf(&args, "status --config %s", path);
    test_run(args.data, NULL, &err);
    buf_t where = BUF_INIT;
    buf_printf(&where, "%s:2:", path);
    assert_non_null(strstr(err.data, where.data));
    buf_reset(&where);
    buf_printf(&where, "%s:3:", path);
    assert_non_null(strstr(err.data, where.data));
    assert_non_null(strstr(err.data, "longer than"));
    buf_free(&where);
    buf_free(&args);
    buf_free(&err);
    buf_free(&text);
    free(path);
    test_rmdir(dir);
}

static void empty_and_missing_files(void **state) {
    (void)state;
    char *dir = test_mkdtemp();
    char *path = write_conf(dir, "");
    config_t c;
    assert_int_equal(config_load(path, &c), 0);
    assert_int_equal(c.n_feeds, 0);
    assert_int_equal(c.rotate_s, 20);
    assert_string_equal(c.theme, "dark");
    config_free(&c);
    assert_int_equal(config_load("/nonexistent/b.conf", &c), -1);
    config_free(&c);
    free(path);
    test_rmdir(dir);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(durations_parse),
        cmocka_unit_test(full_config_loads),
        cmocka_unit_test(bad_lines_are_skipped_and_counted),
        cmocka_unit_test(empty_and_missing_files),
    };
    return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
