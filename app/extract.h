/* extract.h - from one HTML news page to its main text and metadata.
 *
 * Contract: extract_page never touches the network, runs no script, and is
 * bounded by what it builds, not only by its input (EXTRACT_MAX_BYTES): the
 * tree of the page is capped (about 16 MiB of libxml2 nodes, 2 MiB of text,
 * 400,000 tags, 128 attributes a tag, depth 200) and so is the result
 * (EXTRACT_MAX_BLOCKS, EXTRACT_MAX_TEXT); a page past a cap is extracted
 * from what was read, with truncated set and one log line. No page takes it
 * over about 40 MB of heap beyond the input. `url` is where
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
#define EXTRACT_MAX_BLOCKS 4000          /* paragraphs past this are dropped */
#define EXTRACT_MAX_TEXT (512u << 10)    /* bytes of body text kept */

enum extract_block_kind { EXTRACT_PARAGRAPH, EXTRACT_HEADING };

typedef struct {
    enum extract_block_kind kind;
    char *text;
} extract_block_t;

typedef struct {
    int is_article;
    int truncated;   /* the page was larger than the extractor reads (see below) */
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
