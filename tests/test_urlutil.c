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

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(relative_forms),
        cmocka_unit_test(scheme_policy),
    };
    return cmocka_run_group_tests_name("urlutil", tests, NULL, NULL);
}
