/* testpng.h - golden screenshot comparison for the tests that render slides:
 * how many pixels (per mille) of two PNGs of one size differ by more than a
 * per-channel tolerance. Fails the test when either cannot be read or the
 * sizes differ. */
#ifndef BULLETIN_TESTPNG_H
#define BULLETIN_TESTPNG_H

#include <SDL.h>
#include <SDL_image.h>
#include <stdlib.h>

static inline int test_png_diff_per_mille(const char *a_path, const char *b_path, int tolerance) {
    SDL_Surface *a0 = IMG_Load(a_path), *b0 = IMG_Load(b_path);
    assert_non_null(a0);
    assert_non_null(b0);
    SDL_Surface *a = SDL_ConvertSurfaceFormat(a0, SDL_PIXELFORMAT_ARGB8888, 0);
    SDL_Surface *b = SDL_ConvertSurfaceFormat(b0, SDL_PIXELFORMAT_ARGB8888, 0);
    SDL_FreeSurface(a0);
    SDL_FreeSurface(b0);
    assert_int_equal(a->w, b->w);
    assert_int_equal(a->h, b->h);
    long bad = 0;
    for (int y = 0; y < a->h; y++) {
        const Uint8 *pa = (const Uint8 *)a->pixels + y * a->pitch;
        const Uint8 *pb = (const Uint8 *)b->pixels + y * b->pitch;
        for (int x = 0; x < a->w * 4; x += 4)
            for (int k = 0; k < 3; k++)
                if (abs(pa[x + k] - pb[x + k]) > tolerance) {
                    bad++;
                    break;
                }
    }
    int per_mille = (int)(bad * 1000 / ((long)a->w * a->h));
    SDL_FreeSurface(a);
    SDL_FreeSurface(b);
    return per_mille;
}

#endif
