/* cmd_shot.c - `bulletin shot --out F.png [--size WxH] [--slide N] [--config F]
 * [--now EPOCH] [--badge TEXT]`: one slide rendered headless to PNG, with
 * SDL's software renderer on a surface (no display, byte-stable output).
 * Slides are numbered as `status` counts stories: every stored story once,
 * 0 the newest; a number past the last is refused with the range. The badge
 * is the wall's own (offline, no fresh news) unless --badge gives one ("":
 * none). The config's rotation turns the picture as the kiosk does. */
#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "cmd.h"
#include "cmdutil.h"
#include "config.h"
#include "deck.h"
#include "health.h"
#include "log.h"
#include "render.h"
#include "store.h"

#define MODULE "shot"

static void usage(FILE *out) {
    fprintf(out, "usage: bulletin shot --out FILE.png [--size WxH] [--slide N] [--config FILE]\n"
                 "                     [--now EPOCH] [--badge TEXT]\n"
                 "  --size   screen size, default 1920x1080\n"
                 "  --slide  which story, 0 = the newest (as `bulletin status` counts them), default 0\n"
                 "  --now    the time to show ages and the clock for, in seconds since 1970\n"
                 "  --badge  the badge to show instead of the wall's own (\"\": none)\n");
}

/* A whole number >= 0, nothing else; -1 otherwise. */
static int parse_whole(const char *s, long long *out) {
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (end == s || *end || errno || v < 0 || *s == '-' || *s == '+' || *s == ' ') return -1;
    *out = v;
    return 0;
}

int cmd_shot(int argc, char **argv) {
    static const struct option opts[] = {{"out", required_argument, NULL, 'o'},
                                         {"size", required_argument, NULL, 's'},
                                         {"slide", required_argument, NULL, 'n'},
                                         {"config", required_argument, NULL, 'c'},
                                         {"now", required_argument, NULL, 't'},
                                         {"badge", required_argument, NULL, 'b'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *out = NULL, *config_arg = NULL, *badge = NULL;
    int w = 1920, h = 1080, c;
    long long slide = 0;
    time_t now = time(NULL);
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:s:n:c:t:b:h", opts, NULL)) != -1) {
        switch (c) {
        case 'o': out = optarg; break;
        case 's':
            if (layout_parse_size(optarg, &w, &h)) {
                fprintf(stderr, "bulletin shot: bad --size '%s' (want WxH, e.g. 1920x1080)\n",
                        optarg);
                return EXIT_USAGE;
            }
            break;
        case 'n':
            if (parse_whole(optarg, &slide) != 0) {
                fprintf(stderr, "bulletin shot: bad --slide '%s' (want a story number, 0 = newest)\n",
                        optarg);
                return EXIT_USAGE;
            }
            break;
        case 'c': config_arg = optarg; break;
        case 't': {
            long long t;
            if (parse_whole(optarg, &t) != 0) {
                fprintf(stderr, "bulletin shot: bad --now '%s' (want seconds since 1970)\n",
                        optarg);
                return EXIT_USAGE;
            }
            now = (time_t)t;
            break;
        }
        case 'b': badge = optarg; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return EXIT_USAGE;
        }
    }
    if (!out || optind != argc) {
        usage(stderr);
        return EXIT_USAGE;
    }
    config_t cfg;
    if (cmd_load_config(config_arg, &cfg) != 0) return EXIT_BAD_INPUT;
    int rc = EXIT_BAD_INPUT;
    store_t *store = NULL;
    deck_t deck = {0};
    render_t *rd = NULL;
    SDL_Renderer *r = NULL;
    layout_t layout = {0};
    SDL_Texture *picture = NULL;
    SDL_Surface *surface = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!surface) {
        log_error(MODULE, "cannot make a %dx%d surface: %s", w, h, SDL_GetError());
        goto done;
    }
    r = SDL_CreateSoftwareRenderer(surface);
    if (!r) {
        log_error(MODULE, "no software renderer: %s", SDL_GetError());
        goto done;
    }
    if (store_open_readonly(cfg.store_path, &store) != 0 ||
        deck_load_stories(store, &cfg, now, &deck) != 0)
        goto done;
    size_t n_slides = deck.n ? deck.n : 1; /* the empty store: its "No news yet" slide */
    if ((unsigned long long)slide >= n_slides) {
        if (deck.n) fprintf(stderr, "bulletin shot: --slide %lld is out of range: %zu stories, 0-%zu\n",
                            slide, deck.n, deck.n - 1);
        else fprintf(stderr, "bulletin shot: --slide %lld is out of range: no stories yet, only 0\n",
                     slide);
        rc = EXIT_USAGE;
        goto done;
    }
    if (render_open(r, cfg.font_dir, cfg.theme, &rd) != 0) goto done;
    buf_t wall_badge = BUF_INIT;
    if (!badge) health_badge(&deck.news, now, &wall_badge);
    /* The picture as laid out: turned sides for a quarter turn. */
    int turned = cfg.rotation == 90 || cfg.rotation == 270;
    int lw = turned ? h : w, lh = turned ? w : h;
    if (cfg.rotation) {
        picture = SDL_CreateTexture(r, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, lw, lh);
        if (!picture || SDL_SetRenderTarget(r, picture) != 0) {
            log_error(MODULE, "cannot make a %dx%d texture: %s", lw, lh, SDL_GetError());
            buf_free(&wall_badge);
            goto done;
        }
    }
    Uint64 draw_start = SDL_GetPerformanceCounter();
    int drawn = deck_draw(&deck, (size_t)slide, rd, &cfg, lw, lh, now,
                          badge ? badge : wall_badge.data, &layout);
    double draw_ms = (double)(SDL_GetPerformanceCounter() - draw_start) * 1000.0 /
                     (double)SDL_GetPerformanceFrequency();
    buf_free(&wall_badge);
    if (drawn != 0) goto done;
    render_progress(rd, &layout, 0.35);
    if (picture) {
        SDL_SetRenderTarget(r, NULL);
        render_copy_turned(r, picture, cfg.rotation, w, h, 0, 0);
    }
    SDL_RenderPresent(r);
    if (IMG_SavePNG(surface, out) != 0) {
        log_error(MODULE, "cannot write %s: %s", out, IMG_GetError());
        goto done;
    }
    log_info(MODULE, "wrote %s (%dx%d, story %lld of %zu: \"%.200s\"), drawn in %.1f ms", out, w,
             h, slide, deck.n,
             deck.n && deck.slides[slide].headline ? deck.slides[slide].headline : "No news yet",
             draw_ms);
    rc = 0;
done:
    layout_free(&layout);
    render_close(rd);
    if (picture) SDL_DestroyTexture(picture);
    if (r) SDL_DestroyRenderer(r);
    if (surface) SDL_FreeSurface(surface);
    deck_free(&deck);
    store_close(store);
    config_free(&cfg);
    TTF_Quit();
    SDL_Quit();
    return rc;
}
