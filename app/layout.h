/* layout.h - where every piece of a slide goes, for any screen size.
 *
 * Contract: layout_slide is pure: it places the headline, points, header
 * (sources, age, clock) and footer (progress bar, QR code) of one slide on a
 * W x H screen, measuring text through the caller's function, so it runs
 * without SDL in tests. Sizes derive from the screen (safe margins against
 * overscan, font sizes in proportion to the height, or the width in portrait).
 * Text is wrapped at spaces and, in Chinese and Japanese, between
 * ideographs and kana (with the usual rules: no line starts with a closing
 * mark or small kana, none ends with an opening one; never inside a Latin
 * word); a word wider than its box alone is broken where it must. Each
 * paragraph (headline, point, source line) is aligned by its own base
 * direction (its first strong character, as in Unicode's bidi rule P2): a
 * right-to-left one is right-aligned, its bullet on the right.
 * When the headline or points do not fit, fonts shrink
 * down to a floor, then the last points are dropped, then the headline is
 * shortened at a break with an ellipsis: text is never clipped.
 * The header holds the sources, the age and the clock on one line when they
 * fit, else the age goes on a second line (both always shown).
 * Work is bounded whatever the input: every text is cut to
 * LAYOUT_MAX_TEXT_BYTES first and wrapping stops counting past what a box
 * can hold, so a megabyte title costs what a full slide does. A lead image
 * gets a box beside the points (landscape) or between headline and points
 * (portrait), unless that would cost points: then it is left out.
 * layout_check
 * verifies the invariants (every line inside the screen and inside its box,
 * boxes inside the screen and not overlapping, no font below its floor) and
 * returns 0 when they hold. Free with layout_free.
 */
#ifndef BULLETIN_LAYOUT_H
#define BULLETIN_LAYOUT_H

#include <stddef.h>

typedef struct {
    int x, y, w, h;
} layout_box_t;

enum layout_role { LAYOUT_HEADLINE, LAYOUT_POINT, LAYOUT_BULLET, LAYOUT_META, LAYOUT_CLOCK };

typedef struct {
    char *text;
    enum layout_role role;
    int x, y;        /* top-left of the line's box */
    int w, h;        /* measured width, line height */
    int px;          /* font size in pixels */
    int bold;
    int rtl;         /* its paragraph reads right to left */
} layout_line_t;

typedef struct {
    const char *headline;
    const char *const *points;
    size_t n_points;
    const char *meta;    /* the sources: "Harbour Herald · Northern Wire · +1" */
    const char *age;     /* "12 min ago", or NULL */
    const char *clock;   /* "09:41" or NULL */
    int show_qr;
    int show_image;      /* a lead image may take a box (dropped when points need the room) */
} layout_input_t;

typedef struct {
    layout_line_t *lines;
    size_t n_lines;
    layout_box_t header, headline, points, footer, qr, progress;
    layout_box_t image;  /* w == 0: no image */
    layout_box_t badge;  /* where a badge goes: its left, top and height */
    int headline_px, point_px, meta_px;
    int min_headline_px, min_point_px;
    size_t n_points_shown;
    int margin;
    int headline_rtl;    /* the headline reads right to left */
} layout_t;

#define LAYOUT_MAX_TEXT_BYTES 2048

/* Width in pixels of text at px pixels (bold or regular). */
typedef int (*layout_measure_fn)(void *ctx, const char *text, int px, int bold);

int layout_slide(const layout_input_t *in, int w, int h, layout_measure_fn measure, void *ctx,
                 layout_t *out);
void layout_free(layout_t *l);
/* 1 when text's first strong character is right-to-left (Arabic, Hebrew...). */
int layout_text_rtl(const char *text);
/* Parses "1920x1080"; 0 when it is a sane screen size, else -1. */
int layout_parse_size(const char *s, int *w, int *h);

#endif
