/* textinput_html.c - textinput_load with HTML (see textinput.h). */
#include <string.h>

#include "extract.h"
#include "htmltext.h"
#include "textinput.h"

int textinput_load(const char *path, textinput_t *out, buf_t *err) {
    buf_t raw = BUF_INIT;
    int rc = textinput_read(path, out, &raw, err);
    if (rc == TEXTINPUT_HTML) {
        extract_result_t r;
        memset(&r, 0, sizeof r);
        buf_t xerr = BUF_INIT;
        if (raw.len <= EXTRACT_MAX_BYTES &&
            extract_page(raw.data, raw.len, NULL, NULL, &r, &xerr) == 0 && r.text && *r.text) {
            out->text = xstrdup(r.text);
            out->title = r.title && *r.title ? xstrdup(r.title) : NULL;
            out->lang = r.lang && *r.lang ? xstrdup(r.lang) : NULL;
            out->url = r.url && *r.url ? xstrdup(r.url) : NULL;
            out->site_name = r.site_name && *r.site_name ? xstrdup(r.site_name) : NULL;
            extract_free(&r);
        } else {
            extract_free(&r);
            out->text = htmltext_to_plain(raw.data, raw.len);
        }
        buf_free(&xerr);
        rc = 0;
    }
    buf_free(&raw);
    return rc;
}
