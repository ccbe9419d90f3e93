/* clock_internal.h - what clock.c exposes to its own tests only.
 *
 * Contract: these are clock.c's helpers, kept out of clock.h because no other
 * module calls them; tests/test_arch.c fails when a module other than
 * clock includes this header. The tests call them to check the pieces alone.
 */
#ifndef BULLETIN_CLOCK_INTERNAL_H
#define BULLETIN_CLOCK_INTERNAL_H

#include "clock.h"

int64_t clock_wall_ms(void);

/* Compares the given readings with the previous ones and keeps them as the
 * new baseline. Returns the jump in seconds (0 when below CLOCK_JUMP_MIN_S). */
int64_t clock_jump_check(clock_jump_t *detector, int64_t wall_ms, int64_t mono_ms);

#endif
