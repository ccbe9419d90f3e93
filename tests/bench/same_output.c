/* same_output.c - everything the summarizer gives for a set of texts, for a
 * before/after comparison of a change made for speed alone.
 *
 * usage: same_output FILE...   (each file: one article, plain UTF-8 text)
 * For every file, and for four damaged copies of it (decomposed to NFD,
 * re-encoded as Latin-1 bytes, 1% of its bytes replaced by random ones, its
 * spaces replaced by odd spaces and its line ends by CR LF), prints:
 * utf8text_normalize's output, the terms of summarize_terms, and the
 * points of summarize_points with no title, with the first line as title,
 * with the hints "en" and "de", with a corpus IDF, with --max 5 and at 12
 * words a point; then summarize_story over every three files in a row.
 * Two builds that print the same bytes (compare the sha256) summarize
 * alike. Deterministic: the damage comes from a fixed seed. Built and run
 * by tests/bench/same_output.sh.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "buf.h"
#include "fileio.h"
#include "summarize.h"
#include "utf8text.h"

static uint64_t rng_state = 0x9e3779b97f4a7c15u;
static uint32_t rng(void) {
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)(rng_state >> 16);
}

/* a corpus IDF that does not depend on the build: a hash of the term */
static double fake_df(const void *ctx, const char *term, size_t len) {
    (void)ctx;
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++) h = (h ^ (unsigned char)term[i]) * 16777619u;
    return (double)(h % 97);
}
static const summarize_idf_t fake_idf = {1000.0, fake_df, NULL};

static void print_terms_fn(void *ctx, const char *term, size_t len) {
    buf_t *b = ctx;
    buf_append(b, term, len);
    buf_putc(b, ' ');
}

static void print_points(const char *label, const char *text, const char *title,
                         const summarize_opts_t *o) {
    char **p = NULL;
    size_t n = 0;
    int rc = summarize_points(text, title, o, &p, &n);
    printf("[%s] rc %d n %zu\n", label, rc, n);
    for (size_t i = 0; i < n; i++) printf("  %s\n", p[i]);
    if (rc == 0) summarize_points_free(p, n);
}

static char *first_line(const char *text) {
    const char *nl = strchr(text, '\n');
    size_t n = nl ? (size_t)(nl - text) : strlen(text);
    if (n > 200) n = 200;
    return xstrndup(text, n);
}

static void one_text(const char *text) {
    size_t len = strlen(text);
    char *norm = utf8text_normalize(text, len);
    printf("[normalize] %s\n", norm ? norm : "(null)");
    free(norm);
    buf_t terms = BUF_INIT;
    summarize_terms(text, NULL, print_terms_fn, &terms);
    printf("[terms] %s\n", buf_cstr(&terms));
    buf_free(&terms);

    summarize_opts_t o;
    summarize_opts_default(&o);
    print_points("plain", text, NULL, &o);
    char *title = first_line(text);
    print_points("title", text, title, &o);
    free(title);
    o.lang = "en";
    print_points("en", text, NULL, &o);
    o.lang = "de";
    print_points("de", text, NULL, &o);
    summarize_opts_default(&o);
    o.idf = &fake_idf;
    print_points("idf", text, NULL, &o);
    summarize_opts_default(&o);
    o.max_points = o.min_points = 5;
    print_points("max5", text, NULL, &o);
    summarize_opts_default(&o);
    o.max_words = 12;
    o.max_chars = 80;
    print_points("short", text, NULL, &o);
}

/* the damaged copies (malloc'd, NUL-terminated) */
static char *to_nfd(const char *s) {
    utf8proc_uint8_t *out = NULL;
    if (utf8proc_map((const utf8proc_uint8_t *)s, 0, &out, UTF8PROC_DECOMPOSE) < 0)
        return xstrdup(s);
    return (char *)out;
}
static char *to_latin1(const char *s) {
    size_t len = strlen(s), pos = 0;
    buf_t b = BUF_INIT;
    while (pos < len) {
        size_t at = pos;
        int32_t cp = utf8text_decode(s, len, &pos);
        if (pos == at) pos++;
        if (cp >= 0 && cp < 256) buf_putc(&b, (char)cp);
        else buf_putc(&b, '?');
    }
    return buf_detach(&b);
}
static char *random_bytes(const char *s) {
    char *d = xstrdup(s);
    for (size_t i = 0; d[i]; i++)
        if (rng() % 100 == 0) d[i] = (char)(1 + rng() % 255);
    return d;
}
static char *odd_spaces(const char *s) {
    static const char *const spaces[] = {"\xc2\xa0", "\xe2\x80\x89", "\t", "  ", "\xe2\x80\x8b "};
    buf_t b = BUF_INIT;
    for (size_t i = 0; s[i]; i++) {
        if (s[i] == ' ' && rng() % 8 == 0) buf_puts(&b, spaces[rng() % 5]);
        else if (s[i] == '\n') buf_puts(&b, "\r\n");
        else buf_putc(&b, s[i]);
    }
    return buf_detach(&b);
}

int main(int argc, char **argv) {
    int n = argc - 1;
    if (n < 1) {
        fprintf(stderr, "usage: same_output FILE...\n");
        return 2;
    }
    buf_t *texts = xcalloc((size_t)n, sizeof *texts);
    for (int i = 0; i < n; i++)
        if (file_read(argv[i + 1], 16u << 20, &texts[i], NULL) != 0) {
            fprintf(stderr, "cannot read %s\n", argv[i + 1]);
            return 1;
        }
    char *(*const damage[])(const char *) = {to_nfd, to_latin1, random_bytes, odd_spaces};
    for (int i = 0; i < n; i++) {
        const char *t = buf_cstr(&texts[i]);
        printf("=== %d\n", i);
        one_text(t);
        for (size_t k = 0; k < sizeof damage / sizeof damage[0]; k++) {
            char *d = damage[k](t);
            printf("=== %d damaged %zu\n", i, k);
            one_text(d);
            free(d);
        }
    }
    summarize_opts_t o;
    summarize_opts_default(&o);
    for (int i = 0; i + 3 <= n; i += 3) {
        summarize_doc_t docs[3];
        char *titles[3];
        for (int k = 0; k < 3; k++) {
            titles[k] = first_line(buf_cstr(&texts[i + k]));
            docs[k] = (summarize_doc_t){buf_cstr(&texts[i + k]), titles[k], NULL};
        }
        summarize_story_point_t *pts = NULL;
        size_t np = 0, lead = 0;
        char *headline = NULL;
        int rc = summarize_story(docs, 3, &o, &pts, &np, &headline, &lead);
        printf("=== story %d rc %d n %zu lead %zu headline %s\n", i, rc, np, lead,
               headline ? headline : "(null)");
        for (size_t k = 0; k < np; k++) printf("  %zu %s\n", pts[k].doc, pts[k].text);
        if (rc == 0) summarize_story_points_free(pts, np);
        free(headline);
        for (int k = 0; k < 3; k++) free(titles[k]);
    }
    for (int i = 0; i < n; i++) buf_free(&texts[i]);
    free(texts);
    return 0;
}
