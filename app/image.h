/* image.h - lead images: what may be shown, read with bounded memory.
 *
 * Contract: image_local_path tells whether an image URL names a local file
 * the display may read itself: only file: URLs (file:///path or file:/path)
 * of feeds configured as local. It returns the path (malloc'd) or NULL.
 * Remote (http/https) images are shown only from the fetch worker's cache
 * (imgcache.h); the display never touches the network. Both processes
 * agree on the cache's names here: image_cache_dir is the directory beside
 * the store (/var/lib/bulletin/bulletin.db -> /var/lib/bulletin/
 * bulletin-images), image_cache_file a URL's file in it (the first 128 bits
 * of the URL's SHA-256 in hex, then .img), and image_cached_path that file
 * when it exists and its header reads as an image we show, else NULL (also
 * for non-http(s) URLs): a damaged file drops the image box, not the slide.
 *
 * Every image, local or fetched, passes the same gate before decoding:
 * image_check reads the type from the magic bytes (PNG, JPEG or WebP: a
 * Content-Type header or file name is never believed) and the pixel size
 * from the header, and refuses more than IMAGE_MAX_SIDE a side or
 * IMAGE_MAX_PIXELS in all. image_decode runs that gate, decodes (SDL2_image:
 * libpng, libjpeg-turbo, libwebp) and checks the decoded surface against
 * the same caps, so a header that lies cannot get a bigger picture through.
 * Both return NULL on success / failure respectively with a one-line reason.
 * image_load_cover decodes the file at path (at most IMAGE_MAX_BYTES) and
 * returns a w x h ARGB8888 surface filled with it (scaled to cover, centred,
 * cropped), or NULL (logged at debug level): the slide is then drawn without
 * it. Meant to run once per slide, when the slide's texture is prepared.
 */
#ifndef BULLETIN_IMAGE_H
#define BULLETIN_IMAGE_H

#include <SDL.h>

#define IMAGE_MAX_BYTES (8 * 1024 * 1024)
#define IMAGE_MAX_SIDE 8192
#define IMAGE_MAX_PIXELS (24L * 1000 * 1000)

typedef enum { IMAGE_UNKNOWN = 0, IMAGE_PNG, IMAGE_JPEG, IMAGE_WEBP } image_kind_t;

#define IMAGE_CACHE_NAME_HEX 32

char *image_local_path(const char *url, int feed_is_local);
/* All malloc'd. */
char *image_cache_dir(const char *store_path);
/* The cache's name for url: the first 128 bits of its SHA-256, in hex. */
void image_cache_name(const char *url, char name[IMAGE_CACHE_NAME_HEX + 1]);
char *image_cache_file(const char *dir, const char *url);
char *image_cached_path(const char *store_path, const char *url);
/* The decoded picture (any SDL format), or NULL with *why set. */
SDL_Surface *image_decode(const unsigned char *data, size_t len, const char **why);
SDL_Surface *image_load_cover(const char *path, int w, int h);

#endif
