/* sched_internal.h - what sched.c exposes to its own tests only.
 *
 * Contract: these are sched.c's helpers, kept out of sched.h because no other
 * module calls them; tests/test_arch.c fails when a module other than
 * sched includes this header. The tests call them to check the pieces alone.
 */
#ifndef BULLETIN_SCHED_INTERNAL_H
#define BULLETIN_SCHED_INTERNAL_H

#include "sched.h"

void sched_state_init(sched_state_t *st);
void sched_state_free(sched_state_t *st);

/* The weight of an item at time now (for tests and the docs). */
double sched_weight(const sched_item_t *it, time_t now);

/* Index into items of the story to show now, SCHED_NONE when n == 0.
 * Updates the state (forgets stories no longer in items). */
size_t sched_next(sched_state_t *st, const sched_item_t *items, size_t n, time_t now,
                  const sched_opts_t *opts);

#endif
