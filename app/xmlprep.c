/* xmlprep.c - see xmlprep.h. */
#include "xmlprep.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "htmltext.h"

typedef struct {
    char *name;
    char *raw;      /* literal value as declared; NULL for external entities */
    char *expanded; /* after substituting other entities; set once computed */
    int busy;       /* being expanded (loop detection) */
} entity_decl_t;

typedef struct {
    entity_decl_t *decls;
    size_t n_decls;
    size_t substituted; /* bytes of entity text put into the document */
    size_t budget;
    buf_t *err;
} prep_t;

/* Bytes that need a look: markup, references, forbidden controls, and the
 * lead byte of U+FFFE/U+FFFF. */
static int is_special(unsigned char c) {
    return c == '<' || c == '&' || (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xEF;
}

static int is_name_start(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' || c >= 0x80;
}
static int is_name_char(unsigned char c) {
    return is_name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
}
static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

static int xml_char_ok(unsigned long cp) {
    return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
           (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
}

/* Copies s dropping forbidden characters. */
static void copy_clean(buf_t *out, const char *s, size_t len) {
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        int drop = 0;
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') drop = 1;
        else if (c == 0xEF && i + 2 < len && (unsigned char)s[i + 1] == 0xBF &&
                 ((unsigned char)s[i + 2] == 0xBE || (unsigned char)s[i + 2] == 0xBF))
            drop = 3;
        if (drop) {
            buf_append(out, s + run, i - run);
            i += (size_t)drop - 1;
            run = i + 1;
        }
    }
    buf_append(out, s + run, len - run);
}

static const char *const predefined[] = {"amp", "lt", "gt", "quot", "apos"};

static entity_decl_t *find_decl(prep_t *p, const char *name, size_t n) {
    for (size_t i = 0; i < p->n_decls; i++)
        if (strlen(p->decls[i].name) == n && memcmp(p->decls[i].name, name, n) == 0)
            return &p->decls[i];
    return NULL;
}

static int expand_decl(prep_t *p, entity_decl_t *d, int depth);
static int fix_refs(prep_t *p, const char *s, size_t len, buf_t *out, int depth);

/* Handles the reference at s[0] == '&'; returns bytes used (>= 1), or 0 on
 * a fatal error (message in p->err). */
static size_t one_ref(prep_t *p, const char *s, size_t len, buf_t *out, int depth) {
    size_t i = 1;
    if (i < len && s[i] == '#') {
        i++;
        int hex = i < len && (s[i] == 'x' || s[i] == 'X');
        if (hex) i++;
        size_t start = i;
        unsigned long v = 0;
        while (i < len) {
            char c = s[i];
            int d = c >= '0' && c <= '9' ? c - '0'
                    : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (d < 0) break;
            if (v <= 0x10FFFF) v = v * (hex ? 16 : 10) + (unsigned long)d;
            i++;
        }
        if (i == start) {
            buf_puts(out, "&amp;");
            return 1;
        }
        if (i < len && s[i] == ';') i++;
        if (v >= 0x80 && v <= 0x9F) {
            /* C1 numbers mean Windows-1252 on the web */
            buf_t tmp = BUF_INIT;
            char ref[16];
            memcpy(ref, "&#", 2);
            int n = 2;
            n += snprintf(ref + n, sizeof ref - (size_t)n, "%lu;", v);
            htmltext_decode_entity(ref, (size_t)n, &tmp);
            buf_append(out, tmp.data, tmp.len);
            buf_free(&tmp);
            return i;
        }
        if (!xml_char_ok(v)) v = 0xFFFD;
        buf_printf(out, "&#%lu;", v);
        return i;
    }
    size_t start = i;
    while (i < len && i - start < 64 && is_name_char((unsigned char)s[i])) i++;
    size_t n = i - start;
    if (n == 0 || i >= len || s[i] != ';') {
        buf_puts(out, "&amp;");
        return 1;
    }
    const char *name = s + start;
    for (size_t k = 0; k < sizeof predefined / sizeof predefined[0]; k++)
        if (strlen(predefined[k]) == n && memcmp(predefined[k], name, n) == 0) {
            buf_append(out, s, i + 1);
            return i + 1;
        }
    entity_decl_t *d = find_decl(p, name, n);
    if (d) {
        if (expand_decl(p, d, depth + 1) != 0) return 0;
        size_t el = strlen(d->expanded);
        p->substituted += el;
        if (p->substituted > p->budget) {
            buf_printf(p->err, "entity bomb: entities expand to more than %zu bytes", p->budget);
            return 0;
        }
        buf_append(out, d->expanded, el);
        return i + 1;
    }
    unsigned cp[2];
    if (htmltext_entity_lookup(name, n, cp)) {
        buf_printf(out, "&#%u;", cp[0]);
        if (cp[1]) buf_printf(out, "&#%u;", cp[1]);
        return i + 1;
    }
    buf_puts(out, "&amp;");
    return 1;
}

/* Expanded text of an entity (references inside it fixed or substituted). */
static int expand_decl(prep_t *p, entity_decl_t *d, int depth) {
    if (d->expanded) return 0;
    if (depth > XMLPREP_MAX_DEPTH) {
        buf_printf(p->err, "entity bomb: entities nested deeper than %d", XMLPREP_MAX_DEPTH);
        return -1;
    }
    if (d->busy) {
        buf_printf(p->err, "entity loop: entity '%s' refers to itself", d->name);
        return -1;
    }
    if (!d->raw) {
        d->expanded = xstrdup("");
        return 0;
    }
    d->busy = 1;
    buf_t b = BUF_INIT;
    size_t saved = p->substituted;
    int rc = fix_refs(p, d->raw, strlen(d->raw), &b, depth);
    p->substituted = saved; /* only what lands in the document counts */
    d->busy = 0;
    if (rc == 0 && b.len > XMLPREP_MAX_ENTITY) {
        buf_printf(p->err, "entity bomb: entity '%s' expands to more than %u bytes", d->name,
                   XMLPREP_MAX_ENTITY);
        rc = -1;
    }
    if (rc != 0) {
        buf_free(&b);
        return -1;
    }
    d->expanded = b.data ? buf_detach(&b) : xstrdup("");
    return 0;
}

static int fix_refs(prep_t *p, const char *s, size_t len, buf_t *out, int depth) {
    size_t i = 0;
    while (i < len) {
        const char *amp = memchr(s + i, '&', len - i);
        size_t at = amp ? (size_t)(amp - s) : len;
        copy_clean(out, s + i, at - i);
        if (at >= len) break;
        size_t used = one_ref(p, s + at, len - at, out, depth);
        if (!used) return -1;
        if (out->len > XMLPREP_MAX_ENTITY * 4 && depth > 0) {
            buf_printf(p->err, "entity bomb: entity text larger than %u bytes", XMLPREP_MAX_ENTITY);
            return -1;
        }
        i = at + used;
    }
    return 0;
}

/* Reads the DOCTYPE starting at s (s[0..8] == "<!DOCTYPE"), records its
 * internal entities; returns bytes it spans, 0 on error. */
static size_t read_doctype(prep_t *p, const char *s, size_t len) {
    size_t i = 9;
    char quote = 0;
    /* up to '[' or '>' */
    for (; i < len; i++) {
        char c = s[i];
        if (quote) {
            if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '>') {
            return i + 1;
        } else if (c == '[') {
            break;
        }
    }
    if (i >= len) return len;
    i++;
    while (i < len) {
        if (s[i] == ']') {
            const char *gt = memchr(s + i, '>', len - i);
            return gt ? (size_t)(gt - s) + 1 : len;
        }
        if (len - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
            const char *e = memmem(s + i + 4, len - i - 4, "-->", 3);
            i = e ? (size_t)(e - s) + 3 : len;
            continue;
        }
        if (len - i >= 8 && memcmp(s + i, "<!ENTITY", 8) == 0) {
            size_t k = i + 8;
            while (k < len && is_space(s[k])) k++;
            int parameter = k < len && s[k] == '%';
            if (parameter) {
                k++;
                while (k < len && is_space(s[k])) k++;
            }
            size_t ns = k;
            while (k < len && is_name_char((unsigned char)s[k])) k++;
            size_t nn = k - ns;
            while (k < len && is_space(s[k])) k++;
            char *raw = NULL;
            int external = 0;
            if (k < len && (s[k] == '"' || s[k] == '\'')) {
                char q = s[k];
                const char *e = memchr(s + k + 1, q, len - k - 1);
                if (!e) return len;
                raw = xstrndup(s + k + 1, (size_t)(e - s) - k - 1);
                k = (size_t)(e - s) + 1;
            } else {
                external = 1;
            }
            /* to the declaration's end, skipping quoted literals */
            char q = 0;
            for (; k < len; k++) {
                if (q) {
                    if (s[k] == q) q = 0;
                } else if (s[k] == '"' || s[k] == '\'') {
                    q = s[k];
                } else if (s[k] == '>') {
                    break;
                }
            }
            i = k < len ? k + 1 : len;
            if (parameter || nn == 0 || find_decl(p, s + ns, nn)) {
                free(raw);
                continue;
            }
            if (p->n_decls >= XMLPREP_MAX_DECLS) {
                free(raw);
                buf_printf(p->err, "entity bomb: more than %d entity declarations", XMLPREP_MAX_DECLS);
                return 0;
            }
            (void)external;
            p->decls = xrealloc(p->decls, (p->n_decls + 1) * sizeof *p->decls);
            entity_decl_t *d = &p->decls[p->n_decls++];
            d->name = xstrndup(s + ns, nn);
            d->raw = raw;
            d->expanded = NULL;
            d->busy = 0;
            continue;
        }
        if (s[i] == '"' || s[i] == '\'') {
            const char *e = memchr(s + i + 1, s[i], len - i - 1);
            i = e ? (size_t)(e - s) + 1 : len;
            continue;
        }
        i++;
    }
    return len;
}

/* Copies the construct at s up to and including `end`, verbatim. */
static size_t copy_until(buf_t *out, const char *s, size_t len, size_t from, const char *end) {
    size_t el = strlen(end);
    const char *e = from <= len ? memmem(s + from, len - from, end, el) : NULL;
    size_t stop = e ? (size_t)(e - s) + el : len;
    copy_clean(out, s, stop);
    if (!e) buf_puts(out, end);
    return stop;
}

static const char *const html_elements[] = {"description", "encoded", "summary", "content",
                                            "title", "subtitle", "tagline", "info"};

/* At s[0] == '<': when it opens an HTML-carrying element whose content has
 * raw tags, writes it with the content in CDATA and returns the bytes used;
 * 0 otherwise. */
typedef struct {
    char names[8][72]; /* elements whose closing tag is known to be absent */
    size_t n;
} unclosed_t;

static size_t wrap_html_element(const char *s, size_t len, buf_t *out, unclosed_t *unclosed) {
    size_t i = 1;
    while (i < len && is_name_char((unsigned char)s[i])) i++;
    size_t qlen = i - 1;
    if (qlen == 0 || qlen > 64) return 0;
    const char *local = memchr(s + 1, ':', qlen);
    local = local ? local + 1 : s + 1;
    size_t llen = (size_t)(s + i - local);
    int known = 0;
    for (size_t k = 0; k < sizeof html_elements / sizeof html_elements[0]; k++)
        if (strlen(html_elements[k]) == llen && strncasecmp(local, html_elements[k], llen) == 0)
            known = 1;
    if (!known) return 0;
    const char *gt = memchr(s + i, '>', len - i);
    if (!gt || gt[-1] == '/') return 0;
    size_t open_end = (size_t)(gt - s) + 1;
    if (memmem(s + i, open_end - i, "xhtml", 5) || memmem(s + i, open_end - i, "\"xml\"", 5))
        return 0;
    char close[72]; /* "</" name ">" NUL, name at most 64 */
    close[0] = '<';
    close[1] = '/';
    memcpy(close + 2, s + 1, qlen);
    close[qlen + 2] = '>';
    close[qlen + 3] = '\0';
    for (size_t k = 0; k < unclosed->n; k++)
        if (strcmp(unclosed->names[k], close) == 0) return 0;
    const char *end = memmem(s + open_end, len - open_end, close, qlen + 3);
    if (!end) {
        /* remember, so that many unclosed tags cost one search, not one each */
        if (unclosed->n < sizeof unclosed->names / sizeof unclosed->names[0])
            memcpy(unclosed->names[unclosed->n++], close, qlen + 4);
        return 0;
    }
    size_t inner_len = (size_t)(end - s) - open_end;
    const char *inner = s + open_end;
    size_t k = 0;
    while (k < inner_len && is_space(inner[k])) k++;
    if (inner_len - k >= 9 && memcmp(inner + k, "<![CDATA[", 9) == 0) return 0;
    int raw_tag = 0;
    for (size_t j = 0; j + 1 < inner_len && !raw_tag; j++)
        if (inner[j] == '<' && (is_name_start((unsigned char)inner[j + 1]) || inner[j + 1] == '/'))
            raw_tag = 1;
    if (!raw_tag) return 0;
    copy_clean(out, s, open_end);
    buf_puts(out, "<![CDATA[");
    size_t run = 0;
    for (size_t j = 0; j + 2 < inner_len; j++)
        if (inner[j] == ']' && inner[j + 1] == ']' && inner[j + 2] == '>') {
            copy_clean(out, inner + run, j - run);
            buf_puts(out, "]]]]><![CDATA[>");
            run = j + 3;
            j += 2;
        }
    copy_clean(out, inner + run, inner_len - run);
    buf_puts(out, "]]>");
    buf_append(out, close, qlen + 3);
    return open_end + inner_len + qlen + 3;
}

/* Where the XML starts: the first '<', unless junk that holds markup (a
 * PHP warning in HTML, a proxy banner) comes before the XML declaration or
 * the feed's root element. */
static size_t document_start(const char *data, size_t len) {
    const char *lt = memchr(data, '<', len);
    if (!lt) return len;
    size_t first = (size_t)(lt - data);
    size_t window = len < 65536 ? len : 65536;
    static const char *const starts[] = {"<?xml", "<rss", "<feed", "<rdf:RDF", "<RDF", "<!--",
                                         "<!DOCTYPE", "<?"};
    for (size_t k = 0; k < sizeof starts / sizeof starts[0]; k++)
        if (len - first >= strlen(starts[k]) && memcmp(data + first, starts[k], strlen(starts[k])) == 0)
            return first;
    if (first >= window) return first;
    for (size_t k = 0; k < 4; k++) {
        const char *hit = memmem(data + first, window - first, starts[k], strlen(starts[k]));
        if (hit) return (size_t)(hit - data);
    }
    return first;
}

int xmlprep_clean(const char *data, size_t len, int flags, buf_t *out, buf_t *err) {
    prep_t p = {NULL, 0, 0, XMLPREP_MAX_EXPANSION + len, err};
    size_t i = document_start(data, len);
    unclosed_t unclosed;
    unclosed.n = 0;
    int rc = 0;
    buf_reserve(out, len + len / 16 + 64);
    while (i < len) {
        size_t run = i;
        while (i < len && !is_special((unsigned char)data[i])) i++;
        if (i > run) buf_append(out, data + run, i - run);
        if (i >= len) break;
        const char *s = data + i;
        size_t left = len - i;
        unsigned char c = (unsigned char)s[0];
        if (c == '&') {
            size_t used = one_ref(&p, s, left, out, 0);
            if (!used) {
                rc = -1;
                break;
            }
            i += used;
        } else if (c == '<') {
            unsigned char n1 = left > 1 ? (unsigned char)s[1] : 0;
            if (n1 == '!' && left >= 4 && memcmp(s, "<!--", 4) == 0) {
                i += copy_until(out, s, left, 4, "-->");
            } else if (n1 == '!' && left >= 9 && memcmp(s, "<![CDATA[", 9) == 0) {
                i += copy_until(out, s, left, 9, "]]>");
            } else if (n1 == '!' && left >= 9 && strncasecmp(s, "<!DOCTYPE", 9) == 0) {
                size_t used = read_doctype(&p, s, left);
                if (!used) {
                    rc = -1;
                    break;
                }
                i += used;
            } else if (n1 == '?') {
                i += copy_until(out, s, left, 2, "?>");
            } else if (is_name_start(n1) || n1 == '/' || n1 == '!') {
                size_t used = (flags & XMLPREP_WRAP_HTML) ? wrap_html_element(s, left, out, &unclosed) : 0;
                if (used) {
                    i += used;
                } else {
                    buf_putc(out, '<');
                    i++;
                }
            } else {
                buf_puts(out, "&lt;");
                i++;
            }
        } else if (c == 0xEF) {
            if (left >= 3 && (unsigned char)s[1] == 0xBF &&
                ((unsigned char)s[2] == 0xBE || (unsigned char)s[2] == 0xBF)) {
                i += 3;
            } else {
                buf_putc(out, (char)c);
                i++;
            }
        } else {
            i++; /* forbidden control character */
        }
    }
    for (size_t k = 0; k < p.n_decls; k++) {
        free(p.decls[k].name);
        free(p.decls[k].raw);
        free(p.decls[k].expanded);
    }
    free(p.decls);
    return rc;
}
