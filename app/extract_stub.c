/* placeholder until extract.c lands */
#include "extract.h"
int extract_page(const char *html, size_t len, const char *url, const char *content_type,
                 extract_result_t *out, buf_t *err) {
    (void)html; (void)len; (void)url; (void)content_type; (void)out;
    buf_puts(err, "extractor not built yet");
    return -1;
}
void extract_free(extract_result_t *r) { (void)r; }
