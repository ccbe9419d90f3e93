/* log_internal.h - what log.c exposes to its own tests only.
 *
 * Contract: these are log.c's helpers, kept out of log.h because no other
 * module calls them; tests/test_arch.c fails when a module other than
 * log includes this header. The tests call them to check the pieces alone.
 */
#ifndef BULLETIN_LOG_INTERNAL_H
#define BULLETIN_LOG_INTERNAL_H

#include "log.h"

void log_set_level(enum log_level level);

/* Parses "error", "warn", "info", "debug"; returns -1 when unknown. */
int log_level_from_name(const char *name);

#endif
