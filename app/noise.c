/* noise.c - see noise.h. The phrase lists were written for Bulletin. */
#include "noise.h"
#include "noise_internal.h"

#include <pthread.h>
#include <string.h>
#include <strings.h>

#include "sentence.h"
#include "swar.h"
#include "utf8text.h"

/* Openings of sign-offs and calls to action, lower case, several languages. */
static const char *const signoff_starts[] = {
    "for more", "read more", "read the full", "read our", "click here", "scroll down",
    "follow us", "follow @", "follow the", "sign up", "subscribe", "share this", "share on",
    "watch the video", "watch:", "watch now", "video:", "related:", "related articles",
    "related stories", "see also", "more:", "more on this", "advertisement", "copyright",
    "all rights reserved", "©", "(c)", "reporting by", "editing by", "additional reporting",
    "contact us", "download our", "download the", "like us on", "join us", "listen:",
    "recommended:", "don't miss", "do not miss", "trending:", "sponsored", "this story has been",
    "this article was", "this article is", "have your say", "get the latest", "comments",
    "most read", "most popular", "you may also like", "tap here", "continue reading",
    "mehr zum thema", "lesen sie auch", "lesen sie mehr", "lire aussi", "à lire aussi",
    "a lire aussi", "lee también", "leer más", "leggi anche", "lees ook", "lees meer",
    "leia também", "leia mais", "läs även", "läs mer", "weiterlesen", "en savoir plus",
    NULL,
};

/* Anywhere in a sentence. */
static const char *const signoff_inside[] = {
    "contributed to this report", "all rights reserved", "newsletter", "terms of use",
    /* a cookie notice, not "cookies for the staff" or "chocolate cookie swirls" */
    "privacy policy", "use cookies", "uses cookies", "cookie policy", "cookies policy", "accept cookies",
    "cookie settings", "javascript", "click here", "scroll down for video",
    NULL,
};

static const char *const byline_starts[] = {
    "published:", "updated:", "last updated", "posted:", "posted on", "published on",
    "updated on", "created:", "modified:", "veröffentlicht", "aktualisiert", "publié le",
    "mis à jour", "publicado", "actualizado", "pubblicato", "aggiornato", "gepubliceerd",
    "bijgewerkt", "atualizado", "publicerad", "uppdaterad", NULL,
};

static const char *const caption_starts[] = {
    "pictured", "photo:", "photo by", "photos:", "image:", "images:", "picture:",
    "pictures:", "file photo", "(photo", "(picture", "(image", "photograph:", "credit:",
    "foto:", "bild:", "illustration:", "caption:", NULL,
};

static const char *const caption_inside[] = {
    "(pictured)", "(pictured ", "getty images", "ap photo", "afp via getty", "/ reuters",
    "(file photo)", "photo credit", "(above)", "(below)", "(left)", "(right)", "(centre)",
    "(center)", NULL,
};

static const char *const markers[] = {
    "Scroll down for video", "Scroll down for videos", "SCROLL DOWN FOR VIDEO",
    "Scroll down to watch", "Click here to watch", "CLICK HERE", NULL,
};

const char *noise_name(enum noise_kind kind) {
    switch (kind) {
    case NOISE_NONE: return "article";
    case NOISE_DUPLICATE: return "duplicate";
    case NOISE_HEADING: return "heading";
    case NOISE_CAPTION: return "caption";
    case NOISE_TEASER: return "teaser";
    case NOISE_SIGNOFF: return "sign-off";
    case NOISE_BYLINE: return "byline";
    case NOISE_FRAGMENT: return "fragment";
    }
    return "?";
}

/* Case-insensitive for ASCII; the lists' non-ASCII letters are lower case. */
static int starts_with(const char *s, size_t len, const char *prefix) {
    size_t n = strlen(prefix);
    return len >= n && strncasecmp(s, prefix, n) == 0;
}

/* Case-sensitive: callers pass folded (lower-case) text. */
static int contains(const char *s, size_t len, const char *needle) {
    return memmem(s, len, needle, strlen(needle)) != NULL;
}

/* On folded text (no upper-case ASCII; the lists are lower case): a
 * prefix can only match where its first byte does. */
static int any_start(const char *s, size_t len, const char *const *list) {
    /* skip opening quotes/brackets/bullets */
    while (len && (*s == '"' || *s == '\'' || *s == '*' || *s == '-' || *s == '>')) {
        s++;
        len--;
    }
    if (!len) return 0;
    for (size_t i = 0; list[i]; i++)
        if (list[i][0] == s[0] && starts_with(s, len, list[i])) return 1;
    return 0;
}

/* signoff_inside and caption_inside as one index by first byte: built
 * once per process on first use (pthread_once), read-only after. */
#define INSIDE_MAX 64
static struct {
    const char *phrase[INSIDE_MAX];
    size_t plen[INSIDE_MAX];
    unsigned char list_of[INSIDE_MAX], next[INSIDE_MAX], head[256];
    /* bit b of pair[a]: some phrase opens with bytes a, b (a one-byte
     * phrase: every b, and 0 past the end) */
    unsigned char pair[256][32];
} inside_index;

static void build_inside_index(void) {
    size_t n = 0;
    for (int l = 0; l < 2; l++)
        for (const char *const *p = l ? caption_inside : signoff_inside; *p && n < INSIDE_MAX; p++) {
            unsigned char c = (unsigned char)(*p)[0];
            inside_index.phrase[n] = *p;
            inside_index.plen[n] = strlen(*p);
            inside_index.list_of[n] = (unsigned char)(1u << l);
            inside_index.next[n] = inside_index.head[c];
            inside_index.head[c] = (unsigned char)(n + 1);
            if (inside_index.plen[n] >= 2) {
                unsigned char c2 = (unsigned char)(*p)[1];
                inside_index.pair[c][c2 >> 3] |= (unsigned char)(1u << (c2 & 7));
            } else {
                memset(inside_index.pair[c], 0xff, sizeof inside_index.pair[c]);
            }
            n++;
        }
}

/* Which of signoff_inside (bit 1) and caption_inside (bit 2) occur
 * anywhere in s, in one pass (memmem of each phrase, all at once). */
static unsigned any_inside(const char *s, size_t len) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, build_inside_index);
    unsigned found = 0;
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; found != 3; i++) {
        /* most bytes open no phrase; most of the rest not with the next byte */
        while (i < len && !inside_index.head[u[i]]) i++;
        if (i >= len) break;
        unsigned char c2 = i + 1 < len ? u[i + 1] : 0;
        if (!((inside_index.pair[u[i]][c2 >> 3] >> (c2 & 7)) & 1)) continue;
        for (unsigned k = inside_index.head[(unsigned char)s[i]]; k; k = inside_index.next[k - 1]) {
            size_t j = k - 1, pl = inside_index.plen[j];
            const char *ph = inside_index.phrase[j];
            /* the first byte matched: the second one before the rest */
            if (!(found & inside_index.list_of[j]) && pl <= len - i &&
                (pl < 2 || s[i + 1] == ph[1]) && memcmp(s + i, ph, pl) == 0)
                found |= inside_index.list_of[j];
        }
    }
    return found;
}

typedef struct {
    int words, capital_words, lower_letters, letters;
    int colon_word; /* 1-based word after which the first ':' comes, 0 none */
    int long_words, long_lower; /* words of 4 bytes or more; those in lower case */
    int lower_words, numbers;   /* words opening with a lower-case ASCII letter; number tokens */
} shape_counts_t;

static void count_token(shape_counts_t *c, const char *s, size_t len, const utf8text_token_t *tok) {
    size_t pos = tok->start + tok->len; /* where utf8text_next_token leaves it */
    c->words++;
    if (tok->flags & (UTF8TEXT_TOK_CAPITAL | UTF8TEXT_TOK_NUMBER)) c->capital_words++;
    if (tok->flags & UTF8TEXT_TOK_NUMBER) c->numbers++;
    if (s[tok->start] >= 'a' && s[tok->start] <= 'z') c->lower_words++;
    if (!c->colon_word && pos < len && s[pos] == ':') c->colon_word = c->words;
    if (tok->len >= 4) {
        c->long_words++;
        if (s[tok->start] >= 'a' && s[tok->start] <= 'z') c->long_lower++;
    }
}

/* toks: s's tokens, or NULL to walk them here */
static shape_counts_t count_shape(const char *s, size_t len, const utf8text_token_t *toks, size_t n) {
    shape_counts_t c = {0, 0, 0, 0, 0, 0, 0, 0, 0};
    if (toks) {
        for (size_t i = 0; i < n; i++) count_token(&c, s, len, &toks[i]);
    } else {
        size_t pos = 0;
        utf8text_token_t tok;
        while (utf8text_next_token(s, len, &pos, &tok)) count_token(&c, s, len, &tok);
    }
    for (size_t p = 0; p < len;) {
        /* eight ASCII bytes at once: letters are where (b | 0x20) is in
         * 'a'..'z', lower-case ones where b is */
        for (; p + 8 <= len; p += 8) {
            uint64_t x = swar_load(s + p);
            if (x & SWAR_HI) break;
            uint64_t y = x | (SWAR_ONES * 0x20);
            uint64_t letter = (y + SWAR_ONES * 0x1f) & ~(y + SWAR_ONES * 0x05) & SWAR_HI;
            uint64_t lower = (x + SWAR_ONES * 0x1f) & ~(x + SWAR_ONES * 0x05) & SWAR_HI;
            c.letters += (int)swar_count(letter);
            c.lower_letters += (int)swar_count(lower);
        }
        if (p >= len) break;
        unsigned char b = (unsigned char)s[p];
        if (b < 0x80) { /* ASCII inline */
            p++;
            if ((b | 32) >= 'a' && (b | 32) <= 'z') {
                c.letters++;
                if (b >= 'a') c.lower_letters++;
            }
            continue;
        }
        int32_t cp = utf8text_decode(s, len, &p);
        if (utf8text_is_letter(cp)) {
            c.letters++;
            if (utf8text_is_lower(cp)) c.lower_letters++;
        }
    }
    return c;
}

/* The kinds told by phrases alone, on the folded sentence. */
static enum noise_kind phrase_kind(const char *low, size_t len) {
    unsigned inside = any_inside(low, len);
    if (any_start(low, len, signoff_starts) || (inside & 1)) return NOISE_SIGNOFF;
    if (any_start(low, len, byline_starts)) return NOISE_BYLINE;
    if (any_start(low, len, caption_starts) || (inside & 2)) return NOISE_CAPTION;
    return NOISE_NONE;
}

/* "Mr Wang said: ..." is a quote, not a caption label. */
static int label_is_speech(const char *s, size_t len) {
    static const char *const verbs[] = {"said", "says", "told", "added", "explained", "wrote",
                                        "tweeted", "stated", "asked", "sagte", "a dit", "dijo",
                                        "ha detto", "zei", "disse", "sade", NULL};
    const char *colon = memchr(s, ':', len);
    size_t n = colon ? (size_t)(colon - s) : len;
    for (size_t i = 0; verbs[i]; i++)
        if (contains(s, n, verbs[i])) return 1;
    return 0;
}

enum noise_kind noise_classify(const char *s, size_t len, unsigned flags) {
    return noise_classify_tokens(s, len, flags, NULL, 0);
}

enum noise_kind noise_classify_tokens(const char *s, size_t len, unsigned flags,
                                      const utf8text_token_t *toks, size_t n) {
    /* phrase lists match the lower-case form (non-ASCII letters too) */
    buf_t low = BUF_INIT;
    utf8text_fold(s, len, &low);
    enum noise_kind k = phrase_kind(low.data, low.len);
    buf_free(&low);
    if (k != NOISE_NONE) return k;
    shape_counts_t c = count_shape(s, len, toks, n);
    if ((starts_with(s, len, "by ") || starts_with(s, len, "von ") ||
         starts_with(s, len, "par ") || starts_with(s, len, "por ") ||
         starts_with(s, len, "door ") || starts_with(s, len, "av ")) &&
        c.words <= 8 && c.capital_words * 2 >= c.words)
        return NOISE_BYLINE;
    int terminated = (flags & SENTENCE_TERMINATED) != 0;
    if (c.colon_word >= 1 && c.colon_word <= (terminated ? 3 : 4) &&
        c.words > c.colon_word + 3 && !label_is_speech(s, len))
        return NOISE_CAPTION;
    if (c.words < 4 || len < 20 || c.letters == 0 || c.lower_letters * 4 < c.letters)
        return NOISE_FRAGMENT;
    /* a row of a results table ("4. Felipe Massa (Brazil) Williams-Mercedes
     * 1:36.954 5."): names and numbers, not one word in lower case */
    if (c.numbers >= 1 && c.lower_words == 0 && c.words >= 3 && c.words <= 16) return NOISE_FRAGMENT;
    /* a whole line without end punctuation: a heading when short, a
     * caption when long */
    if (!terminated && (flags & SENTENCE_LINE_START) && (flags & SENTENCE_LINE_END))
        return c.words <= 16 ? NOISE_HEADING : NOISE_CAPTION;
    /* title case without end punctuation, wherever it stands (a piece of a
     * heading): every word of four letters or more capitalized */
    if (!terminated && c.words <= 16 && c.long_words >= 2 && c.long_lower == 0) return NOISE_HEADING;
    return NOISE_NONE;
}

/* "BRUSSELS - ", "SAN JUAN, Puerto Rico — ": a place in capitals (its
 * country or state may follow a comma) and a dash. */
static size_t capital_dateline(const char *s, size_t len) {
    size_t i = 0, caps = 0;
    while (i < len && ((s[i] >= 'A' && s[i] <= 'Z') || s[i] == ' ' || s[i] == '.')) caps += s[i++] != ' ';
    if (caps < 3 || i > 30) return 0;
    if (i < len && s[i] == ',') { /* ", Puerto Rico" */
        size_t j = i + 1;
        while (j < len && j < i + 30 && s[j] != '-' && (unsigned char)s[j] != 0xE2 && s[j] != ',') j++;
        i = j;
    }
    while (i < len && s[i] == ' ') i++;
    size_t k = i;
    if (k + 1 < len && s[k] == '-' && s[k + 1] == '-') k += 2;
    else if (k < len && s[k] == '-') k++;
    else if (k + 2 < len && (unsigned char)s[k] == 0xE2 && (unsigned char)s[k + 1] == 0x80 &&
             ((unsigned char)s[k + 2] == 0x93 || (unsigned char)s[k + 2] == 0x94))
        k += 3;
    else return 0;
    if (k >= len || s[k] != ' ') return 0;
    while (k < len && s[k] == ' ') k++;
    return k < len && s[k] >= 'A' && s[k] <= 'Z' ? k : 0;
}

/* "BALL OF THE CENTURY Benaud was on hand …": a label in capitals (two
 * words or more, eight capital letters or more) run into the sentence
 * after it; the offset of the sentence's first word, else 0. "NASA
 * Administrator …" and "UK PM …" are too short to be one. */
static size_t capital_label(const char *s, size_t len) {
    size_t i = 0, caps = 0, words = 0, last = 0;
    while (i < len) {
        size_t st = i;
        while (i < len && s[i] >= 'A' && s[i] <= 'Z') i++;
        if (i == st || i >= len || s[i] != ' ') break;
        caps += i - st;
        words++;
        last = ++i;
    }
    if (words < 2 || caps < 8 || last + 1 >= len) return 0;
    return s[last] >= 'A' && s[last] <= 'Z' && s[last + 1] >= 'a' && s[last + 1] <= 'z' ? last : 0;
}

size_t noise_lead_skip(const char *s, size_t len) {
    size_t cap = capital_dateline(s, len);
    if (cap) return cap;
    if ((cap = capital_label(s, len)) != 0) return cap;
    /* "(CNN)", "LONDON (Reuters) -", "WASHINGTON, Feb 12 (AP) — " within
     * the first 80 bytes */
    size_t limit = len < 80 ? len : 80;
    for (size_t i = 0; i < limit; i++) {
        if (s[i] != '(') continue;
        size_t j = i + 1;
        while (j < limit && s[j] != ')' && s[j] != '(') j++;
        if (j >= limit || s[j] != ')' || j - i < 3 || j - i > 25) return 0;
        /* the bracket must hold a name (an agency): letters only */
        for (size_t q = i + 1; q < j; q++)
            if (!((s[q] | 32) >= 'a' && (s[q] | 32) <= 'z') && s[q] != ' ' && s[q] != '.')
                return 0;
        size_t k = j + 1;
        while (k < len && s[k] == ' ') k++;
        /* a dash after it, unless the bracket opens the sentence: "(CNN)Two" */
        int dash = 0;
        if (k < len && s[k] == '-') {
            k++;
            dash = 1;
        } else if (k + 2 < len && (unsigned char)s[k] == 0xE2 && (unsigned char)s[k + 1] == 0x80 &&
                   ((unsigned char)s[k + 2] == 0x93 || (unsigned char)s[k + 2] == 0x94)) {
            k += 3;
            dash = 1;
        }
        /* ... or the sentence starts right after it: "New Delhi, India (CNN)As" */
        int glued = k == j + 1 && k < len && s[k] >= 'A' && s[k] <= 'Z';
        if (!dash && i != 0 && !glued) return 0;
        while (k < len && (s[k] == ' ' || s[k] == '-')) k++;
        /* what comes before the bracket: a place in capitals, maybe a date */
        for (size_t p = 0; p < i; p++)
            if (s[p] >= 'a' && s[p] <= 'z' && i > 40) return 0;
        return k < len ? k : 0;
    }
    return 0;
}

void noise_cut_markers(const char *text, size_t len, buf_t *out) {
    size_t i = 0, copied = 0;
    while (i < len) {
        size_t hit = 0;
        /* eight bytes without an 'S' or a 'C' open no marker */
        while (i + 8 <= len) {
            uint64_t x = swar_load(text + i);
            if (swar_eq(x, 'S') | swar_eq(x, 'C')) break;
            i += 8;
        }
        if (i >= len) break;
        if (text[i] == 'S' || text[i] == 'C') {
            for (size_t m = 0; markers[m]; m++) {
                if (i + 1 >= len || text[i + 1] != markers[m][1]) continue; /* a quick no */
                size_t n = strlen(markers[m]);
                if (n <= len - i && memcmp(text + i, markers[m], n) == 0) {
                    hit = n;
                    break;
                }
            }
        }
        if (!hit) {
            i++;
            continue;
        }
        buf_append(out, text + copied, i - copied);
        /* drop the rest of a "CLICK HERE ..." call up to its line's end
         * only when it is short; otherwise just the marker */
        buf_putc(out, '\n');
        i += hit;
        while (i < len && (text[i] == ' ' || text[i] == '.' || text[i] == ':')) i++;
        copied = i;
        if (i < len) buf_putc(out, '\n');
    }
    buf_append(out, text + copied, len - copied);
}

/* Is the folded word w[0,n) in list (" a b c ": words between spaces)? */
static int in_word_list(const char *list, const char *w, size_t n) {
    char key[16];
    if (n + 3 > sizeof key) return 0;
    key[0] = ' ';
    memcpy(key + 1, w, n);
    key[n + 1] = ' ';
    key[n + 2] = '\0';
    return strstr(list, key) != NULL;
}

/* "Two", "Dozens": a capitalized number word after a lower-case word
 * starts a sentence. */
static int is_number_word(const char *w, size_t n) {
    return in_word_list(" one two three four five six seven eight nine ten eleven twelve twenty "
                        "dozens hundreds thousands millions ", w, n);
}

/* Capitalized stopwords that stand inside a sentence as often as they
 * start one: the pronoun "I" ("'I can honestly say I am …'") and "May",
 * a name as often as a verb ("James May", "has joined May in …"). */
static int inside_word(const char *w, size_t n) {
    return in_word_list(" i i'm i've i'd i'll may ", w, n);
}

/* Is the "The" at [ws,we) the start of a name that is the object of the
 * verb before it ("backing The Mail on Sunday's campaign", "have joined
 * The Rolling Stones")? A "-ing" or "-ed" word, then "The" and a
 * capitalized word. */
static int names_object(const char *s, size_t len, size_t ps, size_t pe, size_t ws, size_t we) {
    if (we - ws != 3 || memcmp(s + ws, "The", 3) || we + 1 >= len || !(s[we + 1] >= 'A' && s[we + 1] <= 'Z'))
        return 0;
    size_t n = pe - ps;
    return (n > 4 && !memcmp(s + pe - 3, "ing", 3)) || (n > 3 && !memcmp(s + pe - 2, "ed", 2));
}

/* Does the word [ws,we) close a photo's note in brackets ("… in Jaipur
 * (pictured posed by model) A taxi driver was …", "… at the zoo (file
 * photo of cheetahs) The boy was …")? A caption ends there as it ends on
 * a letter. */
static int closes_photo_note(const char *s, size_t ws, size_t we) {
    if (we - ws < 2 || s[we - 1] != ')') return 0;
    size_t open = we - 1;
    while (open > 0 && s[open - 1] != '(' && we - open < 60) open--;
    if (open == 0 || s[open - 1] != '(') return 0;
    static const char *const notes[] = {"pictured", "photo", "file", "left", "right", "above", "below", "centre",
                                        "center", "inset"};
    for (size_t k = 0; k < sizeof notes / sizeof notes[0]; k++) {
        size_t nl = strlen(notes[k]);
        for (size_t p = open; p + nl < we; p++)
            if (!strncasecmp(s + p, notes[k], nl)) return 1;
    }
    return 0;
}

/* Does the word [ws,we) close a curly quotation after a letter ("… in a
 * film dubbed ‘The First Great Escape’ The story of …")? */
static int closes_title_quote(const char *s, size_t ws, size_t we) {
    if (we - ws < 4) return 0;
    const unsigned char *e = (const unsigned char *)s + we;
    if (e[-3] != 0xE2 || e[-2] != 0x80 || (e[-1] != 0x99 && e[-1] != 0x9D)) return 0;
    unsigned char before = e[-4];
    return (before >= 'a' && before <= 'z') || (before >= 'A' && before <= 'Z') || (before >= '0' && before <= '9');
}

/* The word w[0,n) closes a photo's location mark: "left)", "(pictured)",
 * "right)", "(centre)", "above)". */
static int is_location_mark(const char *w, size_t n) {
    if (n < 4 || w[n - 1] != ')') return 0;
    static const char *const marks[] = {"left", "right", "pictured", "centre", "center", "above", "below",
                                        "inset", "top", "bottom"};
    for (size_t k = 0; k < sizeof marks / sizeof marks[0]; k++) {
        size_t ml = strlen(marks[k]);
        if (n - 1 >= ml && !memcmp(w + n - 1 - ml, marks[k], ml) &&
            (n - 1 == ml || w[n - 2 - ml] == '(' || w[n - 2 - ml] == ' ' || w[n - 2 - ml] == ','))
            return 1;
    }
    return 0;
}

/* Is the word after i a photo's location mark ("Kenneth More (pictured)
 * A series …")? Then the capitalized word before it is the end of the
 * name the mark points at, not a sentence's first word. */
static int mark_follows(const char *s, size_t len, size_t i) {
    while (i < len && s[i] == ' ') i++;
    size_t ws = i;
    while (i < len && s[i] != ' ') i++;
    return i > ws && is_location_mark(s + ws, i - ws);
}

/* Does the word after i start with a lower-case letter? */
static int next_starts_lower(const char *s, size_t len, size_t i) {
    while (i < len && s[i] == ' ') i++;
    return i < len && s[i] >= 'a' && s[i] <= 'z';
}

/* Does the word [ws,we) read as an acronym ("USA", "NHS", "BBC1")? A
 * caption ends on one as on a lower-case letter ("… bought by the firm
 * Essential USA As the night loomed …"). */
static int is_acronym(const char *s, size_t ws, size_t we) {
    size_t caps = 0;
    for (size_t k = ws; k < we; k++) {
        if (s[k] >= 'A' && s[k] <= 'Z') caps++;
        else if (!(s[k] >= '0' && s[k] <= '9')) return 0;
    }
    return caps >= 2;
}

/* The bytes of an opening single quote at s[ws] ("'", "‘"), else 0. */
static size_t open_single_quote(const char *s, size_t ws, size_t we) {
    if (we > ws && s[ws] == '\'') return 1;
    if (we >= ws + 3 && (unsigned char)s[ws] == 0xE2 && (unsigned char)s[ws + 1] == 0x80 &&
        (unsigned char)s[ws + 2] == 0x98)
        return 3;
    return 0;
}

/* After a caption's location mark, a name then its verb starts the
 * sentence: after the capitalized word ending at i (and a second one that
 * is no stopword) a word that reads as a verb: "was", "also", "-ed", "-s". */
static int name_then_verb(const char *s, size_t len, size_t i, const wordset_t *stop, buf_t *core) {
    static const char *const verbs = " was is has had will would could can said says also told added denied ";
    for (int k = 0; k < 2; k++) {
        while (i < len && s[i] == ' ') i++;
        size_t ws = i;
        while (i < len && s[i] != ' ') i++;
        if (i == ws) return 0;
        buf_reset(core);
        utf8text_fold(s + ws, i - ws, core);
        if (s[ws] >= 'a' && s[ws] <= 'z') {
            const char *w = core->data;
            size_t n = core->len;
            if (n >= 4 && ((w[n - 2] == 'e' && w[n - 1] == 'd') || (w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != '\'')))
                return 1;
            return in_word_list(verbs, w, n);
        }
        if (!(s[ws] >= 'A' && s[ws] <= 'Z') || wordset_has(stop, core->data, core->len)) return 0;
    }
    return 0;
}

/* noise_caption_runin's bytes: 1 ends a word, 2 may be (part of) a double quote */
static const unsigned char runin_byte[256] = {[' '] = 1, ['\n'] = 1, ['"'] = 2, [0xE2] = 2};

size_t noise_caption_runin(const char *s, size_t len, const wordset_t *stop, const wordset_t *speech) {
    size_t words = 0, start_j = 0, prev_s = 0, prev_e = 0;
    size_t i = 0;
    buf_t core = BUF_INIT;
    size_t found = 0;
    int quote = 0, lower_long = 0; /* a lower-case word of 4+ bytes so far: not a title */
    size_t located = 0; /* the word after a photo's "(left)", "(pictured)": a caption up to here */
    while (i < len && !found) {
        while (i < len && s[i] == ' ') i++;
        size_t ws = i;
        unsigned seen = 0;
        for (unsigned k; i < len && !((k = runin_byte[(unsigned char)s[i]]) & 1); i++) seen |= k;
        if (i == ws) {
            i++;
            continue;
        }
        for (size_t q = ws; q < i && seen; q++)
            if (s[q] == '"' || ((unsigned char)s[q] == 0xE2 && q + 2 < i && (unsigned char)s[q + 1] == 0x80 &&
                                ((unsigned char)s[q + 2] == 0x9C || (unsigned char)s[q + 2] == 0x9D)))
                quote ^= 1;
        words++;
        char last = prev_e > prev_s ? s[prev_e - 1] : 0;
        int photo_note = closes_photo_note(s, prev_s, prev_e);
        /* after a photo's note the sentence may open with a quotation
         * ("… in Algeria (file photo) 'The mind boggles,' wrote …") */
        size_t oq = photo_note ? open_single_quote(s, ws, i) : 0;
        size_t cs = ws + oq; /* the word's first letter */
        int ends_caption = (last >= 'a' && last <= 'z') || (last >= '0' && last <= '9') || photo_note ||
                           closes_title_quote(s, prev_s, prev_e);
        /* an acronym ends one only before a stopword and a lower-case word
         * ("… Tidewater USA As the night …"): "RBS Six Nations", "BBC Two"
         * and "BBC One" are names */
        int after_acronym = !ends_caption && is_acronym(s, prev_s, prev_e);
        if (words >= 5 && !quote && lower_long && cs < i && s[cs] >= 'A' && s[cs] <= 'Z' &&
            (ends_caption || after_acronym)) {
            buf_reset(&core);
            utf8text_fold(s + cs, i - cs, &core);
            /* "A", "The", "When"; not an acronym ("US", "IS"), nor a name's
             * last word before its photo's mark ("Kenneth More (pictured)") */
            int mixed = (i - cs == 1 || (s[cs + 1] >= 'a' && s[cs + 1] <= 'z')) && !mark_follows(s, len, i);
            /* after a capitalized word "One" or a name is that name's
             * ("Sky Bet League One", "Cristiano Ronaldo will") */
            int after_name = prev_e > prev_s && s[prev_s] >= 'A' && s[prev_s] <= 'Z';
            int name_one = after_name && core.len == 3 && !memcmp(core.data, "one", 3);
            if (after_acronym && (is_number_word(core.data, core.len) || !next_starts_lower(s, len, i))) mixed = 0;
            int starter = mixed && !name_one && !inside_word(core.data, core.len) &&
                          !names_object(s, len, prev_s, prev_e, ws, i) &&
                          (wordset_has(stop, core.data, core.len) ||
                           is_number_word(core.data, core.len) ||
                           in_word_list(" many several most few ", core.data, core.len) ||
                           (located && !after_name && words <= located + 15 && name_then_verb(s, len, i, stop, &core)));
            buf_reset(&core);
            utf8text_fold(s + prev_s, prev_e - prev_s, &core);
            /* "told The Times", "of The": a stopword or speech verb before it
             * wants what follows; an object pronoun ends a caption ("… loves to
             * chase after him The video maker …", "… had stolen from her The
             * drama began …": no possessive "her" comes before "The") */
            int prev_weak = (wordset_has(stop, core.data, core.len) && !in_word_list(" him them her it me us ", core.data, core.len)) ||
                            wordset_has(speech, core.data, core.len);
            if (starter && !prev_weak) {
                /* at least five words of sentence after it */
                size_t rest = 0, k = ws;
                int in_word = 0;
                for (; k < len; k++) {
                    if (s[k] == ' ') in_word = 0;
                    else if (!in_word) in_word = 1, rest++;
                }
                if (rest >= 5) found = ws;
            }
        }
        if (i - ws >= 4 && s[ws] >= 'a' && s[ws] <= 'z') lower_long = 1;
        if (is_location_mark(s + ws, i - ws)) located = words + 1;
        start_j = ws;
        prev_s = ws;
        prev_e = i;
    }
    (void)start_j;
    buf_free(&core);
    return found;
}

static int is_ascii_alnum(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

int noise_half_quote(const char *s, size_t len) {
    int dbl = 0, curly = 0, single = 0, closed_unopened = 0;
    for (size_t i = 0; i < len; i++) {
        /* eight bytes without '"', '\'' or 0xE2 change nothing */
        while (i + 8 <= len) {
            uint64_t x = swar_load(s + i);
            if (swar_eq(x, '"') | swar_eq(x, '\'') | swar_eq(x, 0xE2)) break;
            i += 8;
        }
        if (i >= len) break;
        unsigned char c = (unsigned char)s[i];
        /* only '"', '\'' and 0xE2 (curly quotes) count: letters and most
         * punctuation (0x28..0xE1) are passed with one compare */
        if ((unsigned)(c - 0x28) < 0xE2 - 0x28 || (c != '"' && c != '\'' && c != 0xE2)) continue;
        unsigned char prev = i ? (unsigned char)s[i - 1] : ' ';
        unsigned char next = i + 1 < len ? (unsigned char)s[i + 1] : ' ';
        if (c == '"') {
            dbl ^= 1;
        } else if (c == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80) {
            unsigned char k = (unsigned char)s[i + 2];
            unsigned char after = i + 3 < len ? (unsigned char)s[i + 3] : ' ';
            if (k == 0x9C) curly++;
            else if (k == 0x9D && curly) curly--;
            else if (k == 0x9D) closed_unopened = 1;
            /* ‘ opens; ’ closes at a word's end (not the apostrophe of "it’s") */
            else if (k == 0x98) single++;
            else if (k == 0x99 && !is_ascii_alnum(after) && (after < 0x80 || after == 0xE2) && single) single--;
            else if (k == 0x99 && (prev == ',' || prev == '.' || prev == '!' || prev == '?')) closed_unopened = 1;
            i += 2;
        } else if (c == '\'') {
            int at_start = prev == ' ' || prev == '(' || prev == ':' || i == 0;
            /* before a space, punctuation or "…", not a letter */
            int at_end = !is_ascii_alnum(next) && (next < 0x80 || next == 0xE2);
            if (at_start && !at_end && (is_ascii_alnum(next) || next >= 0x80)) single++;
            else if (at_end && single) single--;
            else if (at_end && (prev == ',' || prev == '.' || prev == '!' || prev == '?')) closed_unopened = 1;
        }
    }
    if (dbl || curly || single) return NOISE_QUOTE_OPEN;
    return closed_unopened ? NOISE_QUOTE_CLOSE : 0;
}
