/* schedule_internal.h - what schedule.c exposes to its own tests only.
 *
 * Contract: these are schedule.c's helpers, kept out of schedule.h because no other
 * module calls them; tests/test_arch.c fails when a module other than
 * schedule includes this header. The tests call them to check the pieces alone.
 */
#ifndef BULLETIN_SCHEDULE_INTERNAL_H
#define BULLETIN_SCHEDULE_INTERNAL_H

#include "schedule.h"

int schedule_is_on(const schedule_t *s, const struct tm *local);

#endif
