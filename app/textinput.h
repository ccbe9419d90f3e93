/* textinput.h - an article file as the summarizer commands read it.
 *
 * Contract: textinput_load reads FILE (or "-" for stdin, at most
 * TEXTINPUT_MAX_BYTES) and gives its plain text, title and language: HTML
 * goes through extract_page (extract.h); when the extractor declines, the
 * whole page goes through htmltext_to_plain (htmltext.h) so the text still
 * reads. For plain text the title is a first line without end punctuation
 * followed by a blank line, if there is one. Returns 0, or -1 with a
 * message in err. Two implementations: textinput_html.c (every executable
 * but the front end) and textinput_plain.c (the front end `bulletin`, which
 * links no HTML parser, helper.h): there it returns TEXTINPUT_ELSEWHERE,
 * having read nothing, for stdin, and for a file that is HTML; the command
 * then runs in bulletin-text.
 *
 * textinput_read (textinput.c, the part both share) reads FILE and checks
 * it is text (not empty, no NUL byte; else -1 and err). Plain text fills
 * *out (text and title) and returns 0; HTML leaves its bytes in *raw and
 * returns TEXTINPUT_HTML.
 */
#ifndef BULLETIN_TEXTINPUT_H
#define BULLETIN_TEXTINPUT_H

#include <stddef.h>

#include "buf.h"

#define TEXTINPUT_MAX_BYTES (16u << 20)
#define TEXTINPUT_HTML 1
#define TEXTINPUT_ELSEWHERE 2

typedef struct {
    char *text;
    char *title; /* NULL when none */
    char *lang;  /* NULL when unknown */
    char *url;   /* NULL when unknown */
    char *site_name;
} textinput_t;

int textinput_load(const char *path, textinput_t *out, buf_t *err);
int textinput_read(const char *path, textinput_t *out, buf_t *raw, buf_t *err);
void textinput_free(textinput_t *t);

#endif
