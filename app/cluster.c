/* cluster.c - see cluster.h. */
#include "cluster.h"
#include "cluster_internal.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "hash.h"
#include "summarize.h"

#define TITLE_WEIGHT 3.0
#define LEAD_WEIGHT 1.0
#define NAME_FACTOR 3.0
#define NUMBER_FACTOR 2.0
#define MIN_NAMES 3
#define MIN_SHARED_NAMES 2
#define MAX_TERM_BYTES 64
#define MAX_VEC_TERMS 4096

typedef struct {
    uint64_t hash;
    char *term;
    double w;
    double tf; /* tfw(w), set by vec_sort */
    int is_name;
} vterm_t;

struct cluster_vec {
    vterm_t *t;
    size_t n, cap;
};

typedef struct {
    int64_t article_id;
    int64_t story_id;
    time_t when;
    const cluster_vec_t *vec;
    int owned; /* cluster_add took it; cluster_add_shared did not */
} item_t;

struct cluster {
    cluster_opts_t opts;
    item_t *items;
    size_t n, cap;
    /* document frequencies: open addressing over term hashes */
    uint64_t *df_keys;
    unsigned *df_counts;
    size_t df_cap, df_used;
};

void cluster_opts_default(cluster_opts_t *o) {
    o->window_s = CLUSTER_WINDOW_S;
    o->threshold = CLUSTER_THRESHOLD;
}

static uint64_t term_hash(const char *s, size_t n) {
    uint64_t h = hash_fnv1a(HASH_FNV1A_BASIS, s, n);
    return h ? h : 1; /* 0 marks an empty slot */
}

/* ---------------------------------------------------------------- vectors */
static void vec_put(cluster_vec_t *v, const char *term, size_t len, double w) {
    if (len == 0 || len > MAX_TERM_BYTES) return;
    uint64_t h = term_hash(term, len);
    for (size_t i = 0; i < v->n; i++)
        if (v->t[i].hash == h) {
            v->t[i].w += w;
            return;
        }
    if (v->n >= MAX_VEC_TERMS) return;
    if (v->n == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 32;
        v->t = xrealloc(v->t, v->cap * sizeof *v->t);
    }
    v->t[v->n++] = (vterm_t){h, xstrndup(term, len), w, 0, 0};
}

static int cmp_vterm(const void *a, const void *b) {
    uint64_t x = ((const vterm_t *)a)->hash, y = ((const vterm_t *)b)->hash;
    return x < y ? -1 : x > y;
}

static double tfw(double w);

/* Sorts by hash (for merging) and sets each term's tf weight. */
static void vec_sort(cluster_vec_t *v) {
    if (v->n > 1) qsort(v->t, v->n, sizeof *v->t, cmp_vterm);
    for (size_t i = 0; i < v->n; i++) v->t[i].tf = tfw(v->t[i].w);
}

typedef struct {
    cluster_vec_t *v;
    double w;
} put_ctx_t;

static void put_term(void *ctx, const char *term, size_t len) {
    put_ctx_t *p = ctx;
    vec_put(p->v, term, len, p->w);
}

static int is_word_byte(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '\'' || c == '-' || c >= 0x80;
}

/* Capitalized words that are not names: days and months. */
static const char *const not_names[] = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December", "Mr", "Mrs", "Ms", "Dr", NULL,
};

static int is_not_name(const unsigned char *w, size_t len) {
    for (size_t i = 0; not_names[i]; i++)
        if (strlen(not_names[i]) == len && memcmp(not_names[i], w, len) == 0) return 1;
    return 0;
}

/* The capitalized words inside sentences, and all-capital words anywhere:
 * names of people, places, bodies. Joined by spaces into out. */
static void collect_names(const char *text, buf_t *out) {
    int sentence_start = 1;
    const unsigned char *p = (const unsigned char *)text;
    while (*p) {
        if (!is_word_byte(*p)) {
            if (*p == '.' || *p == '!' || *p == '?' || *p == ':' || *p == '\n' || *p == '"')
                sentence_start = 1;
            p++;
            continue;
        }
        const unsigned char *w = p;
        while (*p && is_word_byte(*p)) p++;
        size_t len = (size_t)(p - w);
        int caps = 0;
        for (size_t i = 0; i < len; i++) caps += w[i] >= 'A' && w[i] <= 'Z';
        int capitalized = w[0] >= 'A' && w[0] <= 'Z';
        int all_caps = caps >= 2 && caps == (int)len;
        if (((capitalized && !sentence_start) || all_caps) && !is_not_name(w, len)) {
            buf_append(out, w, len);
            buf_putc(out, ' ');
        }
        sentence_start = 0;
    }
}

static int has_digit(const char *s) {
    for (; *s; s++)
        if (*s >= '0' && *s <= '9') return 1;
    return 0;
}

cluster_vec_t *cluster_vec_build(const char *title, const char *text, const char *lang) {
    cluster_vec_t *v = xcalloc(1, sizeof *v);
    put_ctx_t ctx = {v, TITLE_WEIGHT};
    if (title && *title) summarize_terms(title, lang, put_term, &ctx);
    char *lead = NULL;
    if (text && *text) {
        size_t n = strlen(text);
        if (n > CLUSTER_LEAD_CHARS) {
            n = CLUSTER_LEAD_CHARS;
            while (n > 0 && text[n] != ' ' && text[n] != '\n') n--; /* whole words */
        }
        lead = xstrndup(text, n);
        ctx.w = LEAD_WEIGHT;
        summarize_terms(lead, lang, put_term, &ctx);
    }
    /* Names and numbers weigh more. */
    cluster_vec_t names = {0};
    if (lead) {
        buf_t nb = BUF_INIT;
        collect_names(lead, &nb);
        put_ctx_t nctx = {&names, 1.0};
        if (nb.len) summarize_terms(nb.data, lang, put_term, &nctx);
        buf_free(&nb);
    }
    vec_sort(&names);
    for (size_t i = 0; i < v->n; i++) {
        vterm_t key = {.hash = v->t[i].hash};
        if (has_digit(v->t[i].term)) v->t[i].w *= NUMBER_FACTOR;
        else if (names.n && bsearch(&key, names.t, names.n, sizeof key, cmp_vterm)) {
            v->t[i].w *= NAME_FACTOR;
            v->t[i].is_name = 1;
        }
    }
    for (size_t i = 0; i < names.n; i++) free(names.t[i].term);
    free(names.t);
    free(lead);
    vec_sort(v);
    return v;
}

char *cluster_vec_serialize(const cluster_vec_t *v) {
    buf_t b = BUF_INIT;
    for (size_t i = 0; i < v->n; i++)
        buf_printf(&b, "%s%s:%g%s", i ? " " : "", v->t[i].term, v->t[i].w,
                   v->t[i].is_name ? "n" : "");
    if (!b.data) return xstrdup("");
    return buf_detach(&b);
}

cluster_vec_t *cluster_vec_parse(const char *line) {
    if (!line) return NULL;
    cluster_vec_t *v = xcalloc(1, sizeof *v);
    const char *p = line;
    while (*p) {
        while (*p == ' ') p++;
        if (!*p) break;
        const char *end = strchr(p, ' ');
        if (!end) end = p + strlen(p);
        const char *colon = NULL;
        for (const char *q = end; q > p; q--)
            if (q[-1] == ':') {
                colon = q - 1;
                break;
            }
        char *num_end = NULL;
        double w = colon ? strtod(colon + 1, &num_end) : 0;
        int is_name = num_end && num_end + 1 == end && *num_end == 'n';
        if (!colon || colon == p || (num_end != end && !is_name) || !(w > 0) || w > 1e6) {
            cluster_vec_free(v);
            return NULL;
        }
        size_t before = v->n;
        vec_put(v, p, (size_t)(colon - p), w);
        if (v->n > before) v->t[before].is_name = is_name;
        p = end;
    }
    vec_sort(v);
    return v;
}

size_t cluster_vec_size(const cluster_vec_t *v) { return v ? v->n : 0; }

void cluster_vec_free(cluster_vec_t *v) {
    if (!v) return;
    for (size_t i = 0; i < v->n; i++) free(v->t[i].term);
    free(v->t);
    free(v);
}

/* ---------------------------------------------------------------- the window */
cluster_t *cluster_new(const cluster_opts_t *opts) {
    cluster_t *c = xcalloc(1, sizeof *c);
    if (opts) c->opts = *opts;
    else cluster_opts_default(&c->opts);
    return c;
}

void cluster_free(cluster_t *c) {
    if (!c) return;
    for (size_t i = 0; i < c->n; i++)
        if (c->items[i].owned) cluster_vec_free((cluster_vec_t *)c->items[i].vec);
    free(c->items);
    free(c->df_keys);
    free(c->df_counts);
    free(c);
}

static size_t df_slot(const uint64_t *keys, size_t cap, uint64_t h) {
    size_t i = (size_t)(h % cap);
    while (keys[i] && keys[i] != h) i = (i + 1) % cap;
    return i;
}

static void df_grow(cluster_t *c) {
    size_t cap = c->df_cap ? c->df_cap * 2 : 1024;
    uint64_t *keys = xcalloc(cap, sizeof *keys);
    unsigned *counts = xcalloc(cap, sizeof *counts);
    for (size_t i = 0; i < c->df_cap; i++)
        if (c->df_keys[i]) {
            size_t j = df_slot(keys, cap, c->df_keys[i]);
            keys[j] = c->df_keys[i];
            counts[j] = c->df_counts[i];
        }
    free(c->df_keys);
    free(c->df_counts);
    c->df_keys = keys;
    c->df_counts = counts;
    c->df_cap = cap;
}

static unsigned df_get(const cluster_t *c, uint64_t h) {
    if (!c->df_cap) return 0;
    size_t i = df_slot(c->df_keys, c->df_cap, h);
    return c->df_keys[i] ? c->df_counts[i] : 0;
}

/* dot() merges two vectors by hash: each must be sorted, without repeats
 * (vec_sort after vec_put), or similarities come out silently wrong. */
static int vec_is_sorted(const cluster_vec_t *v) {
    for (size_t i = 1; i < v->n; i++)
        if (v->t[i - 1].hash >= v->t[i].hash) return 0;
    return 1;
}

static void add_item(cluster_t *c, int64_t article_id, int64_t story_id, time_t when,
                     const cluster_vec_t *vec, int owned) {
    assert(vec_is_sorted(vec));
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 64;
        c->items = xrealloc(c->items, c->cap * sizeof *c->items);
    }
    c->items[c->n++] = (item_t){article_id, story_id, when, vec, owned};
    for (size_t i = 0; i < vec->n; i++) {
        if ((c->df_used + 1) * 2 > c->df_cap) df_grow(c);
        size_t j = df_slot(c->df_keys, c->df_cap, vec->t[i].hash);
        if (!c->df_keys[j]) {
            c->df_keys[j] = vec->t[i].hash;
            c->df_used++;
        }
        c->df_counts[j]++;
    }
}

void cluster_add(cluster_t *c, int64_t article_id, int64_t story_id, time_t when,
                 cluster_vec_t *vec) {
    add_item(c, article_id, story_id, when, vec, 1);
}

void cluster_add_shared(cluster_t *c, int64_t article_id, int64_t story_id, time_t when,
                        const cluster_vec_t *vec) {
    add_item(c, article_id, story_id, when, vec, 0);
}

/* Inverse document frequency over the window plus the article asked about:
 * log(1 + (n + 1) / (df + 1)). cluster_best works it out once per term of
 * the window (tab, by df slot) instead of once per occurrence. */
typedef struct {
    const cluster_t *c;
    const double *tab; /* NULL: compute each time */
    double unseen;     /* a term no article of the window has */
} idf_t;

static double idf_of(const cluster_t *c, unsigned df) {
    double n = (double)c->n + 1.0, d = (double)df + 1.0;
    return log(1.0 + n / d);
}

static double idf(const idf_t *w, uint64_t h) {
    const cluster_t *c = w->c;
    if (!w->tab || !c->df_cap) return idf_of(c, df_get(c, h));
    size_t i = df_slot(c->df_keys, c->df_cap, h);
    return c->df_keys[i] ? w->tab[i] : w->unseen;
}

static double *idf_table(const cluster_t *c) {
    if (!c->df_cap) return NULL;
    double *tab = xmalloc(c->df_cap * sizeof *tab);
    for (size_t i = 0; i < c->df_cap; i++) tab[i] = c->df_keys[i] ? idf_of(c, c->df_counts[i]) : 0;
    return tab;
}

/* 1 + log(w) for w > 1, else 1 (log(1) is 0: the same value, no call). */
static double tfw(double w) { return w > 1.0 ? 1.0 + log(w) : 1.0; }

static double vec_norm(const idf_t *f, const cluster_vec_t *v) {
    double s = 0;
    for (size_t i = 0; i < v->n; i++) {
        double x = v->t[i].tf * idf(f, v->t[i].hash);
        s += x * x;
    }
    return sqrt(s);
}

static double dot(const idf_t *w, const cluster_vec_t *a, const cluster_vec_t *b) {
    double s = 0;
    size_t i = 0, j = 0;
    while (i < a->n && j < b->n) {
        if (a->t[i].hash < b->t[j].hash) i++;
        else if (a->t[i].hash > b->t[j].hash) j++;
        else {
            double f = idf(w, a->t[i].hash);
            s += a->t[i].tf * b->t[j].tf * f * f;
            i++;
            j++;
        }
    }
    return s;
}

static double cosine(double d, double na, double nb) {
    return na > 0 && nb > 0 ? d / (na * nb) : 0;
}

double cluster_similarity(const cluster_t *c, const cluster_vec_t *a, const cluster_vec_t *b) {
    idf_t w = {c, NULL, 0};
    return cosine(dot(&w, a, b), vec_norm(&w, a), vec_norm(&w, b));
}

/* Do two reports name the same things? Outlets quote different people, but
 * the places, bodies and people at the heart of one event recur: two reports
 * that each name several things must share at least MIN_SHARED_NAMES of
 * them. That tells one event from another told in the same words ("central
 * bank raises rate to 4.25%"). */
static int names_agree(const cluster_vec_t *a, const cluster_vec_t *b) {
    size_t na = 0, nb = 0, shared = 0, i = 0, j = 0;
    for (size_t k = 0; k < a->n; k++) na += a->t[k].is_name;
    for (size_t k = 0; k < b->n; k++) nb += b->t[k].is_name;
    if (na < MIN_NAMES || nb < MIN_NAMES) return 1;
    while (i < a->n && j < b->n) {
        if (a->t[i].hash < b->t[j].hash) i++;
        else if (a->t[i].hash > b->t[j].hash) j++;
        else {
            shared += a->t[i].is_name || b->t[j].is_name;
            i++;
            j++;
        }
    }
    return shared >= MIN_SHARED_NAMES;
}

typedef struct {
    int64_t story_id;
    double best, sum;
    size_t n;
    int agree; /* some member names what the article names */
} story_score_t;

int64_t cluster_best(const cluster_t *c, const cluster_vec_t *vec, time_t when, double *score) {
    if (score) *score = 0;
    if (c->n == 0 || vec->n == 0) return 0;
    /* The stories in the window: those with a member near in time. */
    story_score_t *ss = xcalloc(c->n, sizeof *ss);
    size_t n_stories = 0;
    double *tab = idf_table(c);
    idf_t w = {c, tab, idf_of(c, 0)};
    double nv = vec_norm(&w, vec);
    assert(vec_is_sorted(vec));
    for (size_t i = 0; i < c->n; i++) {
        const item_t *it = &c->items[i];
        double gap = difftime(when, it->when);
        if (gap < 0) gap = -gap;
        if (gap > c->opts.window_s) continue;
        double sim = cosine(dot(&w, vec, it->vec), nv, vec_norm(&w, it->vec));
        assert(sim >= 0 && sim <= 1 + 1e-9); /* positive weights: a cosine in [0, 1] */
        int agree = names_agree(vec, it->vec);
        size_t k = 0;
        while (k < n_stories && ss[k].story_id != it->story_id) k++;
        if (k == n_stories) ss[n_stories++] = (story_score_t){it->story_id, 0, 0, 0, 0};
        ss[k].agree |= agree;
        if (sim > ss[k].best) ss[k].best = sim;
        ss[k].sum += sim;
        ss[k].n++;
    }
    int64_t best_id = 0;
    double best = -1;
    for (size_t k = 0; k < n_stories; k++) {
        if (!ss[k].agree) continue;
        double s = 0.5 * ss[k].best + 0.5 * ss[k].sum / (double)ss[k].n;
        /* ties go to the older story (smaller id): same answer every time */
        if (s > best || (s == best && ss[k].story_id < best_id)) {
            best = s;
            best_id = ss[k].story_id;
        }
    }
    free(ss);
    free(tab);
    if (best < 0) return 0;
    if (score) *score = best;
    return best >= c->opts.threshold ? best_id : 0;
}
