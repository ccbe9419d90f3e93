/* sentence.h - split normalized text into sentences.
 *
 * Contract: sentence_split takes text already passed through
 * utf8text_normalize and returns the sentences as byte ranges into it, in
 * order, each trimmed and non-empty (*out malloc'd; free() it). It ends a
 * sentence at . ! ? or an ellipsis followed by a space and a word that can
 * start one, and at the end of a line (a line without end punctuation is a
 * heading or a caption; a hard-wrapped line, long and followed by a line
 * starting in lower case, is joined instead). It does not break after
 * titles ("Mr.", "Gen."), initials ("J.D. Vance", "U. S. ."), or inside
 * numbers, URLs or e-mail addresses ("$65.9", "3.5%", "example.com"), nor
 * before a lower-case word ("… option.” he said"). After an abbreviation
 * that may end a sentence ("Inc.", "Feb.", "U.S.", "No.") it breaks only
 * when a capitalized stopword follows ("… in the U.S. The …"); so does a
 * number in German, where "3." is an ordinal ("am 3. März"). A short
 * attribution fragment left by garbled scraping ("S. Pete Hegseth, the
 * defense secretary, said.") is joined to the sentence before it.
 * The rules are per language (sentence_rules_init); no global state.
 */
#ifndef BULLETIN_SENTENCE_H
#define BULLETIN_SENTENCE_H

#include <stddef.h>

#include "lang.h"

enum {
    SENTENCE_TERMINATED = 1, /* ends with . ! ? or an ellipsis (maybe before a quote) */
    SENTENCE_LINE_START = 2, /* first sentence of its line */
    SENTENCE_LINE_END = 4,   /* last sentence of its line */
    SENTENCE_PARA_START = 8, /* first sentence of its paragraph */
};

typedef struct {
    size_t start, len; /* bytes in the text */
    size_t para;       /* paragraph number, from 0 (blank lines separate them) */
    size_t line;       /* line number, from 0 */
    unsigned flags;
} sentence_t;

typedef struct {
    wordset_t titles;
    wordset_t abbrevs;
    wordset_t starters; /* stopwords and openers: words that can begin a sentence */
    wordset_t speech;
    int ordinal_dot; /* "am 3. März": a number with a dot may be an ordinal (German) */
} sentence_rules_t;

void sentence_rules_init(sentence_rules_t *rules, lang_id_t lang);
void sentence_rules_free(sentence_rules_t *rules);

/* Returns the number of sentences (0 for an empty text; *out is then NULL). */
size_t sentence_split(const char *text, size_t len, const sentence_rules_t *rules,
                      sentence_t **out);

#endif
