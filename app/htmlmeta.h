/* htmlmeta.h - the metadata of one parsed HTML page, and small helpers.
 *
 * Contract: htmlmeta_collect reads a libxml2 HTML document (never changes
 * it) and fills an htmlmeta_t from what the page declares about itself:
 * Open Graph / Twitter / Dublin Core <meta> tags, schema.org JSON-LD
 * (including @graph and arrays), microdata (itemprop), <link rel>, <time>,
 * <html lang>, <title> and the first <h1>. Every string is UTF-8 plain text
 * (whitespace collapsed) or NULL; URLs are absolute (resolved against the
 * page's base, only http/https, or file: when the base is file:), NULL when
 * they cannot be made absolute. `published` is UTC seconds, 0 when unknown.
 * `article_body` is schema.org articleBody text from JSON-LD (may hold
 * newlines or HTML, as the page gives it). Bounded: JSON-LD scripts larger
 * than HTMLMETA_MAX_JSONLD are skipped; walks stop at HTMLMETA_MAX_DEPTH.
 * htmlmeta_free releases the strings and leaves a zeroed struct.
 *
 * The helpers are pure functions usable alone (dates are feeddate.h's): resolve
 * a URL, normalize a language tag, and get the whitespace-collapsed text of
 * a node. The title loses its site name through title.h.
 */
#ifndef BULLETIN_HTMLMETA_H
#define BULLETIN_HTMLMETA_H

#include <stddef.h>
#include <time.h>

#include <libxml/HTMLparser.h>

#include "buf.h"

#define HTMLMETA_MAX_JSONLD (1u << 20)
/* Text fields are capped in characters at a character boundary (titles
 * and names end in "…" when cut): what a slide can show. */
#define HTMLMETA_MAX_TITLE_CHARS 300 /* title, h1 */
#define HTMLMETA_MAX_NAME_CHARS 200  /* byline, site_name, og_type */
#define HTMLMETA_MAX_BODY_CHARS 131072
#define HTMLMETA_MAX_DEPTH 256

typedef struct {
    char *title;        /* headline, site name removed */
    char *h1;           /* text of the first <h1>, as is */
    char *image;        /* lead image, absolute URL */
    char *byline;       /* author name(s), without a leading "By" */
    char *lang;         /* primary language subtag, lower case: "en" */
    char *url;          /* canonical URL, absolute */
    char *site_name;
    char *article_body; /* schema.org articleBody from JSON-LD */
    char *og_type;      /* og:type, lower case */
    time_t published;
    int declares_article; /* og:type article or a JSON-LD *Article type */
} htmlmeta_t;

void htmlmeta_collect(xmlDocPtr doc, const char *base_url, htmlmeta_t *m);
void htmlmeta_free(htmlmeta_t *m);

/* Appends the text under node (text nodes, entities decoded by libxml2)
 * with whitespace runs collapsed to one space; script/style skipped.
 * The result is not trimmed at its ends. */
void htmlmeta_node_text(xmlNodePtr node, buf_t *out);

/* The value of attribute name (any case) of element n, or NULL. */
const char *htmlmeta_attr(xmlNodePtr n, const char *name);
/* 1 when n is an element called name (any case). */
int htmlmeta_is_element(xmlNodePtr n, const char *name);

/* htmltext_fold_text (one line) in place: white space (including no-break
 * and the Unicode spaces) collapsed to one space, trimmed, invisible
 * characters dropped (ZWJ/ZWNJ kept). Returns s. */
char *htmlmeta_squash(char *s);

/* Characters U+0080..U+009F (what &#147; and the like decode to) replaced
 * by the windows-1252 characters pages mean by them, as browsers do.
 * Takes ownership of s (malloc'd) and returns the fixed string. */
char *htmlmeta_fix_c1(char *s);

#endif
