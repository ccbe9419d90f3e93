/* test_extract.c - article extraction: fixture pages with known text and
 * metadata, charset sniffing, the metadata helpers, bounds, and the
 * `bulletin extract` command line. */
#include "testutil.h"

#include <strings.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "extract.h"
#include "feeddate.h"
#include "htmlmeta_internal.h"

/* ------------------------------------------------------------ fixtures */

/* The whole file as a C string ("" for an empty file). */
static char *slurp(const char *path) {
    buf_t b = BUF_INIT;
    if (file_read(path, 1 << 24, &b, NULL) != 0) {
        buf_free(&b);
        return NULL;
    }
    if (b.data) b.data[b.len] = '\0'; /* an empty read leaves the buffer unterminated */
    else buf_puts(&b, "");
    return buf_detach(&b);
}

/* Value of "key: value" in a .meta file; "" when the value is empty. */
static char *meta_value(const char *meta, const char *key) {
    size_t kl = strlen(key);
    for (const char *line = meta; line && *line;) {
        const char *nl = strchr(line, '\n');
        size_t len = nl ? (size_t)(nl - line) : strlen(line);
        if (len > kl + 1 && !strncmp(line, key, kl) && line[kl] == ':') {
            const char *v = line + kl + 1;
            while (*v == ' ') v++;
            return xstrndup(v, (size_t)(line + len - v));
        }
        if (len == kl + 1 && !strncmp(line, key, kl) && line[kl] == ':') return xstrdup("");
        line = nl ? nl + 1 : NULL;
    }
    fail_msg("key %s missing in meta file", key);
    return NULL;
}

static void expect_field(const char *page, const char *what, const char *expected, const char *got) {
    if (!*expected) {
        if (got) fail_msg("%s: %s should be absent, got \"%s\"", page, what, got);
        return;
    }
    if (!got || strcmp(expected, got) != 0)
        fail_msg("%s: %s is \"%s\", expected \"%s\"", page, what, got ? got : "(null)", expected);
}

static void check_page(const char *name) {
    buf_t path = BUF_INIT;
    buf_printf(&path, "tests/data/pages/%s.html", name);
    buf_t html = BUF_INIT, err = BUF_INIT;
    assert_int_equal(file_read(path.data, EXTRACT_MAX_BYTES, &html, &err), 0);
    buf_reset(&path);
    buf_printf(&path, "tests/data/pages/%s.txt", name);
    char *expected_text = slurp(path.data);
    assert_non_null(expected_text);
    size_t el = strlen(expected_text);
    while (el && expected_text[el - 1] == '\n') expected_text[--el] = '\0';
    buf_reset(&path);
    buf_printf(&path, "tests/data/pages/%s.meta", name);
    char *meta = slurp(path.data);
    assert_non_null(meta);

    char *url = meta_value(meta, "url");
    extract_result_t r;
    assert_int_equal(extract_page(html.data, html.len, *url ? url : NULL, NULL, &r, &err), 0);
    char *is_article = meta_value(meta, "is_article");
    if (r.is_article != atoi(is_article))
        fail_msg("%s: is_article %d, expected %s", name, r.is_article, is_article);
    if (strcmp(r.text, expected_text) != 0)
        fail_msg("%s: text differs.\n--- got:\n%s\n--- expected:\n%s", name, r.text, expected_text);
    static const char *const keys[] = {"title", "image", "byline", "lang", "url", "site_name"};
    const char *got[] = {r.title, r.image, r.byline, r.lang, r.url, r.site_name};
    for (size_t i = 0; i < 6; i++) {
        char *want = meta_value(meta, keys[i]);
        expect_field(name, keys[i], want, got[i]);
        free(want);
    }
    char *published = meta_value(meta, "published");
    char when[32] = "";
    if (r.published) {
        struct tm tm;
        time_t t = r.published;
        gmtime_r(&t, &tm);
        strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    }
    if (strcmp(when, published) != 0) fail_msg("%s: published %s, expected %s", name, when, published);
    /* text and blocks say the same */
    buf_t joined = BUF_INIT;
    for (size_t i = 0; i < r.n_blocks; i++) {
        if (i) buf_puts(&joined, "\n\n");
        buf_puts(&joined, r.blocks[i].text);
    }
    assert_string_equal(buf_cstr(&joined), r.text);
    buf_free(&joined);
    free(published);
    free(is_article);
    free(url);
    extract_free(&r);
    free(meta);
    free(expected_text);
    buf_free(&path);
    buf_free(&html);
    buf_free(&err);
}

static void tabloid_drops_captions_ads_and_comments(void **state) { (void)state; check_page("tabloid"); }
static void wire_story_in_div_paragraphs(void **state) { (void)state; check_page("wire"); }
static void blog_keeps_lists_quotes_and_subheadings(void **state) { (void)state; check_page("blog"); }
static void live_page_keeps_entries(void **state) { (void)state; check_page("live"); }
static void text_only_in_jsonld(void **state) { (void)state; check_page("jsonld"); }
static void latin1_page_declared_by_meta(void **state) { (void)state; check_page("latin1"); }
static void index_page_is_no_article(void **state) { (void)state; check_page("index"); }
static void not_found_page_is_no_article(void **state) { (void)state; check_page("notfound"); }
static void paywall_stub_is_no_article(void **state) { (void)state; check_page("paywall"); }
static void broadcaster_text_blocks(void **state) { (void)state; check_page("public"); }
static void body_split_in_columns_between_ads(void **state) { (void)state; check_page("columns"); }
static void table_layout_with_br_paragraphs(void **state) { (void)state; check_page("oldstyle"); }
static void short_brief_is_an_article(void **state) { (void)state; check_page("brief"); }

static void subheadings_are_heading_blocks(void **state) {
    (void)state;
    char *html = slurp("tests/data/pages/blog.html");
    assert_non_null(html);
    extract_result_t r;
    buf_t err = BUF_INIT;
    assert_int_equal(extract_page(html, strlen(html), NULL, NULL, &r, &err), 0);
    int headings = 0;
    for (size_t i = 0; i < r.n_blocks; i++)
        if (r.blocks[i].kind == EXTRACT_HEADING) {
            headings++;
            assert_true(!strcmp(r.blocks[i].text, "Who came") ||
                        !strcmp(r.blocks[i].text, "What happens next"));
        }
    assert_int_equal(headings, 2);
    assert_int_equal(r.blocks[0].kind, EXTRACT_PARAGRAPH);
    extract_free(&r);
    buf_free(&err);
    free(html);
}

/* ------------------------------------------------------------ charsets */

static char *article_html(const char *head, const char *paragraph) {
    buf_t b = BUF_INIT;
    buf_printf(&b, "<html><head>%s<title>T</title></head><body><article>", head);
    for (int i = 0; i < 4; i++)
        buf_printf(&b, "<p>%s Sentence number %d adds words, so that the page reads as a story.</p>", paragraph, i);
    buf_puts(&b, "</article></body></html>");
    return buf_detach(&b);
}

static void undeclared_windows1252_is_decoded(void **state) {
    (void)state;
    char *html = article_html("", "The caf\xE9 said \x93no\x94 to the plan.");
    extract_result_t r;
    buf_t err = BUF_INIT;
    assert_int_equal(extract_page(html, strlen(html), NULL, NULL, &r, &err), 0);
    assert_non_null(strstr(r.text, "The caf\xC3\xA9 said \xE2\x80\x9Cno\xE2\x80\x9D to the plan."));
    extract_free(&r);
    free(html);
    /* the HTTP header's charset is used when the page says nothing */
    html = article_html("", "Stra\xDF" "e und Gr\xFC\xDF" "e.");
    assert_int_equal(extract_page(html, strlen(html), NULL, "text/html; charset=ISO-8859-15", &r, &err), 0);
    assert_non_null(strstr(r.text, "Stra\xC3\x9F" "e und Gr\xC3\xBC\xC3\x9F" "e."));
    extract_free(&r);
    free(html);
    buf_free(&err);
}

static void stray_byte_does_not_garble_utf8(void **state) {
    (void)state;
    char *html = article_html("<meta charset=\"utf-8\">", "Z\xC3\xBCrich \xFF and S\xC3\xA3o Paulo.");
    extract_result_t r;
    buf_t err = BUF_INIT;
    assert_int_equal(extract_page(html, strlen(html), NULL, NULL, &r, &err), 0);
    /* the stray byte alone is read as Windows-1252 (charset.h), the rest stays UTF-8 */
    assert_non_null(strstr(r.text, "Z\xC3\xBCrich \xC3\xBF and S\xC3\xA3o Paulo."));
    extract_free(&r);
    buf_free(&err);
    free(html);
}

/* ------------------------------------------------------------ bounds */

static void bad_input_is_refused(void **state) {
    (void)state;
    extract_result_t r;
    buf_t err = BUF_INIT;
    assert_int_equal(extract_page("", 0, NULL, NULL, &r, &err), -1);
    assert_non_null(strstr(err.data, "empty"));
    buf_reset(&err);
    assert_int_equal(extract_page(" \n\t ", 4, NULL, NULL, &r, &err), -1);
    assert_non_null(strstr(err.data, "empty"));
    buf_reset(&err);
    const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    assert_int_equal(extract_page(png, sizeof png - 1, NULL, NULL, &r, &err), -1);
    assert_non_null(strstr(err.data, "not HTML"));
    buf_reset(&err);
    size_t big = EXTRACT_MAX_BYTES + 1;
    char *huge = xmalloc(big);
    memset(huge, 'a', big);
    assert_int_equal(extract_page(huge, big, NULL, NULL, &r, &err), -1);
    assert_non_null(strstr(err.data, "larger"));
    free(huge);
    /* plain text is a page without article structure, not a crash */
    buf_reset(&err);
    const char *plain = "just a few words";
    assert_int_equal(extract_page(plain, strlen(plain), NULL, NULL, &r, &err), 0);
    assert_int_equal(r.is_article, 0);
    assert_string_equal(r.text, "");
    extract_free(&r);
    buf_free(&err);
}

static void deep_nesting_is_bounded(void **state) {
    (void)state;
    buf_t b = BUF_INIT;
    buf_puts(&b, "<html><body>");
    for (int i = 0; i < 50000; i++) buf_puts(&b, "<div><span>");
    buf_puts(&b, "deep text, deep text, deep text, deep text, deep text, deep text");
    buf_puts(&b, "</body></html>");
    extract_result_t r;
    buf_t err = BUF_INIT;
    assert_int_equal(extract_page(b.data, b.len, NULL, NULL, &r, &err), 0);
    assert_int_equal(r.is_article, 0);
    extract_free(&r);
    buf_free(&err);
    buf_free(&b);
}

/* ------------------------------------------------------------ helpers */

/* pages' dates are read by feeddate, as feeds' are */
static void parses_dates_to_utc(void **state) {
    (void)state;
    assert_int_equal(feeddate_parse("2025-02-12T14:03:00Z"), 1739368980);
    assert_int_equal(feeddate_parse("2025-02-12T15:03:00+01:00"), 1739368980);
    assert_int_equal(feeddate_parse("2025-02-12T09:03:00.123-0500"), 1739368980);
    assert_int_equal(feeddate_parse("2025-02-12 14:03:00"), 1739368980);
    assert_int_equal(feeddate_parse("Wed, 12 Feb 2025 14:03:00 GMT"), 1739368980);
    assert_int_equal(feeddate_parse("Wed, 12 Feb 2025 09:03:00 EST"), 1739368980);
    assert_int_equal(feeddate_parse("February 12, 2025"), 1739318400);
    assert_int_equal(feeddate_parse("2025-02-12"), 1739318400);
    assert_int_equal(feeddate_parse("yesterday"), 0);
    assert_int_equal(feeddate_parse("2025-13-40T99:00"), 0);
    assert_int_equal(feeddate_parse("2025-02-12T14:03:00 garbage"), 0);
    assert_int_equal(feeddate_parse(""), 0);
    assert_int_equal(feeddate_parse(NULL), 0);
}

/* A page's metadata is capped at what a slide can show (issue 14: a 1 MB
 * title took 4.5 s to draw). */
static void metadata_is_capped(void **state) {
    (void)state;
    buf_t page = BUF_INIT;
    buf_puts(&page, "<html><head><title>");
    for (int i = 0; i < 200000; i++) buf_puts(&page, "\xC3\xA9t\xC3\xA9 ");
    buf_puts(&page, "</title><meta property=\"og:site_name\" content=\"");
    for (int i = 0; i < 20000; i++) buf_puts(&page, "Site ");
    buf_puts(&page, "\"></head><body><article>");
    for (int i = 0; i < 6; i++)
        buf_puts(&page, "<p>The council met on Tuesday and agreed the plan for the new harbour wall, "
                        "which will be built over the next two years with money from the region.</p>");
    buf_puts(&page, "</article></body></html>");
    extract_result_t r;
    buf_t err = BUF_INIT;
    assert_int_equal(extract_page(page.data, page.len, NULL, NULL, &r, &err), 0);
    const char *fields[] = {r.title, r.site_name};
    const size_t max[] = {HTMLMETA_MAX_TITLE_CHARS, HTMLMETA_MAX_NAME_CHARS};
    for (size_t i = 0; i < 2; i++) {
        assert_non_null(fields[i]);
        size_t chars = 0;
        for (const char *p = fields[i]; *p; p++) chars += ((unsigned char)*p & 0xC0) != 0x80;
        if (chars > max[i] || chars < max[i] / 2) fail_msg("field %zu: %zu characters", i, chars);
        size_t n = strlen(fields[i]);
        assert_string_equal(fields[i] + n - 3, "\xE2\x80\xA6");
    }
    extract_free(&r);
    buf_free(&err);
    buf_free(&page);
}

static void resolves_urls(void **state) {
    (void)state;
    char *u = htmlmeta_resolve_url("https://news.test/a/b.html", "../img/x.jpg");
    assert_string_equal(u, "https://news.test/img/x.jpg");
    free(u);
    u = htmlmeta_resolve_url("https://news.test/a/b.html", "//cdn.test/y.png");
    assert_string_equal(u, "https://cdn.test/y.png");
    free(u);
    u = htmlmeta_resolve_url(NULL, "http://other.test/z");
    assert_string_equal(u, "http://other.test/z");
    free(u);
    assert_null(htmlmeta_resolve_url(NULL, "/relative/without/base"));
    assert_null(htmlmeta_resolve_url("https://news.test/", "javascript:alert(1)"));
    assert_null(htmlmeta_resolve_url("https://news.test/", "ftp://files.test/f"));
    assert_null(htmlmeta_resolve_url("https://news.test/", "file:///etc/passwd"));
    u = htmlmeta_resolve_url("file:///srv/pages/a.html", "img/b.jpg");
    assert_string_equal(u, "file:///srv/pages/img/b.jpg");
    free(u);
}

static void normalizes_languages(void **state) {
    (void)state;
    char *l = htmlmeta_norm_lang("en-GB");
    assert_string_equal(l, "en");
    free(l);
    l = htmlmeta_norm_lang("PT_br");
    assert_string_equal(l, "pt");
    free(l);
    l = htmlmeta_norm_lang(" de ");
    assert_string_equal(l, "de");
    free(l);
    assert_null(htmlmeta_norm_lang("english"));
    assert_null(htmlmeta_norm_lang("x"));
    assert_null(htmlmeta_norm_lang(""));
}

static void microdata_article_body_wins(void **state) {
    (void)state;
    const char *html =
        "<html><body><div class='promo'><p>Buy our paper today, with a free gift, a calendar, and more.</p>"
        "<p>Another promotional line, with commas, and more commas, and more words here.</p></div>"
        "<div itemprop='articleBody'><p>The real story begins here, and it is about the river flooding.</p>"
        "<p>It goes on for a while, so that there is enough text to count as an article body.</p>"
        "<p>Officials said the water would go down by the weekend, and roads would reopen.</p></div></body></html>";
    extract_result_t r;
    buf_t err = BUF_INIT;
    assert_int_equal(extract_page(html, strlen(html), NULL, NULL, &r, &err), 0);
    assert_non_null(strstr(r.text, "The real story begins here"));
    assert_null(strstr(r.text, "Buy our paper"));
    extract_free(&r);
    buf_free(&err);
}

static void metadata_fallbacks(void **state) {
    (void)state;
    const char *html =
        "<html><head><base href='https://cdn.test/news/'><title>Rain returns | Weekly Post</title>"
        "<meta property='og:locale' content='nl_NL'><meta name='twitter:image' content='img/rain.jpg'>"
        "</head><body><article><p class='byline'>By Anna de Vries</p>"
        "<time datetime='2025-03-01T08:30:00+01:00'>1 maart</time>"
        "<p>It rained again on Saturday, and the canals rose by ten centimetres, officials said.</p>"
        "<p>More rain is expected on Sunday, with winds from the west, and cooler air behind it.</p>"
        "<p>The water board said pumps were running day and night and no homes had been flooded.</p>"
        "</article></body></html>";
    extract_result_t r;
    buf_t err = BUF_INIT;
    assert_int_equal(extract_page(html, strlen(html), "https://www.weeklypost.test/a/1", NULL, &r, &err), 0);
    assert_string_equal(r.title, "Rain returns");
    assert_string_equal(r.site_name, "Weekly Post");
    assert_string_equal(r.image, "https://cdn.test/news/img/rain.jpg");
    assert_string_equal(r.lang, "nl");
    assert_string_equal(r.byline, "Anna de Vries");
    assert_string_equal(r.url, "https://www.weeklypost.test/a/1");
    assert_int_equal(r.published, 1740814200);
    assert_null(strstr(r.text, "By Anna"));
    assert_non_null(strstr(r.text, "It rained again"));
    extract_free(&r);
    buf_free(&err);
}

/* ------------------------------------------------------------ command line */

static void cli_prints_text_and_json(void **state) {
    (void)state;
    buf_t out = BUF_INIT, err = BUF_INIT;
    assert_int_equal(test_run("extract tests/data/pages/wire.html", &out, &err), 0);
    assert_true(!strncmp(out.data, "LONDON/SANTIAGO, Feb 12", 23));
    assert_non_null(strstr(out.data, "tons.\n\nAmong other metals"));
    assert_null(strstr(out.data, "Related Coverage"));
    buf_reset(&out);
    assert_int_equal(test_run("extract --json --url https://www.blog.test/x/ tests/data/pages/blog.html", &out, &err), 0);
    cJSON *j = cJSON_Parse(out.data);
    assert_non_null(j);
    assert_string_equal(cJSON_GetObjectItem(j, "title")->valuestring,
                        "Why our town\xE2\x80\x99s library stayed open all night");
    assert_string_equal(cJSON_GetObjectItem(j, "published")->valuestring, "2025-02-11T02:15:00Z");
    assert_string_equal(cJSON_GetObjectItem(j, "lang")->valuestring, "en");
    assert_true(cJSON_IsTrue(cJSON_GetObjectItem(j, "is_article")));
    assert_non_null(strstr(cJSON_GetObjectItem(j, "text")->valuestring, "\n\nWho came\n\n"));
    cJSON_Delete(j);
    buf_free(&out);
    buf_free(&err);
}

static void cli_no_article_and_errors(void **state) {
    (void)state;
    buf_t out = BUF_INIT, err = BUF_INIT;
    assert_int_equal(test_run("extract tests/data/pages/index.html", &out, &err), 1);
    assert_int_equal(out.len, 0);
    assert_non_null(strstr(err.data, "no article found"));
    buf_reset(&err);
    assert_int_equal(test_run("extract --json tests/data/pages/notfound.html", &out, &err), 0);
    cJSON *j = cJSON_Parse(out.data);
    assert_non_null(j);
    assert_true(cJSON_IsFalse(cJSON_GetObjectItem(j, "is_article")));
    assert_string_equal(cJSON_GetObjectItem(j, "text")->valuestring, "");
    assert_true(cJSON_IsNull(cJSON_GetObjectItem(j, "published")));
    cJSON_Delete(j);
    char *dir = test_mkdtemp();
    buf_t cmd = BUF_INIT;
    buf_printf(&cmd, "extract %s/empty.html", dir);
    buf_t empty = BUF_INIT;
    buf_printf(&empty, "%s/empty.html", dir);
    assert_int_equal(file_write_atomic(empty.data, "", 0), 0);
    buf_reset(&err);
    assert_int_equal(test_run(cmd.data, &out, &err), 1);
    assert_non_null(strstr(err.data, "empty"));
    buf_reset(&err);
    /* A URL is fetched (by bulletin-fetch); one that cannot be is named. */
    assert_int_equal(test_run("extract https://news.test/story", &out, &err), 1);
    assert_non_null(strstr(err.data, "https://news.test/story: "));
    buf_reset(&err);
    assert_int_equal(test_run("extract /nonexistent/page.html", &out, &err), 1);
    assert_int_equal(test_run("extract", &out, &err), 2);
    assert_int_equal(test_run("extract --bogus x.html", &out, &err), 2);
    assert_int_equal(test_run("extract --url", &out, &err), 2);
    buf_reset(&out);
    assert_int_equal(test_run("extract --help", &out, &err), 0);
    assert_non_null(strstr(out.data, "no article found"));
    buf_free(&cmd);
    buf_free(&empty);
    test_rmdir(dir);
    buf_free(&out);
    buf_free(&err);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tabloid_drops_captions_ads_and_comments),
        cmocka_unit_test(wire_story_in_div_paragraphs),
        cmocka_unit_test(blog_keeps_lists_quotes_and_subheadings),
        cmocka_unit_test(live_page_keeps_entries),
        cmocka_unit_test(text_only_in_jsonld),
        cmocka_unit_test(latin1_page_declared_by_meta),
        cmocka_unit_test(index_page_is_no_article),
        cmocka_unit_test(not_found_page_is_no_article),
        cmocka_unit_test(paywall_stub_is_no_article),
        cmocka_unit_test(broadcaster_text_blocks),
        cmocka_unit_test(body_split_in_columns_between_ads),
        cmocka_unit_test(table_layout_with_br_paragraphs),
        cmocka_unit_test(short_brief_is_an_article),
        cmocka_unit_test(subheadings_are_heading_blocks),
        cmocka_unit_test(undeclared_windows1252_is_decoded),
        cmocka_unit_test(stray_byte_does_not_garble_utf8),
        cmocka_unit_test(bad_input_is_refused),
        cmocka_unit_test(deep_nesting_is_bounded),
        cmocka_unit_test(parses_dates_to_utc),
        cmocka_unit_test(resolves_urls),
        cmocka_unit_test(metadata_is_capped),
        cmocka_unit_test(normalizes_languages),
        cmocka_unit_test(microdata_article_body_wins),
        cmocka_unit_test(metadata_fallbacks),
        cmocka_unit_test(cli_prints_text_and_json),
        cmocka_unit_test(cli_no_article_and_errors),
    };
    return cmocka_run_group_tests_name("extract", tests, NULL, NULL);
}
