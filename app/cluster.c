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
    unsigned *term_ids; /* each term's id in the window's term table */
    size_t n_names;     /* terms marked as names */
    int owned;          /* cluster_add took vec; cluster_add_shared did not */
} item_t;

/* Where a term occurs: an item, and the term's tf weight and name mark
 * there (a copy of the item's vector's, read by cluster_best's inner loop). */
typedef struct {
    double tf;
    unsigned item;
    unsigned is_name;
} posting_t;

/* A term of the window and the items that have it: its document
 * frequency is n. */
typedef struct {
    posting_t *p;
    unsigned n, cap;
} term_t;

struct cluster {
    cluster_opts_t opts;
    item_t *items;
    size_t n, cap;
    /* term hash -> term id: open addressing, slot_cap a power of two */
    uint64_t *slot_keys;
    unsigned *slot_ids;
    size_t slot_cap;
    term_t *terms; /* by term id */
    size_t n_terms, terms_cap;
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

/* w as printf's %g writes it. Weights are whole numbers (sums of the
 * weights above, times the factors), which %g writes as their digits up to
 * 999999; written here without printf, which was most of the cost of
 * storing a vector. */
static void put_weight(buf_t *b, double w) {
    if (w > 0 && w < 1e6 && w == (double)(long)w) {
        char digits[8];
        size_t n = 0;
        long x = (long)w;
        do digits[n++] = (char)('0' + x % 10);
        while ((x /= 10) > 0);
        while (n > 0) buf_putc(b, digits[--n]);
    } else {
        buf_printf(b, "%g", w);
    }
}

char *cluster_vec_serialize(const cluster_vec_t *v) {
    buf_t b = BUF_INIT;
    for (size_t i = 0; i < v->n; i++) {
        if (i) buf_putc(&b, ' ');
        buf_puts(&b, v->t[i].term);
        buf_putc(&b, ':');
        put_weight(&b, v->t[i].w);
        if (v->t[i].is_name) buf_putc(&b, 'n');
    }
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
#define NO_TERM UINT32_MAX

cluster_t *cluster_new(const cluster_opts_t *opts) {
    cluster_t *c = xcalloc(1, sizeof *c);
    if (opts) c->opts = *opts;
    else cluster_opts_default(&c->opts);
    return c;
}

void cluster_free(cluster_t *c) {
    if (!c) return;
    for (size_t i = 0; i < c->n; i++) {
        if (c->items[i].owned) cluster_vec_free((cluster_vec_t *)c->items[i].vec);
        free(c->items[i].term_ids);
    }
    for (size_t i = 0; i < c->n_terms; i++) free(c->terms[i].p);
    free(c->items);
    free(c->terms);
    free(c->slot_keys);
    free(c->slot_ids);
    free(c);
}

/* The slot of hash h: where it is, or the empty slot where it would go.
 * slot_cap is a power of two. */
static size_t slot_of(const uint64_t *keys, size_t cap, uint64_t h) {
    size_t mask = cap - 1, i = (size_t)h & mask;
    while (keys[i] && keys[i] != h) i = (i + 1) & mask;
    return i;
}

static void slots_grow(cluster_t *c) {
    size_t cap = c->slot_cap ? c->slot_cap * 2 : 1024;
    uint64_t *keys = xcalloc(cap, sizeof *keys);
    unsigned *ids = xcalloc(cap, sizeof *ids);
    for (size_t i = 0; i < c->slot_cap; i++)
        if (c->slot_keys[i]) {
            size_t j = slot_of(keys, cap, c->slot_keys[i]);
            keys[j] = c->slot_keys[i];
            ids[j] = c->slot_ids[i];
        }
    free(c->slot_keys);
    free(c->slot_ids);
    c->slot_keys = keys;
    c->slot_ids = ids;
    c->slot_cap = cap;
}

/* The id of the window's term with hash h, or NO_TERM. */
static unsigned term_id(const cluster_t *c, uint64_t h) {
    if (!c->slot_cap) return NO_TERM;
    size_t i = slot_of(c->slot_keys, c->slot_cap, h);
    return c->slot_keys[i] ? c->slot_ids[i] : NO_TERM;
}

/* The id of the term with hash h, added to the window when new. */
static unsigned term_id_add(cluster_t *c, uint64_t h) {
    if ((c->n_terms + 1) * 2 > c->slot_cap) slots_grow(c);
    size_t i = slot_of(c->slot_keys, c->slot_cap, h);
    if (c->slot_keys[i]) return c->slot_ids[i];
    if (c->n_terms == c->terms_cap) {
        c->terms_cap = c->terms_cap ? c->terms_cap * 2 : 1024;
        c->terms = xrealloc(c->terms, c->terms_cap * sizeof *c->terms);
    }
    c->terms[c->n_terms] = (term_t){NULL, 0, 0};
    c->slot_keys[i] = h;
    c->slot_ids[i] = (unsigned)c->n_terms;
    return (unsigned)c->n_terms++;
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
    item_t *it = &c->items[c->n];
    *it = (item_t){article_id, story_id, when, vec, xmalloc((vec->n ? vec->n : 1) * sizeof(unsigned)),
                   0, owned};
    for (size_t i = 0; i < vec->n; i++) {
        unsigned id = term_id_add(c, vec->t[i].hash);
        term_t *t = &c->terms[id];
        if (t->n == t->cap) {
            t->cap = t->cap ? t->cap * 2 : 4;
            t->p = xrealloc(t->p, t->cap * sizeof *t->p);
        }
        t->p[t->n++] = (posting_t){vec->t[i].tf, (unsigned)c->n, vec->t[i].is_name != 0};
        it->term_ids[i] = id;
        it->n_names += vec->t[i].is_name != 0;
    }
    c->n++;
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
 * log(1 + (n + 1) / (df + 1)), where df is how many of the window's articles
 * have the term (the number of its postings). idf_table holds it for every
 * df from 0 (a term no article of the window has) to n, so a term's idf is
 * one lookup. */
static double idf_of(const cluster_t *c, unsigned df) {
    double n = (double)c->n + 1.0, d = (double)df + 1.0;
    return log(1.0 + n / d);
}

static double *idf_table(const cluster_t *c) {
    double *tab = xmalloc((c->n + 1) * sizeof *tab);
    for (size_t df = 0; df <= c->n; df++) tab[df] = idf_of(c, (unsigned)df);
    return tab;
}

static double idf(const cluster_t *c, const double *tab, uint64_t h) {
    unsigned id = term_id(c, h);
    return tab[id == NO_TERM ? 0 : c->terms[id].n];
}

/* 1 + log(w) for w > 1, else 1 (log(1) is 0: the same value, no call). */
static double tfw(double w) { return w > 1.0 ? 1.0 + log(w) : 1.0; }

static double vec_norm(const cluster_t *c, const double *tab, const cluster_vec_t *v) {
    double s = 0;
    for (size_t i = 0; i < v->n; i++) {
        double x = v->t[i].tf * idf(c, tab, v->t[i].hash);
        s += x * x;
    }
    return sqrt(s);
}

/* The same for an article of the window, whose terms' ids it keeps. */
static double item_norm(const cluster_t *c, const double *tab, const item_t *it) {
    double s = 0;
    for (size_t i = 0; i < it->vec->n; i++) {
        double x = it->vec->t[i].tf * tab[c->terms[it->term_ids[i]].n];
        s += x * x;
    }
    return sqrt(s);
}

static double cosine(double d, double na, double nb) {
    return na > 0 && nb > 0 ? d / (na * nb) : 0;
}

double cluster_similarity(const cluster_t *c, const cluster_vec_t *a, const cluster_vec_t *b) {
    double *tab = idf_table(c);
    double s = 0;
    size_t i = 0, j = 0;
    while (i < a->n && j < b->n) {
        if (a->t[i].hash < b->t[j].hash) i++;
        else if (a->t[i].hash > b->t[j].hash) j++;
        else {
            double f = idf(c, tab, a->t[i].hash);
            s += a->t[i].tf * b->t[j].tf * f * f;
            i++;
            j++;
        }
    }
    double sim = cosine(s, vec_norm(c, tab, a), vec_norm(c, tab, b));
    free(tab);
    return sim;
}

static size_t count_names(const cluster_vec_t *v) {
    size_t n = 0;
    for (size_t k = 0; k < v->n; k++) n += v->t[k].is_name != 0;
    return n;
}

typedef struct {
    int64_t story_id;
    double best, sum;
    size_t n;
    int agree; /* some member names what the article names */
} story_score_t;

/* The stories seen so far: open addressing from story id to its score's index. */
typedef struct {
    int64_t *ids;
    size_t *at;
    size_t mask;
} story_index_t;

static size_t story_score_of(story_index_t *x, story_score_t *ss, size_t *n_stories,
                             int64_t story_id) {
    size_t i = (size_t)((uint64_t)story_id * 0x9E3779B97F4A7C15ull >> 32) & x->mask;
    while (x->ids[i] != INT64_MIN && x->ids[i] != story_id) i = (i + 1) & x->mask;
    if (x->ids[i] == INT64_MIN) {
        x->ids[i] = story_id;
        x->at[i] = (*n_stories)++;
        ss[x->at[i]] = (story_score_t){story_id, 0, 0, 0, 0};
    }
    return x->at[i];
}

/* Each window article's similarity to vec comes from the terms they share:
 * the dot product is summed over vec's terms in hash order, each adding to
 * every article that has the term (its postings), the same sums in the same
 * order as a merge of the two vectors, without visiting the articles that
 * share nothing (their cosine is 0). Two reports that each name several
 * things must share at least MIN_SHARED_NAMES of them: the places, bodies and
 * people at the heart of one event recur, which tells one event from another
 * told in the same words ("central bank raises rate to 4.25%"). */
int64_t cluster_best(const cluster_t *c, const cluster_vec_t *vec, time_t when, double *score) {
    if (score) *score = 0;
    if (c->n == 0 || vec->n == 0) return 0;
    assert(vec_is_sorted(vec));
    double *tab = idf_table(c);
    double nv = vec_norm(c, tab, vec);
    size_t na = count_names(vec);
    double *dots = xcalloc(c->n, sizeof *dots);
    unsigned *shared = xcalloc(c->n, sizeof *shared); /* names shared */
    for (size_t i = 0; i < vec->n; i++) {
        unsigned id = term_id(c, vec->t[i].hash);
        if (id == NO_TERM) continue;
        const term_t *t = &c->terms[id];
        double f = tab[t->n], tf = vec->t[i].tf;
        for (unsigned k = 0; k < t->n; k++) dots[t->p[k].item] += tf * t->p[k].tf * f * f;
        if (na < MIN_NAMES) continue; /* names agree whatever they share */
        for (unsigned k = 0; k < t->n; k++)
            shared[t->p[k].item] += vec->t[i].is_name || t->p[k].is_name;
    }
    /* The stories in the window: those with a member near in time. */
    story_score_t *ss = xcalloc(c->n, sizeof *ss);
    size_t n_stories = 0, cap = 16;
    while (cap < 2 * c->n) cap *= 2;
    story_index_t sx = {xmalloc(cap * sizeof *sx.ids), xmalloc(cap * sizeof *sx.at), cap - 1};
    for (size_t i = 0; i < cap; i++) sx.ids[i] = INT64_MIN;
    for (size_t i = 0; i < c->n; i++) {
        const item_t *it = &c->items[i];
        double gap = difftime(when, it->when);
        if (gap < 0) gap = -gap;
        if (gap > c->opts.window_s) continue;
        double sim = dots[i] > 0 ? cosine(dots[i], nv, item_norm(c, tab, it)) : 0;
        assert(sim >= 0 && sim <= 1 + 1e-9); /* positive weights: a cosine in [0, 1] */
        int agree = na < MIN_NAMES || it->n_names < MIN_NAMES || shared[i] >= MIN_SHARED_NAMES;
        size_t k = story_score_of(&sx, ss, &n_stories, it->story_id);
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
    free(sx.ids);
    free(sx.at);
    free(ss);
    free(shared);
    free(dots);
    free(tab);
    if (best < 0) return 0;
    if (score) *score = best;
    return best >= c->opts.threshold ? best_id : 0;
}
