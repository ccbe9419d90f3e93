/* htmltext_internal.h - what htmltext.c exposes to its own tests only.
 *
 * Contract: these are htmltext.c's helpers, kept out of htmltext.h because no other
 * module calls them; tests/test_arch.c fails when a module other than
 * htmltext includes this header. The tests call them to check the pieces alone.
 */
#ifndef BULLETIN_HTMLTEXT_INTERNAL_H
#define BULLETIN_HTMLTEXT_INTERNAL_H

#include "htmltext.h"

/* Appends s with every reference decoded to out; returns how many were. */
size_t htmltext_decode_entities(const char *s, size_t len, buf_t *out);

#endif
