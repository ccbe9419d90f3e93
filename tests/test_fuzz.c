/* test_fuzz.c - mutation fuzzing of everything that reads outside input:
 * feeds, HTML pages and article text, in process, under the sanitizers.
 *
 * Seeds are the fixtures in tests/data (feeds, pages, articles). Each round
 * takes a seed, applies a few random mutations (bit flips, byte runs,
 * truncation, splices of markup tokens, duplication) and hands the result to
 * feed_parse, extract_page and summarize_points. A crash, a sanitizer report
 * or a hang fails the suite; return codes may be anything. The PRNG is
 * seeded, so a failure repeats: FUZZ_SEED=N. `make test` runs a bounded slice
 * (FUZZ_ROUNDS, default 3000; FUZZ_SECONDS=N runs for that long instead).
 *
 * The coverage-guided fuzzing is libFuzzer's (tests/fuzz/, `make fuzz`);
 * every input it found a bug with is kept in tests/data/fuzz-regress/TARGET/
 * and replayed here through the same target functions, so the plain, ASan
 * and valgrind-free builds all run them.
 */
#include "testutil.h"

#include <dirent.h>
#include <time.h>

#include "extract.h"
#include "feed.h"
#include "fuzz/targets.h"
#include "summarize.h"

typedef struct {
    char **data;
    size_t *len;
    size_t n;
} corpus_t;

static void corpus_add_dir(corpus_t *c, const char *dir) {
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        buf_t path = BUF_INIT, body = BUF_INIT;
        buf_printf(&path, "%s/%s", dir, e->d_name);
        if (file_read(path.data, 1 << 20, &body, NULL) == 0 && body.len > 0) {
            c->data = xrealloc(c->data, (c->n + 1) * sizeof *c->data);
            c->len = xrealloc(c->len, (c->n + 1) * sizeof *c->len);
            c->len[c->n] = body.len;
            c->data[c->n++] = buf_detach(&body);
        }
        buf_free(&body);
        buf_free(&path);
    }
    closedir(d);
}

static uint64_t next_random(uint64_t *s) {
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static const char *const tokens[] = {
    "<", ">", "&", "&amp;", "&nbsp;", "&#0;", "&#x110000;", "<![CDATA[", "]]>", "<!--", "-->",
    "<item>", "</item>", "<entry>", "<p>", "</p>", "<article>", "<script>", "\"", "'", "\xc3",
    "\xe2\x80", "\xff\xfe", "\x00", "<?xml version=\"1.0\" encoding=\"latin1\"?>", "xml:base=\"",
    "<!DOCTYPE x [<!ENTITY a \"aaaa\">]>", "&a;", "{\"items\":[", "U. S. .", "Mr.", "$65.9",
    "\n\n", "...", "\xe2\x80\x9d", "http://", "file:///etc/passwd", "<div class=\"caption\">",
};

static void mutate(buf_t *b, uint64_t *rng) {
    int n = 1 + (int)(next_random(rng) % 4);
    for (int i = 0; i < n; i++) {
        size_t pos = b->len ? next_random(rng) % b->len : 0;
        switch (next_random(rng) % 6) {
        case 0: /* flip a bit */
            if (b->len) b->data[pos] ^= (char)(1u << (next_random(rng) % 8));
            break;
        case 1: /* truncate */
            b->len = pos;
            break;
        case 2: { /* splice a token */
            const char *t = tokens[next_random(rng) % (sizeof tokens / sizeof tokens[0])];
            size_t tl = strlen(t) ? strlen(t) : 1;
            buf_reserve(b, tl);
            memmove(b->data + pos + tl, b->data + pos, b->len - pos);
            memcpy(b->data + pos, t, tl);
            b->len += tl;
            break;
        }
        case 3: { /* duplicate a run */
            size_t run = b->len - pos < 256 ? b->len - pos : 256;
            buf_t copy = BUF_INIT;
            buf_append(&copy, b->data + pos, run);
            buf_append(b, copy.data, copy.len);
            buf_free(&copy);
            break;
        }
        case 4: /* a run of one random byte */
            for (size_t k = 0; k < 32 && pos + k < b->len; k++)
                b->data[pos + k] = (char)(next_random(rng) & 0xff);
            break;
        default: /* delete a run */
            if (b->len > pos) {
                size_t run = next_random(rng) % 64;
                if (run > b->len - pos) run = b->len - pos;
                memmove(b->data + pos, b->data + pos + run, b->len - pos - run);
                b->len -= run;
            }
        }
    }
    buf_reserve(b, 0);
    b->data[b->len] = '\0';
}

static void one_round(const char *data, size_t len) {
    buf_t err = BUF_INIT;
    feed_t f;
    if (feed_parse(data, len, "http://example.org/feed", NULL, &f, &err) == 0) feed_free(&f);
    buf_reset(&err);
    extract_result_t ex;
    if (extract_page(data, len, "http://example.org/a", "text/html", &ex, &err) == 0)
        extract_free(&ex);
    summarize_opts_t o;
    summarize_opts_default(&o);
    char **pts = NULL;
    size_t n = 0;
    if (summarize_points(data, "A title", &o, &pts, &n) == 0) summarize_points_free(pts, n);
    buf_free(&err);
}

static void mutated_inputs_never_crash(void **state) {
    (void)state;
    corpus_t c = {0};
    corpus_add_dir(&c, "tests/data/feeds");
    corpus_add_dir(&c, "tests/data/pages");
    corpus_add_dir(&c, "tests/data");
    assert_true(c.n >= 10);
    const char *s = getenv("FUZZ_SEED");
    uint64_t rng = s ? strtoull(s, NULL, 10) : 0x9e3779b97f4a7c15ULL;
    if (!rng) rng = 1;
    long rounds = getenv("FUZZ_ROUNDS") ? atol(getenv("FUZZ_ROUNDS")) : 3000;
    long seconds = getenv("FUZZ_SECONDS") ? atol(getenv("FUZZ_SECONDS")) : 0;
    time_t until = seconds ? time(NULL) + seconds : 0;
    long done = 0;
    for (; seconds ? time(NULL) < until : done < rounds; done++) {
        size_t i = next_random(&rng) % c.n;
        buf_t b = BUF_INIT;
        buf_append(&b, c.data[i], c.len[i]);
        mutate(&b, &rng);
        one_round(b.data, b.len);
        buf_free(&b);
    }
    print_message("fuzz: %ld rounds over %zu seeds\n", done, c.n);
    for (size_t i = 0; i < c.n; i++) free(c.data[i]);
    free(c.data);
    free(c.len);
}

/* Every file under tests/data/fuzz-regress/TARGET/ through its target. */
static void fuzz_regressions_replay(void **state) {
    (void)state;
    const char *root = "tests/data/fuzz-regress";
    DIR *d = opendir(root);
    assert_non_null(d);
    struct dirent *e;
    size_t replayed = 0;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.' || !strcmp(e->d_name, "README")) continue;
        const fuzz_target_t *t = NULL;
        for (size_t i = 0; i < FUZZ_N_TARGETS; i++)
            if (!strcmp(fuzz_targets[i].name, e->d_name)) t = &fuzz_targets[i];
        if (!t) fail_msg("%s/%s: no fuzz target of that name", root, e->d_name);
        buf_t dir = BUF_INIT;
        buf_printf(&dir, "%s/%s", root, e->d_name);
        corpus_t c = {0};
        corpus_add_dir(&c, dir.data);
        for (size_t i = 0; i < c.n; i++) {
            t->run((const uint8_t *)c.data[i], c.len[i]);
            free(c.data[i]);
            replayed++;
        }
        free(c.data);
        free(c.len);
        buf_free(&dir);
    }
    closedir(d);
    print_message("fuzz: %zu regression inputs replayed\n", replayed);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(mutated_inputs_never_crash),
        cmocka_unit_test(fuzz_regressions_replay),
    };
    return cmocka_run_group_tests_name("fuzz", tests, NULL, NULL);
}
