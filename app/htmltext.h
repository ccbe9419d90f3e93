/* htmltext.h - from an HTML fragment (or text carrying HTML entities) to plain
 * UTF-8 text.
 *
 * Contract: nothing here allocates global state or fails on bad input; any
 * byte string gives some text. Entities: every HTML named character
 * reference (the WHATWG list, including the old forms without ';' such as
 * "&nbsp" and "&copy"), decimal and hex numeric references (C1 numbers are
 * read as Windows-1252 like browsers do; NUL, surrogates and out-of-range
 * numbers become U+FFFD). Unknown references stay as written.
 * htmltext_to_plain strips tags, drops script/style/head/template contents
 * and comments, turns block elements into paragraph breaks ("\n\n") and <br>
 * into a line break ("\n"; two or more in a row make a paragraph break),
 * folds every other run of white space (including U+00A0 and the Unicode
 * spaces) into one space, removes the zero-width space, word joiner, BOM
 * and soft hyphens (ZWJ and ZWNJ are kept: they join letters),
 * and trims each line. htmltext_to_line does the same and then joins
 * everything into one line; there, a tag whose name is not an HTML element
 * ("Using <T> in C++", "<tags>") is kept as text, as titles mean it. The input is expected to be UTF-8; invalid
 * bytes are passed through (the caller repairs encodings, see charset.h).
 */
#ifndef BULLETIN_HTMLTEXT_H
#define BULLETIN_HTMLTEXT_H

#include <stddef.h>

#include "buf.h"

/* Looks up a named reference by its name without '&' and ';' (exact,
 * case-sensitive). Fills cp[0..1] (cp[1] is 0 for one code point); returns
 * 1 when found, 0 otherwise. */
int htmltext_entity_lookup(const char *name, size_t name_len, unsigned cp[2]);

/* Decodes the reference at s[0] == '&'. Returns the bytes it spans (0 when
 * s does not start a known reference) and appends its UTF-8 to out. */
size_t htmltext_decode_entity(const char *s, size_t len, buf_t *out);

/* The plain text of an HTML fragment (malloc'd, never NULL). */
char *htmltext_to_plain(const char *html, size_t len);

/* The same, joined into one line (for titles, names). */
char *htmltext_to_line(const char *html, size_t len);

/* Plain text that carries no markup: white space folded as in
 * htmltext_to_plain (keep_paragraphs: blank lines stay paragraph breaks)
 * or into one line, no tag or entity processing. Malloc'd, never NULL. */
char *htmltext_fold_text(const char *text, size_t len, int keep_paragraphs);

/* The src attribute of the first <img> of the fragment, entities decoded,
 * or NULL (malloc'd). */
char *htmltext_first_img_src(const char *html, size_t len);

#endif
