/* htmltext.c - see htmltext.h. */
#include "htmltext.h"
#include "htmltext_internal.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "charset.h"
#include "htmltext_entities.h"

#define N_ENTITIES (sizeof html_entities / sizeof html_entities[0])
#define MAX_ENTITY_NAME 32

static int cmp_name(const char *name, size_t n, const char *entry) {
    size_t m = strlen(entry);
    int c = memcmp(name, entry, n < m ? n : m);
    if (c) return c;
    return n < m ? -1 : n > m ? 1 : 0;
}

static const struct html_entity *find_entity(const char *name, size_t n) {
    size_t lo = 0, hi = N_ENTITIES;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cmp_name(name, n, html_entities[mid].name);
        if (c == 0) return &html_entities[mid];
        if (c < 0) hi = mid;
        else lo = mid + 1;
    }
    return NULL;
}

int htmltext_entity_lookup(const char *name, size_t name_len, unsigned cp[2]) {
    const struct html_entity *e = find_entity(name, name_len);
    if (!e) return 0;
    cp[0] = e->cp1;
    cp[1] = e->cp2;
    return 1;
}

static int is_alpha(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static int is_alnum(int c) { return is_alpha(c) || (c >= '0' && c <= '9'); }
static int hexval(int c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

size_t htmltext_decode_entity(const char *s, size_t len, buf_t *out) {
    if (len < 3 || s[0] != '&') return 0;
    size_t i = 1;
    if (s[i] == '#') {
        i++;
        int hex = 0;
        if (i < len && (s[i] == 'x' || s[i] == 'X')) {
            hex = 1;
            i++;
        }
        size_t start = i;
        unsigned long v = 0;
        while (i < len) {
            int d = hex ? hexval((unsigned char)s[i]) : (s[i] >= '0' && s[i] <= '9' ? s[i] - '0' : -1);
            if (d < 0) break;
            if (v <= 0x10FFFF) v = v * (hex ? 16 : 10) + (unsigned long)d;
            i++;
        }
        if (i == start) return 0;
        if (i < len && s[i] == ';') i++;
        unsigned cp = v > 0x10FFFF ? 0xFFFD : (unsigned)v;
        if (cp >= 0x80 && cp <= 0x9F) {
            cp = charset_cp1252((unsigned char)cp); /* C1 numbers mean Windows-1252 */
            if (cp < 0xA0) cp = 0xFFFD;
        }
        charset_put_utf8(out, cp);
        return i;
    }
    size_t start = i;
    while (i < len && i - start < MAX_ENTITY_NAME && is_alnum((unsigned char)s[i])) i++;
    size_t n = i - start;
    if (n == 0) return 0;
    if (i < len && s[i] == ';') {
        const struct html_entity *e = find_entity(s + start, n);
        if (e) {
            charset_put_utf8(out, e->cp1);
            if (e->cp2) charset_put_utf8(out, e->cp2);
            return i + 1;
        }
    }
    /* Old HTML: the longest legacy name that prefixes the run ("&copy2024"). */
    for (size_t k = n; k >= 2; k--) {
        const struct html_entity *e = find_entity(s + start, k);
        if (e && e->legacy) {
            charset_put_utf8(out, e->cp1);
            return start + k;
        }
    }
    return 0;
}

size_t htmltext_decode_entities(const char *s, size_t len, buf_t *out) {
    size_t count = 0, i = 0;
    while (i < len) {
        const char *amp = memchr(s + i, '&', len - i);
        if (!amp) {
            buf_append(out, s + i, len - i);
            break;
        }
        size_t at = (size_t)(amp - s);
        buf_append(out, s + i, at - i);
        size_t used = htmltext_decode_entity(s + at, len - at, out);
        if (used) {
            count++;
            i = at + used;
        } else {
            buf_putc(out, '&');
            i = at + 1;
        }
    }
    return count;
}

/* ---- text assembly with white-space folding ---- */

typedef struct {
    buf_t out;
    int pending_space;
    int pending_breaks; /* 0, 1 line, 2 paragraph */
    int one_line;
} text_sink_t;

static void sink_flush_gap(text_sink_t *t) {
    if (t->out.len > 0) {
        if (t->one_line) {
            if (t->pending_breaks || t->pending_space) buf_putc(&t->out, ' ');
        } else if (t->pending_breaks >= 2) {
            buf_puts(&t->out, "\n\n");
        } else if (t->pending_breaks == 1) {
            buf_putc(&t->out, '\n');
        } else if (t->pending_space) {
            buf_putc(&t->out, ' ');
        }
    }
    t->pending_space = 0;
    t->pending_breaks = 0;
}

/* Length of a white-space or invisible character at s (0 when neither);
 * *visible_space says whether it separates words. */
static size_t space_at(const unsigned char *s, size_t len, int *visible_space) {
    unsigned char c = s[0];
    *visible_space = 1;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
    if (c < 0xC2 || len < 2) return 0;
    if (c == 0xC2 && s[1] == 0xA0) return 2;                     /* no-break space */
    if (c == 0xC2 && s[1] == 0xAD) return (*visible_space = 0), 2; /* soft hyphen */
    if (len < 3) return 0;
    if (c == 0xE2 && s[1] == 0x80) {
        if (s[2] <= 0x8A || s[2] == 0xAF || s[2] == 0xA8 || s[2] == 0xA9) return 3;
        /* zero-width space; ZWNJ and ZWJ (U+200C, U+200D) are letters' glue in
         * Persian, Indic scripts and emoji sequences: kept */
        if (s[2] == 0x8B) return (*visible_space = 0), 3;
    }
    if (c == 0xE1 && s[1] == 0x9A && s[2] == 0x80) return 3; /* ogham space mark */
    if (c == 0xE2 && s[1] == 0x81 && s[2] == 0x9F) return 3;
    if (c == 0xE2 && s[1] == 0x81 && s[2] == 0xA0) return (*visible_space = 0), 3; /* word joiner */
    if (c == 0xE3 && s[1] == 0x80 && s[2] == 0x80) return 3;
    if (c == 0xEF && s[1] == 0xBB && s[2] == 0xBF) return (*visible_space = 0), 3; /* BOM */
    return 0;
}

/* Appends text (already decoded) with white space folded. */
static void sink_text(text_sink_t *t, const char *s, size_t len) {
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        int visible;
        size_t n = space_at(u + i, len - i, &visible);
        if (n) {
            if (visible) t->pending_space = 1;
            i += n;
            continue;
        }
        size_t j = i + 1;
        while (j < len && !space_at(u + j, len - j, &visible)) j++;
        sink_flush_gap(t);
        buf_append(&t->out, s + i, j - i);
        i = j;
    }
}

static void sink_break(text_sink_t *t, int level) {
    if (level == 1 && t->pending_breaks >= 1) level = 2;
    if (level > t->pending_breaks) t->pending_breaks = level;
}

/* Decodes entities of a text run into scratch, then appends it. */
static void sink_html_text(text_sink_t *t, const char *s, size_t len, buf_t *scratch) {
    if (!memchr(s, '&', len)) {
        sink_text(t, s, len);
        return;
    }
    buf_reset(scratch);
    htmltext_decode_entities(s, len, scratch);
    sink_text(t, scratch->data, scratch->len);
}

static const char *const block_tags[] = {
    "address", "article", "aside", "blockquote", "caption", "center", "dd", "details", "dialog",
    "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
    "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "li", "main", "menu", "nav", "ol", "p",
    "pre", "section", "summary", "table", "tbody", "tfoot", "thead", "tr", "ul", "body", "html"};
static const char *const skip_tags[] = {"script", "style", "head", "template", "noscript",
                                        "iframe", "object", "svg", "math", "select", "textarea"};

/* Element names of HTML; in one-line mode (titles) a tag with any other
 * plain name ("<tags>", "<T>") is text someone meant to show. */
static const char *const html_elements[] = {
    "a", "abbr", "acronym", "address", "area", "article", "aside", "audio", "b", "base", "bdi",
    "bdo", "big", "blink", "blockquote", "body", "br", "button", "canvas", "caption", "center",
    "cite", "code", "col", "colgroup", "data", "datalist", "dd", "del", "details", "dfn",
    "dialog", "dir", "div", "dl", "dt", "em", "embed", "fieldset", "figcaption", "figure", "font",
    "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header",
    "hgroup", "hr", "html", "i", "iframe", "img", "input", "ins", "kbd", "label", "legend", "li",
    "link", "main", "map", "mark", "marquee", "math", "menu", "meta", "meter", "nav", "nobr",
    "noscript", "object", "ol", "optgroup", "option", "output", "p", "param", "picture", "pre",
    "progress", "q", "rp", "rt", "ruby", "s", "samp", "script", "section", "select", "small",
    "source", "span", "strike", "strong", "style", "sub", "summary", "sup", "svg", "table",
    "tbody", "td", "template", "textarea", "tfoot", "th", "thead", "time", "title", "tr", "track",
    "tt", "u", "ul", "var", "video", "wbr"};

static int in_list(const char *name, const char *const *list, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (strcmp(name, list[i]) == 0) return 1;
    return 0;
}

/* The end of the tag starting at s[i] == '<' (index just past '>'), honouring
 * quoted attribute values; len when unterminated. */
static size_t tag_end(const char *s, size_t len, size_t i) {
    char quote = 0;
    for (i++; i < len; i++) {
        char c = s[i];
        if (quote) {
            if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
            /* only a quote right after '=' (maybe spaced) opens a value */
            size_t k = i;
            while (k > 0 && (s[k - 1] == ' ' || s[k - 1] == '\t' || s[k - 1] == '\n')) k--;
            if (k > 0 && s[k - 1] == '=') quote = c;
        } else if (c == '>') {
            return i + 1;
        }
    }
    return len;
}

/* Index of needle (ASCII, matched without case) in s[from..len), or len. */
static size_t find_ci(const char *s, size_t len, size_t from, const char *needle) {
    size_t n = strlen(needle);
    size_t i = from;
    if (is_alpha((unsigned char)needle[0])) {
        for (; i + n <= len; i++)
            if (strncasecmp(s + i, needle, n) == 0) return i;
        return len;
    }
    while (i + n <= len) {
        const char *hit = memchr(s + i, needle[0], len - n + 1 - i);
        if (!hit) break;
        i = (size_t)(hit - s);
        if (strncasecmp(s + i, needle, n) == 0) return i;
        i++;
    }
    return len;
}

static char *html_to_text(const char *html, size_t len, int one_line) {
    text_sink_t t = {BUF_INIT, 0, 0, one_line};
    buf_t scratch = BUF_INIT;
    size_t i = 0;
    while (i < len) {
        const char *lt = memchr(html + i, '<', len - i);
        size_t at = lt ? (size_t)(lt - html) : len;
        if (at > i) sink_html_text(&t, html + i, at - i, &scratch);
        i = at;
        if (i >= len) break;
        char next = i + 1 < len ? html[i + 1] : '\0';
        if (next == '!') {
            if (len - i >= 4 && memcmp(html + i, "<!--", 4) == 0) {
                size_t e = find_ci(html, len, i + 4, "-->");
                i = e < len ? e + 3 : len;
            } else if (len - i >= 9 && memcmp(html + i, "<![CDATA[", 9) == 0) {
                size_t e = find_ci(html, len, i + 9, "]]>");
                sink_text(&t, html + i + 9, (e < len ? e : len) - (i + 9));
                i = e < len ? e + 3 : len;
            } else {
                const char *gt = memchr(html + i, '>', len - i);
                i = gt ? (size_t)(gt - html) + 1 : len;
            }
            continue;
        }
        if (next == '?') {
            const char *gt = memchr(html + i, '>', len - i);
            i = gt ? (size_t)(gt - html) + 1 : len;
            continue;
        }
        int closing = next == '/';
        size_t ns = i + 1 + (size_t)closing;
        if (ns >= len || !is_alpha((unsigned char)html[ns])) {
            sink_html_text(&t, html + i, 1, &scratch); /* a lone '<' is text */
            i++;
            continue;
        }
        char name[16];
        size_t nl = 0;
        size_t k = ns;
        while (k < len && (is_alnum((unsigned char)html[k]) || html[k] == ':' || html[k] == '-')) {
            if (nl < sizeof name - 1) {
                char c = html[k];
                name[nl++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            }
            k++;
        }
        name[nl] = '\0';
        size_t end = tag_end(html, len, i);
        if (one_line && !strpbrk(name, ":-") &&
            !in_list(name, html_elements, sizeof html_elements / sizeof html_elements[0])) {
            sink_html_text(&t, html + i, 1, &scratch); /* "<tags>" in a title is text */
            i++;
            continue;
        }
        if (strcmp(name, "br") == 0) {
            sink_break(&t, 1);
        } else if (in_list(name, block_tags, sizeof block_tags / sizeof block_tags[0])) {
            sink_break(&t, 2);
        } else if (strcmp(name, "td") == 0 || strcmp(name, "th") == 0) {
            t.pending_space = 1;
        } else if (!closing && end > 1 && html[end - 2] != '/' &&
                   in_list(name, skip_tags, sizeof skip_tags / sizeof skip_tags[0])) {
            char close[20];
            close[0] = '<';
            close[1] = '/';
            memcpy(close + 2, name, nl + 1);
            size_t e = find_ci(html, len, end, close);
            end = e < len ? tag_end(html, len, e) : len;
            t.pending_space = 1;
        }
        i = end;
    }
    buf_free(&scratch);
    if (!t.out.data) return xstrdup("");
    return buf_detach(&t.out);
}

char *htmltext_to_plain(const char *html, size_t len) { return html_to_text(html, len, 0); }

char *htmltext_to_line(const char *html, size_t len) { return html_to_text(html, len, 1); }

char *htmltext_fold_text(const char *text, size_t len, int keep_paragraphs) {
    text_sink_t t = {BUF_INIT, 0, 0, !keep_paragraphs};
    size_t i = 0;
    while (i < len) {
        /* a line holding only white space between two lines is a paragraph break */
        const char *nl = memchr(text + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - text) : len;
        int blank = 1;
        for (size_t k = i; k < end; k++)
            if (text[k] != ' ' && text[k] != '\t' && text[k] != '\r') blank = 0;
        if (blank && nl) sink_break(&t, 2);
        else sink_text(&t, text + i, end - i);
        if (nl) t.pending_space = 1;
        i = end + (nl ? 1 : 0);
    }
    if (!t.out.data) return xstrdup("");
    return buf_detach(&t.out);
}

char *htmltext_first_img_src(const char *html, size_t len) {
    size_t i = 0;
    while ((i = find_ci(html, len, i, "<img")) < len) {
        size_t end = tag_end(html, len, i);
        size_t k = i + 4;
        while (k + 4 <= end) {
            size_t a = find_ci(html, end, k, "src");
            if (a >= end) break;
            k = a + 3;
            char before = html[a - 1];
            if (before != ' ' && before != '\t' && before != '\n' && before != '\r') continue;
            while (k < end && (html[k] == ' ' || html[k] == '\t')) k++;
            if (k >= end || html[k] != '=') continue;
            k++;
            while (k < end && (html[k] == ' ' || html[k] == '\t')) k++;
            char q = k < end ? html[k] : 0;
            size_t vs = k, ve;
            if (q == '"' || q == '\'') {
                vs = k + 1;
                ve = vs;
                while (ve < end && html[ve] != q) ve++;
            } else {
                ve = vs;
                while (ve < end && html[ve] != ' ' && html[ve] != '>' && html[ve] != '\t') ve++;
            }
            if (ve <= vs) break;
            buf_t b = BUF_INIT;
            htmltext_decode_entities(html + vs, ve - vs, &b);
            char *line = htmltext_fold_text(b.data, b.len, 0);
            buf_free(&b);
            if (*line) return line;
            free(line);
            break;
        }
        i = end;
    }
    return NULL;
}
