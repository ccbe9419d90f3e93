/* test_config.c - the INI config: defaults, every key, bad lines skipped
 * with file:line, relative paths, durations. */
#include "testutil.h"

#include "config_internal.h"

#include <limits.h>
#include <sys/stat.h>

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
    /* Lines: 2 bad theme, 3 unknown key, 5 unknown section, 6 its key,
     * 7 not key=value, 9 ftp url (feed dropped: no url), 10 bad accent,
     * 13 unknown key (a 400-character line); the rest loads. */
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
    assert_int_equal(c.n_errors, 9);
    assert_int_equal(c.n_problems, 9);
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
    assert_non_null(strstr(err.data, "unknown key 'colour' in [display]; its keys are: rotate,"));
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


/* Loads text as DIR/bulletin.conf; the caller frees with config_free. */
static void load_text(const char *dir, const char *text, config_t *c) {
    char *path = write_conf(dir, text);
    assert_int_equal(config_load(path, c), 0);
    free(path);
}

/* The problem that names line, or NULL. */
static const char *problem_at(const config_t *c, int line) {
    char tag[32];
    snprintf(tag, sizeof tag, ".conf:%d: ", line);
    for (size_t i = 0; i < c->n_problems; i++)
        if (strstr(c->problems[i], tag)) return c->problems[i];
    return NULL;
}

/* A bad value says why and what is allowed; unknown keys list the known. */
static void bad_values_say_what_is_allowed(void **state) {
    (void)state;
    char *dir = test_mkdtemp();
    config_t c;
    load_text(dir, "[display]\nrotate = fast\nrotate = 1\ntheme = purple\ncolor = red\n"
                   "schedule = mon-fri 25:00-19:00\n[fetch]\ninterval = 10s\nparallel = 4x\n",
              &c);
    assert_int_equal(c.n_errors, 7);
    assert_non_null(strstr(problem_at(&c, 2), "rotate: expected seconds (2-3600), got 'fast'"));
    assert_non_null(strstr(problem_at(&c, 3), "rotate: expected seconds (2-3600), got '1'"));
    assert_non_null(strstr(problem_at(&c, 4), "expected dark|light|contrast, got 'purple'"));
    assert_non_null(strstr(problem_at(&c, 5), "unknown key 'color' in [display]; its keys are: "
                                              "rotate, theme, max_age, qr, clock, fonts, schedule"));
    assert_non_null(strstr(problem_at(&c, 6), "schedule: expected"));
    assert_non_null(strstr(problem_at(&c, 8), "interval: expected a duration (1m-1d"));
    assert_non_null(strstr(problem_at(&c, 9), "parallel: expected a number (1-64), got '4x'"));
    assert_int_equal(c.rotate_s, 20);
    assert_null(c.schedule);
    config_free(&c);
    /* A quoted schedule (as config.h shows it) loses its quotes. */
    load_text(dir, "[display]\nschedule = \"mon-fri 07:00-19:00\" ; office hours\n", &c);
    assert_int_equal(c.n_errors, 0);
    assert_string_equal(c.schedule, "mon-fri 07:00-19:00");
    config_free(&c);
    test_rmdir(dir);
}

/* Lines far over inih's 200 characters load whole. */
static void long_lines_load(void **state) {
    (void)state;
    char *dir = test_mkdtemp();
    buf_t url = BUF_INIT, text = BUF_INIT;
    buf_puts(&url, "https://example.org/feed?");
    while (url.len < 9000) buf_puts(&url, "q=abcdefgh&");
    buf_printf(&text, "[feed \"Long\"]\nurl = %s\n[display]\nrotate = 30\n", url.data);
    config_t c;
    load_text(dir, text.data, &c);
    assert_int_equal(c.n_errors, 0);
    assert_int_equal(c.n_feeds, 1);
    assert_string_equal(c.feeds[0].url, url.data);
    assert_int_equal(c.rotate_s, 30);
    config_free(&c);
    buf_free(&url);
    buf_free(&text);
    test_rmdir(dir);
}

/* After a malformed line every later bad line is still reported, and keys
 * after an unclosed header are not blamed on the section before it. */
static void every_bad_line_is_reported(void **state) {
    (void)state;
    char *dir = test_mkdtemp();
    config_t c;
    load_text(dir, "[feed \"A\"]\nurl = http://a.example/rss\n[display\nrotate = 30\n"
                   "garbage\n[fetch]\ntimeout = never\nparallel = 3\n",
              &c);
    assert_int_equal(c.n_errors, 4);
    assert_non_null(strstr(problem_at(&c, 3), "section header '[display' has no closing ']'"));
    const char *p4 = problem_at(&c, 4);
    assert_non_null(strstr(p4, "'rotate' skipped: it follows the bad section header '[display' (line 3)"));
    assert_null(strstr(p4, "[feed]"));
    assert_non_null(problem_at(&c, 5));
    assert_non_null(strstr(problem_at(&c, 7), "timeout: expected seconds (1-600), got 'never'"));
    assert_int_equal(c.fetch_parallel, 3);
    assert_int_equal(c.rotate_s, 20);
    assert_int_equal(c.n_feeds, 1);
    config_free(&c);
    test_rmdir(dir);
}

/* Two sections of one name, and two feeds of one URL: reported, first kept. */
static void duplicate_feeds_are_reported(void **state) {
    (void)state;
    char *dir = test_mkdtemp();
    config_t c;
    load_text(dir, "[feed \"Same\"]\nurl = http://one.example/rss\n"
                   "[feed \"Other\"]\nurl = http://two.example/rss\n"
                   "[feed \"Same\"]\nurl = http://three.example/rss\n"
                   "[feed \"Priority\"]\nurl = http://four.example/rss\npriority = yes\naccent = #ff0000\n"
                   "[feed \"Copy\"]\nurl = http://four.example/rss\n",
              &c);
    assert_int_equal(c.n_feeds, 3);
    assert_string_equal(c.feeds[0].name, "Same");
    assert_string_equal(c.feeds[0].url, "http://one.example/rss");
    assert_string_equal(c.feeds[2].name, "Priority");
    assert_true(c.feeds[2].priority);
    assert_int_equal(c.feeds[2].accent, 0xff0000);
    const char *dup = problem_at(&c, 5);
    assert_non_null(dup);
    assert_non_null(strstr(dup, "a second [feed \"Same\"] section (the first is at "));
    assert_non_null(strstr(dup, ".conf:1)"));
    assert_non_null(strstr(problem_at(&c, 6), "'url' skipped"));
    const char *same = problem_at(&c, 11);
    assert_non_null(same);
    assert_non_null(strstr(same, "feed \"Copy\" has the same url as feed \"Priority\" ("));
    assert_non_null(strstr(same, ".conf:7); only the first is kept"));
    assert_int_equal(c.n_errors, 3);
    config_free(&c);
    test_rmdir(dir);
}

static void write_file(const char *dir, const char *name, const char *text) {
    buf_t p = BUF_INIT;
    buf_printf(&p, "%s/%s", dir, name);
    assert_int_equal(file_write_atomic(p.data, text, strlen(text)), 0);
    buf_free(&p);
}

/* include = FILE: relative to the including file; cycles and depth stop. */
static void includes_are_read_in_place(void **state) {
    (void)state;
    char *dir = test_mkdtemp();
    buf_t sub = BUF_INIT;
    buf_printf(&sub, "%s/more", dir);
    assert_int_equal(mkdir(sub.data, 0755), 0);
    write_file(sub.data, "feeds.conf", "[feed \"Inc\"]\nurl = local.xml\nrefresh = 1h\n"
                                       "include = ../bulletin.conf\n");
    config_t c;
    load_text(dir, "[display]\nrotate = 30\ninclude = more/feeds.conf\n"
                   "include = missing.conf\n[feed \"Top\"]\nurl = http://top.example/rss\n",
              &c);
    assert_int_equal(c.n_feeds, 2);
    assert_string_equal(c.feeds[0].name, "Inc");
    buf_t want = BUF_INIT;
    buf_printf(&want, "file://%s/local.xml", sub.data);
    char real[4096];
    assert_non_null(realpath(sub.data, real));
    buf_reset(&want);
    buf_printf(&want, "file://%s/local.xml", real);
    assert_string_equal(c.feeds[0].url, want.data);
    assert_int_equal(c.feeds[0].refresh_s, 3600);
    assert_int_equal(c.rotate_s, 30);
    /* the cycle back to bulletin.conf, and the missing file */
    assert_int_equal(c.n_errors, 2);
    int cycle = 0, missing = 0;
    for (size_t i = 0; i < c.n_problems; i++) {
        if (strstr(c.problems[i], "feeds.conf:4: include of ") && strstr(c.problems[i], "a cycle"))
            cycle = 1;
        if (strstr(c.problems[i], "bulletin.conf:4: include: cannot open")) missing = 1;
    }
    assert_true(cycle);
    assert_true(missing);
    config_free(&c);
    /* A chain deeper than the limit stops with a message. */
    for (int i = 0; i < 12; i++) {
        char name[32], text[64];
        snprintf(name, sizeof name, "d%d.conf", i);
        snprintf(text, sizeof text, "include = d%d.conf\n", i + 1);
        write_file(dir, name, text);
    }
    load_text(dir, "include = d0.conf\n", &c);
    assert_int_equal(c.n_errors, 1);
    assert_non_null(strstr(c.problems[0], "nest deeper than 8"));
    config_free(&c);
    buf_free(&want);
    buf_free(&sub);
    test_rmdir(dir);
}

/* A directory is not an empty config. */
static void a_directory_is_refused(void **state) {
    (void)state;
    char *dir = test_mkdtemp();
    config_t c;
    assert_int_equal(config_load(dir, &c), -1);
    config_free(&c);
    test_rmdir(dir);
}

/* Feed durations default to [fetch] interval and [display] max_age wherever
 * those are set in the file. */
static void feed_defaults_come_from_anywhere(void **state) {
    (void)state;
    char *dir = test_mkdtemp();
    config_t c;
    load_text(dir, "[feed \"A\"]\nurl = http://a.example/\n[fetch]\ninterval = 30m\n"
                   "[display]\nmax_age = 3d\n",
              &c);
    assert_int_equal(c.feeds[0].refresh_s, 1800);
    assert_int_equal(c.feeds[0].max_age_s, 3 * 86400);
    config_free(&c);
    test_rmdir(dir);
}

/* feeds/public-feeds.conf says it can be included: with its blocks
 * uncommented (as it tells) and included, every feed loads, no problem. */
static void public_feeds_can_be_included(void **state) {
    (void)state;
    char *dir = test_mkdtemp();
    buf_t cmd = BUF_INIT;
    buf_printf(&cmd, "sed -E 's/^; (\\[feed |[a-z_]+ = )/\\1/' feeds/public-feeds.conf "
                     ">%s/public-feeds.conf", dir);
    assert_int_equal(test_shell(cmd.data, NULL), 0);
    config_t c;
    load_text(dir, "[display]\nrotate = 30\ninclude = public-feeds.conf\n", &c);
    for (size_t i = 0; i < c.n_problems; i++) print_error("%s\n", c.problems[i]);
    assert_int_equal(c.n_errors, 0);
    assert_int_equal(c.n_feeds, 43);
    for (size_t i = 0; i < c.n_feeds; i++) assert_int_equal(strncmp(c.feeds[i].url, "https://", 8), 0);
    config_free(&c);
    buf_free(&cmd);
    test_rmdir(dir);
}

/* The packaged /etc/bulletin/bulletin.conf loads cleanly and describes
 * itself, not the source tree's demo. */
static void packaged_config_is_itself(void **state) {
    (void)state;
    config_t c;
    assert_int_equal(config_load("firmware/bulletin.conf", &c), 0);
    assert_int_equal(c.n_errors, 0);
    assert_int_equal(c.n_feeds, 3);
    assert_string_equal(c.store_path, "/var/lib/bulletin/bulletin.db");
    for (size_t i = 0; i < c.n_feeds; i++)
        assert_int_equal(strncmp(c.feeds[i].url, "file:///usr/share/bulletin/feeds/demo/", 38), 0);
    config_free(&c);
    char *text = test_slurp("firmware/bulletin.conf");
    assert_non_null(text);
    assert_non_null(strstr(text, "# /etc/bulletin/bulletin.conf - the configuration of this wall"));
    assert_null(strstr(text, "make run"));
    assert_null(strstr(text, "relative to this file's directory. See"));
    free(text);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(durations_parse),
        cmocka_unit_test(full_config_loads),
        cmocka_unit_test(bad_lines_are_skipped_and_counted),
        cmocka_unit_test(empty_and_missing_files),
        cmocka_unit_test(bad_values_say_what_is_allowed),
        cmocka_unit_test(long_lines_load),
        cmocka_unit_test(every_bad_line_is_reported),
        cmocka_unit_test(duplicate_feeds_are_reported),
        cmocka_unit_test(includes_are_read_in_place),
        cmocka_unit_test(a_directory_is_refused),
        cmocka_unit_test(feed_defaults_come_from_anywhere),
        cmocka_unit_test(public_feeds_can_be_included),
        cmocka_unit_test(packaged_config_is_itself),
    };
    return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
