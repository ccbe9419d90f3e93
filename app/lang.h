/* lang.h - what the summarizer knows about each language it reads.
 *
 * Contract: eight languages (English, German, French, Spanish, Italian,
 * Dutch, Portuguese, Swedish), each with its Snowball stemmer name, a
 * stopword list, the abbreviations that never end a sentence (titles
 * before a name: "Mr.", "Dr.", "Gen."), those that may ("Inc.", "Feb.",
 * "No."), the words that make a sentence lean on the one before it
 * (pronouns, connectives), the verbs of an attribution tail ("said"), and
 * what sentence compression needs: the first words of leading adverbials
 * and of trailing clauses, auxiliaries, and the stopwords a sentence may end
 * on.
 * Lists are constant, lower case, space-separated; wordset_t turns one into
 * a small hash set for fast look-up. lang_detect picks the language whose
 * stopwords cover most of the text's first words (English when none fits).
 */
#ifndef BULLETIN_LANG_H
#define BULLETIN_LANG_H

#include <stddef.h>

typedef enum { LANG_EN, LANG_DE, LANG_FR, LANG_ES, LANG_IT, LANG_NL, LANG_PT, LANG_SV, LANG_COUNT } lang_id_t;

typedef struct {
    const char *code;      /* ISO 639-1: "en" */
    const char *stemmer;   /* libstemmer algorithm: "english" */
    const char *stopwords;
    const char *titles;    /* abbreviations always followed by a name */
    const char *abbrevs;   /* abbreviations that may also end a sentence */
    const char *openers;   /* pronouns and connectives needing a sentence before */
    const char *speech;    /* verbs of an attribution tail */
    /* For compressing a sentence (shape.h): */
    const char *leads;     /* first words of a leading adverbial ("On Tuesday, ") */
    const char *clauses;   /* first words of a trailing clause that may go (", which") */
    const char *finite;    /* auxiliaries and copulas: a clause holding one has a verb */
    const char *ends_ok;   /* stopwords a sentence may end on ("it", "there") */
    const char *preps;     /* prepositions and conjunctions: where a trailing phrase may go */
} lang_info_t;

const lang_info_t *lang_info(lang_id_t id);
/* "en", "EN", "en-GB", "de_DE"... -> id; -1 when not one of ours. */
int lang_from_code(const char *code);
lang_id_t lang_detect(const char *text, size_t len);

typedef struct {
    char **slots;
    size_t cap;
    size_t count;
    char *words; /* wordset_init's words, NUL-separated, one block (slots point into it) */
    size_t words_len;
} wordset_t;

void wordset_init(wordset_t *set, const char *spaced_list);
void wordset_add(wordset_t *set, const char *word, size_t len);
int wordset_has(const wordset_t *set, const char *word, size_t len);
void wordset_free(wordset_t *set);

/* The lists of one language as sets, built on first use (once per process,
 * under pthread_once) and never changed after: read-only, shared by every
 * caller and thread, alive until the process ends (reachable, not a leak).
 * Callers may copy a wordset_t out of it (a shallow copy that borrows the
 * slots) but must never add to it or free it. */
typedef struct {
    wordset_t stop, titles, abbrevs, openers, speech, leads, clauses, finite, ends_ok, preps;
    wordset_t starters; /* stopwords and openers: words that can begin a sentence */
} lang_sets_t;

const lang_sets_t *lang_sets(lang_id_t id);

#endif
