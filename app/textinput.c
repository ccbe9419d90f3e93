/* textinput.c - see textinput.h: the part of reading an article both
 * implementations of textinput_load share. */
#include "textinput.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fileio.h"

/* Is this HTML (a tag near the start)? */
static int textinput_is_html(const char *s, size_t len) {
    size_t i = 0;
    if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) i = 3;
    while (i < len && (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t')) i++;
    if (i >= len || s[i] != '<') return 0;
    static const char *const starts[] = {"<!doctype html", "<html", "<head", "<body", "<!--",
                                         "<meta", "<article", "<div", "<p>", "<p ", "<title",
                                         NULL};
    for (size_t k = 0; starts[k]; k++)
        if (len - i >= strlen(starts[k]) && strncasecmp(s + i, starts[k], strlen(starts[k])) == 0)
            return 1;
    return 0;
}

/* A first line without end punctuation, then a blank line: the title. */
static char *plain_title(const char *text) {
    const char *p = text;
    while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t') p++;
    const char *nl = strchr(p, '\n');
    if (!nl) return NULL;
    const char *q = nl + 1;
    if (*q == '\r') q++;
    if (*q != '\n') return NULL;
    size_t n = (size_t)(nl - p);
    while (n && (p[n - 1] == '\r' || p[n - 1] == ' ')) n--;
    if (n == 0 || n > 300) return NULL;
    char last = p[n - 1];
    if (last == '.' || last == ',' || last == ';' || last == ':') return NULL;
    return xstrndup(p, n);
}

int textinput_read(const char *path, textinput_t *out, buf_t *raw, buf_t *err) {
    memset(out, 0, sizeof *out);
    buf_reset(raw);
    if (file_read(path, TEXTINPUT_MAX_BYTES, raw, err) != 0) return -1;
    if (raw->len == 0 || memchr(raw->data, '\0', raw->len)) {
        buf_puts(err, raw->len ? "input holds NUL bytes: not text" : "input is empty");
        return -1;
    }
    if (textinput_is_html(raw->data, raw->len)) return TEXTINPUT_HTML;
    out->text = buf_detach(raw);
    out->title = plain_title(out->text);
    return 0;
}

void textinput_free(textinput_t *t) {
    free(t->text);
    free(t->title);
    free(t->lang);
    free(t->url);
    free(t->site_name);
    memset(t, 0, sizeof *t);
}
