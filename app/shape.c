/* shape.c - see shape.h. */
#include "shape.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "noise.h"
#include "swar.h"
#include "utf8text.h"

/* The counts below read 8 bytes at a time on little-endian machines (the
 * shaper counts the same sentence many times while it cuts). */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define SHAPE_SWAR 1
#endif

size_t shape_count_words(const char *s, size_t len) {
    size_t n = 0, i = 0;
    int in_word = 0;
#ifdef SHAPE_SWAR
    uint64_t sep_before = 0x80; /* the byte before the first is a separator */
    for (; i + 8 <= len; i += 8) {
        uint64_t x = swar_load(s + i);
        uint64_t sep = swar_eq(x, ' ') | swar_eq(x, '\n');
        n += swar_count(~sep & SWAR_HI & ((sep << 8) | sep_before));
        sep_before = (sep >> 56) & 0x80;
    }
    in_word = !sep_before;
#endif
    for (; i < len; i++) {
        if (s[i] == ' ' || s[i] == '\n') in_word = 0;
        else if (!in_word) {
            in_word = 1;
            n++;
        }
    }
    return n;
}

size_t shape_count_chars(const char *s, size_t len) {
    size_t n = 0, i = 0;
#ifdef SHAPE_SWAR
    for (; i + 8 <= len; i += 8) {
        uint64_t x = swar_load(s + i);
        n += 8 - swar_count(x & ~(x << 1) & SWAR_HI); /* 10xxxxxx: a continuation byte */
    }
#endif
    for (; i < len; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80) n++;
    return n;
}

/* " word " (or " word" without trail) into key, as snprintf would write
 * it: w[0,n) up to a NUL, NULL read as "". key has room (callers check). */
static void space_key(char *key, size_t size, const char *w, size_t n, int trail) {
    n = w ? strnlen(w, n) : 0;
    if (n + 2 + (trail != 0) > size) n = size - 2 - (trail != 0);
    key[0] = ' ';
    if (n) memcpy(key + 1, w, n);
    if (trail) key[1 + n++] = ' ';
    key[1 + n] = '\0';
}

/* Is the folded word in core in list (" a b c ": words between spaces)?
 * An empty word is in none. */
static int in_list(const char *list, const buf_t *core) {
    char key[32];
    if (!core->len || core->len + 3 > sizeof key) return 0;
    space_key(key, sizeof key, core->data, core->len, 1);
    return strstr(list, key) != NULL;
}

/* Does the folded word end in a plain "-s" ("plans", "items"; not "-ss"
 * nor "'s"), a plural noun or a verb's third person? */
static int ends_in_plain_s(const buf_t *core) {
    if (core->len < 4) return 0;
    const char *t = core->data + core->len;
    return t[-1] == 's' && t[-2] != 's' && t[-2] != '\'';
}

/* Is the folded word in core exactly word? */
static int core_is(const buf_t *core, const char *word) {
    return core->len && !strcmp(core->data, word);
}

static int fits(const buf_t *b, int max_words, int max_chars) {
    return shape_count_words(b->data, b->len) <= (size_t)max_words &&
           shape_count_chars(b->data, b->len) <= (size_t)max_chars;
}

/* Replaces b[from, to) with rep. */
static void splice(buf_t *b, size_t from, size_t to, const char *rep) {
    size_t rl = strlen(rep);
    buf_t out = BUF_INIT;
    buf_append(&out, b->data, from);
    buf_append(&out, rep, rl);
    buf_append(&out, b->data + to, b->len - to);
    buf_free(b);
    *b = out;
}

static int is_upper_ascii(char c) { return c >= 'A' && c <= 'Z'; }

static int is_close_quote_at(const char *s, size_t len, size_t i, size_t *qlen) {
    if (i < len && (s[i] == '"' || s[i] == '\'')) {
        *qlen = 1;
        return 1;
    }
    if (i + 2 < len + 0 && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
        ((unsigned char)s[i + 2] == 0x9D || (unsigned char)s[i + 2] == 0x99)) {
        *qlen = 3;
        return 1;
    }
    return 0;
}

/* Garble left by scrapers: "U. S. ." -> "U.S.", " ." -> "", ".”." -> ".”". */
static void repair(buf_t *b) {
    buf_t out = BUF_INIT;
    const char *s = b->data;
    size_t n = b->len;
    size_t from = 0;
    /* "’ The problems began …": the closing quote of the sentence before,
     * left standing alone at the start by text tokenized at the source */
    if (n > 4 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
        ((unsigned char)s[2] == 0x99 || (unsigned char)s[2] == 0x9D) && s[3] == ' ')
        from = 4;
    for (size_t i = from; i < n; i++) {
        /* single capital + ". " + single capital + "." : join initials */
        if (i + 3 < n && s[i] == '.' && s[i + 1] == ' ' && is_upper_ascii(s[i + 2]) &&
            s[i + 3] == '.' && i >= 1 && is_upper_ascii(s[i - 1]) &&
            (i < 2 || s[i - 2] == ' ' || s[i - 2] == '.') &&
            (i + 4 >= n || s[i + 4] == ' ')) {
            buf_puts(&out, ".");
            buf_putc(&out, s[i + 2]);
            buf_putc(&out, '.');
            i += 3;
            /* and a stray " ." right after */
            if (i + 2 < n && s[i + 1] == ' ' && s[i + 2] == '.' && (i + 3 >= n || s[i + 3] == ' '))
                i += 2;
            continue;
        }
        /* a stray " ." */
        if (s[i] == ' ' && i + 1 < n && s[i + 1] == '.' && (i + 2 >= n || s[i + 2] == ' ') &&
            i > 0 && s[i - 1] != '.') {
            i += 1;
            continue;
        }
        /* ".”." and '."' + '.' */
        size_t ql;
        if (s[i] == '.' && is_close_quote_at(s, n, i + 1, &ql) && i + 1 + ql < n &&
            s[i + 1 + ql] == '.') {
            buf_append(&out, s + i, 1 + ql);
            i += ql + 1;
            continue;
        }
        buf_putc(&out, s[i]);
    }
    buf_free(b);
    *b = out;
}

/* The first word (ASCII-folded comparison is enough for the lists'
 * connectives) and whether a comma follows it. */
static void drop_leading_connective(buf_t *b, const wordset_t *openers) {
    size_t e = 0;
    while (e < b->len && b->data[e] != ' ' && b->data[e] != ',') e++;
    if (e == 0 || e >= b->len || b->data[e] != ',') return;
    buf_t w = BUF_INIT;
    utf8text_fold(b->data, e, &w);
    int hit = wordset_has(openers, w.data, w.len);
    buf_free(&w);
    if (!hit) return;
    size_t k = e + 1;
    while (k < b->len && b->data[k] == ' ') k++;
    if (b->len - k < 20) return;
    splice(b, 0, k, "");
    /* capitalize the new first letter */
    size_t pos = 0;
    int32_t cp = utf8text_decode(b->data, b->len, &pos);
    if (cp >= 'a' && cp <= 'z') b->data[0] = (char)(cp - 32);
}

static int word_at_is_speech(const char *s, size_t from, size_t to, const wordset_t *speech) {
    /* any word in s[from,to) is a speech verb */
    size_t pos = from;
    utf8text_token_t tok;
    buf_t w = BUF_INIT;
    int hit = 0;
    while (!hit && utf8text_next_token(s, to, &pos, &tok)) {
        buf_reset(&w);
        utf8text_fold(s + tok.start, tok.len, &w);
        hit = wordset_has(speech, w.data, w.len);
    }
    buf_free(&w);
    return hit;
}

/* ", he said." / ",” she told reporters." / ", according to X." / a
 * merged fragment ". X, the minister, said." */
static int stands_alone(const shape_ctx_t *c, const char *s, size_t len);

/* Does the text at s[from,n) open with a possessive or article, a speaker
 * described ("his daughter", "the coach")? */
static int speaks_first(const char *s, size_t from, size_t n) {
    while (from < n && s[from] == ' ') from++;
    static const char *const heads[] = {"his ", "her ", "their ", "its ", "the ", "a ", "an "};
    for (size_t k = 0; k < sizeof heads / sizeof heads[0]; k++) {
        size_t hl = strlen(heads[k]);
        if (n - from > hl && !memcmp(s + from, heads[k], hl)) return 1;
    }
    return 0;
}

/* Does the tail s[from,n) go on after its speech verb with a clause of
 * its own (defined below holds_finite_verb)? */
static int speech_takes_clause(const shape_ctx_t *c, const char *s, size_t from, size_t n);

static int drop_attribution_tail(buf_t *b, const shape_ctx_t *c) {
    const wordset_t *speech = &c->speech;
    const char *s = b->data;
    size_t n = b->len;
    /* the tail starts after a ',' or '.' with at most 8 words after it: a
     * merged fragment after a full stop first, else the last comma */
    size_t comma = n, stop = n, speaker = n;
    for (size_t i = n; i-- > 0;) {
        if (s[i] != ',' && s[i] != '.') continue;
        size_t words = shape_count_words(s + i + 1, n - i - 1);
        if (words > 14) break;
        if (words > 8) {
            /* ", his son and daughter, Donavan and Donna Freberg, confirmed to
             * The Hollywood Reporter.": the speaker named in apposition goes
             * with the verb, not only ", confirmed …" */
            size_t ql = 0;
            is_close_quote_at(s, n, i + 1, &ql);
            if (s[i] == ',' && comma < n && speaks_first(s, i + 1 + ql, n) &&
                word_at_is_speech(s, i + 1 + ql, n, speech) && stands_alone(c, s, i))
                speaker = i;
            continue;
        }
        if (words < 2) continue;
        size_t ql = 0;
        is_close_quote_at(s, n, i + 1, &ql);
        /* a full stop, not the dot of an initial or initialism ("U.S.") */
        if (s[i] == '.' && (i + 1 + ql >= n || s[i + 1 + ql] != ' ' ||
                            (i >= 1 && is_upper_ascii(s[i - 1]) &&
                             (i == 1 || s[i - 2] == ' ' || s[i - 2] == '.'))))
            continue;
        if (!word_at_is_speech(s, i + 1 + ql, n, speech)) continue;
        if (s[i] == '.') stop = i;
        /* ", said was overdue" after a name is that name's verb, not a
         * tail: what is left must still stand alone; ", says the light
         * should stay" after a subject is its verb and clause */
        else if (comma == n && stands_alone(c, s, i) && !speech_takes_clause(c, s, i + 1, n)) comma = i;
    }
    if (stop < n) {
        size_t ql = 0;
        is_close_quote_at(s, n, stop + 1, &ql);
        b->len = stop + 1 + ql;
        b->data[b->len] = '\0';
        return 1;
    }
    if (comma == n) return 0;
    if (speaker < n) comma = speaker;
    /* "… ,” he said" keeps a closing quote after the new full stop */
    size_t ql = 0;
    is_close_quote_at(s, n, comma + 1, &ql);
    char quote[4] = {0};
    memcpy(quote, s + comma + 1, ql);
    b->len = comma;
    b->data[b->len] = '\0';
    while (b->len && b->data[b->len - 1] == ' ') b->data[--b->len] = '\0';
    buf_putc(b, '.');
    buf_puts(b, quote);
    return 1;
}

/* Drops "( … )" and "[ … ]" asides, and one " – … –" aside (not the one
 * ending an opening subordinate clause: opens_subordinate says the
 * sentence starts with one). */
static int drop_parentheticals(buf_t *b, int opens_subordinate) {
    int changed = 0;
    for (;;) {
        char *open = NULL;
        for (size_t i = 0; i < b->len; i++)
            if (b->data[i] == '(' || b->data[i] == '[') {
                open = b->data + i;
                break;
            }
        if (!open) break;
        char want = *open == '(' ? ')' : ']';
        char *close = memchr(open, want, b->len - (size_t)(open - b->data));
        if (!close) break;
        size_t from = (size_t)(open - b->data), to = (size_t)(close - b->data) + 1;
        if (from > 0 && b->data[from - 1] == ' ') from--;
        splice(b, from, to, "");
        changed = 1;
    }
    /* " – aside –", the same with em dashes or spaced hyphens (" - aside - ") */
    static const char *const dashes[] = {" \xe2\x80\x93 ", " \xe2\x80\x94 ", " - "};
    int dropped = 0;
    for (size_t k = 0; k < sizeof dashes / sizeof dashes[0] && !dropped; k++) {
        size_t dl = strlen(dashes[k]);
        char *d1 = strstr(b->data, dashes[k]);
        char *d2 = d1 ? strstr(d1 + dl, dashes[k]) : NULL;
        /* "While some rooms were redone - the roof is new - the buyer …":
         * the aside stands where the opening clause's comma would */
        if (d2 && opens_subordinate && !memchr(b->data, ',', (size_t)(d1 - b->data))) d2 = NULL;
        if (d2) {
            splice(b, (size_t)(d1 - b->data), (size_t)(d2 - b->data) + dl - 1, " ");
            changed = dropped = 1;
        }
    }
    return changed;
}

static int is_capital_word(const char *s, size_t len) {
    size_t pos = 0;
    int32_t cp;
    do {
        cp = utf8text_decode(s, len, &pos);
    } while (cp >= 0 && !utf8text_is_word_char(cp) && cp != '"' && pos < len);
    return cp >= 0 && utf8text_is_upper(cp);
}

static void word_core(const char *s, size_t st, size_t e, buf_t *out);

/* English words that wait for what they single out or qualify: no cut
 * ends on one ("… are heightened, especially.", "… retail gain was
 * probably."); a "…" cut not on "none" either ("… was inspired by none…" of
 * "none other than"), which may end a whole sentence. */
static const char *const needs_more = " especially particularly prior including such due according rather regardless "
                                      "notably mainly largely probably possibly perhaps almost nearly ";

/* Cuts to fit at the best boundary and appends "…". */
static void cut_to_fit(buf_t *b, int max_words, int max_chars, const wordset_t *stop) {
    /* word boundaries: ends of space-separated words */
    size_t best = 0, best_clause = 0;
    size_t words = 0, chars = 0;
    size_t i = 0;
    size_t prev_start = 0, prev_end = 0;
    while (i < b->len) {
        while (i < b->len && b->data[i] == ' ') i++;
        size_t ws = i;
        while (i < b->len && b->data[i] != ' ') i++;
        size_t we = i;
        if (we == ws) break;
        words++;
        chars = shape_count_chars(b->data, we) + 1; /* + the "…" */
        if (words > (size_t)max_words || chars > (size_t)max_chars) break;
        /* may we cut after this word? not inside a name: this and the next
         * word both capitalized */
        size_t ns = we;
        while (ns < b->len && b->data[ns] == ' ') ns++;
        size_t ne = ns;
        while (ne < b->len && b->data[ne] != ' ') ne++;
        int name_continues = ne > ns && is_capital_word(b->data + ws, we - ws) &&
                             is_capital_word(b->data + ns, ne - ns) &&
                             strchr(",;:.", b->data[we - 1]) == NULL;
        /* not after a stopword ("of", "the") */
        size_t core_end = we;
        while (core_end > ws && strchr(",;:.", b->data[core_end - 1])) core_end--;
        buf_t w = BUF_INIT;
        utf8text_fold(b->data + ws, core_end - ws, &w);
        int weak_end = wordset_has(stop, w.data, w.len);
        /* nor on a word that waits for more, or a lone quote mark (" ' ") */
        if (!weak_end) {
            word_core(b->data, ws, we, &w);
            weak_end = !w.len || in_list(needs_more, &w) || core_is(&w, "none");
        }
        buf_free(&w);
        if (!name_continues && !weak_end) {
            best = we;
            char last = b->data[we - 1];
            if ((last == ',' || last == ';' || last == ':') ||
                (ne > ns && (strncmp(b->data + ns, "\xe2\x80\x93", 3) == 0)))
                best_clause = we;
        }
        prev_start = ws;
        prev_end = we;
    }
    (void)prev_start;
    (void)prev_end;
    size_t cut = best;
    if (best_clause && shape_count_words(b->data, best_clause) * 10 >= (size_t)max_words * 6)
        cut = best_clause;
    if (cut == 0) {
        /* a single enormous word: cut at a code point boundary */
        size_t pos = 0, n = 0;
        while (pos < b->len && n + 1 < (size_t)max_chars) {
            utf8text_decode(b->data, b->len, &pos);
            n++;
        }
        cut = pos;
    }
    b->len = cut;
    while (b->len && strchr(" ,;:-", b->data[b->len - 1])) b->len--;
    b->data[b->len] = '\0';
    buf_puts(b, "\xe2\x80\xa6");
}


/* ---------------------------------------------------------------- compression */
/* A word of b: [s, e) between spaces; core: without the punctuation and
 * quotes around it, folded to lower case. */
typedef struct {
    size_t s, e;
} span_t;

static size_t split_words(const buf_t *b, span_t **out) {
    size_t n = 0, cap = 0;
    span_t *w = NULL;
    size_t i = 0;
    while (i < b->len) {
        while (i < b->len && b->data[i] == ' ') i++;
        size_t st = i;
        while (i < b->len && b->data[i] != ' ') i++;
        if (i == st) break;
        if (n == cap) {
            cap = cap ? cap * 2 : 32;
            w = xrealloc(w, cap * sizeof *w);
        }
        w[n++] = (span_t){st, i};
    }
    *out = w;
    return n;
}

static int is_punct_byte(unsigned char c) { return c < 0x80 && !((c | 32) >= 'a' && (c | 32) <= 'z') && !(c >= '0' && c <= '9') && c != '-'; }

/* The word's letters without surrounding punctuation and quotes, folded. */
static void word_core(const char *s, size_t st, size_t e, buf_t *out) {
    buf_reset(out);
    for (;;) {
        if (st < e && is_punct_byte((unsigned char)s[st])) st++;
        else if (st + 3 <= e && (unsigned char)s[st] == 0xE2 && (unsigned char)s[st + 1] == 0x80) st += 3;
        else if (st + 2 <= e && (unsigned char)s[st] == 0xC2 && ((unsigned char)s[st + 1] == 0xAB || (unsigned char)s[st + 1] == 0xBB)) st += 2;
        else break;
    }
    for (;;) {
        if (e > st && is_punct_byte((unsigned char)s[e - 1])) e--;
        else if (e >= st + 3 && (unsigned char)s[e - 3] == 0xE2 && (unsigned char)s[e - 2] == 0x80) e -= 3;
        else if (e >= st + 2 && (unsigned char)s[e - 2] == 0xC2 && ((unsigned char)s[e - 1] == 0xAB || (unsigned char)s[e - 1] == 0xBB)) e -= 2;
        else break;
    }
    if (e > st) utf8text_fold(s + st, e - st, out);
}

static int core_in(const char *s, span_t w, const wordset_t *set, buf_t *tmp) {
    word_core(s, w.s, w.e, tmp);
    return tmp->len && wordset_has(set, tmp->data, tmp->len);
}

static int has_quote_char(const char *s, size_t from, size_t to) {
    for (size_t i = from; i < to; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"') return 1;
        if (c == '\'' && (i == from || s[i - 1] == ' ' || i + 1 == to || s[i + 1] == ' ')) return 1;
        if (c == 0xE2 && i + 2 < to && (unsigned char)s[i + 1] == 0x80 &&
            ((unsigned char)s[i + 2] >= 0x98 && (unsigned char)s[i + 2] <= 0x9F))
            return 1;
        if (c == 0xC2 && i + 1 < to && ((unsigned char)s[i + 1] == 0xAB || (unsigned char)s[i + 1] == 0xBB))
            return 1;
    }
    return 0;
}

static void capitalize_first(buf_t *b) {
    size_t pos = 0;
    while (pos < b->len && !((b->data[pos] | 32) >= 'a' && (b->data[pos] | 32) <= 'z') &&
           (unsigned char)b->data[pos] < 0x80 && !(b->data[pos] >= '0' && b->data[pos] <= '9'))
        pos++;
    if (pos < b->len && b->data[pos] >= 'a' && b->data[pos] <= 'z') b->data[pos] = (char)(b->data[pos] - 32);
}

/* A dash standing as a word: "-", "--", "–", "—". */
static int is_dash_word(const char *s, span_t w) {
    size_t n = w.e - w.s;
    return (n == 1 && s[w.s] == '-') || (n == 2 && !memcmp(s + w.s, "--", 2)) ||
           (n == 3 && (!memcmp(s + w.s, "\xe2\x80\x93", 3) || !memcmp(s + w.s, "\xe2\x80\x94", 3)));
}

static int ends_with_comma(const char *s, span_t w) { return w.e > w.s && s[w.e - 1] == ','; }

static int starts_lower(const char *s, span_t w) { return s[w.s] >= 'a' && s[w.s] <= 'z'; }

static int starts_upper(const char *s, span_t w) {
    size_t pos = w.s;
    int32_t cp = utf8text_decode(s, w.e, &pos);
    return cp >= 0 && utf8text_is_upper(cp);
}

static int is_small_number(const char *s, span_t w) {
    size_t e = w.e;
    if (e > w.s && s[e - 1] == ',') e--;
    if (e == w.s || e - w.s > 3) return 0;
    for (size_t i = w.s; i < e; i++)
        if (s[i] < '0' || s[i] > '9') return 0;
    return 1;
}

/* Does the clause s[0,len) stand alone: four words or more, a finite verb
 * (for the languages whose auxiliaries we know, an auxiliary, a speech
 * verb, or an English -ed / -s verb form), and no dangling last word
 * (a preposition, article or conjunction)? */
static int is_relative_word(const char *core) {
    /* most words fail on their first two bytes, without a call */
    if (!core || !((core[0] == 'w' && core[1] == 'h') || (core[0] == 't' && core[1] == 'h'))) return 0;
    return !strcmp(core, "who") || !strcmp(core, "which") || !strcmp(core, "whose") || !strcmp(core, "whom") ||
           !strcmp(core, "that") || !strcmp(core, "where");
}

/* Is the folded word an English irregular past ("took", "won", "fled")?
 * Words as often a noun or an adjective ("set", "hit", "cut", "saw") are
 * left out. */
static int is_irregular_past(const buf_t *core) {
    static const char *const past = " took made went came gave found began became brought bought thought knew "
                                    "grew threw drew flew drove wrote broke chose spoke stole woke rode rang "
                                    "sang sank swam ran won lost held led met paid sent spent kept left sold "
                                    "stood fell heard meant struck fought caught taught sought built dealt "
                                    "slept fled fed shot sat hid tore wore swore beat forgot overtook "
                                    "undertook withdrew understood shook arose froze stuck swung hung dug "
                                    "upheld withheld overcame underwent oversaw mistook ";
    return core->len >= 3 && in_list(past, core);
}

/* Is word w of s, folded, in list (" a b ")? */
static int word_is(const char *s, span_t w, const char *list) {
    buf_t core = BUF_INIT;
    word_core(s, w.s, w.e, &core);
    int in = in_list(list, &core);
    buf_free(&core);
    return in;
}

/* Is word i (core in *core) a verb? A finite or speech verb of the
 * language, or in English a lower-case "-ed" word, or an "-s" word after a
 * content word ("the council plans"), after "he" or "she" ("if he
 * completes"), or after "it" that opens a clause ("because it takes"; not
 * an object: "to give it powers"). */
static int is_verb_at(const shape_ctx_t *c, const char *s, const span_t *w, size_t n, size_t i, const buf_t *core) {
    if (!core->len) return 0;
    if (wordset_has(&c->finite, core->data, core->len) || wordset_has(&c->speech, core->data, core->len)) return 1;
    if (c->lang != LANG_EN || i == 0 || !starts_lower(s, w[i]) || core->len < 4) return 0;
    const char *t = core->data + core->len;
    if (t[-2] == 'e' && t[-1] == 'd') return 1;
    if (!ends_in_plain_s(core)) return 0;
    /* "all minute aspects of the lives of …": a plural noun, no verb (but
     * "consists of", "warns of") */
    static const char *const verbs_of = " consists thinks speaks dreams smells tastes warns approves hears learns "
                                        "knows complains boasts reminds accuses ";
    if (i + 1 < n && w[i + 1].e - w[i + 1].s == 2 && !memcmp(s + w[i + 1].s, "of", 2) && !in_list(verbs_of, core))
        return 0;
    buf_t prev = BUF_INIT;
    word_core(s, w[i - 1].s, w[i - 1].e, &prev);
    int verb = prev.len && !wordset_has(&c->stop, prev.data, prev.len) && !ends_with_comma(s, w[i - 1]);
    /* a subject pronoun; "it" only as a clause's subject ("saying that it
     * plans", "because it takes") */
    if (!verb && !ends_with_comma(s, w[i - 1]))
        verb = in_list(" he she ", &prev) ||
               (core_is(&prev, "it") &&
                (i == 1 || word_is(s, w[i - 2], " that because if unless when while as since although though and but so "
                                                "for where after before until once ")));
    buf_free(&prev);
    return verb;
}

/* Does the folded word of five letters or more end in the suffix ("-ly":
 * "fatally", not "fly", "ally"; "-ed": "cleared", not "bed")? */
static int ends_in(const buf_t *core, const char *suffix) {
    size_t n = strlen(suffix);
    return core->len > 4 && !memcmp(core->data + core->len - n, suffix, n);
}

/* "the", "a", "his": a word that opens a noun phrase. */
static int is_determiner_word(const buf_t *core) {
    return in_list(" the a an his her their its this that these those ", core);
}

/* Does s (its n words w) open with a subordinate clause (after "and",
 * "but" or "so": a word of c->clauses, "if", "by the time", "as soon as",
 * "even though" and the like, with to_opens also "to") whose
 * main clause never comes: no verb after the comma or dash that closes it
 * ("While the number will rise over that time, by almost three million.",
 * "After the match ended")? English. */
static int opening_lacks_main_clause(const shape_ctx_t *c, const char *s, const span_t *w, size_t n, int to_opens,
                                     buf_t *core) {
    if (!n) return 0;
    size_t first = 0;
    word_core(s, w[0].s, w[0].e, core);
    if ((core_is(core, "and") || core_is(core, "but") || core_is(core, "so")) && n > 1)
        word_core(s, w[first = 1].s, w[1].e, core);
    int opens = core->len && (wordset_has(&c->clauses, core->data, core->len) || core_is(core, "if") ||
                              (to_opens && core_is(core, "to")));
    /* "By the time he lobbed the keeper, …", "As soon as", "Even though" */
    if (!opens && first + 2 < n && (core_is(core, "by") || core_is(core, "as") || core_is(core, "so") ||
                                     core_is(core, "even") || core_is(core, "now"))) {
        static const char *const phrases[] = {"by the time", "as soon as", "as long as", "even though", "even if",
                                              "now that", "so long as"};
        buf_t three = BUF_INIT;
        for (size_t k = first; k < first + 3; k++) {
            word_core(s, w[k].s, w[k].e, core);
            if (k > first) buf_putc(&three, ' ');
            buf_append(&three, core->data ? core->data : "", core->len);
        }
        for (size_t k = 0; k < sizeof phrases / sizeof phrases[0] && !opens; k++) {
            size_t pl = strlen(phrases[k]);
            opens = three.len >= pl && !memcmp(three.data, phrases[k], pl) && (three.len == pl || three.data[pl] == ' ');
        }
        buf_free(&three);
    }
    if (!opens) return 0;
    /* a comma, or the dash that closes an aside ("While it was redone - the roof is new - the …") */
    size_t closes = n;
    for (size_t i = first + 1; i + 3 < n && closes == n; i++)
        if (ends_with_comma(s, w[i]) || (i > first + 2 && is_dash_word(s, w[i]))) closes = i;
    /* … and the main clause's verb after it; "…, it brought back memories
     * …": a common irregular past is the main clause's verb */
    for (size_t i = closes + 1; i < n; i++) {
        word_core(s, w[i].s, w[i].e, core);
        if (is_verb_at(c, s, w, n, i, core) || (starts_lower(s, w[i]) && is_irregular_past(core))) return 0;
    }
    return 1;
}

static int stands_alone(const shape_ctx_t *c, const char *s, size_t len) {
    buf_t b = {(char *)s, len, len + 1};
    span_t *w;
    size_t n = split_words(&b, &w);
    int ok = n >= 4;
    buf_t core = BUF_INIT;
    if (ok) {
        word_core(s, w[n - 1].s, w[n - 1].e, &core);
        /* "... in May." is no dangling "may" */
        if (core.len && !starts_upper(s, w[n - 1]) && wordset_has(&c->stop, core.data, core.len) &&
            !wordset_has(&c->ends_ok, core.data, core.len))
            ok = 0;
        /* "... are heightened, especially." waits for what it singles out */
        if (ok && c->lang == LANG_EN && in_list(needs_more, &core)) ok = 0;
    }
    /* "After the match ended" is not a sentence: a subordinate opening
     * needs its main clause after a comma */
    if (ok && c->lang == LANG_EN) {
        if (opening_lacks_main_clause(c, s, w, n, 0, &core)) ok = 0;
        /* "… skin cancer but the man." and "…, which not only celebrated their
         * friendship." wait for what they open: a clause after "but" needs a
         * verb, "not only" its "but" (or "also") */
        size_t last_but = 0, not_only = 0;
        for (size_t i = 1; i < n; i++) {
            if (!starts_lower(s, w[i])) continue;
            word_core(s, w[i].s, w[i].e, &core);
            if (core_is(&core, "but")) last_but = i, not_only = 0;
            else if (core_is(&core, "also")) not_only = 0; /* "not only X – it also …" */
            else if (i + 1 < n && core_is(&core, "not")) {
                word_core(s, w[i + 1].s, w[i + 1].e, &core);
                if (core_is(&core, "only")) not_only = i;
            }
        }
        if (not_only) ok = 0;
        if (ok && last_but && last_but + 1 < n) {
            int verb = 0;
            for (size_t i = last_but + 1; i < n && !verb; i++) {
                word_core(s, w[i].s, w[i].e, &core);
                verb = is_verb_at(c, s, w, n, i, &core);
            }
            /* "but left" is a verb without its subject: the clause's is before */
            if (!verb && starts_lower(s, w[last_but + 1])) {
                word_core(s, w[last_but + 1].s, w[last_but + 1].e, &core);
                ok = !(core.len && (wordset_has(&c->stop, core.data, core.len) || is_determiner_word(&core)));
            }
        }
        /* "... and, rather than prove him wrong" waits for its clause */
        for (size_t i = 1; i < n && ok; i++) {
            if (!ends_with_comma(s, w[i])) continue;
            word_core(s, w[i].s, w[i].e, &core);
            if (core_is(&core, "and") || core_is(&core, "but") || core_is(&core, "or")) ok = 0;
        }
    }
    if (ok && c->finite.count) {
        /* verbs of the main clause; those inside a relative clause ("a
         * woman who was hurt") count only when there are enough for both */
        int main_verb = 0, rel_verbs = 0, rel = 0;
        for (size_t i = 0; i < n && !main_verb; i++) {
            word_core(s, w[i].s, w[i].e, &core);
            if (!core.len) continue;
            if (i > 0 && strcmp(core.data, "where") && strcmp(core.data, "whom") && is_relative_word(core.data))
                rel = 1;
            /* an irregular past counts for the main clause only ("Hundreds
             * of fans took to Twitter." stands; "who was found dead" is no
             * second verb of its clause) */
            if (!rel && c->lang == LANG_EN && starts_lower(s, w[i]) && is_irregular_past(&core)) main_verb = 1;
            /* "A man who won $500 on a ticket fatally shot …": an "-ly"
             * adverb before a past ends the relative clause; the past is
             * the main clause's verb */
            if (rel && i > 2 && c->lang == LANG_EN && i + 1 < n && ends_in(&core, "ly") && starts_lower(s, w[i]) &&
                starts_lower(s, w[i + 1])) {
                word_core(s, w[i + 1].s, w[i + 1].e, &core);
                main_verb = is_irregular_past(&core) || ends_in(&core, "ed");
                continue; /* the adverb is no verb; the next word is read again */
            }
            if (!is_verb_at(c, s, w, n, i, &core)) continue;
            if (rel) rel_verbs++;
            else main_verb = 1;
        }
        ok = main_verb || rel_verbs >= 3;
        /* "a rise that the finance chair, Councillor Nwosu-Hale" ends
         * inside a relative clause that never got its verb */
        if (ok && c->lang == LANG_EN) {
            int open = 0;
            for (size_t i = 1; i < n; i++) {
                /* the core is needed only for a verb of an open clause or a
                 * lower-case word that may be a relative pronoun (w-, t-) */
                if (!open && !(s[w[i].s] == 'w' || s[w[i].s] == 't')) continue;
                word_core(s, w[i].s, w[i].e, &core);
                if (starts_lower(s, w[i]) && is_relative_word(core.data)) {
                    /* "who took", "which closed": a content word right after
                     * the pronoun is its verb; "that the chair" waits for one */
                    open = 1;
                    if (i + 1 < n && starts_lower(s, w[i + 1])) {
                        word_core(s, w[i + 1].s, w[i + 1].e, &core);
                        if (core.len && !wordset_has(&c->stop, core.data, core.len)) open = 0;
                        i++;
                        if (!open) continue;
                        if (is_verb_at(c, s, w, n, i, &core)) open = 0;
                    }
                } else if (open && is_verb_at(c, s, w, n, i, &core)) {
                    open = 0;
                }
            }
            ok = !open;
        }
    }
    buf_free(&core);
    free(w);
    return ok;
}

/* Do words 1..k of w hold a subject pronoun or a finite verb (English)? */
static int opening_has_clause(const shape_ctx_t *c, const char *s, const span_t *w, size_t k) {
    static const char *const subjects = " he she they we i it ";
    buf_t core = BUF_INIT;
    int hit = 0;
    char key[24];
    for (size_t i = 1; i <= k && !hit && c->lang == LANG_EN; i++) {
        word_core(s, w[i].s, w[i].e, &core);
        if (!core.len || !starts_lower(s, w[i])) continue;
        hit = wordset_has(&c->finite, core.data, core.len);
        if (!hit && core.len + 3 <= sizeof key) {
            space_key(key, sizeof key, core.data, core.len, 1);
            hit = strstr(subjects, key) != NULL;
        }
    }
    buf_free(&core);
    return hit;
}

/* "On Tuesday, police said ..." -> "Police said ...": a leading adverbial
 * or attribution ("According to X, ") of at most 8 words ending in a comma. */
static int drop_lead_adverbial(buf_t *b, const shape_ctx_t *c, size_t span) {
    span_t *w;
    size_t n = split_words(b, &w);
    buf_t core = BUF_INIT;
    int changed = 0;
    /* "And despite his recent wins, the Scot confirmed …": a conjunction
     * before the adverbial goes with it */
    size_t first = n >= 9 && c->lang == LANG_EN && core_in(b->data, w[0], &c->openers, &core) &&
                           (!strcmp(core.data, "and") || !strcmp(core.data, "but")) &&
                           core_in(b->data, w[1], &c->leads, &core)
                       ? 1
                       : 0;
    int lead = n >= 8 && core_in(b->data, w[first], &c->leads, &core);
    /* "Speaking to reporters, ..." */
    if (!lead && n >= 8 && c->lang == LANG_EN && core.len > 4 && !memcmp(core.data + core.len - 3, "ing", 3))
        lead = 1;
    if (lead) {
        size_t k = first;
        while (k < n && k < span && !ends_with_comma(b->data, w[k])) k++;
        /* "Heading into the weekend he is a very, very distant …": a
         * participle opening with a subject and a verb of its own is the
         * main clause, not an adverbial */
        if (k < span && k < n && !core_in(b->data, w[first], &c->leads, &core) && opening_has_clause(c, b->data, w, k))
            k = span;
        /* "Now Riddick Bowe, of Maryland, has …": what is left must not open
         * with a preposition or a verb (the subject was in the "adverbial") */
        if (k < span && k + 1 < n && starts_lower(b->data, w[k + 1]) &&
            (core_in(b->data, w[k + 1], &c->preps, &core) || core_in(b->data, w[k + 1], &c->finite, &core)))
            k = span;
        /* "When Emma Jackson, 28, moved into …": an age after the comma
         * belongs to the name before it */
        if (k < span && k + 1 < n && is_small_number(b->data, w[k + 1]) && ends_with_comma(b->data, w[k + 1]))
            k = span;
        if (k < span && k + 6 <= n && !has_quote_char(b->data, 0, w[k].e) &&
            !(starts_upper(b->data, w[k + 1]) && ends_with_comma(b->data, w[k + 1])) &&
            stands_alone(c, b->data + w[k + 1].s, b->len - w[k + 1].s)) {
            splice(b, 0, w[k + 1].s, "");
            capitalize_first(b);
            changed = 1;
        }
    }
    buf_free(&core);
    free(w);
    return changed;
}

/* "But Tory benefits chief Iain Duncan Smith questioned …" -> "Tory
 * benefits chief …": a point stands alone, the conjunction leans on the
 * sentence before. English "and", "but". */
static void drop_leading_conjunction(buf_t *b, const shape_ctx_t *c) {
    if (c->lang != LANG_EN || b->len < 30) return;
    size_t e = 0;
    while (e < b->len && b->data[e] != ' ') e++;
    if (e != 3 || (strncasecmp(b->data, "and", 3) && strncasecmp(b->data, "but", 3))) return;
    splice(b, 0, e + 1, "");
    capitalize_first(b);
}

/* "Leon Yeaman, 55, was ..." -> "Leon Yeaman was ...". */
static int drop_ages(buf_t *b) {
    int changed = 0;
    for (int again = 1; again;) {
        again = 0;
        span_t *w;
        size_t n = split_words(b, &w);
        for (size_t i = 0; i + 2 < n; i++) {
            if (!ends_with_comma(b->data, w[i]) || !starts_upper(b->data, w[i]) ||
                !is_small_number(b->data, w[i + 1]) || !ends_with_comma(b->data, w[i + 1]))
                continue;
            splice(b, w[i].e - 1, w[i + 1].e, "");
            changed = again = 1;
            break;
        }
        free(w);
    }
    return changed;
}

static int continues_list(const char *s, const span_t *w, size_t n, size_t i, buf_t *core);

/* Does the comma before word j end a relative clause, or only an item of a
 * list inside it ("Bristol, which has gone untouched for years comes with
 * the bathroom and kitchen, wood-panelled hallway and cupboards"; "Stan
 * Freberg, whose shows ran on TV, the radio and on records, has died")? A
 * list goes on after it ("…, Y and Z") unless a verb follows, the main
 * clause's ("Ada Frost, who retired in May, thanked the crew and …"); a
 * hyphenated "-ed" word ("wood-panelled") is no verb. */
static int ends_relative_clause(const shape_ctx_t *c, const char *s, const span_t *w, size_t n, size_t j,
                                buf_t *core) {
    if (!continues_list(s, w, n, j, core)) return 1;
    word_core(s, w[j].s, w[j].e, core);
    return is_verb_at(c, s, w, n, j, core) && !memchr(core->data, '-', core->len);
}

/* Does w[from, to) hold a finite verb or auxiliary of the language (a
 * lower-case word of c->finite: "were", "has", "will")? */
static int holds_finite_verb(const shape_ctx_t *c, const char *s, const span_t *w, size_t from, size_t to,
                             buf_t *core) {
    for (size_t k = from; k < to; k++)
        if (starts_lower(s, w[k]) && core_in(s, w[k], &c->finite, core)) return 1;
    return 0;
}

/* Does the tail s[from,n) go on after its speech verb with a clause of
 * its own (", says the light should stay": a lower-case auxiliary after
 * the verb)? Then the verb is the main clause's, not an attribution's (",
 * the council has said." ends on its verb). */
static int speech_takes_clause(const shape_ctx_t *c, const char *s, size_t from, size_t n) {
    buf_t tail = {(char *)s + from, n - from, n - from + 1};
    span_t *w;
    size_t nw = split_words(&tail, &w);
    buf_t core = BUF_INIT;
    size_t k = 0;
    while (k < nw && !core_in(tail.data, w[k], &c->speech, &core)) k++;
    int hit = k < nw && holds_finite_verb(c, tail.data, w, k + 1, nw, &core);
    buf_free(&core);
    free(w);
    return hit;
}

/* "Pama, a married father of three, was granted bail" -> "Pama was granted
 * bail"; the same for ", who ..., " after a name. */
static int drop_appositives(buf_t *b, const shape_ctx_t *c) {
    static const char *const openers = " a an the who whose which ";
    int changed = 0;
    buf_t core = BUF_INIT;
    for (int again = 1; again;) {
        again = 0;
        span_t *w;
        size_t n = split_words(b, &w);
        for (size_t i = 0; i + 3 < n && !again; i++) {
            if (!ends_with_comma(b->data, w[i])) continue;
            word_core(b->data, w[i + 1].s, w[i + 1].e, &core);
            if (!core.len || c->lang != LANG_EN) continue;
            /* a noun phrase in apposition only after a name; a relative
             * clause after any noun */
            int relative = !strcmp(core.data, "who") || !strcmp(core.data, "which") || !strcmp(core.data, "whose");
            if (!relative && !starts_upper(b->data, w[i])) continue;
            buf_putc(&core, ' ');
            char key[24];
            if (core.len + 2 > sizeof key) continue;
            space_key(key, sizeof key, core.data, core.len, 0);
            if (!strstr(openers, key)) continue;
            size_t j = i + 1;
            /* a relative clause may run long ("Stan Freberg, whose … and whose
             * … on TV, the radio and on records, has died": 24 words) */
            size_t span = relative ? 26 : 12;
            for (;;) {
                while (j < n && j <= i + span && !ends_with_comma(b->data, w[j]) &&
                       !strchr(".;:", b->data[w[j].e - 1]))
                    j++;
                /* a list's comma inside the relative clause: its end is further on */
                if (!relative || j + 1 >= n || j > i + span || !ends_with_comma(b->data, w[j]) ||
                    ends_relative_clause(c, b->data, w, n, j + 1, &core))
                    break;
                j++;
            }
            if (j >= n || j > i + span || !ends_with_comma(b->data, w[j]) || j + 1 >= n) continue;
            if (!starts_lower(b->data, w[j + 1])) continue;
            word_core(b->data, w[j + 1].s, w[j + 1].e, &core);
            if ((core.len == 3 && !memcmp(core.data, "and", 3)) || (core.len == 2 && !memcmp(core.data, "or", 2)) ||
                (core.len == 3 && !memcmp(core.data, "but", 3)))
                continue;
            /* "\"Twisted Hemp\", a documentary about the rope works, which
             * closed in 1998": the relative clause is about the apposition */
            if (is_relative_word(core.data)) continue;
            /* "on TV, the radio and on records, has died": a list's item, no apposition */
            if (!relative && continues_list(b->data, w, n, i + 1, &core)) continue;
            if (has_quote_char(b->data, w[i + 1].s, w[j].e)) continue;
            /* "From Friday to Monday, a total of 8,480 migrants were rescued,
             * according to …": a noun phrase with a finite verb of its own is
             * the main clause, no apposition */
            if (!relative && holds_finite_verb(c, b->data, w, i + 1, j + 1, &core)) continue;
            /* after an age the age keeps its closing comma: "Ada Frost, 54,
             * who …, has" -> "Ada Frost, 54, has", not "Ada Frost, 54 has" */
            int after_age = i > 0 && is_small_number(b->data, w[i]) && ends_with_comma(b->data, w[i - 1]);
            splice(b, after_age ? w[i].e : w[i].e - 1, w[j].e, "");
            changed = again = 1;
        }
        free(w);
    }
    buf_free(&core);
    return changed;
}

/* The closing quote a prefix of a quoted sentence needs, or "". */
static const char *missing_close_quote(const char *s, size_t len) {
    int curly_open = 0, straight = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == '"') straight++;
        if (ch == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80) {
            if ((unsigned char)s[i + 2] == 0x9C) curly_open++;
            if ((unsigned char)s[i + 2] == 0x9D && curly_open > 0) curly_open--;
        }
    }
    if (curly_open > 0) return "\xe2\x80\x9d";
    if (straight % 2) return "\"";
    if (len && (s[0] == '\'' || (len >= 3 && !memcmp(s, "\xe2\x80\x98", 3)))) {
        /* a single-quoted opening: closed by a quote before a space or the end */
        for (size_t i = 1; i < len; i++) {
            if (s[i] == '\'' && (i + 1 == len || s[i + 1] == ' ' || s[i + 1] == ',' || s[i + 1] == '.'))
                return "";
            if (i + 2 < len && !memcmp(s + i, "\xe2\x80\x99", 3) && (i + 3 == len || s[i + 3] == ' ' || s[i + 3] == ','))
                return "";
        }
        return s[0] == '\'' ? "'" : "\xe2\x80\x99";
    }
    return "";
}

/* Does s[0,len) end inside a quotation opened after its start? (A cut
 * there would break the quote; a quote opening the sentence is closed.) */
static int inside_inner_quote(const char *s, size_t len) {
    int curly = 0, straight = 0, single = 0;
    for (size_t i = 1; i < len; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == '"' && s[0] != '"') straight ^= 1;
        if (ch == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80) {
            unsigned char k = (unsigned char)s[i + 2];
            if (k == 0x9C) curly++;
            if (k == 0x9D && curly > 0) curly--;
            if (k == 0x98 && s[i - 1] == ' ') single = 1;
            if (k == 0x99 && (i + 3 >= len || s[i + 3] == ' ' || s[i + 3] == ',')) single = 0;
        }
        if (ch == '\'' && s[i - 1] == ' ' && i + 1 < len && s[i + 1] != ' ') single = 1;
        else if (ch == '\'' && s[i - 1] != ' ' && (i + 1 >= len || s[i + 1] == ' ' || s[i + 1] == ',' || s[i + 1] == '.'))
            single = 0;
    }
    return (curly > 0 && memcmp(s, "\xe2\x80\x9c", 3) != 0) || straight || single;
}

/* Ends b after word k (its trailing ",;:" dropped) with a full stop and the
 * closing quote it needs. */
static void end_after(buf_t *b, size_t end) {
    while (end > 0 && strchr(" ,;:-", b->data[end - 1])) end--;
    b->len = end;
    b->data[b->len] = '\0';
    const char *q = missing_close_quote(b->data, b->len);
    if (b->len && !strchr(".!?", b->data[b->len - 1])) buf_putc(b, '.');
    buf_puts(b, q);
}

/* Does word i (its folded core in core) open a condition, "if" or
 * "unless" ("only if" too)? Not "as if", "even if", "what if", nor "if" as
 * "whether" right after a word that asks, tells or doubts ("asked if",
 * "know if", "not clear if", "not sure if", a speech verb). English. */
static int condition_at(const shape_ctx_t *c, const char *s, const span_t *w, size_t i, buf_t *core) {
    if (c->lang != LANG_EN || !(core_is(core, "if") || core_is(core, "unless")) || !starts_lower(s, w[i])) return 0;
    if (i == 0 || core_is(core, "unless")) return 1;
    buf_t prev = BUF_INIT;
    word_core(s, w[i - 1].s, w[i - 1].e, &prev);
    int whether = in_list(" as even what asked ask asks asking wondered wonder wonders know knew see saw decide decided "
                          "unclear clear sure certain check checked tell told question doubt ", &prev) ||
                  wordset_has(&c->speech, prev.data, prev.len);
    buf_free(&prev);
    return !whether;
}

/* May the clause starting at word i go? A marker after a comma or a
 * semicolon (", which", ", as", "; ", ", saying"), a dash, or a subordinator
 * ("after", "following", "amid") even without a comma. */
static int clause_starts_at(const char *s, const span_t *w, size_t n, size_t i, const shape_ctx_t *c,
                            buf_t *core) {
    char prev_end = s[w[i - 1].e - 1];
    if (prev_end == ';') return 1;
    /* a dash, spaced hyphens too ("… someone else to envy - the cabin crew") */
    if (is_dash_word(s, w[i])) return 1;
    word_core(s, w[i].s, w[i].e, core);
    if (!core->len || !starts_lower(s, w[i])) return 0;
    /* "… able to remain in the Lords | if he was too frail …": a cut before
     * "if" drops the condition as surely, and more of the sentence with it
     * (drops_condition guards the conditions that must stay) */
    int condition = core_is(core, "if") && condition_at(c, s, w, i, core) && !word_is(s, w[i - 1], " only ");
    int marker = condition || wordset_has(&c->clauses, core->data, core->len);
    if (prev_end == ',') {
        if (marker) return 1;
        /* ", leaving ..." a participle */
        return c->lang == LANG_EN && core->len > 4 && !memcmp(core->data + core->len - 3, "ing", 3);
    }
    if (!marker || c->lang != LANG_EN) return 0;
    /* without a comma: subordinators only, and "as" not in "such as", "as well as" */
    static const char *const bare = " after following before amid despite because while although though whereas until as when ";
    char key[24];
    if (core->len + 3 > sizeof key) return 0;
    space_key(key, sizeof key, core->data, core->len, 1);
    if (!strstr(bare, key) && !condition) return 0;
    if (!strcmp(key, " after ") || !strcmp(key, " before ") || !strcmp(key, " until ")) {
        /* "days after", "shortly before": the time phrase belongs to the clause */
        static const char *const times = " days weeks months years hours minutes moments seconds decades shortly soon just long right ";
        buf_t prev = BUF_INIT;
        word_core(s, w[i - 1].s, w[i - 1].e, &prev);
        char pk[24] = "";
        if (prev.len + 3 <= sizeof pk) space_key(pk, sizeof pk, prev.data, prev.len, 1);
        int bad = prev.len && strstr(times, pk) != NULL;
        buf_free(&prev);
        return !bad;
    }
    if (!strcmp(key, " as ")) {
        buf_t prev = BUF_INIT, next = BUF_INIT;
        word_core(s, w[i - 1].s, w[i - 1].e, &prev);
        if (i + 1 < n) word_core(s, w[i + 1].s, w[i + 1].e, &next);
        static const char *const before_bad = " such well so same known as just twice much many long far soon ";
        static const char *const after_ok = " he she they it we police officials the a an his her their i ";
        char pk[24] = "", nk[24] = "";
        if (prev.len + 3 <= sizeof pk) space_key(pk, sizeof pk, prev.data, prev.len, 1);
        if (next.len + 3 <= sizeof nk) space_key(nk, sizeof nk, next.data, next.len, 1);
        int ok = !strstr(before_bad, pk) && next.len && strstr(after_ok, nk);
        buf_free(&prev);
        buf_free(&next);
        return ok;
    }
    return 1;
}

#define SHAPE_PHRASE_GAIN 4

/* "a gale expected to bring gusts", "is set to close": after a participle
 * or a verb that takes an infinitive, "to" starts what that word needs, so
 * no phrase ends before it ("moved the office to Leeds" may lose "to Leeds"). */
static int needed_complement(const char *s, const span_t *w, size_t i, const char *core, buf_t *tmp) {
    if (!core || strcmp(core, "to")) return 0;
    static const char *const takes_to = " set due likely unlikely able unable going trying plans plan wants want "
                                        "needs need has have had about ready willing expects hopes aims "
                                        "looks seeks tries refuses promises vows agrees appears seems "
                                        "look seek try refuse promise vow agree appear seem expect hope aim "
                                        /* adjectives that take "to": "allies anxious to understand" */
                                        "anxious eager keen reluctant poised quick free happy afraid bound "
                                        "eligible impatient desperate "
                                        /* nouns that take "to": "an outrageous attempt to get their man in" */
                                        "attempt attempts bid bids effort efforts "
                                        /* "when he comes to the town": the idiom and the place */
                                        "comes come came "
                                        /* passives that take "to": "is said to be", "was told to leave" */
                                        "said thought known understood told asked seen made ";
    word_core(s, w[i - 1].s, w[i - 1].e, tmp);
    if (!tmp->len || s[w[i - 1].e - 1] == ',') return 0;
    if (tmp->len > 3 && !memcmp(tmp->data + tmp->len - 2, "ed", 2)) return 1;
    char key[24];
    /* "if he was too frail to be brought before court" */
    if (i >= 2 && w[i - 2].e - w[i - 2].s == 3 && !strncasecmp(s + w[i - 2].s, "too", 3)) return 1;
    if (tmp->len + 3 > sizeof key) return 0;
    space_key(key, sizeof key, tmp->data, tmp->len, 1);
    return strstr(takes_to, key) != NULL;
}

/* Is word i the "by" or "with" of a passive ("was inspired by the
 * candidate", "was met with a barrage of abuse", "will be tasked with
 * deciding")? A be-verb, perhaps an adverb, and a participle before it:
 * the agent is what the passive says, so no phrase ends before it ("The
 * hairstyle was inspired." says nothing). */
static int passive_agent(const char *s, const span_t *w, size_t i, const char *core, buf_t *tmp) {
    if (!core || (strcmp(core, "by") && strcmp(core, "with")) || i < 2) return 0;
    if (strchr(",;:", s[w[i - 1].e - 1])) return 0;
    word_core(s, w[i - 1].s, w[i - 1].e, tmp);
    static const char *const irregular = " met left hit led shot caught taken given made held seen known driven "
                                         "beaten won struck bought brought run sold told written built sent "
                                         "overrun undone done paid ";
    int participle = ends_in(tmp, "ed") || in_list(irregular, tmp);
    if (!participle) return 0;
    for (size_t k = i - 1; k-- > 0 && k + 3 >= i;) {
        if (strchr(",;:", s[w[k].e - 1])) return 0;
        word_core(s, w[k].s, w[k].e, tmp);
        if (!tmp->len) return 0;
        if (in_list(" is are was were be been being ", tmp)) return 1;
        /* "was quickly met with": one adverb between */
        if (tmp->len < 4 || memcmp(tmp->data + tmp->len - 2, "ly", 2)) return 0;
    }
    return 0;
}

/* Does the text end on a participle that modifies a noun ("a speech
 * made", "new rules designed")? That participle wanted what followed it;
 * after an auxiliary ("was closed") it is the verb and may end. */
static int ends_on_bare_participle(const char *s, const span_t *w, size_t i, buf_t *tmp) {
    if (i < 2 || s[w[i - 1].e - 1] == ',') return 0;
    word_core(s, w[i - 1].s, w[i - 1].e, tmp);
    int participle = ends_in(tmp, "ed") ||
                     in_list(" made held built set ", tmp);
    if (!participle) return 0;
    static const char *const aux = " is are was were be been being has have had get gets got and or but ";
    /* an adverb between ("was also arrested", "the event also attended")
     * says nothing: the word before it decides */
    static const char *const adverbs = " not never also already just now still then ";
    size_t k = i - 2;
    int adverb;
    for (;;) {
        word_core(s, w[k].s, w[k].e, tmp);
        if (!tmp->len || s[w[k].e - 1] == ',') return 0;
        adverb = in_list(adverbs, tmp);
        if (!adverb || k == 0) break;
        k--;
    }
    if (adverb) return 0;
    return !in_list(aux, tmp) && s[w[k].s] >= 'a' && s[w[k].s] <= 'z';
}

/* Does the word before word i need the phrase that follows it? "worth"
 * its sum ("… likely to be worth."), a passive that says with what or by
 * whom ("was met with a barrage of abuse", "was left with a hole", "be
 * tasked with deciding", "was inspired by"): ending there leaves a verb
 * without what it needs ("… but was met."). English. */
static int needs_its_phrase(const shape_ctx_t *c, const char *s, const span_t *w, size_t i, buf_t *tmp) {
    if (c->lang != LANG_EN || i < 2 || strchr(",;:", s[w[i - 1].e - 1])) return 0;
    static const char *const always = " worth ";
    static const char *const passives = " met left tasked inspired marked faced charged ";
    static const char *const aux = " is are was were be been being get gets got ";
    word_core(s, w[i - 1].s, w[i - 1].e, tmp);
    if (in_list(always, tmp)) return 1;
    if (!in_list(passives, tmp)) return 0;
    word_core(s, w[i - 2].s, w[i - 2].e, tmp);
    return in_list(aux, tmp);
}

/* Is the comma before word i one of a list ("at the depot, the sports hall
 * car park and the recycling centre")? Cutting there leaves a list short of
 * its items: an "and" or "or" within the next few words says so. */
static int continues_list(const char *s, const span_t *w, size_t n, size_t i, buf_t *core) {
    for (size_t k = i; k < n && k < i + 7; k++) {
        word_core(s, w[k].s, w[k].e, core);
        if (core->len && (!strcmp(core->data, "and") || !strcmp(core->data, "or"))) return 1;
        if (strchr(",.;:", s[w[k].e - 1])) return 0;
    }
    return 0;
}

/* Is word i the "and" or "or" that closes a list ("the depot, the car park
 * and the recycling centre")? A comma shortly before it says so. */
static int closes_list(const char *s, const span_t *w, size_t i, buf_t *core) {
    if (strcmp(core->data, "and") && strcmp(core->data, "or")) return 0;
    if (s[w[i - 1].e - 1] == ',') return 0; /* ", and" joins clauses */
    for (size_t k = i - 1; k > 0 && k + 7 > i; k--) {
        if (s[w[k - 1].e - 1] == ',') return 1;
        if (strchr(".;:", s[w[k - 1].e - 1])) return 0;
    }
    return 0;
}

/* Does the "so" at word k open a clause ("… began early so those outside
 * the US got a message")? A subject follows it, a determiner or a
 * pronoun, before the cut at i; "so cold", "so far" are adverbs. */
static int so_opens_clause(const char *s, const span_t *w, size_t k, size_t i, buf_t *tmp) {
    if (k + 1 >= i || !starts_lower(s, w[k + 1])) return 0;
    word_core(s, w[k + 1].s, w[k + 1].e, tmp);
    return in_list(" the a an those these this he she they we it his her their its our ", tmp);
}

/* Would a cut before word i leave a subordinate clause opened but with no
 * verb of its own ("… will return to the bottom three if QPR.", "… when on
 * a sodden night.", "… said Friday that the presence of a pesticide at the
 * rented villa.": "that" after a speech verb opens one)? An "-ed" word
 * after a determiner ("the rented villa") is no verb. English only. */
static int leaves_open_clause(const shape_ctx_t *c, const char *s, const span_t *w, size_t i, buf_t *tmp) {
    if (c->lang != LANG_EN) return 0;
    static const char *const subs = " when if whether because although though unless who whom which whose where ";
    char key[24];
    for (size_t k = i; k-- > 1;) {
        word_core(s, w[k].s, w[k].e, tmp);
        if (!tmp->len || tmp->len + 3 > sizeof key || !starts_lower(s, w[k])) continue;
        space_key(key, sizeof key, tmp->data, tmp->len, 1);
        int that = 0;
        if (!strcmp(key, " that ")) {
            /* "said Friday that the presence of a pesticide …": the clause of a
             * speech verb, perhaps with a day or time between */
            size_t p = k - 1;
            if (p > 0 && starts_upper(s, w[p])) p--;
            that = core_in(s, w[p], &c->speech, tmp);
        }
        if (!that && !strstr(subs, key) && !(strcmp(key, " so ") == 0 && so_opens_clause(s, w, k, i, tmp))) continue;
        for (size_t v = k + 1; v < i; v++) {
            word_core(s, w[v].s, w[v].e, tmp);
            if (!is_verb_at(c, s, w, i + 1, v, tmp)) continue;
            /* "the rented villa": an "-ed" word after a determiner is no verb */
            int participle = tmp->data[tmp->len - 1] == 'd' && !wordset_has(&c->finite, tmp->data, tmp->len);
            if (participle && v > k + 1) {
                word_core(s, w[v - 1].s, w[v - 1].e, tmp);
                if (is_determiner_word(tmp)) continue;
            }
            return 0;
        }
        return 1;
    }
    return 0;
}

/* Would a cut before word i leave a verb without what it needs? English:
 * a gerund after a preposition ("angered the coach for writing.") lost its
 * object; a speech verb whose clause has its subject but not yet its verb
 * ("who claimed the planned levy." of "… claimed the planned levy on grain
 * would protect prices") lost the clause. */
static int cuts_verb_object(const shape_ctx_t *c, const char *s, const span_t *w, size_t n, size_t i, buf_t *tmp) {
    if (c->lang != LANG_EN || i < 2) return 0;
    word_core(s, w[i - 1].s, w[i - 1].e, tmp);
    if (tmp->len > 5 && !memcmp(tmp->data + tmp->len - 3, "ing", 3) && starts_lower(s, w[i - 1]) &&
        !strchr(",;:", s[w[i - 1].e - 1]) && core_in(s, w[i - 2], &c->preps, tmp)) {
        /* "their love for running and …": before a conjunction it is whole */
        word_core(s, w[i].s, w[i].e, tmp);
        if (strcmp(tmp->data ? tmp->data : "", "and") && strcmp(tmp->data ? tmp->data : "", "or") &&
            strcmp(tmp->data ? tmp->data : "", "but"))
            return 1;
    }
    /* the last speech verb (or one that takes a clause: "revealed",
     * "believes") before the cut, with no verb after it yet */
    static const char *const clause_verbs = " revealed reveals believe believes believed fears feared hopes hoped "
                                            "argued argues suggested suggests knew learned learnt realised realized ";
    char key[24];
    size_t k = i;
    while (k-- > 0) {
        word_core(s, w[k].s, w[k].e, tmp);
        if (strchr(",;:", s[w[k].e - 1]) && k + 1 < i) return 0;
        int says = wordset_has(&c->speech, tmp->data, tmp->len);
        if (!says && tmp->len && tmp->len + 3 <= sizeof key) {
            space_key(key, sizeof key, tmp->data, tmp->len, 1);
            says = strstr(clause_verbs, key) != NULL;
        }
        if (k + 1 < i && !says && is_verb_at(c, s, w, n, k, tmp) &&
            !(tmp->data[tmp->len - 1] == 'd' && k > 0 && core_in(s, w[k - 1], &c->stop, tmp)))
            return 0; /* a verb of the clause ("the planned levy": "planned" is none) */
        if (says && starts_lower(s, w[k])) break;
    }
    if (k == (size_t)-1 || k + 2 >= i) return 0;
    /* … and a verb of its clause after the cut, before the next comma */
    for (size_t v = i; v < n; v++) {
        word_core(s, w[v].s, w[v].e, tmp);
        if (tmp->len && starts_lower(s, w[v]) && wordset_has(&c->finite, tmp->data, tmp->len)) return 1;
        if (strchr(",;:.", s[w[v].e - 1])) return 0;
    }
    return 0;
}

/* "34", "1,500": a folded word of digits (and thousands' commas). */
static int is_numeral(const buf_t *core) {
    if (!core->len || core->data[0] < '0' || core->data[0] > '9') return 0;
    for (size_t i = 0; i < core->len; i++)
        if (!((core->data[i] >= '0' && core->data[i] <= '9') || core->data[i] == ',')) return 0;
    return 1;
}

/* "five", "10", "250": a number word or a numeral of at most three digits. */
static int is_small_count(const buf_t *core) {
    return (is_numeral(core) && core->len <= 3) || in_list(" one two three four five six seven eight nine ten ", core);
}

/* Does the "of" phrase at word i belong to the noun before it, so that a
 * cut there leaves half a noun phrase ("… in a range.", "… at the start.",
 * "… in the region." of "in the region of £100,000")? English: a noun
 * headed by a determiner within three words, a plural noun ("items of
 * clothing"), a number or quantifier ("34 of which", "many of"), or a
 * fixed phrase that ends in "of" ("as part of", "in front of", "ahead
 * of"). A word without one may end the point ("two points clear of the
 * drop zone": "… clear."). The "in" of "one in five" binds its counts. */
static int binds_to_noun(const shape_ctx_t *c, const char *s, const span_t *w, size_t n, size_t i, const char *core,
                         buf_t *tmp) {
    if (c->lang != LANG_EN || !core) return 0;
    if (!strcmp(core, "in") && i > 0 && i + 1 < n) {
        /* "one in five", "one in 10": a count's "in" before another
         * count (not a year: "up 1% in 2004") */
        word_core(s, w[i + 1].s, w[i + 1].e, tmp);
        if (!is_small_count(tmp)) return 0;
        word_core(s, w[i - 1].s, w[i - 1].e, tmp);
        return is_small_count(tmp);
    }
    if (strcmp(core, "of")) return 0;
    static const char *const fixed = " part front ahead out because instead regardless ";
    static const char *const determiners = " a an the any some this that these those his her its their our "
                                           "my your every each no ";
    static const char *const quantifiers = " dozens hundreds thousands millions many most some several few all none "
                                           "both each half ";
    for (size_t k = i; k-- > 0 && k + 3 >= i;) {
        if (k + 1 < i && strchr(",;:.", s[w[k].e - 1])) return 0;
        word_core(s, w[k].s, w[k].e, tmp);
        if (!tmp->len) return 0;
        if (k + 1 == i && in_list(fixed, tmp)) return 1;
        /* "…, 34 of which showed …", "one of the", "many of": a number or
         * quantifier keeps what it counts */
        if (k + 1 == i && (is_numeral(tmp) || is_small_count(tmp) || in_list(quantifiers, tmp))) return 1;
        /* "warning jihadis about items of clothing", "set aside thoughts of
         * it": a plural noun before "of" (is_verb_at reads it so too) */
        if (k + 1 == i && ends_in_plain_s(tmp) && starts_lower(s, w[k])) return 1;
        if (k + 1 < i && in_list(determiners, tmp)) return 1;
    }
    return 0;
}

/* Is w "who", "which" or "whose" (a relative clause that may go whole)? */
static int relative_at(const char *s, span_t w, buf_t *core) {
    word_core(s, w.s, w.e, core);
    return core->len && (!strcmp(core->data, "who") || !strcmp(core->data, "which") || !strcmp(core->data, "whose"));
}

/* Does the comma before word i close an aside that opened right after a
 * relative word ("a machine that, all of a sudden, | looks dated")? A cut
 * there leaves the relative clause with no verb ("… a machine that, all of
 * a sudden."). */
static int ends_aside_in_relative(const char *s, const span_t *w, size_t i, buf_t *tmp) {
    for (size_t k = i - 1; k-- > 0 && k + 8 >= i;) {
        if (!ends_with_comma(s, w[k])) continue;
        word_core(s, w[k].s, w[k].e, tmp);
        return starts_lower(s, w[k]) && is_relative_word(tmp->data);
    }
    return 0;
}

/* Would a cut before word i end the point on a word that waits for its
 * pair? English: a comparison opened by "as" two words back ("looks as
 * outdated | as a rotary phone") and an adjective that takes "with" ("is
 * up for sale complete | with its original fittings"): "… as outdated."
 * and "… for sale complete." dangle. */
static int leaves_dangling_pair(const shape_ctx_t *c, const char *s, const span_t *w, size_t i, buf_t *word,
                                buf_t *tmp) {
    if (c->lang != LANG_EN || i < 2 || strchr(",;:", s[w[i - 1].e - 1])) return 0;
    word_core(s, w[i].s, w[i].e, word);
    const char *core = word->data ? word->data : "";
    if (!strcmp(core, "as")) {
        word_core(s, w[i - 2].s, w[i - 2].e, tmp);
        return tmp->len == 2 && !memcmp(tmp->data, "as", 2);
    }
    if (strcmp(core, "with")) return 0;
    word_core(s, w[i - 1].s, w[i - 1].e, tmp);
    return in_list(" complete replete ", tmp);
}

/* Is word i, after a comma, the main clause's verb, so that everything
 * before the comma is its subject ("The manner in which they won, coupled
 * with …, | is unlikely to …", "The picture, captured by a photographer as
 * the volcano spews ash, | reveals the …")? English: a lower-case
 * auxiliary; a plain "-s" verb with its object or clause after it (",
 * reveals the", ", believes that"; not a plural noun: ", officials said",
 * ", schemes."); a speech verb whose clause has its own verb before the
 * next comma (", says the light should stay"; not the attribution ", says
 * the ONS."). */
static int verb_after_comma(const shape_ctx_t *c, const char *s, const span_t *w, size_t n, size_t i, buf_t *tmp) {
    static const char *const objects = " the a an that his her their its to it he she they this these those ";
    if (c->lang != LANG_EN || i == 0 || i >= n || !ends_with_comma(s, w[i - 1]) || !starts_lower(s, w[i])) return 0;
    word_core(s, w[i].s, w[i].e, tmp);
    if (!tmp->len || wordset_has(&c->clauses, tmp->data, tmp->len)) return 0;
    if (wordset_has(&c->finite, tmp->data, tmp->len)) return 1;
    if (wordset_has(&c->speech, tmp->data, tmp->len)) {
        size_t end = i + 1; /* its clause: up to the next comma */
        while (end < n && !strchr(",;:", s[w[end - 1].e - 1])) end++;
        return holds_finite_verb(c, s, w, i + 1, end, tmp);
    }
    if (!ends_in_plain_s(tmp) || i + 1 >= n || !starts_lower(s, w[i + 1])) return 0;
    word_core(s, w[i + 1].s, w[i + 1].e, tmp);
    return in_list(objects, tmp);
}

/* Does a time phrase start at word i ("this summer", "next season", "last
 * Tuesday")? Like "on Tuesday", it may end a point's sentence. English. */
static int time_phrase_at(const shape_ctx_t *c, const char *s, const span_t *w, size_t n, size_t i, buf_t *tmp) {
    char first = s[w[i].s];
    if (c->lang != LANG_EN || i < 1 || i + 1 >= n || (first != 't' && first != 'n' && first != 'l')) return 0;
    word_core(s, w[i].s, w[i].e, tmp);
    if (!in_list(" this next last ", tmp)) return 0;
    /* the phrase is part of the word before: "later this week", "until
     * next summer", "his last season", "will last this winter" */
    word_core(s, w[i - 1].s, w[i - 1].e, tmp);
    if (is_determiner_word(tmp) || in_list(" earlier later until since by from for during over within last lasts lasted ", tmp))
        return 0;
    word_core(s, w[i + 1].s, w[i + 1].e, tmp);
    return in_list(" summer winter spring autumn season week weekend month year night morning evening afternoon "
                   "monday tuesday wednesday thursday friday saturday sunday ", tmp);
}

/* Would a cut before word i drop the condition a definite future depends
 * on ("Watford will be promoted | if they win", "will join the club | on
 * loan next season if he signs", "will be promoted on Saturday, | if …")?
 * English: an "if" or "unless" among the dropped words up to their first
 * comma or just after it, and "will", "shall", "won't" or "'ll" in the
 * kept clause (back to its comma; "the will", "political will" are
 * nouns). A hedged clause ("would", "could") may lose its condition. */
static int drops_condition(const shape_ctx_t *c, const char *s, const span_t *w, size_t n, size_t i, buf_t *tmp) {
    if (c->lang != LANG_EN) return 0;
    int cond = 0;
    for (size_t k = i; k < n && !cond; k++) {
        if (k > i && is_dash_word(s, w[k])) break;
        word_core(s, w[k].s, w[k].e, tmp);
        cond = condition_at(c, s, w, k, tmp);
        if (ends_with_comma(s, w[k]) || s[w[k].e - 1] == ';') {
            if (!cond && k + 1 < n) {
                word_core(s, w[k + 1].s, w[k + 1].e, tmp);
                cond = condition_at(c, s, w, k + 1, tmp);
            }
            break;
        }
    }
    if (!cond) return 0;
    /* the kept clause; the comma of a cut before ", if" is its own end */
    for (size_t k = i; k-- > 0;) {
        if (k + 1 < i && (ends_with_comma(s, w[k]) || s[w[k].e - 1] == ';')) break;
        if (is_dash_word(s, w[k])) break;
        if (!starts_lower(s, w[k])) continue;
        word_core(s, w[k].s, w[k].e, tmp);
        if (tmp->len > 3 && !memcmp(tmp->data + tmp->len - 3, "'ll", 3)) return 1; /* "they'll" */
        if (!in_list(" will shall won't ", tmp)) continue;
        if (k == 0) return 1;
        word_core(s, w[k - 1].s, w[k - 1].e, tmp);
        if (!is_determiner_word(tmp) && !in_list(" political free good ill own ", tmp)) return 1;
    }
    return 0;
}

/* Drops the trailing clause that leaves the longest sentence that fits and
 * stands alone. Sets *subject_only when that cut is the comma before the
 * main verb (verb_after_comma): what is left is a subject without its
 * verb, and every shorter cut would be too. */
static int cut_trailing_clause(buf_t *b, const shape_ctx_t *c, int max_words, int max_chars, int *subject_only) {
    span_t *w;
    size_t n = split_words(b, &w);
    buf_t core = BUF_INIT, tmp = BUF_INIT;
    size_t best = 0, best_phrase = 0, best_i = 0, best_phrase_i = 0;
    /* most sentences hold no "if": drops_condition only runs when one does */
    int conditions = 0;
    for (size_t i = 4; i < n && !conditions && c->lang == LANG_EN; i++) {
        size_t l = w[i].e - w[i].s;
        const char *t = b->data + w[i].s;
        conditions = (l >= 2 && !strncmp(t, "if", 2)) || (l >= 6 && !strncmp(t, "unless", 6));
    }
    for (size_t i = 4; i < n; i++) {
        if (i > (size_t)max_words) break;
        if (shape_count_chars(b->data, w[i - 1].e) + 2 > (size_t)max_chars) break;
        int clause = clause_starts_at(b->data, w, n, i, c, &core);
        /* else a trailing phrase: before a preposition or conjunction */
        int phrase = !clause && ((core_in(b->data, w[i], &c->preps, &core) && starts_lower(b->data, w[i]) &&
                                  !binds_to_noun(c, b->data, w, n, i, core.data, &tmp) && !closes_list(b->data, w, i, &core) &&
                                  !needed_complement(b->data, w, i, core.data, &tmp) &&
                                  !passive_agent(b->data, w, i, core.data, &tmp) &&
                                  !ends_on_bare_participle(b->data, w, i, &tmp) && !needs_its_phrase(c, b->data, w, i, &tmp) &&
                                  !leaves_open_clause(c, b->data, w, i, &tmp) &&
                                  !cuts_verb_object(c, b->data, w, n, i, &tmp)) ||
                                 (ends_with_comma(b->data, w[i - 1]) && !continues_list(b->data, w, n, i, &core) &&
                                  !ends_aside_in_relative(b->data, w, i, &tmp) && !leaves_open_clause(c, b->data, w, i, &tmp)) ||
                                 /* "… a move to Leeds | this summer." */
                                 (time_phrase_at(c, b->data, w, n, i, &tmp) && !leaves_open_clause(c, b->data, w, i, &tmp)) ||
                                 /* "… backed the minister who claimed …": a relative clause goes whole */
                                 (starts_lower(b->data, w[i]) && relative_at(b->data, w[i], &core)));
        if (!clause && !phrase) continue;
        if (conditions && drops_condition(c, b->data, w, n, i, &tmp)) continue;
        if (leaves_dangling_pair(c, b->data, w, i, &core, &tmp)) continue;
        size_t end = w[i - 1].e;
        while (end > 0 && strchr(" ,;:-", b->data[end - 1])) end--;
        if (!stands_alone(c, b->data, end) || inside_inner_quote(b->data, end)) continue;
        if (clause) best = end, best_i = i;
        else best_phrase = end, best_phrase_i = i;
    }
    /* a clause boundary is the better cut, unless a phrase boundary keeps
     * clearly more of the sentence */
    size_t cut_i = best_i;
    if (!best || (best_phrase && best_phrase_i >= best_i + SHAPE_PHRASE_GAIN)) best = best_phrase, cut_i = best_phrase_i;
    if (best && verb_after_comma(c, b->data, w, n, cut_i, &tmp)) *subject_only = 1;
    buf_free(&core);
    buf_free(&tmp);
    free(w);
    if (!best) return 0;
    end_after(b, best);
    return 1;
}

size_t shape_split_clauses(const shape_ctx_t *c, const char *s, size_t len, int max_words, size_t *tail) {
    *tail = 0;
    if (c->lang != LANG_EN || shape_count_words(s, len) <= (size_t)max_words) return 0;
    buf_t b = {(char *)s, len, len + 1};
    span_t *w;
    size_t n = split_words(&b, &w);
    buf_t core = BUF_INIT;
    size_t head_end = 0;
    static const char *const subjects = " the a an his her their its some many most all both police officials ";
    char key[24];
    for (size_t i = 6; i + 6 < n && !head_end; i++) {
        char last = s[w[i - 1].e - 1];
        size_t t = i;
        if (last == ',') {
            word_core(s, w[i].s, w[i].e, &core);
            if (!starts_lower(s, w[i]) || (strcmp(core.data, "and") && strcmp(core.data, "but"))) continue;
            /* ", and" after another comma close by ends a list ("Pakistani, Bangladeshi, and …") */
            int list = 0;
            for (size_t k = i - 1; k-- > 0 && k + 10 >= i && !list;) list = s[w[k].e - 1] == ',';
            if (list && core.data[0] == 'a') continue;
            t = i + 1;
        } else if (last != ';') {
            continue;
        }
        if (has_quote_char(s, 0, w[i - 1].e) && inside_inner_quote(s, w[i - 1].e)) continue;
        word_core(s, w[t].s, w[t].e, &core);
        if (!core.len || wordset_has(&c->openers, core.data, core.len)) continue;
        int subject = (starts_upper(s, w[t]) && !wordset_has(&c->stop, core.data, core.len)) ||
                      (s[w[t].s] >= '0' && s[w[t].s] <= '9');
        if (!subject && core.len + 3 <= sizeof key && starts_lower(s, w[t])) {
            space_key(key, sizeof key, core.data, core.len, 1);
            subject = strstr(subjects, key) != NULL;
        }
        if (!subject || n - t < 6) continue;
        size_t end = w[i - 1].e - 1; /* before the comma or semicolon */
        if (!stands_alone(c, s, end) || !stands_alone(c, s + w[t].s, len - w[t].s)) continue;
        head_end = end;
        *tail = w[t].s;
    }
    buf_free(&core);
    free(w);
    return head_end;
}

void shape_ctx_init(shape_ctx_t *c, lang_id_t lang) {
    /* the sets are the language's shared ones (lang_sets): borrowed, read-only */
    const lang_sets_t *ls = lang_sets(lang);
    c->lang = lang;
    c->openers = ls->openers;
    c->speech = ls->speech;
    c->stop = ls->stop;
    c->leads = ls->leads;
    c->clauses = ls->clauses;
    c->finite = ls->finite;
    c->ends_ok = ls->ends_ok;
    c->preps = ls->preps;
}

void shape_ctx_free(shape_ctx_t *c) { memset(c, 0, sizeof *c); }

/* Half a quotation keeps its marks whole: an open quote is closed at the
 * end, a quote closing what opened before the sentence is opened at the
 * start ("It was the best day,' she wrote." -> "'It was …"). */
static void balance_quotes(buf_t *b) {
    int half = noise_half_quote(b->data, b->len);
    if (half == NOISE_QUOTE_OPEN) {
        const char *q = missing_close_quote(b->data, b->len);
        if (!*q) q = strstr(b->data, "\xe2\x80\x98") ? "\xe2\x80\x99" : "'";
        buf_puts(b, q);
    } else if (half == NOISE_QUOTE_CLOSE) {
        const char *q = "'";
        for (size_t i = 0; i + 2 < b->len; i++)
            if (i > 0 && strchr(",.!?", b->data[i - 1]) && (unsigned char)b->data[i] == 0xE2 &&
                (unsigned char)b->data[i + 1] == 0x80 &&
                ((unsigned char)b->data[i + 2] == 0x9D || (unsigned char)b->data[i + 2] == 0x99)) {
                q = (unsigned char)b->data[i + 2] == 0x9D ? "\xe2\x80\x9c" : "\xe2\x80\x98";
                break;
            } else if (b->data[i] == '\'' && i > 0 && strchr(",.!?", b->data[i - 1])) {
                break;
            }
        splice(b, 0, 0, q);
    }
}

/* Does b open with a subordinator ("While", "When", "If", "After")? */
static int opens_subordinate(const shape_ctx_t *c, const buf_t *b) {
    size_t e = 0;
    while (e < b->len && b->data[e] != ' ') e++;
    buf_t core = BUF_INIT;
    word_core(b->data, 0, e, &core);
    int hit = core.len && (wordset_has(&c->clauses, core.data, core.len) || !strcmp(core.data, "if"));
    buf_free(&core);
    return hit;
}

/* One space between words: a dropped aside ("Abase Hussen – who blamed
 * police – conceded") leaves two. */
static void squeeze_spaces(buf_t *b) {
    size_t o = 0;
    for (size_t i = 0; i < b->len; i++)
        if (!(b->data[i] == ' ' && (o == 0 || b->data[o - 1] == ' '))) b->data[o++] = b->data[i];
    while (o && b->data[o - 1] == ' ') o--;
    b->len = o;
    if (b->data) b->data[o] = '\0';
}

/* A point is a sentence: one that ended without its full stop (a caption
 * run into the lead, a line without punctuation) gets one. */
static void end_with_stop(buf_t *b) {
    if (!b->len) return;
    unsigned char last = (unsigned char)b->data[b->len - 1];
    if ((last >= 'a' && last <= 'z') || (last >= 'A' && last <= 'Z') || (last >= '0' && last <= '9')) buf_putc(b, '.');
}

char *shape_point_ctx(const shape_ctx_t *c, const char *s, size_t len, int max_words, int max_chars) {
    if (max_words < 3) max_words = 3;
    if (max_chars < 16) max_chars = 16;
    /* the length a sub-editor aims at; the limits are the hard stop */
    int soft_words = max_words * 4 / 5, soft_chars = max_chars * 4 / 5;
    size_t skip = noise_lead_skip(s, len);
    buf_t b = BUF_INIT;
    buf_append(&b, s + skip, len - skip);
    /* newlines of a joined hard wrap are spaces on screen */
    for (size_t i = 0; i < b.len; i++)
        if (b.data[i] == '\n') b.data[i] = ' ';
    repair(&b);
    drop_leading_connective(&b, &c->openers);
    if (!fits(&b, soft_words, soft_chars)) drop_attribution_tail(&b, c);
    if (!fits(&b, soft_words, soft_chars)) drop_parentheticals(&b, opens_subordinate(c, &b));
    if (!fits(&b, soft_words, soft_chars)) drop_appositives(&b, c);
    if (!fits(&b, soft_words, soft_chars)) drop_lead_adverbial(&b, c, 8);
    if (!fits(&b, soft_words, soft_chars)) drop_leading_conjunction(&b, c);
    int subject_only = 0;
    if (!fits(&b, max_words, max_chars)) cut_trailing_clause(&b, c, max_words, max_chars, &subject_only);
    /* "After the forward posted a video of himself in Paris, his manager
     * said ...": a long opening clause goes before the sentence is cut */
    if (!fits(&b, max_words, max_chars) && drop_lead_adverbial(&b, c, 18) && !fits(&b, max_words, max_chars))
        cut_trailing_clause(&b, c, max_words, max_chars, &subject_only);
    if (!fits(&b, max_words, max_chars) && drop_ages(&b) && !fits(&b, max_words, max_chars))
        cut_trailing_clause(&b, c, max_words, max_chars, &subject_only);
    if (!fits(&b, max_words, max_chars)) cut_to_fit(&b, max_words, max_chars, &c->stop);
    squeeze_spaces(&b);
    balance_quotes(&b);
    capitalize_first(&b); /* "two cnn heroes are …" from a text without capitals */
    end_with_stop(&b);
    /* a point that says nothing is none */
    if (subject_only || shape_lacks_main_clause(c, b.data, b.len)) buf_reset(&b);
    return buf_detach(&b);
}

int shape_lacks_main_clause(const shape_ctx_t *c, const char *p, size_t len) {
    static const char ellipsis[] = "\xe2\x80\xa6";
    if (c->lang != LANG_EN || len < 3 || memcmp(p + len - 3, ellipsis, 3)) return 0;
    buf_t b = {(char *)p, len - 3, len - 2};
    span_t *w;
    size_t n = split_words(&b, &w);
    buf_t core = BUF_INIT;
    int lacks = opening_lacks_main_clause(c, p, w, n, 1, &core);
    buf_free(&core);
    free(w);
    return lacks;
}

char *shape_point(const char *s, size_t len, int max_words, int max_chars, lang_id_t lang) {
    shape_ctx_t c;
    shape_ctx_init(&c, lang);
    char *p = shape_point_ctx(&c, s, len, max_words, max_chars);
    shape_ctx_free(&c);
    return p;
}
