/* stemtab.h - the English Snowball stems of common words, looked up
 * instead of stemmed.
 *
 * Contract: stemtab_en_find gives the stem (NUL-terminated, *stem_len
 * bytes, read-only, alive for the process) that libstemmer's English
 * stemmer gives word (len bytes, lower case as the summarizer folds it),
 * when word is in the table (app/stemtab_en.h, generated from
 * tools/common_en.txt by `make stemtab`), else NULL. Constant data: no
 * initialization, no state. stemtab_en_each calls fn for every entry (for
 * the test that checks each against the stemmer).
 */
#ifndef BULLETIN_STEMTAB_H
#define BULLETIN_STEMTAB_H

#include <stddef.h>

const char *stemtab_en_find(const char *word, size_t len, size_t *stem_len);
void stemtab_en_each(void (*fn)(const char *word, const char *stem, void *ctx), void *ctx);

#endif
