/* layout_internal.h - what layout.c exposes to its own tests only.
 *
 * Contract: these are layout.c's helpers, kept out of layout.h because no other
 * module calls them; tests/test_arch.c fails when a module other than
 * layout includes this header. The tests call them to check the pieces alone.
 */
#ifndef BULLETIN_LAYOUT_INTERNAL_H
#define BULLETIN_LAYOUT_INTERNAL_H

#include "layout.h"

int layout_check(const layout_t *l, int w, int h, char *why, size_t why_len);

#endif
