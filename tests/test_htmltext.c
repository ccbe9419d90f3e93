/* test_htmltext.c - HTML fragments to plain text, entity decoding. */
#include "testutil.h"

#include "htmlmeta.h"
#include "htmltext_internal.h"
#include "utf8text.h"

static void plain_is(const char *html, const char *want) {
    char *got = htmltext_to_plain(html, strlen(html));
    if (strcmp(got, want) != 0) fail_msg("'%s' -> '%s', want '%s'", html, got, want);
    free(got);
}

static void line_is(const char *html, const char *want) {
    char *got = htmltext_to_line(html, strlen(html));
    if (strcmp(got, want) != 0) fail_msg("'%s' -> '%s', want '%s'", html, got, want);
    free(got);
}

static void decoded_is(const char *in, const char *want, size_t want_count) {
    buf_t b = BUF_INIT;
    size_t n = htmltext_decode_entities(in, strlen(in), &b);
    if (strcmp(buf_cstr(&b), want) != 0) fail_msg("'%s' -> '%s', want '%s'", in, buf_cstr(&b), want);
    assert_int_equal(n, want_count);
    buf_free(&b);
}

static void named_and_numeric_entities(void **state) {
    (void)state;
    decoded_is("caf&eacute; &amp; cr&egrave;me", "caf\xC3\xA9 & cr\xC3\xA8me", 3);
    decoded_is("&nbsp;&hellip;&mdash;&euro;&trade;", "\xC2\xA0\xE2\x80\xA6\xE2\x80\x94\xE2\x82\xAC\xE2\x84\xA2", 5);
    decoded_is("&#233;&#xE9;&#XE9;&#x1F600;", "\xC3\xA9\xC3\xA9\xC3\xA9\xF0\x9F\x98\x80", 4);
    decoded_is("&#150;&#146;", "\xE2\x80\x93\xE2\x80\x99", 2);           /* C1 as Windows-1252 */
    decoded_is("&#0;&#xD800;&#x110000;", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD", 3);
    decoded_is("&copy 2025 &amp", "\xC2\xA9 2025 &", 2);                    /* legacy, no ';' */
    decoded_is("&notin; &notit;", "\xE2\x88\x89 \xC2\xACit;", 2);            /* longest legacy prefix */
    decoded_is("&bogus; & &; &#; &#x;", "&bogus; & &; &#; &#x;", 0);
    decoded_is("&NotNestedLessLess;", "\xE2\xAA\xA1\xCC\xB8", 1);             /* two code points */
    unsigned cp[2];
    assert_int_equal(htmltext_entity_lookup("nbsp", 4, cp), 1);
    assert_int_equal(cp[0], 0xA0);
    assert_int_equal(htmltext_entity_lookup("Eacute", 6, cp), 1);
    assert_int_equal(cp[0], 0xC9);
    assert_int_equal(htmltext_entity_lookup("eacutex", 7, cp), 0);
    assert_int_equal(htmltext_entity_lookup("zwnj", 4, cp), 1);
    assert_int_equal(cp[0], 0x200C);
}

static void tags_blocks_and_spaces(void **state) {
    (void)state;
    plain_is("<p>One</p><p>Two</p>", "One\n\nTwo");
    plain_is("a<br>b<br/>c<br><br>d", "a\nb\nc\n\nd");
    plain_is("  lots   of\n\t space&nbsp;&nbsp;here  ", "lots of space here");
    plain_is("<b>bold</b><i>it</i>alic", "bolditalic");
    plain_is("<div><h2>Head</h2><ul><li>x</li><li>y</li></ul></div>", "Head\n\nx\n\ny");
    plain_is("a<script>var x = '<p>no</p>';</script>b", "a b");
    plain_is("a<style>p{color:red}</style>b<!-- c -->d", "a bd");
    plain_is("5 < 6 and 7 <8", "5 < 6 and 7 <8");
    plain_is("<a href=\"x?a=1&b=2\" title='a > b'>link</a> text", "link text");
    plain_is("<![CDATA[raw <text>]]>", "raw <text>");
    plain_is("<table><tr><td>a</td><td>b</td></tr></table>", "a b");
    plain_is("zero\xE2\x80\x8Bwidth soft\xC2\xADhyphen", "zerowidth softhyphen");
    plain_is("<p>unterminated <b", "unterminated");
    plain_is("", "");
    plain_is("<p></p><p> </p>", "");
    plain_is("&lt;p&gt; stays text", "<p> stays text");
    line_is("<p>One</p><p>Two</p><br>three", "One Two three");
    line_is("  Title\n  with   breaks ", "Title with breaks");
    line_is("Generics: List<T> and <b>Map</b>", "Generics: List<T> and Map");
    line_is("Why <tags> matter <o:p></o:p><my-widget>x</my-widget>", "Why <tags> matter x");
    plain_is("Why <tags> vanish in bodies", "Why vanish in bodies");
}

static void fold_and_images(void **state) {
    (void)state;
    char *s = htmltext_fold_text("a  b\n\n\nc\nd &amp;", 17, 1);
    assert_string_equal(s, "a b\n\nc d &amp;");
    free(s);
    s = htmltext_fold_text("a  b\n\n\nc", 8, 0);
    assert_string_equal(s, "a b c");
    free(s);
    const char *h = "<p>x</p><IMG class=a data-src=\"no\" SRC = 'pic.jpg?a=1&amp;b=2' alt=\"\">";
    s = htmltext_first_img_src(h, strlen(h));
    assert_string_equal(s, "pic.jpg?a=1&b=2");
    free(s);
    assert_null(htmltext_first_img_src("<p>none</p>", 11));
    assert_null(htmltext_first_img_src("<img alt=x>", 11));
}

/* ZWNJ and ZWJ join letters (Persian, Hindi) and emoji: kept everywhere a
 * title goes (HTML, plain text, page metadata, summarizer text); the space
 * characters become one space each, never nothing. */
static void joiners_kept_spaces_mapped(void **state) {
    (void)state;
    const char *persian = "\xD9\x85\xDB\x8C\xE2\x80\x8C\xD8\xAE\xD9\x88\xD8\xA7\xD9\x87\xD9\x85"; /* mi<ZWNJ>khaham */
    const char *family = "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7";
    const char *hindi = "\xE0\xA4\x95\xE0\xA5\x8D\xE2\x80\x8D\xE0\xA4\xB7"; /* ka virama ZWJ ssa */
    const char *all[] = {persian, family, hindi};
    for (size_t i = 0; i < 3; i++) {
        line_is(all[i], all[i]);
        plain_is(all[i], all[i]);
        char *f = htmltext_fold_text(all[i], strlen(all[i]), 0);
        assert_string_equal(f, all[i]);
        free(f);
        char *sq = htmlmeta_squash(xstrdup(all[i]));
        assert_string_equal(sq, all[i]);
        free(sq);
        char *n = utf8text_normalize(all[i], strlen(all[i]));
        assert_string_equal(n, all[i]);
        free(n);
    }
    /* the Persian word is one token for the summarizer */
    size_t pos = 0;
    utf8text_token_t tok;
    assert_int_equal(utf8text_next_token(persian, strlen(persian), &pos, &tok), 1);
    assert_int_equal(tok.len, strlen(persian));
    assert_int_equal(utf8text_next_token(persian, strlen(persian), &pos, &tok), 0);
    line_is("a&#x200D;b &zwnj;c", "a\xE2\x80\x8D" "b \xE2\x80\x8C" "c");
    /* no-break, thin, narrow no-break, hair, ideographic, ogham, medium math spaces */
    const char *spaced = "a\xC2\xA0" "b\xE2\x80\x89" "c\xE2\x80\xAF" "d\xE2\x80\x8A" "e\xE3\x80\x80" "f\xE1\x9A\x80" "g\xE2\x81\x9F" "h";
    line_is(spaced, "a b c d e f g h");
    line_is("a&nbsp;b&thinsp;c&#8239;d&#x2009;e", "a b c d e");
    char *sq = htmlmeta_squash(xstrdup(spaced));
    assert_string_equal(sq, "a b c d e f g h");
    free(sq);
    char *n = utf8text_normalize(spaced, strlen(spaced));
    assert_string_equal(n, "a b c d e f g h");
    free(n);
}

static void arbitrary_bytes_are_safe(void **state) {
    (void)state;
    /* every prefix of a tricky fragment, and random bytes: no crash, no overread */
    const char *t = "<p a=\"<\" b='>'>&#x1F600;&amp<scr<script>x</scr";
    for (size_t n = 0; n <= strlen(t); n++) {
        char *cut = xstrndup(t, n);
        char *s = htmltext_to_plain(cut, n);
        free(s);
        free(cut);
    }
    unsigned seed = 12345;
    char junk[4096];
    for (int round = 0; round < 50; round++) {
        for (size_t i = 0; i < sizeof junk; i++) {
            seed = seed * 1103515245u + 12345u;
            junk[i] = "<>&;#x/ap!-\"' \n"[(seed >> 16) % 15];
        }
        char *s = htmltext_to_plain(junk, sizeof junk);
        assert_non_null(s);
        free(s);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(named_and_numeric_entities),
        cmocka_unit_test(tags_blocks_and_spaces),
        cmocka_unit_test(fold_and_images),
        cmocka_unit_test(joiners_kept_spaces_mapped),
        cmocka_unit_test(arbitrary_bytes_are_safe),
    };
    return cmocka_run_group_tests_name("htmltext", tests, NULL, NULL);
}
