/* placeholder until feed.c lands */
#include "feed.h"
int feed_parse(const char *data, size_t len, const char *url, const char *content_type,
               feed_t *out, buf_t *err) {
    (void)data; (void)len; (void)url; (void)content_type; (void)out;
    buf_puts(err, "feed parser not built yet");
    return -1;
}
void feed_free(feed_t *f) { (void)f; }
