/* test_cli.c - the command lines as data: arguments in, exit status and
 * message out (one table, one test), then what a table cannot say: URLs
 * read through bulletin-fetch, the supervised `bulletin fetch` (SIGHUP
 * reload, a crashed worker restarted, a process-group SIGTERM that is not
 * a failure), the config path fallback, the store directory and status. */
#include "testutil.h"
#include "testhttpd.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <sys/stat.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "cmdutil.h"
#include "config.h"
#include "jsonout.h"

/* In args, @D@ is a scratch directory (holding good.conf, bad.conf,
 * nostore.conf) and @R@ the project root. */
typedef struct {
    const char *args;
    int exit_status;
    const char *err_has;  /* on stderr, or NULL */
    const char *out_has;  /* on stdout, or NULL */
} cli_case_t;

static const cli_case_t cases[] = {
    /* the front end */
    {"", 2, "usage: bulletin COMMAND", NULL},
    {"frobnicate", 2, "unknown command 'frobnicate'", NULL},
    {"--version", 0, NULL, "bulletin "},
    {"--help", 0, NULL, "commands:"},
    /* fetch */
    {"fetch --once --now abc --config @D@/good.conf", 2, "--now wants seconds since 1970", NULL},
    {"fetch --once --now -5 --config @D@/good.conf", 2, "got '-5'", NULL},
    {"fetch --now 1700000000 --config @D@/good.conf", 2, "--now is only for --once", NULL},
    {"fetch --once extra --config @D@/good.conf", 2, "unexpected argument 'extra'", NULL},
    {"fetch --bogus", 2, "usage: bulletin fetch", NULL},
    {"fetch --help", 0, NULL, "SIGHUP re-reads the config"},
    {"fetch --once --config /nonexistent/b.conf", 1, "cannot open /nonexistent/b.conf", NULL},
    {"fetch --once --config @D@", 1, "is a directory", NULL},
    {"fetch --once --config @D@/nostore.conf", 1, "does not exist, nor its parent", NULL},
    /* status */
    {"status --config @D@/bad.conf", 0,
     "rotate: expected seconds (2-3600), got 'fast'",
     "rotate: expected seconds (2-3600), got 'fast'"},
    {"status --config @D@/bad.conf", 0, NULL, "the config has 2 problems"},
    {"status --json --config @D@/bad.conf", 0, NULL, "\"config_problems\":\t["},
    {"status --json --config @D@/good.conf", 0, NULL, "\"summary\":\t\"0 of 1 feed fine"},
    {"status --config @D@/good.conf --now 1700000000", 0, NULL,
     "0 of 1 feed fine, no stories yet, 1 not fetched yet"},
    {"status --now never --config @D@/good.conf", 2, "--now wants seconds", NULL},
    {"status stray --config @D@/good.conf", 2, "unexpected argument 'stray'", NULL},
    /* feed */
    {"feed", 2, "usage: bulletin feed", NULL},
    {"feed a.xml b.xml", 2, "one FILE or URL only", NULL},
    {"feed --url", 2, "usage: bulletin feed", NULL},
    {"feed ftp://example.org/rss", 1, "only http, https and file URLs", NULL},
    {"feed file:///nonexistent/feed.xml", 1, "cannot open /nonexistent/feed.xml", NULL},
    {"feed file://@R@/tests/data/feeds/rss20_basic.xml", 0, NULL, "entries"},
    {"feed file://localhost@R@/tests/data/feeds/rss20_basic.xml", 0, NULL, "entries"},
    {"feed file://otherhost/x.xml", 1, "must name a local file", NULL},
    /* extract */
    {"extract", 2, "usage: bulletin extract", NULL},
    {"extract a.html b.html", 2, "one FILE or URL only", NULL},
    {"extract tests/data/points_noisy_en.txt", 1, "not an HTML page", NULL},
    {"extract tests/data/feeds/rss20_basic.xml", 1, "not an HTML page", NULL},
    {"extract --content-type image/png tests/data/pages/blog.html", 1,
     "not an HTML page (image/png)", NULL},
    {"extract file://@R@/tests/data/pages/blog.html", 0, NULL, NULL},
    {"extract gopher://example.org/", 1, "only http, https and file URLs", NULL},
    {"extract --help", 0, NULL, "an http(s) URL"},
    /* the others */
    {"points", 2, "usage: bulletin points", NULL},
    {"points --max 0 tests/data/story_a.txt", 2, "--max: 0 is out of range (1-20)", NULL},
    {"points --max 2x tests/data/story_a.txt", 2, "expected a number (1-20), got '2x'", NULL},
    {"points --bogus tests/data/story_a.txt", 2, "unknown option '--bogus'", NULL},
    {"points --lang xx tests/data/story_a.txt", 2, "unknown language 'xx'", NULL},
    {"points tests/data/story_a.txt tests/data/story_b.txt", 2, "one FILE only", NULL},
    {"points --json tests/data/story_a.txt", 0, NULL, "\"points\":["},
    {"story", 2, "usage: bulletin story", NULL},
    {"story --bogus tests/data/story_a.txt", 2, "usage: bulletin story", NULL},
    {"story tests/data/story_a.txt --json tests/data/story_b.txt", 0, NULL, "\"sources\":["},
    {"opml", 2, "usage: bulletin opml", NULL},
    {"run --window 12", 2, "bad --window '12'", NULL},
    {"run --config /nonexistent/b.conf", 1, "cannot open /nonexistent/b.conf", NULL},
    {"shot", 2, "usage: bulletin shot", NULL},
};

static char *expand(const char *args, const char *dir, const char *root) {
    buf_t b = BUF_INIT;
    buf_puts(&b, "");
    for (const char *p = args; *p; p++) {
        if (strncmp(p, "@D@", 3) == 0) {
            buf_puts(&b, dir);
            p += 2;
        } else if (strncmp(p, "@R@", 3) == 0) {
            buf_puts(&b, root);
            p += 2;
        } else {
            buf_putc(&b, *p);
        }
    }
    return buf_detach(&b);
}

static void write_in(const char *dir, const char *name, const char *text) {
    buf_t p = BUF_INIT;
    buf_printf(&p, "%s/%s", dir, name);
    assert_int_equal(file_write_atomic(p.data, text, strlen(text)), 0);
    buf_free(&p);
}

/* Writes good.conf (one local feed, store in DIR), bad.conf, nostore.conf. */
static void write_configs(const char *dir, const char *root) {
    buf_t t = BUF_INIT;
    buf_printf(&t, "[store]\npath = store.db\n[feed \"Basic\"]\nurl = %s/tests/data/feeds/rss20_basic.xml\n",
               root);
    write_in(dir, "good.conf", t.data);
    buf_reset(&t);
    buf_printf(&t, "[display]\nrotate = fast\nshade = blue\n[store]\npath = bad.db\n");
    write_in(dir, "bad.conf", t.data);
    buf_reset(&t);
    buf_printf(&t, "[store]\npath = %s/no/such/dir/s.db\n", dir);
    write_in(dir, "nostore.conf", t.data);
    buf_free(&t);
}

static void cli_cases_as_data(void **state) {
    (void)state;
    char *dir = test_mkdtemp();
    char root[PATH_MAX];
    assert_non_null(getcwd(root, sizeof root));
    write_configs(dir, root);
    int failures = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const cli_case_t *c = &cases[i];
        char *args = expand(c->args, dir, root);
        buf_t out = BUF_INIT, err = BUF_INIT;
        int st = test_run(args, &out, &err);
        const char *why = NULL;
        if (st != c->exit_status) why = "exit status";
        else if (c->err_has && !strstr(buf_cstr(&err), c->err_has)) why = "stderr";
        else if (c->out_has && !strstr(buf_cstr(&out), c->out_has)) why = "stdout";
        if (why) {
            failures++;
            print_error("case 'bulletin %s': wrong %s (exit %d, want %d)\n  stdout: %.400s\n"
                        "  stderr: %.400s\n",
                        args, why, st, c->exit_status, buf_cstr(&out), buf_cstr(&err));
        }
        buf_free(&out);
        buf_free(&err);
        free(args);
    }
    assert_int_equal(failures, 0);
    test_rmdir(dir);
}

/* feed and extract of an http URL: the front end hands them to
 * bulletin-fetch, which fetches once and uses the final address. */
static void urls_are_read(void **state) {
    (void)state;
    testhttpd_t h;
    if (testhttpd_start(&h, NULL, NULL) != 0) fail_msg("cannot start tests/httpd.py");
    buf_t args = BUF_INIT, out = BUF_INIT, err = BUF_INIT;
    buf_printf(&args, "extract --json %s/page/1", h.base);
    assert_int_equal(test_run(args.data, &out, &err), 0);
    assert_non_null(strstr(out.data, "night bus"));
    buf_t want = BUF_INIT;
    buf_printf(&want, "\"url\":\t\"%s/page/1\"", h.base);
    assert_non_null(strstr(out.data, want.data));
    buf_reset(&args);
    buf_reset(&out);
    buf_printf(&args, "feed --json %s/f/cli", h.base);
    assert_int_equal(test_run(args.data, &out, &err), 0);
    assert_non_null(strstr(out.data, "\"entries\":[{"));
    buf_reset(&args);
    buf_reset(&err);
    buf_printf(&args, "feed %s/f/gone", h.base);
    buf_t set = BUF_INIT;
    buf_printf(&set, "%s/_set?name=gone&mode=404", h.base);
    fetch_req_t req = {.url = set.data};
    fetch_resp_t resp;
    memset(&resp, 0, sizeof resp);
    fetch_global_init();
    assert_int_equal(fetch_one(&req, &resp), 0);
    fetch_resp_free(&resp);
    fetch_global_cleanup();
    assert_int_equal(test_run(args.data, NULL, &err), 1);
    assert_non_null(strstr(err.data, "HTTP status 404"));
    testhttpd_stop(&h);
    buf_free(&set);
    buf_free(&want);
    buf_free(&args);
    buf_free(&out);
    buf_free(&err);
}

/* Waits (up to 60 s) until the file holds needle after offset `from`. */
static int wait_for(const char *path, const char *needle, size_t from) {
    for (int i = 0; i < 600; i++) {
        char *text = test_slurp(path);
        int found = text && strlen(text) > from && strstr(text + from, needle);
        free(text);
        if (found) return 1;
        usleep(100000);
    }
    return 0;
}

static size_t file_len(const char *path) {
    char *text = test_slurp(path);
    size_t n = text ? strlen(text) : 0;
    free(text);
    return n;
}

/* The pid in the last "fetch worker started (pid N)" line. */
static pid_t last_worker(const char *path) {
    char *text = test_slurp(path);
    pid_t pid = 0;
    for (char *p = text; p && (p = strstr(p, "fetch worker started (pid ")); p++)
        pid = (pid_t)atol(p + strlen("fetch worker started (pid "));
    free(text);
    return pid;
}

/* `bulletin fetch` alone: SIGHUP re-reads the config, a killed worker is
 * restarted and reported, SIGTERM to the process group ends it cleanly. */
static void fetch_is_supervised(void **state) {
    (void)state;
    if (getenv("TEST_WRAPPER")) {
        /* qemu-user without binfmt cannot exec the arm64 worker */
        print_message("under %s: not checked\n", getenv("TEST_WRAPPER"));
        return;
    }
    char *dir = test_mkdtemp();
    char root[PATH_MAX];
    assert_non_null(getcwd(root, sizeof root));
    write_configs(dir, root);
    buf_t conf = BUF_INIT, log = BUF_INIT;
    buf_printf(&conf, "%s/good.conf", dir);
    buf_printf(&log, "%s/fetch.log", dir);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        setpgid(0, 0);
        FILE *f = freopen(log.data, "w", stderr);
        (void)f;
        execl(test_bin(), test_bin(), "fetch", "--config", conf.data, (char *)NULL);
        _exit(127);
    }
    setpgid(pid, pid);
    assert_true(wait_for(log.data, "1 feeds ok", 0));
    pid_t first = last_worker(log.data);
    assert_true(first > 0);

    size_t mark = file_len(log.data);
    assert_int_equal(kill(pid, SIGHUP), 0);
    assert_true(wait_for(log.data, "reloaded", mark));
    assert_true(wait_for(log.data, "fetch worker started", mark));
    pid_t second = last_worker(log.data);
    assert_true(second > 0 && second != first);

    mark = file_len(log.data);
    assert_int_equal(kill(second, SIGKILL), 0);
    assert_true(wait_for(log.data, "fetch worker was killed by signal 9; restarting in 5 s", mark));

    mark = file_len(log.data);
    assert_int_equal(kill(-pid, SIGTERM), 0);
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    char *text = test_slurp(log.data);
    assert_non_null(text);
    assert_null(strstr(text + mark, "restarting"));
    assert_null(strstr(text + mark, "failed with status"));
    free(text);
    kill(-pid, SIGKILL); /* nothing should be left; make sure */
    buf_free(&conf);
    buf_free(&log);
    test_rmdir(dir);
}

/* `fetch --force` without --once: the first pass fetches every feed even
 * though none is due (before, --force did nothing without --once). */
static void fetch_force_without_once(void **state) {
    (void)state;
    char *dir = test_mkdtemp();
    char root[PATH_MAX];
    assert_non_null(getcwd(root, sizeof root));
    write_configs(dir, root);
    buf_t args = BUF_INIT, err = BUF_INIT, log = BUF_INIT, conf = BUF_INIT;
    buf_printf(&args, "fetch --once --config %s/good.conf", dir);
    assert_int_equal(test_run(args.data, NULL, &err), 0);
    assert_non_null(strstr(err.data, "1 feeds ok, 0 failed, 0 not due"));
    buf_printf(&conf, "%s/good.conf", dir);
    buf_printf(&log, "%s/force.log", dir);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        setpgid(0, 0);
        FILE *f = freopen(log.data, "w", stderr);
        (void)f;
        execl(test_bin(), test_bin(), "fetch", "--force", "--config", conf.data, (char *)NULL);
        _exit(127);
    }
    setpgid(pid, pid);
    /* the forced pass, then the worker's own pass finds nothing due */
    assert_true(wait_for(log.data, "1 feeds ok, 0 failed, 0 not due", 0));
    assert_int_equal(kill(-pid, SIGTERM), 0);
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    buf_free(&args);
    buf_free(&err);
    buf_free(&log);
    buf_free(&conf);
    test_rmdir(dir);
}

/* No --config: the default path, else a source tree's demo, else -1. */
static void config_path_falls_back(void **state) {
    (void)state;
    char path[PATH_MAX], root[PATH_MAX];
    assert_non_null(getcwd(root, sizeof root));
    assert_int_equal(cmd_config_path("/x/given.conf", path, sizeof path), 0);
    assert_string_equal(path, "/x/given.conf");
    if (access(CONFIG_DEFAULT_PATH, F_OK) == 0) {
        print_message("%s exists here: the fallback cases are not checked\n", CONFIG_DEFAULT_PATH);
        return;
    }
    assert_int_equal(cmd_config_path(NULL, path, sizeof path), 0);
    buf_t want = BUF_INIT;
    buf_printf(&want, "%s/feeds/demo.conf", root);
    assert_string_equal(path, want.data);
    buf_free(&want);
    /* Outside a source tree (this test binary's directory has no feeds/). */
    char *dir = test_mkdtemp();
    assert_int_equal(chdir(dir), 0);
    int rc = cmd_config_path(NULL, path, sizeof path);
    assert_int_equal(chdir(root), 0);
    assert_int_equal(rc, -1);
    test_rmdir(dir);
}

/* The store's directory is made when its parent exists. */
static void store_directory_is_made(void **state) {
    (void)state;
    char *dir = test_mkdtemp();
    config_t c;
    memset(&c, 0, sizeof c);
    buf_t p = BUF_INIT;
    buf_printf(&p, "%s/state/bulletin.db", dir);
    c.store_path = p.data;
    assert_int_equal(cmd_store_dir_ready(&c), 0);
    buf_t d = BUF_INIT;
    buf_printf(&d, "%s/state", dir);
    struct stat st;
    assert_int_equal(stat(d.data, &st), 0);
    assert_true(S_ISDIR(st.st_mode));
    assert_int_equal(cmd_store_dir_ready(&c), 0); /* there already */
    buf_reset(&p);
    buf_printf(&p, "%s/a/b/bulletin.db", dir);
    c.store_path = p.data;
    assert_int_equal(cmd_store_dir_ready(&c), -1);
    buf_free(&p);
    buf_free(&d);
    test_rmdir(dir);
}

/* After a pass, status opens with one readable line: fine feeds, the
 * newest story's age, and the failing feed by name with its error. */
static void status_summary_line(void **state) {
    (void)state;
    char *dir = test_mkdtemp();
    char root[PATH_MAX];
    assert_non_null(getcwd(root, sizeof root));
    buf_t conf = BUF_INIT, args = BUF_INIT, out = BUF_INIT, err = BUF_INIT;
    buf_printf(&conf, "[store]\npath = s.db\n[feed \"Basic\"]\nurl = %s/tests/data/feeds/rss20_basic.xml\n"
                      "fulltext = no\n[feed \"Gone\"]\nurl = %s/no-such-feed.xml\n",
               root, dir);
    write_in(dir, "s.conf", conf.data);
    buf_printf(&args, "fetch --once --config %s/s.conf", dir);
    assert_int_equal(test_run(args.data, NULL, &err), 1);
    buf_reset(&args);
    buf_printf(&args, "status --config %s/s.conf", dir);
    assert_int_equal(test_run(args.data, &out, &err), 0);
    const char *nl = strchr(out.data, '\n');
    assert_non_null(nl);
    char *first = xstrndup(out.data, (size_t)(nl - out.data));
    assert_non_null(strstr(first, "1 of 2 feeds fine, newest story "));
    assert_non_null(strstr(first, " old, 1 failing: Gone (never worked: "));
    free(first);
    /* A demo feed's old dates are replayed on the wall; status says so. */
    buf_reset(&conf);
    buf_printf(&conf, "[store]\npath = s.db\n[feed \"Basic\"]\nurl = %s/tests/data/feeds/rss20_basic.xml\n"
                      "fulltext = no\ndemo = yes\n",
               root);
    write_in(dir, "d.conf", conf.data);
    buf_reset(&args);
    buf_reset(&out);
    buf_printf(&args, "status --config %s/d.conf", dir);
    assert_int_equal(test_run(args.data, &out, &err), 0);
    assert_non_null(strstr(out.data, " old (the wall shows demo feeds' stories as of their last fetch)"));
    /* Paths are shown normalized. */
    buf_reset(&conf);
    buf_printf(&conf, "[store]\npath = ./x/../s.db\n");
    write_in(dir, "n.conf", conf.data);
    buf_reset(&args);
    buf_reset(&out);
    buf_printf(&args, "status --config %s/n.conf", dir);
    assert_int_equal(test_run(args.data, &out, &err), 0);
    char real[PATH_MAX];
    assert_non_null(realpath(dir, real));
    buf_t want = BUF_INIT;
    buf_printf(&want, "store %s/s.db:", real);
    assert_non_null(strstr(out.data, want.data));
    buf_free(&want);
    buf_free(&conf);
    buf_free(&args);
    buf_free(&out);
    buf_free(&err);
    test_rmdir(dir);
}

/* The executable NAME beside the one under test, into real. */
static void sibling_bin(char real[PATH_MAX], const char *name) {
    assert_non_null(realpath(test_bin(), real));
    char *slash = strrchr(real, '/');
    assert_non_null(slash);
    snprintf(slash + 1, (size_t)(PATH_MAX - (slash + 1 - real)), "%s", name);
}

/* The front end links no library at all (static: libutf8proc and
 * libstemmer are inside it) or, built with the sanitizers, none of the
 * parsers', the store's, the display's or the network's; bulletin-text
 * links neither the display nor the network libraries; each helper links
 * only its own side's. */
static void executables_are_split_by_role(void **state) {
    (void)state;
    char real[PATH_MAX];
    sibling_bin(real, "bulletin"); /* not a wrapper's name (make test-arm64) */
    static const struct {
        const char *suffix;
        const char *must_not;
    } checks[] = {
        {"", "libxml2"}, {"", "libsqlite3"}, {"", "libcjson"}, {"", "libuchardet"},
        {"", "libSDL2"}, {"", "libcurl"},
        {"-text", "libSDL2"}, {"-text", "libcurl"}, {"-text", "libfribidi"}, {"-text", "libsystemd"},
        {"-display", "libcurl"}, {"-display", "libxml2"}, {"-text", "libnettle"},
        {"-display", "libnettle"}, /* the worker names cache files; the display reads the name */
        {"-fetch", "libSDL2_ttf"}, {"-fetch", "libfribidi"}, /* images need SDL2_image, not text */
    };
    for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++) {
        buf_t cmd = BUF_INIT, out = BUF_INIT;
        buf_printf(&cmd, "readelf -d '%s%s' 2>&1", real, checks[i].suffix);
        assert_int_equal(test_shell(cmd.data, &out), 0);
        if (*checks[i].suffix) assert_non_null(strstr(out.data, "libc.so"));
        else assert_true(strstr(out.data, "libc.so") || strstr(out.data, "no dynamic section"));
        if (strstr(out.data, checks[i].must_not))
            fail_msg("bulletin%s links %s:\n%s", checks[i].suffix, checks[i].must_not, out.data);
        buf_free(&cmd);
        buf_free(&out);
    }
}

/* The front end reads plain text itself and hands HTML and stdin to
 * bulletin-text: the same points either way, and its own JSON is the bytes
 * bulletin-text's cJSON prints. */
static void front_end_points_match_bulletin_text(void **state) {
    (void)state;
    char real[PATH_MAX];
    sibling_bin(real, "bulletin-text");
    static const char *const points_cases[] = {
        "points tests/data/story_a.txt",
        "points --json tests/data/story_b.txt",
        "points --json --title 'A \"quoted\" \\ title' tests/data/points_noisy_en.txt",
        "points --max 5 tests/data/points_page.html",
        "points --json - <tests/data/points_page.html",
        "points - <tests/data/story_c.txt",
    };
    for (size_t i = 0; i < sizeof points_cases / sizeof points_cases[0]; i++) {
        buf_t front = BUF_INIT, text = BUF_INIT, cmd = BUF_INIT;
        assert_int_equal(test_run(points_cases[i], &front, NULL), 0);
        buf_printf(&cmd, "'%s' %s", real, points_cases[i]);
        assert_int_equal(test_shell(cmd.data, &text), 0);
        assert_true(front.len > 0);
        if (strcmp(buf_cstr(&front), buf_cstr(&text)) != 0)
            fail_msg("%s:\nbulletin: %s\nbulletin-text: %s", points_cases[i], buf_cstr(&front),
                     buf_cstr(&text));
        buf_free(&front);
        buf_free(&text);
        buf_free(&cmd);
    }
}

/* jsonout_string escapes every byte as cJSON does. */
static void jsonout_is_cjsons_escaping(void **state) {
    (void)state;
    unsigned seed = 7;
    for (int round = 0; round < 2000; round++) {
        char s[64];
        size_t n = (size_t)(round % 63);
        for (size_t i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            unsigned c = (seed >> 16) & 0xff;
            s[i] = (char)(c ? c : 'x');
        }
        s[n] = '\0';
        cJSON *str = cJSON_CreateString(s);
        char *want = cJSON_PrintUnformatted(str);
        buf_t got = BUF_INIT;
        jsonout_string(&got, s);
        assert_string_equal(buf_cstr(&got), want);
        buf_free(&got);
        free(want);
        cJSON_Delete(str);
    }
    buf_t null = BUF_INIT;
    jsonout_string(&null, NULL);
    assert_string_equal(buf_cstr(&null), "null");
    buf_free(&null);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cli_cases_as_data),
        cmocka_unit_test(front_end_points_match_bulletin_text),
        cmocka_unit_test(jsonout_is_cjsons_escaping),
        cmocka_unit_test(urls_are_read),
        cmocka_unit_test(fetch_is_supervised),
        cmocka_unit_test(fetch_force_without_once),
        cmocka_unit_test(config_path_falls_back),
        cmocka_unit_test(store_directory_is_made),
        cmocka_unit_test(status_summary_line),
        cmocka_unit_test(executables_are_split_by_role),
    };
    return cmocka_run_group_tests_name("cli", tests, NULL, NULL);
}
