/* image_internal.h - what image.c exposes to its own tests only.
 *
 * Contract: these are image.c's helpers, kept out of image.h because no other
 * module calls them; tests/test_arch.c fails when a module other than
 * image includes this header. The tests call them to check the pieces alone.
 */
#ifndef BULLETIN_IMAGE_INTERNAL_H
#define BULLETIN_IMAGE_INTERNAL_H

#include "image.h"

/* The type the magic bytes say, whatever a header or name claims. */
image_kind_t image_sniff(const unsigned char *data, size_t len);
/* NULL when data is a PNG/JPEG/WebP within the caps (*w, *h set), else why not. */
const char *image_check(const unsigned char *data, size_t len, int *w, int *h);

#endif
