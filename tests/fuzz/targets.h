/* targets.h - the fuzz targets: one function per parser of outside input.
 *
 * Each takes any bytes, hands them to one parser and frees what it got; a
 * return code from the parser may be anything, a crash, a sanitizer report,
 * a leak or a hang is the bug. The same functions serve the libFuzzer
 * binaries (tests/fuzz/fuzz_main.c, `make fuzz`) and the replay of
 * tests/data/fuzz-regress/TARGET/ in test_fuzz.c (plain and ASan suites).
 */
#ifndef BULLETIN_FUZZ_TARGETS_H
#define BULLETIN_FUZZ_TARGETS_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "buf.h"
#include "config.h"
#include "extract.h"
#include "feed.h"
#include "feeddate.h"
#include "lang.h"
#include "sentence.h"
#include "summarize.h"

/* bytes as a C string (the parsers below that take one) */
static inline char *fuzz_cstr(const uint8_t *data, size_t len) {
    char *s = xmalloc(len + 1);
    if (len) memcpy(s, data, len);
    s[len] = '\0';
    return s;
}

static inline int fuzz_feed(const uint8_t *data, size_t len) {
    feed_t f;
    buf_t err = BUF_INIT;
    /* the first byte picks the HTTP content type the feed came with */
    static const char *const types[] = {NULL, "application/rss+xml; charset=iso-8859-1",
                                        "text/xml; charset=shift_jis", "application/atom+xml"};
    const char *type = len ? types[data[0] % 4] : NULL;
    if (feed_parse((const char *)data, len, "http://example.org/feed.xml", type, &f, &err) == 0)
        feed_free(&f);
    buf_free(&err);
    return 0;
}

/* JSON Feed: only objects (anything else goes to the XML path, fuzzed above). */
static inline int fuzz_jsonfeed(const uint8_t *data, size_t len) {
    size_t i = 0;
    while (i < len && (data[i] == ' ' || data[i] == '\n' || data[i] == '\t' || data[i] == '\r')) i++;
    if (i == len || data[i] != '{') return 0;
    feed_t f;
    buf_t err = BUF_INIT;
    if (feed_parse((const char *)data, len, "https://example.org/feed.json", "application/feed+json",
                   &f, &err) == 0)
        feed_free(&f);
    buf_free(&err);
    return 0;
}

static inline int fuzz_extract(const uint8_t *data, size_t len) {
    extract_result_t r;
    buf_t err = BUF_INIT;
    if (extract_page((const char *)data, len, "https://example.org/news/a.html", NULL, &r, &err) == 0)
        extract_free(&r);
    buf_free(&err);
    return 0;
}

/* The sentence splitter in each language, then the summarizer. */
static inline int fuzz_summarize(const uint8_t *data, size_t len) {
    char *text = fuzz_cstr(data, len);
    sentence_rules_t rules;
    sentence_rules_init(&rules, len ? (lang_id_t)(data[0] % LANG_COUNT) : LANG_EN);
    sentence_t *s = NULL;
    size_t n = sentence_split(text, len, &rules, &s);
    for (size_t i = 0; i < n; i++)
        if (s[i].start + s[i].len > len) abort(); /* a sentence outside the text */
    free(s);
    sentence_rules_free(&rules);
    summarize_opts_t o;
    summarize_opts_default(&o);
    char **pts = NULL;
    size_t np = 0;
    if (summarize_points(text, "A title of the story", &o, &pts, &np) == 0)
        summarize_points_free(pts, np);
    free(text);
    return 0;
}

static inline int fuzz_feeddate(const uint8_t *data, size_t len) {
    if (len > 4096) return 0; /* a date, not a document */
    char *s = fuzz_cstr(data, len);
    time_t t = feeddate_parse(s);
    char iso[FEEDDATE_ISO_LEN];
    if (t > 0) feeddate_format(t, iso);
    free(s);
    return 0;
}

/* The config parser reads a file: the bytes go to a memory file. */
static inline int fuzz_config(const uint8_t *data, size_t len) {
    int fd = memfd_create("bulletin-fuzz-config", MFD_CLOEXEC);
    if (fd < 0) return 0;
    size_t off = 0;
    while (off < len) {
        ssize_t w = write(fd, data + off, len - off);
        if (w <= 0) break;
        off += (size_t)w;
    }
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    config_t c;
    if (config_load(path, &c) == 0) config_free(&c);
    close(fd);
    return 0;
}

typedef struct {
    const char *name;
    int (*run)(const uint8_t *data, size_t len);
} fuzz_target_t;

static const fuzz_target_t fuzz_targets[] = {
    {"feed", fuzz_feed},         {"jsonfeed", fuzz_jsonfeed}, {"extract", fuzz_extract},
    {"summarize", fuzz_summarize}, {"feeddate", fuzz_feeddate}, {"config", fuzz_config},
};
#define FUZZ_N_TARGETS (sizeof fuzz_targets / sizeof fuzz_targets[0])

#endif
