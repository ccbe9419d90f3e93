/* xmlprep.h - make a wild XML document (already UTF-8) safe and well-formed
 * enough for libxml2, before it is parsed.
 *
 * Contract: xmlprep_clean copies data into out with these changes, and
 * nothing else:
 *  - anything before the first '<' is dropped (white space, junk);
 *  - the DOCTYPE is removed; the general entities its internal subset
 *    declares with a literal value are substituted at each reference
 *    (external ones become empty), with bounds: nesting depth
 *    XMLPREP_MAX_DEPTH, XMLPREP_MAX_ENTITY bytes per expanded entity, and
 *    XMLPREP_MAX_EXPANSION bytes (plus the input size) of substituted text
 *    in the whole document; a reference loop or any bound exceeded makes it
 *    return -1 with one line in err ("entity bomb"), so libxml2 itself
 *    never expands an entity;
 *  - HTML named references XML lacks (&nbsp; &eacute; ...) become numeric
 *    references; numeric references to characters XML forbids become
 *    U+FFFD, C1 numbers (&#150;) are read as Windows-1252; a reference
 *    missing its ';' after digits gets one; an '&' that starts no known
 *    reference becomes "&amp;" (so "AT&T" and "?a=1&b=2" survive);
 *  - a '<' that cannot start markup ("a < b", "<3") becomes "&lt;";
 *  - control characters XML forbids and U+FFFE/U+FFFF are removed.
 * Comments, CDATA sections and processing instructions are copied as they
 * are (minus forbidden characters).
 */
#ifndef BULLETIN_XMLPREP_H
#define BULLETIN_XMLPREP_H

#include <stddef.h>

#include "buf.h"

#define XMLPREP_MAX_DEPTH 8
#define XMLPREP_MAX_ENTITY (64u << 10)
#define XMLPREP_MAX_EXPANSION (1u << 20)
#define XMLPREP_MAX_DECLS 1024

/* Option for a second attempt when the document is not well-formed: the
 * content of elements that carry HTML (description, content:encoded,
 * summary, content, title, ...) holding raw, unescaped tags is wrapped in a
 * CDATA section, so "<p>a<br>b</p>" inside <description> cannot break the
 * rest of the document. Atom xhtml content is left alone. */
#define XMLPREP_WRAP_HTML 1

int xmlprep_clean(const char *data, size_t len, int flags, buf_t *out, buf_t *err);

#endif
