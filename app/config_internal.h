/* config_internal.h - what config.c exposes to its own tests only.
 *
 * Contract: these are config.c's helpers, kept out of config.h because no other
 * module calls them; tests/test_arch.c fails when a module other than
 * config includes this header. The tests call them to check the pieces alone.
 */
#ifndef BULLETIN_CONFIG_INTERNAL_H
#define BULLETIN_CONFIG_INTERNAL_H

#include "config.h"

/* Parses "90", "90s", "15m", "2h", "1d" into seconds; -1 when malformed. */
long config_parse_duration(const char *s);

#endif
