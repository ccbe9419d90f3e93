/* summarize.c - see summarize.h. */
#include "summarize.h"
#include "summarize_internal.h"

#include <assert.h>
#include <libstemmer.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "hash.h"
#include "lang.h"
#include "log.h"
#include "noise.h"
#include "sentence.h"
#include "shape.h"
#include "stemtab.h"
#include "title.h"
#include "utf8text.h"

/* Bounds: the sentences looked at per article (news puts the point first;
 * a 5 MB text must not cost O(n^2) over all of it). */
#define MAX_CANDIDATES 300
#define MAX_SCANNED 3000

/* Common English news words that carry little on their own: the built-in
 * background for IDF when no corpus is given (written for Bulletin). Each
 * word is followed by "=" and its English Snowball stem when that differs
 * from the word, so building the table stems nothing (tests/test_summarize.c
 * checks every one against the stemmer). */
static const char background_en[] =
    "said says=say say told year years=year time people=peopl new first last two three one week "
    "weeks=week day days=day today yesterday monday tuesday wednesday thursday friday saturday "
    "sunday month months=month make made get got go going=go went come came take took give gave "
    "know think want like just also back well way good great many=mani much even still since=sinc "
    "part right left long little=littl old big high small large=larg next early=earli late world "
    "home report reported=report according=accord including=includ around another=anoth group "
    "number public place case work called=call set used=use show told added=ad believe=believ "
    "found found according=accord need use may could would should news told us including=includ "
    "man woman men women child children family=famili friends=friend life lot things=thing thing "
    "told began four five six ten hundreds=hundr thousands=thousand million billion percent per "
    "cent per-cent";

typedef struct {
    int *ids;
    double *w;
    int n;
    double norm;
} vec_t;

typedef struct {
    size_t doc;
    size_t start, len; /* in its document's normalized text */
    size_t pos;        /* candidate index within its document */
    size_t para;
    unsigned flags;
    int words;
    int numbers, names;
    int opener, quote, question;
    int half_quote; /* noise_half_quote: half a quotation */
    int first_person; /* "I" without a quotation mark: the middle of someone's quote */
    int lone; /* a one-sentence paragraph among long ones: likely a caption */
    int part; /* 0: a whole sentence; 1, 2: its first, second clause (shape_split_clauses) */
    size_t sent; /* index of its sentence among the document's whole ones */
    int cut;  /* its point would end in "…": nothing could be dropped to fit */
    int taken; /* tried as a point */
    int probe; /* among the SHAPE_PROBES best, its cut not yet known (see probe_cut) */
    char *shaped; /* its point as penalize_cuts shaped it, until try_point takes it */
    vec_t v;
    double score;
} cand_t;

/* tokens already seen in one call: their bytes -> their term id */
typedef struct {
    size_t off, len; /* in keys */
    size_t hash;
    int term; /* -1: the token gives no term (a stopword) */
} tokent_t;

typedef struct {
    buf_t keys; /* the tokens' bytes, one after the other */
    tokent_t *e;
    size_t n, cap;
    int *slots; /* -1 empty */
    size_t nslots;
} tokcache_t;

/* term table: string -> id */
typedef struct {
    char **strs;
    size_t n, cap;
    int *slots; /* -1 empty */
    size_t nslots;
    double *idf; /* per term id: its weight (term_idf), asked once */
    tokcache_t toks;
    /* make_vec_tokens' scratch, kept for the call: a token folded, its term,
     * a sentence's term ids */
    buf_t fold, term;
    int *ids;
    size_t ids_cap;
    /* one vector's weights by term id (0 elsewhere), for its cosines with
     * many others (cosine_dense); dense_cap entries */
    double *dense;
    size_t dense_cap;
    /* the term strings, packed into blocks freed together (the first bytes
     * of a block point to the one before) */
    char *blocks, *block_at;
    size_t block_left;
} termtab_t;

typedef struct {
    lang_id_t lang;
    struct sb_stemmer *stemmer;
    wordset_t stop, openers, speech, background;
    sentence_rules_t rules;
    shape_ctx_t shape;
    const summarize_idf_t *idf;
    int no_memo; /* summarize_opts_t.no_memo */
} langctx_t;

/* Weights of the scorer, chosen by random search on the CNN/DailyMail rows
 * of the development set (docs/summarizer.md): position dominates, then
 * centrality; penalties keep fragments, questions, quotes, captions and
 * sentences leaning on a missing antecedent out of the points. */
typedef struct {
    double pos, pos_decay, fwd, bwd, title, num, name, opener, quote, half_quote, first_person, short_pen, long_pen;
    double mmr, redundant, agree, extra, question, lone, cut, support;
} weights_t;

static const weights_t default_weights = {
    .pos = 1.0, .pos_decay = 1.0, .fwd = 0.35, .bwd = 0.33, .title = 0.13, .num = 0.08,
    .name = 0.032, .opener = 0.16, .quote = 0.48, .half_quote = 0.2, .first_person = 0.48, .short_pen = 0.7, .long_pen = 0.22,
    .mmr = 0.52, .redundant = 0.5, .agree = 0.46, .extra = 0.35, .question = 0.6, .lone = 1.0,
    .cut = 0.1, .support = 0.5,
};

/* ---------------------------------------------------------------- terms */
static size_t hash_bytes(const char *s, size_t len) {
    return (size_t)hash_fnv1a(HASH_FNV1A_BASIS, s, len);
}

static void termtab_free(termtab_t *t) {
    while (t->blocks) {
        char *prev;
        memcpy(&prev, t->blocks, sizeof prev);
        free(t->blocks);
        t->blocks = prev;
    }
    free(t->strs);
    free(t->slots);
    free(t->idf);
    buf_free(&t->toks.keys);
    free(t->toks.e);
    free(t->toks.slots);
    buf_free(&t->fold);
    buf_free(&t->term);
    free(t->ids);
    free(t->dense);
    memset(t, 0, sizeof *t);
}

/* Grows an open-addressing index of n entries to twice its slots (a power
 * of two, 1024 at first; -1 marks an empty slot), placing entry i by
 * hash_at(owner, i) with linear probing. */
static void index_grow(int **slots, size_t *nslots, size_t n, size_t (*hash_at)(const void *, size_t),
                       const void *owner) {
    size_t ns = *nslots ? *nslots * 2 : 1024;
    free(*slots);
    int *sl = xmalloc(ns * sizeof *sl);
    for (size_t i = 0; i < ns; i++) sl[i] = -1;
    for (size_t i = 0; i < n; i++) {
        size_t j = hash_at(owner, i) & (ns - 1);
        while (sl[j] >= 0) j = (j + 1) & (ns - 1);
        sl[j] = (int)i;
    }
    *slots = sl;
    *nslots = ns;
}

static size_t termtab_hash_at(const void *owner, size_t i) {
    const termtab_t *t = owner;
    return hash_bytes(t->strs[i], strlen(t->strs[i]));
}

static void termtab_rehash(termtab_t *t) { index_grow(&t->slots, &t->nslots, t->n, termtab_hash_at, t); }

#define TERM_BLOCK 8192

/* A copy of s[0,len) with its NUL, from t's blocks. */
static char *termtab_store(termtab_t *t, const char *s, size_t len) {
    if (len + 1 > t->block_left) {
        size_t size = len + 1 > TERM_BLOCK ? len + 1 : TERM_BLOCK;
        char *b = xmalloc(sizeof t->blocks + size);
        memcpy(b, &t->blocks, sizeof t->blocks);
        t->blocks = b;
        t->block_at = b + sizeof t->blocks;
        t->block_left = size;
    }
    char *p = t->block_at;
    memcpy(p, s, len);
    p[len] = '\0';
    t->block_at += len + 1;
    t->block_left -= len + 1;
    return p;
}

static int termtab_id(termtab_t *t, const char *s, size_t len) {
    if ((t->n + 1) * 2 > t->nslots) termtab_rehash(t);
    size_t j = hash_bytes(s, len) & (t->nslots - 1);
    while (t->slots[j] >= 0) {
        const char *x = t->strs[t->slots[j]];
        if (strncmp(x, s, len) == 0 && x[len] == '\0') return t->slots[j];
        j = (j + 1) & (t->nslots - 1);
    }
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 256;
        t->strs = xrealloc(t->strs, t->cap * sizeof *t->strs);
        t->idf = xrealloc(t->idf, t->cap * sizeof *t->idf);
    }
    t->strs[t->n] = termtab_store(t, s, len);
    t->slots[j] = (int)t->n;
    return (int)t->n++;
}

/* The background's stems, built once per process on first use and
 * read-only after (shared like lang_sets). */
static wordset_t background_set;

/* The background's words and their English stems, built with it: common
 * news words need no stemming per call. Open addressing, read-only after;
 * word and stem point into background_en. */
#define BG_STEM_SLOTS 512
typedef struct {
    const char *word;
    size_t wlen;
    const char *stem;
    size_t slen;
} bg_stem_t;
static bg_stem_t bg_stems[BG_STEM_SLOTS];

static const bg_stem_t *bg_stem_find(const char *w, size_t n) {
    size_t j = (size_t)hash_fnv1a(HASH_FNV1A_BASIS, w, n) & (BG_STEM_SLOTS - 1);
    while (bg_stems[j].word) {
        if (bg_stems[j].wlen == n && memcmp(bg_stems[j].word, w, n) == 0) return &bg_stems[j];
        j = (j + 1) & (BG_STEM_SLOTS - 1);
    }
    return NULL;
}

static void bg_stem_add(const char *w, size_t n, const char *stem, size_t slen) {
    if (bg_stem_find(w, n)) return;
    size_t j = (size_t)hash_fnv1a(HASH_FNV1A_BASIS, w, n) & (BG_STEM_SLOTS - 1);
    while (bg_stems[j].word) j = (j + 1) & (BG_STEM_SLOTS - 1);
    bg_stems[j] = (bg_stem_t){w, n, stem, slen};
}

/* Calls fn for each "word" or "word=stem" of background_en. */
void summarize_background_each(void (*fn)(const char *word, size_t wlen, const char *stem,
                                          size_t slen)) {
    const char *p = background_en;
    while (*p) {
        while (*p == ' ') p++;
        const char *e = p;
        while (*e && *e != ' ') e++;
        if (e > p) {
            const char *eq = memchr(p, '=', (size_t)(e - p));
            if (eq) fn(p, (size_t)(eq - p), eq + 1, (size_t)(e - eq - 1));
            else fn(p, (size_t)(e - p), p, (size_t)(e - p));
        }
        p = e;
    }
}

static void background_add(const char *word, size_t wlen, const char *stem, size_t slen) {
    wordset_add(&background_set, stem, slen);
    bg_stem_add(word, wlen, stem, slen);
}

static void build_background(void) { summarize_background_each(background_add); }

static void langctx_init(langctx_t *lc, lang_id_t lang, const summarize_idf_t *idf) {
    const lang_info_t *li = lang_info(lang);
    const lang_sets_t *ls = lang_sets(lang);
    lc->lang = lang;
    lc->stemmer = sb_stemmer_new(li->stemmer, "UTF_8");
    if (!lc->stemmer) log_warn("summarize", "no Snowball stemmer for %s", li->stemmer);
    /* the sets are borrowed from the shared, read-only tables: never freed here */
    lc->stop = ls->stop;
    lc->openers = ls->openers;
    lc->speech = ls->speech;
    sentence_rules_init(&lc->rules, lang);
    shape_ctx_init(&lc->shape, lang);
    lc->idf = idf;
    lc->no_memo = 0;
    memset(&lc->background, 0, sizeof lc->background);
    if (lang == LANG_EN && lc->stemmer) {
        static pthread_once_t once = PTHREAD_ONCE_INIT;
        pthread_once(&once, build_background);
        lc->background = background_set;
    }
}

static void langctx_free(langctx_t *lc) {
    if (lc->stemmer) sb_stemmer_delete(lc->stemmer);
    sentence_rules_free(&lc->rules);
    shape_ctx_free(&lc->shape);
}

/* The term of one token into out; 0 when it is a stopword (no term). */
static int token_term(const langctx_t *lc, const char *s, const utf8text_token_t *tok,
                      buf_t *fold, buf_t *out) {
    buf_reset(fold);
    buf_reset(out);
    utf8text_fold(s + tok->start, tok->len, fold);
    const char *w = fold->data;
    size_t n = fold->len;
    if (tok->flags & UTF8TEXT_TOK_NUMBER) {
        buf_append(out, w, n);
        return 1;
    }
    /* elision: l'homme, dell'anno, qu'il */
    if (lc->lang == LANG_FR || lc->lang == LANG_IT) {
        const char *ap = memchr(w, '\'', n);
        if (ap && ap - w <= 4) {
            n -= (size_t)(ap + 1 - w);
            w = ap + 1;
        }
    }
    if (n == 0 || wordset_has(&lc->stop, w, n)) return 0;
    /* the background's words were stemmed once, by the same stemmer */
    const bg_stem_t *bs = lc->lang == LANG_EN && lc->background.count && !lc->no_memo ? bg_stem_find(w, n) : NULL;
    if (bs) {
        buf_append(out, bs->stem, bs->slen);
        return out->len > 0;
    }
    /* common English words: the stems the same stemmer gave, looked up */
    size_t sl;
    const char *known = lc->lang == LANG_EN && lc->stemmer && !lc->no_memo ? stemtab_en_find(w, n, &sl) : NULL;
    if (known) {
        buf_append(out, known, sl);
        return out->len > 0;
    }
    if (lc->stemmer) {
        const sb_symbol *st = sb_stemmer_stem(lc->stemmer, (const sb_symbol *)w, (int)n);
        if (st) {
            buf_append(out, st, (size_t)sb_stemmer_length(lc->stemmer));
            return out->len > 0;
        }
    }
    buf_append(out, w, n);
    return 1;
}

static double term_idf(const langctx_t *lc, const char *term, size_t len, int is_number) {
    if (lc->idf && lc->idf->df && lc->idf->n_docs > 0) {
        double df = lc->idf->df(lc->idf->ctx, term, len);
        if (df < 0) df = 0;
        double v = log((lc->idf->n_docs + 1.0) / (df + 1.0)) / log(lc->idf->n_docs + 1.0);
        return v < 0.05 ? 0.05 : v;
    }
    if (is_number) return 0.8;
    if (len <= 2) return 0.5;
    return wordset_has(&lc->background, term, len) ? 0.35 : 1.0;
}

static int cmp_int(const void *a, const void *b) {
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static size_t tokcache_hash_at(const void *owner, size_t i) { return ((const tokcache_t *)owner)->e[i].hash; }

static void tokcache_rehash(tokcache_t *c) { index_grow(&c->slots, &c->nslots, c->n, tokcache_hash_at, c); }

/* The term id of token tok of s, or -1 when it gives none: token_term and
 * the term's weight are worked out once per distinct token per call. */
static int token_id(const langctx_t *lc, termtab_t *tt, const char *s, const utf8text_token_t *tok,
                    buf_t *fold, buf_t *term) {
    tokcache_t *c = &tt->toks;
    const char *w = s + tok->start;
    size_t h = hash_bytes(w, tok->len);
    if ((c->n + 1) * 2 > c->nslots) tokcache_rehash(c);
    size_t j = h & (c->nslots - 1);
    while (c->slots[j] >= 0) {
        const tokent_t *e = &c->e[c->slots[j]];
        if (e->hash == h && e->len == tok->len && memcmp(c->keys.data + e->off, w, tok->len) == 0)
            return e->term;
        j = (j + 1) & (c->nslots - 1);
    }
    int id = -1;
    if (token_term(lc, s, tok, fold, term)) {
        size_t before = tt->n;
        id = termtab_id(tt, term->data, term->len);
        if (tt->n > before) {
            const char *t = tt->strs[id];
            tt->idf[id] = term_idf(lc, t, strlen(t), t[0] >= '0' && t[0] <= '9');
        }
    }
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 512;
        c->e = xrealloc(c->e, c->cap * sizeof *c->e);
    }
    c->e[c->n] = (tokent_t){c->keys.len, tok->len, h, id};
    buf_append(&c->keys, w, tok->len);
    c->slots[j] = (int)c->n++;
    return id;
}

/* s[0,len)'s tokens into *toks (grown as needed, *cap); returns how many. */
static size_t tokenize(const char *s, size_t len, utf8text_token_t **toks, size_t *cap) {
    size_t n = 0, pos = 0;
    utf8text_token_t tok;
    while (utf8text_next_token(s, len, &pos, &tok)) {
        if (n == *cap) {
            *cap = *cap ? *cap * 2 : 64;
            *toks = xrealloc(*toks, *cap * sizeof **toks);
        }
        (*toks)[n++] = tok;
    }
    return n;
}

/* Room for n entries in an empty v: the weights and the ids in one block. */
static void vec_alloc(vec_t *v, size_t n) {
    if (!n) n = 1;
    v->w = xmalloc(n * (sizeof *v->w + sizeof *v->ids));
    v->ids = (int *)(v->w + n);
    v->n = 0;
}

/* Builds the TF-IDF vector of s[0,len) (ids sorted, repeats summed); toks:
 * its ntoks tokens, or NULL to walk them here. */
static void make_vec_tokens(const langctx_t *lc, termtab_t *tt, const char *s, size_t len, vec_t *v,
                            cand_t *c, const utf8text_token_t *toks, size_t ntoks) {
    utf8text_token_t tok;
    size_t pos = 0, ti = 0;
    int *ids = tt->ids;
    size_t n = 0, cap = tt->ids_cap;
    int words = 0;
    while (toks ? ti < ntoks : utf8text_next_token(s, len, &pos, &tok)) {
        if (toks) tok = toks[ti++];
        words++;
        if (c) {
            if (tok.flags & UTF8TEXT_TOK_NUMBER) c->numbers++;
            else if ((tok.flags & UTF8TEXT_TOK_CAPITAL) && words > 1) c->names++;
        }
        int id = token_id(lc, tt, s, &tok, &tt->fold, &tt->term);
        if (id < 0) continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 32;
            ids = xrealloc(ids, cap * sizeof *ids);
        }
        ids[n++] = id;
    }
    tt->ids = ids;
    tt->ids_cap = cap;
    if (c) c->words = words;
    /* ascending ids: insertion sort for a sentence's few, qsort beyond */
    if (n <= 64) {
        for (size_t i = 1; i < n; i++) {
            int x = ids[i];
            size_t j = i;
            for (; j > 0 && ids[j - 1] > x; j--) ids[j] = ids[j - 1];
            ids[j] = x;
        }
    } else {
        qsort(ids, n, sizeof *ids, cmp_int);
    }
    vec_alloc(v, n);
    double sq = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && ids[j] == ids[i]) j++;
        int id = ids[i];
        double idf = tt->idf[id];
        double w = j - i == 1 ? idf : (1.0 + log((double)(j - i))) * idf; /* log 1 is 0 */
        v->ids[v->n] = id;
        v->w[v->n] = w;
        v->n++;
        sq += w * w;
        i = j;
    }
    v->norm = sqrt(sq);
}

static void make_vec(const langctx_t *lc, termtab_t *tt, const char *s, size_t len, vec_t *v,
                     cand_t *c) {
    make_vec_tokens(lc, tt, s, len, v, c, NULL, 0);
}

static void vec_free(vec_t *v) {
    free(v->w); /* the ids are in the same block (vec_alloc) */
    memset(v, 0, sizeof *v);
}

static double cosine(const vec_t *a, const vec_t *b) {
    if (a->norm == 0 || b->norm == 0) return 0;
    double dot = 0;
    int i = 0, j = 0;
    while (i < a->n && j < b->n) {
        if (a->ids[i] == b->ids[j]) dot += a->w[i++] * b->w[j++];
        else if (a->ids[i] < b->ids[j]) i++;
        else j++;
    }
    return dot / (a->norm * b->norm);
}

/* a's weights spread by term id into tt's dense scratch (zero elsewhere):
 * cosine_dense of a with any b is then cosine(a, b) to the bit (the same
 * products summed in the same order of ids; the other ids add +-0). */
static const double *vec_spread(termtab_t *tt, const vec_t *a) {
    if (tt->dense_cap < tt->n) {
        size_t cap = tt->n * 2;
        free(tt->dense);
        tt->dense = xcalloc(cap, sizeof *tt->dense);
        tt->dense_cap = cap;
    }
    for (int i = 0; i < a->n; i++) tt->dense[a->ids[i]] = a->w[i];
    return tt->dense;
}

/* Clears what vec_spread(tt, a) set. */
static void vec_unspread(termtab_t *tt, const vec_t *a) {
    for (int i = 0; i < a->n; i++) tt->dense[a->ids[i]] = 0;
}

static double cosine_dense(const double *dense, const vec_t *a, const vec_t *b) {
    if (a->norm == 0 || b->norm == 0) return 0;
    double dot = 0;
    for (int j = 0; j < b->n; j++) dot += dense[b->ids[j]] * b->w[j];
    return dot / (a->norm * b->norm);
}

typedef struct {
    int id;
    double w;
} pair_t;

static int cmp_pair(const void *a, const void *b) {
    const pair_t *x = a, *y = b;
    if (x->id != y->id) return (x->id > y->id) - (x->id < y->id);
    return (x->w > y->w) - (x->w < y->w);
}

/* Merges vectors (sum of weights) into out. */
static void vec_sum(const vec_t *const *vs, size_t n, vec_t *out) {
    size_t total = 0;
    for (size_t i = 0; i < n; i++) total += (size_t)vs[i]->n;
    pair_t *p = xmalloc((total ? total : 1) * sizeof *p);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        for (int j = 0; j < vs[i]->n; j++) p[k++] = (pair_t){vs[i]->ids[j], vs[i]->w[j]};
    qsort(p, k, sizeof *p, cmp_pair);
    vec_alloc(out, k);
    double sq = 0;
    for (size_t i = 0; i < k;) {
        size_t j = i;
        double w = 0;
        while (j < k && p[j].id == p[i].id) w += p[j++].w;
        out->ids[out->n] = p[i].id;
        out->w[out->n++] = w;
        sq += w * w;
        i = j;
    }
    out->norm = sqrt(sq);
    free(p);
}

/* ---------------------------------------------------------------- documents */
typedef struct {
    char *text; /* normalized, markers cut */
    size_t len;
    cand_t *cands;
    size_t n_cands;
    vec_t title_v;
    /* cosine of cands i and j < i at [i * (i - 1) / 2 + j], from the
     * duplicate test; doc_sim_matrix reads it */
    double *tri;
} docmodel_t;

static int is_quote_start(const char *s, size_t len) {
    size_t pos = 0;
    int32_t cp = utf8text_decode(s, len, &pos);
    return cp == '"' || cp == '\'' || cp == 0x201C || cp == 0x2018 || cp == 0xAB || cp == 0x201E;
}

static int ends_with_question(const char *s, size_t len) {
    while (len && strchr("\"')", s[len - 1])) len--;
    if (len >= 3 && (unsigned char)s[len - 3] == 0xE2 && (unsigned char)s[len - 2] == 0x80 &&
        ((unsigned char)s[len - 1] == 0x9D || (unsigned char)s[len - 1] == 0x99))
        len -= 3;
    return len && s[len - 1] == '?';
}

static int first_word_is_opener(const langctx_t *lc, const char *s, size_t len) {
    size_t pos = 0;
    utf8text_token_t tok;
    if (!utf8text_next_token(s, len, &pos, &tok)) return 0;
    buf_t w = BUF_INIT;
    utf8text_fold(s + tok.start, tok.len, &w);
    int hit = wordset_has(&lc->openers, w.data, w.len);
    buf_free(&w);
    return hit;
}

static void doc_free(docmodel_t *d) {
    for (size_t i = 0; i < d->n_cands; i++) {
        vec_free(&d->cands[i].v);
        free(d->cands[i].shaped);
    }
    free(d->cands);
    free(d->tri);
    vec_free(&d->title_v);
    free(d->text);
    memset(d, 0, sizeof *d);
}

/* In a text written in paragraphs of several sentences, a paragraph of one
 * sentence is most often a photo caption: mark it. */
static void mark_lone_paragraphs(docmodel_t *d) {
    size_t paras = 0, long_paras = 0;
    for (size_t i = 0; i < d->n_cands;) {
        size_t j = i;
        while (j < d->n_cands && d->cands[j].para == d->cands[i].para) j++;
        paras++;
        long_paras += j - i >= 3;
        i = j;
    }
    if (paras < 4 || long_paras * 5 < paras * 2) return;
    for (size_t i = 0; i < d->n_cands;) {
        size_t j = i;
        while (j < d->n_cands && d->cands[j].para == d->cands[i].para) j++;
        if (j - i == 1 && (d->cands[i].flags & SENTENCE_LINE_START) &&
            (d->cands[i].flags & SENTENCE_LINE_END))
            d->cands[i].lone = 1;
        i = j;
    }
}

/* Does the English sentence say "I" ("I", "I'm", "I've") with no quotation
 * mark in it? A reporter does not: it is the middle of a quotation that
 * opened sentences before ("He said: 'I think it must be. At one stage I
 * thought I would go …"), as much a quote as one opening with its mark. */
static int first_person_unquoted(const char *s, size_t len) {
    int said_i = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"') return 0;
        /* “ ” ‘ (E2 80 9C/9D/98) */
        if (c == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
            ((unsigned char)s[i + 2] == 0x9C || (unsigned char)s[i + 2] == 0x9D || (unsigned char)s[i + 2] == 0x98))
            return 0;
        /* a ' opening a word is a quotation mark, not an apostrophe */
        if (c == '\'' && (i == 0 || s[i - 1] == ' ') && i + 1 < len && s[i + 1] != ' ') return 0;
        if (c != 'I' || (i > 0 && s[i - 1] != ' ')) continue;
        unsigned char next = i + 1 < len ? (unsigned char)s[i + 1] : ' ';
        if (next == ' ' || next == '\'' || next == ',' || (next == 0xE2 && i + 3 < len && (unsigned char)s[i + 3] == 0x99))
            said_i = 1;
    }
    return said_i;
}

/* Cand c's features that depend on its text (after its vector). */
static void cand_features(cand_t *c, const langctx_t *lc, const char *st) {
    c->opener = first_word_is_opener(lc, st, c->len);
    c->quote = is_quote_start(st, c->len);
    c->half_quote = noise_half_quote(st, c->len) != 0;
    c->first_person = lc->lang == LANG_EN && first_person_unquoted(st, c->len);
    c->question = ends_with_question(st, c->len);
}

/* Two clauses of a long sentence as candidates of their own beside it
 * (shape_split_clauses): one point may tell one, another the other. When
 * any is split, the cosines of d->tri are dropped (NULL): the caller works
 * them out. */
static void doc_split_clauses(docmodel_t *d, const langctx_t *lc, termtab_t *tt, int max_words) {
    size_t n = d->n_cands;
    cand_t *out = xmalloc((n ? n * 3 : 1) * sizeof *out);
    size_t m = 0;
    for (size_t k = 0; k < n; k++) {
        cand_t *c = &d->cands[k];
        out[m++] = *c;
        size_t tail;
        size_t head = c->lone ? 0 : shape_split_clauses(&lc->shape, d->text + c->start, c->len, max_words, &tail);
        if (!head) continue;
        size_t spans[2][2] = {{c->start, head}, {c->start + tail, c->len - tail}};
        for (int p = 0; p < 2; p++) {
            cand_t *x = &out[m++];
            *x = *c;
            x->start = spans[p][0];
            x->len = spans[p][1];
            x->part = p + 1;
            x->numbers = x->names = 0;
            x->shaped = NULL;
            make_vec(lc, tt, d->text + x->start, x->len, &x->v, x);
            cand_features(x, lc, d->text + x->start);
        }
    }
    if (m == n) { /* nothing split: the cosines stand */
        free(out);
        return;
    }
    free(d->cands);
    d->cands = out;
    d->n_cands = m;
    free(d->tri);
    d->tri = NULL;
}

/* A scraped page often opens with its top photo's caption run into the
 * lead ("Ada Frost, 48, lost her case at the appeal court Millions of
 * drivers face …"). Later captions only describe photos; this one tells the
 * story, as a headline does: it becomes a sentence of its own, before the
 * lead, instead of being dropped (noise still judges it: "(pictured)"
 * makes it a caption). */
static size_t split_opening_caption(const char *text, const langctx_t *lc, sentence_t **sents, size_t n) {
    if (n == 0) return n;
    size_t at = noise_caption_runin(text + (*sents)[0].start, (*sents)[0].len, &lc->stop, &lc->speech);
    if (at == 0) return n;
    *sents = xrealloc(*sents, (n + 1) * sizeof **sents);
    memmove(*sents + 1, *sents, n * sizeof **sents);
    sentence_t *cap = &(*sents)[0], *lead = &(*sents)[1];
    size_t end = at;
    while (end > 0 && text[cap->start + end - 1] == ' ') end--;
    cap->len = end;
    cap->flags &= ~(unsigned)(SENTENCE_LINE_END | SENTENCE_TERMINATED);
    lead->start += at;
    lead->len -= at;
    lead->flags &= ~(unsigned)(SENTENCE_LINE_START | SENTENCE_PARA_START);
    return n + 1;
}

/* Normalizes, splits and filters one article into candidate sentences;
 * split_words > 0: long sentences also give their clauses
 * (doc_split_clauses, over that many words). */
static void doc_build(docmodel_t *d, size_t doc_index, const char *text, const char *title,
                      const langctx_t *lc, termtab_t *tt, int split_words) {
    memset(d, 0, sizeof *d);
    char *norm = utf8text_normalize(text, strlen(text));
    buf_t cut = BUF_INIT;
    noise_cut_markers(norm, strlen(norm), &cut);
    free(norm);
    d->len = cut.len;
    d->text = buf_detach(&cut);
    if (title && *title) {
        char *nt = utf8text_normalize(title, strlen(title));
        make_vec(lc, tt, nt, strlen(nt), &d->title_v, NULL);
        free(nt);
    }
    sentence_t *sents = NULL;
    size_t n = sentence_split(d->text, d->len, &lc->rules, &sents);
    n = split_opening_caption(d->text, lc, &sents, n);
    /* at most one a sentence (each is cleared when it is taken) */
    size_t room = n == 0 ? 1 : n < MAX_CANDIDATES ? n : MAX_CANDIDATES;
    d->cands = xmalloc(room * sizeof *d->cands);
    d->tri = xmalloc((room * (room - 1) / 2 + 1) * sizeof *d->tri);
    size_t lines_total = n ? sents[n - 1].line + 1 : 0;
    utf8text_token_t *toks = NULL;
    size_t cap_toks = 0;
    for (size_t i = 0; i < n && i < MAX_SCANNED && d->n_cands < MAX_CANDIDATES; i++) {
        sentence_t one = sents[i];
        const sentence_t *s = &one;
        /* a caption run into the sentence: the sentence alone */
        size_t runin;
        while ((runin = noise_caption_runin(d->text + one.start, one.len, &lc->stop, &lc->speech)) > 0) {
            one.start += runin;
            one.len -= runin;
            one.flags &= ~(unsigned)(SENTENCE_LINE_START | SENTENCE_PARA_START);
        }
        const char *st = d->text + s->start;
        /* one walk over its words, for noise and for its vector */
        size_t ntoks = tokenize(st, s->len, &toks, &cap_toks);
        if (noise_classify_tokens(st, s->len, s->flags, toks, ntoks) != NOISE_NONE) continue;
        cand_t *c = &d->cands[d->n_cands];
        memset(c, 0, sizeof *c);
        c->doc = doc_index;
        c->start = s->start;
        c->len = s->len;
        c->para = s->para;
        c->flags = s->flags;
        make_vec_tokens(lc, tt, st, s->len, &c->v, c, toks, ntoks);
        if (c->v.n == 0) {
            vec_free(&c->v);
            continue;
        }
        /* duplicates and near-duplicates of an earlier sentence or the title */
        int dup = 0;
        double *row = d->tri + d->n_cands * (d->n_cands - (d->n_cands > 0)) / 2;
        const double *dense = vec_spread(tt, &c->v);
        for (size_t j = 0; j < d->n_cands && !dup; j++) {
            row[j] = cosine_dense(dense, &c->v, &d->cands[j].v);
            dup = row[j] >= 0.8;
        }
        vec_unspread(tt, &c->v);
        if (!dup && d->title_v.n && d->n_cands == 0 && !(s->flags & SENTENCE_TERMINATED))
            dup = cosine(&c->v, &d->title_v) >= 0.8;
        if (dup) {
            vec_free(&c->v);
            continue;
        }
        cand_features(c, lc, st);
        d->n_cands++;
    }
    /* teasers of other stories: a trailing run of one-line paragraphs that
     * share nothing with the lead and the title */
    if (d->n_cands > 6 && lines_total >= 6) {
        size_t lead_n = d->n_cands < 3 ? d->n_cands : 3;
        const vec_t *parts[4];
        size_t np = 0;
        for (size_t j = 0; j < lead_n; j++) parts[np++] = &d->cands[j].v;
        if (d->title_v.n) parts[np++] = &d->title_v;
        vec_t lead;
        vec_sum(parts, np, &lead);
        size_t keep = d->n_cands;
        while (keep > d->n_cands * 2 / 3) {
            cand_t *c = &d->cands[keep - 1];
            int own_line = (c->flags & SENTENCE_LINE_START) || (c->flags & SENTENCE_LINE_END);
            if (!own_line || cosine(&c->v, &lead) >= 0.12) break;
            keep--;
        }
        for (size_t j = keep; j < d->n_cands; j++) vec_free(&d->cands[j].v);
        d->n_cands = keep;
        vec_free(&lead);
    }
    mark_lone_paragraphs(d);
    /* positions count the article's own sentences, not its captions */
    size_t pos = 0;
    for (size_t j = 0; j < d->n_cands; j++) {
        d->cands[j].pos = pos;
        d->cands[j].sent = j;
        if (!d->cands[j].lone) pos++;
    }
    if (split_words > 0 && lc->lang == LANG_EN) doc_split_clauses(d, lc, tt, split_words);
    free(sents);
    free(toks);
}

/* Scores the candidates of one document (position, directed centrality,
 * title, numbers, names, stand-alone). sim is n x n. */
static void score_doc(docmodel_t *d, const double *sim, size_t n, const weights_t *w) {
    double max_f = 0, max_b = 0;
    double *fwd = xcalloc(n ? n : 1, sizeof *fwd), *bwd = xcalloc(n ? n : 1, sizeof *bwd);
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < n; j++) {
            if (j == i || d->cands[j].part) continue; /* a clause repeats its sentence */
            if (j > i) fwd[i] += sim[i * n + j];
            else bwd[i] += sim[i * n + j];
        }
        if (fwd[i] > max_f) max_f = fwd[i];
        if (bwd[i] > max_b) max_b = bwd[i];
    }
    for (size_t i = 0; i < n; i++) {
        cand_t *c = &d->cands[i];
        double s = w->pos / pow(1.0 + (double)c->pos, w->pos_decay);
        if (max_f > 0) s += w->fwd * fwd[i] / max_f;
        if (max_b > 0) s += w->bwd * bwd[i] / max_b;
        if (d->title_v.n) s += w->title * cosine(&c->v, &d->title_v);
        if (c->numbers) s += w->num;
        s += w->name * (c->names > 4 ? 4 : c->names) / 4.0;
        if (c->opener && c->pos > 0) s -= w->opener;
        if (c->quote) s -= w->quote;
        if (c->half_quote) s -= w->half_quote;
        if (c->first_person) s -= w->first_person;
        if (c->question) s -= w->question;
        if (c->lone) s -= w->lone;
        if (c->words < 8) s -= w->short_pen;
        if (c->words > 45) s -= w->long_pen * (c->words - 45) / 20.0;
        c->score = s;
    }
    free(fwd);
    free(bwd);
}

/* The size limits of cand c's point: an article's lead sentence says what
 * happened and may take the larger lead limits (single articles only: a
 * story's points come from several leads). */
static void point_limits(const cand_t *c, const summarize_opts_t *o, int story, int *words,
                         int *chars) {
    *words = o->max_words;
    *chars = o->max_chars;
    if (story || c->pos != 0) return;
    if (o->lead_words > *words) *words = o->lead_words;
    if (o->lead_chars > *chars) *chars = o->lead_chars;
}

/* Cand c shaped as a point: a sentence's first clause ends with a full
 * stop, its second starts with a capital. */
static char *shape_cand_text(const docmodel_t *d, const cand_t *c, const langctx_t *lc, int mw, int mc) {
    char *p = shape_point_ctx(&lc->shape, d->text + c->start, c->len, mw, mc);
    size_t n = strlen(p);
    if (c->part == 2 && p[0] >= 'a' && p[0] <= 'z') p[0] = (char)(p[0] - 32);
    if (c->part == 1 && n && !strchr(".!?", p[n - 1]) && !(n >= 3 && !memcmp(p + n - 3, "\xe2\x80", 2))) {
        p = xrealloc(p, n + 2);
        memcpy(p + n, ".", 2);
    }
    return p;
}

/* Whether probed cand c's point is cut: its score pays w->cut when it is.
 * The shaped text is kept: try_point would shape it again with the same
 * limits. */
static void probe_cut(docmodel_t *d, cand_t *c, const summarize_opts_t *o, const langctx_t *lc,
                      const weights_t *w, int story) {
    int mw, mc;
    point_limits(c, o, story, &mw, &mc);
    c->probe = 0;
    if (!c->shaped) c->shaped = shape_cand_text(d, c, lc, mw, mc);
    const char *p = c->shaped;
    size_t n = strlen(p);
    c->cut = n >= 3 && memcmp(p + n - 3, "\xe2\x80\xa6", 3) == 0;
    if (c->cut) c->score -= w->cut;
    if (o->no_memo) {
        free(c->shaped);
        c->shaped = NULL;
    }
}

/* Sentences that fit (whole or compressed) before those that need a cut:
 * the best-scored candidates are shaped to find out. With lazy, they are
 * only marked, and pick_mmr shapes one when it would pick it: its score
 * can only fall, so the pick is the same as when all were shaped first. */
#define SHAPE_PROBES 12
static void penalize_cuts(docmodel_t *d, const summarize_opts_t *o, const langctx_t *lc,
                          const weights_t *w, int story, int lazy) {
    char *probed = xcalloc(d->n_cands ? d->n_cands : 1, 1);
    for (size_t k = 0; k < SHAPE_PROBES && k < d->n_cands; k++) {
        size_t bi = d->n_cands;
        for (size_t i = 0; i < d->n_cands; i++)
            if (!probed[i] && (bi == d->n_cands || d->cands[i].score > d->cands[bi].score)) bi = i;
        probed[bi] = 1;
        d->cands[bi].probe = 1;
    }
    /* in order of index: the probes do not depend on each other */
    for (size_t i = 0; i < d->n_cands && !lazy; i++)
        if (d->cands[i].probe) probe_cut(d, &d->cands[i], o, lc, w, story);
    free(probed);
}

static double *sim_matrix(cand_t *const *cs, size_t n) {
    double *sim = xcalloc(n ? n * n : 1, sizeof *sim);
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++) sim[i * n + j] = sim[j * n + i] = cosine(&cs[i]->v, &cs[j]->v);
    return sim;
}

/* sim_matrix of d's own candidates, in their order: the cosines the
 * duplicate test worked out (cosine is symmetric to the bit). */
static double *doc_sim_matrix(const docmodel_t *d) {
    size_t n = d->n_cands;
    double *sim = xcalloc(n ? n * n : 1, sizeof *sim);
    for (size_t i = 1; i < n; i++) {
        const double *row = d->tri + i * (i - 1) / 2;
        for (size_t j = 0; j < i; j++) sim[i * n + j] = sim[j * n + i] = row[j];
    }
    return sim;
}

static lang_id_t pick_lang(const char *hint, const char *text) {
    int l = lang_from_code(hint);
    if (l >= 0) return (lang_id_t)l;
    return lang_detect(text, strlen(text));
}

void summarize_opts_default(summarize_opts_t *o) {
    memset(o, 0, sizeof *o);
    o->max_points = 4;
    o->min_points = 3;
    o->max_words = 24;
    o->max_chars = 150;
    o->lead_words = 28;
    o->lead_chars = 175;
    o->lang = NULL;
    o->idf = NULL;
}

static summarize_opts_t checked_opts(const summarize_opts_t *opts) {
    summarize_opts_t o;
    if (opts) o = *opts;
    else summarize_opts_default(&o);
    if (o.max_points < 1) o.max_points = 1;
    if (o.max_points > 20) o.max_points = 20;
    if (o.min_points > o.max_points) o.min_points = o.max_points;
    if (o.min_points < 1) o.min_points = 1;
    if (o.max_words <= 0) o.max_words = 25;
    if (o.max_chars <= 0) o.max_chars = 160;
    return o;
}

/* Shapes cand c of doc d (or takes what penalize_cuts shaped); returns
 * NULL when nothing is left. */
static char *shape_cand(const docmodel_t *d, cand_t *c, const summarize_opts_t *o,
                        const langctx_t *lc, int story) {
    char *p = c->shaped;
    c->shaped = NULL;
    if (!p) {
        int mw, mc;
        point_limits(c, o, story, &mw, &mc);
        p = shape_cand_text(d, c, lc, mw, mc);
    }
    if (!*p) {
        free(p);
        return NULL;
    }
    return p;
}

/* ---------------------------------------------------------------- choosing */
/* A point being chosen: its candidate, its shaped text and the content
 * terms of that text. */
typedef struct {
    cand_t *c;
    size_t idx; /* into the candidate array */
    char *text;
    vec_t terms;
    double rank;
    int lead; /* a story's fact told in a lead sentence */
} pick_t;

static void picks_free(pick_t *p, size_t k) {
    for (size_t i = 0; i < k; i++) {
        free(p[i].text);
        vec_free(&p[i].terms);
    }
    free(p);
}

static double term_overlap(const vec_t *a, const vec_t *b) {
    if (!a->n || !b->n) return 0;
    int shared = 0, i = 0, j = 0;
    while (i < a->n && j < b->n) {
        if (a->ids[i] == b->ids[j]) shared++, i++, j++;
        else if (a->ids[i] < b->ids[j]) i++;
        else j++;
    }
    return (double)shared / (double)(a->n < b->n ? a->n : b->n);
}

/* Shapes candidate idx and says whether it may join the k chosen points:
 * it says something new (content-word overlap below SUMMARIZE_SAME_FACT
 * with each, cosine below the redundancy bound) and, when it opens with a
 * pronoun or connective, the sentence before it in its article is already
 * a point (never in a story, whose points are ordered by fact). */
static int try_point(docmodel_t *docs, cand_t *const *cs, size_t idx, const double *sim, size_t n,
                     const pick_t *chosen, size_t k, const summarize_opts_t *o, const weights_t *w,
                     const langctx_t *lc, termtab_t *tt, int story, pick_t *out) {
    assert(idx < n);
    cand_t *c = cs[idx];
    const docmodel_t *d = &docs[story ? c->doc : 0];
    for (size_t j = 0; j < k; j++)
        if (sim[idx * n + chosen[j].idx] >= w->redundant) return 0;
    char *text = shape_cand(d, c, o, lc, story);
    if (!text) return 0;
    vec_t v;
    make_vec(lc, tt, text, strlen(text), &v, NULL);
    int ok = v.n > 0;
    for (size_t j = 0; j < k && ok; j++) ok = term_overlap(&v, &chosen[j].terms) < SUMMARIZE_SAME_FACT;
    if (ok && first_word_is_opener(lc, text, strlen(text))) {
        int referent = 0;
        for (size_t j = 0; j < k && !story && !referent; j++)
            referent = chosen[j].c->sent + 1 == c->sent && c->sent > 0 && c->part != 2;
        ok = referent;
    }
    if (!ok) {
        free(text);
        vec_free(&v);
        return 0;
    }
    *out = (pick_t){c, idx, text, v, c->score, 0};
    return 1;
}

/* MMR over one article's candidates: score minus similarity to what is
 * chosen, every point checked by try_point. Returns the number chosen. */
static size_t pick_mmr(docmodel_t *d, cand_t *const *cs, size_t n, const double *sim,
                       const summarize_opts_t *o, const weights_t *w, const langctx_t *lc,
                       termtab_t *tt, pick_t *out) {
    size_t k = 0;
    char *taken = xcalloc(n ? n : 1, 1);
    double first_score = 0;
    while (k < (size_t)o->max_points) {
        double best = -1e9;
        size_t bi = n;
        for (size_t i = 0; i < n; i++) {
            if (taken[i]) continue;
            double red = 0;
            for (size_t j = 0; j < k; j++)
                if (sim[i * n + out[j].idx] > red) red = sim[i * n + out[j].idx];
            double v = cs[i]->score - w->mmr * red;
            if (v > best) {
                best = v;
                bi = i;
            }
        }
        if (bi == n) break;
        /* its score is an upper bound until its cut is known */
        if (cs[bi]->probe) {
            probe_cut(d, cs[bi], o, lc, w, 0);
            continue;
        }
        /* beyond the minimum, a point must still be worth reading */
        if (k >= (size_t)o->min_points && best < first_score * w->extra) break;
        taken[bi] = 1;
        if (!try_point(d, cs, bi, sim, n, out, k, o, w, lc, tt, 0, &out[k])) continue;
        if (k == 0) first_score = best;
        k++;
    }
    free(taken);
    return k;
}

static int cmp_pick_idx(const void *a, const void *b) {
    const pick_t *x = a, *y = b;
    return (x->idx > y->idx) - (x->idx < y->idx);
}

int summarize_points(const char *text, const char *title, const summarize_opts_t *opts,
                     char ***points, size_t *n_points) {
    *points = NULL;
    *n_points = 0;
    if (!text) return -1;
    summarize_opts_t o = checked_opts(opts);
    weights_t w = default_weights;
    size_t tl = strlen(text);
    size_t i = 0;
    while (i < tl && (text[i] == ' ' || text[i] == '\n' || text[i] == '\t' || text[i] == '\r')) i++;
    if (i == tl) return -1;
    langctx_t lc;
    langctx_init(&lc, pick_lang(o.lang, text), o.idf);
    lc.no_memo = o.no_memo;
    termtab_t tt = {0};
    docmodel_t d;
    doc_build(&d, 0, text, title, &lc, &tt, o.max_words);
    size_t n = d.n_cands;
    cand_t **cs = xmalloc((n ? n : 1) * sizeof *cs);
    for (size_t k = 0; k < n; k++) cs[k] = &d.cands[k];
    double *sim = o.no_memo || !d.tri ? sim_matrix(cs, n) : doc_sim_matrix(&d);
    score_doc(&d, sim, n, &w);
    penalize_cuts(&d, &o, &lc, &w, 0, !o.no_memo);
    pick_t *picks = xcalloc((size_t)o.max_points, sizeof *picks);
    size_t k = pick_mmr(&d, cs, n, sim, &o, &w, &lc, &tt, picks);
    assert(k <= (size_t)o.max_points);
    qsort(picks, k, sizeof *picks, cmp_pick_idx); /* document order */
    for (size_t j = 1; j < k; j++) assert(picks[j - 1].idx < picks[j].idx); /* no sentence twice */
    char **out = xcalloc(k ? k : 1, sizeof *out);
    size_t m = 0;
    for (size_t j = 0; j < k; j++) {
        out[m++] = picks[j].text;
        picks[j].text = NULL;
    }
    picks_free(picks, k);
    free(sim);
    free(cs);
    doc_free(&d);
    termtab_free(&tt);
    langctx_free(&lc);
    *points = out;
    *n_points = m;
    return 0;
}

void summarize_points_free(char **points, size_t n_points) {
    if (!points) return;
    for (size_t i = 0; i < n_points; i++) free(points[i]);
    free(points);
}

void summarize_terms(const char *text, const char *lang,
                     void (*fn)(void *ctx, const char *term, size_t len), void *ctx) {
    if (!text || !fn) return;
    langctx_t lc;
    langctx_init(&lc, pick_lang(lang, text), NULL);
    char *norm = utf8text_normalize(text, strlen(text));
    size_t len = strlen(norm), pos = 0;
    utf8text_token_t tok;
    buf_t fold = BUF_INIT, term = BUF_INIT;
    while (utf8text_next_token(norm, len, &pos, &tok))
        if (token_term(&lc, norm, &tok, &fold, &term)) fn(ctx, term.data, term.len);
    buf_free(&fold);
    buf_free(&term);
    free(norm);
    langctx_free(&lc);
}

/* ---------------------------------------------------------------- stories */
#define STORY_MAX_DOCS 50
#define STORY_CANDIDATES_PER_DOC 60

/* Story points by fact: the candidates of all sources are grouped into
 * facts (each joins the fact whose strongest sentence it is most similar
 * to, at least STORY_FACT_SIM), a fact ranks by its strongest sentence and
 * by how many sources tell it, and each fact gives at most one point: its
 * best and briefest sentence that passes try_point. The first point is
 * the best-ranked fact told in a lead sentence (what happened); the rest
 * follow in rank order. */
#define STORY_FACT_SIM 0.3
typedef struct {
    size_t seed;    /* strongest member, index into all */
    size_t sources; /* distinct documents among the members */
    double rank;
    int has_lead;
} fact_t;

static int cmp_fact_rank(const void *a, const void *b) {
    const fact_t *x = a, *y = b;
    if (x->rank != y->rank) return (x->rank < y->rank) - (x->rank > y->rank);
    return (x->seed > y->seed) - (x->seed < y->seed);
}

static size_t pick_facts(docmodel_t *dm, cand_t *const *all, size_t m, const double *sim,
                         size_t with_text, const summarize_opts_t *o, const weights_t *w,
                         const langctx_t *lc, termtab_t *tt, pick_t *out) {
    size_t *order = xmalloc((m ? m : 1) * sizeof *order);
    for (size_t i = 0; i < m; i++) order[i] = i;
    /* strongest first (insertion sort: m is bounded by the story limits) */
    for (size_t i = 1; i < m; i++) {
        size_t x = order[i], j = i;
        while (j > 0 && all[order[j - 1]]->score < all[x]->score) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = x;
    }
    size_t *fact_of = xmalloc((m ? m : 1) * sizeof *fact_of);
    fact_t *facts = xcalloc(m ? m : 1, sizeof *facts);
    size_t nf = 0;
    for (size_t r = 0; r < m; r++) {
        size_t a = order[r], bf = nf;
        double bs = STORY_FACT_SIM;
        for (size_t f = 0; f < nf; f++)
            if (sim[a * m + facts[f].seed] >= bs) {
                bs = sim[a * m + facts[f].seed];
                bf = f;
            }
        if (bf == nf) facts[nf++] = (fact_t){a, 0, all[a]->score, 0};
        fact_of[a] = bf;
    }
    /* support: the sources telling each fact */
    char *seen = xcalloc(STORY_MAX_DOCS, 1);
    for (size_t f = 0; f < nf; f++) {
        memset(seen, 0, STORY_MAX_DOCS);
        for (size_t a = 0; a < m; a++) {
            if (fact_of[a] != f) continue;
            if (!seen[all[a]->doc]) facts[f].sources++;
            seen[all[a]->doc] = 1;
            if (all[a]->pos == 0) facts[f].has_lead = 1;
        }
        if (with_text > 1)
            facts[f].rank += w->support * (double)(facts[f].sources - 1) / (double)(with_text - 1);
    }
    free(seen);
    /* facts[] is re-ordered: remember each member's fact by its seed */
    size_t *seed_of = xmalloc((m ? m : 1) * sizeof *seed_of);
    for (size_t a = 0; a < m; a++) seed_of[a] = facts[fact_of[a]].seed;
    qsort(facts, nf, sizeof *facts, cmp_fact_rank);
    size_t k = 0;
    double first_rank = 0;
    for (size_t f = 0; f < nf && k < (size_t)o->max_points; f++) {
        if (k >= (size_t)o->min_points && facts[f].rank < first_rank * w->extra) break;
        /* members: the strongest first, a shorter one before a longer near-equal */
        size_t best_try = m;
        for (int attempt = 0; attempt < 4; attempt++) {
            double bp = -1e9;
            size_t bi = m;
            for (size_t a = 0; a < m; a++) {
                if (seed_of[a] != facts[f].seed || all[a]->taken) continue;
                /* the sentence closest to the fact's other tellings, briefer first */
                double central = 0;
                size_t others = 0;
                for (size_t b = 0; b < m; b++)
                    if (b != a && seed_of[b] == facts[f].seed && all[b]->doc != all[a]->doc) {
                        central += sim[a * m + b];
                        others++;
                    }
                double pref = all[a]->score + 2.0 * (others ? central / (double)others : 0) -
                              0.01 * all[a]->words;
                if (pref > bp) {
                    bp = pref;
                    bi = a;
                }
            }
            if (bi == m) break;
            all[bi]->taken = 1;
            if (try_point(dm, all, bi, sim, m, out, k, o, w, lc, tt, 1, &out[k])) {
                best_try = bi;
                break;
            }
        }
        if (best_try == m) continue;
        out[k].rank = facts[f].rank;
        out[k].lead = facts[f].has_lead;
        if (k == 0) first_rank = facts[f].rank;
        k++;
    }
    /* what happened first: the best-ranked fact a source leads with */
    for (size_t j = 0; j < k; j++)
        if (out[j].lead) {
            pick_t p = out[j];
            memmove(out + 1, out, j * sizeof *out);
            out[0] = p;
            break;
        }
    free(seed_of);
    free(facts);
    free(fact_of);
    free(order);
    return k;
}

int summarize_story(const summarize_doc_t *docs, size_t n_docs, const summarize_opts_t *opts,
                    summarize_story_point_t **points, size_t *n_points, char **headline,
                    size_t *lead_doc) {
    *points = NULL;
    *n_points = 0;
    if (headline) *headline = NULL;
    if (lead_doc) *lead_doc = 0;
    if (!docs || n_docs == 0) return -1;
    if (n_docs > STORY_MAX_DOCS) n_docs = STORY_MAX_DOCS;
    summarize_opts_t o = checked_opts(opts);
    weights_t w = default_weights;
    /* one language for the story: a hint, else the first document with text */
    const char *hint = o.lang;
    const char *sample = NULL;
    for (size_t i = 0; i < n_docs; i++) {
        if (!hint && docs[i].lang && lang_from_code(docs[i].lang) >= 0) hint = docs[i].lang;
        if (!sample && docs[i].text && *docs[i].text) sample = docs[i].text;
    }
    if (!sample) return -1;
    langctx_t lc;
    langctx_init(&lc, pick_lang(hint, sample), o.idf);
    lc.no_memo = o.no_memo;
    termtab_t tt = {0};
    docmodel_t *dm = xcalloc(n_docs, sizeof *dm);
    size_t total = 0;
    for (size_t i = 0; i < n_docs; i++) {
        char *clean = docs[i].title ? title_headline(docs[i].title, NULL) : NULL;
        doc_build(&dm[i], i, docs[i].text ? docs[i].text : "", clean, &lc, &tt, 0);
        free(clean);
        if (dm[i].n_cands > STORY_CANDIDATES_PER_DOC) {
            for (size_t k = STORY_CANDIDATES_PER_DOC; k < dm[i].n_cands; k++)
                vec_free(&dm[i].cands[k].v);
            dm[i].n_cands = STORY_CANDIDATES_PER_DOC;
        }
        total += dm[i].n_cands;
    }
    /* each document scored on its own (position, centrality, title) */
    for (size_t i = 0; i < n_docs; i++) {
        size_t n = dm[i].n_cands;
        cand_t **cs = xmalloc((n ? n : 1) * sizeof *cs);
        for (size_t k = 0; k < n; k++) cs[k] = &dm[i].cands[k];
        double *sim = o.no_memo ? sim_matrix(cs, n) : doc_sim_matrix(&dm[i]);
        score_doc(&dm[i], sim, n, &w);
        penalize_cuts(&dm[i], &o, &lc, &w, 1, 0);
        free(sim);
        free(cs);
    }
    cand_t **all = xmalloc((total ? total : 1) * sizeof *all);
    size_t m = 0;
    for (size_t i = 0; i < n_docs; i++)
        for (size_t k = 0; k < dm[i].n_cands; k++) all[m++] = &dm[i].cands[k];
    double *sim = sim_matrix(all, m);
    /* agreement: how well the other sources say the same thing */
    size_t with_text = 0;
    for (size_t i = 0; i < n_docs; i++) with_text += dm[i].n_cands > 0;
    if (with_text > 1) {
        double *best = xcalloc(n_docs, sizeof *best);
        for (size_t a = 0; a < m; a++) {
            memset(best, 0, n_docs * sizeof *best);
            for (size_t b = 0; b < m; b++) {
                if (all[b]->doc == all[a]->doc) continue;
                if (sim[a * m + b] > best[all[b]->doc]) best[all[b]->doc] = sim[a * m + b];
            }
            double agree = 0;
            for (size_t d = 0; d < n_docs; d++) agree += best[d];
            all[a]->score += w.agree * agree / (double)(with_text - 1);
        }
        free(best);
    }
    pick_t *picks = xcalloc((size_t)o.max_points, sizeof *picks);
    size_t k = pick_facts(dm, all, m, sim, with_text, &o, &w, &lc, &tt, picks);
    assert(k <= (size_t)o.max_points);
    summarize_story_point_t *out = xcalloc(k ? k : 1, sizeof *out);
    size_t np = 0;
    for (size_t j = 0; j < k; j++) {
        out[np].text = picks[j].text;
        out[np].doc = picks[j].c->doc;
        assert(out[np].doc < n_docs);
        picks[j].text = NULL;
        np++;
    }
    picks_free(picks, k);
    /* the headline: the title closest to what all sources say */
    if (headline) {
        const vec_t **parts = xmalloc((m + n_docs + 1) * sizeof *parts);
        size_t npart = 0;
        for (size_t a = 0; a < m; a++)
            if (all[a]->pos < 5) parts[npart++] = &all[a]->v;
        vec_t story;
        vec_sum(parts, npart, &story);
        double best = -1;
        size_t bi = n_docs;
        for (size_t i = 0; i < n_docs; i++) {
            if (!docs[i].title || !dm[i].title_v.n) continue;
            double c = cosine(&dm[i].title_v, &story);
            if (c > best) {
                best = c;
                bi = i;
            }
        }
        if (bi < n_docs) {
            *headline = title_headline(docs[bi].title, NULL);
            if (lead_doc) *lead_doc = bi;
        }
        vec_free(&story);
        free(parts);
    }
    free(sim);
    free(all);
    for (size_t i = 0; i < n_docs; i++) doc_free(&dm[i]);
    free(dm);
    termtab_free(&tt);
    langctx_free(&lc);
    *points = out;
    *n_points = np;
    return 0;
}

void summarize_story_points_free(summarize_story_point_t *points, size_t n) {
    if (!points) return;
    for (size_t i = 0; i < n; i++) free(points[i].text);
    free(points);
}
