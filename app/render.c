/* render.c - see render.h. */
#include "render.h"

#include <SDL_ttf.h>
#include <fribidi.h>
#include <limits.h>
#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "charset.h"
#include "image.h"
#include "log.h"

#define MODULE "render"
#define FONT_CACHE 32
#define MAX_RUNS 64
#define MAX_LINE_CODEPOINTS 512
#ifndef BULLETIN_DATADIR
#define BULLETIN_DATADIR "/usr/local/share/bulletin"
#endif

typedef struct {
    TTF_Font *font;
    int face;
    int px;
    int bold;
} cached_font_t;

/* The font chain: the bundled Noto Sans first, then system fonts for the
 * scripts it lacks, tried in this order for each character it cannot show. */
enum { FACE_MAIN, FACE_ARABIC, FACE_HEBREW, FACE_CJK, N_FACES };

typedef struct {
    const char *script;             /* ISO 15924, for HarfBuzz */
    const char *const regular[3];   /* candidates, first readable wins */
    const char *const bold[3];
} face_spec_t;

static const face_spec_t face_specs[N_FACES] = {
    {"Latn", {NULL}, {NULL}},
    {"Arab",
     {"/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf",
      "/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf", NULL},
     {"/usr/share/fonts/truetype/noto/NotoSansArabic-Bold.ttf",
      "/usr/share/fonts/truetype/noto/NotoNaskhArabic-Bold.ttf", NULL}},
    {"Hebr",
     {"/usr/share/fonts/truetype/noto/NotoSansHebrew-Regular.ttf", NULL},
     {"/usr/share/fonts/truetype/noto/NotoSansHebrew-Bold.ttf", NULL}},
    {"Hani",
     {"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
      "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
      "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"},
     {"/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
      "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
      "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"}},
};

struct render {
    SDL_Renderer *r;
    char *regular_path;             /* the main face */
    char *bold_path;
    char *face_regular[N_FACES];    /* NULL: not installed */
    char *face_bold[N_FACES];
    int shaping;                    /* SDL_ttf was built with HarfBuzz */
    cached_font_t cache[FONT_CACHE];
    int next_evict;
    render_theme_t theme;
};

static const render_theme_t themes[] = {
    /* dark (default): light text on near-black, blue accent */
    {{16, 20, 26, 255}, {255, 255, 255, 255}, {214, 220, 228, 255}, {150, 160, 172, 255},
     {88, 170, 255, 255}, {200, 60, 50, 255}, {255, 255, 255, 255}, {48, 56, 66, 255}},
    /* light */
    {{246, 244, 239, 255}, {17, 17, 17, 255}, {40, 44, 50, 255}, {90, 96, 104, 255},
     {20, 90, 180, 255}, {190, 40, 30, 255}, {255, 255, 255, 255}, {214, 210, 200, 255}},
    /* high contrast */
    {{0, 0, 0, 255}, {255, 255, 255, 255}, {255, 255, 255, 255}, {255, 255, 255, 255},
     {255, 212, 0, 255}, {255, 212, 0, 255}, {0, 0, 0, 255}, {90, 90, 90, 255}},
};

static int readable(const char *path) { return access(path, R_OK) == 0; }

/* Finds the font directory: dir when given and readable, else fonts/ beside
 * the executable (a source tree), else the installed data directory. */
static char *render_find_font_dir(const char *dir) {
    buf_t probe = BUF_INIT;
    if (dir) {
        buf_printf(&probe, "%s/NotoSans-Regular.ttf", dir);
        if (readable(probe.data)) {
            buf_free(&probe);
            return xstrdup(dir);
        }
        log_warn(MODULE, "no NotoSans-Regular.ttf in configured font directory %s", dir);
    }
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    /* A source tree (./bulletin, build/asan/bulletin) or an installed prefix. */
    const char *suffixes[] = {"/fonts", "/../fonts", "/../../fonts", "/../share/bulletin/fonts"};
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) *slash = '\0';
        for (int i = 0; i < 4; i++) {
            buf_reset(&probe);
            buf_printf(&probe, "%s%s/NotoSans-Regular.ttf", exe, suffixes[i]);
            if (readable(probe.data)) {
                buf_reset(&probe);
                buf_printf(&probe, "%s%s", exe, suffixes[i]);
                return buf_detach(&probe);
            }
        }
    }
    buf_free(&probe);
    return xstrdup(BULLETIN_DATADIR "/fonts");
}

int render_open(SDL_Renderer *r, const char *font_dir, const char *theme_name, render_t **out) {
    *out = NULL;
    if (!TTF_WasInit() && TTF_Init() != 0) {
        log_error(MODULE, "cannot start SDL_ttf: %s", TTF_GetError());
        return -1;
    }
    render_t *rd = xcalloc(1, sizeof *rd);
    rd->r = r;
    char *dir = render_find_font_dir(font_dir);
    buf_t p = BUF_INIT;
    buf_printf(&p, "%s/NotoSans-Regular.ttf", dir);
    rd->regular_path = buf_detach(&p);
    buf_printf(&p, "%s/NotoSans-Bold.ttf", dir);
    rd->bold_path = buf_detach(&p);
    free(dir);
    if (!readable(rd->regular_path)) {
        log_error(MODULE, "font %s is missing", rd->regular_path);
        render_close(rd);
        return -1;
    }
    if (!readable(rd->bold_path)) {
        free(rd->bold_path);
        rd->bold_path = xstrdup(rd->regular_path);
    }
    rd->face_regular[FACE_MAIN] = xstrdup(rd->regular_path);
    rd->face_bold[FACE_MAIN] = xstrdup(rd->bold_path);
    for (int f = 1; f < N_FACES; f++) {
        for (int i = 0; i < 3 && face_specs[f].regular[i] && !rd->face_regular[f]; i++)
            if (readable(face_specs[f].regular[i]))
                rd->face_regular[f] = xstrdup(face_specs[f].regular[i]);
        for (int i = 0; i < 3 && face_specs[f].bold[i] && !rd->face_bold[f]; i++)
            if (readable(face_specs[f].bold[i])) rd->face_bold[f] = xstrdup(face_specs[f].bold[i]);
        if (rd->face_regular[f] && !rd->face_bold[f]) rd->face_bold[f] = xstrdup(rd->face_regular[f]);
        if (!rd->face_regular[f])
            log_debug(MODULE, "no font for script %s installed; it shows as boxes",
                      face_specs[f].script);
    }
    rd->shaping = 1; /* until TTF_SetFontDirection says SDL_ttf has no HarfBuzz */
    int t = 0;
    if (theme_name && strcmp(theme_name, "light") == 0) t = 1;
    else if (theme_name && strcmp(theme_name, "contrast") == 0) t = 2;
    rd->theme = themes[t];
    *out = rd;
    return 0;
}

void render_close(render_t *rd) {
    if (!rd) return;
    for (int i = 0; i < FONT_CACHE; i++)
        if (rd->cache[i].font) TTF_CloseFont(rd->cache[i].font);
    free(rd->regular_path);
    free(rd->bold_path);
    for (int f = 0; f < N_FACES; f++) {
        free(rd->face_regular[f]);
        free(rd->face_bold[f]);
    }
    free(rd);
}

const render_theme_t *render_theme(const render_t *rd) { return &rd->theme; }

static TTF_Font *face_at(render_t *rd, int face, int px, int bold) {
    if (face < 0 || face >= N_FACES || !rd->face_regular[face]) return NULL;
    for (int i = 0; i < FONT_CACHE; i++)
        if (rd->cache[i].font && rd->cache[i].face == face && rd->cache[i].px == px &&
            rd->cache[i].bold == bold)
            return rd->cache[i].font;
    TTF_Font *f = TTF_OpenFont(bold ? rd->face_bold[face] : rd->face_regular[face], px);
    if (!f) {
        log_error(MODULE, "cannot open font at %d px: %s", px, TTF_GetError());
        return NULL;
    }
    if (TTF_SetFontScriptName(f, face_specs[face].script) != 0) rd->shaping = 0;
    cached_font_t *slot = &rd->cache[rd->next_evict];
    rd->next_evict = (rd->next_evict + 1) % FONT_CACHE;
    if (slot->font) TTF_CloseFont(slot->font);
    *slot = (cached_font_t){f, face, px, bold};
    return f;
}

static TTF_Font *font_at(render_t *rd, int px, int bold) { return face_at(rd, FACE_MAIN, px, bold); }

/* One run: a stretch of a line in one font and one direction, in visual
 * order once ordered. */
typedef struct {
    size_t start, len;   /* bytes in the line */
    int face;
    int rtl;
    int level;
} run_t;

static size_t utf8_decode(const char *s, size_t len, uint32_t *cp) {
    size_t n = charset_utf8_decode(s, len, cp);
    if (n) return n;
    *cp = 0xfffd;
    return 1;
}

static int is_neutral(uint32_t c) {
    return c == ' ' || c == 0xa0 || (c < 0x80 && !((c | 32) >= 'a' && (c | 32) <= 'z') &&
                                     !(c >= '0' && c <= '9')) ||
           c == 0xb7 || (c >= 0x2000 && c <= 0x206f);
}

/* Which face shows c: the main one when it can, else the first in the chain
 * that has the glyph (the main one, with its box, when none has). */
static int face_for(render_t *rd, uint32_t c, int px, int bold, int prefer) {
    if (prefer >= 0 && is_neutral(c)) {
        TTF_Font *f = face_at(rd, prefer, px, bold);
        if (f && TTF_GlyphIsProvided32(f, c)) return prefer;
    }
    for (int face = 0; face < N_FACES; face++) {
        TTF_Font *f = face_at(rd, face, px, bold);
        if (f && TTF_GlyphIsProvided32(f, c)) return face;
    }
    return FACE_MAIN;
}

/* Splits a line into runs by font and bidi level (FriBidi; the paragraph's
 * direction is given, or taken from the first strong character when
 * FRIBIDI_PAR_ON) and puts them in visual order.
 * Returns the number of runs (at most MAX_RUNS; the rest joins the last). */
static size_t line_runs(render_t *rd, const char *text, int px, int bold, FriBidiParType dir,
                        run_t *runs) {
    size_t len = strlen(text);
    FriBidiChar cps[MAX_LINE_CODEPOINTS];
    size_t offs[MAX_LINE_CODEPOINTS + 1];
    size_t n = 0, at = 0;
    while (at < len && n < MAX_LINE_CODEPOINTS) {
        uint32_t c;
        size_t k = utf8_decode(text + at, len - at, &c);
        offs[n] = at;
        cps[n++] = c;
        at += k;
    }
    if (n == 0) return 0;
    offs[n] = len; /* a line longer than the buffer: the rest joins the last run */
    FriBidiCharType types[MAX_LINE_CODEPOINTS];
    FriBidiBracketType brackets[MAX_LINE_CODEPOINTS];
    FriBidiLevel levels[MAX_LINE_CODEPOINTS];
    fribidi_get_bidi_types(cps, (FriBidiStrIndex)n, types);
    fribidi_get_bracket_types(cps, (FriBidiStrIndex)n, types, brackets);
    if (!fribidi_get_par_embedding_levels_ex(types, brackets, (FriBidiStrIndex)n, &dir, levels))
        memset(levels, 0, n * sizeof *levels);
    size_t nr = 0;
    int face = -1;
    for (size_t i = 0; i < n; i++) {
        int f = face_for(rd, cps[i], px, bold, face);
        if (nr == 0 || ((f != face || levels[i] != runs[nr - 1].level) && nr < MAX_RUNS)) {
            runs[nr++] = (run_t){offs[i], 0, f, levels[i] & 1, levels[i]};
            face = f;
        }
        runs[nr - 1].len = offs[i + 1] - runs[nr - 1].start;
    }
    /* Rule L2: from the highest level down to the lowest odd one, reverse
     * every stretch of runs at that level or above. */
    int max = 0, min_odd = 127;
    for (size_t i = 0; i < nr; i++) {
        if (runs[i].level > max) max = runs[i].level;
        if ((runs[i].level & 1) && runs[i].level < min_odd) min_odd = runs[i].level;
    }
    for (int lv = max; lv >= min_odd && lv > 0; lv--)
        for (size_t i = 0; i < nr;) {
            if (runs[i].level < lv) { i++; continue; }
            size_t j = i;
            while (j < nr && runs[j].level >= lv) j++;
            for (size_t a = i, b = j - 1; a < b; a++, b--) {
                run_t t = runs[a];
                runs[a] = runs[b];
                runs[b] = t;
            }
            i = j;
        }
    return nr;
}

/* Sets up the run's font for shaping and returns it. */
static TTF_Font *run_font(render_t *rd, const run_t *run, int px, int bold) {
    TTF_Font *f = face_at(rd, run->face, px, bold);
    if (f && rd->shaping &&
        TTF_SetFontDirection(f, run->rtl ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR) != 0)
        rd->shaping = 0;
    return f;
}

static int run_width(render_t *rd, const char *text, const run_t *run, int px, int bold) {
    TTF_Font *f = run_font(rd, run, px, bold);
    if (!f || run->len == 0) return 0;
    char *piece = xstrndup(text + run->start, run->len);
    int w = 0, h = 0;
    if (TTF_SizeUTF8(f, piece, &w, &h) != 0) w = 0;
    free(piece);
    return w;
}

int render_measure(void *ctx, const char *text, int px, int bold) {
    render_t *rd = ctx;
    if (!*text) return 0;
    run_t runs[MAX_RUNS];
    size_t nr = line_runs(rd, text, px, bold, FRIBIDI_PAR_ON, runs);
    int w = 0;
    for (size_t i = 0; i < nr; i++) w += run_width(rd, text, &runs[i], px, bold);
    return w;
}

static void set_color(SDL_Renderer *r, SDL_Color c) { SDL_SetRenderDrawColor(r, c.r, c.g, c.b, c.a); }

/* Draws one line run by run, each on the main face's baseline, the line
 * box (1.25 px high) centred on the main face's glyph box. */
static int draw_text(render_t *rd, const char *text, int x, int y, int px, int bold, int rtl,
                     SDL_Color color) {
    TTF_Font *main = font_at(rd, px, bold);
    if (!main || !*text) return -1;
    run_t runs[MAX_RUNS];
    size_t nr = line_runs(rd, text, px, bold, rtl ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR, runs);
    int baseline = y + (px * 5 / 4 - TTF_FontHeight(main)) / 2 + TTF_FontAscent(main);
    int pen = x;
    for (size_t i = 0; i < nr; i++) {
        TTF_Font *f = run_font(rd, &runs[i], px, bold);
        if (!f || runs[i].len == 0) continue;
        char *piece = xstrndup(text + runs[i].start, runs[i].len);
        SDL_Surface *s = TTF_RenderUTF8_Blended(f, piece, color);
        free(piece);
        if (!s) continue;
        SDL_Texture *t = SDL_CreateTextureFromSurface(rd->r, s);
        SDL_Rect dst = {pen, baseline - TTF_FontAscent(f), s->w, s->h};
        pen += s->w;
        SDL_FreeSurface(s);
        if (!t) continue;
        SDL_RenderCopy(rd->r, t, NULL, &dst);
        SDL_DestroyTexture(t);
    }
    return 0;
}

static void draw_qr(render_t *rd, const layout_box_t *box, const char *link) {
    if (!link || box->w <= 0) return;
    QRcode *qr = QRcode_encodeString(link, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!qr) return;
    int modules = qr->width + 4; /* quiet zone of two modules each side */
    int cell = box->w / modules;
    if (cell >= 1) {
        int side = cell * modules;
        int ox = box->x + box->w - side, oy = box->y + box->h - side;
        SDL_SetRenderDrawColor(rd->r, 255, 255, 255, 255);
        SDL_Rect bg = {ox, oy, side, side};
        SDL_RenderFillRect(rd->r, &bg);
        SDL_SetRenderDrawColor(rd->r, 0, 0, 0, 255);
        for (int y = 0; y < qr->width; y++)
            for (int x = 0; x < qr->width; x++)
                if (qr->data[y * qr->width + x] & 1) {
                    SDL_Rect m = {ox + (x + 2) * cell, oy + (y + 2) * cell, cell, cell};
                    SDL_RenderFillRect(rd->r, &m);
                }
    }
    QRcode_free(qr);
}

static SDL_Color accent_color(const render_t *rd, unsigned accent) {
    if (!accent) return rd->theme.accent;
    return (SDL_Color){(Uint8)(accent >> 16), (Uint8)(accent >> 8), (Uint8)accent, 255};
}

static void draw_image(render_t *rd, const layout_box_t *box, const char *path) {
    if (!path || box->w <= 0 || box->h <= 0) return;
    SDL_Surface *img = image_load_cover(path, box->w, box->h);
    if (!img) return;
    SDL_Texture *t = SDL_CreateTextureFromSurface(rd->r, img);
    SDL_FreeSurface(img);
    if (!t) return;
    SDL_Rect dst = {box->x, box->y, box->w, box->h};
    SDL_RenderCopy(rd->r, t, NULL, &dst);
    SDL_DestroyTexture(t);
}

int render_slide(render_t *rd, const layout_t *l, const render_extras_t *ex) {
    const render_theme_t *th = &rd->theme;
    set_color(rd->r, th->background);
    SDL_RenderClear(rd->r);
    SDL_Color acc = accent_color(rd, ex->accent);
    /* An accent rule beside the headline (on the side it starts from) ties
     * the slide to its source. */
    int rule_w = l->margin / 6 + 2;
    SDL_Rect rule = {l->headline_rtl ? l->headline.x + l->headline.w + l->margin * 2 / 3 - rule_w
                                     : l->margin / 3,
                     l->headline.y, rule_w, l->headline.h};
    set_color(rd->r, acc);
    SDL_RenderFillRect(rd->r, &rule);
    for (size_t i = 0; i < l->n_lines; i++) {
        const layout_line_t *ln = &l->lines[i];
        SDL_Color c = ln->role == LAYOUT_HEADLINE ? th->headline
                      : ln->role == LAYOUT_POINT  ? th->text
                      : ln->role == LAYOUT_BULLET ? acc
                                                  : th->meta;
        draw_text(rd, ln->text, ln->x, ln->y, ln->px, ln->bold, ln->rtl, c);
    }
    draw_image(rd, &l->image, ex->image_path);
    if (l->qr.w > 0) draw_qr(rd, &l->qr, ex->link);
    if (ex->badge && *ex->badge) {
        int px = l->meta_px;
        int w = render_measure(rd, ex->badge, px, 1);
        int pad = px / 2;
        SDL_Rect b = {l->badge.x, l->badge.y, w + 2 * pad, l->badge.h};
        set_color(rd->r, th->badge_bg);
        SDL_RenderFillRect(rd->r, &b);
        draw_text(rd, ex->badge, b.x + pad, b.y + pad / 2, px, 1, layout_text_rtl(ex->badge),
                  th->badge_fg);
    }
    return 0;
}

void render_progress(render_t *rd, const layout_t *l, double fraction) {
    if (fraction < 0) fraction = 0;
    if (fraction > 1) fraction = 1;
    const layout_box_t *p = &l->progress;
    SDL_Rect track = {p->x, p->y, p->w, p->h};
    set_color(rd->r, rd->theme.track);
    SDL_RenderFillRect(rd->r, &track);
    SDL_Rect done = {p->x, p->y, (int)(p->w * fraction), p->h};
    set_color(rd->r, rd->theme.accent);
    SDL_RenderFillRect(rd->r, &done);
}

void render_copy_turned(SDL_Renderer *r, SDL_Texture *t, int rotation, int out_w, int out_h,
                        int dx, int dy) {
    int tw = 0, th = 0;
    if (SDL_QueryTexture(t, NULL, NULL, &tw, &th) != 0) return;
    SDL_Rect dst = {(out_w - tw) / 2 + dx, (out_h - th) / 2 + dy, tw, th};
    if (rotation == 0) SDL_RenderCopy(r, t, NULL, &dst);
    else SDL_RenderCopyEx(r, t, NULL, &dst, (double)rotation, NULL, SDL_FLIP_NONE);
}
