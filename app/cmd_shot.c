/* cmd_shot.c - `bulletin shot --out F.png [--size WxH] [--slide N] [--config F]
 * [--now EPOCH] [--badge TEXT]`: one slide rendered headless to PNG, with
 * SDL's software renderer on a surface (no display, byte-stable output). */
#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "cmd.h"
#include "cmdutil.h"
#include "config.h"
#include "deck.h"
#include "log.h"
#include "render.h"
#include "store.h"

#define MODULE "shot"

static void usage(FILE *out) {
    fprintf(out, "usage: bulletin shot --out FILE.png [--size WxH] [--slide N] [--config FILE]\n"
                 "                     [--now EPOCH] [--badge TEXT]\n"
                 "  --size   screen size, default 1920x1080\n"
                 "  --slide  which slide (0 = newest), default 0\n"
                 "  --now    the time to show ages and the clock for (tests, docs)\n");
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
    char config_path[4096];
    int w = 1920, h = 1080, c;
    long slide = 0;
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
        case 'n': slide = strtol(optarg, NULL, 10); break;
        case 'c': config_arg = optarg; break;
        case 't': now = (time_t)strtoll(optarg, NULL, 10); break;
        case 'b': badge = optarg; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return EXIT_USAGE;
        }
    }
    if (!out || optind != argc || slide < 0) {
        usage(stderr);
        return EXIT_USAGE;
    }
    config_t cfg;
    if (cmd_config_path(config_arg, config_path, sizeof config_path) != 0) return EXIT_BAD_INPUT;
    if (config_load(config_path, &cfg) != 0) {
        config_free(&cfg);
        return EXIT_BAD_INPUT;
    }
    int rc = EXIT_BAD_INPUT;
    store_t *store = NULL;
    deck_t deck = {0};
    render_t *rd = NULL;
    SDL_Renderer *r = NULL;
    layout_t layout = {0};
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
    if (store_open_readonly(cfg.store_path, &store) != 0 || deck_load(store, &cfg, now, &deck) != 0)
        goto done;
    if (render_open(r, cfg.font_dir, cfg.theme, &rd) != 0) goto done;
    if (deck_draw(&deck, (size_t)slide, rd, &cfg, w, h, now, badge, &layout) != 0) goto done;
    render_progress(rd, &layout, 0.35);
    SDL_RenderPresent(r);
    if (IMG_SavePNG(surface, out) != 0) {
        log_error(MODULE, "cannot write %s: %s", out, IMG_GetError());
        goto done;
    }
    log_info(MODULE, "wrote %s (%dx%d, slide %ld of %zu)", out, w, h, slide, deck.n);
    rc = 0;
done:
    layout_free(&layout);
    render_close(rd);
    if (r) SDL_DestroyRenderer(r);
    if (surface) SDL_FreeSurface(surface);
    deck_free(&deck);
    store_close(store);
    config_free(&cfg);
    TTF_Quit();
    SDL_Quit();
    return rc;
}
