/* utf8text.h - UTF-8 text normalization and word tokens for the summarizer.
 *
 * Contract: utf8text_normalize turns any bytes into clean UTF-8 text:
 * invalid bytes are read as Windows-1252 (the usual mislabelled charset),
 * the result is NFC (utf8proc), CR/LF and Unicode line separators become
 * '\n', other spaces (tab, no-break, thin...) become ' ' and runs of them
 * one space, invisible characters (zero-width space, soft hyphen, BOM, controls;
 * ZWJ and ZWNJ are kept)
 * are dropped, hyphen variants become '-', dash variants and a spaced "--"
 * become an en dash, lines are trimmed and at most one blank line separates
 * paragraphs. Quotes are kept as they are for display; utf8text_fold makes
 * curly and straight apostrophes alike for matching. Returns a malloc'd
 * string (never NULL).
 *
 * utf8text_next_token walks the words of a text: a token is a run of
 * letters, marks and digits, with inner apostrophes ("don't"), ZWNJ/ZWJ
 * between letters (Persian "mi<ZWNJ>khaham" is one word) and inner
 * '.'/',' between digits ("65.9", "3,000") kept inside it. Pure functions,
 * no state.
 */
#ifndef BULLETIN_UTF8TEXT_H
#define BULLETIN_UTF8TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

enum {
    UTF8TEXT_TOK_NUMBER = 1,  /* holds a digit */
    UTF8TEXT_TOK_CAPITAL = 2, /* starts with an upper-case letter */
    UTF8TEXT_TOK_ALLCAPS = 4, /* two or more letters, all upper-case */
};

typedef struct {
    size_t start; /* byte offset in the text */
    size_t len;   /* bytes */
    unsigned flags;
} utf8text_token_t;

char *utf8text_normalize(const char *s, size_t len);

/* 1 when NFC leaves code point cp alone in any text (see utf8text.c). */
int utf8text_nfc_inert(int32_t cp);

/* Decodes the code point at s[*pos] (len bytes in all) and advances *pos;
 * an invalid byte decodes as itself read as Windows-1252. Returns -1 at the
 * end. */
int32_t utf8text_decode(const char *s, size_t len, size_t *pos);

/* The next token at or after *pos; returns 1 and advances *pos past it, or
 * 0 when there is none. */
int utf8text_next_token(const char *s, size_t len, size_t *pos, utf8text_token_t *tok);

/* Appends the matching form of s[0..len): lower case, curly apostrophes as
 * "'". */
void utf8text_fold(const char *s, size_t len, buf_t *out);

/* Character classes used by the splitter and the shaper. */
int utf8text_is_letter(int32_t cp);
int utf8text_is_upper(int32_t cp);
int utf8text_is_lower(int32_t cp);
int utf8text_is_word_char(int32_t cp);

#endif
