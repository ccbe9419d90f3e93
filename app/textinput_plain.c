/* textinput_plain.c - textinput_load of the front end, which reads plain
 * text only (see textinput.h): linked into `bulletin` instead of
 * textinput_html.c, so it needs no HTML parser. */
#include <string.h>

#include "textinput.h"

int textinput_load(const char *path, textinput_t *out, buf_t *err) {
    memset(out, 0, sizeof *out);
    if (strcmp(path, "-") == 0) return TEXTINPUT_ELSEWHERE; /* read once, by bulletin-text */
    buf_t raw = BUF_INIT;
    int rc = textinput_read(path, out, &raw, err);
    buf_free(&raw);
    return rc == TEXTINPUT_HTML ? TEXTINPUT_ELSEWHERE : rc;
}
