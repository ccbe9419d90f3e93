/* charset.h - any document bytes to valid UTF-8.
 *
 * Contract: charset_to_utf8 never fails: it appends valid UTF-8 to out,
 * whatever the input. The encoding is chosen as follows: a byte order mark
 * (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE) wins; then UTF-16 seen from the
 * first bytes ("<\0?\0"); then the charset of the HTTP Content-Type (may be
 * NULL or ""), then the XML declaration's encoding (when sniff_xml_decl),
 * then UTF-8. Because labels lie, bytes that are valid UTF-8 holding
 * non-ASCII characters are read as UTF-8 whatever a single- or multi-byte
 * label says, and UTF-8 input holding invalid sequences has those bytes
 * read as Windows-1252 (ISO-8859-1 and Windows-1252 labels are read as
 * Windows-1252, as browsers do). Other charsets go through iconv; bytes it
 * cannot convert become U+FFFD; an unknown label falls back to UTF-8 with
 * repair. The BOM is not copied. `used` (may be NULL) receives the name of
 * the encoding that was applied (at most CHARSET_NAME_MAX bytes with NUL).
 */
#ifndef BULLETIN_CHARSET_H
#define BULLETIN_CHARSET_H

#include <stddef.h>

#include "buf.h"

#define CHARSET_NAME_MAX 40

void charset_to_utf8(const char *data, size_t len, const char *content_type, int sniff_xml_decl,
                     buf_t *out, char *used);

/* The charset parameter of a Content-Type value, lower-cased, quotes
 * removed, into name; returns 1 when there is one. */
int charset_from_content_type(const char *content_type, char name[CHARSET_NAME_MAX]);

/* The encoding named by an XML declaration at the start of data. */
int charset_from_xml_decl(const char *data, size_t len, char name[CHARSET_NAME_MAX]);

/* 1 when s is entirely valid UTF-8 (no overlongs, surrogates, > U+10FFFF). */
int charset_is_utf8(const char *s, size_t len);

/* Appends s, keeping valid UTF-8 and reading every invalid byte as
 * Windows-1252; returns how many bytes were repaired. */
size_t charset_repair_utf8(const char *s, size_t len, buf_t *out);

#endif
