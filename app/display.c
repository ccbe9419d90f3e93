/* display.c - see display.h. */
#include "display.h"
#include "display_internal.h"

#include <SDL.h>
#include <SDL_ttf.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "clock.h"
#include "deck.h"
#include "log.h"
#include "lograte.h"
#include "render.h"
#include "safemode.h"
#include "schedule.h"
#include "store.h"
#include "sysd.h"

#define MODULE "display"
#define FADE_MS 600
#define TICK_MS 250              /* longest sleep: stop checks, keys, the hooks */
#define FRAME_MS 8               /* during a crossfade */
#define SHIFT_EVERY_MS (3 * 60 * 1000)
#define SAVER_REASSERT_MS 60000

typedef struct {
    SDL_Window *window;
    SDL_Renderer *r;
    render_t *rd;
    SDL_Texture *current, *previous;
    layout_t layout;
    int w, h;            /* the picture as laid out (turned by `rotation`) */
    int out_w, out_h;    /* the renderer's output */
    int rotation;        /* 0, 90, 180, 270 degrees clockwise */
    int kiosk;
    int native_wait;     /* the video driver waits for events without polling */
    int progress_px;     /* width of the progress bar drawn into `current` */
} screen_t;

typedef struct {
    const config_t *cfg;
    deck_t deck;
    schedule_t schedule;
    int safe_mode;
    lograte_t store_log;
} content_t;

static void screen_close(screen_t *s) {
    layout_free(&s->layout);
    if (s->current) SDL_DestroyTexture(s->current);
    if (s->previous) SDL_DestroyTexture(s->previous);
    render_close(s->rd);
    if (s->r) SDL_DestroyRenderer(s->r);
    if (s->window) SDL_DestroyWindow(s->window);
    memset(s, 0, sizeof *s);
}

/* The picture's size for the output's: a quarter turn swaps the sides. */
static void screen_sizes(screen_t *s) {
    SDL_GetRendererOutputSize(s->r, &s->out_w, &s->out_h);
    int turned = s->rotation == 90 || s->rotation == 270;
    s->w = turned ? s->out_h : s->out_w;
    s->h = turned ? s->out_w : s->out_h;
}

/* The software path (SDL_RENDER_DRIVER=software, or a driver without a
 * screen): SDL would back the window surface with a GL texture
 * ("framebuffer acceleration"), which loads Mesa for nothing. */
static int software_path(const char *driver) {
    const char *asked = SDL_GetHint(SDL_HINT_RENDER_DRIVER);
    return (asked && strcmp(asked, "software") == 0) ||
           (driver && (strcmp(driver, "offscreen") == 0 || strcmp(driver, "dummy") == 0));
}

static int screen_open(screen_t *s, const config_t *cfg, int ww, int wh) {
    memset(s, 0, sizeof *s);
    s->kiosk = ww <= 0;
    s->rotation = cfg->rotation;
    const char *driver = SDL_GetCurrentVideoDriver();
    int software = software_path(driver);
    s->native_wait = driver && (strcmp(driver, "x11") == 0 || strcmp(driver, "wayland") == 0);
    if (software) SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    Uint32 flags = SDL_WINDOW_SHOWN | SDL_WINDOW_ALLOW_HIGHDPI;
    int x = SDL_WINDOWPOS_CENTERED, y = SDL_WINDOWPOS_CENTERED;
    if (s->kiosk) {
        /* Full screen at the display's own size, from its top-left corner:
         * under X11 with no window manager nobody honours the full-screen
         * request, and a window created 0 x 0 stays 1 x 1. */
        SDL_DisplayMode mode;
        ww = 1920, wh = 1080;
        if (SDL_GetDesktopDisplayMode(0, &mode) == 0 && mode.w > 0 && mode.h > 0)
            ww = mode.w, wh = mode.h;
        x = y = 0;
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP | SDL_WINDOW_BORDERLESS;
    } else {
        flags |= SDL_WINDOW_RESIZABLE;
    }
    s->window = SDL_CreateWindow("Bulletin", x, y, ww, wh, flags);
    if (!s->window) {
        log_error(MODULE, "cannot open a window: %s", SDL_GetError());
        return -1;
    }
    if (!software)
        s->r = SDL_CreateRenderer(s->window, -1, SDL_RENDERER_ACCELERATED |
                                                     SDL_RENDERER_PRESENTVSYNC |
                                                     SDL_RENDERER_TARGETTEXTURE);
    if (!s->r)
        s->r = SDL_CreateRenderer(s->window, -1, SDL_RENDERER_SOFTWARE | SDL_RENDERER_TARGETTEXTURE);
    if (!s->r) s->r = SDL_CreateRenderer(s->window, -1, SDL_RENDERER_TARGETTEXTURE);
    if (!s->r) {
        log_error(MODULE, "cannot create a renderer: %s", SDL_GetError());
        return -1;
    }
    SDL_RendererInfo info;
    if (SDL_GetRendererInfo(s->r, &info) == 0)
        log_info(MODULE, "renderer %s on %s%s", info.name, driver ? driver : "?",
                 software ? " (no framebuffer acceleration)" : "");
    if (s->kiosk) SDL_ShowCursor(SDL_DISABLE);
    screen_sizes(s);
    if (s->kiosk)
        log_info(MODULE, "full screen %dx%d%s", s->out_w, s->out_h,
                 s->rotation ? ", picture turned" : "");
    if (render_open(s->r, cfg->font_dir, cfg->theme, &s->rd) != 0) return -1;
    return 0;
}

static void badge_text(const content_t *c, time_t now, buf_t *out) {
    if (c->safe_mode) buf_puts(out, "Safe mode");
    else health_badge(&c->deck.news, now, out);
}

/* Draws the progress bar into the current texture when its width moved
 * (the bar moves in whole-second steps); 1 when the picture changed. */
static int screen_progress(screen_t *s, double fraction) {
    if (!s->current || s->layout.progress.w <= 0) return 0;
    if (fraction < 0) fraction = 0;
    if (fraction > 1) fraction = 1;
    int px = (int)(s->layout.progress.w * fraction);
    if (px == s->progress_px) return 0;
    SDL_SetRenderTarget(s->r, s->current);
    render_progress(s->rd, &s->layout, fraction);
    SDL_SetRenderTarget(s->r, NULL);
    s->progress_px = px;
    return 1;
}

/* Draws slide `index` into the current texture (a fresh one when `fade`,
 * keeping the old as the fade's start): the only text rendering and image
 * decoding a slide costs until the next one. */
static int screen_prepare(screen_t *s, const content_t *c, size_t index, int fade) {
    if (fade || !s->current) {
        if (s->previous) SDL_DestroyTexture(s->previous);
        s->previous = fade ? s->current : NULL;
        if (!fade && s->current) SDL_DestroyTexture(s->current);
        s->current = SDL_CreateTexture(s->r, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET,
                                       s->w, s->h);
        if (!s->current) {
            log_error(MODULE, "cannot create a %dx%d texture: %s", s->w, s->h, SDL_GetError());
            return -1;
        }
    }
    SDL_SetRenderTarget(s->r, s->current);
    layout_free(&s->layout);
    time_t now = time(NULL);
    buf_t badge = BUF_INIT;
    badge_text(c, now, &badge);
    int rc = deck_draw(&c->deck, index, s->rd, c->cfg, s->w, s->h, now, badge.data, &s->layout);
    buf_free(&badge);
    render_progress(s->rd, &s->layout, 0);
    s->progress_px = 0;
    SDL_SetRenderTarget(s->r, NULL);
    return rc;
}

void display_shift(long step, int h, int *dx, int *dy) {
    static const signed char walk[8][2] = {{0, 0},  {1, 0},  {2, 1},  {1, 2},
                                           {0, 2}, {-1, 1}, {-2, 0}, {-1, -1}};
    int unit = h / 540 > 1 ? h / 540 : 1; /* 2 px per step at 1080p */
    int i = (int)(step % 8);
    *dx = walk[i][0] * unit;
    *dy = walk[i][1] * unit;
}

static void screen_present(screen_t *s, double fade, int dark, int dx, int dy) {
    if (dark) {
        SDL_SetRenderDrawColor(s->r, 0, 0, 0, 255);
        SDL_RenderClear(s->r);
        SDL_RenderPresent(s->r);
        return;
    }
    SDL_Color bg = render_theme(s->rd)->background;
    SDL_SetRenderDrawColor(s->r, bg.r, bg.g, bg.b, 255);
    SDL_RenderClear(s->r);
    if (s->previous && fade < 1.0) {
        SDL_SetTextureBlendMode(s->previous, SDL_BLENDMODE_NONE);
        render_copy_turned(s->r, s->previous, s->rotation, s->out_w, s->out_h, dx, dy);
        SDL_SetTextureBlendMode(s->current, SDL_BLENDMODE_BLEND);
        SDL_SetTextureAlphaMod(s->current, (Uint8)(fade * 255));
    } else if (s->current) {
        SDL_SetTextureBlendMode(s->current, SDL_BLENDMODE_NONE);
        SDL_SetTextureAlphaMod(s->current, 255);
    }
    if (s->current) render_copy_turned(s->r, s->current, s->rotation, s->out_w, s->out_h, dx, dy);
    SDL_RenderPresent(s->r);
}

/* Waits up to timeout_ms for an event. Drivers with a native wait (X11,
 * Wayland) block in it; the others (KMSDRM, offscreen) would poll every
 * millisecond inside SDL_WaitEventTimeout, so the loop sleeps instead (a
 * signal ends the sleep early). 1 when *ev holds an event. */
static int screen_wait(const screen_t *s, int timeout_ms, SDL_Event *ev) {
    if (s->native_wait) return SDL_WaitEventTimeout(ev, timeout_ms);
    if (SDL_PollEvent(ev)) return 1;
    if (timeout_ms > 0) {
        struct timespec ts = {timeout_ms / 1000, (long)(timeout_ms % 1000) * 1000000L};
        nanosleep(&ts, NULL);
    }
    return SDL_PollEvent(ev);
}

/* Re-reads the slides and the feeds' health. Keeps what it had when the store
 * cannot be read, and says so once a minute at most. */
static void load_content(content_t *c) {
    if (c->safe_mode) return;
    store_t *store;
    deck_t fresh = {0};
    if (store_open_readonly(c->cfg->store_path, &store) != 0) {
        if (lograte_allow(&c->store_log, clock_mono_ms(), LOGRATE_MINUTE_MS))
            log_warn(MODULE, "store %s unreadable; %s (%u times since the last message)",
                     c->cfg->store_path, c->deck.n ? "keeping the slides shown" : "showing no news",
                     lograte_suppressed(&c->store_log));
        return;
    }
    time_t now = time(NULL);
    int loaded = deck_load(store, c->cfg, now, &fresh) == 0;
    if (loaded && fresh.n == 0 && c->deck.n > 0) {
        /* An empty store under a full deck: the worker replaced a damaged
         * store and is fetching again. Keep what is shown meanwhile. */
        deck_free(&fresh);
        if (lograte_allow(&c->store_log, clock_mono_ms(), LOGRATE_MINUTE_MS))
            log_warn(MODULE, "store %s is empty (rebuilt?); keeping the slides shown",
                     c->cfg->store_path);
    } else if (loaded) {
        deck_free(&c->deck);
        c->deck = fresh;
        lograte_reset(&c->store_log);
    } else {
        deck_free(&fresh);
        if (lograte_allow(&c->store_log, clock_mono_ms(), LOGRATE_MINUTE_MS))
            log_warn(MODULE, "store %s: slides unreadable; keeping what is shown",
                     c->cfg->store_path);
    }
    store_close(store);
}

static void content_set_config(content_t *c, const config_t *cfg) {
    c->cfg = cfg;
    char why[128];
    if (schedule_parse(cfg->schedule, &c->schedule, why, sizeof why) != 0)
        log_warn(MODULE, "schedule '%s' ignored (%s); the screen stays on", cfg->schedule, why);
}

static void report_status(const content_t *c, size_t index, int dark) {
    if (c->safe_mode) sysd_status("safe mode");
    else if (dark) sysd_status("dark (outside the schedule)");
    else if (c->deck.n == 0) sysd_status("no news yet");
    else
        sysd_status("slide %zu of %zu%s%s%s", index % c->deck.n + 1, c->deck.n,
                    c->deck.news.offline ? ", offline" : "",
                    c->deck.news.late ? ", no fresh news" : "",
                    c->deck.stale ? ", no recent stories" : "");
}

/* Switches to a reloaded config: the new fonts and theme when they open,
 * else the ones in use are kept (a bad font directory must not take the
 * screen down); a new rotation lays the picture out again. */
static void screen_reconfigure(screen_t *s, const config_t *next) {
    render_t *fresh = NULL;
    if (render_open(s->r, next->font_dir, next->theme, &fresh) == 0) {
        render_close(s->rd);
        s->rd = fresh;
    } else {
        log_error(MODULE, "the reloaded config's fonts cannot be used; keeping the fonts in use");
    }
    if (next->rotation != s->rotation) {
        s->rotation = next->rotation;
        screen_sizes(s);
        if (s->previous) SDL_DestroyTexture(s->previous);
        if (s->current) SDL_DestroyTexture(s->current);
        s->previous = s->current = NULL;
    }
}

int display_run(const config_t *cfg, int ww, int wh, const display_hooks_t *hooks) {
    screen_t s;
    if (screen_open(&s, cfg, ww, wh) != 0) {
        screen_close(&s);
        return -1;
    }
    content_t c = {.safe_mode = hooks->safe_mode, .store_log = LOGRATE_INIT};
    content_set_config(&c, cfg);
    if (c.safe_mode) {
        c.deck.slides = xcalloc(1, sizeof *c.deck.slides);
        safemode_slide(&c.deck.slides[0]);
        c.deck.n = 1;
    }
    load_content(&c);
    size_t index = 0;
    screen_prepare(&s, &c, index, 0);
    sysd_watchdog_t wd = SYSD_WATCHDOG_INIT;
    /* Present at least this often even when nothing changes, so the
     * watchdog (kicked after a present) is fed: four times per interval. */
    uint64_t wd_usec = sysd_watchdog_usec();
    Uint64 keepalive_ms = wd_usec ? wd_usec / 4000 : 0;
    clock_jump_t jump = CLOCK_JUMP_INIT;
    clock_jump_poll(&jump);
    Uint64 slide_start = SDL_GetTicks64(), started = slide_start, saver_at = 0;
    Uint64 paused_at = 0, fade_first = 0, fade_last = 0, fade_longest = 0, presented_at = 0;
    int fade_frames = 0;
    int paused = 0, running = 1, step = 0, ready = 0, redraw = 0, dirty = 1;
    int dark = !c.safe_mode && !schedule_on_at(&c.schedule, time(NULL)), was_dark = -1;
    int last_dx = 0, last_dy = 0;
    long minute = (long)(time(NULL) / 60);
    while (running && !(hooks->stop && *hooks->stop)) {
        Uint64 now = SDL_GetTicks64();
        Uint64 shown = (paused ? paused_at : now) - slide_start;
        double fade = s.previous ? (double)(now - slide_start) / FADE_MS : 1.0;
        if (fade >= 1.0 && s.previous) {
            SDL_DestroyTexture(s.previous); /* transition over: free its memory */
            s.previous = NULL;
            dirty = 1;
            if (fade_frames > 1)
                log_debug(MODULE, "transition: %d frames, mean %.1f ms, longest %.1f ms",
                          fade_frames, (double)(now - fade_first) / (fade_frames - 1),
                          (double)fade_longest);
            fade_frames = 0;
        }
        if (s.previous) { /* frame times during a transition (tests/bench/display.sh) */
            if (fade_frames == 0) fade_first = now;
            else if (now - fade_last > fade_longest) fade_longest = now - fade_last;
            if (fade_frames == 0) fade_longest = 0;
            fade_last = now;
            fade_frames++;
            dirty = 1;
        }
        if (dark != was_dark || now - saver_at >= SAVER_REASSERT_MS) {
            if (dark) SDL_EnableScreenSaver();
            else SDL_DisableScreenSaver();
            if (dark != was_dark) {
                log_info(MODULE, "screen %s (schedule)", dark ? "dark" : "on");
                report_status(&c, index, dark);
                dirty = 1;
            }
            was_dark = dark;
            saver_at = now;
        }
        int dx, dy;
        display_shift((long)((now - started) / SHIFT_EVERY_MS), s.h, &dx, &dy);
        if (dx != last_dx || dy != last_dy) dirty = 1;
        last_dx = dx, last_dy = dy;
        /* The progress bar moves once a second: whole seconds shown. */
        if (!dark && screen_progress(&s, (double)(shown / 1000 * 1000) / (c.cfg->rotate_s * 1000.0)))
            dirty = 1;
        if (keepalive_ms && now - presented_at >= keepalive_ms) dirty = 1;
        if (dirty) { /* present only when the picture changed (or for the watchdog) */
            screen_present(&s, fade, dark, dx, dy);
            presented_at = now;
            dirty = 0;
            sysd_frame_presented(&wd, clock_mono_ms());
            if (!ready) {
                ready = 1;
                sysd_ready();
                report_status(&c, index, dark);
            }
            if (hooks->on_frame) hooks->on_frame(hooks->ctx);
        }
        if (!paused && !dark && shown >= (Uint64)c.cfg->rotate_s * 1000) step = 1;
        if (step) {
            load_content(&c);
            size_t n = c.deck.n ? c.deck.n : 1;
            index = step > 0 ? (index + 1) % n : (index + n - 1) % n;
            screen_prepare(&s, &c, index, s.current != NULL);
            slide_start = SDL_GetTicks64();
            step = 0;
            dirty = 1;
            report_status(&c, index, dark);
            continue;
        }
        if (redraw && !s.previous) { /* ages and clock, in place */
            screen_prepare(&s, &c, index, 0);
            screen_progress(&s, (double)(shown / 1000 * 1000) / (c.cfg->rotate_s * 1000.0));
            redraw = 0;
            dirty = 1;
        }
        /* Sleep: at frame rate during a fade, else until the progress bar's
         * next step (at most TICK_MS). */
        int timeout = TICK_MS;
        if (s.previous) timeout = FRAME_MS;
        else if (!paused && !dark && 1000 - (int)(shown % 1000) < timeout)
            timeout = 1000 - (int)(shown % 1000);
        SDL_Event ev;
        if (screen_wait(&s, timeout, &ev)) {
            do {
                if (ev.type == SDL_QUIT) running = 0;
                else if (ev.type == SDL_WINDOWEVENT &&
                         ev.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
                    screen_sizes(&s);
                    if (s.previous) SDL_DestroyTexture(s.previous);
                    if (s.current) SDL_DestroyTexture(s.current);
                    s.previous = s.current = NULL;
                    screen_prepare(&s, &c, index, 0); /* lay out again at the new size */
                    dirty = 1;
                } else if (ev.type == SDL_WINDOWEVENT &&
                           (ev.window.event == SDL_WINDOWEVENT_EXPOSED ||
                            ev.window.event == SDL_WINDOWEVENT_SHOWN)) {
                    dirty = 1;
                } else if (ev.type == SDL_KEYDOWN) {
                    SDL_Keycode k = ev.key.keysym.sym;
                    Uint16 mod = ev.key.keysym.mod;
                    if (k == SDLK_RIGHT || k == SDLK_PAGEDOWN || k == SDLK_SPACE) step = 1;
                    else if (k == SDLK_LEFT || k == SDLK_PAGEUP) step = -1;
                    else if (k == SDLK_p || k == SDLK_PAUSE) {
                        if (paused) slide_start += SDL_GetTicks64() - paused_at;
                        else paused_at = SDL_GetTicks64();
                        paused = !paused;
                    } else if (!s.kiosk && (k == SDLK_ESCAPE || k == SDLK_q)) running = 0;
                    else if (k == SDLK_q && (mod & KMOD_CTRL) && (mod & KMOD_ALT)) running = 0;
                }
            } while (SDL_PollEvent(&ev));
        }
        /* The wall clock: a jump (NTP's first sync) or a new minute changes
         * ages, the clock, "offline since" and the schedule. */
        int64_t jumped = clock_jump_poll(&jump);
        long minute_now = (long)(time(NULL) / 60);
        if (jumped || minute_now != minute) {
            if (jumped) log_info(MODULE, "wall clock jumped by %lld s", (long long)jumped);
            minute = minute_now;
            int was = dark;
            dark = !c.safe_mode && !schedule_on_at(&c.schedule, time(NULL));
            if (dark != was) dirty = 1;
            redraw = 1;
        }
        if (hooks->on_wake) {
            const config_t *next = hooks->on_wake(hooks->ctx);
            if (next) {
                content_set_config(&c, next);
                screen_reconfigure(&s, next);
                dark = !c.safe_mode && !schedule_on_at(&c.schedule, time(NULL));
                index = index ? index - 1 : 0;
                step = 1;
            }
        }
    }
    if (hooks->stop && *hooks->stop) sysd_stopping();
    deck_free(&c.deck);
    screen_close(&s);
    return 0;
}
