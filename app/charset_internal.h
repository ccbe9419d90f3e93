/* charset_internal.h - what charset.c exposes to its own tests only.
 *
 * Contract: these are charset.c's helpers, kept out of charset.h because no other
 * module calls them; tests/test_arch.c fails when a module other than
 * charset includes this header. The tests call them to check the pieces alone.
 */
#ifndef BULLETIN_CHARSET_INTERNAL_H
#define BULLETIN_CHARSET_INTERNAL_H

#include "charset.h"

/* The charset parameter of a Content-Type value, lower-cased, quotes
 * removed, into name; returns 1 when there is one. */
int charset_from_content_type(const char *content_type, char name[CHARSET_NAME_MAX]);

/* The encoding named by an XML declaration at the start of data. */
int charset_from_xml_decl(const char *data, size_t len, char name[CHARSET_NAME_MAX]);

/* The encoding named by a <meta> in the first 16 KiB of an HTML page. */
int charset_from_html_meta(const char *data, size_t len, char name[CHARSET_NAME_MAX]);

/* 1 when s is entirely valid UTF-8 (no overlongs, surrogates, > U+10FFFF). */
int charset_is_utf8(const char *s, size_t len);

#endif
