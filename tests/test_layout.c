/* test_layout.c - layout_slide's invariants over many random stories and
 * screen sizes, with a fake measurer (every character as wide as 0.55 px,
 * bold wider) and with the real fonts (render_measure on a software
 * renderer): boxes inside the safe area and not overlapping, every line
 * inside its box, no font below its floor, points dropped rather than clipped.
 */
#include "testutil.h"

#include <SDL.h>

#include "layout_internal.h"
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

/* Like fake_measure, CJK characters a full em wide; counts its calls and
 * the bytes it measured (the layout's work). */
typedef struct {
    long calls, bytes;
} counter_t;

static int cjk_measure(void *ctx, const char *text, int px, int bold) {
    counter_t *c = ctx;
    if (c) c->calls++, c->bytes += (long)strlen(text);
    long w = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if ((*p & 0xc0) == 0x80) continue;
        w += *p >= 0xe3 ? px : px * (bold ? 60 : 55) / 100;
    }
    return (int)w;
}

static int has_role_line(const layout_t *l, enum layout_role role, const char *text) {
    for (size_t i = 0; i < l->n_lines; i++)
        if (l->lines[i].role == role && strcmp(l->lines[i].text, text) == 0) return 1;
    return 0;
}

/* Japanese wraps between characters (no spaces to break at), never inside
 * a Latin word, and no line starts with a closing mark. */
static void cjk_wraps_between_characters(void **state) {
    (void)state;
    const char *headline = "港の新しい旅客ターミナルが完成、Merrowgate市は来月から国際フェリーの"
                           "受け入れを始めると発表した";
    const char *points[] = {"新ターミナルには待合室と売店があり、一日に三千人の乗客を受け入れる"
                            "ことができる。市によると、建設費は予定より一割少なかった。"};
    layout_input_t in = {.headline = headline, .points = points, .n_points = 1, .meta = "港湾新聞"};
    layout_t l;
    char why[256];
    assert_int_equal(layout_slide(&in, 1280, 720, cjk_measure, NULL, &l), 0);
    assert_int_equal(layout_check(&l, 1280, 720, why, sizeof why), 0);
    int headline_lines = 0, point_lines = 0, whole_word = 0;
    buf_t joined = BUF_INIT;
    for (size_t i = 0; i < l.n_lines; i++) {
        const layout_line_t *ln = &l.lines[i];
        if (ln->role != LAYOUT_HEADLINE && ln->role != LAYOUT_POINT) continue;
        if (ln->role == LAYOUT_HEADLINE) {
            headline_lines++;
            buf_puts(&joined, ln->text);
        } else {
            point_lines++;
        }
        if (strstr(ln->text, "Merrowgate")) whole_word = 1;
        assert_true(strncmp(ln->text, "、", 3) != 0 && strncmp(ln->text, "。", 3) != 0);
    }
    assert_true(headline_lines >= 2);
    assert_true(point_lines >= 2);
    assert_true(whole_word);
    assert_string_equal(joined.data, headline); /* nothing lost or shortened */
    buf_free(&joined);
    layout_free(&l);
}

/* A short abbreviation stays with its number, a title with its name and a
 * number with its unit: no line of a point ends in "Dec." or "Mr." nor
 * starts with "percent" or "million" (over many widths, so that
 * without the rule some line would break there), and nothing is lost. */
static void abbreviation_keeps_its_number(void **state) {
    (void)state;
    const char *points[] = {
        "The ferry returns on Dec. 1 and Mr. Hale said the pier opens on Jan. 5 after "
        "No. 4 berth is rebuilt, with Dr. Amsel and St. Brendan's choir at Dec. 1 opening.",
        "Ticket offices move to No. 12 quay on Sept. 30, and Mr. Osei will run them.",
        "Fares fall 14 percent to 2.40 crowns, the 410 million plan says, at 110 km/h top "
        "speed and 3,200 million trips, 55 percent of them 12 km or less."};
    int checked = 0;
    for (int w = 700; w <= 2000; w += 37) {
        layout_input_t in = {.headline = "Harbour ferry returns", .points = points,
                             .n_points = 3, .meta = "Harbour Herald"};
        layout_t l;
        assert_int_equal(layout_slide(&in, w, w * 9 / 16, fake_measure, NULL, &l), 0);
        buf_t joined = BUF_INIT;
        for (size_t i = 0; i < l.n_lines; i++) {
            const layout_line_t *ln = &l.lines[i];
            if (ln->role != LAYOUT_POINT) continue;
            size_t n = strlen(ln->text);
            static const char *const ends[] = {"Dec.", "Jan.", "No.", "Sept.", "Mr.", "Dr.", "St."};
            for (size_t e = 0; e < sizeof ends / sizeof *ends; e++) {
                size_t k = strlen(ends[e]);
                assert_false(n >= k && strcmp(ln->text + n - k, ends[e]) == 0);
            }
            static const char *const starts[] = {"percent", "million", "km"};
            for (size_t e = 0; e < sizeof starts / sizeof *starts; e++)
                assert_false(strncmp(ln->text, starts[e], strlen(starts[e])) == 0);
            buf_printf(&joined, "%s%s", joined.len ? " " : "", ln->text);
            checked++;
        }
        assert_non_null(strstr(joined.data, "on Dec. 1 and Mr. Hale said"));
        buf_free(&joined);
        layout_free(&l);
    }
    assert_true(checked > 40);
}

/* Each paragraph aligns by its own direction: a Hebrew headline and point
 * to the right (the bullet on the right), an English point and source line
 * to the left. */
static void rtl_paragraphs_align_right(void **state) {
    (void)state;
    const char *points[] = {"הקו האדום יפעל עד שתיים בלילה בימי שישי.",
                            "The night service costs the city four million a year."};
    layout_input_t in = {.headline = "הרכבת הקלה תפעל גם בלילות סוף השבוע",
                         .points = points, .n_points = 2, .meta = "Harbour Herald",
                         .age = "2 h ago", .clock = "09:00"};
    layout_t l;
    char why[256];
    assert_int_equal(layout_slide(&in, 1920, 1080, fake_measure, NULL, &l), 0);
    assert_int_equal(layout_check(&l, 1920, 1080, why, sizeof why), 0);
    assert_true(l.headline_rtl);
    int right = l.points.x + l.points.w;
    int bullets = 0;
    for (size_t i = 0; i < l.n_lines; i++) {
        const layout_line_t *ln = &l.lines[i];
        if (ln->role == LAYOUT_HEADLINE) {
            assert_true(ln->rtl);
            assert_int_equal(ln->x + ln->w, l.headline.x + l.headline.w);
        } else if (ln->role == LAYOUT_META) {
            assert_false(ln->rtl);
            assert_int_equal(ln->x, l.margin);
        } else if (ln->role == LAYOUT_BULLET) {
            if (bullets++ == 0) assert_true(ln->x > l.points.x + l.points.w / 2); /* Hebrew: right */
            else assert_true(ln->x < l.points.x + l.points.w / 2);               /* English: left */
        } else if (ln->role == LAYOUT_POINT && strstr(ln->text, "night")) {
            assert_false(ln->rtl);
            assert_true(ln->x > l.points.x && ln->x + ln->w < right);
        } else if (ln->role == LAYOUT_POINT) {
            assert_true(ln->rtl);
            assert_true(ln->x + ln->w < right && ln->x + ln->w > right - l.point_px * 2);
        }
    }
    assert_int_equal(bullets, 2);
    assert_int_equal(layout_text_rtl("  (12) שלום world"), 1);
    assert_int_equal(layout_text_rtl("12 world שלום"), 0);
    assert_int_equal(layout_text_rtl("١٢٣"), 0); /* digits only: no strong character */
    layout_free(&l);
}

/* Portrait: sources and age do not fit one line beside the clock, so the age
 * goes on a second line; both are shown whole at every supported size. */
static void header_keeps_sources_and_age(void **state) {
    (void)state;
    const char *points[] = {"One point."};
    layout_input_t in = {.headline = "Bridge shut", .points = points, .n_points = 1,
                         .meta = "The Harbour Herald · Wire (copy) · +1", .age = "12 min ago",
                         .clock = "09:41"};
    for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
        layout_t l;
        char why[256];
        assert_int_equal(layout_slide(&in, sizes[s][0], sizes[s][1], fake_measure, NULL, &l), 0);
        if (layout_check(&l, sizes[s][0], sizes[s][1], why, sizeof why) != 0)
            fail_msg("%dx%d: %s", sizes[s][0], sizes[s][1], why);
        int sources = 0, age = 0;
        for (size_t i = 0; i < l.n_lines; i++) {
            if (l.lines[i].role != LAYOUT_META) continue;
            if (strstr(l.lines[i].text, "The Harbour Herald · Wire (copy) · +1")) sources = 1;
            if (strstr(l.lines[i].text, "12 min ago")) age = 1;
        }
        if (!sources || !age)
            fail_msg("%dx%d: the header lost the %s", sizes[s][0], sizes[s][1],
                     sources ? "age" : "sources");
        if (sizes[s][0] == 1080 && sizes[s][1] == 1920) {
            assert_true(has_role_line(&l, LAYOUT_META, "12 min ago")); /* its own line */
            assert_int_equal(l.header.h, 2 * ((l.meta_px * 5) / 4));
        }
        layout_free(&l);
    }
}

/* A megabyte title (of words, or one endless word) costs what a full slide
 * does: the text is bounded before measuring and wrapping stops counting
 * past the lines a box holds. Counted in measured bytes, not timed. */
static void huge_title_work_is_bounded(void **state) {
    (void)state;
    buf_t spaced = BUF_INIT, word = BUF_INIT;
    while (spaced.len < 1 << 20) buf_puts(&spaced, "storm surge warning ");
    while (word.len < 1 << 20) buf_puts(&word, "aaaaaaaaaaaaaaaa");
    const char *huge[] = {spaced.data, word.data};
    for (int i = 0; i < 2; i++) {
        const char *points[] = {huge[i], "A short point."};
        layout_input_t in = {.headline = huge[i], .points = points, .n_points = 2,
                             .meta = huge[i], .age = "1 h ago"};
        counter_t c = {0, 0};
        layout_t l;
        char why[256];
        assert_int_equal(layout_slide(&in, 1920, 1080, cjk_measure, &c, &l), 0);
        assert_int_equal(layout_check(&l, 1920, 1080, why, sizeof why), 0);
        if (c.bytes > 4L << 20 || c.calls > 50000)
            fail_msg("title %d: %ld measurements of %ld bytes", i, c.calls, c.bytes);
        /* Something of the title shows, cut with an ellipsis. */
        int shown = 0;
        for (size_t k = 0; k < l.n_lines; k++)
            if (l.lines[k].role == LAYOUT_HEADLINE && strlen(l.lines[k].text) > 10) shown = 1;
        assert_true(shown);
        layout_free(&l);
    }
    buf_free(&spaced);
    buf_free(&word);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(invariants_fake_measure),
        cmocka_unit_test(invariants_real_fonts),
        cmocka_unit_test(check_rejects),
        cmocka_unit_test(overflow_drops_points),
        cmocka_unit_test(cjk_wraps_between_characters),
        cmocka_unit_test(abbreviation_keeps_its_number),
        cmocka_unit_test(rtl_paragraphs_align_right),
        cmocka_unit_test(header_keeps_sources_and_age),
        cmocka_unit_test(huge_title_work_is_bounded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
