/* test_e2e.c - the whole road once: the demo config -> fetch -> store ->
 * `bulletin shot` -> a PNG compared against a golden image; and the bad
 * inputs every stage must refuse with a clear message and exit status 1.
 *
 * The golden is rendered by SDL's software renderer on a surface, which is
 * byte-stable; a small tolerance absorbs FreeType differences between
 * library builds. UPDATE_GOLDEN=1 rewrites it (look at it before committing).
 */
#include "testutil.h"

#include <SDL.h>
#include <SDL_image.h>
#include <limits.h>
#include <sqlite3.h>

/* 2026-11-22T12:00:00Z: after every demo item, so nothing is clamped. */
#define DEMO_NOW "1795348800"
#define GOLDEN "tests/golden/e2e-1920x1080.png"

typedef struct {
    char *dir;
    char *config;
} scratch_t;

/* A copy of feeds/demo.conf with absolute feed paths and a scratch store. */
static int scratch_setup(void **state) {
    scratch_t *s = xcalloc(1, sizeof *s);
    s->dir = test_mkdtemp();
    char cwd[PATH_MAX];
    if (!s->dir || !getcwd(cwd, sizeof cwd)) return -1;
    buf_t conf = BUF_INIT, path = BUF_INIT;
    buf_printf(&conf,
               "[display]\nrotate = 20\nmax_age = 48h\nclock = no\nqr = yes\n"
               "[store]\npath = %s/store.db\n"
               "[feed \"The Harbour Herald\"]\nurl = %s/feeds/demo/harbour-herald.xml\n"
               "accent = #4aa3ff\n"
               "[feed \"Northern Wire\"]\nurl = %s/feeds/demo/northern-wire.xml\n"
               "accent = #f0a030\n"
               "[feed \"The Civic Ledger\"]\nurl = %s/feeds/demo/civic-ledger.atom\n"
               "accent = #5cc98a\n",
               s->dir, cwd, cwd, cwd);
    buf_printf(&path, "%s/demo.conf", s->dir);
    if (file_write_atomic(path.data, conf.data, conf.len) != 0) return -1;
    s->config = buf_detach(&path);
    buf_free(&conf);
    *state = s;
    return 0;
}

static int scratch_teardown(void **state) {
    scratch_t *s = *state;
    test_rmdir(s->dir);
    free(s->config);
    free(s);
    return 0;
}

static int run_fmt(buf_t *out, buf_t *err, const char *fmt, ...) {
    buf_t args = BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&args, fmt, ap);
    va_end(ap);
    int rc = test_run(args.data, out, err);
    buf_free(&args);
    return rc;
}

/* Share of pixels whose colour differs by more than 24 in some channel. */
static double pixel_difference(SDL_Surface *a, SDL_Surface *b) {
    if (a->w != b->w || a->h != b->h) return 1.0;
    SDL_Surface *ca = SDL_ConvertSurfaceFormat(a, SDL_PIXELFORMAT_RGBA32, 0);
    SDL_Surface *cb = SDL_ConvertSurfaceFormat(b, SDL_PIXELFORMAT_RGBA32, 0);
    long differ = 0;
    for (int y = 0; y < ca->h; y++) {
        const Uint8 *ra = (const Uint8 *)ca->pixels + y * ca->pitch;
        const Uint8 *rb = (const Uint8 *)cb->pixels + y * cb->pitch;
        for (int x = 0; x < ca->w * 4; x += 4)
            for (int c = 0; c < 3; c++)
                if (abs(ra[x + c] - rb[x + c]) > 24) {
                    differ++;
                    break;
                }
    }
    double share = (double)differ / ((double)ca->w * ca->h);
    SDL_FreeSurface(ca);
    SDL_FreeSurface(cb);
    return share;
}

/* Pixels in the rectangle that differ from its top-left corner's colour. */
static long ink_in(SDL_Surface *s, int x0, int y0, int w, int h) {
    SDL_Surface *c = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_RGBA32, 0);
    const Uint8 *bg = (const Uint8 *)c->pixels + y0 * c->pitch + x0 * 4;
    Uint8 bgc[3] = {bg[0], bg[1], bg[2]};
    long ink = 0;
    for (int y = y0; y < y0 + h; y++)
        for (int x = x0; x < x0 + w; x++) {
            const Uint8 *p = (const Uint8 *)c->pixels + y * c->pitch + x * 4;
            if (abs(p[0] - bgc[0]) + abs(p[1] - bgc[1]) + abs(p[2] - bgc[2]) > 60) ink++;
        }
    SDL_FreeSurface(c);
    return ink;
}

static void demo_fetch_store_and_shot(void **state) {
    scratch_t *s = *state;
    buf_t out = BUF_INIT, err = BUF_INIT;
    assert_int_equal(run_fmt(&out, &err, "fetch --once --config %s --now " DEMO_NOW, s->config), 0);

    /* The store holds every demo article and healthy feeds. */
    buf_reset(&out);
    assert_int_equal(run_fmt(&out, &err, "status --json --config %s", s->config), 0);
    assert_non_null(strstr(out.data, "\"failures\":\t0"));
    assert_null(strstr(out.data, "\"failures\":\t1"));
    const char *articles = strstr(out.data, "\"articles\":");
    assert_non_null(articles);
    assert_true(atoi(articles + strlen("\"articles\":")) >= 12);

    /* A second pass changes nothing: the same items are not stored twice. */
    buf_reset(&out);
    assert_int_equal(
        run_fmt(&out, &err, "fetch --once --force --config %s --now " DEMO_NOW, s->config), 0);
    buf_reset(&out);
    run_fmt(&out, &err, "status --json --config %s", s->config);
    assert_int_equal(atoi(strstr(out.data, "\"articles\":") + strlen("\"articles\":")),
                     atoi(articles + strlen("\"articles\":")));

    /* Slides at both sizes the issue names; the headline area has ink. */
    const char *sizes[] = {"1920x1080", "1280x720"};
    for (int i = 0; i < 2; i++) {
        buf_t png = BUF_INIT;
        buf_printf(&png, "%s/slide-%s.png", s->dir, sizes[i]);
        assert_int_equal(run_fmt(&out, &err, "shot --config %s --out %s --size %s --now " DEMO_NOW,
                                 s->config, png.data, sizes[i]),
                         0);
        SDL_Surface *img = IMG_Load(png.data);
        assert_non_null(img);
        long ink = ink_in(img, 0, img->h / 10, img->w, img->h / 4);
        if (ink < (long)img->w * img->h / 400)
            fail_msg("headline area of %s is nearly blank (%ld pixels)", png.data, ink);
        if (i == 0) {
            if (getenv("UPDATE_GOLDEN")) {
                assert_int_equal(IMG_SavePNG(img, GOLDEN), 0);
            } else {
                SDL_Surface *golden = IMG_Load(GOLDEN);
                if (!golden) fail_msg("no golden %s (make it with UPDATE_GOLDEN=1)", GOLDEN);
                double d = pixel_difference(img, golden);
                if (d > 0.005)
                    fail_msg("%s differs from %s in %.2f%% of pixels", png.data, GOLDEN, d * 100);
                SDL_FreeSurface(golden);
            }
        }
        SDL_FreeSurface(img);
        buf_free(&png);
    }
    buf_free(&out);
    buf_free(&err);
}

/* One broken feed among good ones: the pass goes on, the error is kept
 * with the feed, what was stored before stays, and the exit status says so. */
static void broken_feed_is_recorded_and_nothing_is_lost(void **state) {
    scratch_t *s = *state;
    buf_t out = BUF_INIT, err = BUF_INIT, conf = BUF_INIT, path = BUF_INIT;
    assert_int_equal(run_fmt(&out, &err, "fetch --once --config %s --now " DEMO_NOW, s->config), 0);
    buf_reset(&out);
    run_fmt(&out, &err, "status --json --config %s", s->config);
    int before = atoi(strstr(out.data, "\"articles\":") + strlen("\"articles\":"));

    buf_printf(&path, "%s/not-a-feed.xml", s->dir);
    assert_int_equal(file_write_atomic(path.data, "this is not xml at all", 22), 0);
    char *orig = test_slurp(s->config);
    buf_printf(&conf, "%s[feed \"Broken\"]\nurl = %s\n[feed \"Missing\"]\nurl = %s/nope.xml\n",
               orig, path.data, s->dir);
    free(orig);
    assert_int_equal(file_write_atomic(s->config, conf.data, conf.len), 0);
    buf_reset(&err);
    assert_int_equal(
        run_fmt(&out, &err, "fetch --once --force --config %s --now " DEMO_NOW, s->config), 1);
    assert_non_null(strstr(err.data, "Broken"));
    assert_non_null(strstr(err.data, "Missing"));
    buf_reset(&out);
    assert_int_equal(run_fmt(&out, &err, "status --json --config %s", s->config), 0);
    assert_int_equal(atoi(strstr(out.data, "\"articles\":") + strlen("\"articles\":")), before);
    assert_non_null(strstr(out.data, "not a readable feed"));
    buf_free(&out);
    buf_free(&err);
    buf_free(&conf);
    buf_free(&path);
}

static void bad_inputs_exit_1_with_a_message(void **state) {
    scratch_t *s = *state;
    buf_t out = BUF_INIT, err = BUF_INIT, args = BUF_INIT;
    struct {
        const char *args;
        const char *expect; /* in stderr */
    } cases[] = {
        {"fetch --once --config /nonexistent/bulletin.conf", "cannot read config"},
        {"shot --out /tmp/x.png --config /nonexistent/bulletin.conf", "cannot read config"},
        {"feed /nonexistent/feed.xml", "nonexistent"},
        {"extract /nonexistent/page.html", "nonexistent"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        buf_reset(&err);
        assert_int_equal(test_run(cases[i].args, &out, &err), 1);
        if (!strstr(err.data, cases[i].expect))
            fail_msg("'%s' said: %s", cases[i].args, err.data);
    }
    /* A feed that is not XML, an empty article page. */
    buf_printf(&args, "%s/junk.xml", s->dir);
    file_write_atomic(args.data, "{{ not a feed", 13);
    buf_reset(&err);
    assert_int_equal(run_fmt(&out, &err, "feed %s", args.data), 1);
    assert_true(err.len > 0);
    buf_reset(&args);
    buf_printf(&args, "%s/empty.html", s->dir);
    file_write_atomic(args.data, "", 0);
    buf_reset(&err);
    assert_int_equal(run_fmt(&out, &err, "extract %s", args.data), 1);
    assert_true(err.len > 0);
    /* Usage errors are 2. */
    assert_int_equal(test_run("shot --size 12 --out /tmp/x.png", &out, &err), 2);
    assert_int_equal(test_run("run --window banana", &out, &err), 2);
    buf_free(&out);
    buf_free(&err);
    buf_free(&args);
}

/* An empty store still gives a readable slide: "No news yet". */
/* A Russian feed in KOI8-R with no charset declaration anywhere (issue
 * 13): feed -> store -> `bulletin shot`, against a golden slide. The store
 * must hold the Cyrillic text (not mojibake) and the slide must show it. */
#define GOLDEN_KOI8R "tests/golden/koi8r-feed-1920x1080.png"
static void koi8r_feed_slide(void **state) {
    scratch_t *s = *state;
    char cwd[PATH_MAX];
    assert_non_null(getcwd(cwd, sizeof cwd));
    buf_t out = BUF_INIT, err = BUF_INIT, conf = BUF_INIT, path = BUF_INIT;
    buf_printf(&conf,
               "[display]\nrotate = 20\nmax_age = 48h\nclock = no\nqr = no\n"
               "[store]\npath = %s/ru.db\n"
               "[feed \"Речной вестник\"]\nurl = %s/tests/data/feeds/enc/ru-slide.koi8r-nodecl.xml\n"
               "accent = #e05050\n",
               s->dir, cwd);
    buf_printf(&path, "%s/ru.conf", s->dir);
    assert_int_equal(file_write_atomic(path.data, conf.data, conf.len), 0);
    assert_int_equal(run_fmt(&out, &err, "fetch --once --config %s --now " DEMO_NOW, path.data), 0);
    buf_t png = BUF_INIT;
    buf_printf(&png, "%s/ru-1920x1080.png", s->dir);
    assert_int_equal(run_fmt(&out, &err, "shot --config %s --out %s --size 1920x1080 --now " DEMO_NOW,
                             path.data, png.data),
                     0);
    SDL_Surface *img = IMG_Load(png.data);
    assert_non_null(img);
    long ink = ink_in(img, 0, img->h / 10, img->w, img->h / 4);
    if (ink < (long)img->w * img->h / 400) fail_msg("headline area of %s is nearly blank", png.data);
    if (getenv("UPDATE_GOLDEN")) {
        assert_int_equal(IMG_SavePNG(img, GOLDEN_KOI8R), 0);
    } else {
        SDL_Surface *golden = IMG_Load(GOLDEN_KOI8R);
        if (!golden) fail_msg("no golden %s (make it with UPDATE_GOLDEN=1)", GOLDEN_KOI8R);
        double d = pixel_difference(img, golden);
        if (d > 0.005) fail_msg("%s differs from %s in %.2f%% of pixels", png.data, GOLDEN_KOI8R, d * 100);
        SDL_FreeSurface(golden);
    }
    SDL_FreeSurface(img);
    /* the headline went into the store as UTF-8 Cyrillic */
    buf_reset(&out);
    assert_int_equal(run_fmt(&out, &err, "status --json --config %s", path.data), 0);
    assert_non_null(strstr(out.data, "\"articles\":\t1"));
    buf_t db = BUF_INIT;
    buf_printf(&db, "%s/ru.db", s->dir);
    sqlite3 *h;
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_open(db.data, &h), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(h, "SELECT title FROM articles", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "Новый мост через Волгу откроют весной");
    sqlite3_finalize(st);
    sqlite3_close(h);
    buf_free(&db);
    buf_free(&png);
    buf_free(&out);
    buf_free(&err);
    buf_free(&conf);
    buf_free(&path);
}

static void empty_store_shows_no_news_slide(void **state) {
    scratch_t *s = *state;
    buf_t out = BUF_INIT, err = BUF_INIT, png = BUF_INIT, conf = BUF_INIT, path = BUF_INIT;
    buf_printf(&path, "%s/empty.conf", s->dir);
    buf_printf(&conf, "[store]\npath = %s/empty.db\n[display]\nclock = no\n", s->dir);
    file_write_atomic(path.data, conf.data, conf.len);
    buf_printf(&png, "%s/empty.png", s->dir);
    assert_int_equal(run_fmt(&out, &err, "shot --config %s --out %s --size 1280x720", path.data,
                             png.data),
                     0);
    SDL_Surface *img = IMG_Load(png.data);
    assert_non_null(img);
    assert_true(ink_in(img, 0, img->h / 10, img->w, img->h / 4) > 500);
    SDL_FreeSurface(img);
    buf_free(&out);
    buf_free(&err);
    buf_free(&png);
    buf_free(&conf);
    buf_free(&path);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(demo_fetch_store_and_shot, scratch_setup, scratch_teardown),
        cmocka_unit_test_setup_teardown(broken_feed_is_recorded_and_nothing_is_lost, scratch_setup,
                                        scratch_teardown),
        cmocka_unit_test_setup_teardown(bad_inputs_exit_1_with_a_message, scratch_setup,
                                        scratch_teardown),
        cmocka_unit_test_setup_teardown(koi8r_feed_slide, scratch_setup, scratch_teardown),
        cmocka_unit_test_setup_teardown(empty_store_shows_no_news_slide, scratch_setup,
                                        scratch_teardown),
    };
    return cmocka_run_group_tests_name("e2e", tests, NULL, NULL);
}
