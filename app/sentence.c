/* sentence.c - see sentence.h. */
#include "sentence.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "swar.h"
#include "utf8text.h"

void sentence_rules_init(sentence_rules_t *rules, lang_id_t lang) {
    /* the sets are the language's shared ones (lang_sets): borrowed, read-only */
    const lang_sets_t *ls = lang_sets(lang);
    rules->titles = ls->titles;
    rules->abbrevs = ls->abbrevs;
    rules->starters = ls->starters; /* the stopwords and the openers */
    rules->speech = ls->speech;
    rules->ordinal_dot = lang == LANG_DE;
}

void sentence_rules_free(sentence_rules_t *rules) { memset(rules, 0, sizeof *rules); }

typedef struct {
    sentence_t *items;
    size_t n, cap;
} sentence_list_t;

static int is_space_byte(char c) { return c == ' ' || c == '\n'; }

static int is_terminal(int32_t cp) { return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026; }

static int is_closer(int32_t cp) {
    return is_terminal(cp) || cp == '"' || cp == '\'' || cp == 0x201D || cp == 0x2019 ||
           cp == ')' || cp == ']' || cp == 0xBB || cp == 0x203A;
}

static int is_opener(int32_t cp) {
    return cp == '"' || cp == '\'' || cp == 0x201C || cp == 0x2018 || cp == '(' || cp == '[' ||
           cp == 0xAB || cp == 0x201E || cp == 0x2039 || cp == 0xBF || cp == 0xA1;
}

/* Start of the code point ending just before byte offset p. */
static size_t prev_cp_start(const char *s, size_t p) {
    if (p == 0) return 0;
    p--;
    while (p > 0 && ((unsigned char)s[p] & 0xC0) == 0x80) p--;
    return p;
}

static void push(sentence_list_t *list, const char *text, size_t start, size_t end, size_t para,
                 size_t line) {
    while (start < end && is_space_byte(text[start])) start++;
    while (end > start && is_space_byte(text[end - 1])) end--;
    if (end <= start) return;
    if (list->n == list->cap) {
        list->cap = list->cap ? list->cap * 2 : 64;
        list->items = xrealloc(list->items, list->cap * sizeof *list->items);
    }
    sentence_t *s = &list->items[list->n++];
    s->start = start;
    s->len = end - start;
    s->para = para;
    s->line = line;
    s->flags = 0;
    /* terminated: the last code point that is not a closing quote/bracket */
    size_t p = end;
    while (p > start) {
        size_t q = prev_cp_start(text, p);
        size_t r = q;
        int32_t cp = utf8text_decode(text, end, &r);
        if (is_terminal(cp)) {
            s->flags |= SENTENCE_TERMINATED;
            break;
        }
        if (!is_closer(cp)) break;
        p = q;
    }
}

/* The word before byte offset p (the '.'), without leading openers. */
static void word_before(const char *text, size_t seg_start, size_t p, size_t *ws, size_t *we) {
    size_t q = p;
    while (q > seg_start && !is_space_byte(text[q - 1])) q--;
    for (;;) {
        size_t r = q;
        int32_t cp = utf8text_decode(text, p, &r);
        if (cp < 0 || !is_opener(cp)) break;
        q = r;
    }
    *ws = q;
    *we = p;
}

/* "U.S", "J.D", "a.m", "J": single letters joined by dots. */
static int is_initialism(const char *text, size_t ws, size_t we) {
    if (we <= ws) return 0;
    size_t pos = ws;
    int letters_in_group = 0, groups = 0;
    while (pos < we) {
        int32_t cp = utf8text_decode(text, we, &pos);
        if (cp == '.') {
            if (letters_in_group != 1) return 0;
            letters_in_group = 0;
            continue;
        }
        if (!utf8text_is_letter(cp)) return 0;
        if (letters_in_group == 0) groups++;
        letters_in_group++;
        if (letters_in_group > 1) return 0;
    }
    return groups >= 1 && letters_in_group == 1;
}

static int is_number(const char *text, size_t ws, size_t we) {
    if (we <= ws || we - ws > 4) return 0;
    for (size_t i = ws; i < we; i++)
        if (text[i] < '0' || text[i] > '9') return 0;
    return 1;
}

static int word_in(const wordset_t *set, const char *text, size_t ws, size_t we, buf_t *tmp) {
    buf_reset(tmp);
    utf8text_fold(text + ws, we - ws, tmp);
    return wordset_has(set, tmp->data, tmp->len);
}

enum next_kind { NEXT_NONE, NEXT_LOWER, NEXT_DIGIT, NEXT_STARTER, NEXT_CAPITAL, NEXT_OTHER };

/* What follows the whitespace at byte j. */
static enum next_kind next_word_kind(const char *text, size_t end, size_t j,
                                     const sentence_rules_t *rules, buf_t *tmp) {
    while (j < end && is_space_byte(text[j])) j++;
    if (j >= end) return NEXT_NONE;
    size_t pos = j;
    int32_t cp = utf8text_decode(text, end, &pos);
    int opened = 0;
    while (is_opener(cp)) {
        opened = 1;
        j = pos;
        cp = utf8text_decode(text, end, &pos);
    }
    if (cp < 0) return NEXT_NONE;
    if (cp >= '0' && cp <= '9') return NEXT_DIGIT;
    if (utf8text_is_lower(cp)) return opened ? NEXT_OTHER : NEXT_LOWER;
    if (!utf8text_is_letter(cp)) return opened ? NEXT_CAPITAL : NEXT_OTHER;
    size_t we = pos;
    for (;;) {
        size_t r = we;
        int32_t c = utf8text_decode(text, end, &r);
        if (c < 0 || !(utf8text_is_letter(c) || c == '\'' || c == 0x2019)) break;
        we = r;
    }
    if (word_in(&rules->starters, text, j, we, tmp)) return NEXT_STARTER;
    return NEXT_CAPITAL;
}

static void split_segment(sentence_list_t *list, const char *text, size_t a, size_t b,
                          size_t para, size_t line, const sentence_rules_t *rules, buf_t *tmp) {
    size_t sent_start = a;
    size_t pos = a;
    while (pos < b) {
        /* ASCII other than the terminals is skipped without decoding, eight
         * bytes at a time where it can */
        while (pos + 8 <= b) {
            uint64_t x = swar_load(text + pos);
            if ((x & SWAR_HI) | swar_eq(x, '.') | swar_eq(x, '!') | swar_eq(x, '?')) break;
            pos += 8;
        }
        if (pos >= b) break;
        size_t here = pos;
        unsigned char byte = (unsigned char)text[pos];
        if (byte < 0x80 && byte != '.' && byte != '!' && byte != '?') {
            pos++;
            continue;
        }
        int32_t cp = utf8text_decode(text, b, &pos);
        if (!is_terminal(cp)) continue;
        /* the run of terminal marks and closers */
        size_t j = pos;
        int ellipsis = cp == 0x2026, dots = cp == '.';
        for (;;) {
            size_t r = j;
            int32_t c = utf8text_decode(text, b, &r);
            if (c < 0 || !is_closer(c)) break;
            if (c == '.') dots++;
            if (c == 0x2026) ellipsis = 1;
            j = r;
        }
        if (dots >= 3) ellipsis = 1;
        if (j >= b || !is_space_byte(text[j])) {
            pos = j > pos ? j : pos;
            continue;
        }
        enum next_kind next = next_word_kind(text, b, j, rules, tmp);
        int brk;
        if (next == NEXT_LOWER || next == NEXT_NONE) {
            brk = 0;
        } else if (cp == '!' || cp == '?' || ellipsis) {
            brk = next != NEXT_OTHER;
        } else {
            size_t ws, we;
            word_before(text, a, here, &ws, &we);
            int ambiguous = 0;
            if (we == ws) {
                ambiguous = 1; /* a stray " ." */
            } else if (word_in(&rules->titles, text, ws, we, tmp)) {
                brk = 0;
                pos = j;
                continue;
            } else if (is_initialism(text, ws, we) || word_in(&rules->abbrevs, text, ws, we, tmp)) {
                ambiguous = 1;
            } else if (rules->ordinal_dot && is_number(text, ws, we)) {
                ambiguous = 1;
            }
            if (ambiguous) brk = next == NEXT_STARTER;
            else brk = 1;
        }
        if (brk) {
            push(list, text, sent_start, j, para, line);
            sent_start = j;
        }
        pos = j;
    }
    push(list, text, sent_start, b, para, line);
}

/* Does the line [a,b) end with terminal punctuation (maybe before closers)? */
static int line_terminated(const char *text, size_t a, size_t b) {
    size_t p = b;
    while (p > a) {
        size_t q = prev_cp_start(text, p);
        size_t r = q;
        int32_t cp = utf8text_decode(text, b, &r);
        if (is_terminal(cp) || cp == ':' || cp == ';' || cp == ',') return 1;
        if (!is_closer(cp)) return 0;
        p = q;
    }
    return 0;
}

static int starts_lower(const char *text, size_t a, size_t b) {
    size_t pos = a;
    int32_t cp = utf8text_decode(text, b, &pos);
    return cp >= 0 && utf8text_is_lower(cp);
}

/* Joins a short attribution fragment ("X, the minister, said.") to the
 * sentence before it on the same line. */
static void merge_attribution_fragments(sentence_list_t *list, const char *text,
                                        const sentence_rules_t *rules, buf_t *tmp) {
    size_t out = 0;
    for (size_t i = 0; i < list->n; i++) {
        sentence_t *s = &list->items[i];
        if (out > 0 && (s->flags & SENTENCE_TERMINATED) && s->line == list->items[out - 1].line) {
            size_t pos = s->start, end = s->start + s->len;
            utf8text_token_t tok, last = {0, 0, 0};
            int words = 0;
            /* more than 8 words never merge: no need to count on */
            while (words <= 8 && utf8text_next_token(text, end, &pos, &tok)) {
                words++;
                last = tok;
            }
            if (words >= 2 && words <= 8 &&
                word_in(&rules->speech, text, last.start, last.start + last.len, tmp)) {
                sentence_t *prev = &list->items[out - 1];
                prev->len = s->start + s->len - prev->start;
                prev->flags = (prev->flags & ~SENTENCE_TERMINATED) | s->flags;
                continue;
            }
        }
        list->items[out++] = *s;
    }
    list->n = out;
}

size_t sentence_split(const char *text, size_t len, const sentence_rules_t *rules,
                      sentence_t **out) {
    sentence_list_t list = {NULL, 0, 0};
    buf_t tmp = BUF_INIT;
    size_t para = 0, line = 0;
    size_t pos = 0;
    while (pos < len) {
        /* a segment: one line, or several joined by hard wraps */
        size_t seg_start = pos;
        size_t line_end = pos;
        for (;;) {
            const char *nl = memchr(text + line_end, '\n', len - line_end);
            line_end = nl ? (size_t)(nl - text) : len;
            if (line_end >= len) break;
            size_t next = line_end + 1;
            if (next < len && text[next] != '\n' && line_end - pos >= 40 &&
                !line_terminated(text, pos, line_end) && starts_lower(text, next, len)) {
                pos = next; /* hard wrap: keep going */
                line_end = next;
                continue;
            }
            break;
        }
        size_t first = list.n;
        split_segment(&list, text, seg_start, line_end, para, line, rules, &tmp);
        for (size_t i = first; i < list.n; i++) {
            if (i == first) list.items[i].flags |= SENTENCE_LINE_START;
            if (i + 1 == list.n) list.items[i].flags |= SENTENCE_LINE_END;
        }
        line++;
        pos = line_end;
        if (pos < len) pos++; /* the '\n' */
        if (pos < len && text[pos] == '\n') {
            para++;
            while (pos < len && text[pos] == '\n') pos++;
        }
    }
    merge_attribution_fragments(&list, text, rules, &tmp);
    size_t last_para = (size_t)-1;
    for (size_t i = 0; i < list.n; i++) {
        if (list.items[i].para != last_para) list.items[i].flags |= SENTENCE_PARA_START;
        last_para = list.items[i].para;
    }
    buf_free(&tmp);
    *out = list.items;
    return list.n;
}
