/* hash.h - FNV-1a, 64 bits: the one string hash of the program.
 *
 * Contract: hash_fnv1a folds len bytes of data into h (start from
 * HASH_FNV1A_BASIS; chain calls to hash several strings as one). The values
 * are stable across builds and machines: the store keeps some of them as
 * article keys (store.c), so the function must never change. Pure, no state.
 */
#ifndef BULLETIN_HASH_H
#define BULLETIN_HASH_H

#include <stddef.h>
#include <stdint.h>

#define HASH_FNV1A_BASIS 14695981039346656037ULL

uint64_t hash_fnv1a(uint64_t h, const void *data, size_t len);

/* The same over a NUL-terminated string; NULL adds nothing. */
uint64_t hash_fnv1a_str(uint64_t h, const char *s);

#endif
