/* test_opml.c - app/opml.c and `bulletin opml`: an OPML export becomes
 * config blocks that config_load reads back as the same feeds. */
#include "testutil.h"

#include "config.h"
#include "opml.h"

static const char *const sample =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<opml version=\"2.0\"><head><title>My subscriptions</title></head><body>\n"
    "<outline text=\"News\">\n"
    "  <outline type=\"rss\" text=\"Harbour Times\" title=\"Harbour Times\" "
    "xmlUrl=\"https://news.example.org/rss.xml\" htmlUrl=\"https://news.example.org/\"/>\n"
    "  <outline text=\"Local\"><outline text=\"Valley &quot;Daily&quot; [Wire]\" "
    "xmlUrl=\"http://valley.example.net/feed\"/></outline>\n"
    "</outline>\n"
    "<outline text=\"Harbour Times\" xmlurl=\"https://other.example.org/atom\"/>\n"
    "<outline text=\"Again\" xmlUrl=\"https://news.example.org/rss.xml\"/>\n"
    "<outline text=\"Sneaky\" xmlUrl=\"file:///etc/passwd\"/>\n"
    "<outline text=\"Old\" xmlUrl=\"ftp://old.example.com/feed\"/>\n"
    "<outline xmlUrl=\" https://untitled.example.com/f \"/>\n"
    "<outline text=\"Folder only\"/>\n"
    "</body></opml>\n";

static void test_parse(void **state) {
    (void)state;
    opml_feed_t *feeds;
    size_t n;
    buf_t err = BUF_INIT;
    assert_int_equal(opml_parse(sample, strlen(sample), &feeds, &n, &err), 0);
    assert_int_equal(n, 4);
    assert_string_equal(feeds[0].name, "Harbour Times");
    assert_string_equal(feeds[0].url, "https://news.example.org/rss.xml");
    assert_string_equal(feeds[1].name, "Valley Daily Wire");
    assert_string_equal(feeds[1].url, "http://valley.example.net/feed");
    assert_string_equal(feeds[2].name, "Harbour Times 2"); /* names stay unique */
    assert_string_equal(feeds[2].url, "https://other.example.org/atom");
    assert_string_equal(feeds[3].url, "https://untitled.example.com/f");
    assert_string_equal(feeds[3].name, "https://untitled.example.com/f");
    opml_free(feeds, n);
    assert_int_equal(opml_parse("<rss/>", 6, &feeds, &n, &err), -1);
    assert_non_null(strstr(buf_cstr(&err), "not an OPML"));
    buf_free(&err);
}

static void test_cli_round_trip(void **state) {
    (void)state;
    char *dir = test_mkdtemp();
    char opml[512], conf[512];
    snprintf(opml, sizeof opml, "%s/subs.opml", dir);
    snprintf(conf, sizeof conf, "%s/b.conf", dir);
    assert_int_equal(file_write_atomic(opml, sample, strlen(sample)), 0);
    const char *base = "[feed \"Valley\"]\nurl = http://valley.example.net/feed\n\n";
    assert_int_equal(file_write_atomic(conf, base, strlen(base)), 0);
    buf_t out = BUF_INIT, err = BUF_INIT, cmd = BUF_INIT;
    buf_printf(&cmd, "opml --config '%s' '%s'", conf, opml);
    assert_int_equal(test_run(cmd.data, &out, &err), 0);
    assert_null(strstr(buf_cstr(&out), "valley.example.net")); /* already listed */
    buf_t all = BUF_INIT;
    buf_puts(&all, base);
    buf_puts(&all, buf_cstr(&out));
    assert_int_equal(file_write_atomic(conf, all.data, all.len), 0);
    config_t cfg;
    assert_int_equal(config_load(conf, &cfg), 0);
    assert_int_equal(cfg.n_errors, 0);
    assert_int_equal(cfg.n_feeds, 4);
    assert_string_equal(cfg.feeds[1].name, "Harbour Times");
    assert_string_equal(cfg.feeds[1].url, "https://news.example.org/rss.xml");
    assert_string_equal(cfg.feeds[2].name, "Harbour Times 2");
    assert_string_equal(cfg.feeds[3].url, "https://untitled.example.com/f");
    config_free(&cfg);
    buf_free(&out);
    buf_free(&err);
    /* Bad input: 1; usage: 2. */
    buf_reset(&cmd);
    buf_printf(&cmd, "opml '%s'", conf);
    assert_int_equal(test_run(cmd.data, NULL, NULL), 1);
    assert_int_equal(test_run("opml", NULL, NULL), 2);
    assert_int_equal(test_run("opml /nonexistent/x.opml", NULL, NULL), 1);
    buf_free(&cmd);
    buf_free(&all);
    test_rmdir(dir);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse),
        cmocka_unit_test(test_cli_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
