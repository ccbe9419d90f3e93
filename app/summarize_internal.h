/* summarize_internal.h - what summarize.c exposes to its own tests only.
 *
 * Contract: summarize_background_each calls fn once for each word of the
 * built-in IDF background (docs/summarizer.md), with the English Snowball
 * stem written beside it in the source (the word itself when the stem is
 * the same); a test checks each against the stemmer, so the table built
 * from it without stemming is the one stemming would build.
 */
#ifndef BULLETIN_SUMMARIZE_INTERNAL_H
#define BULLETIN_SUMMARIZE_INTERNAL_H

#include <stddef.h>

void summarize_background_each(void (*fn)(const char *word, size_t wlen, const char *stem,
                                          size_t slen));

#endif
