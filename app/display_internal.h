/* display_internal.h - what display.c exposes to its own tests only.
 *
 * Contract: these are display.c's helpers, kept out of display.h because no other
 * module calls them; tests/test_arch.c fails when a module other than
 * display includes this header. The tests call them to check the pieces alone.
 */
#ifndef BULLETIN_DISPLAY_INTERNAL_H
#define BULLETIN_DISPLAY_INTERNAL_H

#include "display.h"

/* The burn-in offset for step `step` (one step every few minutes) on an
 * h-pixel-high screen: a small closed walk, never more than a few pixels. */
void display_shift(long step, int h, int *dx, int *dy);

#endif
