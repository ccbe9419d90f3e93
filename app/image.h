/* image.h - a slide's lead image, decoded with bounded memory.
 *
 * Contract: image_local_path tells whether an image URL may be shown: only
 * file: URLs (file:///path or file:/path) of feeds configured as local,
 * because the display never waits on the network (remote images would need
 * the fetch worker to cache them first: not done yet). It returns the path
 * (malloc'd) or NULL.
 * image_load_cover decodes PNG or JPEG at path - refusing files over
 * IMAGE_MAX_BYTES and pictures over IMAGE_MAX_SIDE pixels a side, read from
 * the header before decoding - and returns a w x h ARGB8888 surface filled
 * with it (scaled to cover, centred, cropped). Returns NULL (logged at debug
 * level) when the image cannot be shown; the slide is then drawn without it.
 * Meant to run once per slide, when the slide's texture is prepared.
 */
#ifndef BULLETIN_IMAGE_H
#define BULLETIN_IMAGE_H

#include <SDL.h>

#define IMAGE_MAX_BYTES (8 * 1024 * 1024)
#define IMAGE_MAX_SIDE 6000

char *image_local_path(const char *url, int feed_is_local);
/* Reads the pixel size from a PNG or JPEG header; 0, or -1 when unknown. */
int image_probe(const unsigned char *data, size_t len, int *w, int *h);
SDL_Surface *image_load_cover(const char *path, int w, int h);

#endif
