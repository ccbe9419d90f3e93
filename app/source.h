/* source.h - read one input document the way every command takes one: a
 * file, "-" (stdin), a file: URL, or an http(s) URL.
 *
 * Contract: source_read fills out with the bytes (at most max_bytes), the
 * address they came from (the final URL after redirects, the file: URL as
 * given; NULL for a plain path or stdin) and the HTTP Content-Type (or
 * NULL). "file:///p", "file://localhost/p" and "file:/p" name the local file
 * /p (percent escapes decoded). Other schemes are refused. Returns 0, -1
 * with the reason in err, or SOURCE_NEEDS_NETWORK when the input is an
 * http(s) URL and this executable has no network code linked (the front
 * end, helper.h): the caller then runs the command in bulletin-fetch.
 * source_read_http is the network half: source_http.c (libcurl, through
 * fetch.h) in bulletin-fetch and the tests, source_http_none.c elsewhere.
 */
#ifndef BULLETIN_SOURCE_H
#define BULLETIN_SOURCE_H

#include <stddef.h>

#include "buf.h"

#define SOURCE_NEEDS_NETWORK 2

typedef struct {
    buf_t body;
    char *url;
    char *content_type;
} source_t;

int source_read(const char *input, size_t max_bytes, source_t *out, buf_t *err);
void source_free(source_t *s);

int source_read_http(const char *url, size_t max_bytes, source_t *out, buf_t *err);

#endif
