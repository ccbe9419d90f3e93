/* render.h - draws a laid-out slide with SDL2 and SDL2_ttf.
 *
 * Contract: render_open finds the bundled fonts (the configured directory,
 * else next to the executable, else the installed data directory) and keeps
 * them open at the sizes asked for (a bounded cache). render_measure is a
 * layout_measure_fn over those fonts. render_slide draws the background, the
 * text lines, the QR code of the link (when the layout has room for one) and
 * an optional badge into the renderer's current target; render_progress draws
 * the progress bar alone, so a caller can keep the rest in a texture and
 * redraw only the bar. Returns 0, or -1 with the SDL error logged.
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
/* accent: 0xRRGGBB or 0 for the theme's. badge: NULL for none. */
int render_slide(render_t *rd, const layout_t *l, const char *link, unsigned accent,
                 const char *badge);
void render_progress(render_t *rd, const layout_t *l, double fraction);
const render_theme_t *render_theme(const render_t *rd);

/* Finds the font directory: dir when given and readable, else fonts/ beside
 * the executable (a source tree), else the installed data directory. */
char *render_find_font_dir(const char *dir);

#endif
