/* sysd_internal.h - what sysd.c exposes to its own tests only.
 *
 * Contract: these are sysd.c's helpers, kept out of sysd.h because no other
 * module calls them; tests/test_arch.c fails when a module other than
 * sysd includes this header. The tests call them to check the pieces alone.
 */
#ifndef BULLETIN_SYSD_INTERNAL_H
#define BULLETIN_SYSD_INTERNAL_H

#include "sysd.h"

int sysd_watchdog_kick(void);

#endif
