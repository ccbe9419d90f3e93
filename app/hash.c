/* hash.c - see hash.h. */
#include "hash.h"

#define FNV1A_PRIME 1099511628211ULL

uint64_t hash_fnv1a(uint64_t h, const void *data, size_t len) {
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++) h = (h ^ p[i]) * FNV1A_PRIME;
    return h;
}

uint64_t hash_fnv1a_str(uint64_t h, const char *s) {
    for (; s && *s; s++) h = (h ^ (unsigned char)*s) * FNV1A_PRIME;
    return h;
}
