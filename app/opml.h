/* opml.h - read an OPML subscription list (what feed readers export) into
 * feed entries for Bulletin's config.
 *
 * Contract: opml_parse reads an OPML document of at most OPML_MAX_BYTES
 * (libxml2, no network, no external entities) and returns every <outline>
 * with an xmlUrl, in document order, nested folders included. Only http and
 * https addresses are kept (anything else is skipped with a warning: an OPML
 * file comes from outside); a URL seen twice is kept once. A feed's name is
 * its title (else text, else the URL's host), made safe for an INI section
 * (no quotes, brackets or control characters, at most 80 bytes) and unique
 * (" 2", " 3"... appended). Returns 0, or -1 with a reason in err when the
 * document is not OPML. opml_write_ini appends `[feed "Name"]\nurl = U\n`
 * blocks, skipping feeds whose URL or name `skip` already has.
 */
#ifndef BULLETIN_OPML_H
#define BULLETIN_OPML_H

#include <stddef.h>

#include "buf.h"
#include "config.h"

#define OPML_MAX_BYTES (4u << 20)

typedef struct {
    char *name;
    char *url;
} opml_feed_t;

int opml_parse(const char *data, size_t len, opml_feed_t **out, size_t *n, buf_t *err);
void opml_free(opml_feed_t *feeds, size_t n);
/* Returns how many blocks were written. skip may be NULL. */
size_t opml_write_ini(const opml_feed_t *feeds, size_t n, const config_t *skip, buf_t *out);

#endif
