/* summarize.h - the headline points of an article: 3-5 short sentences a
 * passer-by reads in ten seconds.
 *
 * Contract: summarize_points takes plain UTF-8 text (invalid bytes are
 * repaired), an optional title and language hint ("en", "de", ... or NULL to
 * detect), and returns up to opts->max_points points, each at most
 * opts->max_words words and opts->max_chars characters, never cut inside a
 * word or a number. Same input, same output. Returns 0 and sets *points
 * (an array of *n_points malloc'd strings; free with summarize_points_free),
 * or -1 on failure (no text at all). Never touches the network or the disk.
 */
#ifndef BULLETIN_SUMMARIZE_H
#define BULLETIN_SUMMARIZE_H

#include <stddef.h>

typedef struct {
    int max_points;  /* default 4 */
    int min_points;  /* default 3, when the text has that many */
    int max_words;   /* default 25 */
    int max_chars;   /* default 160 */
    const char *lang;
} summarize_opts_t;

void summarize_opts_default(summarize_opts_t *o);
int summarize_points(const char *text, const char *title, const summarize_opts_t *opts,
                     char ***points, size_t *n_points);
void summarize_points_free(char **points, size_t n_points);

#endif
