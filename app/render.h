/* render.h - draws a laid-out slide with SDL2 and SDL2_ttf.
 *
 * Contract: render_open finds the bundled fonts (the configured directory,
 * else next to the executable, else the installed data directory) and keeps
 * them open at the sizes asked for (a bounded cache). Text goes through a font
 * chain: the bundled Noto Sans, then installed system fonts for what it
 * lacks (Noto Sans Arabic, Hebrew, a CJK font; each probed and skipped when
 * missing). A line is split into runs by font and FriBidi level, the runs put
 * in visual order, each shaped by HarfBuzz (through SDL_ttf) with its script
 * and direction. render_measure is a layout_measure_fn over the same runs.
 * The lead image is decoded and scaled (image.h) while the slide is drawn. render_slide draws the background, the
 * text lines, the QR code of the link (when the layout has room for one) and
 * an optional badge into the renderer's current target; render_progress draws
 * the progress bar alone, so a caller can keep the rest in a texture and
 * redraw only the bar. Returns 0, or -1 with the SDL error logged.
 * render_copy_turned puts a picture on a screen mounted turned (rotation).
 */
#ifndef BULLETIN_RENDER_H
#define BULLETIN_RENDER_H

#include <SDL.h>

#include "layout.h"

typedef struct render render_t;

typedef struct {
    SDL_Color background, headline, text, meta, accent, badge_bg, badge_fg, track;
} render_theme_t;

int render_open(SDL_Renderer *r, const char *font_dir, const char *theme_name, render_t **out);
void render_close(render_t *rd);
int render_measure(void *rd, const char *text, int px, int bold);
typedef struct {
    const char *link;        /* for the QR code, or NULL */
    unsigned accent;         /* 0xRRGGBB, 0: the theme's */
    const char *badge;       /* NULL: none */
    const char *image_path;  /* a local file for the layout's image box, or NULL */
} render_extras_t;

int render_slide(render_t *rd, const layout_t *l, const render_extras_t *extras);
void render_progress(render_t *rd, const layout_t *l, double fraction);
const render_theme_t *render_theme(const render_t *rd);

/* Copies a picture texture onto an out_w x out_h output turned by rotation
 * (0, 90, 180 or 270 degrees clockwise: a quarter turn expects the
 * texture's sides swapped), centred and moved by dx, dy. */
void render_copy_turned(SDL_Renderer *r, SDL_Texture *t, int rotation, int out_w, int out_h,
                        int dx, int dy);

#endif
