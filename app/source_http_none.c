/* source_http_none.c - source_read_http where no network code is linked
 * (the `bulletin` front end, helper.h): the caller hands the command to
 * bulletin-fetch. Not part of the library the tests link. */
#include "source.h"

int source_read_http(const char *url, size_t max_bytes, source_t *out, buf_t *err) {
    (void)url;
    (void)max_bytes;
    (void)out;
    (void)err;
    return SOURCE_NEEDS_NETWORK;
}
