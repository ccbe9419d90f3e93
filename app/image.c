/* image.c - see image.h. */
#include "image.h"

#include <SDL_image.h>
#include <string.h>

#include "buf.h"
#include "fileio.h"
#include "log.h"
#include "urlutil.h"

#define MODULE "image"

char *image_local_path(const char *url, int feed_is_local) {
    return feed_is_local ? url_file_path(url) : NULL;
}

static unsigned be16(const unsigned char *p) { return (unsigned)p[0] << 8 | p[1]; }
static unsigned be32(const unsigned char *p) {
    return (unsigned)p[0] << 24 | (unsigned)p[1] << 16 | (unsigned)p[2] << 8 | p[3];
}

int image_probe(const unsigned char *d, size_t len, int *w, int *h) {
    static const unsigned char png[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    if (len >= 24 && memcmp(d, png, 8) == 0 && memcmp(d + 12, "IHDR", 4) == 0) {
        unsigned pw = be32(d + 16), ph = be32(d + 20);
        if (pw == 0 || ph == 0 || pw > 1u << 30 || ph > 1u << 30) return -1;
        *w = (int)pw;
        *h = (int)ph;
        return 0;
    }
    if (len >= 4 && d[0] == 0xff && d[1] == 0xd8) {
        size_t i = 2;
        while (i + 4 <= len) {
            if (d[i] != 0xff) return -1;
            unsigned char marker = d[i + 1];
            if (marker == 0xff) { i++; continue; }
            if (marker == 0xd8 || marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
                i += 2;
                continue;
            }
            unsigned seglen = be16(d + i + 2);
            if (seglen < 2) return -1;
            /* Start of frame: baseline, extended, progressive, lossless... */
            if (marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 &&
                marker != 0xcc) {
                if (i + 9 > len) return -1;
                *h = (int)be16(d + i + 5);
                *w = (int)be16(d + i + 7);
                return *w > 0 && *h > 0 ? 0 : -1;
            }
            i += 2 + seglen;
        }
    }
    return -1;
}

SDL_Surface *image_load_cover(const char *path, int w, int h) {
    if (!path || w <= 0 || h <= 0) return NULL;
    buf_t data = BUF_INIT;
    if (file_read(path, IMAGE_MAX_BYTES, &data, NULL) != 0) {
        log_debug(MODULE, "%s: unreadable or over %d bytes", path, IMAGE_MAX_BYTES);
        buf_free(&data);
        return NULL;
    }
    int iw, ih;
    if (image_probe((const unsigned char *)data.data, data.len, &iw, &ih) != 0 ||
        iw > IMAGE_MAX_SIDE || ih > IMAGE_MAX_SIDE) {
        log_debug(MODULE, "%s: not a PNG or JPEG of at most %d px a side", path, IMAGE_MAX_SIDE);
        buf_free(&data);
        return NULL;
    }
    SDL_RWops *rw = SDL_RWFromConstMem(data.data, (int)data.len);
    SDL_Surface *raw = rw ? IMG_Load_RW(rw, 1) : NULL;
    buf_free(&data);
    if (!raw) {
        log_debug(MODULE, "%s: cannot decode: %s", path, IMG_GetError());
        return NULL;
    }
    SDL_Surface *src = SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_ARGB8888, 0);
    SDL_FreeSurface(raw);
    if (!src) return NULL;
    SDL_Surface *out = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (out) {
        /* Cover: the largest centred part of the source with the box's shape. */
        SDL_Rect crop;
        if ((long)src->w * h > (long)src->h * w) {
            crop.h = src->h;
            crop.w = (int)((long)src->h * w / h);
        } else {
            crop.w = src->w;
            crop.h = (int)((long)src->w * h / w);
        }
        if (crop.w < 1) crop.w = 1;
        if (crop.h < 1) crop.h = 1;
        crop.x = (src->w - crop.w) / 2;
        crop.y = (src->h - crop.h) / 2;
        SDL_Rect dst = {0, 0, w, h};
        if (SDL_SoftStretchLinear(src, &crop, out, &dst) != 0 &&
            SDL_BlitScaled(src, &crop, out, &dst) != 0) {
            SDL_FreeSurface(out);
            out = NULL;
        }
    }
    SDL_FreeSurface(src);
    return out;
}
