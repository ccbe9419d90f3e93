/* opml.c - see opml.h. */
#include "opml.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "urlutil.h"
#include "log.h"
#include "xmlerr.h"

#define MODULE "opml"
#define NAME_MAX_BYTES 80
#define MAX_FEEDS 5000

typedef struct {
    opml_feed_t *feeds;
    size_t n;
} list_t;

/* The attribute named `name`, compared case-insensitively (xmlUrl, xmlurl). */
static char *attr(xmlNode *node, const char *name) {
    for (xmlAttr *a = node->properties; a; a = a->next) {
        if (strcasecmp((const char *)a->name, name) != 0) continue;
        xmlChar *v = xmlNodeListGetString(node->doc, a->children, 1);
        char *out = v ? xstrdup((const char *)v) : NULL;
        xmlFree(v);
        return out;
    }
    return NULL;
}

/* Trims s in place; returns it (NULL stays NULL; empty becomes NULL). */
static char *trim(char *s) {
    if (!s) return NULL;
    char *p = s;
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') p++;
    size_t len = strlen(p);
    while (len && (p[len - 1] == ' ' || p[len - 1] == '\t' || p[len - 1] == '\n' ||
                   p[len - 1] == '\r'))
        len--;
    memmove(s, p, len);
    s[len] = '\0';
    if (!*s) {
        free(s);
        return NULL;
    }
    return s;
}

/* A name safe between the quotes of [feed "..."], at most NAME_MAX_BYTES,
 * cut on a UTF-8 character boundary. */
static char *safe_name(const char *raw) {
    buf_t b = BUF_INIT;
    int space = 0;
    for (const unsigned char *p = (const unsigned char *)raw; *p; p++) {
        unsigned char c = *p;
        if (c < 0x20 || c == 0x7f || c == '"' || c == '[' || c == ']' || c == ';' || c == '#' ||
            c == ' ') {
            space = b.len > 0;
            continue;
        }
        if (space) buf_append(&b, " ", 1), space = 0;
        buf_append(&b, (const char *)p, 1);
    }
    if (b.len > NAME_MAX_BYTES) {
        size_t cut = NAME_MAX_BYTES;
        while (cut > 0 && ((unsigned char)b.data[cut] & 0xC0) == 0x80) cut--;
        b.len = cut;
        b.data[cut] = '\0';
    }
    return buf_detach(&b);
}

static int has_name(const list_t *l, const char *name) {
    for (size_t i = 0; i < l->n; i++)
        if (strcasecmp(l->feeds[i].name, name) == 0) return 1;
    return 0;
}

static void add_outline(list_t *l, xmlNode *node) {
    char *url = trim(attr(node, "xmlUrl"));
    if (!url) return;
    if (!url_is_web(url) || strchr(url, '\n') || strlen(url) > 2048) {
        log_warn(MODULE, "skipped a feed whose address is not http(s): %.200s", url);
        free(url);
        return;
    }
    for (size_t i = 0; i < l->n; i++) {
        if (strcmp(l->feeds[i].url, url) == 0) {
            free(url);
            return;
        }
    }
    if (l->n >= MAX_FEEDS) {
        log_warn(MODULE, "more than %d feeds; the rest skipped", MAX_FEEDS);
        free(url);
        return;
    }
    char *label = trim(attr(node, "title"));
    if (!label) label = trim(attr(node, "text"));
    char *name = safe_name(label ? label : url);
    free(label);
    if (!*name) {
        free(name);
        name = safe_name(url);
    }
    char *unique = xstrdup(name);
    for (int k = 2; has_name(l, unique); k++) {
        free(unique);
        buf_t b = BUF_INIT;
        buf_printf(&b, "%s %d", name, k);
        unique = buf_detach(&b);
    }
    free(name);
    l->feeds = xrealloc(l->feeds, (l->n + 1) * sizeof *l->feeds);
    l->feeds[l->n++] = (opml_feed_t){.name = unique, .url = url};
}

static void walk(list_t *l, xmlNode *node, int depth) {
    if (depth > 64) return;
    for (xmlNode *n = node; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE) continue;
        if (strcasecmp((const char *)n->name, "outline") == 0) add_outline(l, n);
        walk(l, n->children, depth + 1);
    }
}

int opml_parse(const char *data, size_t len, opml_feed_t **out, size_t *n, buf_t *err) {
    *out = NULL;
    *n = 0;
    if (len > OPML_MAX_BYTES) {
        buf_printf(err, "larger than %u bytes", OPML_MAX_BYTES);
        return -1;
    }
    xmlerr_t xe; /* libxml2's own messages go to the log, not stderr */
    xmlerr_begin(&xe, "opml");
    xmlDoc *doc = xmlReadMemory(data, (int)len, NULL, NULL,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                    XML_PARSE_RECOVER);
    xmlerr_end(&xe);
    xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (!root || strcasecmp((const char *)root->name, "opml") != 0) {
        buf_puts(err, "not an OPML document");
        xmlFreeDoc(doc);
        return -1;
    }
    list_t l = {0};
    walk(&l, root->children, 0);
    xmlFreeDoc(doc);
    *out = l.feeds;
    *n = l.n;
    return 0;
}

void opml_free(opml_feed_t *feeds, size_t n) {
    for (size_t i = 0; i < n; i++) {
        free(feeds[i].name);
        free(feeds[i].url);
    }
    free(feeds);
}

static int in_config(const config_t *c, const opml_feed_t *f) {
    for (size_t i = 0; c && i < c->n_feeds; i++)
        if (strcmp(c->feeds[i].url, f->url) == 0 || strcasecmp(c->feeds[i].name, f->name) == 0)
            return 1;
    return 0;
}

size_t opml_write_ini(const opml_feed_t *feeds, size_t n, const config_t *skip, buf_t *out) {
    size_t written = 0;
    for (size_t i = 0; i < n; i++) {
        if (in_config(skip, &feeds[i])) continue;
        buf_printf(out, "%s[feed \"%s\"]\nurl = %s\n", written ? "\n" : "", feeds[i].name,
                   feeds[i].url);
        written++;
    }
    return written;
}
