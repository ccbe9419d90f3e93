/* test_charset.c - any bytes to valid UTF-8, and xmlprep's repairs. */
#include "testutil.h"

#include "charset.h"
#include "xmlprep.h"

static void converts_to(const char *in, size_t len, const char *ct, const char *want,
                        const char *want_used) {
    buf_t out = BUF_INIT;
    char used[CHARSET_NAME_MAX];
    charset_to_utf8(in, len, ct, 1, &out, used);
    if (strcmp(buf_cstr(&out), want) != 0) fail_msg("got '%s', want '%s'", buf_cstr(&out), want);
    assert_true(charset_is_utf8(out.data ? out.data : "", out.len));
    if (want_used) assert_string_equal(used, want_used);
    buf_free(&out);
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
        cmocka_unit_test(xml_repairs),
    };
    return cmocka_run_group_tests_name("charset", tests, NULL, NULL);
}
