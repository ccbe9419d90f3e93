/* display.h - the kiosk's screen: slides in rotation, never waiting on the
 * network.
 *
 * Contract: display_run opens a window (full-screen at the display's own
 * size from its top-left corner, so it fills an X11 screen with no window
 * manager too; or w x h when given), shows the stored slides from the first
 * frame, and rotates them every cfg->rotate_s seconds with a crossfade. A
 * slide is drawn into a texture once (text, QR code, and the lead image
 * decoded and scaled there, off the per-frame path); the progress bar moves
 * in whole-second steps drawn into that texture. A frame is presented only
 * when the picture changed (fade, new slide, progress step, burn-in step,
 * exposure) or the watchdog needs feeding. Between frames the loop sleeps
 * (nanosleep, ended early by a signal) on drivers without a native event wait
 * (KMSDRM, offscreen: SDL_WaitEventTimeout would poll every millisecond) and
 * waits in SDL_WaitEventTimeout on X11 and Wayland, never longer than 250 ms.
 * The software path (SDL_RENDER_DRIVER=software, or the offscreen/dummy
 * driver) turns SDL's framebuffer acceleration off, so Mesa is not loaded.
 * cfg->rotation turns the picture 90/180/270 degrees clockwise (laid out at
 * the turned size). The deck and the feeds' health are
 * re-read from the store at each slide change, so new content appears without
 * a restart; a store that cannot be read is logged once, then once a minute.
 * A reloaded config whose fonts cannot be opened keeps the fonts in use.
 *
 * systemd (app/sysd.h): sysd_ready() after the first presented frame,
 * sysd_frame_presented() after every presented frame (at least four per
 * watchdog interval, also while dark and when nothing changes), sysd_status()
 * with what is shown.
 * Wall clock (app/clock.h): clock_jump_poll() on every wake; a jump redraws
 * the slide (ages, clock, "offline since") and re-evaluates the schedule.
 * Schedule ([display] schedule): outside it a black frame is presented and
 * the screen saver allowed; inside, the screen saver is disabled again every
 * minute. Burn-in: the whole picture moves by a few pixels every 3 minutes.
 * Safe mode (hooks->safe_mode): reads neither store nor feeds; shows one
 * slide (safemode.h) with a "Safe mode" badge.
 * Keys: Right/PageDown/Space next, Left/PageUp previous, P pause; quit with
 * Escape or Q in a window, with Ctrl+Alt+Q in full-screen kiosk mode.
 * Returns 0 on a requested stop, -1 when no display could be opened (after
 * one clear log line).
 * `hooks` lets the caller act on each frame and each wake (supervising the
 * fetch worker, reloading the config).
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
    int safe_mode;
} display_hooks_t;

int display_run(const config_t *cfg, int window_w, int window_h, const display_hooks_t *hooks);

#endif
