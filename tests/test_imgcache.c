/* test_imgcache.c - lead images from the web (app/imgcache.h, app/image.h).
 *
 * SHA-256 against FIPS vectors; the image gate (magic bytes, header sizes,
 * pixel caps) on images made here with SDL2_image and libwebp and on
 * hand-made hostile headers; what imgcache_put stores (scaled once by area
 * average, never up; alpha kept as PNG); the cover box against layout.c;
 * each limit end to end through the worker against tests/httpd.py (wrong
 * type, huge header, oversized body, gzip bomb, slow server, broken file,
 * 404, redirect to file:, non-web URLs: every slide stays, only its image
 * goes); pruning with articles and by the size cap; kill -9 of a running
 * worker during image writes leaves only decodable files; and a golden slide
 * of a remote image cached and shown (UPDATE_GOLDEN=1 rewrites it).
 */
#include "testutil.h"

#include <SDL.h>
#include <SDL_image.h>
#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <utime.h>
#include <sqlite3.h>
#include <webp/encode.h>

#include "clock.h"
#include "config.h"
#include "fetch.h"
#include "image_internal.h"
#include "imgcache_internal.h"
#include "layout.h"
#include "store.h"
#include "fixture.h"
#include "testpng.h"
#include "worker.h"

#define T0 ((time_t)1760000000)
#define GOLDEN "tests/golden/remote-image-1280x720.png"
#define NOW "1893488400" /* 2030-01-01T09:00:00Z */

/* ---------------------------------------------------------------- helpers */

static char *path_join(const char *dir, const char *name) {
    buf_t b = BUF_INIT;
    buf_printf(&b, "%s/%s", dir, name);
    return buf_detach(&b);
}

static void write_bytes(const char *dir, const char *name, const void *data, size_t len) {
    char *p = path_join(dir, name);
    assert_int_equal(file_write_atomic(p, data, len), 0);
    free(p);
}

/* A w x h picture: a diagonal gradient with a seed-dependent tint. */
static SDL_Surface *make_picture(int w, int h, int seed) {
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGBA32);
    assert_non_null(s);
    for (int y = 0; y < h; y++) {
        Uint8 *row = (Uint8 *)s->pixels + (size_t)y * s->pitch;
        for (int x = 0; x < w; x++) {
            row[4 * x] = (Uint8)(x * 255 / w);
            row[4 * x + 1] = (Uint8)(y * 255 / h);
            row[4 * x + 2] = (Uint8)(seed * 37);
            row[4 * x + 3] = 255;
        }
    }
    return s;
}

static void save_jpeg(const char *dir, const char *name, int w, int h, int seed) {
    SDL_Surface *s = make_picture(w, h, seed);
    char *p = path_join(dir, name);
    assert_int_equal(IMG_SaveJPG(s, p, 90), 0);
    free(p);
    SDL_FreeSurface(s);
}

/* WebP bytes of a w x h picture (lossy VP8 or lossless VP8L). */
static buf_t webp_bytes(int w, int h, int lossless) {
    SDL_Surface *s = make_picture(w, h, 3);
    SDL_Surface *rgb = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_RGB24, 0);
    SDL_FreeSurface(s);
    uint8_t *out = NULL;
    size_t n = lossless ? WebPEncodeLosslessRGB(rgb->pixels, w, h, rgb->pitch, &out)
                        : WebPEncodeRGB(rgb->pixels, w, h, rgb->pitch, 80, &out);
    SDL_FreeSurface(rgb);
    assert_true(n > 0);
    buf_t b = BUF_INIT;
    buf_append(&b, out, n);
    WebPFree(out);
    return b;
}

static void be32_put(unsigned char *p, unsigned v) {
    p[0] = (unsigned char)(v >> 24); p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8); p[3] = (unsigned char)v;
}

/* A PNG signature and IHDR claiming w x h, and nothing else. */
static size_t png_header(unsigned char *out, unsigned w, unsigned h) {
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    memcpy(out, sig, 8);
    be32_put(out + 8, 13);
    memcpy(out + 12, "IHDR", 4);
    be32_put(out + 16, w);
    be32_put(out + 20, h);
    memcpy(out + 24, "\x08\x06\x00\x00\x00", 5);
    memset(out + 29, 0, 4); /* CRC: never read, the header is refused first */
    return 33;
}

/* A JPEG start and a baseline frame header claiming w x h. */
static size_t jpeg_header(unsigned char *out, unsigned w, unsigned h) {
    static const unsigned char head[] = {0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 'J', 'F',
                                         0xff, 0xc0, 0x00, 0x11, 0x08};
    memcpy(out, head, sizeof head);
    size_t n = sizeof head;
    out[n++] = (unsigned char)(h >> 8); out[n++] = (unsigned char)h;
    out[n++] = (unsigned char)(w >> 8); out[n++] = (unsigned char)w;
    memset(out + n, 0, 10);
    return n + 10;
}

static SDL_Surface *load_file(const char *path) {
    buf_t b = BUF_INIT;
    if (file_read(path, IMAGE_MAX_BYTES, &b, NULL) != 0) {
        buf_free(&b);
        return NULL;
    }
    const char *why = NULL;
    SDL_Surface *s = image_decode((const unsigned char *)b.data, b.len, &why);
    buf_free(&b);
    return s;
}

static image_kind_t kind_of_file(const char *path) {
    buf_t b = BUF_INIT;
    image_kind_t k = IMAGE_UNKNOWN;
    if (file_read(path, IMAGE_MAX_BYTES, &b, NULL) == 0)
        k = image_sniff((const unsigned char *)b.data, b.len);
    buf_free(&b);
    return k;
}

/* The RGBA of pixel (x, y). */
static void pixel_at(SDL_Surface *s, int x, int y, Uint8 rgba[4]) {
    SDL_Surface *c = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_RGBA32, 0);
    assert_non_null(c);
    memcpy(rgba, (Uint8 *)c->pixels + (size_t)y * c->pitch + 4 * x, 4);
    SDL_FreeSurface(c);
}

static int count_files(const char *dir, const char *suffix) {
    DIR *d = opendir(dir);
    if (!d) return 0;
    int n = 0;
    struct dirent *de;
    size_t sl = strlen(suffix);
    while ((de = readdir(d)) != NULL) {
        size_t l = strlen(de->d_name);
        if (l > sl && strcmp(de->d_name + l - sl, suffix) == 0) n++;
    }
    closedir(d);
    return n;
}

/* ---------------------------------------------------------------- units */

/* A URL's file is named after the first 128 bits of its SHA-256 (FIPS 180-4
 * vectors), as earlier builds named it: a cache survives an upgrade. */
static void test_cache_names(void **state) {
    (void)state;
    static const struct { const char *url, *file; } cases[] = {
        {"", "/c/e3b0c44298fc1c149afbf4c8996fb924.img"},
        {"abc", "/c/ba7816bf8f01cfea414140de5dae2223.img"},
        {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "/c/248d6a61d20638b8e5c026930c3e6039.img"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *f = image_cache_file("/c", cases[i].url);
        assert_string_equal(f, cases[i].file);
        free(f);
        char name[IMAGE_CACHE_NAME_HEX + 1];
        image_cache_name(cases[i].url, name);
        assert_memory_equal(name, cases[i].file + 3, IMAGE_CACHE_NAME_HEX);
        assert_int_equal(name[IMAGE_CACHE_NAME_HEX], '\0');
    }
}

static void test_gate(void **state) {
    (void)state;
    unsigned char h[64];
    int w = 0, ht = 0;
    /* Real files of each kind. */
    buf_t lossy = webp_bytes(321, 123, 0), lossless = webp_bytes(77, 55, 1);
    assert_int_equal(image_sniff((unsigned char *)lossy.data, lossy.len), IMAGE_WEBP);
    assert_null(image_check((unsigned char *)lossy.data, lossy.len, &w, &ht));
    assert_int_equal(w, 321);
    assert_int_equal(ht, 123);
    assert_null(image_check((unsigned char *)lossless.data, lossless.len, &w, &ht));
    assert_int_equal(w, 77);
    assert_int_equal(ht, 55);
    const char *why = NULL;
    SDL_Surface *s = image_decode((unsigned char *)lossless.data, lossless.len, &why);
    assert_non_null(s);
    assert_int_equal(s->w, 77);
    SDL_FreeSurface(s);
    buf_free(&lossy);
    buf_free(&lossless);
    /* VP8X: the canvas size, 24 bits each. */
    memset(h, 0, sizeof h);
    memcpy(h, "RIFF\x20\x00\x00\x00WEBPVP8X\x0a\x00\x00\x00", 20);
    h[24] = 0x3f; h[25] = 0x1f; /* width - 1 = 7999 */
    h[27] = 0x57; h[28] = 0x02; /* height - 1 = 599 */
    assert_null(image_check(h, 30, &w, &ht));
    assert_int_equal(w, 8000);
    assert_int_equal(ht, 600);
    /* Sizes from the header, refused before any decoding. */
    size_t n = png_header(h, 30000, 30000);
    assert_non_null(strstr(image_check(h, n, &w, &ht), "too large"));
    n = png_header(h, 5000, 5000); /* sides fine, 25 Mpx over the pixel cap */
    assert_non_null(strstr(image_check(h, n, &w, &ht), "too large"));
    n = png_header(h, 4000, 3000);
    assert_null(image_check(h, n, &w, &ht));
    assert_null(image_decode(h, n, &why)); /* a header alone does not decode */
    assert_non_null(strstr(why, "decoded"));
    n = jpeg_header(h, 9000, 100);
    assert_non_null(strstr(image_check(h, n, &w, &ht), "too large"));
    n = jpeg_header(h, 640, 480);
    assert_null(image_check(h, n, &w, &ht));
    assert_int_equal(w, 640);
    assert_int_equal(ht, 480);
    /* The type is the magic bytes'. */
    assert_non_null(strstr(image_check((const unsigned char *)"GIF89a\x10\x00\x10\x00", 10, &w, &ht),
                           "magic"));
    const char *html = "<!DOCTYPE html><html><body>Not found</body></html>";
    assert_non_null(strstr(image_check((const unsigned char *)html, strlen(html), &w, &ht), "magic"));
    const char *svg = "<svg xmlns='http://www.w3.org/2000/svg' width='9' height='9'/>";
    assert_non_null(strstr(image_check((const unsigned char *)svg, strlen(svg), &w, &ht), "magic"));
}

/* The cover box holds every image box layout.c makes on a 1920x1080 screen. */
static int measure(void *ctx, const char *text, int px, int bold) {
    (void)ctx;
    (void)bold;
    return (int)strlen(text) * px / 2;
}

static void test_cover_box_fits_layout(void **state) {
    (void)state;
    static const char *sizes[][2] = {{"1920", "1080"}, {"1080", "1920"}, {"1280", "720"},
                                     {"720", "1280"}, {"1366", "768"}};
    const char *points[] = {"One short point.", "Another short point.", "A third one."};
    int seen = 0;
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
        layout_input_t in = {.headline = "A headline", .points = points, .n_points = 3,
                             .meta = "Source", .show_image = 1};
        layout_t l;
        assert_int_equal(layout_slide(&in, atoi(sizes[i][0]), atoi(sizes[i][1]), measure, NULL, &l), 0);
        if (l.image.w > 0) seen++;
        assert_true(l.image.w <= IMGCACHE_COVER_W);
        assert_true(l.image.h <= IMGCACHE_COVER_H);
        layout_free(&l);
    }
    assert_true(seen >= 4);
}

static void test_put(void **state) {
    (void)state;
    char *dir = test_mkdtemp();
    buf_t why = BUF_INIT;
    long written = 0;
    /* A large photo is scaled once to just cover the box: 3000x2000 -> 1080x720. */
    save_jpeg(dir, "big.jpg", 3000, 2000, 1);
    char *src = path_join(dir, "big.jpg");
    buf_t data = BUF_INIT;
    assert_int_equal(file_read(src, IMAGE_MAX_BYTES, &data, NULL), 0);
    assert_int_equal(imgcache_put(dir, "https://a.test/big.jpg", (unsigned char *)data.data, data.len,
                                  NULL, &written, &why), 0);
    char *got = image_cache_file(dir, "https://a.test/big.jpg");
    SDL_Surface *s = load_file(got);
    assert_non_null(s);
    assert_int_equal(s->w, 1080);
    assert_int_equal(s->h, 720);
    assert_int_equal(kind_of_file(got), IMAGE_JPEG);
    struct stat stt;
    assert_int_equal(stat(got, &stt), 0);
    assert_int_equal((long)stt.st_size, written);
    assert_true(written < (long)data.len);
    SDL_FreeSurface(s);
    free(got);
    /* Never scaled up. */
    buf_reset(&data);
    save_jpeg(dir, "small.jpg", 300, 200, 2);
    free(src);
    src = path_join(dir, "small.jpg");
    assert_int_equal(file_read(src, IMAGE_MAX_BYTES, &data, NULL), 0);
    assert_int_equal(imgcache_put(dir, "https://a.test/small.jpg", (unsigned char *)data.data,
                                  data.len, NULL, &written, &why), 0);
    got = image_cache_file(dir, "https://a.test/small.jpg");
    s = load_file(got);
    assert_int_equal(s->w, 300);
    assert_int_equal(s->h, 200);
    SDL_FreeSurface(s);
    free(got);
    /* Area average, not nearest: a fine black/white checkerboard turns grey. */
    SDL_Surface *check = SDL_CreateRGBSurfaceWithFormat(0, 2160, 1216, 32, SDL_PIXELFORMAT_RGBA32);
    for (int y = 0; y < check->h; y++)
        for (int x = 0; x < check->w; x++) {
            Uint8 v = (x + y) % 2 ? 255 : 0;
            Uint8 *p = (Uint8 *)check->pixels + (size_t)y * check->pitch + 4 * x;
            p[0] = p[1] = p[2] = v;
            p[3] = 255;
        }
    char *check_path = path_join(dir, "check.png");
    assert_int_equal(IMG_SavePNG(check, check_path), 0);
    SDL_FreeSurface(check);
    buf_reset(&data);
    assert_int_equal(file_read(check_path, IMAGE_MAX_BYTES, &data, NULL), 0);
    assert_int_equal(imgcache_put(dir, "https://a.test/check.png", (unsigned char *)data.data,
                                  data.len, NULL, &written, &why), 0);
    got = image_cache_file(dir, "https://a.test/check.png");
    s = load_file(got);
    assert_int_equal(s->w, 1080);
    assert_int_equal(s->h, 608);
    Uint8 px[4];
    pixel_at(s, 500, 300, px);
    assert_in_range(px[0], 112, 144);
    SDL_FreeSurface(s);
    free(got);
    /* Transparency is kept: stored as PNG, the clear half stays clear. */
    SDL_Surface *alpha = make_picture(2000, 1000, 4);
    for (int y = 0; y < alpha->h; y++)
        for (int x = 0; x < alpha->w / 2; x++)
            ((Uint8 *)alpha->pixels)[(size_t)y * alpha->pitch + 4 * x + 3] = 0;
    char *alpha_path = path_join(dir, "alpha.png");
    assert_int_equal(IMG_SavePNG(alpha, alpha_path), 0);
    SDL_FreeSurface(alpha);
    buf_reset(&data);
    assert_int_equal(file_read(alpha_path, IMAGE_MAX_BYTES, &data, NULL), 0);
    assert_int_equal(imgcache_put(dir, "https://a.test/alpha.png", (unsigned char *)data.data,
                                  data.len, NULL, &written, &why), 0);
    got = image_cache_file(dir, "https://a.test/alpha.png");
    assert_int_equal(kind_of_file(got), IMAGE_PNG);
    s = load_file(got);
    assert_int_equal(s->w, 1216);
    pixel_at(s, 100, 300, px);
    assert_int_equal(px[3], 0);
    pixel_at(s, 1100, 300, px);
    assert_int_equal(px[3], 255);
    SDL_FreeSurface(s);
    free(got);
    /* WebP in, JPEG out. */
    buf_free(&data);
    data = webp_bytes(1600, 900, 0);
    assert_int_equal(imgcache_put(dir, "https://a.test/w.webp", (unsigned char *)data.data, data.len,
                                  NULL, &written, &why), 0);
    got = image_cache_file(dir, "https://a.test/w.webp");
    assert_int_equal(kind_of_file(got), IMAGE_JPEG);
    s = load_file(got);
    assert_int_equal(s->w, 1081); /* 1600 * 608/900, rounded */
    assert_int_equal(s->h, 608);
    SDL_FreeSurface(s);
    free(got);
    /* Broken: half a PNG is refused and leaves no file. */
    buf_reset(&data);
    assert_int_equal(file_read(check_path, IMAGE_MAX_BYTES, &data, NULL), 0);
    buf_reset(&why);
    assert_int_equal(imgcache_put(dir, "https://a.test/cut.png", (unsigned char *)data.data,
                                  data.len / 2, NULL, &written, &why), -1);
    assert_non_null(strstr(why.data, "decoded"));
    got = image_cache_file(dir, "https://a.test/cut.png");
    assert_int_equal(access(got, F_OK), -1);
    free(got);
    assert_null(image_cached_path("/nonexistent/store.db", "https://a.test/x.jpg"));
    assert_null(image_cached_path("/tmp/store.db", "file:///etc/passwd"));
    buf_free(&data);
    buf_free(&why);
    free(src);
    free(check_path);
    free(alpha_path);
    test_rmdir(dir);
}

static void test_dir_names(void **state) {
    (void)state;
    char *d = image_cache_dir("/var/lib/bulletin/bulletin.db");
    assert_string_equal(d, "/var/lib/bulletin/bulletin-images");
    free(d);
    d = image_cache_dir("store");
    assert_string_equal(d, "store-images");
    free(d);
    d = image_cache_dir("/a.b/.hidden");
    assert_string_equal(d, "/a.b/.hidden-images");
    free(d);
    char *f = image_cache_file("/c", "https://a.test/x.jpg");
    assert_int_equal(strlen(f), strlen("/c/") + 32 + 4);
    char *g = image_cache_file("/c", "https://a.test/y.jpg");
    assert_string_not_equal(f, g);
    free(f);
    free(g);
}

/* ---------------------------------------------------------------- end to end */

typedef test_fixture_t fixture_t;

/* Config text where "@" stands for the server's base URL. */
static void write_config(fixture_t *f, const char *display, const char *feeds) {
    buf_t head = BUF_INIT;
    buf_printf(&head,
               "[display]\n%s\n[store]\npath = %s\n[fetch]\ntimeout = 2s\nconnect_timeout = 2s\n"
               "stall_timeout = 1s\nparallel = 8\nhost_parallel = 8\npage_parallel = 4\n",
               display ? display : "", f->db);
    test_fixture_config(f, head.data, feeds);
    buf_free(&head);
}

/* An RSS feed served at /file/NAME: one item per image URL ("@" = base). */
static void write_feed(fixture_t *f, const char *name, const char *const *images, size_t n) {
    buf_t x = BUF_INIT;
    buf_puts(&x, "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel>"
                 "<title>Image test</title><link>https://news.test/</link>");
    for (size_t i = 0; i < n; i++) {
        buf_printf(&x, "<item><title>Ferry timetable change number %zu</title>"
                       "<link>https://news.test/story/%zu</link><guid>img-%zu</guid>"
                       "<pubDate>Mon, 10 Feb 2025 %02zu:00:00 GMT</pubDate>"
                       "<description>The harbour board changed the ferry timetable again.</description>"
                       "<enclosure url=\"", i, i, i, i % 24);
        for (const char *p = images[i]; *p; p++) {
            if (*p == '@') buf_puts(&x, f->http.base);
            else buf_append(&x, p, 1);
        }
        buf_puts(&x, "\" type=\"image/jpeg\" length=\"1\"/></item>");
    }
    buf_puts(&x, "</channel></rss>");
    write_bytes(f->files, name, x.data, x.len);
    buf_free(&x);
}

static void with_store(fixture_t *f, void (*fn)(fixture_t *, const config_t *, store_t *, void *),
                       void *arg) {
    config_t cfg;
    assert_int_equal(config_load(f->conf, &cfg), 0);
    assert_int_equal(cfg.n_errors, 0);
    store_t *store;
    assert_int_equal(store_open(cfg.store_path, &store), 0);
    fn(f, &cfg, store, arg);
    store_close(store);
    config_free(&cfg);
}

static void do_pass(fixture_t *f, const config_t *cfg, store_t *store, void *arg) {
    worker_stats_t st;
    worker_pass(cfg, store, *(time_t *)arg, 1, &st);
}

static void run_pass(fixture_t *f, time_t now) { with_store(f, do_pass, &now); }

static char *cache_path(fixture_t *f, const char *url_tmpl, const char *ext) {
    buf_t url = BUF_INIT;
    for (const char *p = url_tmpl; *p; p++) {
        if (*p == '@') buf_puts(&url, f->http.base);
        else buf_append(&url, p, 1);
    }
    char *dir = image_cache_dir(f->db);
    char *path = image_cache_file(dir, url.data);
    strcpy(path + strlen(path) - 4, ext);
    free(dir);
    buf_free(&url);
    return path;
}

/* Articles stored, and how many of them have an image URL. */
static void count_articles(fixture_t *f, long counts[2]) {
    sqlite3 *db;
    assert_int_equal(sqlite3_open_v2(f->db, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*), count(image) FROM articles", -1, &st,
                                        NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    counts[0] = (long)sqlite3_column_int64(st, 0);
    counts[1] = (long)sqlite3_column_int64(st, 1);
    sqlite3_finalize(st);
    sqlite3_close(db);
}

static void test_limits_end_to_end(void **state) {
    fixture_t *f = *state;
    save_jpeg(f->files, "good.jpg", 1600, 1200, 5);
    buf_t webp = webp_bytes(900, 600, 0);
    write_bytes(f->files, "good.webp", webp.data, webp.len);
    buf_free(&webp);
    const char *html = "<!DOCTYPE html><html><body><h1>Not an image</h1></body></html>";
    write_bytes(f->files, "page.html", html, strlen(html));
    write_bytes(f->files, "anim.gif", "GIF89a\x10\x00\x10\x00\x80\x00\x00", 13);
    unsigned char hdr[64];
    size_t n = png_header(hdr, 40000, 40000);
    write_bytes(f->files, "huge.png", hdr, n);
    /* Over the 8 MB cap, with a good JPEG start. */
    buf_t big = BUF_INIT;
    n = jpeg_header(hdr, 640, 480);
    buf_append(&big, hdr, n);
    while (big.len < IMAGE_MAX_BYTES + 4096) buf_append(&big, "\0\0\0\0\0\0\0\0", 8);
    write_bytes(f->files, "big.jpg", big.data, big.len);
    buf_free(&big);
    /* Half a real PNG. */
    SDL_Surface *pic = make_picture(800, 600, 6);
    char *full = path_join(f->files, "full.png");
    assert_int_equal(IMG_SavePNG(pic, full), 0);
    SDL_FreeSurface(pic);
    buf_t png = BUF_INIT;
    assert_int_equal(file_read(full, IMAGE_MAX_BYTES, &png, NULL), 0);
    write_bytes(f->files, "cut.png", png.data, png.len / 2);
    buf_free(&png);
    free(full);
    testhttpd_mode(&f->http, "bomb", "bomb", NULL);
    testhttpd_mode(&f->http, "drip", "drip", NULL);
    testhttpd_mode(&f->http, "tofile", "tofile", NULL);
    static const char *const images[] = {
        "@/file/good.jpg?ct=image/jpeg",     /* 0 cached */
        "@/file/good.webp?ct=image/webp",    /* 1 cached */
        "@/file/page.html?ct=image/jpeg",    /* 2 an error page said to be a JPEG */
        "@/file/anim.gif?ct=image/gif",      /* 3 not a type we show */
        "@/file/huge.png?ct=image/png",      /* 4 40000 x 40000 in its header */
        "@/file/big.jpg?ct=image/jpeg",      /* 5 over the byte cap */
        "@/f/bomb",                          /* 6 gzip: 32 MiB after decompression */
        "@/f/drip",                          /* 7 slower than the time limit */
        "@/file/cut.png?ct=image/png",       /* 8 truncated */
        "@/file/missing.jpg",                /* 9 404 */
        "@/f/tofile",                        /* 10 redirect to file:///etc/passwd */
        "ftp://127.0.0.1/x.jpg",             /* 11 not http(s): never stored */
        "file:///etc/hostname",              /* 12 likewise (the feed is not local) */
    };
    size_t n_images = sizeof images / sizeof *images;
    write_feed(f, "hostile.xml", images, n_images);
    write_config(f, NULL, "[feed \"Hostile\"]\nurl = @/file/hostile.xml?ct=application/rss+xml\n"
                          "fulltext = no\n");
    run_pass(f, T0);
    for (size_t i = 0; i < n_images; i++) {
        char *img = cache_path(f, images[i], ".img");
        char *bad = cache_path(f, images[i], ".bad");
        if (i <= 1) {
            SDL_Surface *s = load_file(img);
            assert_non_null(s);
            assert_true(s->w <= 1081 && s->h <= 810);
            SDL_FreeSurface(s);
            assert_int_equal(access(bad, F_OK), -1);
        } else {
            if (access(img, F_OK) == 0) fail_msg("image %zu (%s) was cached", i, images[i]);
            /* Fetched and refused: marked, so not fetched again for a while. */
            if (i <= 10 && access(bad, F_OK) != 0) fail_msg("image %zu has no failure mark", i);
        }
        free(img);
        free(bad);
    }
    /* Every article is kept; only the non-web URLs were never stored. */
    long counts[2];
    count_articles(f, counts);
    assert_int_equal(counts[0], (long)n_images);
    assert_int_equal(counts[1], (long)n_images - 2);
    /* The display finds the good ones through the store path alone. */
    buf_t url = BUF_INIT;
    buf_printf(&url, "%s/file/good.jpg?ct=image/jpeg", f->http.base);
    char *shown = image_cached_path(f->db, url.data);
    assert_non_null(shown);
    SDL_Surface *cover = image_load_cover(shown, 640, 480);
    assert_non_null(cover);
    SDL_FreeSurface(cover);
    free(shown);
    buf_free(&url);
    /* A second pass fetches neither the cached nor the refused again. */
    run_pass(f, T0 + 600);
    assert_int_equal(testhttpd_hits(&f->http, "/file/good.jpg", NULL), 1);
    assert_int_equal(testhttpd_hits(&f->http, "/file/page.html", NULL), 1);
    assert_int_equal(testhttpd_hits(&f->http, "/file/big.jpg", NULL), 1);
    /* After the retry time a failed one is tried once more. */
    run_pass(f, T0 + IMGCACHE_RETRY_S + 3600);
    assert_int_equal(testhttpd_hits(&f->http, "/file/page.html", NULL), 2);
    assert_int_equal(testhttpd_hits(&f->http, "/file/good.jpg", NULL), 1);
}

typedef struct {
    imgcache_opts_t opts;
    time_t now;
    imgcache_stats_t st;
} sync_arg_t;

/* The page's og:image stands in when the feed gives no image. */
static void test_og_image(void **state) {
    fixture_t *f = *state;
    save_jpeg(f->files, "og.jpg", 1400, 900, 7);
    buf_t page = BUF_INIT;
    buf_puts(&page, "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                    "<title>Quay reopens</title>"
                    "<meta property=\"og:image\" content=\"/file/og.jpg?ct=image/jpeg\"></head>"
                    "<body><article><h1>The old quay reopens after the winter storm</h1>");
    for (int i = 0; i < 8; i++)
        buf_printf(&page, "<p>Paragraph %d: the harbour board said the rebuilt quay would take the "
                          "first ferries on Monday, after five months of repairs to the stone wall "
                          "and the waiting room that the storm had flooded.</p>", i);
    buf_puts(&page, "</article></body></html>");
    write_bytes(f->files, "quay.html", page.data, page.len);
    buf_free(&page);
    buf_t feed = BUF_INIT;
    buf_printf(&feed, "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Quay</title>"
                      "<link>%s/</link><item><title>The old quay reopens</title>"
                      "<link>%s/file/quay.html?ct=text/html</link><guid>quay-1</guid>"
                      "<description>The quay reopens on Monday.</description></item></channel></rss>",
               f->http.base, f->http.base);
    write_bytes(f->files, "quay.xml", feed.data, feed.len);
    buf_free(&feed);
    write_config(f, NULL, "[feed \"Quay\"]\nurl = @/file/quay.xml?ct=application/rss+xml\n"
                          "fulltext = yes\n");
    run_pass(f, T0);
    char *img = cache_path(f, "@/file/og.jpg?ct=image/jpeg", ".img");
    SDL_Surface *s = load_file(img);
    if (!s) fail_msg("the page's og:image was not cached at %s", img);
    assert_int_equal(s->h, 694); /* 1400x900 -> 1080x694 */
    SDL_FreeSurface(s);
    free(img);
}

static void sync_with(fixture_t *f, const config_t *cfg, store_t *store, void *arg) {
    sync_arg_t *a = arg;
    assert_int_equal(imgcache_sync(cfg, store, a->now, &a->opts, &a->st), 0);
}

/* Every feed fetched fine 400 days on and nothing kept per feed: every
 * article is old enough to go (a failing feed would keep its last ones). */
static void prune_all(fixture_t *f, const config_t *cfg, store_t *store, void *arg) {
    time_t later = T0 + 400 * 86400;
    store_feed_t *feeds;
    size_t n;
    assert_int_equal(store_feed_list(store, &feeds, &n), 0);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(store_feed_success(store, feeds[i].id, later, NULL, NULL, NULL, later + 900), 0);
    store_feed_list_free(feeds, n);
    assert_int_equal(store_prune(store, later, 7 * 86400, 0), 0);
}

static void test_prune(void **state) {
    fixture_t *f = *state;
    const char *images[6];
    char names[6][64];
    for (int i = 0; i < 6; i++) {
        char file[32];
        snprintf(file, sizeof file, "p%d.jpg", i);
        save_jpeg(f->files, file, 1200, 800, i);
        snprintf(names[i], sizeof names[i], "@/file/%s", file);
        images[i] = names[i];
    }
    write_feed(f, "six.xml", images, 6);
    write_config(f, NULL, "[feed \"Six\"]\nurl = @/file/six.xml?ct=application/rss+xml\nfulltext = no\n");
    run_pass(f, T0);
    char *dir = image_cache_dir(f->db);
    assert_int_equal(count_files(dir, ".img"), 6);
    /* Files lost (a wiped card, say) come back; but not past the budget. */
    buf_t rm = BUF_INIT;
    buf_printf(&rm, "rm -f '%s'/*.img", dir);
    assert_int_equal(system(rm.data), 0);
    buf_free(&rm);
    sync_arg_t late = {.opts = {.deadline_ms = clock_mono_ms() - 1}, .now = T0};
    with_store(f, sync_with, &late);
    assert_int_equal(late.st.fetched, 0);
    assert_int_equal(count_files(dir, ".bad"), 0);
    sync_arg_t again = {.now = T0};
    with_store(f, sync_with, &again);
    assert_int_equal(again.st.cached, 6);
    assert_int_equal(count_files(dir, ".img"), 6);
    /* A stale temp file of a write that died goes; a fresh one stays. */
    char *stale = path_join(dir, "0123456789abcdef0123456789abcdef.img.tmp-AAAAAA");
    char *fresh = path_join(dir, "0123456789abcdef0123456789abcdef.img.tmp-BBBBBB");
    write_bytes(dir, "0123456789abcdef0123456789abcdef.img.tmp-AAAAAA", "x", 1);
    write_bytes(dir, "0123456789abcdef0123456789abcdef.img.tmp-BBBBBB", "x", 1);
    struct utimbuf old = {T0 - 3600, T0 - 3600};
    assert_int_equal(utime(stale, &old), 0);
    /* Under a cap of two and a half files, the newest two stay. */
    char *p5 = cache_path(f, images[5], ".img"), *p4 = cache_path(f, images[4], ".img");
    char *p3 = cache_path(f, images[3], ".img");
    struct stat s5, s4;
    assert_int_equal(stat(p5, &s5), 0);
    assert_int_equal(stat(p4, &s4), 0);
    long cap = (long)(s5.st_size + s4.st_size + s4.st_size / 2);
    sync_arg_t a = {.opts = {.max_total_bytes = cap}, .now = T0};
    with_store(f, sync_with, &a);
    assert_int_equal(a.st.files, 2);
    assert_int_equal(a.st.pruned, 4);
    assert_int_equal(a.st.fetched, 0); /* what the cap dropped is not fetched again */
    assert_true(a.st.total_bytes <= cap);
    assert_int_equal(access(p5, F_OK), 0);
    assert_int_equal(access(p4, F_OK), 0);
    assert_int_equal(access(p3, F_OK), -1);
    assert_int_equal(access(stale, F_OK), -1);
    assert_int_equal(access(fresh, F_OK), 0);
    /* Articles pruned: their images go with them. */
    with_store(f, prune_all, NULL);
    a = (sync_arg_t){.now = T0};
    with_store(f, sync_with, &a);
    assert_int_equal(a.st.files, 0);
    assert_int_equal(a.st.pruned, 2);
    assert_int_equal(count_files(dir, ".img"), 0);
    free(p5);
    free(p4);
    free(p3);
    free(stale);
    free(fresh);
    free(dir);
}

/* Every NAME.img in dir decodes; returns how many there are. */
static int check_all_decode(const char *dir) {
    DIR *d = opendir(dir);
    if (!d) return 0;
    int n = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        size_t l = strlen(de->d_name);
        if (l < 4 || strcmp(de->d_name + l - 4, ".img") != 0) continue;
        char *p = path_join(dir, de->d_name);
        SDL_Surface *s = load_file(p);
        if (!s) fail_msg("%s does not decode", p);
        SDL_FreeSurface(s);
        free(p);
        n++;
    }
    closedir(d);
    return n;
}

static int has_temp(const char *dir) {
    DIR *d = opendir(dir);
    if (!d) return 0;
    int found = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL)
        if (strstr(de->d_name, ".tmp-")) found = 1;
    closedir(d);
    return found;
}

static void test_kill_during_writes(void **state) {
    fixture_t *f = *state;
    for (int i = 0; i < 4; i++) {
        char name[32];
        snprintf(name, sizeof name, "img-%d.jpg", i);
        save_jpeg(f->files, name, 2400, 1600, i);
    }
    buf_t feeds = BUF_INIT;
    for (int i = 0; i < 20; i++)
        buf_printf(&feeds, "[feed \"K%d\"]\nurl = @/f/k%d\nfulltext = no\n", i, i);
    write_config(f, NULL, feeds.data);
    buf_free(&feeds);
    char *dir = image_cache_dir(f->db);
    assert_int_equal(mkdir(dir, 0755), 0);
    /* Each round starts a worker and kills it (-9, as a power cut would)
     * the moment it creates its k-th file in the cache: while that file is
     * being written. */
    static const int kill_at[] = {1, 2, 5, 12, 25, 40, 60, 80};
    int rounds = (int)(sizeof kill_at / sizeof *kill_at), mid_write = 0;
    for (int round = 0; round < rounds; round++) {
        int in = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
        assert_true(in >= 0);
        assert_true(inotify_add_watch(in, dir, IN_CREATE) >= 0);
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            int null = open("/dev/null", O_WRONLY);
            dup2(null, 2);
            execl(test_bin(), test_bin(), "fetch", "--once", "--force", "--config", f->conf,
                  (char *)NULL);
            _exit(127);
        }
        int status, created = 0, done = 0;
        while (!done && created < kill_at[round]) {
            struct pollfd pfd = {.fd = in, .events = POLLIN};
            if (poll(&pfd, 1, 50) > 0) {
                char ev[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
                ssize_t len = read(in, ev, sizeof ev);
                for (char *p = ev; len > 0 && p < ev + len;) {
                    const struct inotify_event *e = (const struct inotify_event *)p;
                    if (e->len && !strstr(e->name, ".bad")) created++;
                    p += sizeof *e + e->len;
                }
            }
            if (waitpid(pid, &status, WNOHANG) == pid) done = 1;
        }
        if (!done) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            if (has_temp(dir)) mid_write++;
        }
        close(in);
        check_all_decode(dir);
    }
    /* A last run completes: 100 images, all decodable; what died half way
     * left at most temp files, which the display never loads. */
    buf_t args = BUF_INIT;
    buf_printf(&args, "fetch --once --force --config %s", f->conf);
    assert_int_equal(test_run(args.data, NULL, NULL), 0);
    buf_free(&args);
    assert_int_equal(check_all_decode(dir), 100);
    print_message("kill -9 rounds that stopped a write half way (a temp file left): %d of %d\n",
                  mid_write, rounds);
    free(dir);
}

static void test_golden_remote_image(void **state) {
    fixture_t *f = *state;
    buf_t cmd = BUF_INIT;
    buf_printf(&cmd, "cp feeds/demo/images/port.png '%s/port.png'", f->files);
    assert_int_equal(system(cmd.data), 0);
    static const char *const images[] = {"@/file/port.png?ct=image/png"};
    write_feed(f, "golden.xml", images, 1);
    char cwd[512];
    assert_non_null(getcwd(cwd, sizeof cwd));
    buf_t display = BUF_INIT;
    buf_printf(&display, "qr = no\nclock = yes\nmax_age = 3650d\nfonts = %s/fonts", cwd);
    write_config(f, display.data, "[feed \"Harbour Post\"]\nurl = @/file/golden.xml?ct=application/rss+xml\n"
                                  "fulltext = no\naccent = #2f8f6f\n");
    buf_free(&display);
    buf_reset(&cmd);
    buf_printf(&cmd, "fetch --once --config %s", f->conf);
    assert_int_equal(test_run(cmd.data, NULL, NULL), 0);
    char *img = cache_path(f, images[0], ".img");
    assert_int_equal(access(img, R_OK), 0);
    int update = getenv("UPDATE_GOLDEN") && strcmp(getenv("UPDATE_GOLDEN"), "1") == 0;
    char *got = path_join(f->dir, "remote.png");
    buf_reset(&cmd);
    buf_printf(&cmd, "shot --config %s --out %s --size 1280x720 --now " NOW, f->conf,
               update ? GOLDEN : got);
    setenv("TZ", "UTC", 1);
    assert_int_equal(test_run(cmd.data, NULL, NULL), 0);
    if (!update) {
        int bad = test_png_diff_per_mille(GOLDEN, got, 24);
        if (bad > 3)
            fail_msg("%s differs from %s in %d per mille (UPDATE_GOLDEN=1 to accept)", got, GOLDEN,
                     bad);
    }
    /* A damaged cache file drops the image box, never the slide. */
    write_bytes(f->dir, "junk", "this is not an image at all", 27);
    buf_t cp = BUF_INIT;
    buf_printf(&cp, "cp '%s/junk' '%s'", f->dir, img);
    assert_int_equal(system(cp.data), 0);
    buf_free(&cp);
    char *without = path_join(f->dir, "without.png");
    buf_reset(&cmd);
    buf_printf(&cmd, "shot --config %s --out %s --size 1280x720 --now " NOW, f->conf, without);
    assert_int_equal(test_run(cmd.data, NULL, NULL), 0);
    assert_true(test_png_diff_per_mille(GOLDEN, without, 24) > 3);
    SDL_Surface *s = IMG_Load(without);
    assert_non_null(s);
    Uint8 px[4], bg[4];
    pixel_at(s, 1000, 400, px); /* where the image was */
    pixel_at(s, 5, 400, bg);
    assert_memory_equal(px, bg, 3);
    SDL_FreeSurface(s);
    free(without);
    free(got);
    free(img);
    buf_free(&cmd);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cache_names),
        cmocka_unit_test(test_gate),
        cmocka_unit_test(test_cover_box_fits_layout),
        cmocka_unit_test(test_put),
        cmocka_unit_test(test_dir_names),
        cmocka_unit_test_setup_teardown(test_limits_end_to_end, test_fixture_setup_files, test_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_og_image, test_fixture_setup_files, test_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_prune, test_fixture_setup_files, test_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_kill_during_writes, test_fixture_setup_files, test_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_golden_remote_image, test_fixture_setup_files, test_fixture_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
