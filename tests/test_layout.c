/* test_layout.c - layout_slide's invariants over many random stories and
 * screen sizes, with a fake measurer (every character as wide as 0.55 px,
 * bold wider) and with the real fonts (render_measure on a software
 * renderer): boxes inside the safe area and not overlapping, every line
 * inside its box, no font below its floor, points dropped rather than clipped.
 */
#include "testutil.h"

#include <SDL.h>

#include "layout.h"
#include "render.h"

static int fake_measure(void *ctx, const char *text, int px, int bold) {
    (void)ctx;
    size_t chars = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        if ((*p & 0xc0) != 0x80) chars++;
    return (int)(chars * (size_t)px * (bold ? 60 : 55) / 100);
}

static const char *const words[] = {"harbour", "council", "a", "of", "the", "Приморский",
                                    "γέφυρα", "ferry", "timetable", "storm", "budget", "2,400",
                                    "£3.5 billion", "Merrowgate", "agreement", "residents",
                                    "extraordinarily", "to", "and", "العامة", "שלום"};

static char *random_text(unsigned *seed, int min_words, int max_words) {
    buf_t b = BUF_INIT;
    int n = min_words + (int)(rand_r(seed) % (unsigned)(max_words - min_words + 1));
    for (int i = 0; i < n; i++)
        buf_printf(&b, "%s%s", i ? " " : "", words[rand_r(seed) % (sizeof words / sizeof *words)]);
    return buf_detach(&b);
}

static const int sizes[][2] = {{1280, 720}, {1920, 1080}, {3840, 2160}, {1080, 1920},
                               {1366, 768}, {2560, 1440}, {720, 1280},  {1024, 768}};

static void check_many(layout_measure_fn measure, void *ctx, int rounds) {
    unsigned seed = 12345;
    for (int round = 0; round < rounds; round++) {
        char *headline = random_text(&seed, 1, 60);
        size_t n_points = rand_r(&seed) % 6;
        char *points[5];
        for (size_t i = 0; i < n_points; i++) points[i] = random_text(&seed, 3, 70);
        char *meta = random_text(&seed, 1, 12);
        layout_input_t in = {.headline = headline,
                             .points = (const char *const *)points,
                             .n_points = n_points,
                             .meta = meta,
                             .clock = rand_r(&seed) % 2 ? "09:41" : NULL,
                             .show_qr = (int)(rand_r(&seed) % 2),
                             .show_image = (int)(rand_r(&seed) % 2)};
        const int *size = sizes[round % (sizeof sizes / sizeof *sizes)];
        layout_t l;
        assert_int_equal(layout_slide(&in, size[0], size[1], measure, ctx, &l), 0);
        char why[256] = "";
        if (layout_check(&l, size[0], size[1], why, sizeof why) != 0)
            fail_msg("%dx%d round %d: %s", size[0], size[1], round, why);
        /* Something to read: the headline, and a first point when there is one
         * of reasonable length. */
        size_t headline_lines = 0;
        for (size_t i = 0; i < l.n_lines; i++) headline_lines += l.lines[i].role == LAYOUT_HEADLINE;
        assert_true(headline_lines >= 1 && headline_lines <= 3);
        if (n_points > 0 && strlen(points[0]) < 200) assert_true(l.n_points_shown >= 1);
        assert_true(l.n_points_shown <= n_points);
        layout_free(&l);
        free(headline);
        free(meta);
        for (size_t i = 0; i < n_points; i++) free(points[i]);
    }
}

static void invariants_fake_measure(void **state) {
    (void)state;
    check_many(fake_measure, NULL, 2000);
}

static void invariants_real_fonts(void **state) {
    (void)state;
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 64, 64, 32, SDL_PIXELFORMAT_ARGB8888);
    assert_non_null(s);
    SDL_Renderer *r = SDL_CreateSoftwareRenderer(s);
    assert_non_null(r);
    render_t *rd;
    assert_int_equal(render_open(r, "fonts", "dark", &rd), 0);
    check_many(render_measure, rd, 150);
    render_close(rd);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(s);
}

/* The checker itself rejects broken layouts. */
static void check_rejects(void **state) {
    (void)state;
    const char *points[] = {"One point that is short."};
    layout_input_t in = {.headline = "A headline", .points = points, .n_points = 1, .meta = "Src"};
    layout_t l;
    char why[256];
    assert_int_equal(layout_slide(&in, 1920, 1080, fake_measure, NULL, &l), 0);
    assert_int_equal(layout_check(&l, 1920, 1080, why, sizeof why), 0);
    l.points.y = l.headline.y; /* overlap */
    assert_int_equal(layout_check(&l, 1920, 1080, why, sizeof why), -1);
    layout_free(&l);
    assert_int_equal(layout_slide(&in, 1920, 1080, fake_measure, NULL, &l), 0);
    l.lines[l.n_lines - 1].px = 4; /* below the floor */
    assert_int_equal(layout_check(&l, 1920, 1080, why, sizeof why), -1);
    layout_free(&l);
    assert_int_equal(layout_slide(&in, 1920, 1080, fake_measure, NULL, &l), 0);
    assert_int_equal(layout_check(&l, 1280, 720, why, sizeof why), -1); /* another screen */
    layout_free(&l);
}

/* Too much text: points go before any text is clipped, the headline is cut
 * at a word with an ellipsis. */
static void overflow_drops_points(void **state) {
    (void)state;
    buf_t huge = BUF_INIT;
    for (int i = 0; i < 80; i++) buf_puts(&huge, "storm surge warning ");
    const char *points[] = {huge.data, huge.data, huge.data, huge.data, huge.data};
    layout_input_t in = {.headline = huge.data, .points = points, .n_points = 5, .meta = "X"};
    layout_t l;
    char why[256];
    assert_int_equal(layout_slide(&in, 1280, 720, fake_measure, NULL, &l), 0);
    assert_int_equal(layout_check(&l, 1280, 720, why, sizeof why), 0);
    assert_true(l.n_points_shown < 5);
    int ellipsis = 0;
    for (size_t i = 0; i < l.n_lines; i++)
        if (l.lines[i].role == LAYOUT_HEADLINE && strstr(l.lines[i].text, "\xe2\x80\xa6")) ellipsis = 1;
    assert_true(ellipsis);
    layout_free(&l);
    buf_free(&huge);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(invariants_fake_measure),
        cmocka_unit_test(invariants_real_fonts),
        cmocka_unit_test(check_rejects),
        cmocka_unit_test(overflow_drops_points),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
