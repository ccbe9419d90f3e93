/* layout.c - see layout.h. */
#include "layout.h"
#include "layout_internal.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fribidi.h>
#include <stdint.h>

#include "buf.h"

#define LINE_HEIGHT(px) ((px) * 5 / 4)
#define MAX_HEADLINE_LINES 3
#define MAX_WRAP_LINES 64
#define ELLIPSIS "\xe2\x80\xa6"

typedef struct {
    layout_measure_fn measure;
    void *ctx;
} measurer_t;

static void add_line(layout_t *l, const char *text, size_t len, enum layout_role role, int x,
                     int y, int w, int px, int bold, int rtl) {
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
    ln->rtl = rtl;
}

static size_t utf8_next(const char *s, size_t at, size_t len, uint32_t *cp) {
    const unsigned char *u = (const unsigned char *)s + at;
    size_t n = u[0] < 0x80 ? 1 : u[0] >= 0xf0 ? 4 : u[0] >= 0xe0 ? 3 : u[0] >= 0xc0 ? 2 : 1;
    if (at + n > len) n = 1;
    uint32_t c = n == 1 ? u[0] : (uint32_t)(u[0] & (0x7f >> n));
    for (size_t i = 1; i < n; i++) {
        if ((u[i] & 0xc0) != 0x80) { *cp = 0xfffd; return 1; }
        c = c << 6 | (u[i] & 0x3f);
    }
    *cp = c;
    return n;
}

int layout_text_rtl(const char *text) {
    size_t len = strlen(text);
    for (size_t at = 0; at < len;) {
        uint32_t c;
        at += utf8_next(text, at, len, &c);
        FriBidiCharType t = fribidi_get_bidi_type(c);
        if (FRIBIDI_IS_LETTER(t) && FRIBIDI_IS_STRONG(t)) return FRIBIDI_IS_RTL(t) ? 1 : 0;
    }
    return 0;
}

static int is_space(uint32_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* Ideographs, kana and CJK punctuation: a line may break beside them. */
static int is_cjk(uint32_t c) {
    return (c >= 0x2e80 && c <= 0x2fdf) || (c >= 0x3000 && c <= 0x30ff) ||
           (c >= 0x3190 && c <= 0x31ff) || (c >= 0x3400 && c <= 0x4dbf) ||
           (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) ||
           (c >= 0xff00 && c <= 0xffef) || (c >= 0x20000 && c <= 0x3ffff);
}

/* Kinsoku: no line starts with these (closing marks, small kana, ...). */
static int no_line_start(uint32_t c) {
    static const uint32_t set[] = {0x3001, 0x3002, 0xff0c, 0xff0e, 0x30fb, 0xff1a, 0xff1b, 0xff1f,
                                   0xff01, 0x30fc, 0xff09, 0x300d, 0x300f, 0x3011, 0x3015, 0x3009,
                                   0x300b, 0x201d, 0x2019, 0x309d, 0x309e, 0x3005, 0x3041, 0x3043,
                                   0x3045, 0x3047, 0x3049, 0x3063, 0x3083, 0x3085, 0x3087, 0x308e,
                                   0x30a1, 0x30a3, 0x30a5, 0x30a7, 0x30a9, 0x30c3, 0x30e3, 0x30e5,
                                   0x30e7, 0x30ee, 0x30f5, 0x30f6, 0xff3d, 0xff5d, 0x3017, 0x3019,
                                   ')', ']', '}', ',', '.', '!', '?', ':', ';'};
    for (size_t i = 0; i < sizeof set / sizeof *set; i++)
        if (set[i] == c) return 1;
    return 0;
}

/* ... and none ends with an opening mark. */
static int no_line_end(uint32_t c) {
    static const uint32_t set[] = {0xff08, 0x300c, 0x300e, 0x3010, 0x3014, 0x3008, 0x300a,
                                   0x201c, 0x2018, 0xff3b, 0xff5b, 0x3016, 0x3018, '(', '[', '{'};
    for (size_t i = 0; i < sizeof set / sizeof *set; i++)
        if (set[i] == c) return 1;
    return 0;
}

/* The pieces a line may be made of: runs of text between break
 * opportunities (spaces, which are left out, and the places beside CJK
 * characters where a break is allowed). */
typedef struct {
    size_t start, end;
} seg_t;

static int is_upper_ascii(char c) { return c >= 'A' && c <= 'Z'; }
static int is_lower_ascii(char c) { return c >= 'a' && c <= 'z'; }

/* A space that is not a break: after a short capitalized abbreviation
 * ("Dec.", "No.", "Sept.") before a number, after a title ("Mr.", "Dr.",
 * "St.") before a name, and between a number and its magnitude or unit
 * ("410 million", "14 percent", "110 km/h"), so "Dec." never ends a line
 * with its "1." on the next. word is [start, end) of text, next_word what
 * follows the spaces (NUL-terminated). */
static int glued_space(const char *text, size_t start, size_t end, const char *next_word) {
    size_t n = end - start;
    char next = *next_word;
    if (text[start] >= '0' && text[start] <= '9') { /* "410 million", "14 percent", "110 km/h" */
        for (size_t i = start; i < end; i++)
            if (!(text[i] >= '0' && text[i] <= '9') && text[i] != ',' && text[i] != '.') return 0;
        static const char *const units[] = {"million", "billion", "trillion", "percent",
                                            "per",     "km",      "kg",       "mph",
                                            "cm",      "mm",      "m",        "%"};
        size_t w = 0;
        while (next_word[w] && !is_space((unsigned char)next_word[w]) && next_word[w] != ',' &&
               next_word[w] != '.' && next_word[w] != '/')
            w++;
        for (size_t i = 0; i < sizeof units / sizeof *units; i++)
            if (strlen(units[i]) == w && memcmp(units[i], next_word, w) == 0) return 1;
        return 0;
    }
    if (n < 2 || n > 6 || text[end - 1] != '.' || !is_upper_ascii(text[start])) return 0;
    for (size_t i = start + 1; i < end - 1; i++)
        if (!is_lower_ascii(text[i])) return 0;
    if (next >= '0' && next <= '9') return 1;
    static const char *const titles[] = {"Mr.",   "Mrs.", "Ms.",  "Dr.",  "St.",  "Sen.",
                                         "Rep.",  "Gov.", "Gen.", "Lt.",  "Col.", "Capt.",
                                         "Prof.", "Sgt.", "Rev.", "Hon."};
    if (!is_upper_ascii(next)) return 0;
    for (size_t i = 0; i < sizeof titles / sizeof *titles; i++)
        if (strlen(titles[i]) == n && memcmp(titles[i], text + start, n) == 0) return 1;
    return 0;
}

static size_t segments(const char *text, size_t len, seg_t **out) {
    seg_t *segs = NULL;
    size_t n = 0, cap = 0;
    int open = 0;
    uint32_t prev = ' ';
    for (size_t at = 0; at < len;) {
        uint32_t c;
        size_t k = utf8_next(text, at, len, &c);
        if (is_space(c)) {
            if (open && !is_space(prev)) {
                size_t next = at;
                while (next < len && is_space((unsigned char)text[next])) next++;
                if (next < len && glued_space(text, segs[n - 1].start, at, text + next)) {
                    at = next; /* the word goes on with what follows the spaces */
                    prev = ' ';
                    continue;
                }
            }
            open = 0;
        } else {
            int brk = open && (is_cjk(c) || is_cjk(prev)) && !no_line_start(c) && !no_line_end(prev);
            if (!open || brk) {
                if (n == cap) segs = xrealloc(segs, (cap = cap ? cap * 2 : 16) * sizeof *segs);
                segs[n++] = (seg_t){at, at};
                open = 1;
            }
            segs[n - 1].end = at + k;
        }
        prev = c;
        at += k;
    }
    *out = segs;
    return n;
}

static int measure_span(const measurer_t *m, buf_t *scratch, const char *text, size_t start,
                        size_t end, int px, int bold) {
    buf_reset(scratch);
    buf_append(scratch, text + start, end - start);
    return m->measure(m->ctx, scratch->data, px, bold);
}

/* The end of the longest prefix of [start, end) (at least one character)
 * that is no wider than width: for a word too wide for any line. A line
 * cannot hold more characters than a quarter em each would fill. */
static size_t fitting_prefix(const measurer_t *m, buf_t *scratch, const char *text, size_t start,
                             size_t end, int px, int bold, int width) {
    size_t offs[1024];
    size_t n = 0, limit = (size_t)(px > 0 ? width * 4 / px + 2 : 2);
    if (limit > sizeof offs / sizeof *offs) limit = sizeof offs / sizeof *offs;
    for (size_t at = start; at < end && n < limit;) {
        uint32_t c;
        at += utf8_next(text, at, end, &c);
        offs[n++] = at;
    }
    assert(n > 0); /* called for a non-empty word only */
    size_t lo = 0, hi = n; /* offs[lo-1] fits (lo = 0: nothing known to fit) */
    while (lo < hi) {
        size_t mid = (lo + hi + 1) / 2;
        if (measure_span(m, scratch, text, start, offs[mid - 1], px, bold) <= width) lo = mid;
        else hi = mid - 1;
    }
    return offs[lo > 0 ? lo - 1 : 0];
}

/* Greedy wrap of text into lines no wider than width. Returns the number of
 * lines, counting at most limit + 1 (then it stops: "more than limit").
 * Breaks (start offset, length) go into starts/lens when given, at most
 * max_out. */
static int wrap(const measurer_t *m, const char *text, int px, int bold, int width,
                size_t *starts, size_t *lens, int max_out, int limit) {
    size_t len = strlen(text);
    seg_t *segs;
    size_t nseg = segments(text, len, &segs);
    buf_t scratch = BUF_INIT;
    int n = 0;
    for (size_t i = 0; i < nseg && n <= limit;) {
        size_t line_start = segs[i].start, line_end;
        if (measure_span(m, &scratch, text, line_start, segs[i].end, px, bold) > width) {
            line_end = fitting_prefix(m, &scratch, text, line_start, segs[i].end, px, bold, width);
            if (line_end >= segs[i].end) i++;
            else segs[i].start = line_end;
        } else {
            line_end = segs[i].end;
            size_t j = i + 1;
            while (j < nseg &&
                   measure_span(m, &scratch, text, line_start, segs[j].end, px, bold) <= width)
                line_end = segs[j++].end;
            i = j;
        }
        assert(line_end > line_start); /* every line takes a character: wrapping ends */
        if (starts && n < max_out) {
            starts[n] = line_start;
            lens[n] = line_end - line_start;
        }
        n++;
    }
    buf_free(&scratch);
    free(segs);
    return n;
}

/* Shortens text at a break so that it wraps into max_lines, adding "…":
 * from what the first max_lines lines hold, one piece at a time. */
static char *shorten_to_lines(const measurer_t *m, const char *text, int px, int bold, int width,
                              int max_lines) {
    size_t starts[MAX_HEADLINE_LINES + 1], lens[MAX_HEADLINE_LINES + 1];
    int keep = max_lines < MAX_HEADLINE_LINES ? max_lines : MAX_HEADLINE_LINES;
    int n = wrap(m, text, px, bold, width, starts, lens, keep + 1, keep);
    if (n <= keep) return xstrdup(text);
    char *s = xstrndup(text, starts[keep - 1] + lens[keep - 1]);
    seg_t *segs;
    size_t nseg = segments(s, strlen(s), &segs);
    char *result = NULL;
    for (size_t cut = strlen(s); !result && nseg > 0; cut = segs[--nseg].start) {
        if (nseg == 1 && cut == segs[0].start) break; /* nothing left to keep */
        while (cut > 0 && (s[cut - 1] == ',' || s[cut - 1] == ';' || s[cut - 1] == ':' ||
                           s[cut - 1] == ' '))
            cut--;
        buf_t t = BUF_INIT;
        buf_append(&t, s, cut);
        buf_puts(&t, ELLIPSIS);
        if (wrap(m, t.data, px, bold, width, NULL, NULL, 0, max_lines) <= max_lines)
            result = buf_detach(&t);
        buf_free(&t);
    }
    /* One word fills the lines (no break left): cut it a character at a
     * time; the last line holds a bounded number of them. */
    for (size_t cut = strlen(s), tries = 0; !result && cut > 0 && tries < 256; tries++) {
        do cut--;
        while (cut > 0 && ((unsigned char)s[cut] & 0xc0) == 0x80);
        buf_t t = BUF_INIT;
        buf_append(&t, s, cut);
        buf_puts(&t, ELLIPSIS);
        if (cut > 0 && wrap(m, t.data, px, bold, width, NULL, NULL, 0, max_lines) <= max_lines)
            result = buf_detach(&t);
        buf_free(&t);
    }
    free(segs);
    free(s);
    return result ? result : xstrdup(ELLIPSIS);
}

/* Lines of one paragraph, each aligned by the paragraph's direction in the
 * box [x, x + width). */
static void place_wrapped(const measurer_t *m, layout_t *l, const char *text, enum layout_role role,
                          int px, int bold, int x, int *y, int width, int rtl) {
    size_t starts[MAX_WRAP_LINES], lens[MAX_WRAP_LINES];
    int n = wrap(m, text, px, bold, width, starts, lens, MAX_WRAP_LINES, MAX_WRAP_LINES);
    for (int i = 0; i < n && i < MAX_WRAP_LINES; i++) {
        char *piece = xstrndup(text + starts[i], lens[i]);
        int w = m->measure(m->ctx, piece, px, bold);
        add_line(l, piece, lens[i], role, rtl ? x + width - w : x, *y, w, px, bold, rtl);
        free(piece);
        *y += LINE_HEIGHT(px);
    }
}

/* text cut to LAYOUT_MAX_TEXT_BYTES at a character, with "…" when cut. */
static char *bounded(const char *text) {
    size_t len = strlen(text);
    if (len <= LAYOUT_MAX_TEXT_BYTES) return xstrdup(text);
    size_t cut = LAYOUT_MAX_TEXT_BYTES;
    while (cut > 0 && ((unsigned char)text[cut] & 0xc0) == 0x80) cut--;
    buf_t b = BUF_INIT;
    buf_append(&b, text, cut);
    buf_puts(&b, ELLIPSIS);
    return buf_detach(&b);
}

/* Height the points take at px within width (with bullets), or -1 when
 * one of them is taller than any box. */
static int points_height(const measurer_t *m, char *const *points, size_t n_points, int px,
                         int width) {
    int indent = px * 3 / 2, gap = px / 2, h = 0;
    for (size_t i = 0; i < n_points; i++) {
        int n = wrap(m, points[i], px, 0, width - indent, NULL, NULL, 0, MAX_WRAP_LINES);
        if (n > MAX_WRAP_LINES) return -1;
        h += n * LINE_HEIGHT(px) + (i ? gap : 0);
    }
    return h;
}

/* The header: the sources, the age and the clock on one line when they fit;
 * else the sources get the first line to themselves (shortened only when
 * they fill it) and the age and clock the second. Returns its height. */
static int place_header(const measurer_t *m, layout_t *out, const char *meta, const char *age,
                        const char *clock, int w, int margin, int inner_w) {
    int px = out->meta_px;
    int clock_w = clock ? m->measure(m->ctx, clock, px, 1) : 0;
    int beside_clock = inner_w - (clock ? clock_w + margin : 0);
    int rtl = layout_text_rtl(meta);
    buf_t one = BUF_INIT;
    buf_printf(&one, "%s%s%s", meta, *meta && *age ? "   " : "", age);
    int two = m->measure(m->ctx, one.data, px, 1) > beside_clock && (*meta || *age);
    char *first = two ? shorten_to_lines(m, *meta ? meta : age, px, 1, inner_w, 1)
                      : buf_detach(&one);
    const char *second = two && *meta ? age : "";
    buf_free(&one);
    if (*first) {
        int fw = m->measure(m->ctx, first, px, 1);
        add_line(out, first, strlen(first), LAYOUT_META, rtl ? margin + inner_w - fw : margin,
                 margin, fw, px, 1, rtl);
    }
    int clock_y = margin;
    if (two) {
        clock_y += LINE_HEIGHT(px);
        int aw = *second ? m->measure(m->ctx, second, px, 1) : 0;
        if (aw > beside_clock) aw = beside_clock; /* an age is a few words */
        if (*second)
            add_line(out, second, strlen(second), LAYOUT_META,
                     rtl ? margin + inner_w - aw : margin, clock_y, aw, px, 1, rtl);
    }
    free(first);
    if (clock)
        add_line(out, clock, strlen(clock), LAYOUT_CLOCK, rtl ? margin : w - margin - clock_w,
                 clock_y, clock_w, px, 1, 0);
    return (two ? 2 : 1) * LINE_HEIGHT(px);
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
    /* Every text bounded before any measuring. */
    char *meta = bounded(in->meta ? in->meta : "");
    char *age = bounded(in->age ? in->age : "");
    char *headline = bounded(in->headline ? in->headline : "");
    size_t n_in = in->n_points;
    char **points = n_in ? xcalloc(n_in, sizeof *points) : NULL;
    for (size_t i = 0; i < n_in; i++) points[i] = bounded(in->points[i] ? in->points[i] : "");

    /* Header: sources and age on the left, clock on the right. */
    out->meta_px = unit * 32 / 1000 + 6;
    int header_h = place_header(&m, out, meta, age, in->clock, w, margin, inner_w);
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
    int text_w = inner_w;

    /* Headline: largest size in [floor, start] that fits in 3 lines. */
    int start_px = unit * 72 / 1000 + 8, floor_px = unit * 48 / 1000 + 6;
    out->min_headline_px = floor_px;
    int hpx = start_px, hlines;
    for (;;) {
        hlines = wrap(&m, headline, hpx, 1, text_w, NULL, NULL, 0, MAX_HEADLINE_LINES);
        if (hlines <= MAX_HEADLINE_LINES) break;
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
    out->headline_rtl = layout_text_rtl(headline);
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
        n_points = n_in;
        ppx = pstart;
        while (n_points > 0) {
            int ph = avail > 0 ? points_height(&m, points, n_points, ppx, pw) : -1;
            if (ph >= 0 && ph <= avail) break;
            if (ppx > pfloor) ppx = ppx - 2 < pfloor ? pfloor : ppx - 2;
            else { n_points--; ppx = pstart; }
        }
        size_t wanted = n_in < 3 ? n_in : 3;
        if (!with_image || n_points >= wanted) break;
    }
    out->point_px = ppx;
    out->n_points_shown = n_points;
    int ph = n_points ? points_height(&m, points, n_points, ppx, pw) : 0;
    out->points = (layout_box_t){margin, ptop, pw, ph > 0 ? ph : 0};

    /* Lines. */
    int y = top;
    place_wrapped(&m, out, headline, LAYOUT_HEADLINE, hpx, 1, margin, &y, text_w,
                  out->headline_rtl);
    y = ptop;
    int indent = ppx * 3 / 2;
    int bw = m.measure(m.ctx, "\xe2\x80\xa2", ppx, 1);
    for (size_t i = 0; i < n_points; i++) {
        if (i) y += ppx / 2;
        int rtl = layout_text_rtl(points[i]);
        int bx = rtl ? margin + pw - indent / 4 - bw : margin + indent / 4;
        add_line(out, "\xe2\x80\xa2", 3, LAYOUT_BULLET, bx, y, bw, ppx, 1, rtl);
        place_wrapped(&m, out, points[i], LAYOUT_POINT, ppx, 0, rtl ? margin : margin + indent, &y,
                      pw - indent, rtl);
    }
    free(headline);
    free(meta);
    free(age);
    for (size_t i = 0; i < n_in; i++) free(points[i]);
    free(points);
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
