/* layout.c - see layout.h. */
#include "layout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

#define LINE_HEIGHT(px) ((px) * 5 / 4)
#define MAX_HEADLINE_LINES 3
#define ELLIPSIS "\xe2\x80\xa6"

typedef struct {
    layout_measure_fn measure;
    void *ctx;
} measurer_t;

static void add_line(layout_t *l, const char *text, size_t len, enum layout_role role, int x,
                     int y, int w, int px, int bold) {
    l->lines = xrealloc(l->lines, (l->n_lines + 1) * sizeof *l->lines);
    layout_line_t *ln = &l->lines[l->n_lines++];
    ln->text = xstrndup(text, len);
    ln->role = role;
    ln->x = x;
    ln->y = y;
    ln->w = w;
    ln->h = LINE_HEIGHT(px);
    ln->px = px;
    ln->bold = bold;
}

/* Greedy word wrap of text into lines no wider than width. Returns the
 * number of lines, or -1 when a single word is wider than the box. Breaks
 * (start offset, length) go into starts/lens when given, at most max_out. */
static int wrap(const measurer_t *m, const char *text, int px, int bold, int width,
                size_t *starts, size_t *lens, int max_out) {
    int n = 0;
    const char *p = text;
    buf_t cand = BUF_INIT;
    while (*p) {
        while (*p == ' ') p++;
        if (!*p) break;
        const char *line_start = p, *line_end = p, *q = p;
        for (;;) {
            const char *word_end = q;
            while (*word_end && *word_end != ' ') word_end++;
            buf_reset(&cand);
            buf_append(&cand, line_start, (size_t)(word_end - line_start));
            int wpx = m->measure(m->ctx, cand.data, px, bold);
            if (wpx > width) {
                if (line_end == line_start) { /* one word alone is too wide */
                    buf_free(&cand);
                    return -1;
                }
                break;
            }
            line_end = word_end;
            q = word_end;
            while (*q == ' ') q++;
            if (!*q || q == word_end) break;
        }
        if (starts && n < max_out) {
            starts[n] = (size_t)(line_start - text);
            lens[n] = (size_t)(line_end - line_start);
        }
        n++;
        p = line_end;
    }
    buf_free(&cand);
    return n;
}

/* Shortens text at a word so that it wraps into max_lines, adding "…". */
static char *shorten_to_lines(const measurer_t *m, const char *text, int px, int bold, int width,
                              int max_lines) {
    char *s = xstrdup(text);
    size_t len = strlen(s);
    for (;;) {
        char *sp = NULL;
        for (size_t i = len; i > 0; i--)
            if (s[i - 1] == ' ') { sp = s + i - 1; break; }
        if (!sp) break;
        len = (size_t)(sp - s);
        while (len > 0 && (s[len - 1] == ',' || s[len - 1] == ';' || s[len - 1] == ':' ||
                           s[len - 1] == ' '))
            len--;
        s[len] = '\0';
        buf_t t = BUF_INIT;
        buf_printf(&t, "%s" ELLIPSIS, s);
        int n = wrap(m, t.data, px, bold, width, NULL, NULL, 0);
        if (n >= 0 && n <= max_lines) {
            free(s);
            return buf_detach(&t);
        }
        buf_free(&t);
    }
    free(s);
    return xstrdup(ELLIPSIS);
}

static void place_wrapped(const measurer_t *m, layout_t *l, const char *text, enum layout_role role,
                          int px, int bold, int x, int *y, int width) {
    size_t starts[64], lens[64];
    int n = wrap(m, text, px, bold, width, starts, lens, 64);
    for (int i = 0; i < n && i < 64; i++) {
        char *piece = xstrndup(text + starts[i], lens[i]);
        int w = m->measure(m->ctx, piece, px, bold);
        add_line(l, piece, lens[i], role, x, *y, w, px, bold);
        free(piece);
        *y += LINE_HEIGHT(px);
    }
}

/* Height the points take at px within width (with bullets), or -1. */
static int points_height(const measurer_t *m, const layout_input_t *in, size_t n_points, int px,
                         int width) {
    int indent = px * 3 / 2, gap = px / 2, h = 0;
    for (size_t i = 0; i < n_points; i++) {
        int n = wrap(m, in->points[i], px, 0, width - indent, NULL, NULL, 0);
        if (n < 0) return -1;
        h += n * LINE_HEIGHT(px) + (i ? gap : 0);
    }
    return h;
}

int layout_slide(const layout_input_t *in, int w, int h, layout_measure_fn measure, void *ctx,
                 layout_t *out) {
    memset(out, 0, sizeof *out);
    if (w < 160 || h < 120) return -1;
    measurer_t m = {measure, ctx};
    int portrait = h > w;
    int unit = portrait ? w : h;           /* sizes follow the short side */
    int margin = unit / 20;                /* 5%: safe against overscan */
    out->margin = margin;
    int inner_w = w - 2 * margin;

    /* Header: meta on the left, clock on the right. */
    out->meta_px = unit * 32 / 1000 + 6;
    int header_h = LINE_HEIGHT(out->meta_px);
    out->header = (layout_box_t){margin, margin, inner_w, header_h};

    /* Footer: progress bar and QR code. */
    int qr_side = in->show_qr ? unit * 15 / 100 : 0;
    int badge_h = LINE_HEIGHT(out->meta_px) + out->meta_px / 2;
    int bar_h = unit / 150 + 2;
    int footer_h = badge_h + bar_h + margin / 4;
    if (qr_side > footer_h) footer_h = qr_side;
    out->footer = (layout_box_t){margin, h - margin - footer_h, inner_w, footer_h};
    out->qr = (layout_box_t){w - margin - qr_side, h - margin - qr_side, qr_side, qr_side};
    out->badge = (layout_box_t){margin, out->footer.y, 0, badge_h};
    out->progress = (layout_box_t){margin, h - margin - bar_h,
                                   inner_w - (qr_side ? qr_side + margin / 2 : 0), bar_h};

    int top = margin + header_h + margin / 2;
    int bottom = out->footer.y - margin / 2;
    int text_w = inner_w - (qr_side ? 0 : 0);

    /* Headline: largest size in [floor, start] that fits in 3 lines. */
    int start_px = unit * 72 / 1000 + 8, floor_px = unit * 48 / 1000 + 6;
    out->min_headline_px = floor_px;
    int hpx = start_px, hlines;
    char *headline = xstrdup(in->headline && *in->headline ? in->headline : "");
    for (;;) {
        hlines = wrap(&m, headline, hpx, 1, text_w, NULL, NULL, 0);
        if (hlines >= 0 && hlines <= MAX_HEADLINE_LINES) break;
        if (hpx > floor_px) {
            hpx -= 2;
            if (hpx < floor_px) hpx = floor_px;
            continue;
        }
        char *s = shorten_to_lines(&m, headline, hpx, 1, text_w, MAX_HEADLINE_LINES);
        free(headline);
        headline = s;
    }
    out->headline_px = hpx;
    int headline_h = (hlines ? hlines : 1) * LINE_HEIGHT(hpx);
    out->headline = (layout_box_t){margin, top, text_w, headline_h};

    /* Points: shrink, then drop the last, until they fit. With an image the
     * points have less room; when that costs points, the image goes. */
    int ptop0 = top + headline_h + margin * 2 / 3;
    int pstart = unit * 46 / 1000 + 4, pfloor = unit * 34 / 1000 + 4;
    out->min_point_px = pfloor;
    size_t n_points = 0;
    int ppx = pstart, ptop = ptop0, pw = text_w;
    for (int with_image = in->show_image ? 1 : 0; with_image >= 0; with_image--) {
        ptop = ptop0;
        pw = text_w;
        out->image = (layout_box_t){0, 0, 0, 0};
        if (with_image) {
            if (portrait) {
                int ih = inner_w * 9 / 16;
                if (ih > h * 28 / 100) ih = h * 28 / 100;
                out->image = (layout_box_t){margin, ptop0, inner_w, ih};
                ptop = ptop0 + ih + margin / 2;
            } else {
                int iw = inner_w * 36 / 100;
                int ih = bottom - ptop0;
                if (ih > iw * 3 / 4) ih = iw * 3 / 4;
                out->image = (layout_box_t){w - margin - iw, ptop0, iw, ih};
                pw = text_w - iw - margin / 2;
            }
            if (out->image.h < unit / 8) continue; /* no room worth having */
        }
        int avail = bottom - ptop;
        n_points = in->n_points;
        ppx = pstart;
        while (n_points > 0) {
            int ph = avail > 0 ? points_height(&m, in, n_points, ppx, pw) : -1;
            if (ph >= 0 && ph <= avail) break;
            if (ppx > pfloor) ppx = ppx - 2 < pfloor ? pfloor : ppx - 2;
            else { n_points--; ppx = pstart; }
        }
        size_t wanted = in->n_points < 3 ? in->n_points : 3;
        if (!with_image || n_points >= wanted) break;
    }
    out->point_px = ppx;
    out->n_points_shown = n_points;
    int ph = n_points ? points_height(&m, in, n_points, ppx, pw) : 0;
    out->points = (layout_box_t){margin, ptop, pw, ph > 0 ? ph : 0};

    /* Lines. */
    int mw = m.measure(m.ctx, in->meta ? in->meta : "", out->meta_px, 1);
    int clock_w = in->clock ? m.measure(m.ctx, in->clock, out->meta_px, 1) : 0;
    if (in->meta && *in->meta) {
        int max_meta = inner_w - clock_w - margin;
        char *meta = xstrdup(in->meta);
        while (mw > max_meta) {
            char *s = shorten_to_lines(&m, meta, out->meta_px, 1, max_meta, 1);
            free(meta);
            meta = s;
            mw = m.measure(m.ctx, meta, out->meta_px, 1);
            if (strcmp(meta, ELLIPSIS) == 0) break;
        }
        add_line(out, meta, strlen(meta), LAYOUT_META, margin, margin, mw, out->meta_px, 1);
        free(meta);
    }
    if (in->clock)
        add_line(out, in->clock, strlen(in->clock), LAYOUT_CLOCK, w - margin - clock_w, margin,
                 clock_w, out->meta_px, 1);
    int y = top;
    place_wrapped(&m, out, headline, LAYOUT_HEADLINE, hpx, 1, margin, &y, text_w);
    free(headline);
    y = ptop;
    int indent = ppx * 3 / 2;
    for (size_t i = 0; i < n_points; i++) {
        if (i) y += ppx / 2;
        int bw = m.measure(m.ctx, "\xe2\x80\xa2", ppx, 1);
        add_line(out, "\xe2\x80\xa2", 3, LAYOUT_BULLET, margin + indent / 4, y, bw, ppx, 1);
        place_wrapped(&m, out, in->points[i], LAYOUT_POINT, ppx, 0, margin + indent, &y,
                      pw - indent);
    }
    return 0;
}

static int inside(const layout_box_t *b, int w, int h) {
    return b->x >= 0 && b->y >= 0 && b->w >= 0 && b->h >= 0 && b->x + b->w <= w &&
           b->y + b->h <= h;
}

static int overlap(const layout_box_t *a, const layout_box_t *b) {
    if (a->w == 0 || a->h == 0 || b->w == 0 || b->h == 0) return 0;
    return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h && b->y < a->y + a->h;
}

int layout_check(const layout_t *l, int w, int h, char *why, size_t why_len) {
    const layout_box_t *boxes[] = {&l->header, &l->headline, &l->points, &l->footer, &l->image};
    const char *names[] = {"header", "headline", "points", "footer", "image"};
    for (int i = 0; i < 5; i++) {
        if (!inside(boxes[i], w, h)) {
            snprintf(why, why_len, "%s box outside the screen", names[i]);
            return -1;
        }
        const layout_box_t *b = boxes[i];
        if (b->w > 0 && b->h > 0 &&
            (b->x < l->margin || b->y < l->margin || b->x + b->w > w - l->margin ||
             b->y + b->h > h - l->margin)) {
            snprintf(why, why_len, "%s box outside the safe margins", names[i]);
            return -1;
        }
        for (int j = i + 1; j < 5; j++)
            if (overlap(boxes[i], boxes[j])) {
                snprintf(why, why_len, "%s and %s boxes overlap", names[i], names[j]);
                return -1;
            }
    }
    for (size_t i = 0; i < l->n_lines; i++) {
        const layout_line_t *ln = &l->lines[i];
        layout_box_t b = {ln->x, ln->y, ln->w, ln->h};
        if (!inside(&b, w, h)) {
            snprintf(why, why_len, "line '%s' outside the screen", ln->text);
            return -1;
        }
        const layout_box_t *own = ln->role == LAYOUT_HEADLINE ? &l->headline
                                  : ln->role == LAYOUT_POINT || ln->role == LAYOUT_BULLET
                                      ? &l->points
                                      : &l->header;
        if (b.x < own->x || b.y < own->y || b.x + b.w > own->x + own->w ||
            b.y + b.h > own->y + own->h) {
            snprintf(why, why_len, "line '%s' outside its box", ln->text);
            return -1;
        }
        if ((ln->role == LAYOUT_HEADLINE && ln->px < l->min_headline_px) ||
            (ln->role == LAYOUT_POINT && ln->px < l->min_point_px)) {
            snprintf(why, why_len, "line '%s' below the minimum font size", ln->text);
            return -1;
        }
    }
    return 0;
}

void layout_free(layout_t *l) {
    for (size_t i = 0; i < l->n_lines; i++) free(l->lines[i].text);
    free(l->lines);
    memset(l, 0, sizeof *l);
}

int layout_parse_size(const char *s, int *w, int *h) {
    char x, extra;
    if (sscanf(s, "%d%c%d%c", w, &x, h, &extra) != 3 || (x != 'x' && x != 'X') || *w < 160 ||
        *h < 120 || *w > 7680 || *h > 7680)
        return -1;
    return 0;
}
