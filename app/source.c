/* source.c - see source.h. */
#include "source.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fileio.h"
#include "urlutil.h"

static int hexval(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* The local path a file: URL names (malloc'd), or NULL when it names
 * another host. */
static char *file_url_path(const char *url) {
    const char *p = url + 5; /* after "file:" */
    if (strncmp(p, "//", 2) == 0) {
        p += 2;
        if (strncasecmp(p, "localhost/", 10) == 0) p += 9;
        else if (*p != '/') return NULL;
    }
    buf_t b = BUF_INIT;
    for (; *p && *p != '?' && *p != '#'; p++) {
        int hi, lo;
        if (*p == '%' && (hi = hexval(p[1])) >= 0 && (lo = hexval(p[2])) >= 0 && (hi || lo)) {
            buf_putc(&b, (char)(hi * 16 + lo));
            p += 2;
        } else {
            buf_putc(&b, *p);
        }
    }
    return buf_detach(&b);
}

int source_read(const char *input, size_t max_bytes, source_t *out, buf_t *err) {
    memset(out, 0, sizeof *out);
    if (strncasecmp(input, "http://", 7) == 0 || strncasecmp(input, "https://", 8) == 0)
        return source_read_http(input, max_bytes, out, err);
    const char *path = input;
    char *decoded = NULL;
    if (url_has_scheme(input)) {
        if (strncasecmp(input, "file:", 5) != 0) {
            buf_printf(err, "%s: only http, https and file URLs can be read", input);
            return -1;
        }
        decoded = file_url_path(input);
        if (!decoded || !*decoded) {
            buf_printf(err, "%s: a file: URL must name a local file (file:///path)", input);
            free(decoded);
            return -1;
        }
        path = decoded;
        out->url = xstrdup(input);
    }
    int rc = file_read(path, max_bytes, &out->body, err);
    free(decoded);
    if (rc != 0) source_free(out);
    return rc;
}

void source_free(source_t *s) {
    if (!s) return;
    buf_free(&s->body);
    free(s->url);
    free(s->content_type);
    memset(s, 0, sizeof *s);
}
