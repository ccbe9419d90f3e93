/* shape.c - see shape.h. */
#include "shape.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "noise.h"
#include "utf8text.h"

size_t shape_count_words(const char *s, size_t len) {
    size_t n = 0;
    int in_word = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == ' ' || s[i] == '\n') in_word = 0;
        else if (!in_word) {
            in_word = 1;
            n++;
        }
    }
    return n;
}

size_t shape_count_chars(const char *s, size_t len) {
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80) n++;
    return n;
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
    for (size_t i = 0; i < n; i++) {
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
static int drop_attribution_tail(buf_t *b, const wordset_t *speech) {
    const char *s = b->data;
    size_t n = b->len;
    /* the tail starts after a ',' or '.' with at most 8 words after it: a
     * merged fragment after a full stop first, else the last comma */
    size_t comma = n, stop = n;
    for (size_t i = n; i-- > 0;) {
        if (s[i] != ',' && s[i] != '.') continue;
        size_t words = shape_count_words(s + i + 1, n - i - 1);
        if (words > 8) break;
        if (words < 2) continue;
        size_t ql = 0;
        is_close_quote_at(s, n, i + 1, &ql);
        if (!word_at_is_speech(s, i + 1 + ql, n, speech)) continue;
        if (s[i] == '.') stop = i;
        else if (comma == n) comma = i;
    }
    if (stop < n) {
        size_t ql = 0;
        is_close_quote_at(s, n, stop + 1, &ql);
        b->len = stop + 1 + ql;
        b->data[b->len] = '\0';
        return 1;
    }
    if (comma == n) return 0;
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

/* Drops "( … )" and "[ … ]" asides, and one " – … –" aside. */
static int drop_parentheticals(buf_t *b) {
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
    /* " – aside –" */
    const char *dash = " \xe2\x80\x93 ";
    char *d1 = strstr(b->data, dash);
    if (d1) {
        char *d2 = strstr(d1 + 5, dash);
        if (d2) {
            splice(b, (size_t)(d1 - b->data), (size_t)(d2 - b->data) + 4, " ");
            changed = 1;
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

char *shape_point(const char *s, size_t len, int max_words, int max_chars, lang_id_t lang) {
    if (max_words < 3) max_words = 3;
    if (max_chars < 16) max_chars = 16;
    const lang_info_t *li = lang_info(lang);
    wordset_t openers, speech, stop;
    wordset_init(&openers, li->openers);
    wordset_init(&speech, li->speech);
    wordset_init(&stop, li->stopwords);
    size_t skip = noise_lead_skip(s, len);
    buf_t b = BUF_INIT;
    buf_append(&b, s + skip, len - skip);
    /* newlines of a joined hard wrap are spaces on screen */
    for (size_t i = 0; i < b.len; i++)
        if (b.data[i] == '\n') b.data[i] = ' ';
    repair(&b);
    drop_leading_connective(&b, &openers);
    if (!fits(&b, max_words, max_chars)) drop_attribution_tail(&b, &speech);
    if (!fits(&b, max_words, max_chars)) drop_parentheticals(&b);
    if (!fits(&b, max_words, max_chars)) cut_to_fit(&b, max_words, max_chars, &stop);
    wordset_free(&openers);
    wordset_free(&speech);
    wordset_free(&stop);
    return buf_detach(&b);
}
