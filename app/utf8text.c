/* utf8text.c - see utf8text.h. */
#include "utf8text.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "charset.h"

int32_t utf8text_decode(const char *s, size_t len, size_t *pos) {
    if (*pos >= len) return -1;
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

static int is_digit(int32_t cp) { return cp >= '0' && cp <= '9'; }

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
        /* a run of printable ASCII but space and '-' is kept as it is */
        size_t e = pos;
        while (e < src_len && (unsigned char)src[e] > 0x20 && (unsigned char)src[e] < 0x7F &&
               src[e] != '-')
            e++;
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

int utf8text_next_token(const char *s, size_t len, size_t *pos, utf8text_token_t *tok) {
    size_t p = *pos;
    int32_t cp = -1;
    size_t start = 0;
    for (;;) {
        start = p;
        cp = utf8text_decode(s, len, &p);
        if (cp < 0) {
            *pos = len;
            return 0;
        }
        if (utf8text_is_word_char(cp)) break;
    }
    unsigned flags = 0;
    int letters = 0, uppers = 0;
    if (is_digit(cp)) flags |= UTF8TEXT_TOK_NUMBER;
    if (utf8text_is_upper(cp)) flags |= UTF8TEXT_TOK_CAPITAL;
    if (utf8text_is_letter(cp)) {
        letters++;
        uppers += utf8text_is_upper(cp);
    }
    int32_t prev = cp;
    size_t end = p;
    for (;;) {
        size_t q = end;
        int32_t c = utf8text_decode(s, len, &q);
        if (c < 0) break;
        if (utf8text_is_word_char(c)) {
            if (is_digit(c)) flags |= UTF8TEXT_TOK_NUMBER;
            if (utf8text_is_letter(c)) {
                letters++;
                uppers += utf8text_is_upper(c);
            }
            prev = c;
            end = q;
            continue;
        }
        /* joiners: apostrophe between letters, . or , between digits */
        size_t r = q;
        int32_t next = utf8text_decode(s, len, &r);
        if (next < 0) break;
        if ((is_apostrophe(c) || c == 0x200C || c == 0x200D) && utf8text_is_letter(prev) &&
            utf8text_is_letter(next)) {
            end = q;
            continue;
        }
        if ((c == '.' || c == ',') && is_digit(prev) && is_digit(next)) {
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
    for (size_t pos = 0; pos < len;) {
        int32_t cp = utf8text_decode(s, len, &pos);
        if (cp < 0x80) {
            if (cp >= 'A' && cp <= 'Z') cp += 32;
            buf_putc(out, (char)cp);
            continue;
        }
        if (cp == 0x2019 || cp == 0x2018) cp = '\'';
        else cp = utf8proc_tolower(cp);
        charset_put_utf8(out, cp);
    }
}
