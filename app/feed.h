/* feed.h - parse one feed document (RSS 0.9x/1.0/2.0, Atom 0.3/1.0, JSON Feed)
 * into plain C structures.
 *
 * Contract: feed_parse never touches the network or the file system. `url`
 * is the address the document came from (base for relative links; may be
 * NULL), `content_type` the HTTP Content-Type header (its charset; may be
 * NULL). On success it returns 0 and fills *out (free with feed_free). On a
 * document that is not a feed, is unsafe (entity bombs, too deep) or is
 * unreadable, it returns -1 and writes one line of explanation into err.
 * Every string in the result is valid UTF-8 plain text (no markup, entities
 * decoded, whitespace folded), or NULL when absent; `content` keeps paragraph
 * breaks as "\n\n". An item with no title but some text gets a title made
 * from the start of its text (micro-blog and status feeds). Links are absolute http(s) URLs (file: only when the feed
 * itself is file:), others are dropped with a warning. Times are UTC
 * seconds; 0 means absent or unparseable.
 */
#ifndef BULLETIN_FEED_H
#define BULLETIN_FEED_H

#include <stddef.h>
#include <time.h>

#include "buf.h"

#define FEED_MAX_BYTES (32u << 20) /* larger documents are refused */
#define FEED_MAX_ENTRIES 50000     /* entries past this are ignored */

/* Text fields are capped at parse time (in characters, at a character
 * boundary; titles and names end in "…" when cut) to what a slide can show
 * or the summarizer reads: a 1 MB title must not reach the display. */
#define FEED_MAX_TITLE_CHARS 300
#define FEED_MAX_NAME_CHARS 200      /* author, feed title */
#define FEED_MAX_ID_CHARS 2048
#define FEED_MAX_LANG_CHARS 35
#define FEED_MAX_SUMMARY_CHARS 16384
#define FEED_MAX_CONTENT_CHARS 131072

typedef struct {
    char *id;        /* guid / atom:id / JSON id; NULL when the feed gives none */
    char *title;
    char *link;      /* absolute URL of the article page */
    char *author;
    char *summary;   /* plain text */
    char *content;   /* plain text of the full content, when the feed carries it */
    char *image;     /* absolute URL of media:content/thumbnail/enclosure image */
    time_t published;
    time_t updated;
} feed_entry_t;

typedef struct {
    char *title;
    char *link;
    char *lang;
    int ttl_minutes;         /* RSS <ttl>, 0 when absent */
    feed_entry_t *entries;
    size_t n_entries;
} feed_t;

int feed_parse(const char *data, size_t len, const char *url, const char *content_type,
               feed_t *out, buf_t *err);
void feed_free(feed_t *f);

#endif
