/* stemtab.c - see stemtab.h. */
#include "stemtab.h"

#include <string.h>

#include "hash.h"
#include "stemtab_en.h"

const char *stemtab_en_find(const char *word, size_t len, size_t *stem_len) {
    size_t j = (size_t)hash_fnv1a(HASH_FNV1A_BASIS, word, len) & (STEMTAB_EN_SLOTS - 1);
    while (stemtab_en_slots[j]) {
        const char *w = stemtab_en_text + stemtab_en_slots[j] - 1;
        if (w[0] == word[0] && strncmp(w, word, len) == 0 && w[len] == '\0') {
            const char *stem = w + len + 1;
            *stem_len = strlen(stem);
            return stem;
        }
        j = (j + 1) & (STEMTAB_EN_SLOTS - 1);
    }
    return NULL;
}

void stemtab_en_each(void (*fn)(const char *word, const char *stem, void *ctx), void *ctx) {
    const char *p = stemtab_en_text;
    for (int i = 0; i < STEMTAB_EN_WORDS; i++) {
        const char *stem = p + strlen(p) + 1;
        fn(p, stem, ctx);
        p = stem + strlen(stem) + 1;
    }
}
