/* display.h - the kiosk's screen: slides in rotation, never waiting on the
 * network.
 *
 * Contract: display_run opens a window (full-screen, or w x h when given),
 * shows the stored slides from the first frame, and rotates them every
 * cfg->rotate_s seconds with a crossfade. A slide is drawn into a texture
 * once; between transitions the loop sleeps in SDL_WaitEventTimeout, waking
 * for the progress bar (a few times a second), the next slide, input, or a
 * stop request. The deck is re-read from the store at each slide change, so
 * new content appears without a restart. Keys: Right/PageDown/Space next,
 * Left/PageUp previous, P pause; quit with Escape or Q in a window, with
 * Ctrl+Alt+Q in full-screen kiosk mode. Returns 0 on a requested stop, -1 when
 * no display could be opened (after one clear log line).
 * `hooks` lets the caller act on each frame (the watchdog) and each wake
 * (supervising the fetch worker, reloading the config).
 */
#ifndef BULLETIN_DISPLAY_H
#define BULLETIN_DISPLAY_H

#include <signal.h>

#include "config.h"

typedef struct {
    void *ctx;
    /* after a frame was presented */
    void (*on_frame)(void *ctx);
    /* on every wake; returns a config to switch to (owned by the caller), or NULL */
    const config_t *(*on_wake)(void *ctx);
    volatile sig_atomic_t *stop;
} display_hooks_t;

int display_run(const config_t *cfg, int window_w, int window_h, const display_hooks_t *hooks);

#endif
