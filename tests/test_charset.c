/* test_charset.c - any bytes to valid UTF-8, and xmlprep's repairs. */
#include "testutil.h"

#include <strings.h>

#include "charset_internal.h"
#include "xmlprep.h"

static void converts_as(charset_doc_t kind, const char *in, size_t len, const char *ct,
                        const char *want, const char *want_used) {
    buf_t out = BUF_INIT;
    char used[CHARSET_NAME_MAX];
    charset_to_utf8(in, len, ct, kind, &out, used);
    if (strcmp(buf_cstr(&out), want) != 0) fail_msg("got '%s', want '%s'", buf_cstr(&out), want);
    assert_true(charset_is_utf8(out.data ? out.data : "", out.len));
    if (want_used) assert_string_equal(used, want_used);
    buf_free(&out);
}

static void converts_to(const char *in, size_t len, const char *ct, const char *want,
                        const char *want_used) {
    converts_as(CHARSET_DOC_XML, in, len, ct, want, want_used);
}

static void labels_and_sniffing(void **state) {
    (void)state;
    char name[CHARSET_NAME_MAX];
    assert_int_equal(charset_from_content_type("text/xml; Charset=\"ISO-8859-1\"", name), 1);
    assert_string_equal(name, "iso-8859-1");
    assert_int_equal(charset_from_content_type("application/rss+xml", name), 0);
    assert_int_equal(charset_from_content_type(NULL, name), 0);
    assert_int_equal(charset_from_content_type("text/html; charset=", name), 0);
    const char *decl = "<?xml version='1.0' encoding='Windows-1252' ?><rss/>";
    assert_int_equal(charset_from_xml_decl(decl, strlen(decl), name), 1);
    assert_string_equal(name, "windows-1252");
    assert_int_equal(charset_from_xml_decl("<rss/>", 6, name), 0);
}

static void conversions(void **state) {
    (void)state;
    /* BOMs */
    converts_to("\xEF\xBB\xBF<a>\xC3\xA9</a>", 12, NULL, "<a>\xC3\xA9</a>", "utf-8");
    converts_to("\xFF\xFE<\0a\0>\0\xE9\0", 10, NULL, "<a>\xC3\xA9", "UTF-16LE");
    converts_to("\xFE\xFF\0<\0a\0>\0\xE9", 10, NULL, "<a>\xC3\xA9", "UTF-16BE");
    converts_to("<\0?\0x\0", 6, NULL, "<?x", "UTF-16LE");           /* no BOM */
    /* a Latin-1 document labelled by its declaration */
    const char *l1 = "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><t>caf\xE9 \x93q\x94</t>";
    converts_to(l1, strlen(l1), NULL,
                "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><t>caf\xC3\xA9 \xE2\x80\x9Cq\xE2\x80\x9D</t>",
                "windows-1252");
    /* the HTTP header wins over the declaration, but valid UTF-8 wins over a Latin-1 label */
    converts_to("<t>caf\xC3\xA9</t>", 12, "text/xml; charset=iso-8859-1", "<t>caf\xC3\xA9</t>", "utf-8");
    converts_to("<t>\xEF\xF0</t>", 9, "text/xml; charset=windows-1251", "<t>\xD0\xBF\xD1\x80</t>",
                "windows-1251");
    /* UTF-8 label with stray Windows-1252 bytes */
    converts_to("<t>\xC3\xA9 and \xE9 and \x80</t>", 21, "text/xml; charset=utf-8",
                "<t>\xC3\xA9 and \xC3\xA9 and \xE2\x82\xAC</t>", "utf-8");
    /* overlong and surrogate encodings are not UTF-8 */
    assert_int_equal(charset_is_utf8("\xC0\xAF", 2), 0);
    assert_int_equal(charset_is_utf8("\xED\xA0\x80", 3), 0);
    assert_int_equal(charset_is_utf8("\xF4\x90\x80\x80", 4), 0);
    assert_int_equal(charset_is_utf8("\xF0\x9F\x98\x80", 4), 1);
    /* an unknown label falls back to UTF-8 with repair */
    converts_to("<t>\xE9</t>", 8, "text/xml; charset=x-no-such-charset", "<t>\xC3\xA9</t>", "utf-8");
    /* truncated multi-byte input in a real multi-byte charset */
    converts_to("<t>\x93\xFA", 5, "text/xml; charset=shift_jis", "<t>\xE6\x97\xA5", "CP932");
    converts_to("<t>\x93", 4, "text/xml; charset=shift_jis", "<t>\xEF\xBF\xBD", "CP932");
}


/* HTML pages: BOM, then the HTTP header, then <meta>, then the bytes. */
static void html_sniffing_order(void **state) {
    (void)state;
    const char *meta = "<meta charset=\"ISO-8859-2\"><p>\xB1</p>"; /* U+0105 in ISO-8859-2 */
    converts_as(CHARSET_DOC_HTML, meta, strlen(meta), NULL, "<meta charset=\"ISO-8859-2\"><p>\xC4\x85</p>",
                "iso-8859-2");
    /* an XML document does not read <meta> */
    converts_as(CHARSET_DOC_XML, meta, strlen(meta), "text/html; charset=iso-8859-2",
                "<meta charset=\"ISO-8859-2\"><p>\xC4\x85</p>", "iso-8859-2");
    /* the header wins over the page */
    converts_as(CHARSET_DOC_HTML, meta, strlen(meta), "text/html; charset=windows-1252",
                "<meta charset=\"ISO-8859-2\"><p>\xC2\xB1</p>", "windows-1252");
    /* a BOM wins over both */
    const char bom[] = "\xEF\xBB\xBF<meta charset=iso-8859-2><p>\xC3\xA9</p>";
    converts_as(CHARSET_DOC_HTML, bom, strlen(bom), "text/html; charset=koi8-r",
                "<meta charset=iso-8859-2><p>\xC3\xA9</p>", "utf-8");
    const char *equiv = "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">"
                        "<p>caf\xE9 \x93q\x94</p>";
    converts_as(CHARSET_DOC_HTML, equiv, strlen(equiv), NULL,
                "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">"
                "<p>caf\xC3\xA9 \xE2\x80\x9Cq\xE2\x80\x9D</p>", "windows-1252");
    /* an unknown label falls back to the bytes; NUL bytes of a page are U+FFFD */
    const char bogus[] = "<meta charset=\"no-such-charset\"><p>caf\xC3\xA9\0!</p>";
    converts_as(CHARSET_DOC_HTML, bogus, sizeof bogus - 1, NULL,
                "<meta charset=\"no-such-charset\"><p>caf\xC3\xA9\xEF\xBF\xBD!</p>", "utf-8");
    char name[CHARSET_NAME_MAX];
    assert_int_equal(charset_from_html_meta("<p>no meta</p>", 14, name), 0);
}

/* The one Windows-1252 table, the one UTF-8 decoder and encoder. */
static void cp1252_and_utf8_primitives(void **state) {
    (void)state;
    assert_int_equal(charset_cp1252(0x80), 0x20AC);
    assert_int_equal(charset_cp1252(0x92), 0x2019);
    assert_int_equal(charset_cp1252(0x81), 0x81); /* undefined: its C1 code point */
    assert_int_equal(charset_cp1252(0xE9), 0xE9);
    uint32_t cp = 0;
    assert_int_equal(charset_utf8_decode("\xE2\x82\xAC", 3, &cp), 3);
    assert_int_equal(cp, 0x20AC);
    assert_int_equal(charset_utf8_decode("\xE2\x82", 2, &cp), 0);     /* truncated */
    assert_int_equal(charset_utf8_decode("\xE0\x80\xAF", 3, &cp), 0); /* overlong */
    assert_int_equal(charset_utf8_decode("\xC3", 1, &cp), 0);
    buf_t b = BUF_INIT;
    charset_put_utf8(&b, 0x1F600);
    charset_put_utf8(&b, 0xD800);
    charset_put_utf8(&b, 0);
    charset_put_utf8(&b, 'a');
    assert_string_equal(buf_cstr(&b), "\xF0\x9F\x98\x80\xEF\xBF\xBD\xEF\xBF\xBD" "a");
    buf_free(&b);
}

/* Undeclared and wrongly declared legacy encodings: every fixture of
 * tests/data/feeds/enc (made by its make.sh with iconv) reads exactly as
 * the UTF-8 text it was made from. */
static void detects_legacy_encodings(void **state) {
    (void)state;
    static const struct {
        const char *file, *source, *used;
    } cases[] = {
        {"zh-hans.gb2312-nodecl.xml", "zh-hans.utf8.xml", "GB18030"},
        {"zh-hant.big5-nodecl.xml", "zh-hant.utf8.xml", "BIG5-HKSCS"},
        {"ja.eucjp-nodecl.xml", "ja.utf8.xml", "euc-jp"},
        {"ja.sjis-as-utf8.xml", "ja.utf8.xml", "CP932"},
        {"ko.euckr-as-latin1.xml", "ko.utf8.xml", "CP949"},
        {"ru.koi8r-nodecl.xml", "ru.utf8.xml", "koi8-r"},
        {"ru.koi8r-as-latin1.xml", "ru.utf8.xml", "koi8-r"},
        {"ru.koi8r-declared.xml", "ru.utf8.xml", "koi8-r"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        buf_t path = BUF_INIT, data = BUF_INIT, want = BUF_INIT, got = BUF_INIT, err = BUF_INIT;
        buf_printf(&path, "tests/data/feeds/enc/%s", cases[i].file);
        assert_int_equal(file_read(path.data, 1 << 20, &data, &err), 0);
        buf_reset(&path);
        buf_printf(&path, "tests/data/feeds/enc/%s", cases[i].source);
        assert_int_equal(file_read(path.data, 1 << 20, &want, &err), 0);
        char used[CHARSET_NAME_MAX];
        charset_to_utf8(data.data, data.len, NULL, CHARSET_DOC_XML, &got, used);
        /* the generated files may start with an XML declaration */
        const char *body = strstr(got.data, "<rss");
        assert_non_null(body);
        if (strcmp(body, want.data) != 0) fail_msg("%s: read as %s:\n%s", cases[i].file, used, body);
        if (strcasecmp(used, cases[i].used) != 0)
            fail_msg("%s: used %s, want %s", cases[i].file, used, cases[i].used);
        buf_free(&path);
        buf_free(&data);
        buf_free(&want);
        buf_free(&got);
        buf_free(&err);
    }
}

/* What the detector must not do: overrule a right Latin label, or read a
 * little mislabelled Windows-1252 as something else. */
static void latin_text_stays_latin(void **state) {
    (void)state;
    const char *fr = "<t>L'\xE9t\xE9 sera chaud \xE0 Paris, dit la m\xE9t\xE9o, don\x92t worry</t>";
    converts_to(fr, strlen(fr), "text/xml; charset=iso-8859-1",
                "<t>L'\xC3\xA9t\xC3\xA9 sera chaud \xC3\xA0 Paris, dit la m\xC3\xA9t\xC3\xA9o, don\xE2\x80\x99t worry</t>",
                "windows-1252");
    converts_to(fr, strlen(fr), NULL,
                "<t>L'\xC3\xA9t\xC3\xA9 sera chaud \xC3\xA0 Paris, dit la m\xC3\xA9t\xC3\xA9o, don\xE2\x80\x99t worry</t>",
                "windows-1252");
    const char *de = "<t>Gr\xFC\xDF" "e aus K\xF6ln</t>";
    converts_to(de, strlen(de), NULL, "<t>Gr\xC3\xBC\xC3\x9F" "e aus K\xC3\xB6ln</t>", NULL);
}

static void prep_is(const char *in, const char *want) {
    buf_t out = BUF_INIT, err = BUF_INIT;
    assert_int_equal(xmlprep_clean(in, strlen(in), 0, &out, &err), 0);
    if (strcmp(buf_cstr(&out), want) != 0) fail_msg("'%s' -> '%s', want '%s'", in, buf_cstr(&out), want);
    buf_free(&out);
    buf_free(&err);
}

static void xml_repairs(void **state) {
    (void)state;
    prep_is("  junk <a>AT&T &amp; &nbsp;&eacute;</a>", "<a>AT&amp;T &amp; &#160;&#233;</a>");
    prep_is("<a>&#150;&#8217&#0;&bogus;&#x;</a>", "<a>\xE2\x80\x93&#8217;&#65533;&amp;bogus;&amp;#x;</a>");
    prep_is("<a>5 < 6 <3</a>", "<a>5 &lt; 6 &lt;3</a>");
    prep_is("<a><![CDATA[&nbsp; <b>]]><!-- & --></a>", "<a><![CDATA[&nbsp; <b>]]><!-- & --></a>");
    prep_is("<a href=\"?x=1&y=2\">\x01\x1F\xEF\xBF\xBF</a>", "<a href=\"?x=1&amp;y=2\"></a>");
    prep_is("<!DOCTYPE a [<!ENTITY e \"<b>&amp;x</b>\">]><a>&e;</a>", "<a><b>&amp;x</b></a>");
    /* raw HTML in an element that carries HTML, on the second attempt */
    buf_t out = BUF_INIT, err = BUF_INIT;
    const char *raw = "<item><description><p>a<br>b]]>c</p></description><title>t</title></item>";
    assert_int_equal(xmlprep_clean(raw, strlen(raw), XMLPREP_WRAP_HTML, &out, &err), 0);
    assert_string_equal(out.data, "<item><description><![CDATA[<p>a<br>b]]]]><![CDATA[>c</p>]]>"
                                  "</description><title>t</title></item>");
    buf_reset(&out);
    const char *xh = "<content type=\"xhtml\"><div>x</div></content>";
    assert_int_equal(xmlprep_clean(xh, strlen(xh), XMLPREP_WRAP_HTML, &out, &err), 0);
    assert_string_equal(out.data, xh);
    buf_free(&out);
    buf_free(&err);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(labels_and_sniffing),
        cmocka_unit_test(conversions),
        cmocka_unit_test(html_sniffing_order),
        cmocka_unit_test(cp1252_and_utf8_primitives),
        cmocka_unit_test(detects_legacy_encodings),
        cmocka_unit_test(latin_text_stays_latin),
        cmocka_unit_test(xml_repairs),
    };
    return cmocka_run_group_tests_name("charset", tests, NULL, NULL);
}
