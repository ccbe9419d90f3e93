/* image.c - see image.h. */
#include "image.h"
#include "image_internal.h"

#include <SDL_image.h>
#include <fcntl.h>
#include <nettle/sha2.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "buf.h"
#include "fileio.h"
#include "log.h"
#include "urlutil.h"

#define MODULE "image"

char *image_local_path(const char *url, int feed_is_local) {
    return feed_is_local ? url_file_path(url) : NULL;
}

/* ---------------------------------------------------------------- the cache's names */
char *image_cache_dir(const char *store_path) {
    const char *slash = strrchr(store_path, '/');
    const char *base = slash ? slash + 1 : store_path;
    const char *dot = strrchr(base, '.');
    size_t stem = dot && dot != base ? (size_t)(dot - store_path) : strlen(store_path);
    buf_t b = BUF_INIT;
    buf_append(&b, store_path, stem);
    buf_puts(&b, "-images");
    return buf_detach(&b);
}

void image_cache_name(const char *url, char name[IMAGE_CACHE_NAME_HEX + 1]) {
    /* SHA-256 from nettle (nettle-dev), which libcurl's TLS stack already
     * brings into the fetch worker. */
    struct sha256_ctx ctx;
    uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_init(&ctx);
    sha256_update(&ctx, strlen(url), (const uint8_t *)url);
    sha256_digest(&ctx, sizeof digest, digest);
    static const char hex[] = "0123456789abcdef";
    for (size_t i = 0; i < IMAGE_CACHE_NAME_HEX / 2; i++) {
        name[2 * i] = hex[digest[i] >> 4];
        name[2 * i + 1] = hex[digest[i] & 15];
    }
    name[IMAGE_CACHE_NAME_HEX] = '\0';
}

char *image_cache_file(const char *dir, const char *url) {
    char name[IMAGE_CACHE_NAME_HEX + 1];
    image_cache_name(url, name);
    buf_t b = BUF_INIT;
    buf_printf(&b, "%s/%s.img", dir, name);
    return buf_detach(&b);
}

char *image_cached_path(const char *store_path, const char *url) {
    if (!store_path || !url_is_web(url)) return NULL;
    char *dir = image_cache_dir(store_path);
    char *path = image_cache_file(dir, url);
    free(dir);
    /* The header must read as an image we can show (a damaged file drops
     * the image box, not the slide): the cache's own files have it up front. */
    unsigned char head[4096];
    ssize_t got = -1;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        got = read(fd, head, sizeof head);
        close(fd);
    }
    int w, h;
    if (got <= 0 || image_check(head, (size_t)got, &w, &h) != NULL) {
        if (got >= 0) log_debug(MODULE, "%s: not a readable image; shown without it", path);
        free(path);
        return NULL;
    }
    return path;
}

/* ---------------------------------------------------------------- headers */
static unsigned be16(const unsigned char *p) { return (unsigned)p[0] << 8 | p[1]; }
static unsigned be32(const unsigned char *p) {
    return (unsigned)p[0] << 24 | (unsigned)p[1] << 16 | (unsigned)p[2] << 8 | p[3];
}

static unsigned le16(const unsigned char *p) { return (unsigned)p[1] << 8 | p[0]; }
static unsigned le24(const unsigned char *p) { return (unsigned)p[2] << 16 | le16(p); }

image_kind_t image_sniff(const unsigned char *d, size_t len) {
    static const unsigned char png[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    if (len >= 8 && memcmp(d, png, 8) == 0) return IMAGE_PNG;
    if (len >= 3 && d[0] == 0xff && d[1] == 0xd8 && d[2] == 0xff) return IMAGE_JPEG;
    if (len >= 16 && memcmp(d, "RIFF", 4) == 0 && memcmp(d + 8, "WEBP", 4) == 0) return IMAGE_WEBP;
    return IMAGE_UNKNOWN;
}

static int probe_jpeg(const unsigned char *d, size_t len, int *w, int *h) {
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
    return -1;
}

/* WebP: RIFF, then one of the simple lossy (VP8), lossless (VP8L) or
 * extended (VP8X: the canvas size) headers. */
static int probe_webp(const unsigned char *d, size_t len, int *w, int *h) {
    if (len >= 30 && memcmp(d + 12, "VP8 ", 4) == 0) {
        if ((d[20] & 1) != 0 || d[23] != 0x9d || d[24] != 0x01 || d[25] != 0x2a) return -1;
        *w = (int)(le16(d + 26) & 0x3fff);
        *h = (int)(le16(d + 28) & 0x3fff);
    } else if (len >= 25 && memcmp(d + 12, "VP8L", 4) == 0) {
        if (d[20] != 0x2f) return -1;
        *w = 1 + (int)(d[21] | (d[22] & 0x3f) << 8);
        *h = 1 + (int)(d[22] >> 6 | d[23] << 2 | (d[24] & 0x0f) << 10);
    } else if (len >= 30 && memcmp(d + 12, "VP8X", 4) == 0) {
        *w = 1 + (int)le24(d + 24);
        *h = 1 + (int)le24(d + 27);
    } else {
        return -1;
    }
    return *w > 0 && *h > 0 ? 0 : -1;
}

/* Reads the pixel size from a PNG, JPEG or WebP header; 0, or -1 when unknown. */
static int image_probe(const unsigned char *d, size_t len, int *w, int *h) {
    switch (image_sniff(d, len)) {
    case IMAGE_PNG:
        if (len < 24 || memcmp(d + 12, "IHDR", 4) != 0) return -1;
        unsigned pw = be32(d + 16), ph = be32(d + 20);
        if (pw == 0 || ph == 0 || pw > 1u << 30 || ph > 1u << 30) return -1;
        *w = (int)pw;
        *h = (int)ph;
        return 0;
    case IMAGE_JPEG: return probe_jpeg(d, len, w, h);
    case IMAGE_WEBP: return probe_webp(d, len, w, h);
    default: return -1;
    }
}

static int within_caps(long w, long h) {
    return w > 0 && h > 0 && w <= IMAGE_MAX_SIDE && h <= IMAGE_MAX_SIDE && w * h <= IMAGE_MAX_PIXELS;
}

const char *image_check(const unsigned char *data, size_t len, int *w, int *h) {
    if (image_sniff(data, len) == IMAGE_UNKNOWN) return "not a PNG, JPEG or WebP (magic bytes)";
    if (image_probe(data, len, w, h) != 0) return "unreadable image header";
    if (!within_caps(*w, *h)) return "picture too large (pixel count or side, from the header)";
    return NULL;
}

SDL_Surface *image_decode(const unsigned char *data, size_t len, const char **why) {
    int w, h;
    if ((*why = image_check(data, len, &w, &h)) != NULL) return NULL;
    if (len > (size_t)INT_MAX) {
        *why = "file too large";
        return NULL;
    }
    SDL_RWops *rw = SDL_RWFromConstMem(data, (int)len);
    SDL_Surface *img = rw ? IMG_Load_RW(rw, 1) : NULL;
    if (!img) {
        *why = "cannot be decoded";
        return NULL;
    }
    if (!within_caps(img->w, img->h)) {
        SDL_FreeSurface(img);
        *why = "decoded picture too large";
        return NULL;
    }
    return img;
}

SDL_Surface *image_load_cover(const char *path, int w, int h) {
    if (!path || w <= 0 || h <= 0) return NULL;
    buf_t data = BUF_INIT;
    if (file_read(path, IMAGE_MAX_BYTES, &data, NULL) != 0) {
        log_debug(MODULE, "%s: unreadable or over %d bytes", path, IMAGE_MAX_BYTES);
        buf_free(&data);
        return NULL;
    }
    const char *why = NULL;
    SDL_Surface *raw = image_decode((const unsigned char *)data.data, data.len, &why);
    buf_free(&data);
    if (!raw) {
        log_debug(MODULE, "%s: %s", path, why);
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
