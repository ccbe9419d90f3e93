/* layout.h - where every piece of a slide goes, for any screen size.
 *
 * Contract: layout_slide is pure: it places the headline, points, header
 * (sources, age, clock) and footer (progress bar, QR code) of one slide on a
 * W x H screen, measuring text through the caller's function, so it runs
 * without SDL in tests. Sizes derive from the screen (safe margins against
 * overscan, font sizes in proportion to the height, or the width in portrait).
 * Text is word-wrapped; when the headline or points do not fit, fonts shrink
 * down to a floor, then the last points are dropped, then the headline is
 * shortened at a word with an ellipsis: text is never clipped. A lead image
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
} layout_line_t;

typedef struct {
    const char *headline;
    const char *const *points;
    size_t n_points;
    const char *meta;    /* "Harbour Herald · Northern Wire   12 min ago" */
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
} layout_t;

/* Width in pixels of text at px pixels (bold or regular). */
typedef int (*layout_measure_fn)(void *ctx, const char *text, int px, int bold);

int layout_slide(const layout_input_t *in, int w, int h, layout_measure_fn measure, void *ctx,
                 layout_t *out);
int layout_check(const layout_t *l, int w, int h, char *why, size_t why_len);
void layout_free(layout_t *l);
/* Parses "1920x1080"; 0 when it is a sane screen size, else -1. */
int layout_parse_size(const char *s, int *w, int *h);

#endif
