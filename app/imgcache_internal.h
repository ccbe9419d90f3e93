/* imgcache_internal.h - what imgcache.c exposes to its own tests only.
 *
 * Contract: these are imgcache.c's helpers, kept out of imgcache.h because no other
 * module calls them; tests/test_arch.c fails when a module other than
 * imgcache includes this header. The tests call them to check the pieces alone.
 */
#ifndef BULLETIN_IMGCACHE_INTERNAL_H
#define BULLETIN_IMGCACHE_INTERNAL_H

#include "imgcache.h"

/* Validates, scales and stores data as url's image in dir. 0 on success
 * (*written = the file's size), -1 with the reason in why. */
int imgcache_put(const char *dir, const char *url, const unsigned char *data, size_t len,
                 const imgcache_opts_t *opts, long *written, buf_t *why);

#endif
