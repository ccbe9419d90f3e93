/* extract.c - see extract.h.
 *
 * How the main text is found (all on libxml2's tree of the page):
 *  1. Charset: charset.h turns the page into UTF-8 (BOM, HTTP header,
 *     <meta charset>/<meta http-equiv>, detection when undeclared or
 *     contradicted), so libxml2 always parses UTF-8.
 *  2. Metadata comes from htmlmeta (before anything is removed).
 *  3. Pruning: elements that are never article text (scripts, nav, aside,
 *     footer, figure/figcaption, forms of inputs, hidden elements, ARIA
 *     navigation roles) are dropped, and so are elements whose class/id say
 *     share bar, cookie box, newsletter, related stories, comments, ads,
 *     captions, bylines, datelines... unless they hold most of the page's
 *     paragraph text (a container called "article-body comments-on").
 *  4. The page is cut into paragraphs: maximal runs of inline content
 *     between block elements (<p>, but also text straight inside a <div>,
 *     split at double <br>). Paragraphs of 25+ characters give points to
 *     their ancestors (1 + commas + length/100, parent full, grandparent
 *     half, then less), class/id hints and tags add or remove points, and
 *     each candidate's score is multiplied by (1 - its link density). The
 *     best candidate, moved up while its parent scores close to it, and
 *     its siblings that score well or read like prose, are the article.
 *     An element marked itemprop=articleBody is taken as is when it holds
 *     enough text; JSON-LD articleBody replaces the page text when the page
 *     itself shows much less of it (text only in JSON-LD).
 *  5. The paragraphs of the article are filtered: link-heavy ones (teasers,
 *     "Read more" lists), boilerplate lines ("Scroll down for video",
 *     "Advertisement", share/follow prompts), bylines and datelines, the
 *     headline repeated, duplicates, blocks of teaser headings.
 *  6. If that leaves too little, it is tried again without the class/id
 *     pruning, and the longer result wins.
 *  7. is_article: enough words, not a list of linked headlines (an index
 *     page), not a 404 page, not a paywall stub.
 */
#include "extract.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/SAX2.h>
#include <libxml/parserInternals.h>
#include <libxml/encoding.h>
#include <libxml/tree.h>

#include "charset.h"
#include "feeddate.h"
#include "hash.h"
#include "htmlmeta.h"
#include "log.h"
#include "xmlerr.h"

#define MAX_DEPTH 200          /* deeper elements are ignored */
#define MIN_SCORED_CHARS 25    /* a paragraph shorter than this gives no points */
#define MIN_ARTICLE_WORDS 40   /* fewer words: not an article */
#define RETRY_BELOW_CHARS 500  /* a result shorter than this is tried again */

/* ------------------------------------------------------------ node info */

/* One per element; 32-bit counts are enough for MAX_TREE_TEXT. */
typedef struct {
    double score;
    uint32_t text_chars;  /* letters of text in the subtree (after pruning) */
    uint32_t link_chars;  /* of which inside <a> */
    uint32_t p_chars;     /* text in paragraphs long enough to score */
    uint32_t first_seg;   /* 1 + index of the first paragraph it owns, or 0 */
    uint32_t all_chars;   /* as subtree_chars, computed once by annotate() */
    uint32_t all_links;   /* as subtree_link_chars */
    uint32_t linked_h;    /* headings under it whose text is mostly a link */
    unsigned char initialized;
} ninfo_t;

typedef struct {
    ninfo_t *v;
    size_t n, cap;
} infos_t;

static ninfo_t *info_of(infos_t *in, xmlNodePtr node) {
    uintptr_t idx = (uintptr_t)node->_private;
    if (idx == 0) {
        if (in->n == in->cap) {
            in->cap = in->cap ? in->cap * 2 : 256;
            in->v = xrealloc(in->v, in->cap * sizeof *in->v);
        }
        memset(&in->v[in->n], 0, sizeof in->v[0]);
        idx = ++in->n;
        node->_private = (void *)idx;
    }
    return &in->v[idx - 1];
}

/* ------------------------------------------------------------ DOM helpers */


static int name_in(xmlNodePtr n, const char *const *names) {
    if (!n || n->type != XML_ELEMENT_NODE) return 0;
    for (; *names; names++)
        if (!strcasecmp((const char *)n->name, *names)) return 1;
    return 0;
}

static const char *const block_tags[] = {
    "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog",
    "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
    "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "li", "main", "menu", "nav", "ol", "p",
    "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    "html", "caption", NULL};

static const char *const drop_tags[] = {
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas",
    "math", "button", "input", "select", "textarea", "option", "nav", "aside", "footer",
    "figcaption", "figure", "picture", "video", "audio", "source", "dialog", "menu", "link",
    "meta", "head", "header", "address", "map", "area", "track", "param", "label", NULL};

static size_t utf8_chars(const char *s, size_t len) {
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80 && !isspace((unsigned char)s[i])) n++;
    return n;
}

/* Letters of text under n (no pruning knowledge; bounded depth). */
static size_t subtree_chars(xmlNodePtr n, int depth) {
    if (depth > MAX_DEPTH) return 0;
    size_t total = 0;
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE && c->content)
            total += utf8_chars((const char *)c->content, strlen((const char *)c->content));
        else if (c->type == XML_ELEMENT_NODE && !htmlmeta_is_element(c, "script") && !htmlmeta_is_element(c, "style"))
            total += subtree_chars(c, depth + 1);
    }
    return total;
}

static size_t subtree_link_chars(xmlNodePtr n, int depth, int in_link) {
    if (depth > MAX_DEPTH) return 0;
    size_t total = 0;
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE && c->content && in_link)
            total += utf8_chars((const char *)c->content, strlen((const char *)c->content));
        else if (c->type == XML_ELEMENT_NODE && !htmlmeta_is_element(c, "script") && !htmlmeta_is_element(c, "style"))
            total += subtree_link_chars(c, depth + 1, in_link || htmlmeta_is_element(c, "a"));
    }
    return total;
}

static int has_articlebody(xmlNodePtr n, int depth) {
    if (depth > MAX_DEPTH) return 0;
    const char *ip = htmlmeta_attr(n, "itemprop");
    if (ip && strcasestr(ip, "articleBody")) return 1;
    for (xmlNodePtr c = n->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && has_articlebody(c, depth + 1)) return 1;
    return 0;
}

/* ------------------------------------------------------------ class/id hints */

/* class + " " + id, lower case, into b. */
static void class_id(xmlNodePtr n, buf_t *b) {
    buf_reset(b);
    static const char *const names[] = {"class", "id", "data-component", "data-testid",
                                        "data-module", "data-type", NULL};
    for (const char *const *a = names; *a; a++) {
        const char *v = htmlmeta_attr(n, *a);
        if (v) buf_puts(b, v);
        buf_putc(b, ' ');
    }
    for (size_t i = 0; i < b->len; i++) b->data[i] = (char)tolower((unsigned char)b->data[i]);
}

/* Matches anywhere in class/id. */
static const char *const negative_substrings[] = {
    "share", "sharing", "social", "cookie", "consent", "gdpr", "newsletter", "subscribe",
    "subscription", "signup", "sign-up", "related", "recommend", "comment", "disqus", "promo",
    "advert", "sponsor", "sidebar", "breadcrumb", "byline", "dateline", "caption", "masthead",
    "popup", "modal", "outbrain", "taboola", "trending", "popular", "mostread", "most-read",
    "toolbar", "footer", "author", "timestamp", "publish-date", "pubdate", "read-more",
    "readmore", "more-stories", "morestories", "also-read", "see-also", "taglist", "tag-list",
    "keywords", "banner", "widget", "pagination", "pager", "login",
    "overlay", "video", "gallery", "slideshow", "carousel", "credit", "copyright",
    "disclaimer", "navigation", "navbar", "menu", "sr-only", "visually-hidden",
    "screen-reader", "offscreen", "twitter", "facebook", "whatsapp", "pinterest", "linkedin",
    "print", "skip", "jump", "follow", "donate", "contributor", "tooltip", "hashtag", "nav-", "-nav",
    "topics", "meta-", "-meta", "article-tags", "story-tags", "post-tags", "teaser",
    "headline-list", "playlist", "poll", "quiz", "rail", "shop", "affiliate", NULL};

/* Whole tokens of class/id (split at space, '-', '_'). */
static const char *const negative_tokens[] = {
    "ad", "ads", "adv", "advert", "adslot", "adunit", "dfp", "gpt", "cta", "toc", "hidden",
    "sticky", "tags", "tag", "meta", "tools", "tool", "utility", "aside", "nav", "more",
    "extra", "embed", "email", "mail", "signin", "hide", "icon", "date", "time", "label",
    "kicker", "eyebrow", "native", "newsletters", "rating", "ratings", "stars", NULL};

static const char *const positive_words[] = {
    "article", "body", "content", "entry", "main", "page", "post", "text", "blog", "story",
    "hentry", "prose", "richtext", "rich-text", "paragraph", NULL};

static int token_match(const char *s, const char *const *tokens) {
    const char *p = s;
    while (*p) {
        while (*p == ' ' || *p == '-' || *p == '_' || *p == '\t') p++;
        const char *start = p;
        while (*p && *p != ' ' && *p != '-' && *p != '_' && *p != '\t') p++;
        size_t n = (size_t)(p - start);
        if (!n) continue;
        for (const char *const *t = tokens; *t; t++)
            if (strlen(*t) == n && !strncmp(start, *t, n)) return 1;
    }
    return 0;
}

static int negative_hint(const char *cid) {
    for (const char *const *w = negative_substrings; *w; w++) {
        const char *hit = strstr(cid, *w);
        if (!hit) continue;
        if (!strcmp(*w, "comment") && !strncmp(hit, "commentary", 10)) continue;
        if (!strcmp(*w, "print") && (strstr(cid, "sprint") || strstr(cid, "blueprint"))) continue;
        if (!strcmp(*w, "rail") && (strstr(cid, "trail") || strstr(cid, "rail-body"))) continue;
        if (!strcmp(*w, "shop") && strstr(cid, "workshop")) continue;
        if (!strcmp(*w, "poll") && strstr(cid, "pollut")) continue;
        return 1;
    }
    return token_match(cid, negative_tokens);
}

static int positive_hint(const char *cid) {
    for (const char *const *w = positive_words; *w; w++)
        if (strstr(cid, *w)) return 1;
    return 0;
}

static int class_weight(xmlNodePtr n, buf_t *scratch) {
    class_id(n, scratch);
    if (scratch->len <= 1) return 0;
    int w = 0;
    if (negative_hint(scratch->data)) w -= 25;
    if (positive_hint(scratch->data)) w += 25;
    const char *ip = htmlmeta_attr(n, "itemprop");
    if (ip && strcasestr(ip, "articleBody")) w += 50;
    return w;
}

/* ------------------------------------------------------------ pruning */

typedef struct {
    int class_pruning;  /* remove by class/id hints */
    size_t body_chars;  /* text of the whole body, for the "holds most" guard */
    buf_t scratch;
} prune_t;

static int is_hidden(xmlNodePtr n) {
    if (htmlmeta_attr(n, "hidden")) return 1;
    const char *aria = htmlmeta_attr(n, "aria-hidden");
    if (aria && !strcasecmp(aria, "true")) return 1;
    const char *style = htmlmeta_attr(n, "style");
    if (style) {
        char compact[128];
        size_t k = 0;
        for (const char *p = style; *p && k + 1 < sizeof compact; p++)
            if (!isspace((unsigned char)*p)) compact[k++] = (char)tolower((unsigned char)*p);
        compact[k] = '\0';
        if (strstr(compact, "display:none") || strstr(compact, "visibility:hidden")) return 1;
    }
    const char *role = htmlmeta_attr(n, "role");
    if (role) {
        static const char *const roles[] = {"navigation", "complementary", "banner",
                                            "contentinfo", "menu", "menubar", "dialog",
                                            "alertdialog", "search", "toolbar", "tablist", NULL};
        for (const char *const *r = roles; *r; r++)
            if (!strcasecmp(role, *r)) return 1;
    }
    return 0;
}

static int should_drop(prune_t *pr, xmlNodePtr n) {
    if (htmlmeta_is_element(n, "body") || htmlmeta_is_element(n, "html")) return 0;
    if (name_in(n, drop_tags)) {
        /* a <header> or <figure> wrapping the article (it happens) stays */
        if ((htmlmeta_is_element(n, "header") || htmlmeta_is_element(n, "figure") || htmlmeta_is_element(n, "aside")) &&
            has_articlebody(n, 0))
            return 0;
        return 1;
    }
    if (htmlmeta_is_element(n, "form")) return subtree_chars(n, 0) < 500;
    if (is_hidden(n)) return 1;
    if (!pr->class_pruning) return 0;
    class_id(n, &pr->scratch);
    if (pr->scratch.len <= 1) return 0;
    const char *cid = pr->scratch.data;
    if (!negative_hint(cid)) return 0;
    const char *ip = htmlmeta_attr(n, "itemprop");
    if (ip && strcasestr(ip, "articleBody")) return 0;
    int strong = strstr(cid, "comment") || strstr(cid, "disqus") || strstr(cid, "related") ||
                 strstr(cid, "newsletter") || strstr(cid, "cookie");
    size_t chars = subtree_chars(n, 0);
    if (chars >= 1000 && !strong) {
        /* holds most of the page: a misnamed container, not a box */
        size_t links = subtree_link_chars(n, 0, 0);
        if ((double)links / (double)chars < 0.3 &&
            (positive_hint(cid) || chars * 2 >= pr->body_chars))
            return 0;
    }
    if (has_articlebody(n, 0)) return 0;
    return 1;
}

static void prune(prune_t *pr, xmlNodePtr n, int depth) {
    xmlNodePtr next;
    for (xmlNodePtr c = n->children; c; c = next) {
        next = c->next;
        if (c->type == XML_COMMENT_NODE || c->type == XML_PI_NODE) {
            xmlUnlinkNode(c);
            xmlFreeNode(c);
            continue;
        }
        if (c->type != XML_ELEMENT_NODE) continue;
        if (depth >= MAX_DEPTH || should_drop(pr, c)) {
            xmlUnlinkNode(c);
            xmlFreeNode(c);
            continue;
        }
        prune(pr, c, depth + 1);
    }
}

/* ------------------------------------------------------------ paragraphs */

enum seg_kind { SEG_PARA, SEG_HEADING, SEG_H1, SEG_ITEM };

typedef struct {
    char *text;
    size_t chars, link_chars;
    xmlNodePtr owner;     /* the block element the text sits in */
    enum seg_kind kind;
} seg_t;

typedef struct {
    seg_t *v;
    size_t n, cap;
    buf_t cur;            /* text of the paragraph being built; '\x01' marks a <br> */
    buf_t cur_mask;       /* one byte per byte of cur: 1 when inside a link */
    xmlNodePtr cur_owner;
    size_t max_segs;
} segs_t;

static enum seg_kind kind_of(xmlNodePtr owner) {
    if (htmlmeta_is_element(owner, "h2") || htmlmeta_is_element(owner, "h3") || htmlmeta_is_element(owner, "h4")) return SEG_HEADING;
    if (htmlmeta_is_element(owner, "h1")) return SEG_H1;
    if (htmlmeta_is_element(owner, "li") || htmlmeta_is_element(owner, "dd") || htmlmeta_is_element(owner, "dt")) return SEG_ITEM;
    return SEG_PARA;
}

static void push_seg(segs_t *s, const char *text, size_t len, size_t link_bytes, xmlNodePtr owner) {
    char *t = htmlmeta_fix_c1(htmlmeta_squash(xstrndup(text, len)));
    if (!*t || s->n >= s->max_segs) {
        free(t);
        return;
    }
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 64;
        s->v = xrealloc(s->v, s->cap * sizeof *s->v);
    }
    seg_t *g = &s->v[s->n++];
    g->text = t;
    g->chars = utf8_chars(t, strlen(t));
    size_t total_bytes = len ? len : 1;
    g->link_chars = (size_t)((double)g->chars * (double)link_bytes / (double)total_bytes + 0.5);
    if (g->link_chars > g->chars) g->link_chars = g->chars;
    g->owner = owner;
    g->kind = kind_of(owner);
}

static size_t mask_count(const segs_t *s, size_t from, size_t to) {
    size_t n = 0;
    for (size_t i = from; i < to && i < s->cur_mask.len; i++) n += s->cur_mask.data[i] == 1;
    return n;
}

/* Ends the paragraph being built; double <br> split it into several. */
static void flush(segs_t *s) {
    if (s->cur.len == 0) {
        s->cur_owner = NULL;
        buf_reset(&s->cur_mask);
        return;
    }
    const char *d = s->cur.data;
    size_t len = s->cur.len;
    size_t start = 0;
    for (size_t i = 0; i < len; i++) {
        if (d[i] != '\x01') continue;
        size_t j = i + 1;
        while (j < len && (d[j] == ' ' || d[j] == '\x01')) j++;
        int brs = 0;
        for (size_t k = i; k < j; k++) brs += d[k] == '\x01';
        if (brs >= 2) {
            push_seg(s, d + start, i - start, mask_count(s, start, i), s->cur_owner);
            start = j;
        } else {
            s->cur.data[i] = ' ';
        }
        i = j - 1;
    }
    push_seg(s, d + start, len - start, mask_count(s, start, len), s->cur_owner);
    buf_reset(&s->cur);
    buf_reset(&s->cur_mask);
    s->cur_owner = NULL;
}

static void put_byte(segs_t *s, char c, int in_link) {
    buf_putc(&s->cur, c);
    buf_putc(&s->cur_mask, in_link ? 1 : 0);
}

static void append_text(segs_t *s, const char *t, xmlNodePtr owner, int in_link) {
    if (!s->cur_owner) s->cur_owner = owner;
    /* collapse whitespace as we go */
    for (const char *p = t; *p; p++) {
        if (isspace((unsigned char)*p)) {
            if (s->cur.len && s->cur.data[s->cur.len - 1] != ' ') put_byte(s, ' ', 0);
        } else {
            put_byte(s, *p, in_link);
        }
    }
}

static void linearize(segs_t *s, xmlNodePtr n, xmlNodePtr owner, int in_link, int depth) {
    if (depth > MAX_DEPTH) return;
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            if (c->content) append_text(s, (const char *)c->content, owner, in_link);
            continue;
        }
        if (c->type != XML_ELEMENT_NODE) continue;
        if (htmlmeta_is_element(c, "script") || htmlmeta_is_element(c, "style") || htmlmeta_is_element(c, "noscript")) continue;
        if (htmlmeta_is_element(c, "br")) {
            if (!s->cur_owner) s->cur_owner = owner;
            put_byte(s, '\x01', 0);
            continue;
        }
        if (htmlmeta_is_element(c, "hr")) {
            flush(s);
            continue;
        }
        if (name_in(c, block_tags)) {
            flush(s);
            linearize(s, c, c, in_link, depth + 1);
            flush(s);
        } else {
            /* inline: a space where one would be rendered between cells etc. */
            linearize(s, c, owner, in_link || htmlmeta_is_element(c, "a"), depth + 1);
        }
    }
}

static void segs_free(segs_t *s) {
    for (size_t i = 0; i < s->n; i++) free(s->v[i].text);
    free(s->v);
    buf_free(&s->cur);
    buf_free(&s->cur_mask);
    memset(s, 0, sizeof *s);
}

/* ------------------------------------------------------------ scoring */

typedef struct {
    infos_t infos;
    buf_t scratch;
    const htmlmeta_t *meta;
} scorer_t;

static int init_score(scorer_t *sc, xmlNodePtr n) {
    int s = 0;
    const char *name = (const char *)n->name;
    if (!strcasecmp(name, "div")) s = 5;
    else if (!strcasecmp(name, "article")) s = 25;
    else if (!strcasecmp(name, "main")) s = 10;
    else if (!strcasecmp(name, "section")) s = 3;
    else if (!strcasecmp(name, "pre") || !strcasecmp(name, "td") || !strcasecmp(name, "blockquote"))
        s = 3;
    else if (!strcasecmp(name, "address") || !strcasecmp(name, "ol") || !strcasecmp(name, "ul") ||
             !strcasecmp(name, "dl") || !strcasecmp(name, "dd") || !strcasecmp(name, "dt") ||
             !strcasecmp(name, "li") || !strcasecmp(name, "form"))
        s = -3;
    else if (name[0] == 'h' && name[1] >= '1' && name[1] <= '6') s = -5;
    else if (!strcasecmp(name, "th")) s = -5;
    return s + class_weight(n, &sc->scratch);
}

static int is_container_owner(xmlNodePtr owner) {
    /* text sitting straight in these stands for a paragraph of its parent */
    return !(htmlmeta_is_element(owner, "div") || htmlmeta_is_element(owner, "section") || htmlmeta_is_element(owner, "article") ||
             htmlmeta_is_element(owner, "main") || htmlmeta_is_element(owner, "body") || htmlmeta_is_element(owner, "td"));
}

static double link_density(ninfo_t *ni) {
    return ni->text_chars ? (double)ni->link_chars / (double)ni->text_chars : 0.0;
}

static size_t count_commas(const char *t) {
    size_t n = 0;
    for (const char *p = t; *p; p++) {
        if (*p == ',') n++;
        else if ((unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBC &&
                 (unsigned char)p[2] == 0x8C)
            n++; /* fullwidth comma */
        else if ((unsigned char)p[0] == 0xE3 && (unsigned char)p[1] == 0x80 &&
                 (unsigned char)p[2] == 0x81)
            n++; /* ideographic comma */
    }
    return n;
}

/* Points to the ancestors of every paragraph; returns the best candidate. */
static xmlNodePtr pick_top(scorer_t *sc, segs_t *all, xmlNodePtr body) {
    /* text and link text of every element */
    for (size_t i = 0; i < all->n; i++) {
        seg_t *g = &all->v[i];
        ninfo_t *own = info_of(&sc->infos, g->owner);
        if (!own->first_seg) own->first_seg = i + 1;
        int d = 0;
        for (xmlNodePtr a = g->owner; a && a->type == XML_ELEMENT_NODE && d < MAX_DEPTH;
             a = a->parent, d++) {
            ninfo_t *ni = info_of(&sc->infos, a);
            ni->text_chars += g->chars;
            ni->link_chars += g->link_chars;
            if (g->kind != SEG_HEADING && g->kind != SEG_H1 && g->chars >= MIN_SCORED_CHARS)
                ni->p_chars += (unsigned)g->chars;
            if (a == body) break;
        }
    }
    /* Candidates on the way */
    xmlNodePtr *cands = NULL;
    size_t n_cands = 0, cap = 0;
    for (size_t i = 0; i < all->n; i++) {
        seg_t *g = &all->v[i];
        if (g->kind == SEG_HEADING || g->kind == SEG_H1 || g->chars < MIN_SCORED_CHARS) continue;
        if (g->chars && (double)g->link_chars / (double)g->chars > 0.5) continue;
        double points = 1.0 + (double)count_commas(g->text) + (double)(g->chars / 100 > 3 ? 3 : g->chars / 100);
        xmlNodePtr a = is_container_owner(g->owner) ? g->owner->parent : g->owner;
        for (int level = 0; a && a->type == XML_ELEMENT_NODE && level < 5; level++, a = a->parent) {
            ninfo_t *ni = info_of(&sc->infos, a);
            if (!ni->initialized) {
                ni->initialized = 1;
                ni->score = init_score(sc, a);
                if (n_cands == cap) {
                    cap = cap ? cap * 2 : 64;
                    cands = xrealloc(cands, cap * sizeof *cands);
                }
                cands[n_cands++] = a;
            }
            double divider = level == 0 ? 1.0 : level == 1 ? 2.0 : level * 3.0;
            ni->score += points / divider;
            if (a == body) break;
        }
    }
    xmlNodePtr top = NULL;
    double best = -1e9;
    for (size_t i = 0; i < n_cands; i++) {
        ninfo_t *ni = info_of(&sc->infos, cands[i]);
        ni->score *= 1.0 - link_density(ni);
        if (ni->score > best) {
            best = ni->score;
            top = cands[i];
        }
    }
    if (top) {
        /* several strong candidates under one ancestor: take the ancestor */
        xmlNodePtr strong[5];
        int n_strong = 0;
        for (size_t i = 0; i < n_cands && n_strong < 5; i++) {
            ninfo_t *ni = info_of(&sc->infos, cands[i]);
            if (cands[i] != top && ni->score >= best * 0.75) strong[n_strong++] = cands[i];
        }
        if (n_strong >= 2) {
            for (xmlNodePtr a = top->parent; a && a->type == XML_ELEMENT_NODE && a != body;
                 a = a->parent) {
                int holds = 0;
                for (int k = 0; k < n_strong; k++)
                    for (xmlNodePtr x = strong[k]; x; x = x->parent)
                        if (x == a) {
                            holds++;
                            break;
                        }
                if (holds >= 2) {
                    top = a;
                    break;
                }
            }
        }
        /* climb while the parent scores about as well */
        double last = info_of(&sc->infos, top)->score;
        double threshold = last / 3.0;
        for (xmlNodePtr p = top->parent; p && p->type == XML_ELEMENT_NODE && p != body; p = p->parent) {
            ninfo_t *pi = info_of(&sc->infos, p);
            if (!pi->initialized) continue;
            if (pi->score < threshold) break;
            if (pi->score > last) {
                top = p;
                break;
            }
            last = pi->score;
        }
        /* a wrapper with a single child holds the same text */
        while (top->parent && top->parent != body && top->parent->type == XML_ELEMENT_NODE) {
            int elements = 0;
            for (xmlNodePtr c = top->parent->children; c; c = c->next)
                if (c->type == XML_ELEMENT_NODE) elements++;
                else if (c->type == XML_TEXT_NODE && c->content &&
                         utf8_chars((const char *)c->content, strlen((const char *)c->content)))
                    elements += 2;
            if (elements != 1) break;
            top = top->parent;
        }
    }
    free(cands);
    return top;
}

/* The top candidate and its siblings that belong to the article. */
static size_t gather(scorer_t *sc, xmlNodePtr top, segs_t *all, xmlNodePtr *out, size_t max) {
    size_t n = 0;
    if (!top->parent || top->parent->type != XML_ELEMENT_NODE) {
        out[n++] = top;
        return n;
    }
    ninfo_t *ti = info_of(&sc->infos, top);
    double threshold = ti->score * 0.2 > 10 ? ti->score * 0.2 : 10;
    const char *top_class = htmlmeta_attr(top, "class");
    for (xmlNodePtr s = top->parent->children; s && n < max; s = s->next) {
        if (s->type != XML_ELEMENT_NODE) continue;
        if (s == top) {
            out[n++] = s;
            continue;
        }
        ninfo_t *si = info_of(&sc->infos, s);
        double bonus = 0;
        const char *cls = htmlmeta_attr(s, "class");
        if (top_class && cls && *cls && !strcmp(cls, top_class)) bonus = ti->score * 0.2;
        if (si->initialized && si->score + bonus >= threshold) {
            out[n++] = s;
            continue;
        }
        if (htmlmeta_is_element(s, "p") || htmlmeta_is_element(s, "blockquote") || htmlmeta_is_element(s, "ul") || htmlmeta_is_element(s, "ol")) {
            double ld = link_density(si);
            size_t len = si->text_chars;
            if (len > 80 && ld < 0.25) out[n++] = s;
            else if (len > 0 && len <= 80 && ld == 0) {
                /* a short paragraph that ends a sentence */
                if (si->first_seg && all->v[si->first_seg - 1].owner == s) {
                    const char *t = all->v[si->first_seg - 1].text;
                    size_t tl = strlen(t);
                    if (tl && strchr(".!?\"", t[tl - 1])) out[n++] = s;
                }
            }
        }
    }
    return n;
}

/* ------------------------------------------------------------ filtering */

static int starts_with_ci(const char *s, const char *prefix) {
    return !strncasecmp(s, prefix, strlen(prefix));
}

/* Lines that are the whole paragraph ("Advertisement", "Comments (12)"). */
static const char *const boilerplate_lines[] = {
    "advertisement", "advertisment", "advert", "ad", "ads", "sponsored", "sponsored content",
    "recommended", "recommended for you", "trending", "trending now", "comments", "comment",
    "loading", "share", "share this", "share this article", "tweet", "email", "e-mail", "print",
    "related", "related articles", "related stories", "related content", "related coverage",
    "more", "more stories", "most read", "most popular", "top stories", "latest news",
    "latest", "read more", "continue reading", "keep reading", "listen", "watch", "video",
    "photos", "gallery", "next", "previous", "back to top", "skip to content",
    "skip to main content", "image", "photo", "enlarge", "close", "menu", "subscribe",
    "sign up", "log in", "sign in", "follow us", "newsletter", "see more", "show more",
    "load more", "view comments", "copy link", "link copied", "copied", "facebook", "twitter",
    "whatsapp", "linkedin", "reddit", "pinterest", "flipboard", "scroll down for video",
    "story continues below", "article continues below", "story continues below advertisement",
    "don't miss", "editor's picks", "what to read next", "read next", "up next", NULL};

/* Beginnings of boilerplate paragraphs. */
static const char *const boilerplate_prefixes[] = {
    "scroll down for video", "scroll down for more", "scroll down to", "advertisement",
    "story continues below", "article continues below", "continues below", "read more:",
    "read more about", "read more here", "related:", "related articles", "related stories",
    "more:", "see also:", "also read:", "read also:", "click here to", "sign up for",
    "sign up to", "subscribe to our", "subscribe now", "follow us on", "follow @", "share this",
    "share on ", "share:", "copyright", "\xC2\xA9", "(c) 20", "all rights reserved", "image:",
    "image caption", "photo:", "picture:", "pictured:", "credit:", "image credit",
    "photograph:", "getty images", "watch:", "watch the video", "watch now", "listen:",
    "listen to this", "video:", "we use cookies", "this site uses cookies", "by using this site",
    "click to ", "tap to ", "leave a comment", "join the conversation", "posted in ", "tags:",
    "filed under", "topics:", "next article", "previous article", "next story",
    "previous story", "you may also like", "you might also like", "please enable javascript",
    "your browser does not support", "enable javascript", "skip to ", "download the app",
    "get the app", "more from ", "email this", "print this", "jump to", "open image",
    "expand image", "view image", "caption:", "(photo:", "photo by ", "photos:",
    "ad feedback", "report an error", "have a tip", "got a tip", "contact the author",
    "most read", "most popular", "sign in to", "log in to", "back to ", "return to ", "to continue reading",
    "this article is for subscribers", "a version of this article appears",
    "this article originally appeared", NULL};

static int is_boilerplate(const char *t, size_t chars) {
    if (chars > 200) return 0;
    /* leading marks: dashes, bullets, arrows, brackets */
    while (*t == ' ' || *t == '-' || *t == '>' || *t == '<' || *t == '*' || *t == '[' ||
           *t == '|' || (unsigned char)*t == 0xE2 ||
           ((unsigned char)*t == 0xC2 && ((unsigned char)t[1] == 0xAB || (unsigned char)t[1] == 0xBB))) {
        if ((unsigned char)*t == 0xC2) {
            t += 2;
        } else if ((unsigned char)*t == 0xE2) {
            if (!t[1] || !t[2]) break;
            unsigned char b = (unsigned char)t[1];
            if (b != 0x80 && b != 0x86 && b != 0x96 && b != 0x97 && b != 0x9E) break;
            t += 3;
        } else {
            t++;
        }
    }
    /* the whole line, give or take punctuation, a count or an ellipsis */
    size_t n = strlen(t);
    while (n > 0 && (ispunct((unsigned char)t[n - 1]) || isdigit((unsigned char)t[n - 1]) ||
                     t[n - 1] == ' ' || (unsigned char)t[n - 1] >= 0x80))
        n--;
    for (const char *const *p = boilerplate_lines; *p; p++)
        if (strlen(*p) == n && !strncasecmp(t, *p, n)) return 1;
    if (starts_with_ci(t, "follow ") &&
        (strcasestr(t, "facebook") || strcasestr(t, "twitter") || strcasestr(t, "instagram") ||
         strcasestr(t, " on x") || strcasestr(t, "newsletter") || strcasestr(t, "social media")))
        return 1;
    for (const char *const *p = boilerplate_prefixes; *p; p++)
        if (starts_with_ci(t, *p)) {
            /* a real sentence that merely starts so */
            if (chars > 90 && strchr(t, ',') && strcmp(*p, "advertisement") != 0) return 0;
            return 1;
        }
    return 0;
}

static int has_alnum(const char *t) {
    for (const unsigned char *p = (const unsigned char *)t; *p; p++)
        if (isalnum(*p) || *p >= 0xC0) return 1;
    return 0;
}

static size_t count_words(const char *t) {
    size_t n = 0;
    int in = 0;
    for (const char *p = t; *p; p++) {
        if (isspace((unsigned char)*p)) in = 0;
        else if (!in) {
            in = 1;
            n++;
        }
    }
    return n;
}

/* Do the words of t (after skip) look like names: capitalized, with
 * small joining words allowed? */
static int looks_like_names(const char *t) {
    static const char *const joins[] = {"and", "&", "in", "for", "the", "of", "de", "van", "von",
                                        "at", "with", "|", "-", "and\xC2\xA0", NULL};
    int names = 0;
    const char *p = t;
    while (*p) {
        while (*p == ' ' || *p == ',' || *p == ';') p++;
        if (!*p) break;
        const char *w = p;
        while (*p && *p != ' ' && *p != ',' && *p != ';') p++;
        size_t wl = (size_t)(p - w);
        int join = 0;
        for (const char *const *j = joins; *j; j++)
            if (strlen(*j) == wl && !strncasecmp(w, *j, wl)) join = 1;
        if (join) continue;
        if (wl == 1 && (*w == '|' || *w == '/')) break; /* "By Jane Doe | Updated 10:03" */
        if (wl >= 2 && (unsigned char)w[0] == 0xC2 && (unsigned char)w[1] == 0xB7) break;
        unsigned char c = (unsigned char)w[0];
        if (islower(c) || isdigit(c)) return 0;
        names++;
    }
    return names > 0;
}

/* "By Jane Doe", "By JANE DOE, Associated Press", or the page's byline. */
static int is_byline(const char *t, size_t chars, const htmlmeta_t *m) {
    if (chars > 120) return 0;
    size_t words = count_words(t);
    if (m->byline && (!strcasecmp(t, m->byline) ||
                      (starts_with_ci(t, "by ") && !strncasecmp(t + 3, m->byline, strlen(m->byline)) &&
                       words <= 12)))
        return 1;
    static const char *const starts[] = {"by ", "by: ", "words by ", "written by ",
                                         "words: ", "text: ", "von ", "par ", "por ", NULL};
    for (const char *const *s = starts; *s; s++)
        if (starts_with_ci(t, *s) && words <= 12 && looks_like_names(t + strlen(*s))) return 1;
    return 0;
}

static int looks_like_time(const char *t) {
    /* 14:03, 2:03 pm, 14.03 GMT */
    for (const char *p = t; *p; p++)
        if (isdigit((unsigned char)p[0]) && (p[1] == ':' || p[1] == '.') &&
            isdigit((unsigned char)p[2]) && isdigit((unsigned char)p[3]))
            return 1;
    return 0;
}

static int has_digit(const char *t) {
    for (; *t; t++)
        if (isdigit((unsigned char)*t)) return 1;
    return 0;
}

static int is_dateline(const char *t, size_t chars) {
    if (chars > 100) return 0;
    static const char *const starts[] = {"published", "updated", "last updated", "posted",
                                         "first published", "last modified", "modified",
                                         "created", "date:", "publi\xC3\xA9", "mis \xC3\xA0 jour",
                                         "ver\xC3\xB6" "ffentlicht", "aktualisiert", NULL};
    int digit = has_digit(t);
    if (digit || strstr(t, " ago"))
        for (const char *const *s = starts; *s; s++)
            if (starts_with_ci(t, *s) && chars <= 80) return 1;
    if (!digit) return 0;
    size_t tl = strlen(t);
    if (tl > 4 && !strcmp(t + tl - 4, " ago") && count_words(t) <= 6) return 1;
    if (feeddate_parse(t)) return 1;
    size_t words = count_words(t);
    if (words <= 4 && looks_like_time(t)) return 1;
    /* "12 February 2025", "Feb 12, 2025 · 5 min read", "Wed 12 Feb 2025 14.03 GMT" */
    if (words <= 8) {
        static const char *const months[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul",
                                             "aug", "sep", "oct", "nov", "dec", NULL};
        static const char *const days[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun", NULL};
        int has_year = 0, starts_dateish = isdigit((unsigned char)t[0]);
        for (const char *const *m = months; *m && !starts_dateish; m++)
            if (!strncasecmp(t, *m, 3)) starts_dateish = 1;
        for (const char *const *d = days; *d && !starts_dateish; d++)
            if (!strncasecmp(t, *d, 3)) starts_dateish = 1;
        for (const char *p = t; *p; p++)
            if (isdigit((unsigned char)p[0]) && isdigit((unsigned char)p[1]) &&
                isdigit((unsigned char)p[2]) && isdigit((unsigned char)p[3]) &&
                (p[0] == '1' || p[0] == '2') && !isdigit((unsigned char)p[4]) &&
                (p == t || !isdigit((unsigned char)p[-1])))
                has_year = 1;
        if (starts_dateish && (has_year || looks_like_time(t)) && words <= 7) return 1;
        if (strstr(t, "min read") || strstr(t, "minute read")) return 1;
    }
    return 0;
}

typedef struct {
    extract_block_t *v;
    size_t n, cap;
    size_t chars;
    size_t words;
    uint64_t *seen;      /* open-addressing set of the blocks' text hashes */
    size_t seen_cap, seen_n;
    int full;            /* EXTRACT_MAX_BLOCKS or EXTRACT_MAX_TEXT reached */
} blocks_t;

static uint64_t text_hash(const char *t) {
    uint64_t h = hash_fnv1a_str(HASH_FNV1A_BASIS, t);
    return h ? h : 1;
}

/* Adds h to the set; returns 1 when it was there already. */
static int seen_add(blocks_t *b, uint64_t h) {
    if ((b->seen_n + 1) * 2 > b->seen_cap) {
        size_t cap = b->seen_cap ? b->seen_cap * 2 : 64;
        uint64_t *grown = xcalloc(cap, sizeof *grown);
        for (size_t i = 0; i < b->seen_cap; i++) {
            if (!b->seen[i]) continue;
            size_t j = (size_t)(b->seen[i] % cap);
            while (grown[j]) j = (j + 1) % cap;
            grown[j] = b->seen[i];
        }
        free(b->seen);
        b->seen = grown;
        b->seen_cap = cap;
    }
    size_t j = (size_t)(h % b->seen_cap);
    while (b->seen[j]) {
        if (b->seen[j] == h) return 1;
        j = (j + 1) % b->seen_cap;
    }
    b->seen[j] = h;
    b->seen_n++;
    return 0;
}

static void add_block(blocks_t *b, enum extract_block_kind kind, const char *text) {
    size_t len = strlen(text);
    if (b->n >= EXTRACT_MAX_BLOCKS || b->chars + len > EXTRACT_MAX_TEXT) {
        b->full = 1;
        return;
    }
    if (b->n == b->cap) {
        b->cap = b->cap ? b->cap * 2 : 32;
        b->v = xrealloc(b->v, b->cap * sizeof *b->v);
    }
    b->v[b->n].kind = kind;
    b->v[b->n].text = xstrdup(text);
    b->n++;
    b->chars += len;
    b->words += count_words(text);
}

static void pop_block(blocks_t *b) {
    b->n--;
    b->chars -= strlen(b->v[b->n].text);
    b->words -= count_words(b->v[b->n].text);
    free(b->v[b->n].text);
}

static void blocks_free(blocks_t *b) {
    for (size_t i = 0; i < b->n; i++) free(b->v[i].text);
    free(b->v);
    free(b->seen);
    memset(b, 0, sizeof *b);
}

static int same_ci(const char *a, const char *b) { return a && b && !strcasecmp(a, b); }

/* Is some ancestor of n (up to stop) a block of teaser headings? */
/* Fills all_chars, all_links and linked_h of every element under n, in one
 * pass (so later questions about any subtree cost nothing). */
static void annotate(infos_t *in, xmlNodePtr n, int depth, int in_link) {
    ninfo_t *ni = info_of(in, n);
    size_t chars = 0, links = 0;
    unsigned lh = 0;
    if (depth <= MAX_DEPTH)
        for (xmlNodePtr c = n->children; c; c = c->next) {
            if (c->type == XML_TEXT_NODE && c->content) {
                size_t k = utf8_chars((const char *)c->content, strlen((const char *)c->content));
                chars += k;
                if (in_link) links += k;
            } else if (c->type == XML_ELEMENT_NODE && !htmlmeta_is_element(c, "script") && !htmlmeta_is_element(c, "style")) {
                annotate(in, c, depth + 1, in_link || htmlmeta_is_element(c, "a"));
                ninfo_t *ci = info_of(in, c);
                ni = info_of(in, n); /* the table may have moved */
                chars += ci->all_chars;
                links += ci->all_links;
                lh += ci->linked_h;
            }
        }
    ni = info_of(in, n);
    ni->all_chars = chars;
    ni->all_links = links;
    const char *name = (const char *)n->name;
    if (name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && !name[2] && chars && links * 2 > chars)
        lh++;
    ni->linked_h = lh;
}

static int in_teaser_block(infos_t *in, xmlNodePtr n, xmlNodePtr stop) {
    for (xmlNodePtr a = n->parent; a && a != stop && a->type == XML_ELEMENT_NODE; a = a->parent) {
        if (!(htmlmeta_is_element(a, "div") || htmlmeta_is_element(a, "section") || htmlmeta_is_element(a, "ul") || htmlmeta_is_element(a, "ol")))
            continue;
        ninfo_t *ai = info_of(in, a);
        if (ai->linked_h >= 2 && (ai->all_chars < 2000 || ai->all_links * 3 > ai->all_chars))
            return 1;
    }
    return 0;
}

static void filter_segments(segs_t *segs, const htmlmeta_t *m, infos_t *in, xmlNodePtr stop,
                            blocks_t *out) {
    xmlNodePtr teaser_checked = NULL;
    int teaser = 0;
    for (size_t i = 0; i < segs->n; i++) {
        seg_t *g = &segs->v[i];
        const char *t = g->text;
        if (!has_alnum(t)) continue;
        double ld = g->chars ? (double)g->link_chars / (double)g->chars : 0;
        if (ld > 0.5) {
            /* a heading over a list of links ("Key events", "Related") goes too */
            if (out->n && out->v[out->n - 1].kind == EXTRACT_HEADING) pop_block(out);
            continue;
        }
        if (g->kind == SEG_H1) {
            /* the headline, as the first thing or repeated */
            if (out->n == 0 || same_ci(t, m->title) || same_ci(t, m->h1)) continue;
        } else if (same_ci(t, m->title) && i < 3) {
            continue;
        }
        if (is_boilerplate(t, g->chars)) continue;
        if (is_byline(t, g->chars, m)) continue;
        if (g->kind != SEG_HEADING && is_dateline(t, g->chars)) continue;
        if (g->owner->parent != teaser_checked && stop) {
            teaser_checked = g->owner->parent;
            teaser = in_teaser_block(in, g->owner, stop);
        }
        if (teaser) continue;
        /* the same paragraph twice (pull quotes, repeated captions) */
        if (seen_add(out, text_hash(t)) && g->chars > 20) continue;
        int heading = g->kind == SEG_HEADING || g->kind == SEG_H1;
        if (heading && g->chars > 200) heading = 0;
        add_block(out, heading ? EXTRACT_HEADING : EXTRACT_PARAGRAPH, t);
    }
    /* headings with nothing after them (a "Related" heading left at the end) */
    while (out->n && out->v[out->n - 1].kind == EXTRACT_HEADING) pop_block(out);
}

/* ------------------------------------------------------------ one attempt */

typedef struct {
    blocks_t blocks;
    int index_like;   /* the content looks like a list of teasers */
} attempt_t;

static xmlNodePtr find_body(xmlDocPtr doc) {
    xmlNodePtr root = xmlDocGetRootElement(doc);
    if (!root) return NULL;
    for (xmlNodePtr c = root->children; c; c = c->next)
        if (htmlmeta_is_element(c, "body")) return c;
    return root;
}

static xmlNodePtr find_itemprop_body(xmlNodePtr n, int depth) {
    if (depth > MAX_DEPTH) return NULL;
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        const char *ip = htmlmeta_attr(c, "itemprop");
        if (ip && strcasestr(ip, "articleBody")) return c;
        xmlNodePtr f = find_itemprop_body(c, depth + 1);
        if (f) return f;
    }
    return NULL;
}

static void run_attempt(xmlDocPtr doc, const htmlmeta_t *meta, int class_pruning, attempt_t *out) {
    memset(out, 0, sizeof *out);
    xmlNodePtr body = find_body(doc);
    if (!body) return;
    prune_t pr = {class_pruning, subtree_chars(body, 0), BUF_INIT};
    prune(&pr, body, 0);
    buf_free(&pr.scratch);

    scorer_t sc = {{NULL, 0, 0}, BUF_INIT, meta};
    segs_t all = {0};
    all.max_segs = 200000;
    linearize(&all, body, body, 0, 0);
    flush(&all);
    annotate(&sc.infos, body, 0, 0);

    xmlNodePtr chosen[64];
    size_t n_chosen = 0;
    xmlNodePtr top = pick_top(&sc, &all, body);
    xmlNodePtr marked = find_itemprop_body(body, 0);
    if (marked) {
        /* trust the page's own mark, unless it marks a small part of what
         * scoring found around it (a summary marked as the body) */
        size_t marked_chars = info_of(&sc.infos, marked)->text_chars;
        int inside_top = 0;
        for (xmlNodePtr a = marked; a && top; a = a->parent)
            if (a == top) inside_top = 1;
        if (marked_chars >= 200 &&
            !(inside_top && top != marked && marked_chars * 3 < info_of(&sc.infos, top)->p_chars))
            chosen[n_chosen++] = marked;
    }
    if (!n_chosen && top) n_chosen = gather(&sc, top, &all, chosen, sizeof chosen / sizeof chosen[0]);
    int headings_linked = 0;
    size_t paragraphs = 0;
    for (size_t k = 0; k < n_chosen; k++) {
        segs_t part = {0};
        part.max_segs = 100000;
        linearize(&part, chosen[k], chosen[k], 0, 0);
        flush(&part);
        headings_linked += (int)info_of(&sc.infos, chosen[k])->linked_h;
        for (size_t i = 0; i < part.n; i++)
            if (part.v[i].kind != SEG_HEADING && part.v[i].chars >= MIN_SCORED_CHARS) paragraphs++;
        filter_segments(&part, meta, &sc.infos, chosen[k], &out->blocks);
        segs_free(&part);
    }
    /* teasers: a linked headline for every few paragraphs (an article page
     * whose related-story list slipped through has far more text) */
    if (meta->declares_article)
        out->index_like = headings_linked >= 4 && (size_t)headings_linked >= paragraphs;
    else
        out->index_like = headings_linked >= 3 && (size_t)headings_linked * 3 >= paragraphs;
    segs_free(&all);
    free(sc.infos.v);
    buf_free(&sc.scratch);
}

/* ------------------------------------------------------------ JSON-LD body */

static xmlDocPtr parse_bounded(const char *data, size_t len, const char *url, const char *encoding,
                               int noblanks, int *truncated);

static void blocks_from_text(const char *text, blocks_t *out) {
    int has_tags = 0;
    for (const char *p = text; *p && !has_tags; p++)
        if (*p == '<' && (isalpha((unsigned char)p[1]) || p[1] == '/')) has_tags = 1;
    if (has_tags) {
        int truncated = 0;
        xmlerr_t xe;
        xmlerr_begin(&xe, "extract");
        htmlDocPtr frag = parse_bounded(text, strlen(text), NULL, "UTF-8", 0, &truncated);
        xmlerr_end(&xe);
        if (frag) {
            xmlNodePtr body = find_body(frag);
            segs_t segs = {0};
            segs.max_segs = 100000;
            if (body) {
                linearize(&segs, body, body, 0, 0);
                flush(&segs);
            }
            for (size_t i = 0; i < segs.n; i++)
                add_block(out, segs.v[i].kind == SEG_HEADING ? EXTRACT_HEADING : EXTRACT_PARAGRAPH,
                          segs.v[i].text);
            segs_free(&segs);
            xmlFreeDoc(frag);
            return;
        }
    }
    const char *p = text;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        char *line = htmlmeta_squash(xstrndup(p, n));
        if (*line) add_block(out, EXTRACT_PARAGRAPH, line);
        free(line);
        p += n;
        if (*p) p++;
    }
}

/* ------------------------------------------------------------ verdict */

static int contains_ci(const char *hay, const char *needle) { return hay && strcasestr(hay, needle); }

static int looks_like_404(const htmlmeta_t *m, const blocks_t *b) {
    if (b->words >= 150) return 0;
    const char *const marks[] = {"page not found", "not found", "error 404", "404 error",
                                 "404 -", "404 |", "404:", "- 404", "| 404", "no longer available",
                                 "doesn't exist", "does not exist", "couldn't find",
                                 "could not find", "can't be found", "cannot be found",
                                 "can't find that page", "page unavailable", NULL};
    const char *texts[] = {m->title, m->h1};
    for (int i = 0; i < 2; i++) {
        if (!texts[i]) continue;
        if (!strncmp(texts[i], "404", 3) && !isdigit((unsigned char)texts[i][3])) return 1;
        for (const char *const *k = marks; *k; k++)
            if (contains_ci(texts[i], *k)) return 1;
    }
    return 0;
}

static int looks_like_paywall(const char *page_text, const blocks_t *b) {
    if (b->words >= 100) return 0;
    const char *const marks[] = {"subscribe to continue", "subscribe to read", "to continue reading",
                                 "subscribers only", "exclusive to subscribers",
                                 "sign in to read", "log in to read", "premium article",
                                 "this article is for subscribers", "subscribe to unlock", NULL};
    for (const char *const *k = marks; *k; k++)
        if (contains_ci(page_text, *k)) return 1;
    return 0;
}

/* ------------------------------------------------------------ entry */

/* ------------------------------------------------------------ bounded parse
 *
 * libxml2 builds the whole tree of whatever it is given: an 8 MiB page of
 * "<p>a" is two million elements and 850 MB. So the page goes to libxml2's
 * push parser in chunks, through
 *  - a tag scanner on the bytes: a tag with more than MAX_TAG_TOKENS
 *    attribute tokens loses the rest (libxml2 checks each attribute against
 *    all earlier ones of its tag: quadratic), a run of text longer than
 *    MAX_TEXT_RUN loses the rest up to the next tag (the push parser holds
 *    a run whole until its end), and after MAX_TAGS tags the rest of the
 *    page is not read;
 *  - SAX handlers that count what the tree holds (elements, attributes,
 *    text, each at about what libxml2 spends on it) and stop the parser at
 *    MAX_TREE_BYTES or MAX_TREE_TEXT. Script and style text is not kept
 *    (only JSON-LD is read), nor are comments (pruning drops them anyway).
 * What was built up to a stop is extracted as usual; the result says
 * truncated. */

#define CHUNK_BYTES 65536
#define MAX_TREE_BYTES (16u << 20) /* libxml2's tree of the page, estimated */
#define MAX_TREE_TEXT (2u << 20)   /* text kept in it */
#define MAX_TAG_TOKENS 128         /* attribute tokens read in one tag */
#define MAX_TAGS 200000            /* tags read in one page */
#define MAX_TEXT_RUN (1u << 20)    /* bytes between two tags (libxml2 holds a run whole) */
#define COST_NODE 160              /* an xmlNode and malloc's own bytes */
#define COST_ATTR 280              /* an xmlAttr, its text node, malloc's bytes */

typedef struct {
    size_t tree_bytes, text_bytes;
    int stopped;
    startElementSAXFunc start_element;
    charactersSAXFunc characters;
    ignorableWhitespaceSAXFunc ignorable;
    cdataBlockSAXFunc cdata_block;
} tree_budget_t;

/* Counts cost; stops the parser and returns 0 when the budget is spent. */
static int budget_take(htmlParserCtxtPtr ctxt, size_t bytes, size_t text) {
    tree_budget_t *b = ctxt->_private;
    if (b->stopped) return 0;
    if (b->tree_bytes + bytes > MAX_TREE_BYTES || b->text_bytes + text > MAX_TREE_TEXT) {
        b->stopped = 1;
        xmlStopParser(ctxt);
        return 0;
    }
    b->tree_bytes += bytes;
    b->text_bytes += text;
    return 1;
}

static void on_start_element(void *ud, const xmlChar *name, const xmlChar **atts) {
    htmlParserCtxtPtr ctxt = ud;
    size_t cost = COST_NODE;
    for (size_t i = 0; atts && atts[i]; i += 2)
        cost += COST_ATTR + (atts[i + 1] ? strlen((const char *)atts[i + 1]) : 0);
    if (budget_take(ctxt, cost, 0)) ((tree_budget_t *)ctxt->_private)->start_element(ud, name, atts);
}

/* Text joins the text node before it, whose buffer libxml2 grows to twice
 * what it holds. */
static size_t text_cost(htmlParserCtxtPtr ctxt, int len) {
    xmlNodePtr last = ctxt->node ? ctxt->node->last : NULL;
    return 2 * (size_t)len + (last && last->type == XML_TEXT_NODE ? 0 : COST_NODE);
}

static void on_characters(void *ud, const xmlChar *ch, int len) {
    htmlParserCtxtPtr ctxt = ud;
    if (budget_take(ctxt, text_cost(ctxt, len), (size_t)len))
        ((tree_budget_t *)ctxt->_private)->characters(ud, ch, len);
}

static void on_ignorable(void *ud, const xmlChar *ch, int len) {
    htmlParserCtxtPtr ctxt = ud;
    tree_budget_t *b = ctxt->_private;
    if (b->ignorable == xmlSAX2IgnorableWhitespace) return; /* dropped (NOBLANKS) */
    if (budget_take(ctxt, text_cost(ctxt, len), (size_t)len)) b->ignorable(ud, ch, len);
}

/* Script and style text: only JSON-LD is kept. */
static void on_cdata_block(void *ud, const xmlChar *value, int len) {
    htmlParserCtxtPtr ctxt = ud;
    xmlNodePtr n = ctxt->node;
    if (!n || !htmlmeta_is_element(n, "script")) return;
    const char *type = htmlmeta_attr(n, "type");
    if (!type || !strcasestr(type, "ld+json")) return;
    if (budget_take(ctxt, text_cost(ctxt, len), (size_t)len))
        ((tree_budget_t *)ctxt->_private)->cdata_block(ud, value, len);
}

/* The tag scanner: runs over the bytes as they go to the parser (any
 * ASCII-compatible charset), keeping its state across chunks. */
typedef struct {
    enum { TS_TEXT, TS_LT, TS_TAG, TS_QUOTE } state;
    unsigned char quote;
    int in_token, after_eq;
    int dropping;       /* the rest of this tag's attributes */
    int dropping_text;  /* the rest of this run of text */
    size_t run_bytes;   /* of the text since the last '<' */
    int utf8;           /* the bytes are UTF-8: cut runs at a character */
    unsigned tokens;
    size_t tags;
    int stopped;
} tagscan_t;

static int is_tag_space(unsigned char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Appends to out what of [p, p+n) the parser may see. */
static void tagscan(tagscan_t *ts, const char *p, size_t n, buf_t *out) {
    size_t run = 0; /* start of the bytes not yet copied */
    size_t i;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (ts->state == TS_TEXT) {
            if (c == '<') {
                ts->state = TS_LT;
                ts->run_bytes = 0;
                if (ts->dropping_text) {
                    run = i;
                    ts->dropping_text = 0;
                }
            } else if (++ts->run_bytes > MAX_TEXT_RUN && !ts->dropping_text &&
                       (!ts->utf8 || (c & 0xC0) != 0x80)) {
                /* cut at a character's first byte, so the UTF-8 stays valid */
                buf_append(out, p + run, i - run);
                ts->dropping_text = 1;
            }
        } else if (ts->state == TS_LT) {
            if (isalpha(c) || c == '/' || c == '!' || c == '?') {
                if (++ts->tags > MAX_TAGS) {
                    ts->stopped = 1;
                    break; /* the rest of the page is not read */
                }
                ts->state = TS_TAG;
                ts->tokens = 1; /* the name */
                ts->in_token = 1;
                ts->after_eq = 0;
            } else if (c != '<') {
                ts->state = TS_TEXT;
            }
        } else if (ts->state == TS_QUOTE) {
            if (c == ts->quote) {
                ts->state = TS_TAG;
                ts->after_eq = 0;
            }
        } else if (c == '>') {
            if (ts->dropping) {
                run = i; /* the '>' is kept */
                ts->dropping = 0;
            }
            ts->state = TS_TEXT;
        } else if (is_tag_space(c)) {
            ts->in_token = 0;
        } else if ((c == '"' || c == '\'') && ts->after_eq) {
            ts->state = TS_QUOTE;
            ts->quote = c;
        } else {
            if (!ts->in_token && ++ts->tokens > MAX_TAG_TOKENS && !ts->dropping) {
                buf_append(out, p + run, i - run);
                ts->dropping = 1;
            }
            ts->in_token = 1;
            ts->after_eq = c == '=';
        }
    }
    if (!ts->dropping && !ts->dropping_text) buf_append(out, p + run, i - run);
}

/* The page (len bytes in the charset `encoding`, a name libxml2 knows)
 * parsed within the budgets; *truncated is set when one stopped it.
 * noblanks: drop white-space-only text (HTML_PARSE_NOBLANKS). */
static xmlDocPtr parse_bounded(const char *data, size_t len, const char *url, const char *encoding,
                               int noblanks, int *truncated) {
    int opts = HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER |
               (noblanks ? HTML_PARSE_NOBLANKS : 0);
    htmlParserCtxtPtr ctxt = htmlCreatePushParserCtxt(NULL, NULL, NULL, 0, url, XML_CHAR_ENCODING_NONE);
    if (!ctxt) return NULL;
    htmlCtxtUseOptions(ctxt, opts);
    if (encoding) {
        /* as htmlReadMemory does: the given charset wins over <meta> */
        xmlCharEncodingHandlerPtr h = xmlFindCharEncodingHandler(encoding);
        if (h) {
            xmlSwitchToEncoding(ctxt, h);
            if (ctxt->input->encoding) xmlFree((xmlChar *)ctxt->input->encoding);
            ctxt->input->encoding = xmlStrdup((const xmlChar *)encoding);
        }
    }
    tree_budget_t budget = {0};
    xmlSAXHandlerPtr sax = ctxt->sax; /* this context's own copy */
    budget.start_element = sax->startElement;
    budget.characters = sax->characters;
    budget.ignorable = sax->ignorableWhitespace;
    budget.cdata_block = sax->cdataBlock;
    sax->startElement = on_start_element;
    sax->characters = on_characters;
    sax->ignorableWhitespace = on_ignorable;
    sax->cdataBlock = on_cdata_block;
    sax->comment = NULL;
    sax->processingInstruction = NULL;
    ctxt->_private = &budget;

    tagscan_t ts = {0};
    ts.utf8 = encoding && !strcmp(encoding, "UTF-8");
    buf_t chunk = BUF_INIT;
    for (size_t pos = 0; pos < len && !budget.stopped && !ts.stopped;) {
        size_t n = len - pos < CHUNK_BYTES ? len - pos : CHUNK_BYTES;
        buf_reset(&chunk);
        tagscan(&ts, data + pos, n, &chunk);
        if (chunk.len) htmlParseChunk(ctxt, chunk.data, (int)chunk.len, 0);
        pos += n;
    }
    buf_free(&chunk);
    if (!budget.stopped) htmlParseChunk(ctxt, NULL, 0, 1);
    xmlDocPtr doc = ctxt->myDoc;
    ctxt->myDoc = NULL;
    ctxt->_private = NULL;
    htmlFreeParserCtxt(ctxt);
    *truncated = budget.stopped || ts.stopped;
    return doc;
}

/* quiet: libxml2's messages are not logged (the page was parsed before).
 * The bytes become valid UTF-8 first (charset.h: BOM, header, <meta>,
 * detection), so the bounded parser reads one encoding only. */
static xmlDocPtr parse_html(const char *html, size_t len, const char *url, const char *content_type,
                            int quiet, int *truncated) {
    buf_t clean = BUF_INIT;
    charset_to_utf8(html, len, content_type, CHARSET_DOC_HTML, &clean, NULL);
    xmlerr_t xe;
    xmlerr_begin(&xe, "extract");
    xmlDocPtr doc = parse_bounded(clean.data ? clean.data : "", clean.len, url, "UTF-8", 1, truncated);
    buf_free(&clean);
    if (quiet) xmlerr_discard(&xe);
    else xmlerr_end(&xe);
    return doc;
}

static void whole_text(xmlDocPtr doc, buf_t *out) {
    xmlNodePtr body = find_body(doc);
    if (body) htmlmeta_node_text(body, out);
}

int extract_page(const char *html, size_t len, const char *url, const char *content_type,
                 extract_result_t *out, buf_t *err) {
    memset(out, 0, sizeof *out);
    if (!html || len == 0) {
        buf_puts(err, "the page is empty");
        return -1;
    }
    if (len > EXTRACT_MAX_BYTES) {
        buf_printf(err, "the page is larger than %u bytes", (unsigned)EXTRACT_MAX_BYTES);
        return -1;
    }
    size_t nonspace = 0;
    for (size_t i = 0; i < len && !nonspace; i++) nonspace = !isspace((unsigned char)html[i]);
    if (!nonspace) {
        buf_puts(err, "the page is empty");
        return -1;
    }
    /* binary data (an image, a PDF, a gzip stream) is not HTML */
    size_t probe = len < 1024 ? len : 1024, zeros = 0;
    for (size_t i = 0; i < probe; i++) zeros += html[i] == '\0';
    int utf16 = len >= 2 && (((unsigned char)html[0] == 0xFF && (unsigned char)html[1] == 0xFE) ||
                             ((unsigned char)html[0] == 0xFE && (unsigned char)html[1] == 0xFF));
    if ((zeros > 0 && !utf16) || (len >= 4 && !memcmp(html, "%PDF", 4)) ||
        (len >= 2 && (unsigned char)html[0] == 0x1F && (unsigned char)html[1] == 0x8B)) {
        buf_puts(err, "the input is not HTML (binary data)");
        return -1;
    }

    int truncated = 0, truncated_again = 0;
    xmlDocPtr doc = parse_html(html, len, url, content_type, 0, &truncated);
    if (!doc || !xmlDocGetRootElement(doc)) {
        if (doc) xmlFreeDoc(doc);
        buf_puts(err, "the page could not be parsed as HTML");
        return -1;
    }
    htmlmeta_t meta;
    htmlmeta_collect(doc, url, &meta);
    buf_t page_text = BUF_INIT;
    whole_text(doc, &page_text);
    htmlmeta_squash(page_text.data);

    /* Attempt with class/id pruning (on the same tree: metadata is read),
     * then on a fresh tree without it if that left too little. */
    attempt_t best;
    run_attempt(doc, &meta, 1, &best);
    xmlFreeDoc(doc);
    if (best.blocks.chars < RETRY_BELOW_CHARS) {
        attempt_t again;
        doc = parse_html(html, len, url, content_type, 1, &truncated_again);
        truncated |= truncated_again;
        run_attempt(doc, &meta, 0, &again);
        xmlFreeDoc(doc);
        if (again.blocks.chars > best.blocks.chars * 2 && !again.index_like) {
            blocks_free(&best.blocks);
            best = again;
        } else {
            blocks_free(&again.blocks);
        }
    }

    /* Text only in JSON-LD (or the page shows much less of it). */
    if (meta.article_body) {
        blocks_t ld = {0};
        blocks_from_text(meta.article_body, &ld);
        if (ld.words >= 50 && (double)best.blocks.words < 0.7 * (double)ld.words) {
            blocks_free(&best.blocks);
            best.blocks = ld;
            best.index_like = 0;
        } else {
            blocks_free(&ld);
        }
    }

    int article = best.blocks.words >= MIN_ARTICLE_WORDS ||
                  (meta.declares_article && best.blocks.words >= 25);
    if (best.index_like) article = 0;
    if (looks_like_404(&meta, &best.blocks)) article = 0;
    if (looks_like_paywall(page_text.data, &best.blocks)) article = 0;
    buf_free(&page_text);

    out->is_article = article;
    out->truncated = truncated || best.blocks.full;
    if (truncated)
        log_info("extract", "%s: the page holds more than the extractor reads (%u MiB of tree, "
                 "%u MiB of text, %u tags); the rest is ignored", url ? url : "the page",
                 MAX_TREE_BYTES >> 20, MAX_TREE_TEXT >> 20, (unsigned)MAX_TAGS);
    out->title = meta.title ? xstrdup(meta.title) : (meta.h1 ? xstrdup(meta.h1) : NULL);
    out->image = meta.image ? xstrdup(meta.image) : NULL;
    out->byline = meta.byline ? xstrdup(meta.byline) : NULL;
    out->lang = meta.lang ? xstrdup(meta.lang) : NULL;
    out->url = meta.url ? xstrdup(meta.url) : NULL;
    out->site_name = meta.site_name ? xstrdup(meta.site_name) : NULL;
    out->published = meta.published;
    htmlmeta_free(&meta);

    buf_t text = BUF_INIT;
    if (article) {
        for (size_t i = 0; i < best.blocks.n; i++) {
            if (i) buf_puts(&text, "\n\n");
            buf_puts(&text, best.blocks.v[i].text);
        }
        out->blocks = best.blocks.v;
        out->n_blocks = best.blocks.n;
        free(best.blocks.seen);
    } else {
        blocks_free(&best.blocks);
    }
    out->text = text.data ? buf_detach(&text) : xstrdup("");
    return 0;
}

void extract_free(extract_result_t *r) {
    if (!r) return;
    free(r->title);
    free(r->text);
    free(r->image);
    free(r->byline);
    free(r->lang);
    free(r->url);
    free(r->site_name);
    for (size_t i = 0; i < r->n_blocks; i++) free(r->blocks[i].text);
    free(r->blocks);
    memset(r, 0, sizeof *r);
}
