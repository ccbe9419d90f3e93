/* shape.h - fit one sentence on a wall screen.
 *
 * Contract: shape_point returns a malloc'd copy of sentence s (normalized
 * UTF-8) cleaned for display and at most max_words words (split on spaces)
 * and max_chars characters (code points). Cleaning: an opening dateline
 * ("LONDON (Reuters) - ") and a leading connective followed by a comma
 * ("However, ") are dropped, scraping garble is repaired ("U. S. ." ->
 * "U.S.", a stray " ." removed, ".”." -> ".”"). When the sentence is too
 * long it is shortened in this order, stopping as soon as it fits: drop an
 * attribution tail (", he said." / ",” she told reporters." / ", according
 * to ..."), drop parentheticals and dash asides, and only then cut at the
 * last clause boundary or word boundary that fits, never inside a word or a
 * number and never between two capitalized words of a name, marking the cut
 * with "…". A point that would say nothing is "" (empty): English, when
 * the cut that fits ends on the comma before the main verb ("The picture,
 * taken by … as the volcano spews ash, | reveals …": a subject without its
 * verb) or a "…" cut ends inside the opening subordinate clause
 * (shape_lacks_main_clause). Deterministic; the language gives the
 * connectives and speech verbs.
 */
#ifndef BULLETIN_SHAPE_H
#define BULLETIN_SHAPE_H

#include <stddef.h>

#include "lang.h"

char *shape_point(const char *s, size_t len, int max_words, int max_chars, lang_id_t lang);

/* The word lists of one language, built once for many sentences. */
typedef struct {
    lang_id_t lang;
    wordset_t openers, speech, stop, leads, clauses, finite, ends_ok, preps;
} shape_ctx_t;

void shape_ctx_init(shape_ctx_t *c, lang_id_t lang);
void shape_ctx_free(shape_ctx_t *c);
char *shape_point_ctx(const shape_ctx_t *c, const char *s, size_t len, int max_words, int max_chars);

/* Two points from one long sentence: when s[0,len) has more than
 * max_words words and joins two clauses that each stand alone ("…; the
 * second …", "…, and the council …", "…, but the owner …"), returns the end
 * of the first (before its comma or semicolon) and sets *tail to where the
 * second starts (after "and" / "but"); else 0. The second must open with
 * its own subject (a capitalized word, a number, "the", "a", "his", …),
 * not a pronoun or connective. English only. */
size_t shape_split_clauses(const shape_ctx_t *c, const char *s, size_t len, int max_words, size_t *tail);

/* Is point p[0,len) (as shape_point_ctx returned it) cut with "…" inside
 * its opening subordinate clause, so that it has no main clause ("After the
 * forward posted a video of himself in Paris…", "To satisfy that appetite
 * for every snippet…")? English: it opens with a word of c->clauses, "if"
 * or "to", and no verb follows the comma (or dash) that closes that clause,
 * if one does. Such a point says nothing; the summarizer does not show it. */
int shape_lacks_main_clause(const shape_ctx_t *c, const char *p, size_t len);

/* Words (space-separated) and characters (code points) of a string. */
size_t shape_count_words(const char *s, size_t len);
size_t shape_count_chars(const char *s, size_t len);

#endif
