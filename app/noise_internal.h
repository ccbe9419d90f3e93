/* noise_internal.h - what noise.c exposes to its own tests only.
 *
 * Contract: these are noise.c's helpers, kept out of noise.h because no other
 * module calls them; tests/test_arch.c fails when a module other than
 * noise includes this header. The tests call them to check the pieces alone.
 */
#ifndef BULLETIN_NOISE_INTERNAL_H
#define BULLETIN_NOISE_INTERNAL_H

#include "noise.h"

const char *noise_name(enum noise_kind kind);

#endif
