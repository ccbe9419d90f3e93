/* htmlmeta_internal.h - what htmlmeta.c exposes to its own tests only.
 *
 * Contract: these are htmlmeta.c's helpers, kept out of htmlmeta.h because no other
 * module calls them; tests/test_arch.c fails when a module other than
 * htmlmeta includes this header. The tests call them to check the pieces alone.
 */
#ifndef BULLETIN_HTMLMETA_INTERNAL_H
#define BULLETIN_HTMLMETA_INTERNAL_H

#include "htmlmeta.h"

/* ref resolved against base (either may be NULL): a malloc'd absolute URL,
 * or NULL when it is not http/https (file: only under a file: base). */
char *htmlmeta_resolve_url(const char *base, const char *ref);

/* "en-GB", "en_US", "EN" -> "en"; NULL when it is not a language tag. */
char *htmlmeta_norm_lang(const char *tag);

#endif
