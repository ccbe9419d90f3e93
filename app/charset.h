/* charset.h - any document bytes to valid UTF-8: the one place that knows
 * encodings (labels, sniffing, detection, Windows-1252, UTF-8 itself).
 *
 * Contract: charset_to_utf8 never fails: it appends valid UTF-8 to out,
 * whatever the input. The encoding is chosen as follows: a byte order mark
 * (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE) wins; then UTF-16 seen from the
 * first bytes ("<\0?\0"); then the charset of the HTTP Content-Type (may be
 * NULL or ""), then the document's own declaration (the XML declaration for
 * CHARSET_DOC_XML, a <meta charset> / http-equiv in the first 16 KiB for
 * CHARSET_DOC_HTML), then UTF-8. Because labels lie, the bytes are checked
 * against the label:
 *  - bytes that are valid UTF-8 holding non-ASCII characters are read as
 *    UTF-8 whatever a single- or multi-byte label says;
 *  - UTF-8 holding some invalid sequences has those bytes read as
 *    Windows-1252 (one stray byte never turns a page into Latin-1);
 *  - bytes with no valid multi-byte UTF-8 at all and no label (or a UTF-8
 *    label) go through the detector (uchardet): Big5, GB2312/GB18030,
 *    EUC-JP, Shift_JIS, EUC-KR, KOI8-R, Windows-1251 ... are read as what
 *    it names, else as Windows-1252;
 *  - a Latin-1/Windows-1252 label on text the detector reads as a
 *    non-Latin script (a KOI8-R or EUC-KR feed declared ISO-8859-1) is
 *    read as the detected encoding;
 *  - a multi-byte label (Shift_JIS, EUC-*, Big5, GBK...) that the bytes
 *    break is replaced by the detected encoding when that one reads them
 *    without errors.
 * ISO-8859-1, US-ASCII and Windows-1252 labels are read as Windows-1252, as
 * browsers do. Other charsets go through iconv; bytes it cannot convert
 * become U+FFFD; an unknown label falls back to UTF-8 with repair. The BOM
 * is not copied; for CHARSET_DOC_HTML, NUL bytes become U+FFFD (as HTML
 * parsers read them). `used` (may be NULL) receives the name of the encoding
 * that was applied (at most CHARSET_NAME_MAX bytes with NUL).
 *
 * The helpers below are pure functions, the only UTF-8 and Windows-1252
 * code in the program.
 */
#ifndef BULLETIN_CHARSET_H
#define BULLETIN_CHARSET_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

#define CHARSET_NAME_MAX 40

/* Which in-document declaration may name the encoding. */
typedef enum {
    CHARSET_DOC_TEXT = 0, /* none: the HTTP header only */
    CHARSET_DOC_XML = 1,  /* <?xml ... encoding="..."?> */
    CHARSET_DOC_HTML = 2, /* <meta charset> or <meta http-equiv content-type> */
} charset_doc_t;

void charset_to_utf8(const char *data, size_t len, const char *content_type, charset_doc_t kind,
                     buf_t *out, char *used);

/* The length (1-4) of the valid UTF-8 sequence at s (len bytes left), 0
 * when the bytes there are not one; *cp (may be NULL) gets its code point. */
size_t charset_utf8_decode(const char *s, size_t len, uint32_t *cp);

/* Appends the UTF-8 encoding of cp; NUL, surrogates and numbers past
 * U+10FFFF become U+FFFD. */
void charset_put_utf8(buf_t *out, uint32_t cp);

/* The Unicode character of Windows-1252 byte c. The five bytes the code
 * page leaves undefined (0x81 0x8D 0x8F 0x90 0x9D) give their C1 code
 * point, as the WHATWG decoder does: a result below U+00A0 and not ASCII
 * means "no character" for callers that want one. */
uint32_t charset_cp1252(unsigned char c);

/* Caps UTF-8 text s (malloc'd; may be NULL) at max_chars code points, cut
 * at a character boundary: with `mark` the cut goes back to a space when
 * one is near and "…" ends the text (still at most max_chars). Takes
 * ownership of s and returns it, or the shortened copy. */
char *charset_utf8_cap(char *s, size_t max_chars, int mark);

/* Appends s, keeping valid UTF-8 and reading every invalid byte as
 * Windows-1252; returns how many bytes were repaired. */
size_t charset_repair_utf8(const char *s, size_t len, buf_t *out);

#endif
