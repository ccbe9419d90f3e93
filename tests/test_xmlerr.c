/* test_xmlerr.c - libxml2's own messages reach the log, never raw stderr.
 *
 * libxml2 prints some messages on stderr even under XML_PARSE_NOERROR: a
 * text node over 10 MB ("huge text node", here two adjacent CDATA sections
 * of a feed) and encoding errors (a Shift_JIS page with bytes that are not
 * Shift_JIS). With xmlerr around every parse, what reaches stderr is only
 * Bulletin's own log lines. Also: the previous handlers come back, pairs
 * nest, and routine markup errors are debug-level only. And the log itself
 * cannot be forged: control characters from input fold to spaces.
 */
#include "testutil.h"

#include <fcntl.h>
#include <libxml/parser.h>

#include "extract.h"
#include "feed.h"
#include "log_internal.h"
#include "xmlerr.h"

typedef struct {
    int saved_fd;
    char path[64];
} capture_t;

static void capture_begin(capture_t *c) {
    fflush(stderr);
    snprintf(c->path, sizeof c->path, "/tmp/bulletin-xmlerr-XXXXXX");
    int fd = mkstemp(c->path);
    assert_true(fd >= 0);
    c->saved_fd = dup(STDERR_FILENO);
    dup2(fd, STDERR_FILENO);
    close(fd);
}

/* Returns what was written to stderr meanwhile (caller frees). */
static char *capture_end(capture_t *c) {
    fflush(stderr);
    dup2(c->saved_fd, STDERR_FILENO);
    close(c->saved_fd);
    char *text = test_slurp(c->path);
    unlink(c->path);
    return text ? text : xstrdup("");
}

/* Every line of s is one of Bulletin's log lines. */
static void only_log_lines(const char *s) {
    for (const char *line = s; *line;) {
        const char *nl = strchr(line, '\n');
        if (strncmp(line, "bulletin[", 9) != 0)
            fail_msg("a line on stderr that is not Bulletin's: %.*s",
                     (int)(nl ? nl - line : (long)strlen(line)), line);
        if (!nl) break;
        line = nl + 1;
    }
}

static void huge_text_node_is_logged(void **state) {
    (void)state;
    buf_t doc = BUF_INIT;
    buf_puts(&doc, "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title>"
                   "<item><title>x</title><description>");
    for (int k = 0; k < 2; k++) {
        buf_puts(&doc, "<![CDATA[");
        for (int i = 0; i < 6000000 / 50; i++)
            buf_puts(&doc, "fifty bytes of text, again and again and again ok ");
        buf_puts(&doc, "]]>");
    }
    buf_puts(&doc, "</description></item></channel></rss>");
    capture_t c;
    capture_begin(&c);
    feed_t f;
    buf_t err = BUF_INIT;
    if (feed_parse(doc.data, doc.len, "http://example.org/feed", NULL, &f, &err) == 0) feed_free(&f);
    char *out = capture_end(&c);
    only_log_lines(out);
    assert_non_null(strstr(out, "warn: feed: libxml2: xmlSAX2Characters: huge text node"));
    free(out);
    buf_free(&err);
    buf_free(&doc);
}

static void encoding_errors_are_logged(void **state) {
    (void)state;
    buf_t page = BUF_INIT;
    buf_puts(&page, "<html><head><meta charset=shift_jis><title>T</title></head><body><p>");
    for (int i = 0; i < 20; i++) buf_puts(&page, "Some words of text \x81\xff\xa0\x85 and bad bytes. ");
    buf_puts(&page, "</p></body></html>");
    capture_t c;
    capture_begin(&c);
    extract_result_t r;
    buf_t err = BUF_INIT;
    if (extract_page(page.data, page.len, NULL, NULL, &r, &err) == 0) extract_free(&r);
    char *out = capture_end(&c);
    /* The bytes are made valid UTF-8 (charset.h) before libxml2 reads
     * them, so libxml2 has nothing to complain of; whatever it says must
     * still come as log lines only. */
    only_log_lines(out);
    assert_null(strstr(out, "input conversion failed"));
    free(out);
    buf_free(&err);
    buf_free(&page);
}

static int custom_calls;
static void custom_handler(void *ctx, xmlErrorPtr e) {
    (void)ctx;
    (void)e;
    custom_calls++;
}

static void handlers_are_restored_and_nest(void **state) {
    (void)state;
    xmlSetStructuredErrorFunc(NULL, custom_handler);
    xmlerr_t outer, inner;
    xmlerr_begin(&outer, "test");
    xmlerr_begin(&inner, "test");
    const char bad[] = "<a><b></a>";
    xmlDocPtr d = xmlReadMemory(bad, (int)sizeof bad - 1, NULL, NULL,
                                XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_RECOVER);
    xmlFreeDoc(d);
    assert_int_equal(xmlerr_end(&inner), 1); /* markup errors */
    assert_true(inner.count >= 1);
    assert_int_equal(outer.count, 0);
    assert_int_equal(xmlerr_end(&outer), 0);
    assert_int_equal(custom_calls, 0);
    assert_ptr_equal(xmlStructuredError, custom_handler);
    d = xmlReadMemory(bad, (int)sizeof bad - 1, NULL, NULL,
                      XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_RECOVER);
    xmlFreeDoc(d);
    assert_true(custom_calls >= 1); /* the test's own handler is back */
    xmlSetStructuredErrorFunc(NULL, NULL);
}

static void markup_errors_are_debug_only(void **state) {
    (void)state;
    enum log_level was = log_get_level();
    log_set_level(LOG_LVL_INFO);
    capture_t c;
    capture_begin(&c);
    xmlerr_t g;
    xmlerr_begin(&g, "test");
    const char bad[] = "<a><b></a>";
    xmlDocPtr d = xmlReadMemory(bad, (int)sizeof bad - 1, NULL, NULL,
                                XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_RECOVER);
    xmlFreeDoc(d);
    xmlerr_end(&g);
    log_set_level(LOG_LVL_DEBUG);
    xmlerr_begin(&g, "test");
    d = xmlReadMemory(bad, (int)sizeof bad - 1, NULL, NULL,
                      XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_RECOVER);
    xmlFreeDoc(d);
    xmlerr_end(&g);
    log_set_level(was);
    char *out = capture_end(&c);
    /* once, from the debug-level pass, one line with the count */
    const char *first = strstr(out, "debug: test: libxml2: ");
    assert_non_null(first);
    assert_null(strstr(first + strlen("debug: test: libxml2: "), "test: libxml2: "));
    assert_non_null(strstr(out, "more messages"));
    only_log_lines(out);
    free(out);
}

static void cli_stderr_has_only_log_lines(void **state) {
    (void)state;
    char *dir = test_mkdtemp();
    buf_t path = BUF_INIT, page = BUF_INIT, out = BUF_INIT, err = BUF_INIT, args = BUF_INIT;
    buf_printf(&path, "%s/sjis.html", dir);
    buf_puts(&page, "<html><head><meta charset=shift_jis></head><body><p>");
    for (int i = 0; i < 20; i++) buf_puts(&page, "Words of text \x81\xff\xa0 bad. ");
    buf_puts(&page, "</p></body></html>");
    assert_int_equal(file_write_atomic(path.data, page.data, page.len), 0);
    buf_printf(&args, "extract '%s'", path.data);
    test_run(args.data, &out, &err);
    only_log_lines(err.data ? err.data : "");
    test_rmdir(dir);
    buf_free(&path);
    buf_free(&page);
    buf_free(&out);
    buf_free(&err);
    buf_free(&args);
}

/* A message with newlines and escapes from outside input is still one line. */
static void log_lines_cannot_be_forged(void **state) {
    (void)state;
    capture_t c;
    capture_begin(&c);
    log_msg(LOG_LVL_ERROR, "feed", "title: %s", "Hello\nbulletin[1]: error: store: forged\r\x1b[2J");
    char *out = capture_end(&c);
    assert_non_null(strstr(out, "Hello bulletin[1]"));
    assert_int_equal(strchr(out, '\n') - out + 1, (long)strlen(out)); /* one newline, at the end */
    assert_null(strchr(out, '\x1b'));
    assert_null(strchr(out, '\r'));
    free(out);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(huge_text_node_is_logged),
        cmocka_unit_test(encoding_errors_are_logged),
        cmocka_unit_test(handlers_are_restored_and_nest),
        cmocka_unit_test(markup_errors_are_debug_only),
        cmocka_unit_test(cli_stderr_has_only_log_lines),
        cmocka_unit_test(log_lines_cannot_be_forged),
    };
    return cmocka_run_group_tests_name("xmlerr", tests, NULL, NULL);
}
