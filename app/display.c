/* display.c - see display.h. */
#include "display.h"

#include <SDL.h>
#include <SDL_ttf.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "deck.h"
#include "log.h"
#include "render.h"
#include "store.h"

#define MODULE "display"
#define FADE_MS 600
#define TICK_MS 250      /* progress bar and stop checks */

typedef struct {
    SDL_Window *window;
    SDL_Renderer *r;
    render_t *rd;
    SDL_Texture *current, *previous;
    layout_t layout;
    int w, h;
    int kiosk;
} screen_t;

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

/* Draws slide `index` into a fresh texture: the only text rendering a slide
 * costs until the next one. */
static int screen_prepare(screen_t *s, const deck_t *deck, size_t index, const config_t *cfg) {
    if (s->previous) SDL_DestroyTexture(s->previous);
    s->previous = s->current;
    s->current = SDL_CreateTexture(s->r, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, s->w,
                                   s->h);
    if (!s->current) {
        log_error(MODULE, "cannot create a %dx%d texture: %s", s->w, s->h, SDL_GetError());
        return -1;
    }
    SDL_SetRenderTarget(s->r, s->current);
    layout_free(&s->layout);
    int rc = deck_draw(deck, index, s->rd, cfg, s->w, s->h, time(NULL), NULL, &s->layout);
    SDL_SetRenderTarget(s->r, NULL);
    return rc;
}

static void screen_present(screen_t *s, double fade, double progress) {
    SDL_SetRenderDrawColor(s->r, 0, 0, 0, 255);
    SDL_RenderClear(s->r);
    if (s->previous && fade < 1.0) {
        SDL_SetTextureBlendMode(s->previous, SDL_BLENDMODE_NONE);
        SDL_RenderCopy(s->r, s->previous, NULL, NULL);
        SDL_SetTextureBlendMode(s->current, SDL_BLENDMODE_BLEND);
        SDL_SetTextureAlphaMod(s->current, (Uint8)(fade * 255));
    } else {
        SDL_SetTextureBlendMode(s->current, SDL_BLENDMODE_NONE);
        SDL_SetTextureAlphaMod(s->current, 255);
    }
    SDL_RenderCopy(s->r, s->current, NULL, NULL);
    render_progress(s->rd, &s->layout, progress);
    SDL_RenderPresent(s->r);
}

static int load_deck(const config_t *cfg, deck_t *deck) {
    store_t *store;
    deck_free(deck);
    if (store_open(cfg->store_path, &store) != 0) return -1;
    int rc = deck_load(store, cfg, time(NULL), deck);
    store_close(store);
    return rc;
}

int display_run(const config_t *cfg, int ww, int wh, const display_hooks_t *hooks) {
    screen_t s;
    if (screen_open(&s, cfg, ww, wh) != 0) {
        screen_close(&s);
        return -1;
    }
    deck_t deck = {0};
    if (load_deck(cfg, &deck) != 0) log_warn(MODULE, "store unreadable; showing no news");
    size_t index = 0;
    screen_prepare(&s, &deck, index, cfg);
    Uint64 slide_start = SDL_GetTicks64();
    Uint64 paused_at = 0;
    int paused = 0, running = 1, step = 0;
    while (running && !(hooks->stop && *hooks->stop)) {
        Uint64 now = SDL_GetTicks64();
        Uint64 shown = (paused ? paused_at : now) - slide_start;
        double fade = s.previous ? (double)(now - slide_start) / FADE_MS : 1.0;
        if (fade >= 1.0 && s.previous) {
            SDL_DestroyTexture(s.previous); /* transition over: free its memory */
            s.previous = NULL;
        }
        screen_present(&s, fade, (double)shown / (cfg->rotate_s * 1000.0));
        if (hooks->on_frame) hooks->on_frame(hooks->ctx);
        if (!paused && shown >= (Uint64)cfg->rotate_s * 1000) step = 1;
        if (step) {
            if (load_deck(cfg, &deck) != 0) log_warn(MODULE, "store unreadable; keeping slides");
            size_t n = deck.n ? deck.n : 1;
            index = step > 0 ? (index + 1) % n : (index + n - 1) % n;
            screen_prepare(&s, &deck, index, cfg);
            slide_start = SDL_GetTicks64();
            step = 0;
            continue;
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
                    index = index ? index - 1 : 0;
                    step = 1; /* lay out again at the new size */
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
        if (hooks->on_wake) {
            const config_t *next = hooks->on_wake(hooks->ctx);
            if (next) {
                cfg = next;
                render_close(s.rd);
                s.rd = NULL;
                if (render_open(s.r, cfg->font_dir, cfg->theme, &s.rd) != 0) break;
                index = index ? index - 1 : 0;
                step = 1;
            }
        }
    }
    deck_free(&deck);
    screen_close(&s);
    return 0;
}
