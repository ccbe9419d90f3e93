/* summarize.h - the headline points of an article: 3-5 short sentences a
 * passer-by reads in ten seconds.
 *
 * Contract: summarize_points takes plain UTF-8 text (invalid bytes are
 * repaired), an optional title and language hint ("en", "de", ... or NULL to
 * detect), and returns up to opts->max_points points, each at most
 * opts->max_words words and opts->max_chars characters (the article's lead
 * sentence: opts->lead_words / lead_chars when larger), never cut inside a
 * word or a number. Same input, same output. Returns 0 and sets *points
 * (an array of *n_points malloc'd strings; free with summarize_points_free),
 * or -1 on failure (no text at all). Never touches the network or the disk.
 *
 * Pipeline (see docs/summarizer.md): normalize (utf8text), split
 * (sentence), drop page furniture (noise, plus duplicates and teasers
 * found here), score each sentence by position, centrality (PacSum-style
 * directed TF-IDF similarity), similarity to the title, and informative
 * words, numbers and names; pick with MMR so points do not repeat each other,
 * preferring sentences that stand alone; shape each for the screen (shape);
 * print them in document order, the order a reporter wrote them in.
 *
 * IDF: opts->idf, when set, gives document frequencies of terms from a
 * corpus (the store); terms are what summarize_terms produces (lower-case
 * Snowball stems). Without it a small built-in background table is used.
 * df is asked at most once per term per call.
 *
 * summarize_story does the same over several articles about one event: the
 * points come from all of them, with the source of each point, and the
 * headline is the most representative title cleaned of site names.
 */
#ifndef BULLETIN_SUMMARIZE_H
#define BULLETIN_SUMMARIZE_H

#include <stddef.h>

typedef struct {
    double n_docs; /* documents in the corpus */
    /* documents holding term (len bytes, not NUL-terminated); 0 when unseen */
    double (*df)(const void *ctx, const char *term, size_t len);
    const void *ctx;
} summarize_idf_t;

typedef struct {
    int max_points;  /* default 4 */
    int min_points;  /* default 3, when the text has that many */
    int max_words;   /* default 24 */
    int max_chars;   /* default 150 */
    /* a single article's lead sentence (what happened) as a point: up to
     * this many words / characters when larger than the above (default 28
     * / 175; 0: the same limits as the other points) */
    int lead_words;
    int lead_chars;
    const char *lang;
    const summarize_idf_t *idf; /* NULL: the built-in background table */
    /* 1: no reuse of work within a call (each candidate shaped afresh
     * every time it is needed); the same output, slower. For tests. */
    int no_memo;
} summarize_opts_t;

/* Two points say the same thing when this share of the content words
 * (summarize_terms) of the shorter one is in the other: the summarizer
 * never gives two such points, for one article or one story. */
#define SUMMARIZE_SAME_FACT 0.5

void summarize_opts_default(summarize_opts_t *o);
int summarize_points(const char *text, const char *title, const summarize_opts_t *opts,
                     char ***points, size_t *n_points);
void summarize_points_free(char **points, size_t n_points);

/* Calls fn once per term of text (in order, repeats included), as the
 * summarizer sees them: for counting document frequencies in a corpus.
 * lang NULL: detected. */
void summarize_terms(const char *text, const char *lang,
                     void (*fn)(void *ctx, const char *term, size_t len), void *ctx);

/* ---------------------------------------------------------------- stories */
typedef struct {
    const char *text;
    const char *title;
    const char *lang;
} summarize_doc_t;

typedef struct {
    char *text;
    size_t doc; /* index of the source document */
} summarize_story_point_t;

/* Points of one story told by n_docs articles; *headline (malloc'd, may be
 * NULL when no document has a title); *lead_doc (may be NULL): the document
 * whose title became the headline, else 0. Returns 0, or -1 when no
 * document has any text. */
int summarize_story(const summarize_doc_t *docs, size_t n_docs, const summarize_opts_t *opts,
                    summarize_story_point_t **points, size_t *n_points, char **headline,
                    size_t *lead_doc);
void summarize_story_points_free(summarize_story_point_t *points, size_t n);

#endif
