/* textinput.c - see textinput.h. */
#include "textinput.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract.h"
#include "fileio.h"
#include "utf8text.h"

int textinput_is_html(const char *s, size_t len) {
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

static int tag_is(const char *tag, size_t n, const char *name) {
    size_t l = strlen(name);
    return n >= l && strncasecmp(tag, name, l) == 0 &&
           (n == l || tag[l] == ' ' || tag[l] == '>' || tag[l] == '/' || tag[l] == '\t' ||
            tag[l] == '\n');
}

static const char *const block_tags[] = {"p", "/p", "br", "br/", "div", "/div", "h1", "/h1",
                                         "h2", "/h2", "h3", "/h3", "h4", "/h4", "li", "/li",
                                         "tr", "/tr", "figcaption", "/figcaption", "blockquote",
                                         "/blockquote", "section", "/section", "article",
                                         "/article", "header", "/header", NULL};

void textinput_strip_html(const char *s, size_t len, buf_t *out) {
    size_t i = 0;
    while (i < len) {
        if (s[i] == '<') {
            const char *gt = memchr(s + i, '>', len - i);
            if (!gt) break;
            const char *tag = s + i + 1;
            size_t n = (size_t)(gt - tag);
            /* skip the content of script, style, noscript, template */
            static const char *const skip[] = {"script", "style", "noscript", "template",
                                               "svg", NULL};
            int skipped = 0;
            for (size_t k = 0; skip[k] && !skipped; k++) {
                if (!tag_is(tag, n, skip[k])) continue;
                char close[32];
                snprintf(close, sizeof close, "</%s", skip[k]);
                const char *e = NULL;
                for (const char *p = gt; p && p < s + len; p++) {
                    if (*p == '<' && (size_t)(s + len - p) >= strlen(close) &&
                        strncasecmp(p, close, strlen(close)) == 0) {
                        e = p;
                        break;
                    }
                }
                const char *e2 = e ? memchr(e, '>', (size_t)(s + len - e)) : NULL;
                i = e2 ? (size_t)(e2 - s) + 1 : len;
                skipped = 1;
            }
            if (skipped) continue;
            if (tag_is(tag, n, "title")) {
                /* the <title> is not body text */
                const char *e = strstr(gt, "</");
                i = e ? (size_t)(e - s) : len;
                continue;
            }
            for (size_t k = 0; block_tags[k]; k++)
                if (tag_is(tag, n, block_tags[k])) {
                    buf_puts(out, "\n\n");
                    break;
                }
            i = (size_t)(gt - s) + 1;
            continue;
        }
        if (s[i] == '&') {
            static const struct {
                const char *ent, *txt;
            } ents[] = {{"&amp;", "&"},       {"&lt;", "<"},       {"&gt;", ">"},
                        {"&quot;", "\""},     {"&#39;", "'"},      {"&apos;", "'"},
                        {"&nbsp;", " "},      {"&rsquo;", "\xe2\x80\x99"},
                        {"&lsquo;", "\xe2\x80\x98"}, {"&rdquo;", "\xe2\x80\x9d"},
                        {"&ldquo;", "\xe2\x80\x9c"}, {"&mdash;", "\xe2\x80\x94"},
                        {"&ndash;", "\xe2\x80\x93"}, {"&hellip;", "\xe2\x80\xa6"}};
            int done = 0;
            for (size_t k = 0; k < sizeof ents / sizeof ents[0] && !done; k++) {
                size_t l = strlen(ents[k].ent);
                if (len - i >= l && memcmp(s + i, ents[k].ent, l) == 0) {
                    buf_puts(out, ents[k].txt);
                    i += l;
                    done = 1;
                }
            }
            if (!done && i + 3 < len && s[i + 1] == '#') {
                char *end;
                long cp = s[i + 2] == 'x' || s[i + 2] == 'X' ? strtol(s + i + 3, &end, 16)
                                                             : strtol(s + i + 2, &end, 10);
                if (end < s + len && *end == ';' && cp > 0 && cp < 0x110000) {
                    utf8text_put(out, (int32_t)cp);
                    i = (size_t)(end - s) + 1;
                    done = 1;
                }
            }
            if (done) continue;
        }
        buf_putc(out, s[i]);
        i++;
    }
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

int textinput_load(const char *path, textinput_t *out, buf_t *err) {
    memset(out, 0, sizeof *out);
    buf_t raw = BUF_INIT;
    if (file_read(path, TEXTINPUT_MAX_BYTES, &raw, err) != 0) {
        buf_free(&raw);
        return -1;
    }
    if (raw.len == 0 || memchr(raw.data, '\0', raw.len)) {
        buf_puts(err, raw.len ? "input holds NUL bytes: not text" : "input is empty");
        buf_free(&raw);
        return -1;
    }
    if (textinput_is_html(raw.data, raw.len)) {
        extract_result_t r;
        memset(&r, 0, sizeof r);
        buf_t xerr = BUF_INIT;
        if (raw.len <= EXTRACT_MAX_BYTES &&
            extract_page(raw.data, raw.len, NULL, NULL, &r, &xerr) == 0 && r.text && *r.text) {
            out->text = xstrdup(r.text);
            out->title = r.title && *r.title ? xstrdup(r.title) : NULL;
            out->lang = r.lang && *r.lang ? xstrdup(r.lang) : NULL;
            out->url = r.url && *r.url ? xstrdup(r.url) : NULL;
            out->site_name = r.site_name && *r.site_name ? xstrdup(r.site_name) : NULL;
            extract_free(&r);
        } else {
            extract_free(&r);
            buf_t plain = BUF_INIT;
            textinput_strip_html(raw.data, raw.len, &plain);
            out->text = buf_detach(&plain);
        }
        buf_free(&xerr);
    } else {
        out->text = buf_detach(&raw);
        out->title = plain_title(out->text);
    }
    buf_free(&raw);
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
