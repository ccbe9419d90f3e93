/* render.c - see render.h. */
#include "render.h"

#include <SDL_ttf.h>
#include <limits.h>
#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "log.h"

#define MODULE "render"
#define FONT_CACHE 24
#ifndef BULLETIN_DATADIR
#define BULLETIN_DATADIR "/usr/local/share/bulletin"
#endif

typedef struct {
    TTF_Font *font;
    int px;
    int bold;
} cached_font_t;

struct render {
    SDL_Renderer *r;
    char *regular_path;
    char *bold_path;
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

char *render_find_font_dir(const char *dir) {
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
    free(rd);
}

const render_theme_t *render_theme(const render_t *rd) { return &rd->theme; }

static TTF_Font *font_at(render_t *rd, int px, int bold) {
    for (int i = 0; i < FONT_CACHE; i++)
        if (rd->cache[i].font && rd->cache[i].px == px && rd->cache[i].bold == bold)
            return rd->cache[i].font;
    TTF_Font *f = TTF_OpenFont(bold ? rd->bold_path : rd->regular_path, px);
    if (!f) {
        log_error(MODULE, "cannot open font at %d px: %s", px, TTF_GetError());
        return NULL;
    }
    cached_font_t *slot = &rd->cache[rd->next_evict];
    rd->next_evict = (rd->next_evict + 1) % FONT_CACHE;
    if (slot->font) TTF_CloseFont(slot->font);
    *slot = (cached_font_t){f, px, bold};
    return f;
}

int render_measure(void *ctx, const char *text, int px, int bold) {
    render_t *rd = ctx;
    TTF_Font *f = font_at(rd, px, bold);
    int w = 0, h = 0;
    if (!f || !*text) return 0;
    if (TTF_SizeUTF8(f, text, &w, &h) != 0) return 0;
    return w;
}

static void set_color(SDL_Renderer *r, SDL_Color c) { SDL_SetRenderDrawColor(r, c.r, c.g, c.b, c.a); }

static int draw_text(render_t *rd, const char *text, int x, int y, int px, int bold,
                     SDL_Color color) {
    TTF_Font *f = font_at(rd, px, bold);
    if (!f || !*text) return -1;
    SDL_Surface *s = TTF_RenderUTF8_Blended(f, text, color);
    if (!s) return -1;
    SDL_Texture *t = SDL_CreateTextureFromSurface(rd->r, s);
    /* Centre the glyph box in the line box (line height is 1.25 px). */
    SDL_Rect dst = {x, y + (px * 5 / 4 - s->h) / 2, s->w, s->h};
    SDL_FreeSurface(s);
    if (!t) return -1;
    SDL_RenderCopy(rd->r, t, NULL, &dst);
    SDL_DestroyTexture(t);
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

int render_slide(render_t *rd, const layout_t *l, const char *link, unsigned accent,
                 const char *badge) {
    const render_theme_t *th = &rd->theme;
    set_color(rd->r, th->background);
    SDL_RenderClear(rd->r);
    SDL_Color acc = accent_color(rd, accent);
    /* An accent rule left of the headline ties the slide to its source. */
    SDL_Rect rule = {l->margin / 3, l->headline.y, l->margin / 6 + 2, l->headline.h};
    set_color(rd->r, acc);
    SDL_RenderFillRect(rd->r, &rule);
    for (size_t i = 0; i < l->n_lines; i++) {
        const layout_line_t *ln = &l->lines[i];
        SDL_Color c = ln->role == LAYOUT_HEADLINE ? th->headline
                      : ln->role == LAYOUT_POINT  ? th->text
                      : ln->role == LAYOUT_BULLET ? acc
                                                  : th->meta;
        draw_text(rd, ln->text, ln->x, ln->y, ln->px, ln->bold, c);
    }
    if (l->qr.w > 0) draw_qr(rd, &l->qr, link);
    if (badge && *badge) {
        int px = l->meta_px;
        int w = render_measure(rd, badge, px, 1);
        int pad = px / 2;
        SDL_Rect b = {l->badge.x, l->badge.y, w + 2 * pad, l->badge.h};
        set_color(rd->r, th->badge_bg);
        SDL_RenderFillRect(rd->r, &b);
        draw_text(rd, badge, b.x + pad, b.y + pad / 2, px, 1, th->badge_fg);
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
