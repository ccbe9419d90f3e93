/* source.c - see source.h. */
#include "source.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fileio.h"
#include "urlutil.h"

int source_read(const char *input, size_t max_bytes, source_t *out, buf_t *err) {
    memset(out, 0, sizeof *out);
    if (url_is_web(input))
        return source_read_http(input, max_bytes, out, err);
    const char *path = input;
    char *decoded = NULL;
    if (url_has_scheme(input)) {
        if (!url_is_file(input)) {
            buf_printf(err, "%s: only http, https and file URLs can be read", input);
            return -1;
        }
        decoded = url_file_path(input);
        if (!decoded || !*decoded) {
            buf_printf(err, "%s: a file: URL must name a local file (file:///path, no %% escapes)",
                       input);
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
