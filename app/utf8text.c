/* utf8text.c - see utf8text.h. */
#include "utf8text.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "charset.h"
#include "swar.h"

int32_t utf8text_decode(const char *s, size_t len, size_t *pos) {
    if (*pos >= len) return -1;
    if ((unsigned char)s[*pos] < 0x80) return (unsigned char)s[(*pos)++];
    uint32_t cp;
    size_t n = charset_utf8_decode(s + *pos, len - *pos, &cp);
    if (n) {
        *pos += n;
        return (int32_t)cp;
    }
    /* an invalid byte: read as Windows-1252, U+FFFD where that has none */
    cp = charset_cp1252((unsigned char)s[(*pos)++]);
    return cp >= 0xA0 ? (int32_t)cp : 0xFFFD;
}

int utf8text_is_letter(int32_t cp) {
    if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    utf8proc_category_t c = utf8proc_category(cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

int utf8text_is_upper(int32_t cp) {
    if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

int utf8text_is_lower(int32_t cp) {
    if (cp < 0x80) return cp >= 'a' && cp <= 'z';
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

int utf8text_is_word_char(int32_t cp) {
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    utf8proc_category_t c = utf8proc_category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_ND) ||
           c == UTF8PROC_CATEGORY_NL || c == UTF8PROC_CATEGORY_NO;
}


/* What a code point becomes in normalized text: -1 dropped, ' ' a space,
 * '\n' a line break, else the (possibly folded) code point. */
static int32_t fold_char(int32_t cp) {
    if (cp == '\n' || cp == 0x2028 || cp == 0x2029 || cp == 0x85 || cp == '\f' || cp == '\v')
        return '\n';
    if (cp == '\t' || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F ||
        cp == 0x205F || cp == 0x3000)
        return ' ';
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) return -1;
    /* ZWNJ/ZWJ (U+200C/D) are kept: they join letters and emoji */
    if (cp == 0xAD || cp == 0x200B || cp == 0x200E || cp == 0x200F || cp == 0xFEFF || cp == 0x2060 ||
        (cp >= 0x202A && cp <= 0x202E) || cp == 0xFFFD)
        return -1;
    if (cp == 0x2010 || cp == 0x2011 || cp == 0x2212) return '-';
    if (cp == 0x2012 || cp == 0x2013 || cp == 0x2014 || cp == 0x2015) return 0x2013;
    return cp;
}

/* A code point NFC leaves alone wherever it stands: NFC maps it to
 * itself, it combines with nothing before it, and neither does the
 * starter of its decomposition (tests/test_summarize.c proves it for every
 * one of them against utf8proc's tables). Text made only of these is
 * already NFC, the usual case for news, so the NFC pass can be skipped. */
int utf8text_nfc_inert(int32_t cp) {
    return (cp >= 0 && cp < 0x300) || (cp >= 0x2010 && cp <= 0x2027) ||
           (cp >= 0x2030 && cp <= 0x205E) || (cp >= 0x20A0 && cp <= 0x20C0) || cp == 0x2122;
}

char *utf8text_normalize(const char *s, size_t len) {
    /* 1. repair: every byte sequence to valid UTF-8; CR LF to LF. */
    buf_t valid = BUF_INIT;
    buf_reserve(&valid, len);
    int inert = 1; /* every code point NFC-inert so far */
    for (size_t pos = 0; pos < len;) {
        /* a run of ASCII other than CR and NUL is copied as it is */
        size_t e = pos;
        for (uint64_t x; e + 8 <= len; e += 8) {
            x = swar_load(s + e);
            if ((x & SWAR_HI) | swar_eq(x, '\r') | swar_eq(x, 0)) break;
        }
        while (e < len && (unsigned char)s[e] < 0x80 && s[e] != '\r' && s[e] != 0) e++;
        if (e > pos) {
            buf_append(&valid, s + pos, e - pos);
            pos = e;
            continue;
        }
        int32_t cp = utf8text_decode(s, len, &pos);
        if (cp == '\r') {
            if (pos < len && s[pos] == '\n') continue;
            cp = '\n';
        }
        if (cp == 0) continue;
        if (inert && !utf8text_nfc_inert(cp)) inert = 0;
        charset_put_utf8(&valid, cp);
    }
    /* 2. NFC, unless it would change nothing. */
    utf8proc_uint8_t *nfc = NULL;
    const char *src = buf_cstr(&valid);
    size_t src_len = valid.len;
    if (valid.len && !inert) {
        utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)valid.data,
                                          (utf8proc_ssize_t)valid.len, &nfc,
                                          UTF8PROC_STABLE | UTF8PROC_COMPOSE);
        if (n >= 0) {
            src = (const char *)nfc;
            src_len = (size_t)n;
        }
    }
    /* 3. fold spaces, dashes, invisible characters; trim lines; at most
     * one blank line. */
    buf_t out = BUF_INIT;
    buf_reserve(&out, src_len);
    int pending_space = 0, pending_newlines = 0;
    for (size_t pos = 0; pos < src_len;) {
        /* a run of printable ASCII but space and '-' is kept as it is, and so
         * is a single space inside it before more of the same (the space
         * the fold would put back there) */
        size_t e = pos;
        for (;;) {
            while (e < src_len && (unsigned char)src[e] > 0x20 && (unsigned char)src[e] < 0x7F &&
                   src[e] != '-')
                e++;
            if (e > pos && e + 1 < src_len && src[e] == ' ' && (unsigned char)src[e + 1] > 0x20 &&
                (unsigned char)src[e + 1] < 0x7F && src[e + 1] != '-') {
                e += 2;
                continue;
            }
            break;
        }
        if (e > pos) {
            if (out.len) {
                if (pending_newlines) buf_puts(&out, pending_newlines > 1 ? "\n\n" : "\n");
                else if (pending_space) buf_putc(&out, ' ');
            }
            pending_newlines = 0;
            pending_space = 0;
            buf_append(&out, src + pos, e - pos);
            pos = e;
            continue;
        }
        if (src[pos] == ' ') {
            pending_space = 1;
            pos++;
            continue;
        }
        int32_t cp = fold_char(utf8text_decode(src, src_len, &pos));
        if (cp < 0) continue;
        if (cp == ' ') {
            pending_space = 1;
            continue;
        }
        if (cp == '\n') {
            pending_newlines++;
            pending_space = 0;
            continue;
        }
        /* a spaced "--" is a dash */
        if (cp == '-' && pos < src_len && src[pos] == '-' && (pending_space || out.len == 0) &&
            (pos + 1 >= src_len || src[pos + 1] == ' ' || src[pos + 1] == '\n')) {
            pos++;
            cp = 0x2013;
        }
        if (out.len) {
            if (pending_newlines) buf_puts(&out, pending_newlines > 1 ? "\n\n" : "\n");
            else if (pending_space) buf_putc(&out, ' ');
        }
        pending_newlines = 0;
        pending_space = 0;
        charset_put_utf8(&out, cp);
    }
    free(nfc);
    buf_free(&valid);
    buf_append(&out, "", 0); /* terminated even when empty */
    return buf_detach(&out);
}

static int is_apostrophe(int32_t cp) { return cp == '\'' || cp == 0x2019; }

/* The classes the tokenizer asks about, in one look-up for ASCII. */
enum { CL_WORD = 1, CL_DIGIT = 2, CL_UPPER = 4, CL_LETTER = 8, CL_HIGH = 16 /* a byte >= 0x80 */ };

/* The class of every byte: ASCII's in full, the bytes of a multi-byte
 * sequence CL_HIGH only (decode them to know more). */
#define H16 CL_HIGH, CL_HIGH, CL_HIGH, CL_HIGH, CL_HIGH, CL_HIGH, CL_HIGH, CL_HIGH, \
            CL_HIGH, CL_HIGH, CL_HIGH, CL_HIGH, CL_HIGH, CL_HIGH, CL_HIGH, CL_HIGH
static const unsigned char byte_class[256] = {
    ['0'] = CL_WORD | CL_DIGIT, ['1'] = CL_WORD | CL_DIGIT, ['2'] = CL_WORD | CL_DIGIT,
    ['3'] = CL_WORD | CL_DIGIT, ['4'] = CL_WORD | CL_DIGIT, ['5'] = CL_WORD | CL_DIGIT,
    ['6'] = CL_WORD | CL_DIGIT, ['7'] = CL_WORD | CL_DIGIT, ['8'] = CL_WORD | CL_DIGIT,
    ['9'] = CL_WORD | CL_DIGIT,
#define U(c) [c] = CL_WORD | CL_UPPER | CL_LETTER, [c + 32] = CL_WORD | CL_LETTER
    U('A'), U('B'), U('C'), U('D'), U('E'), U('F'), U('G'), U('H'), U('I'), U('J'), U('K'), U('L'), U('M'),
    U('N'), U('O'), U('P'), U('Q'), U('R'), U('S'), U('T'), U('U'), U('V'), U('W'), U('X'), U('Y'), U('Z'),
#undef U
    [0x80] = H16, H16, H16, H16, H16, H16, H16, H16,
};
#undef H16

/* What utf8text_is_word_char, is_digit, is_upper and is_letter say of cp
 * (cp_class: ASCII inline, the rest from utf8proc). */
#define cp_class(cp) ((cp) < 0x80 ? (unsigned)byte_class[(cp)] : cp_class_other(cp))

static unsigned cp_class_other(int32_t cp) {
    utf8proc_category_t c = utf8proc_category(cp);
    unsigned k = 0;
    if ((c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_ND) || c == UTF8PROC_CATEGORY_NL ||
        c == UTF8PROC_CATEGORY_NO)
        k |= CL_WORD;
    if (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) k |= CL_LETTER;
    if (c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT) k |= CL_UPPER;
    return k;
}

/* utf8text_decode with ASCII inline. */
static inline int32_t next_cp(const char *s, size_t len, size_t *pos) {
    if (*pos < len && (unsigned char)s[*pos] < 0x80) return (unsigned char)s[(*pos)++];
    return utf8text_decode(s, len, pos);
}

int utf8text_next_token(const char *s, size_t len, size_t *pos, utf8text_token_t *tok) {
    size_t p = *pos;
    int32_t cp = -1;
    size_t start = 0;
    unsigned k;
    for (;;) {
        /* ASCII that is no word character, skipped without decoding */
        while (p < len && !(byte_class[(unsigned char)s[p]] & (CL_WORD | CL_HIGH))) p++;
        start = p;
        cp = next_cp(s, len, &p);
        if (cp < 0) {
            *pos = len;
            return 0;
        }
        k = cp_class(cp);
        if (k & CL_WORD) break;
    }
    unsigned flags = 0;
    int letters = 0, uppers = 0;
    if (k & CL_DIGIT) flags |= UTF8TEXT_TOK_NUMBER;
    if (k & CL_UPPER) flags |= UTF8TEXT_TOK_CAPITAL;
    if (k & CL_LETTER) {
        letters++;
        uppers += (k & CL_UPPER) != 0;
    }
    unsigned prev = k; /* the class of the last word character */
    size_t end = p;
    for (;;) {
        /* a run of ASCII letters and digits, without decoding */
        size_t run = end;
        unsigned seen = 0;
        while (end < len) {
            unsigned ka = byte_class[(unsigned char)s[end]];
            if (!(ka & CL_WORD)) break;
            seen |= ka;
            letters += (ka / CL_LETTER) & 1;
            uppers += (ka / CL_UPPER) & 1;
            end++;
        }
        if (end > run) {
            if (seen & CL_DIGIT) flags |= UTF8TEXT_TOK_NUMBER;
            prev = byte_class[(unsigned char)s[end - 1]];
        }
        /* an ASCII byte that is neither a word character nor a joiner ends it */
        if (end < len && (unsigned char)s[end] < 0x80 && s[end] != '\'' && s[end] != '.' && s[end] != ',')
            break;
        size_t q = end;
        int32_t c = next_cp(s, len, &q);
        if (c < 0) break;
        unsigned kc = cp_class(c);
        if (kc & CL_WORD) {
            if (kc & CL_DIGIT) flags |= UTF8TEXT_TOK_NUMBER;
            if (kc & CL_LETTER) {
                letters++;
                uppers += (kc & CL_UPPER) != 0;
            }
            prev = kc;
            end = q;
            continue;
        }
        /* joiners: apostrophe between letters, . or , between digits */
        int joins_letters = is_apostrophe(c) || c == 0x200C || c == 0x200D;
        int joins_digits = c == '.' || c == ',';
        if (!joins_letters && !joins_digits) break;
        size_t r = q;
        int32_t next = next_cp(s, len, &r);
        if (next < 0) break;
        unsigned kn = cp_class(next);
        if (joins_letters && (prev & CL_LETTER) && (kn & CL_LETTER)) {
            end = q;
            continue;
        }
        if (joins_digits && (prev & CL_DIGIT) && (kn & CL_DIGIT)) {
            end = q;
            continue;
        }
        break;
    }
    if (letters >= 2 && uppers == letters) flags |= UTF8TEXT_TOK_ALLCAPS;
    tok->start = start;
    tok->len = end - start;
    tok->flags = flags;
    *pos = end;
    return 1;
}

void utf8text_fold(const char *s, size_t len, buf_t *out) {
    if (out->len + len >= out->cap) buf_reserve(out, len); /* a reused buffer mostly has room */
    for (size_t pos = 0; pos < len;) {
        /* ASCII: lower case in place, eight bytes at a time while it lasts
         * (there is room for len - e more bytes at d) */
        char *d = out->data + out->len;
        size_t e = pos;
        for (uint64_t x; e + 8 <= len && !((x = swar_load(s + e)) & SWAR_HI); e += 8, d += 8) {
            x = swar_lower_ascii(x);
            memcpy(d, &x, 8);
        }
        for (; e < len && (unsigned char)s[e] < 0x80; e++) {
            char b = s[e];
            *d++ = b >= 'A' && b <= 'Z' ? (char)(b + 32) : b;
        }
        out->len += e - pos;
        pos = e;
        if (pos >= len) break;
        out->data[out->len] = '\0';
        int32_t cp = utf8text_decode(s, len, &pos);
        if (cp < 0x80) {
            if (cp >= 'A' && cp <= 'Z') cp += 32;
            buf_putc(out, (char)cp);
            continue;
        }
        if (cp == 0x2019 || cp == 0x2018) cp = '\'';
        else cp = utf8proc_tolower(cp);
        charset_put_utf8(out, cp);
        /* what is left may be all ASCII again: keep room for it */
        buf_reserve(out, len - pos);
    }
    out->data[out->len] = '\0';
}
