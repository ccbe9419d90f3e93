/* feed.c - see feed.h.
 *
 * The pipeline: size cap -> charset.h (any bytes to valid UTF-8) -> JSON
 * Feed when the document is a JSON object, else xmlprep.h (entities and
 * stray markup made safe) -> libxml2 (no network, no entity substitution,
 * no DTD; strict first, recover mode when that fails) -> one walk over the
 * tree that maps RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 elements (and the
 * common namespaces) to entries, picking each field from the best source
 * present -> htmltext.h for every text that may carry HTML, feeddate.h for
 * dates, urlutil.h for links (xml:base, nested, over the feed URL).
 */
#include "feed.h"

#include <cjson/cJSON.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "charset.h"
#include "feeddate.h"
#include "htmltext.h"
#include "log.h"
#include "urlutil.h"
#include "xmlerr.h"
#include "xmlprep.h"

/* An untitled item's title, made from its text, is at most this long. */
#define FEED_TITLE_FROM_TEXT_CHARS 120

enum ns_class {
    NS_CORE,  /* no namespace, RSS 1.0/0.90 namespaces, Atom in an Atom feed */
    NS_ATOM,
    NS_DC,
    NS_DCTERMS,
    NS_CONTENT,
    NS_MEDIA,
    NS_ITUNES,
    NS_FEEDBURNER,
    NS_XHTML,
    NS_OTHER
};

typedef struct {
    const char *feed_url; /* where the document came from, or NULL */
    const char *base;     /* feed_url, else the feed's own link */
    int allow_file;
    int atom;             /* the document is Atom: Atom elements are core */
    char *feed_author;    /* Atom feed-level author, inherited by entries */
    const char *atom_ns;  /* the root's unknown namespace, read as Atom's */
} ctx_t;

/* ------------------------------------------------------------ node helpers */

static const struct {
    const char *href;
    enum ns_class cls;
} known_ns[] = {
    {"http://www.w3.org/2005/Atom", NS_ATOM},
    {"http://purl.org/atom/ns#", NS_ATOM},
    {"http://purl.org/dc/elements/1.1/", NS_DC},
    {"http://purl.org/dc/terms/", NS_DCTERMS},
    {"http://purl.org/rss/1.0/modules/content/", NS_CONTENT},
    {"http://search.yahoo.com/mrss/", NS_MEDIA},
    {"http://search.yahoo.com/mrss", NS_MEDIA},
    {"http://www.itunes.com/dtds/podcast-1.0.dtd", NS_ITUNES},
    {"http://rssnamespace.org/feedburner/ext/1.0", NS_FEEDBURNER},
    {"http://www.w3.org/1999/xhtml", NS_XHTML},
    {"http://purl.org/rss/1.0/", NS_CORE},
    {"http://my.netscape.com/rdf/simple/0.9/", NS_CORE},
    {"http://backend.userland.com/rss2", NS_CORE},
    {"http://backend.userland.com/rss", NS_CORE},
};

/* Prefixes used without a declaration (libxml2 keeps "dc:date" as name). */
static const struct {
    const char *prefix;
    enum ns_class cls;
} known_prefix[] = {
    {"atom", NS_ATOM}, {"dc", NS_DC}, {"dcterms", NS_DCTERMS}, {"content", NS_CONTENT},
    {"media", NS_MEDIA}, {"itunes", NS_ITUNES}, {"feedburner", NS_FEEDBURNER},
    {"xhtml", NS_XHTML}, {"atom10", NS_ATOM}, {"atom03", NS_ATOM},
};

/* The Atom namespace as feeds write it: the 1.0 URI with https or a
 * trailing '/' or '#', and the drafts and 0.3 ("http://purl.org/atom/ns#",
 * "...#draft-ietf-atompub-format-09"). */
static int is_atom_uri(const char *href) {
    if (strncasecmp(href, "http://purl.org/atom/ns", 23) == 0) return 1;
    const char *rest = NULL;
    if (strncasecmp(href, "http://www.w3.org/2005/Atom", 27) == 0) rest = href + 27;
    else if (strncasecmp(href, "https://www.w3.org/2005/Atom", 28) == 0) rest = href + 28;
    return rest && (!*rest || ((*rest == '/' || *rest == '#') && !rest[1]));
}

static enum ns_class classify(const ctx_t *c, xmlNodePtr n, const char **local) {
    const char *name = (const char *)n->name;
    *local = name;
    enum ns_class cls = NS_CORE;
    if (n->ns && n->ns->href) {
        cls = NS_OTHER;
        const char *href = (const char *)n->ns->href;
        for (size_t i = 0; i < sizeof known_ns / sizeof known_ns[0]; i++)
            if (strcasecmp(href, known_ns[i].href) == 0) {
                cls = known_ns[i].cls;
                break;
            }
        if (cls == NS_OTHER && (is_atom_uri(href) || (c->atom_ns && strcmp(href, c->atom_ns) == 0)))
            cls = NS_ATOM;
    } else {
        const char *colon = strchr(name, ':');
        if (colon) {
            cls = NS_OTHER;
            size_t pl = (size_t)(colon - name);
            for (size_t i = 0; i < sizeof known_prefix / sizeof known_prefix[0]; i++)
                if (strlen(known_prefix[i].prefix) == pl &&
                    strncasecmp(name, known_prefix[i].prefix, pl) == 0) {
                    cls = known_prefix[i].cls;
                    break;
                }
            *local = colon + 1;
        }
    }
    if (cls == NS_ATOM && c->atom) cls = NS_CORE;
    return cls;
}

static int is(const char *local, const char *name) { return strcasecmp(local, name) == 0; }

static char *attr(xmlNodePtr n, const char *name) {
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    if (!v) return NULL;
    char *s = xstrdup((const char *)v);
    xmlFree(v);
    return s;
}

static int attr_is(xmlNodePtr n, const char *name, const char *value) {
    char *v = attr(n, name);
    int r = v && strcasecmp(v, value) == 0;
    free(v);
    return r;
}

static int attr_starts(xmlNodePtr n, const char *name, const char *prefix) {
    char *v = attr(n, name);
    int r = v && strncasecmp(v, prefix, strlen(prefix)) == 0;
    free(v);
    return r;
}

static int has_element_child(xmlNodePtr n) {
    for (xmlNodePtr k = n->children; k; k = k->next)
        if (k->type == XML_ELEMENT_NODE) return 1;
    return 0;
}

/* Text content of n (all descendants), malloc'd. */
static char *raw_text(xmlNodePtr n) {
    xmlChar *v = xmlNodeGetContent(n);
    char *s = xstrdup(v ? (const char *)v : "");
    xmlFree(v);
    return s;
}

/* The markup inside n, as HTML source: serialized children when it holds
 * elements (unescaped HTML in the feed), its text otherwise. */
static char *inner_html(xmlNodePtr n) {
    if (!has_element_child(n)) return raw_text(n);
    xmlBufferPtr xb = xmlBufferCreate();
    for (xmlNodePtr k = n->children; k; k = k->next) xmlNodeDump(xb, n->doc, k, 0, 0);
    char *s = xstrdup((const char *)xmlBufferContent(xb));
    xmlBufferFree(xb);
    return s;
}

static char *nonempty(char *s) {
    if (s && !*s) {
        free(s);
        return NULL;
    }
    return s;
}

/* 1 when text still holds common HTML tags (HTML escaped twice). */
static int looks_like_html(const char *t) {
    static const char *const tags[] = {"<p>", "</p>", "<br>", "<br/>", "<br />", "<div", "<a href",
                                       "<img ", "<strong>", "</a>", "<em>", "</li>"};
    if (!strchr(t, '<')) return 0;
    for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++)
        if (strcasestr(t, tags[i])) return 1;
    return 0;
}

/* HTML source to plain text, a second time when it was escaped twice. */
static char *html_to_text(const char *h, int one_line) {
    size_t n = strlen(h);
    char *t = one_line ? htmltext_to_line(h, n) : htmltext_to_plain(h, n);
    if (looks_like_html(t)) {
        char *again = one_line ? htmltext_to_line(t, strlen(t)) : htmltext_to_plain(t, strlen(t));
        free(t);
        t = again;
    }
    return nonempty(t);
}

/* HTML in n to plain text; one line or paragraphs. */
static char *html_field(xmlNodePtr n, int one_line) {
    char *h = inner_html(n);
    char *t = html_to_text(h, one_line);
    free(h);
    return t;
}

static char *plain_field(xmlNodePtr n, int one_line) {
    char *r = raw_text(n);
    char *t = htmltext_fold_text(r, strlen(r), !one_line);
    free(r);
    return nonempty(t);
}

static int b64val(int ch) {
    if (ch >= 'A' && ch <= 'Z') return ch - 'A';
    if (ch >= 'a' && ch <= 'z') return ch - 'a' + 26;
    if (ch >= '0' && ch <= '9') return ch - '0' + 52;
    if (ch == '+' || ch == '-') return 62;
    if (ch == '/' || ch == '_') return 63;
    return -1;
}

static char *base64_decode(const char *s) {
    buf_t b = BUF_INIT;
    unsigned acc = 0;
    int bits = 0;
    for (; *s; s++) {
        int v = b64val((unsigned char)*s);
        if (v < 0) continue;
        acc = (acc << 6) | (unsigned)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            buf_putc(&b, (char)((acc >> bits) & 0xFF));
        }
    }
    char *out = b.data ? buf_detach(&b) : xstrdup("");
    buf_t fixed = BUF_INIT;
    charset_repair_utf8(out, strlen(out), &fixed);
    free(out);
    return fixed.data ? buf_detach(&fixed) : xstrdup("");
}

/* An Atom text construct (title, summary, content; also Atom 0.3 modes). */
static char *atom_text(xmlNodePtr n, int one_line) {
    char *type = attr(n, "type");
    char *mode = attr(n, "mode");
    char *result;
    int html = 0, xhtml = 0;
    if (type) {
        if (strcasecmp(type, "html") == 0 || strcasecmp(type, "text/html") == 0) html = 1;
        else if (strcasecmp(type, "xhtml") == 0 || strcasecmp(type, "application/xhtml+xml") == 0)
            xhtml = 1;
        else if (strcasecmp(type, "text") != 0 && strcasecmp(type, "text/plain") != 0 &&
                 strncasecmp(type, "text/", 5) != 0) {
            /* some other media type (image/png, application/pdf...): not text */
            free(type);
            free(mode);
            return NULL;
        }
    }
    if (mode && strcasecmp(mode, "escaped") == 0) html = 1;
    if (mode && strcasecmp(mode, "xml") == 0) xhtml = 1;
    if (mode && strcasecmp(mode, "base64") == 0) {
        char *raw = raw_text(n);
        char *dec = base64_decode(raw);
        free(raw);
        result = html || xhtml || !type ? htmltext_to_plain(dec, strlen(dec))
                                        : htmltext_fold_text(dec, strlen(dec), !one_line);
        free(dec);
        if (one_line && result) {
            char *l = htmltext_fold_text(result, strlen(result), 0);
            free(result);
            result = l;
        }
    } else if (html || xhtml || has_element_child(n)) {
        result = html_field(n, one_line);
    } else {
        result = plain_field(n, one_line);
    }
    free(type);
    free(mode);
    return nonempty(result);
}

/* ------------------------------------------------------------ links */

/* The base URL in effect at n: the document base, then each xml:base from
 * the root down to n. */
static char *base_at(const ctx_t *c, xmlNodePtr n) {
    xmlNodePtr chain[64];
    size_t depth = 0;
    for (xmlNodePtr k = n; k && k->type == XML_ELEMENT_NODE; k = k->parent) {
        xmlChar *b = xmlGetNsProp(k, (const xmlChar *)"base", XML_XML_NAMESPACE);
        if (b) {
            xmlFree(b);
            if (depth < sizeof chain / sizeof chain[0]) chain[depth++] = k;
        }
    }
    char *base = c->base ? xstrdup(c->base) : NULL;
    while (depth > 0) {
        xmlChar *b = xmlGetNsProp(chain[--depth], (const xmlChar *)"base", XML_XML_NAMESPACE);
        char *next = url_resolve(base, (const char *)b, c->allow_file);
        xmlFree(b);
        if (next) {
            free(base);
            base = next;
        }
    }
    return base;
}

/* ref (text of or attribute on n) as an absolute allowed URL, or NULL. */
static char *link_at(const ctx_t *c, xmlNodePtr n, const char *ref) {
    if (!ref) return NULL;
    while (*ref == ' ' || *ref == '\t' || *ref == '\n' || *ref == '\r') ref++;
    if (!*ref) return NULL;
    char *base = url_has_scheme(ref) ? NULL : base_at(c, n);
    char *u = url_resolve(base, ref, c->allow_file);
    if (!u) log_debug("feed", "dropped link '%.80s'", ref);
    free(base);
    return u;
}

static char *link_attr(const ctx_t *c, xmlNodePtr n, const char *name) {
    char *v = attr(n, name);
    char *u = link_at(c, n, v);
    free(v);
    return u;
}

static char *link_text(const ctx_t *c, xmlNodePtr n) {
    char *v = raw_text(n);
    char *u = link_at(c, n, v);
    free(v);
    return u;
}

static int looks_like_image(const char *url) {
    const char *q = url + strcspn(url, "?#");
    static const char *const exts[] = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"};
    for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++) {
        size_t n = strlen(exts[i]);
        if ((size_t)(q - url) >= n && strncasecmp(q - n, exts[i], n) == 0) return 1;
    }
    return 0;
}

/* ------------------------------------------------------------ fields */

/* A field and the priority of where it came from (lower is better). */
typedef struct {
    char *value;
    int prio;
} pick_t;

#define NO_PICK {NULL, 1000}

static void offer(pick_t *p, char *value, int prio) {
    if (!value) return;
    if (prio < p->prio) {
        free(p->value);
        p->value = value;
        p->prio = prio;
    } else {
        free(value);
    }
}

typedef struct {
    pick_t id, title, link, author, summary, content, image, published, updated, permalink;
    buf_t authors; /* several dc:creator / atom:author */
} entry_picks_t;

static void offer_date(pick_t *p, xmlNodePtr n, int prio) {
    if (prio >= p->prio) return;
    char *t = raw_text(n);
    if (feeddate_parse(t)) offer(p, t, prio);
    else {
        log_debug("feed", "unreadable date '%.60s'", t);
        free(t);
    }
}

/* "jdoe@example.com (John Doe)" -> "John Doe". */
static char *author_name(char *s) {
    if (!s) return NULL;
    char *open = strchr(s, '(');
    char *close = open ? strrchr(open, ')') : NULL;
    if (open && close && close > open + 1 && memchr(s, '@', (size_t)(open - s))) {
        char *t = htmltext_fold_text(open + 1, (size_t)(close - open - 1), 0);
        if (*t) {
            free(s);
            return t;
        }
        free(t);
    }
    return s;
}

static void add_author(entry_picks_t *e, char *name, int prio) {
    if (!name) return;
    if (prio < e->author.prio) {
        buf_reset(&e->authors);
        offer(&e->author, xstrdup(name), prio);
    } else if (prio == e->author.prio && e->authors.len < 1024) {
        /* several authors from the same source: join them */
        if (e->authors.len == 0 && e->author.value) buf_puts(&e->authors, e->author.value);
        if (!strstr(e->authors.data ? e->authors.data : "", name)) {
            buf_puts(&e->authors, ", ");
            buf_puts(&e->authors, name);
        }
    }
    free(name);
}

static char *atom_person(xmlNodePtr n) {
    for (xmlNodePtr k = n->children; k; k = k->next)
        if (k->type == XML_ELEMENT_NODE && (is((const char *)k->name, "name") ||
                                            strstr((const char *)k->name, ":name")))
            return plain_field(k, 1);
    if (has_element_child(n)) return NULL;
    return plain_field(n, 1);
}

static void media_element(const ctx_t *c, entry_picks_t *e, xmlNodePtr n, const char *local) {
    if (is(local, "content")) {
        char *medium = attr(n, "medium");
        int image = (medium && strcasecmp(medium, "image") == 0) || attr_starts(n, "type", "image/");
        char *url = link_attr(c, n, "url");
        if (url && (image || (!medium && looks_like_image(url)))) offer(&e->image, url, 0);
        else free(url);
        free(medium);
        for (xmlNodePtr k = n->children; k; k = k->next)
            if (k->type == XML_ELEMENT_NODE) {
                const char *l;
                if (classify(c, k, &l) == NS_MEDIA && !is(l, "content")) media_element(c, e, k, l);
            }
    } else if (is(local, "thumbnail")) {
        offer(&e->image, link_attr(c, n, "url"), 1);
    } else if (is(local, "group")) {
        for (xmlNodePtr k = n->children; k; k = k->next)
            if (k->type == XML_ELEMENT_NODE) {
                const char *l;
                if (classify(c, k, &l) == NS_MEDIA) media_element(c, e, k, l);
            }
    } else if (is(local, "title")) {
        offer(&e->title, html_field(n, 1), 5);
    } else if (is(local, "description")) {
        char *type = attr(n, "type");
        offer(&e->summary, type && strcasecmp(type, "html") == 0 ? html_field(n, 0) : plain_field(n, 0), 5);
        free(type);
    }
}

/* An Atom link element (in Atom, or atom:link inside RSS). */
static void atom_link(const ctx_t *c, entry_picks_t *e, xmlNodePtr n, int prio) {
    char *rel = attr(n, "rel");
    if (!rel || strcasecmp(rel, "alternate") == 0 ||
        strcasecmp(rel, "http://www.iana.org/assignments/relation/alternate") == 0) {
        int html = !attr_starts(n, "type", "") || attr_starts(n, "type", "text/html") ||
                   attr_starts(n, "type", "application/xhtml");
        char *href = link_attr(c, n, "href");
        if (!href && !has_element_child(n)) href = link_text(c, n);
        offer(&e->link, href, prio + (html ? 0 : 1));
    } else if (strcasecmp(rel, "enclosure") == 0 && attr_starts(n, "type", "image/")) {
        offer(&e->image, link_attr(c, n, "href"), 2);
    }
    free(rel);
}

/* HTML content of n offered to field p; its first <img> to the image. */
static void offer_html(const ctx_t *c, entry_picks_t *e, pick_t *p, xmlNodePtr n, int prio) {
    if (prio >= p->prio && e->image.prio <= 4) return;
    char *h = inner_html(n);
    size_t hl = strlen(h);
    if (prio < p->prio) offer(p, html_to_text(h, 0), prio);
    if (e->image.prio > 4) {
        char *src = htmltext_first_img_src(h, hl);
        offer(&e->image, link_at(c, n, src), 4);
        free(src);
    }
    free(h);
}

static void entry_child(const ctx_t *c, entry_picks_t *e, xmlNodePtr n) {
    const char *local;
    enum ns_class ns = classify(c, n, &local);
    switch (ns) {
    case NS_CORE:
        if (is(local, "title")) {
            offer(&e->title, c->atom ? atom_text(n, 1) : html_field(n, 1), 0);
        } else if (is(local, "link")) {
            if (c->atom || xmlHasProp(n, (const xmlChar *)"href")) atom_link(c, e, n, 1);
            else offer(&e->link, link_text(c, n), 1);
        } else if (is(local, "guid") || is(local, "id")) {
            offer(&e->id, plain_field(n, 1), 0);
            /* a guid (or Atom id) is the item's address unless
             * isPermaLink="false", and only when it is an absolute URL */
            if (!attr_is(n, "isPermaLink", "false")) {
                char *g = raw_text(n);
                const char *t = g;
                while (*t == ' ' || *t == '\t' || *t == '\n' || *t == '\r') t++;
                if (url_has_scheme(t)) offer(&e->permalink, link_text(c, n), 0);
                free(g);
            }
        } else if (is(local, "description")) {
            offer_html(c, e, &e->summary, n, 0);
        } else if (is(local, "summary")) {
            if (c->atom) offer(&e->summary, atom_text(n, 0), 0);
            else offer_html(c, e, &e->summary, n, 0);
        } else if (is(local, "content")) {
            if (!xmlHasProp(n, (const xmlChar *)"src")) offer(&e->content, atom_text(n, 0), 1);
        } else if (is(local, "pubDate") || is(local, "published")) {
            offer_date(&e->published, n, 0);
        } else if (is(local, "issued")) {
            offer_date(&e->published, n, 1);
        } else if (is(local, "created") || is(local, "date")) {
            offer_date(&e->published, n, 3);
        } else if (is(local, "updated") || is(local, "modified")) {
            offer_date(&e->updated, n, 0);
        } else if (is(local, "author")) {
            if (c->atom || has_element_child(n)) add_author(e, atom_person(n), 1);
            else add_author(e, author_name(plain_field(n, 1)), 1);
        } else if (is(local, "enclosure")) {
            char *url = link_attr(c, n, "url");
            if (url && (attr_starts(n, "type", "image/") || looks_like_image(url)))
                offer(&e->image, url, 2);
            else free(url);
        }
        break;
    case NS_ATOM: /* Atom elements inside an RSS item */
        if (is(local, "link")) atom_link(c, e, n, 2);
        else if (is(local, "title")) offer(&e->title, atom_text(n, 1), 2);
        else if (is(local, "summary")) offer(&e->summary, atom_text(n, 0), 1);
        else if (is(local, "content")) offer(&e->content, atom_text(n, 0), 1);
        else if (is(local, "published")) offer_date(&e->published, n, 1);
        else if (is(local, "updated")) offer_date(&e->updated, n, 1);
        else if (is(local, "author")) add_author(e, atom_person(n), 2);
        else if (is(local, "id")) offer(&e->id, plain_field(n, 1), 1);
        break;
    case NS_DC:
        if (is(local, "title")) offer(&e->title, html_field(n, 1), 1);
        else if (is(local, "date")) offer_date(&e->published, n, 1);
        else if (is(local, "creator")) add_author(e, author_name(plain_field(n, 1)), 0);
        else if (is(local, "description")) offer(&e->summary, html_field(n, 0), 1);
        else if (is(local, "identifier")) offer(&e->id, plain_field(n, 1), 2);
        break;
    case NS_DCTERMS:
        if (is(local, "issued") || is(local, "created")) offer_date(&e->published, n, 2);
        else if (is(local, "modified")) offer_date(&e->updated, n, 1);
        break;
    case NS_CONTENT:
        if (is(local, "encoded")) offer_html(c, e, &e->content, n, 0);
        break;
    case NS_MEDIA:
        media_element(c, e, n, local);
        break;
    case NS_ITUNES:
        if (is(local, "summary")) offer(&e->summary, plain_field(n, 0), 3);
        else if (is(local, "author")) add_author(e, plain_field(n, 1), 3);
        else if (is(local, "image")) offer(&e->image, link_attr(c, n, "href"), 3);
        break;
    case NS_FEEDBURNER:
        if (is(local, "origLink")) offer(&e->link, link_text(c, n), 0);
        break;
    case NS_XHTML:
        if (is(local, "body") || is(local, "div")) offer(&e->content, html_field(n, 0), 1);
        break;
    case NS_OTHER:
        break;
    }
}

static void picks_free(entry_picks_t *e) {
    pick_t *all[] = {&e->id, &e->title, &e->link, &e->author, &e->summary, &e->content,
                     &e->image, &e->published, &e->updated, &e->permalink};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) free(all[i]->value);
    buf_free(&e->authors);
}

static char *take(pick_t *p) {
    char *v = p->value;
    p->value = NULL;
    return v;
}

/* Builds one entry from an item/entry element; returns 0 when it has
 * nothing worth keeping. */
static int read_entry(const ctx_t *c, xmlNodePtr item, feed_entry_t *out) {
    entry_picks_t e = {NO_PICK, NO_PICK, NO_PICK, NO_PICK, NO_PICK, NO_PICK, NO_PICK,
                       NO_PICK, NO_PICK, NO_PICK, BUF_INIT};
    for (xmlNodePtr k = item->children; k; k = k->next)
        if (k->type == XML_ELEMENT_NODE) entry_child(c, &e, k);
    /* RSS 1.0: rdf:about is the item's address, and its id when it has no other */
    xmlChar *about = xmlGetProp(item, (const xmlChar *)"about");
    if (about) {
        if (!e.link.value) offer(&e.link, link_at(c, item, (const char *)about), 5);
        char *id = htmltext_fold_text((const char *)about, strlen((const char *)about), 0);
        offer(&e.id, nonempty(id), 5);
        xmlFree(about);
    }
    if (!e.link.value && e.permalink.value) offer(&e.link, take(&e.permalink), 6);
    if (e.authors.len) offer(&e.author, buf_detach(&e.authors), -1);
    memset(out, 0, sizeof *out);
    int keep = e.title.value || e.link.value || e.summary.value || e.content.value;
    if (keep) {
        out->id = take(&e.id);
        out->title = take(&e.title);
        out->link = take(&e.link);
        out->author = take(&e.author);
        out->summary = take(&e.summary);
        out->content = take(&e.content);
        out->image = take(&e.image);
        out->published = e.published.value ? feeddate_parse(e.published.value) : 0;
        out->updated = e.updated.value ? feeddate_parse(e.updated.value) : 0;
    }
    picks_free(&e);
    return keep;
}

/* ------------------------------------------------------------ documents */

/* A title for an untitled item from its text: the first sentence when it
 * is short enough, else the start of the text, cut at a word. */
static char *title_from_text(const char *text) {
    char *line = htmltext_fold_text(text, strlen(text), 0);
    size_t n = strlen(line);
    static const char *const ends[] = {". ", "! ", "? ", "\xE3\x80\x82", "\xEF\xBC\x81", "\xEF\xBC\x9F"};
    size_t best = n;
    for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++) {
        const char *p = strstr(line, ends[i]);
        /* the end mark stays; ". " loses its space */
        size_t at = p ? (size_t)(p - line) + (ends[i][1] == ' ' ? 1 : strlen(ends[i])) : n;
        if (at >= 12 && at < best) best = at;
    }
    if (best < n) line[best] = '\0';
    return nonempty(charset_utf8_cap(line, FEED_TITLE_FROM_TEXT_CHARS, 1));
}

/* Caps every text field of an entry (feed.h); fills a missing title. */
static void finish_entry(feed_entry_t *e) {
    if (!e->title && (e->summary || e->content)) e->title = title_from_text(e->summary ? e->summary : e->content);
    e->title = charset_utf8_cap(e->title, FEED_MAX_TITLE_CHARS, 1);
    e->author = charset_utf8_cap(e->author, FEED_MAX_NAME_CHARS, 1);
    e->id = charset_utf8_cap(e->id, FEED_MAX_ID_CHARS, 0);
    e->summary = charset_utf8_cap(e->summary, FEED_MAX_SUMMARY_CHARS, 1);
    e->content = charset_utf8_cap(e->content, FEED_MAX_CONTENT_CHARS, 1);
}

static void add_entry(feed_t *f, size_t *cap, feed_entry_t *e) {
    finish_entry(e);
    if (f->n_entries == *cap) {
        *cap = *cap ? *cap * 2 : 16;
        f->entries = xrealloc(f->entries, *cap * sizeof *f->entries);
    }
    f->entries[f->n_entries++] = *e;
}

static void read_entries(const ctx_t *c, xmlNodePtr parent, const char *tag, feed_t *f, size_t *cap) {
    for (xmlNodePtr k = parent->children; k; k = k->next) {
        if (k->type != XML_ELEMENT_NODE) continue;
        const char *local;
        enum ns_class ns = classify(c, k, &local);
        if (ns != NS_CORE || !is(local, tag)) continue;
        if (f->n_entries >= FEED_MAX_ENTRIES) {
            log_warn("feed", "more than %d entries; the rest are ignored", FEED_MAX_ENTRIES);
            return;
        }
        feed_entry_t e;
        if (read_entry(c, k, &e)) {
            if (!e.author && c->feed_author) e.author = xstrdup(c->feed_author);
            add_entry(f, cap, &e);
        }
    }
}

/* Feed-level title, link, language, ttl from a channel or feed element. */
static void read_head(ctx_t *c, xmlNodePtr head, feed_t *f) {
    pick_t title = NO_PICK, link = NO_PICK, lang = NO_PICK;
    for (xmlNodePtr k = head->children; k; k = k->next) {
        if (k->type != XML_ELEMENT_NODE) continue;
        const char *local;
        enum ns_class ns = classify(c, k, &local);
        if (ns == NS_CORE && is(local, "title")) {
            offer(&title, c->atom ? atom_text(k, 1) : html_field(k, 1), 0);
        } else if (ns == NS_DC && is(local, "title")) {
            offer(&title, html_field(k, 1), 1);
        } else if (ns == NS_CORE && is(local, "link")) {
            if (c->atom || xmlHasProp(k, (const xmlChar *)"href")) {
                char *rel = attr(k, "rel");
                if (!rel || strcasecmp(rel, "alternate") == 0) offer(&link, link_attr(c, k, "href"), 0);
                free(rel);
            } else {
                offer(&link, link_text(c, k), 0);
            }
        } else if ((ns == NS_CORE || ns == NS_DC) && is(local, "language")) {
            offer(&lang, plain_field(k, 1), ns == NS_CORE ? 0 : 1);
        } else if (ns == NS_CORE && c->atom && is(local, "author") && !c->feed_author) {
            c->feed_author = atom_person(k);
        } else if (ns == NS_CORE && is(local, "ttl")) {
            char *t = raw_text(k);
            long v = strtol(t, NULL, 10);
            if (v > 0 && v < 100000) f->ttl_minutes = (int)v;
            free(t);
        }
    }
    if (!lang.value) {
        xmlChar *l = xmlNodeGetLang(head);
        if (l) {
            offer(&lang, xstrdup((const char *)l), 2);
            xmlFree(l);
        }
        lang.value = nonempty(lang.value);
    }
    f->title = take(&title);
    f->link = take(&link);
    f->lang = take(&lang);
}

static xmlNodePtr child_named(const ctx_t *c, xmlNodePtr n, const char *name) {
    for (xmlNodePtr k = n->children; k; k = k->next) {
        if (k->type != XML_ELEMENT_NODE) continue;
        const char *local;
        if (classify(c, k, &local) == NS_CORE && is(local, name)) return k;
    }
    return NULL;
}

static int read_xml_feed(ctx_t *c, xmlDocPtr doc, feed_t *f, buf_t *err) {
    xmlNodePtr root = xmlDocGetRootElement(doc);
    if (!root) {
        buf_puts(err, "not a feed: the document has no root element");
        return -1;
    }
    const char *local;
    enum ns_class ns = classify(c, root, &local);
    size_t cap = 0;
    if (is(local, "feed") && ns == NS_OTHER && root->ns && root->ns->href) {
        /* an Atom feed under a namespace of its own: its entries tell */
        for (xmlNodePtr k = root->children; k; k = k->next)
            if (k->type == XML_ELEMENT_NODE && k->ns == root->ns && is((const char *)k->name, "entry")) {
                log_debug("feed", "reading namespace %s as Atom", (const char *)root->ns->href);
                c->atom_ns = (const char *)root->ns->href;
                ns = NS_ATOM;
                break;
            }
    }
    if (is(local, "feed") && (ns == NS_ATOM || ns == NS_CORE)) {
        c->atom = 1;
        read_head(c, root, f);
        if (!c->base && f->link) c->base = f->link;
        read_entries(c, root, "entry", f, &cap);
        return 0;
    }
    if ((is(local, "rss") || is(local, "RDF") || is(local, "channel")) && ns != NS_XHTML) {
        xmlNodePtr channel = is(local, "channel") ? root : child_named(c, root, "channel");
        if (!channel && !child_named(c, root, "item")) {
            buf_printf(err, "not a feed: <%s> holds neither a channel nor items", (const char *)root->name);
            return -1;
        }
        if (channel) read_head(c, channel, f);
        if (!c->base && f->link && !url_is_file(f->link)) c->base = f->link;
        if (channel) read_entries(c, channel, "item", f, &cap);
        if (channel != root) read_entries(c, root, "item", f, &cap); /* RSS 1.0 and 0.90 */
        return 0;
    }
    if (is(local, "html") || ns == NS_XHTML)
        buf_puts(err, "not a feed: this is an HTML page");
    else
        buf_printf(err, "not a feed: unknown root element <%s>", (const char *)root->name);
    return -1;
}

/* ------------------------------------------------------------ JSON Feed */

static char *json_str(const cJSON *o, const char *key) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (cJSON_IsString(v) && v->valuestring && *v->valuestring) return xstrdup(v->valuestring);
    if (cJSON_IsNumber(v)) {
        buf_t b = BUF_INIT;
        buf_printf(&b, "%.0f", v->valuedouble);
        return buf_detach(&b);
    }
    return NULL;
}

static char *json_line(const cJSON *o, const char *key, int html) {
    char *s = json_str(o, key);
    if (!s) return NULL;
    char *t = html ? htmltext_to_line(s, strlen(s)) : htmltext_fold_text(s, strlen(s), 0);
    free(s);
    return nonempty(t);
}

static char *json_link(const ctx_t *c, const cJSON *o, const char *key) {
    char *s = json_str(o, key);
    char *u = url_resolve(c->base, s, c->allow_file);
    free(s);
    return u;
}

static char *json_author(const cJSON *item) {
    const cJSON *authors = cJSON_GetObjectItemCaseSensitive(item, "authors");
    buf_t b = BUF_INIT;
    const cJSON *a;
    if (cJSON_IsArray(authors)) {
        cJSON_ArrayForEach(a, authors) {
            char *n = json_line(a, "name", 0);
            if (n && b.len < 1024) {
                if (b.len) buf_puts(&b, ", ");
                buf_puts(&b, n);
            }
            free(n);
        }
    }
    if (!b.len) {
        char *n = json_line(cJSON_GetObjectItemCaseSensitive(item, "author"), "name", 0);
        if (n) buf_puts(&b, n);
        free(n);
    }
    return b.len ? buf_detach(&b) : (buf_free(&b), NULL);
}

static int read_json_feed(ctx_t *c, const char *text, size_t len, feed_t *f, buf_t *err) {
    cJSON *root = cJSON_ParseWithLength(text, len);
    if (!root) {
        buf_puts(err, "not a feed: invalid JSON");
        return -1;
    }
    const cJSON *items = cJSON_GetObjectItemCaseSensitive(root, "items");
    if (!cJSON_IsObject(root) || !cJSON_IsArray(items)) {
        cJSON_Delete(root);
        buf_puts(err, "not a feed: JSON without a JSON Feed \"items\" list");
        return -1;
    }
    f->title = json_line(root, "title", 0);
    f->link = json_link(c, root, "home_page_url");
    f->lang = json_line(root, "language", 0);
    if (!c->base && f->link) c->base = f->link;
    size_t cap = 0;
    const cJSON *it;
    cJSON_ArrayForEach(it, items) {
        if (!cJSON_IsObject(it)) continue;
        if (f->n_entries >= FEED_MAX_ENTRIES) break;
        feed_entry_t e;
        memset(&e, 0, sizeof e);
        e.id = json_line(it, "id", 0);
        e.title = json_line(it, "title", 0);
        e.link = json_link(c, it, "url");
        if (!e.link) e.link = json_link(c, it, "external_url");
        e.author = json_author(it);
        e.summary = json_line(it, "summary", 0);
        char *html = json_str(it, "content_html");
        if (html) {
            e.content = nonempty(htmltext_to_plain(html, strlen(html)));
            if (!e.image) {
                char *src = htmltext_first_img_src(html, strlen(html));
                e.image = url_resolve(c->base, src, c->allow_file);
                free(src);
            }
            free(html);
        }
        if (!e.content) {
            char *t = json_str(it, "content_text");
            if (t) e.content = nonempty(htmltext_fold_text(t, strlen(t), 1));
            free(t);
        }
        char *img = json_link(c, it, "image");
        if (!img) img = json_link(c, it, "banner_image");
        if (img) {
            free(e.image);
            e.image = img;
        }
        char *d = json_str(it, "date_published");
        e.published = feeddate_parse(d);
        free(d);
        d = json_str(it, "date_modified");
        e.updated = feeddate_parse(d);
        free(d);
        if (e.title || e.link || e.summary || e.content) {
            add_entry(f, &cap, &e);
        } else {
            free(e.id);
            free(e.author);
            free(e.image);
        }
    }
    cJSON_Delete(root);
    return 0;
}

/* ------------------------------------------------------------ entry point */

static int first_byte(const char *s, size_t len) {
    for (size_t i = 0; i < len; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r') return (unsigned char)s[i];
    return -1;
}

static void one_line(buf_t *err, const char *msg) {
    size_t n = strcspn(msg, "\r\n");
    buf_append(err, msg, n);
}

static xmlDocPtr parse_xml(const char *text, size_t len, int recover, buf_t *err) {
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt) {
        buf_puts(err, "cannot create an XML parser");
        return NULL;
    }
    int opts = XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_IGNORE_ENC | XML_PARSE_NOERROR |
               XML_PARSE_NOWARNING | XML_PARSE_COMPACT | XML_PARSE_NOBLANKS;
    if (recover) opts |= XML_PARSE_RECOVER;
    xmlerr_t xe; /* libxml2's own messages go to the log, not stderr */
    xmlerr_begin(&xe, "feed");
    xmlDocPtr doc = xmlCtxtReadMemory(ctxt, text, (int)len, NULL, "UTF-8", opts);
    xmlerr_end(&xe);
    const xmlError *last = xmlCtxtGetLastError(ctxt);
    if (doc && recover && last && last->code == XML_ERR_INTERNAL_ERROR) {
        /* a parser limit (nesting depth, huge node) stopped it: not a partial feed */
        xmlFreeDoc(doc);
        doc = NULL;
    }
    if (!doc || (!recover && !ctxt->wellFormed)) {
        const xmlError *e = xmlCtxtGetLastError(ctxt);
        buf_reset(err);
        buf_puts(err, "not XML: ");
        if (e && e->message) {
            one_line(err, e->message);
            buf_printf(err, " (line %d)", e->line);
        } else {
            buf_puts(err, "the parser gave up");
        }
        if (doc) xmlFreeDoc(doc);
        doc = NULL;
    }
    xmlFreeParserCtxt(ctxt);
    return doc;
}

/* xmlprep, then libxml2: strict; strict again with raw HTML wrapped in
 * CDATA; recover mode on that. */
static int parse_cleaned(ctx_t *c, const char *text, size_t len, feed_t *out, buf_t *err) {
    buf_t clean = BUF_INIT, perr = BUF_INIT, rerr = BUF_INIT;
    xmlDocPtr doc = NULL;
    int rc = xmlprep_clean(text, len, 0, &clean, err);
    if (rc == 0) {
        doc = parse_xml(clean.data, clean.len, 0, &perr);
        if (!doc) {
            log_debug("feed", "%s; retrying with raw HTML wrapped", perr.data);
            buf_reset(&clean);
            rc = xmlprep_clean(text, len, XMLPREP_WRAP_HTML, &clean, err);
            if (rc == 0) doc = parse_xml(clean.data, clean.len, 0, &rerr);
            if (rc == 0 && !doc) {
                log_debug("feed", "%s; retrying in recover mode", rerr.data);
                buf_reset(&rerr);
                doc = parse_xml(clean.data, clean.len, 1, &rerr);
            }
        }
    }
    if (rc == 0 && !doc) {
        buf_append(err, perr.data, perr.len);
        rc = -1;
    } else if (rc == 0) {
        rc = read_xml_feed(c, doc, out, err);
        xmlFreeDoc(doc);
    }
    buf_free(&clean);
    buf_free(&perr);
    buf_free(&rerr);
    return rc;
}

int feed_parse(const char *data, size_t len, const char *url, const char *content_type,
               feed_t *out, buf_t *err) {
    memset(out, 0, sizeof *out);
    if (len > FEED_MAX_BYTES) {
        buf_printf(err, "feed too large: %zu bytes (the limit is %u)", len, FEED_MAX_BYTES);
        return -1;
    }
    if (url && !*url) url = NULL;
    if (content_type && !*content_type) content_type = NULL;
    buf_t text = BUF_INIT;
    charset_to_utf8(data, len, content_type, CHARSET_DOC_XML, &text, NULL);
    int c0 = first_byte(text.data ? text.data : "", text.len);
    if (c0 < 0) {
        buf_free(&text);
        buf_puts(err, "empty document");
        return -1;
    }
    ctx_t c = {url, url, url_is_file(url), 0, NULL, NULL};
    int rc;
    if (c0 == '{') {
        rc = read_json_feed(&c, text.data, text.len, out, err);
    } else if (c0 != '<') {
        rc = -1;
        buf_puts(err, "not a feed: neither XML nor JSON");
    } else {
        rc = parse_cleaned(&c, text.data, text.len, out, err);
    }
    buf_free(&text);
    free(c.feed_author);
    if (rc != 0) {
        feed_free(out);
    } else {
        out->title = charset_utf8_cap(out->title, FEED_MAX_NAME_CHARS, 1);
        out->lang = charset_utf8_cap(out->lang, FEED_MAX_LANG_CHARS, 0);
    }
    return rc;
}

void feed_free(feed_t *f) {
    if (!f) return;
    for (size_t i = 0; i < f->n_entries; i++) {
        feed_entry_t *e = &f->entries[i];
        free(e->id);
        free(e->title);
        free(e->link);
        free(e->author);
        free(e->summary);
        free(e->content);
        free(e->image);
    }
    free(f->entries);
    free(f->title);
    free(f->link);
    free(f->lang);
    memset(f, 0, sizeof *f);
}
