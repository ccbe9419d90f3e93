/* test_urlutil.c - link resolution and the scheme policy. */
#include "testutil.h"

#include "urlutil.h"

static void resolves(const char *base, const char *ref, int allow_file, const char *want) {
    char *got = url_resolve(base, ref, allow_file);
    if (!want) {
        if (got) fail_msg("'%s' on '%s' should be refused, got '%s'", ref ? ref : "(null)",
                          base ? base : "(null)", got);
        return;
    }
    if (!got || strcmp(got, want) != 0)
        fail_msg("'%s' on '%s' -> '%s', want '%s'", ref, base ? base : "(null)", got ? got : "(null)", want);
    free(got);
}

static void relative_forms(void **state) {
    (void)state;
    const char *b = "https://news.example.com/world/europe/index.html?x=1";
    resolves(b, "story.html", 0, "https://news.example.com/world/europe/story.html");
    resolves(b, "../asia/story.html", 0, "https://news.example.com/world/asia/story.html");
    resolves(b, "/top", 0, "https://news.example.com/top");
    resolves(b, "//cdn.example.org/a.jpg", 0, "https://cdn.example.org/a.jpg");
    resolves(b, "?page=2", 0, "https://news.example.com/world/europe/index.html?page=2");
    resolves(b, "#frag", 0, "https://news.example.com/world/europe/index.html?x=1#frag");
    resolves(b, "  \n story.html \t", 0, "https://news.example.com/world/europe/story.html");
    resolves(b, "sto\nry.html", 0, "https://news.example.com/world/europe/story.html");
    resolves(b, "a b.html", 0, "https://news.example.com/world/europe/a%20b.html");
    resolves(NULL, "HTTP://Example.COM/x", 0, "http://Example.COM/x");
    resolves("", "https://example.com", 0, "https://example.com/");
}

static void scheme_policy(void **state) {
    (void)state;
    const char *b = "https://news.example.com/";
    resolves(b, "javascript:alert(1)", 0, NULL);
    resolves(b, "mailto:a@b.c", 0, NULL);
    resolves(b, "data:text/html,hi", 0, NULL);
    resolves(b, "ftp://example.com/x", 0, NULL);
    resolves(b, "file:///etc/passwd", 0, NULL);
    resolves("file:///srv/f.xml", "file:///etc/passwd", 1, "file:///etc/passwd");
    resolves("file:///srv/feeds/f.xml", "img/a.png", 1, "file:///srv/feeds/img/a.png");
    resolves(NULL, "story.html", 0, NULL);     /* relative without a base */
    resolves(b, "", 0, NULL);
    resolves(b, "   ", 0, NULL);
    resolves(b, NULL, 0, NULL);
    resolves(b, "http://[::1", 0, NULL);       /* malformed */
    assert_int_equal(url_has_scheme("https://x"), 1);
    assert_int_equal(url_has_scheme("a+b.c-d:x"), 1);
    assert_int_equal(url_has_scheme("/path:x"), 0);
    assert_int_equal(url_has_scheme("1http:"), 0);
    assert_int_equal(url_is_file("FILE:///x"), 1);
    assert_int_equal(url_is_file(NULL), 0);
}

static void str_is(char *got, const char *want) {
    if (!want) {
        if (got) fail_msg("got '%s', want NULL", got);
        return;
    }
    if (!got || strcmp(got, want) != 0) fail_msg("got '%s', want '%s'", got ? got : "(null)", want);
    free(got);
}

/* Content-Location is the base of a fetched document when it is usable. */
static void document_base(void **state) {
    (void)state;
    str_is(url_document_base("http://a.test/f/feed", "/mirror/news/feed.xml"),
           "http://a.test/mirror/news/feed.xml");
    str_is(url_document_base("http://a.test/f/feed", "https://b.test/x/"), "https://b.test/x/");
    str_is(url_document_base("http://a.test/f/feed", "rel/feed.xml"), "http://a.test/f/rel/feed.xml");
    str_is(url_document_base("http://a.test/f/feed", NULL), "http://a.test/f/feed");
    str_is(url_document_base("http://a.test/f/feed", ""), "http://a.test/f/feed");
    /* never a way to local files */
    str_is(url_document_base("http://a.test/f/feed", "file:///etc/passwd"), "http://a.test/f/feed");
    str_is(url_document_base("http://a.test/f/feed", "javascript:x"), "http://a.test/f/feed");
    str_is(url_document_base(NULL, "/x"), NULL);
}

/* The one scheme policy and the one file: URL reader. */
static void web_local_and_file_paths(void **state) {
    (void)state;
    assert_true(url_is_web("HTTPS://x/"));
    assert_true(url_is_web("http://x/"));
    assert_false(url_is_web("httpx://x/"));
    assert_false(url_is_web("file:///etc/passwd"));
    assert_false(url_is_web(NULL));
    assert_true(url_may_follow("https://x/", 0));
    assert_false(url_may_follow("file:///a.jpg", 0));
    assert_true(url_may_follow("file:///a.jpg", 1));
    assert_false(url_may_follow("ftp://x/a.jpg", 1));
    str_is(url_file_path("file:///srv/a.jpg"), "/srv/a.jpg");
    str_is(url_file_path("file://localhost/srv/a.jpg"), "/srv/a.jpg");
    str_is(url_file_path("file:/srv/a.jpg"), "/srv/a.jpg");
    str_is(url_file_path("file://otherhost/srv/a.jpg"), NULL);
    str_is(url_file_path("file:///srv/a%20b.jpg"), NULL);
    str_is(url_file_path("file:relative.xml"), NULL);
    str_is(url_file_path("http://x/a.jpg"), NULL);
    str_is(url_file_path(NULL), NULL);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(relative_forms),
        cmocka_unit_test(scheme_policy),
        cmocka_unit_test(document_base),
        cmocka_unit_test(web_local_and_file_paths),
    };
    return cmocka_run_group_tests_name("urlutil", tests, NULL, NULL);
}
