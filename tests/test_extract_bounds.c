/* test_extract_bounds.c - no page takes the extractor past its budgets.
 *
 * Hostile pages just under EXTRACT_MAX_BYTES (dense elements, a flood of
 * attributes in one tag, text that grows threefold in UTF-8, JSON-LD that
 * hides a dense fragment...) are extracted in a child process, which
 * reports how much its peak RSS (VmHWM) grew over the call: at most
 * HEAP_BUDGET_MB, with the page itself already counted before (the dense
 * page of issue 14 took 850 MB before the tree was bounded). Its CPU time
 * is capped far above need (RLIMIT_CPU: a quadratic parse is killed
 * instead of hanging the suite), its heap far above the budget
 * (RLIMIT_DATA: an unbounded parse cannot take the machine). Under ASan
 * the memory figures mean nothing (shadow memory, quarantine): the pages
 * run for memory errors only. Also: a page past the caps keeps the article at its
 * start and says truncated; a large ordinary page is not truncated.
 */
#include "testutil.h"

#include <sys/resource.h>

#include "extract.h"

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif
#ifndef UNDER_ASAN
#define UNDER_ASAN 0
#endif

#define HEAP_BUDGET_MB 40 /* beyond the page itself */
#define CPU_GUARD_SECONDS 120

typedef void (*page_fn)(buf_t *b);

/* Repeats s until b is nearly EXTRACT_MAX_BYTES (room left for a tail). */
static void fill(buf_t *b, const char *s) {
    size_t n = strlen(s);
    while (b->len + n + 64 < EXTRACT_MAX_BYTES) buf_append(b, s, n);
}

static void dense_paragraphs(buf_t *b) { /* the page of issue 14 */
    buf_puts(b, "<html><body>");
    fill(b, "<p>a");
}
static void line_breaks(buf_t *b) {
    buf_puts(b, "<html><body><div>");
    fill(b, "a<br>");
}
static void table_cells(buf_t *b) {
    buf_puts(b, "<html><body><table>");
    fill(b, "<tr><td>a");
}
static void links(buf_t *b) {
    buf_puts(b, "<html><body><div>");
    fill(b, "<a href=x>a</a> ");
}
static void list_items(buf_t *b) {
    buf_puts(b, "<html><body><ul>");
    fill(b, "<li>one, two, three, four, five six seven");
}
static void attribute_flood(buf_t *b) { /* quadratic in libxml2's tag parser */
    buf_puts(b, "<html><body><p");
    for (unsigned i = 0; b->len + 80 < EXTRACT_MAX_BYTES; i++) buf_printf(b, " a%u=1", i);
    buf_puts(b, ">x</p>");
}
static void attribute_heavy(buf_t *b) {
    buf_puts(b, "<html><body>");
    fill(b, "<i class=a id=b title=c lang=d dir=e data-x=f data-y=g>a</i>");
}
static void one_long_text(buf_t *b) {
    buf_puts(b, "<html><body><p>");
    fill(b, "word ");
}
static void growing_text(buf_t *b) { /* 1 byte in windows-1252, 3 in UTF-8 */
    buf_puts(b, "<html><head><meta charset=windows-1252></head><body><p>");
    fill(b, "\x93");
}
static void end_tags(buf_t *b) {
    buf_puts(b, "<html><body>");
    for (int i = 0; i < 250; i++) buf_puts(b, "<div>");
    fill(b, "</x>");
}
static void comments(buf_t *b) {
    buf_puts(b, "<html><body><p>");
    fill(b, "<!---->");
}
static void nested_named(buf_t *b) {
    buf_puts(b, "<html><body>");
    fill(b, "<div class=\"share article-body\">");
}
static void jsonld_fragment(buf_t *b) { /* the JSON-LD body is parsed as HTML too */
    buf_puts(b, "<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
                "\"articleBody\":\"");
    fill(b, "<p>a");
    buf_puts(b, "\"}</script></head><body><p>x</p></body></html>");
}

static const struct {
    const char *name;
    page_fn make;
} hostile[] = {
    {"dense paragraphs", dense_paragraphs}, {"line breaks", line_breaks},
    {"table cells", table_cells},           {"links", links},
    {"list items", list_items},             {"attribute flood", attribute_flood},
    {"attribute heavy", attribute_heavy},   {"one long text", one_long_text},
    {"growing text", growing_text},         {"end tags", end_tags},
    {"comments", comments},                 {"nested named", nested_named},
    {"jsonld fragment", jsonld_fragment},
};

/* A field of /proc/self/status ("VmRSS:", "VmHWM:"...), in bytes. */
static size_t status_bytes(const char *field) {
    buf_t s = BUF_INIT;
    size_t kb = 0;
    if (file_read("/proc/self/status", 1 << 16, &s, NULL) == 0) {
        const char *p = strstr(s.data, field);
        if (p) kb = strtoull(p + strlen(field), NULL, 10);
    }
    buf_free(&s);
    return kb * 1024;
}

/* Extracts page in a child; returns its wait status. The child exits 0
 * when its peak RSS grew by at most HEAP_BUDGET_MB, 6 when it grew more. */
static int extract_capped(const buf_t *page) {
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        /* a hard stop far above the budget, so an unbounded parse cannot
         * take the machine (libxml2 then fails its allocations) */
        struct rlimit data = {status_bytes("VmData:") + (256u << 20),
                              status_bytes("VmData:") + (256u << 20)};
        struct rlimit cpu = {CPU_GUARD_SECONDS, CPU_GUARD_SECONDS};
        if ((!UNDER_ASAN && setrlimit(RLIMIT_DATA, &data) != 0) || setrlimit(RLIMIT_CPU, &cpu) != 0)
            _exit(4);
        size_t before = status_bytes("VmRSS:");
        extract_result_t r;
        buf_t err = BUF_INIT;
        int rc = extract_page(page->data, page->len, "http://example.org/a", NULL, &r, &err);
        if (rc != 0) _exit(3);
        extract_free(&r);
        buf_free(&err);
        size_t grew = status_bytes("VmHWM:") - before;
        fprintf(stderr, "  peak RSS grew by %zu MB\n", grew >> 20);
        /* Under qemu-user (TEST_WRAPPER) the peak also holds the emulator's
         * own translated code, which grows with the work done: 43 MB where
         * the native run grows 37 MB on "growing text". */
        size_t budget = (size_t)(HEAP_BUDGET_MB + (getenv("TEST_WRAPPER") ? 16 : 0)) << 20;
        _exit(!UNDER_ASAN && grew > budget ? 6 : 0);
    }
    int st = 0;
    waitpid(pid, &st, 0);
    return st;
}

static void hostile_pages_stay_in_budget(void **state) {
    (void)state;
    int failed = 0;
    for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
        buf_t page = BUF_INIT;
        hostile[i].make(&page);
        assert_true(page.len <= EXTRACT_MAX_BYTES);
        print_message("%s: %zu bytes\n", hostile[i].name, page.len);
        int st = extract_capped(&page);
        if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
            print_message("  FAILED: the child %s %d (6: over %d MB)\n",
                          WIFEXITED(st) ? "exited" : "was killed by signal",
                          WIFEXITED(st) ? WEXITSTATUS(st) : WTERMSIG(st), HEAP_BUDGET_MB);
            failed++;
        }
        buf_free(&page);
    }
    assert_int_equal(failed, 0);
}

static const char article[] =
    "<html><head><title>Harbour cranes return</title></head><body><article>"
    "<h1>Harbour cranes return</h1>"
    "<p>The harbour authority said on Tuesday that the two container cranes removed last "
    "spring would be back in service by the end of the month, after repairs to their rails.</p>"
    "<p>Dock workers, who had loaded ships by hand for eleven weeks, welcomed the news, "
    "though their union asked for a written schedule before the night shifts resume.</p>"
    "<p>The repairs cost 2.4 million, paid from the port's reserve, the authority said.</p>"
    "</article>";

static void page_past_caps_keeps_its_start(void **state) {
    (void)state;
    buf_t page = BUF_INIT;
    buf_puts(&page, article);
    fill(&page, "<p>a");
    extract_result_t r;
    buf_t err = BUF_INIT;
    assert_int_equal(extract_page(page.data, page.len, NULL, NULL, &r, &err), 0);
    assert_int_equal(r.truncated, 1);
    assert_int_equal(r.is_article, 1);
    assert_non_null(strstr(r.text, "container cranes removed last spring"));
    assert_non_null(strstr(r.text, "paid from the port's reserve"));
    extract_free(&r);
    buf_free(&err);
    buf_free(&page);
}

static void attribute_flood_keeps_the_tag(void **state) {
    (void)state;
    buf_t page = BUF_INIT;
    buf_puts(&page, "<html><body><article><p class=lead");
    for (int i = 0; i < 5000; i++) buf_printf(&page, " data-a%d=\"v>%d\"", i, i);
    buf_puts(&page, ">The flooded tag keeps its own text, and the words after it stay too.</p>");
    buf_puts(&page, article + strlen("<html><head><title>Harbour cranes return</title></head><body><article>"));
    extract_result_t r;
    buf_t err = BUF_INIT;
    assert_int_equal(extract_page(page.data, page.len, NULL, NULL, &r, &err), 0);
    /* the quoted '>' in the dropped attributes does not end the tag early */
    assert_non_null(strstr(r.text, "The flooded tag keeps its own text"));
    assert_null(strstr(r.text, "v>"));
    assert_non_null(strstr(r.text, "paid from the port's reserve"));
    extract_free(&r);
    buf_free(&err);
    buf_free(&page);
}

static void large_ordinary_page_is_whole(void **state) {
    (void)state;
    buf_t page = BUF_INIT;
    buf_puts(&page, "<html><head><title>Long read</title></head><body><article class=\"story-body\">");
    int paragraphs = 1500;
    for (int i = 0; i < paragraphs; i++)
        buf_printf(&page,
                   "<p class=\"para\" data-n=\"%d\">Paragraph %d of the long read goes on about the "
                   "harbour, the cranes, the rails and the people, as long reads do, at length, "
                   "with commas, and detail, and numbers such as %d.</p>\n",
                   i, i, i * 7);
    buf_puts(&page, "</article></body></html>");
    extract_result_t r;
    buf_t err = BUF_INIT;
    assert_int_equal(extract_page(page.data, page.len, NULL, NULL, &r, &err), 0);
    assert_int_equal(r.truncated, 0);
    assert_int_equal(r.n_blocks, (size_t)paragraphs);
    assert_non_null(strstr(r.text, "Paragraph 1499 of the long read"));
    extract_free(&r);
    buf_free(&err);
    buf_free(&page);
}

static void result_is_capped(void **state) {
    (void)state;
    buf_t page = BUF_INIT;
    buf_puts(&page, "<html><body><article>");
    for (int i = 0; i < EXTRACT_MAX_BLOCKS + 500; i++)
        buf_printf(&page, "<p>Short paragraph number %d, with a comma, in a long list.</p>", i);
    buf_puts(&page, "</article></body></html>");
    extract_result_t r;
    buf_t err = BUF_INIT;
    assert_int_equal(extract_page(page.data, page.len, NULL, NULL, &r, &err), 0);
    assert_int_equal(r.n_blocks, (size_t)EXTRACT_MAX_BLOCKS);
    assert_int_equal(r.truncated, 1);
    assert_true(strlen(r.text) <= EXTRACT_MAX_TEXT + 2 * EXTRACT_MAX_BLOCKS);
    extract_free(&r);
    buf_free(&err);
    buf_free(&page);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hostile_pages_stay_in_budget),
        cmocka_unit_test(page_past_caps_keeps_its_start),
        cmocka_unit_test(attribute_flood_keeps_the_tag),
        cmocka_unit_test(large_ordinary_page_is_whole),
        cmocka_unit_test(result_is_capped),
    };
    return cmocka_run_group_tests_name("extract_bounds", tests, NULL, NULL);
}
