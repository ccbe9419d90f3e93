/* noise.h - tell the article's own sentences from page furniture.
 *
 * Contract: noise_classify looks at one sentence (UTF-8, normalized by
 * utf8text_normalize) and its layout flags from sentence.h, and says
 * whether it is a sign-off or call to action ("For more updates, visit
 * ...", "Read more", "Scroll down for video"), a byline or dateline line
 * ("By Jane Roe", "Published: ..."), a photo caption ("Pictured: ...",
 * "Label: text" without end punctuation, a long line without end
 * punctuation), a heading (a short line without end punctuation) or a
 * fragment too short to stand alone. Document-level noise (duplicates,
 * teasers of other stories) is found by the summarizer, which sees the
 * whole text. noise_lead_skip gives the length of a dateline opening a
 * sentence ("LONDON (Reuters) - ", "(CNN) -- ", "BRUSSELS - ") or of a label
 * in capitals run into it ("BALL OF THE CENTURY Benaud was …") so it can be
 * left out.
 * noise_cut_markers rewrites a text so that markers run into it ("Scroll
 * down for video") become line breaks. Pure functions.
 */
#ifndef BULLETIN_NOISE_H
#define BULLETIN_NOISE_H

#include <stddef.h>

#include "buf.h"
#include "lang.h"
#include "utf8text.h"

enum noise_kind {
    NOISE_NONE = 0,
    NOISE_DUPLICATE,
    NOISE_HEADING,
    NOISE_CAPTION,
    NOISE_TEASER,
    NOISE_SIGNOFF,
    NOISE_BYLINE,
    NOISE_FRAGMENT,
};

enum noise_kind noise_classify(const char *s, size_t len, unsigned sentence_flags);
/* The same, given the sentence's tokens (utf8text_next_token over s[0,len),
 * n of them), for a caller that needs them too. */
enum noise_kind noise_classify_tokens(const char *s, size_t len, unsigned sentence_flags,
                                      const utf8text_token_t *toks, size_t n);
size_t noise_lead_skip(const char *s, size_t len);
/* A photo caption run into the sentence after it without end punctuation
 * ("... a hidden camera in the bathroom A Pennsylvania man was arrested
 * ..."): the offset where the sentence starts (a capitalized stopword,
 * number word or quantifier, "Two", "Dozens", "Many", after a lower-case
 * word that is neither a stopword nor a speech verb, with four words or
 * more before it and five
 * after; after a photo's location mark, "(left)", "(pictured)", also a
 * name followed by a lower-case word: "... (left) was also at the
 * hearing Allen also spent ..."), else 0. */
size_t noise_caption_runin(const char *s, size_t len, const wordset_t *stop, const wordset_t *speech);
/* Is s[0,len) half a quotation? NOISE_QUOTE_OPEN: a quote opens and is
 * not closed ("He said: 'We found 102 arrows."; it goes on in the next
 * sentence), NOISE_QUOTE_CLOSE: a quote closes that opened before it
 * ("It was the best day,' she wrote."), else 0. Double quotes (straight or
 * curly) and single quotes at word edges; a possessive ("the fans' bus")
 * and a spaced "' " after a word without an open quote are no quotes. */
#define NOISE_QUOTE_OPEN 1
#define NOISE_QUOTE_CLOSE 2
int noise_half_quote(const char *s, size_t len);
/* Appends text to out with inline markers replaced by line breaks. */
void noise_cut_markers(const char *text, size_t len, buf_t *out);

#endif
