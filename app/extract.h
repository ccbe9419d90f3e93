/* extract.h - from one HTML news page to its main text and metadata.
 *
 * Contract: extract_page never touches the network, runs no script, and is
 * bounded (EXTRACT_MAX_BYTES of input, a cap on tree depth). `url` is where
 * the page came from (base for relative links; may be NULL), `content_type`
 * the HTTP header (its charset; may be NULL). Returns 0 and fills *out (free
 * with extract_free) when the page was parsed, even if it holds no article:
 * then out->is_article is 0 and text may be empty (index pages, paywall stubs,
 * 404 pages). Returns -1 with a line in err when the input is unusable (empty,
 * too large, not HTML). All strings are UTF-8 plain text or NULL.
 * `text` is the body: paragraphs separated by one blank line; sub-headings are
 * their own paragraphs and are also listed in `blocks` with kind HEADING.
 */
#ifndef BULLETIN_EXTRACT_H
#define BULLETIN_EXTRACT_H

#include <stddef.h>
#include <time.h>

#include "buf.h"

#define EXTRACT_MAX_BYTES (8u << 20)

enum extract_block_kind { EXTRACT_PARAGRAPH, EXTRACT_HEADING };

typedef struct {
    enum extract_block_kind kind;
    char *text;
} extract_block_t;

typedef struct {
    int is_article;
    char *title;
    char *text;
    char *image;     /* absolute URL of the lead image */
    char *byline;
    char *lang;      /* e.g. "en", "de" */
    char *url;       /* canonical URL */
    char *site_name;
    time_t published;
    extract_block_t *blocks;
    size_t n_blocks;
} extract_result_t;

int extract_page(const char *html, size_t len, const char *url, const char *content_type,
                 extract_result_t *out, buf_t *err);
void extract_free(extract_result_t *r);

#endif
