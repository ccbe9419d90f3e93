/* display.c - see display.h. */
#include "display.h"

#include <SDL.h>
#include <SDL_ttf.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "clock.h"
#include "deck.h"
#include "health.h"
#include "log.h"
#include "lograte.h"
#include "render.h"
#include "safemode.h"
#include "schedule.h"
#include "store.h"
#include "sysd.h"

#define MODULE "display"
#define FADE_MS 600
#define TICK_MS 250              /* progress bar, stop checks, watchdog */
#define SHIFT_EVERY_MS (3 * 60 * 1000)
#define SAVER_REASSERT_MS 60000

typedef struct {
    SDL_Window *window;
    SDL_Renderer *r;
    render_t *rd;
    SDL_Texture *current, *previous;
    layout_t layout;
    int w, h;
    int kiosk;
} screen_t;

typedef struct {
    const config_t *cfg;
    deck_t deck;
    health_t health;
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

static int screen_open(screen_t *s, const config_t *cfg, int ww, int wh) {
    memset(s, 0, sizeof *s);
    s->kiosk = ww <= 0;
    Uint32 flags = SDL_WINDOW_SHOWN | SDL_WINDOW_ALLOW_HIGHDPI;
    if (s->kiosk) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    else flags |= SDL_WINDOW_RESIZABLE;
    s->window = SDL_CreateWindow("Bulletin", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                                 s->kiosk ? 0 : ww, s->kiosk ? 0 : wh, flags);
    if (!s->window) {
        log_error(MODULE, "cannot open a window: %s", SDL_GetError());
        return -1;
    }
    s->r = SDL_CreateRenderer(s->window, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC |
                                                 SDL_RENDERER_TARGETTEXTURE);
    if (!s->r) s->r = SDL_CreateRenderer(s->window, -1, SDL_RENDERER_TARGETTEXTURE);
    if (!s->r) {
        log_error(MODULE, "cannot create a renderer: %s", SDL_GetError());
        return -1;
    }
    if (s->kiosk) SDL_ShowCursor(SDL_DISABLE);
    SDL_GetRendererOutputSize(s->r, &s->w, &s->h);
    if (render_open(s->r, cfg->font_dir, cfg->theme, &s->rd) != 0) return -1;
    return 0;
}

static void badge_text(const content_t *c, time_t now, buf_t *out) {
    if (c->safe_mode) buf_puts(out, "Safe mode");
    else health_badge(&c->health, 0, now, out);
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

static void screen_present(screen_t *s, double fade, double progress, int dark, int dx, int dy) {
    if (dark) {
        SDL_SetRenderDrawColor(s->r, 0, 0, 0, 255);
        SDL_RenderClear(s->r);
        SDL_RenderPresent(s->r);
        return;
    }
    SDL_Color bg = render_theme(s->rd)->background;
    SDL_SetRenderDrawColor(s->r, bg.r, bg.g, bg.b, 255);
    SDL_RenderClear(s->r);
    SDL_Rect dst = {dx, dy, s->w, s->h};
    if (s->previous && fade < 1.0) {
        SDL_SetTextureBlendMode(s->previous, SDL_BLENDMODE_NONE);
        SDL_RenderCopy(s->r, s->previous, NULL, &dst);
        SDL_SetTextureBlendMode(s->current, SDL_BLENDMODE_BLEND);
        SDL_SetTextureAlphaMod(s->current, (Uint8)(fade * 255));
    } else {
        SDL_SetTextureBlendMode(s->current, SDL_BLENDMODE_NONE);
        SDL_SetTextureAlphaMod(s->current, 255);
    }
    SDL_RenderCopy(s->r, s->current, NULL, &dst);
    layout_t shifted = s->layout; /* shallow: only the progress box is used */
    shifted.progress.x += dx;
    shifted.progress.y += dy;
    render_progress(s->rd, &shifted, progress);
    SDL_RenderPresent(s->r);
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
    store_feed_t *feeds;
    size_t n;
    if (store_feed_list(store, &feeds, &n) == 0) {
        c->health.offline = health_offline_since(feeds, n, &c->health.since);
        store_feed_list_free(feeds, n);
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
        sysd_status("slide %zu of %zu%s%s", index % c->deck.n + 1, c->deck.n,
                    c->health.offline ? ", offline" : "", c->deck.stale ? ", stale" : "");
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
    clock_jump_t jump = CLOCK_JUMP_INIT;
    clock_jump_poll(&jump);
    Uint64 slide_start = SDL_GetTicks64(), started = slide_start, saver_at = 0;
    Uint64 paused_at = 0, fade_first = 0, fade_last = 0, fade_longest = 0;
    int fade_frames = 0;
    int paused = 0, running = 1, step = 0, ready = 0, redraw = 0;
    int dark = !c.safe_mode && !schedule_on_at(&c.schedule, time(NULL)), was_dark = -1;
    long minute = (long)(time(NULL) / 60);
    while (running && !(hooks->stop && *hooks->stop)) {
        Uint64 now = SDL_GetTicks64();
        Uint64 shown = (paused ? paused_at : now) - slide_start;
        double fade = s.previous ? (double)(now - slide_start) / FADE_MS : 1.0;
        if (fade >= 1.0 && s.previous) {
            SDL_DestroyTexture(s.previous); /* transition over: free its memory */
            s.previous = NULL;
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
        }
        if (dark != was_dark || now - saver_at >= SAVER_REASSERT_MS) {
            if (dark) SDL_EnableScreenSaver();
            else SDL_DisableScreenSaver();
            if (dark != was_dark) {
                log_info(MODULE, "screen %s (schedule)", dark ? "dark" : "on");
                report_status(&c, index, dark);
            }
            was_dark = dark;
            saver_at = now;
        }
        int dx, dy;
        display_shift((long)((now - started) / SHIFT_EVERY_MS), s.h, &dx, &dy);
        screen_present(&s, fade, (double)shown / (c.cfg->rotate_s * 1000.0), dark, dx, dy);
        sysd_frame_presented(&wd, clock_mono_ms());
        if (!ready) {
            ready = 1;
            sysd_ready();
            report_status(&c, index, dark);
        }
        if (hooks->on_frame) hooks->on_frame(hooks->ctx);
        if (!paused && !dark && shown >= (Uint64)c.cfg->rotate_s * 1000) step = 1;
        if (step) {
            load_content(&c);
            size_t n = c.deck.n ? c.deck.n : 1;
            index = step > 0 ? (index + 1) % n : (index + n - 1) % n;
            screen_prepare(&s, &c, index, 1);
            slide_start = SDL_GetTicks64();
            step = 0;
            report_status(&c, index, dark);
            continue;
        }
        if (redraw && !s.previous) { /* ages and clock, in place */
            screen_prepare(&s, &c, index, 0);
            redraw = 0;
        }
        /* Sleep: at frame rate during a fade, else until the next tick. */
        int timeout = s.previous ? 8 : TICK_MS;
        SDL_Event ev;
        if (SDL_WaitEventTimeout(&ev, timeout)) {
            do {
                if (ev.type == SDL_QUIT) running = 0;
                else if (ev.type == SDL_WINDOWEVENT &&
                         ev.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
                    SDL_GetRendererOutputSize(s.r, &s.w, &s.h);
                    if (s.previous) SDL_DestroyTexture(s.previous);
                    if (s.current) SDL_DestroyTexture(s.current);
                    s.previous = s.current = NULL;
                    screen_prepare(&s, &c, index, 0); /* lay out again at the new size */
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
            dark = !c.safe_mode && !schedule_on_at(&c.schedule, time(NULL));
            redraw = 1;
        }
        if (hooks->on_wake) {
            const config_t *next = hooks->on_wake(hooks->ctx);
            if (next) {
                content_set_config(&c, next);
                render_close(s.rd);
                s.rd = NULL;
                if (render_open(s.r, next->font_dir, next->theme, &s.rd) != 0) break;
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
