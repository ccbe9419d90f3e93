/* textinput.h - an article file as the summarizer commands read it.
 *
 * Contract: textinput_load reads FILE (or "-" for stdin, at most
 * TEXTINPUT_MAX_BYTES) and gives its plain text, title and language: HTML
 * goes through extract_page (extract.h); when the extractor declines, the
 * whole page goes through htmltext_to_plain (htmltext.h) so the text still
 * reads. For plain text
 * the title is a first line without end punctuation followed by a blank
 * line, if there is one. Returns 0, or -1 with a message in err.
 */
#ifndef BULLETIN_TEXTINPUT_H
#define BULLETIN_TEXTINPUT_H

#include <stddef.h>

#include "buf.h"

#define TEXTINPUT_MAX_BYTES (16u << 20)

typedef struct {
    char *text;
    char *title; /* NULL when none */
    char *lang;  /* NULL when unknown */
    char *url;   /* NULL when unknown */
    char *site_name;
} textinput_t;

int textinput_load(const char *path, textinput_t *out, buf_t *err);
void textinput_free(textinput_t *t);

#endif
