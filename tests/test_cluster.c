/* test_cluster.c - incremental clustering: vectors, the window, and the
 * precision/recall of grouping on written fixtures and on the demo pages.
 *
 * Fixtures (tests/data/cluster, one .txt each): "story: LABEL", "hour: H" (hours from
 * the first article), "title: T", a blank line, then the text. Clustering
 * runs in time order; pairs of articles are counted: same cluster and same
 * label is a true positive. The report is printed on every run.
 */
#include "testutil.h"

#include <dirent.h>
#include <time.h>

#include "cluster_internal.h"
#include "extract.h"

typedef struct {
    char *name, *label, *title, *text;
    time_t when;
    int64_t story;
} doc_t;

static int cmp_doc(const void *a, const void *b) {
    const doc_t *x = a, *y = b;
    if (x->when != y->when) return x->when < y->when ? -1 : 1;
    return strcmp(x->name, y->name);
}

static char *header(const char *body, const char *key) {
    size_t k = strlen(key);
    for (const char *p = body; p && *p && *p != '\n'; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
        if (strncmp(p, key, k) == 0) {
            const char *v = p + k, *e = strchr(v, '\n');
            return xstrndup(v, e ? (size_t)(e - v) : strlen(v));
        }
    return NULL;
}

static size_t load_fixtures(doc_t **out) {
    DIR *d = opendir("tests/data/cluster");
    assert_non_null(d);
    size_t n = 0;
    *out = NULL;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len < 5 || strcmp(e->d_name + len - 4, ".txt") != 0) continue;
        buf_t path = BUF_INIT;
        buf_printf(&path, "tests/data/cluster/%s", e->d_name);
        char *body = test_slurp(path.data);
        buf_free(&path);
        assert_non_null(body);
        *out = xrealloc(*out, (n + 1) * sizeof **out);
        doc_t *doc = &(*out)[n++];
        memset(doc, 0, sizeof *doc);
        doc->name = xstrdup(e->d_name);
        doc->label = header(body, "story: ");
        doc->title = header(body, "title: ");
        char *hour = header(body, "hour: ");
        assert_non_null(doc->label);
        assert_non_null(doc->title);
        assert_non_null(hour);
        doc->when = 1790000000 + atol(hour) * 3600;
        free(hour);
        const char *text = strstr(body, "\n\n");
        assert_non_null(text);
        doc->text = xstrdup(text + 2);
        free(body);
    }
    closedir(d);
    qsort(*out, n, sizeof **out, cmp_doc);
    return n;
}

/* Reads the demo pages: the label is the page's demo-story marker. */
static size_t load_demo(doc_t **out) {
    DIR *d = opendir("feeds/demo/articles");
    assert_non_null(d);
    size_t n = 0;
    *out = NULL;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len < 6 || strcmp(e->d_name + len - 5, ".html") != 0) continue;
        buf_t path = BUF_INIT;
        buf_printf(&path, "feeds/demo/articles/%s", e->d_name);
        char *html = test_slurp(path.data);
        assert_non_null(html);
        const char *m = strstr(html, "name=\"demo-story\" content=\"");
        assert_non_null(m);
        m += strlen("name=\"demo-story\" content=\"");
        extract_result_t ex;
        buf_t err = BUF_INIT, url = BUF_INIT;
        buf_printf(&url, "file:///demo/%s", e->d_name);
        assert_int_equal(extract_page(html, strlen(html), url.data, NULL, &ex, &err), 0);
        *out = xrealloc(*out, (n + 1) * sizeof **out);
        doc_t *doc = &(*out)[n++];
        memset(doc, 0, sizeof *doc);
        doc->name = xstrdup(e->d_name);
        doc->label = xstrndup(m, strcspn(m, "\""));
        doc->title = xstrdup(ex.title ? ex.title : "");
        doc->text = xstrdup(ex.text ? ex.text : "");
        doc->when = ex.published;
        extract_free(&ex);
        buf_free(&err);
        buf_free(&url);
        buf_free(&path);
        free(html);
    }
    closedir(d);
    qsort(*out, n, sizeof **out, cmp_doc);
    return n;
}

static void free_docs(doc_t *docs, size_t n) {
    for (size_t i = 0; i < n; i++) {
        free(docs[i].name); free(docs[i].label); free(docs[i].title); free(docs[i].text);
    }
    free(docs);
}

/* Clusters docs in order; returns pairwise precision and recall. */
static void run_clustering(doc_t *docs, size_t n, const char *set, double *precision,
                           double *recall) {
    cluster_t *c = cluster_new(NULL);
    int64_t next_story = 1;
    for (size_t i = 0; i < n; i++) {
        cluster_vec_t *v = cluster_vec_build(docs[i].title, docs[i].text, "en");
        double score;
        int64_t s = cluster_best(c, v, docs[i].when, &score);
        docs[i].story = s ? s : next_story++;
        if (getenv("CLUSTER_VERBOSE"))
            printf("  %-28s best %.3f -> story %lld\n", docs[i].name, score, (long long)docs[i].story);
        cluster_add(c, (int64_t)i, docs[i].story, docs[i].when, v);
    }
    cluster_free(c);
    size_t tp = 0, fp = 0, fn = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++) {
            int same = strcmp(docs[i].label, docs[j].label) == 0;
            int together = docs[i].story == docs[j].story;
            if (same && together) tp++;
            else if (together) {
                fp++;
                printf("  [%s] wrongly joined: %s + %s\n", set, docs[i].name, docs[j].name);
            } else if (same) {
                fn++;
                printf("  [%s] missed: %s + %s\n", set, docs[i].name, docs[j].name);
            }
        }
    *precision = tp + fp ? (double)tp / (double)(tp + fp) : 1.0;
    *recall = tp + fn ? (double)tp / (double)(tp + fn) : 1.0;
    printf("cluster report [%s]: %zu articles, %lld clusters, pairs tp=%zu fp=%zu fn=%zu, "
           "precision %.3f recall %.3f\n",
           set, n, (long long)(next_story - 1), tp, fp, fn, *precision, *recall);
}

static void test_fixture_quality(void **state) {
    (void)state;
    doc_t *docs;
    size_t n = load_fixtures(&docs);
    assert_true(n >= 15);
    double p, r;
    run_clustering(docs, n, "fixtures", &p, &r);
    /* Different events sharing NATO/Trump/interest-rate words stay apart. */
    assert_true(p >= 0.99);
    assert_true(r >= 0.8);
    free_docs(docs, n);
}

static void test_demo_quality(void **state) {
    (void)state;
    doc_t *docs;
    size_t n = load_demo(&docs);
    assert_true(n >= 15);
    double p, r;
    run_clustering(docs, n, "demo", &p, &r);
    assert_true(p >= 0.99);
    assert_true(r >= 0.99);
    free_docs(docs, n);
}

/* Reads plain-text articles (first line the title) from dir into docs,
 * each labelled label, an hour apart after *hour. */
static void load_plain(const char *dir, const char *label, doc_t **docs, size_t *n, int *hour) {
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len < 5 || strcmp(e->d_name + len - 4, ".txt") != 0) continue;
        buf_t path = BUF_INIT;
        buf_printf(&path, "%s/%s", dir, e->d_name);
        char *body = test_slurp(path.data);
        buf_free(&path);
        assert_non_null(body);
        *docs = xrealloc(*docs, (*n + 1) * sizeof **docs);
        doc_t *doc = &(*docs)[(*n)++];
        memset(doc, 0, sizeof *doc);
        size_t nl = strcspn(body, "\n");
        doc->name = xstrdup(e->d_name);
        doc->label = xstrdup(label);
        doc->title = xstrndup(body, nl);
        doc->text = xstrdup(body[nl] ? body + nl + 1 : "");
        doc->when = 1790000000 + (time_t)(*hour)++ * 3600;
        free(body);
    }
    closedir(d);
}

/* Stories of several outlets written as plain articles: each set is one
 * cluster, and two sets are two. */
static void test_story_sets(void **state) {
    (void)state;
    doc_t *docs = NULL;
    size_t n = 0;
    int hour = 0;
    load_plain("tests/data/stories/ferry", "ferry", &docs, &n, &hour);
    const char *dunmore[] = {"tests/data/story_a.txt", "tests/data/story_b.txt", "tests/data/story_c.txt"};
    for (size_t i = 0; i < 3; i++) {
        char *body = test_slurp(dunmore[i]);
        assert_non_null(body);
        docs = xrealloc(docs, (n + 1) * sizeof *docs);
        doc_t *doc = &docs[n++];
        memset(doc, 0, sizeof *doc);
        size_t nl = strcspn(body, "\n");
        doc->name = xstrdup(dunmore[i]);
        doc->label = xstrdup("dunmore");
        doc->title = xstrndup(body, nl);
        doc->text = xstrdup(body[nl] ? body + nl + 1 : "");
        doc->when = 1790000000 + (time_t)hour++ * 3600;
        free(body);
    }
    assert_int_equal(n, 6);
    qsort(docs, n, sizeof *docs, cmp_doc);
    double p, r;
    run_clustering(docs, n, "stories", &p, &r);
    assert_true(p >= 0.999);
    assert_true(r >= 0.999);
    free_docs(docs, n);
}

/* For the bench: CLUSTER_SEEDS names a directory of plain-text articles
 * (first line the title) that all tell one story: they must make one
 * cluster. Skipped (reported as skipped) when unset. */
static void test_seed_set(void **state) {
    (void)state;
    const char *dir = getenv("CLUSTER_SEEDS");
    if (!dir || !*dir) {
        skip();
        return;
    }
    doc_t *docs = NULL;
    size_t n = 0;
    int hour = 0;
    load_plain(dir, "seed", &docs, &n, &hour);
    assert_true(n >= 2);
    double p, r;
    run_clustering(docs, n, "seeds", &p, &r);
    assert_true(r >= 0.999);
    free_docs(docs, n);
}

static void test_vec_roundtrip(void **state) {
    (void)state;
    cluster_vec_t *v = cluster_vec_build("Gale warning for Merrowgate - Herald",
                                         "Gusts of 110 km/h are expected. The Harbour Master "
                                         "closed the flood gates on Tuesday.",
                                         "en");
    assert_true(cluster_vec_size(v) >= 8);
    char *line = cluster_vec_serialize(v);
    assert_non_null(strstr(line, "110:"));
    cluster_vec_t *w = cluster_vec_parse(line);
    assert_non_null(w);
    assert_int_equal(cluster_vec_size(w), cluster_vec_size(v));
    char *line2 = cluster_vec_serialize(w);
    assert_string_equal(line, line2);
    cluster_t *c = cluster_new(NULL);
    assert_true(cluster_similarity(c, v, w) > 0.999);
    cluster_free(c);
    free(line);
    free(line2);
    cluster_vec_free(v);
    cluster_vec_free(w);
    assert_null(cluster_vec_parse("gale:1 broken"));
    assert_null(cluster_vec_parse("gale:-1"));
    assert_null(cluster_vec_parse(":3"));
    cluster_vec_t *empty = cluster_vec_parse("");
    assert_non_null(empty);
    assert_int_equal(cluster_vec_size(empty), 0);
    cluster_vec_free(empty);
}

/* Weights are written as printf's %g writes them, whole or not. */
static void test_vec_weights_as_printf_writes_them(void **state) {
    (void)state;
    const double weights[] = {1, 3, 12, 999999, 1e6, 2.5, 0.125, 123456.5, 4e-5};
    for (size_t i = 0; i < sizeof weights / sizeof *weights; i++) {
        char in[64], want[64];
        snprintf(in, sizeof in, "harbour:%.17g", weights[i]);
        snprintf(want, sizeof want, "harbour:%g", weights[i]);
        cluster_vec_t *v = cluster_vec_parse(in);
        assert_non_null(v);
        char *line = cluster_vec_serialize(v);
        assert_string_equal(line, want);
        free(line);
        cluster_vec_free(v);
    }
}

static void test_names_and_numbers_weigh_more(void **state) {
    (void)state;
    cluster_vec_t *v = cluster_vec_build(NULL, "Crews said that Keswick got 120 storms and storms.",
                                         "en");
    char *line = cluster_vec_serialize(v);
    /* "keswick" (a name) and "120" (a number) count double; "crew" does not. */
    assert_non_null(strstr(line, "keswick:3n"));
    assert_non_null(strstr(line, "120:2"));
    assert_non_null(strstr(line, "crew:1"));
    assert_non_null(strstr(line, "storm:2"));
    free(line);
    cluster_vec_free(v);
}

static void test_window_and_empty(void **state) {
    (void)state;
    const char *title = "Lantern Bridge closed for six weeks";
    const char *text = "The Lantern Bridge will close for six weeks after inspectors found "
                       "cracked bearing plates, the city said.";
    cluster_t *c = cluster_new(NULL);
    cluster_vec_t *v = cluster_vec_build(title, text, "en");
    assert_int_equal(cluster_best(c, v, 1000, NULL), 0); /* empty window: new story */
    cluster_add(c, 1, 7, 1000, v);
    cluster_vec_t *same = cluster_vec_build(title, text, "en");
    double score = 0;
    assert_int_equal(cluster_best(c, same, 1000 + 3600, &score), 7);
    assert_true(score > 0.9);
    /* The same words three days later are a new story. */
    assert_int_equal(cluster_best(c, same, 1000 + 72 * 3600, NULL), 0);
    cluster_vec_t *none = cluster_vec_build(NULL, NULL, NULL);
    assert_int_equal(cluster_vec_size(none), 0);
    assert_int_equal(cluster_best(c, none, 1000, NULL), 0);
    cluster_vec_free(none);
    cluster_vec_free(same);
    cluster_free(c);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vec_roundtrip),
        cmocka_unit_test(test_vec_weights_as_printf_writes_them),
        cmocka_unit_test(test_names_and_numbers_weigh_more),
        cmocka_unit_test(test_window_and_empty),
        cmocka_unit_test(test_fixture_quality),
        cmocka_unit_test(test_demo_quality),
        cmocka_unit_test(test_story_sets),
        cmocka_unit_test(test_seed_set),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
