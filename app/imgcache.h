/* imgcache.h - the fetch worker's cache of remote lead images.
 *
 * Contract: the display shows an http(s) lead image only from this cache,
 * never from the network. The cache is the directory image.h names
 * (image_cache_dir, beside the store), one file per image URL
 * (image_cache_file: NAME.img, a JPEG, or a PNG when the picture has
 * transparency); the display finds it with image_cached_path and needs
 * nothing from this module.
 *
 * imgcache_put takes the bytes a server sent and stores them only when they
 * pass image.h's gate (PNG, JPEG or WebP by magic bytes; pixel count and
 * sides read from the header before decoding, checked again after), scaled
 * down once (area average, never up) to the smallest size that still covers
 * the largest image box the layout gives on a 1920x1080 screen in either
 * orientation (IMGCACHE_COVER_W x IMGCACHE_COVER_H), and re-encoded: so what
 * the display loads is small, and decodable by construction. Files are
 * written atomically (fileio.h: unique temp file, fsync, rename, fsync of
 * the directory): a kill or power cut leaves the old state or the new file,
 * never half of one under a NAME.img name.
 *
 * imgcache_sync is the worker's one call, after each pass: it walks the
 * stored articles' image URLs, newest article first, fetches those not
 * cached yet (http/https only; fetch.h with the config's time limits, at
 * most IMAGE_MAX_BYTES counted after decompression, page_parallel at a time,
 * at most max_per_pass a pass), stores each through imgcache_put, and then
 * prunes: files whose URL no stored article uses any more go, and so do the
 * oldest articles' files beyond max_total_bytes (so the cache stays under
 * its cap, and the newest images are kept). An image that cannot be fetched
 * or shown leaves a NAME.bad marker (no retry for IMGCACHE_RETRY_S) and a
 * log line; the article and its slide are untouched (the slide is drawn
 * without its image box). Past opts->deadline_ms (the worker's pass
 * budget) nothing more is fetched and what was cut short is not marked:
 * the next pass goes on. Stale temp files of an interrupted write go too.
 * Returns 0, or -1 when the store could not be read or the directory not
 * made (logged; nothing else is lost).
 */
#ifndef BULLETIN_IMGCACHE_H
#define BULLETIN_IMGCACHE_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "buf.h"
#include "config.h"
#include "store.h"

/* The largest image box layout.c gives on a 1920x1080 screen: landscape
 * 36% of the inner width (at most 3:4 of that high), portrait the inner
 * width at 16:9. tests/test_imgcache.c checks this against layout_slide. */
#define IMGCACHE_COVER_W 1080
#define IMGCACHE_COVER_H 608
#define IMGCACHE_MAX_TOTAL_BYTES (64L << 20)
#define IMGCACHE_MAX_PER_PASS 300
#define IMGCACHE_RETRY_S (6 * 3600)
#define IMGCACHE_JPEG_QUALITY 85

typedef struct {
    long max_total_bytes;   /* <= 0: IMGCACHE_MAX_TOTAL_BYTES */
    int max_per_pass;       /* <= 0: IMGCACHE_MAX_PER_PASS */
    int cover_w, cover_h;   /* <= 0: IMGCACHE_COVER_W, IMGCACHE_COVER_H */
    int64_t deadline_ms;    /* clock_mono_ms() after which no fetch starts; 0: none */
} imgcache_opts_t;

typedef struct {
    int fetched;            /* requests made */
    int cached;             /* new files written */
    int failed;             /* fetched but refused or broken */
    int pruned;             /* files removed */
    long bytes_written;     /* by the new files */
    int files;              /* images in the cache after pruning */
    long total_bytes;       /* their size */
} imgcache_stats_t;

int imgcache_sync(const config_t *cfg, store_t *store, time_t now, const imgcache_opts_t *opts,
                  imgcache_stats_t *st);

#endif
