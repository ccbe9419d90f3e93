/* imgcache.c - see imgcache.h. */
#include "imgcache.h"
#include "imgcache_internal.h"

#include <SDL.h>
#include <SDL_image.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clock.h"
#include "fetch.h"
#include "fileio.h"
#include "image.h"
#include "log.h"
#include "urlutil.h"

#define MODULE "imgcache"
#define NAME_HEX IMAGE_CACHE_NAME_HEX
#define TEMP_STALE_S 600            /* a temp file this old is a write that died */

static char *path_in(const char *dir, const char *name, const char *ext) {
    buf_t b = BUF_INIT;
    buf_printf(&b, "%s/%s%s", dir, name, ext);
    return buf_detach(&b);
}

/* ---------------------------------------------------------------- scaling */

static Uint32 read_pixel(const Uint8 *p, int bpp) {
    Uint32 v = 0;
    switch (bpp) {
    case 1: v = p[0]; break;
    case 2: { Uint16 s; memcpy(&s, p, 2); v = s; } break;
#if SDL_BYTEORDER == SDL_BIG_ENDIAN
    case 3: v = (Uint32)p[0] << 16 | (Uint32)p[1] << 8 | p[2]; break;
#else
    case 3: v = (Uint32)p[2] << 16 | (Uint32)p[1] << 8 | p[0]; break;
#endif
    default: memcpy(&v, p, 4); break;
    }
    return v;
}

/* The byte of a bpp-byte pixel (as read_pixel reads it) that holds bits
 * shift..shift+7. */
static int byte_of(int shift, int bpp) {
#if SDL_BYTEORDER == SDL_BIG_ENDIAN
    return bpp - 1 - shift / 8;
#else
    (void)bpp;
    return shift / 8;
#endif
}

/* One source pixel as 8-bit R, G, B, A. */
static void pixel_rgba(const SDL_PixelFormat *f, int direct, Uint32 px, Uint32 c[4]) {
    if (direct) { /* 8-bit channels: shifts, no call per pixel */
        c[0] = px >> f->Rshift & 0xff;
        c[1] = px >> f->Gshift & 0xff;
        c[2] = px >> f->Bshift & 0xff;
        c[3] = f->Amask ? px >> f->Ashift & 0xff : 255;
    } else {
        Uint8 r, g, b, a;
        SDL_GetRGBA(px, f, &r, &g, &b, &a);
        c[0] = r, c[1] = g, c[2] = b, c[3] = a;
    }
}

/* src scaled to dw x dh (at most its own size) by area averaging, alpha
 * weighted, as RGBA32; *opaque says whether every pixel came out fully
 * opaque. Reads any SDL format in place, so a big decoded picture is never
 * converted whole: memory is the output plus one row of sums. */
static SDL_Surface *scale_area(SDL_Surface *src, int dw, int dh, int *opaque) {
    SDL_Surface *out = SDL_CreateRGBSurfaceWithFormat(0, dw, dh, 32, SDL_PIXELFORMAT_RGBA32);
    if (!out) return NULL;
    if (SDL_MUSTLOCK(src) && SDL_LockSurface(src) != 0) {
        SDL_FreeSurface(out);
        return NULL;
    }
    Uint32 key = 0;
    int has_key = SDL_GetColorKey(src, &key) == 0;
    const SDL_PixelFormat *f = src->format;
    int bpp = f->BytesPerPixel;
    int direct = !f->palette && bpp >= 3 && f->Rloss == 0 && f->Gloss == 0 && f->Bloss == 0 &&
                 (!f->Amask || f->Aloss == 0);
    /* Where each 8-bit channel's byte is in a direct format's pixel. */
    int ri = byte_of(f->Rshift, bpp), gi = byte_of(f->Gshift, bpp), bi = byte_of(f->Bshift, bpp);
    int ai = f->Amask ? byte_of(f->Ashift, bpp) : -1;
    int sw = src->w, sh = src->h;
    /* Each source column adds to one output column (dw <= sw). */
    int *col = xcalloc((size_t)sw, sizeof *col);
    for (int sx = 0; sx < sw; sx++) col[sx] = (int)((long)sx * dw / sw);
    /* Per output column: r*a, g*a, b*a, a, pixels. A cell is at most
     * (sw/dw + 1) x (sh/dh + 1) pixels (under 100 for the caps), so 32 bits hold. */
    Uint32(*acc)[5] = xcalloc((size_t)dw, sizeof *acc);
    *opaque = 1;
    int sy = 0;
    for (int y = 0; y < dh; y++) {
        int y_to = (int)((long)(y + 1) * sh / dh);
        memset(acc, 0, (size_t)dw * sizeof *acc);
        for (; sy < y_to; sy++) {
            const Uint8 *p = (const Uint8 *)src->pixels + (size_t)sy * src->pitch;
            if (direct && !has_key) { /* the common case: bytes at fixed places */
                for (int sx = 0; sx < sw; sx++, p += bpp) {
                    Uint32 *a = acc[col[sx]], alpha = ai >= 0 ? p[ai] : 255;
                    a[0] += p[ri] * alpha;
                    a[1] += p[gi] * alpha;
                    a[2] += p[bi] * alpha;
                    a[3] += alpha;
                    a[4]++;
                }
                continue;
            }
            for (int sx = 0; sx < sw; sx++, p += bpp) {
                Uint32 px = read_pixel(p, bpp), c[4];
                pixel_rgba(f, direct, px, c);
                if (has_key && px == key) c[3] = 0;
                Uint32 *a = acc[col[sx]];
                a[0] += c[0] * c[3];
                a[1] += c[1] * c[3];
                a[2] += c[2] * c[3];
                a[3] += c[3];
                a[4]++;
            }
        }
        Uint8 *dst = (Uint8 *)out->pixels + (size_t)y * out->pitch;
        for (int x = 0; x < dw; x++) {
            Uint32 n = acc[x][4] ? acc[x][4] : 1, a = acc[x][3];
            Uint8 alpha = a == 255 * n ? 255 : (Uint8)((a + n / 2) / n);
            if (alpha != 255) *opaque = 0;
            /* One division a pixel: sum / a as a multiply by 2^32 / a. */
            Uint64 inv = a ? ((Uint64)1 << 32) / a : 0;
            for (int k = 0; k < 3; k++) {
                Uint64 v = ((Uint64)acc[x][k] * inv + ((Uint64)1 << 31)) >> 32;
                dst[4 * x + k] = (Uint8)(v > 255 ? 255 : v);
            }
            dst[4 * x + 3] = alpha;
        }
    }
    free(acc);
    free(col);
    if (SDL_MUSTLOCK(src)) SDL_UnlockSurface(src);
    return out;
}

/* The stored size: the smallest that still covers cover_w x cover_h. */
static void stored_size(int sw, int sh, int cover_w, int cover_h, int *dw, int *dh) {
    double s = (double)cover_w / sw;
    if ((double)cover_h / sh > s) s = (double)cover_h / sh;
    if (s >= 1.0) {
        *dw = sw;
        *dh = sh;
        return;
    }
    *dw = (int)(sw * s + 0.5);
    *dh = (int)(sh * s + 0.5);
    if (*dw < 1) *dw = 1;
    if (*dh < 1) *dh = 1;
}

/* ---------------------------------------------------------------- encoding
 * An SDL_RWops that appends to a buf_t, for IMG_SavePNG_RW/IMG_SaveJPG_RW. */
typedef struct {
    buf_t *out;
    size_t pos;
} mem_sink_t;

static Sint64 sink_size(SDL_RWops *rw) {
    return (Sint64)((mem_sink_t *)rw->hidden.unknown.data1)->out->len;
}

static Sint64 sink_seek(SDL_RWops *rw, Sint64 off, int whence) {
    mem_sink_t *m = rw->hidden.unknown.data1;
    Sint64 base = whence == RW_SEEK_SET ? 0 : whence == RW_SEEK_CUR ? (Sint64)m->pos
                                                                     : (Sint64)m->out->len;
    if (base + off < 0 || base + off > (Sint64)m->out->len) return -1;
    m->pos = (size_t)(base + off);
    return (Sint64)m->pos;
}

static size_t sink_read(SDL_RWops *rw, void *p, size_t size, size_t n) { return 0; }

static size_t sink_write(SDL_RWops *rw, const void *p, size_t size, size_t n) {
    mem_sink_t *m = rw->hidden.unknown.data1;
    size_t len = size * n;
    if (m->pos == m->out->len) {
        buf_append(m->out, p, len);
    } else {
        if (m->pos + len > m->out->len) {
            buf_reserve(m->out, m->pos + len - m->out->len);
            m->out->len = m->pos + len;
            m->out->data[m->out->len] = '\0';
        }
        memcpy(m->out->data + m->pos, p, len);
    }
    m->pos += len;
    return n;
}

static int sink_close(SDL_RWops *rw) {
    SDL_FreeRW(rw);
    return 0;
}

static int encode(SDL_Surface *img, int opaque, buf_t *out) {
    SDL_RWops *rw = SDL_AllocRW();
    if (!rw) return -1;
    mem_sink_t sink = {out, 0};
    rw->size = sink_size;
    rw->seek = sink_seek;
    rw->read = sink_read;
    rw->write = sink_write;
    rw->close = sink_close;
    rw->hidden.unknown.data1 = &sink;
    int rc = opaque ? IMG_SaveJPG_RW(img, rw, 1, IMGCACHE_JPEG_QUALITY) : IMG_SavePNG_RW(img, rw, 1);
    return rc == 0 && out->len > 0 ? 0 : -1;
}

int imgcache_put(const char *dir, const char *url, const unsigned char *data, size_t len,
                 const imgcache_opts_t *opts, long *written, buf_t *why) {
    *written = 0;
    int cover_w = opts && opts->cover_w > 0 ? opts->cover_w : IMGCACHE_COVER_W;
    int cover_h = opts && opts->cover_h > 0 ? opts->cover_h : IMGCACHE_COVER_H;
    if (len > IMAGE_MAX_BYTES) {
        buf_printf(why, "larger than %d bytes", IMAGE_MAX_BYTES);
        return -1;
    }
    const char *reason = NULL;
    SDL_Surface *src = image_decode(data, len, &reason);
    if (!src) {
        buf_puts(why, reason);
        return -1;
    }
    int dw, dh, opaque;
    stored_size(src->w, src->h, cover_w, cover_h, &dw, &dh);
    SDL_Surface *scaled = scale_area(src, dw, dh, &opaque);
    SDL_FreeSurface(src);
    if (!scaled) {
        buf_printf(why, "cannot scale: %s", SDL_GetError());
        return -1;
    }
    buf_t enc = BUF_INIT;
    int rc = encode(scaled, opaque, &enc);
    SDL_FreeSurface(scaled);
    if (rc != 0) {
        buf_printf(why, "cannot encode: %s", IMG_GetError());
        buf_free(&enc);
        return -1;
    }
    char *path = image_cache_file(dir, url);
    if (file_write_atomic(path, enc.data, enc.len) != 0) {
        buf_printf(why, "cannot write %s: %s", path, strerror(errno));
        rc = -1;
    } else {
        *written = (long)enc.len;
    }
    free(path);
    buf_free(&enc);
    return rc;
}

/* ---------------------------------------------------------------- sync */

/* One image URL of the store, as the walk sees it. */
typedef struct {
    char name[NAME_HEX + 1];
    const char *url;
    const char *feed_url;
    int keep;       /* NAME.img stays */
    int keep_bad;   /* NAME.bad stays (a recent failure) */
} entry_t;

static int entry_cmp(const void *a, const void *b) {
    return strcmp(((const entry_t *)a)->name, ((const entry_t *)b)->name);
}

static const config_feed_t *feed_of(const config_t *cfg, const char *url) {
    for (size_t i = 0; url && i < cfg->n_feeds; i++)
        if (strcmp(cfg->feeds[i].url, url) == 0) return &cfg->feeds[i];
    return NULL;
}

static long file_size(const char *path, time_t *mtime) {
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) return -1;
    if (mtime) *mtime = st.st_mtime;
    return (long)st.st_size;
}

/* Marks url's image as failed (an empty NAME.bad, dated now), so it is not
 * retried before IMGCACHE_RETRY_S. */
static void mark_bad(const char *dir, const char *name, time_t now) {
    char *bad = path_in(dir, name, ".bad");
    struct timespec when[2] = {{.tv_sec = now}, {.tv_sec = now}};
    if (file_write_atomic(bad, "", 0) != 0 || utimensat(AT_FDCWD, bad, when, 0) != 0)
        log_warn(MODULE, "cannot write %s: %s", bad, strerror(errno));
    free(bad);
}

typedef struct {
    const config_t *cfg;
    const char *dir;
    const imgcache_opts_t *opts;
    long cap;
    time_t now;
    long total;
    int over_cap;
    imgcache_stats_t *st;
} walk_t;

/* Fetches the images of entries todo[0..n) and stores them. */
static void fetch_chunk(walk_t *w, entry_t **todo, size_t n) {
    const config_t *cfg = w->cfg;
    fetch_req_t *reqs = xcalloc(n, sizeof *reqs);
    fetch_resp_t *resps = xcalloc(n, sizeof *resps);
    for (size_t i = 0; i < n; i++) {
        const config_feed_t *feed = feed_of(cfg, todo[i]->feed_url);
        reqs[i] = (fetch_req_t){
            .url = todo[i]->url,
            .user_agent = feed && feed->user_agent ? feed->user_agent : cfg->user_agent,
            .ca_file = cfg->fetch_ca_file,
            .insecure_tls = feed && feed->insecure_tls,
            .max_bytes = IMAGE_MAX_BYTES,
            .timeout_s = cfg->fetch_timeout_s,
            .connect_timeout_s = cfg->fetch_connect_timeout_s,
            .stall_s = cfg->fetch_stall_s};
    }
    fetch_limits_t lim = {.parallel = cfg->fetch_page_parallel,
                          .host_parallel = cfg->fetch_host_parallel,
                          .deadline_ms = w->opts ? w->opts->deadline_ms : 0};
    fetch_many(reqs, resps, n, &lim);
    for (size_t i = 0; i < n; i++) {
        entry_t *e = todo[i];
        buf_t why = BUF_INIT;
        long written = 0;
        w->st->fetched++;
        if (resps[i].budget_spent) { /* not the image's fault: next pass */
            fetch_resp_free(&resps[i]);
            continue;
        }
        if (resps[i].error[0]) buf_puts(&why, resps[i].error);
        else if (resps[i].status != 200) buf_printf(&why, "HTTP status %ld", resps[i].status);
        else
            imgcache_put(w->dir, e->url, (const unsigned char *)resps[i].body.data,
                         resps[i].body.len, w->opts, &written, &why);
        fetch_resp_free(&resps[i]);
        if (why.len) {
            log_warn(MODULE, "image %s: %s; the slide goes without it", e->url, why.data);
            mark_bad(w->dir, e->name, w->now);
            e->keep_bad = 1;
            w->st->failed++;
        } else {
            w->st->cached++;
            w->st->bytes_written += written;
            if (w->total + written > w->cap) {
                w->over_cap = 1; /* kept out again by the prune below */
            } else {
                w->total += written;
                e->keep = 1;
            }
        }
        buf_free(&why);
    }
    free(reqs);
    free(resps);
}

/* Removes what no entry keeps: images and markers of URLs no article uses,
 * images beyond the cap, old markers, stale temp files. */
static void prune(walk_t *w, entry_t *entries, size_t n, time_t now) {
    DIR *d = opendir(w->dir);
    if (!d) return;
    qsort(entries, n, sizeof *entries, entry_cmp);
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        const char *nm = de->d_name;
        if (nm[0] == '.') continue;
        size_t len = strlen(nm);
        int is_img = len == NAME_HEX + 4 && strcmp(nm + NAME_HEX, ".img") == 0;
        int is_bad = len == NAME_HEX + 4 && strcmp(nm + NAME_HEX, ".bad") == 0;
        int is_tmp = strstr(nm, ".tmp-") != NULL;
        if (!is_img && !is_bad && !is_tmp) continue; /* not ours */
        char *path = path_in(w->dir, nm, "");
        time_t mtime = 0;
        long size = file_size(path, &mtime);
        int drop;
        if (is_tmp) {
            drop = size >= 0 && now - mtime > TEMP_STALE_S;
        } else {
            entry_t key;
            memcpy(key.name, nm, NAME_HEX);
            key.name[NAME_HEX] = '\0';
            const entry_t *e = bsearch(&key, entries, n, sizeof *entries, entry_cmp);
            drop = is_img ? !e || !e->keep : !e || !e->keep_bad;
        }
        if (drop && unlink(path) == 0) {
            if (!is_tmp) w->st->pruned++;
        } else if (is_img && size >= 0) {
            w->st->files++;
            w->st->total_bytes += size;
        }
        free(path);
    }
    closedir(d);
}

static int past_deadline(const imgcache_opts_t *opts) {
    return opts && opts->deadline_ms > 0 && clock_mono_ms() >= opts->deadline_ms;
}

int imgcache_sync(const config_t *cfg, store_t *store, time_t now, const imgcache_opts_t *opts,
                  imgcache_stats_t *st) {
    imgcache_stats_t local;
    if (!st) st = &local;
    memset(st, 0, sizeof *st);
    store_image_t *images = NULL;
    size_t n = 0;
    if (store_article_images(store, &images, &n) != 0) return -1;
    char *dir = image_cache_dir(cfg->store_path);
    if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
        log_error(MODULE, "cannot make %s: %s", dir, strerror(errno));
        free(dir);
        store_article_images_free(images, n);
        return -1;
    }
    walk_t w = {.cfg = cfg, .dir = dir, .opts = opts, .st = st, .now = now,
                .cap = opts && opts->max_total_bytes > 0 ? opts->max_total_bytes
                                                         : IMGCACHE_MAX_TOTAL_BYTES};
    int max_fetch = opts && opts->max_per_pass > 0 ? opts->max_per_pass : IMGCACHE_MAX_PER_PASS;
    size_t chunk = (size_t)(cfg->fetch_page_parallel > 0 ? cfg->fetch_page_parallel : 4);
    entry_t *entries = xcalloc(n ? n : 1, sizeof *entries);
    entry_t **todo = xcalloc(chunk, sizeof *todo);
    size_t n_todo = 0;
    int queued = 0;
    /* Newest first: what is cached counts against the cap; what is missing
     * is fetched while there is room, a chunk at a time. */
    for (size_t i = 0; i < n; i++) {
        entry_t *e = &entries[i];
        e->url = images[i].url;
        e->feed_url = images[i].feed_url;
        image_cache_name(e->url, e->name);
        if (!url_is_web(e->url)) continue; /* local files are read where they are */
        char *img = path_in(dir, e->name, ".img");
        char *bad = path_in(dir, e->name, ".bad");
        time_t bad_time = 0;
        long size = file_size(img, NULL);
        if (size >= 0) {
            if (!w.over_cap && w.total + size <= w.cap) {
                w.total += size;
                e->keep = 1;
            } else {
                w.over_cap = 1;
            }
        } else if (file_size(bad, &bad_time) >= 0 && now - bad_time < IMGCACHE_RETRY_S) {
            e->keep_bad = 1;
        } else if (!w.over_cap && queued < max_fetch && !past_deadline(opts)) {
            todo[n_todo++] = e;
            queued++;
        }
        free(img);
        free(bad);
        if (n_todo == chunk || (n_todo > 0 && i + 1 == n)) {
            fetch_chunk(&w, todo, n_todo);
            n_todo = 0;
        }
    }
    if (n_todo > 0) fetch_chunk(&w, todo, n_todo);
    prune(&w, entries, n, now);
    if (st->fetched || st->pruned)
        log_info(MODULE, "images: %d fetched, %d cached, %d failed, %ld bytes written; "
                         "cache %d files, %ld bytes (cap %ld), %d pruned",
                 st->fetched, st->cached, st->failed, st->bytes_written, st->files,
                 st->total_bytes, w.cap, st->pruned);
    free(todo);
    free(entries);
    free(dir);
    store_article_images_free(images, n);
    return 0;
}
