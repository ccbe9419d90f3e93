/* swar.h - eight bytes at a time in one uint64_t (SIMD within a register).
 *
 * Contract: pure functions on eight bytes loaded with swar_load from any
 * address (no alignment needed; the caller makes sure the eight bytes are
 * inside its buffer). A byte's answer is its high bit (SWAR_HI masks them);
 * every one is exact for every byte value: no sum carries into the next
 * byte. Which byte is which depends on the machine's byte order; callers
 * that care (counting across words) check __BYTE_ORDER__ themselves.
 */
#ifndef BULLETIN_SWAR_H
#define BULLETIN_SWAR_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define SWAR_HI 0x8080808080808080ULL
#define SWAR_LO7 0x7F7F7F7F7F7F7F7FULL
#define SWAR_ONES 0x0101010101010101ULL

static inline uint64_t swar_load(const char *s) {
    uint64_t x;
    memcpy(&x, s, 8);
    return x;
}

/* the high bit of each byte of x equal to c */
static inline uint64_t swar_eq(uint64_t x, unsigned char c) {
    uint64_t y = x ^ (SWAR_ONES * c);
    return ~(((y & SWAR_LO7) + SWAR_LO7) | y) & SWAR_HI;
}

/* how many high bits m has set (m: high bits only) */
static inline size_t swar_count(uint64_t m) { return (size_t)(((m >> 7) * SWAR_ONES) >> 56); }

/* x (eight ASCII bytes: no high bit set) with 'A'..'Z' lowered: a byte's
 * high bit after adding 0x3f says it is >= 'A', after adding 0x25 that it is
 * > 'Z'; 0x80 >> 2 is the case bit. */
static inline uint64_t swar_lower_ascii(uint64_t x) {
    uint64_t upper = (x + 0x3f3f3f3f3f3f3f3fULL) & ~(x + 0x2525252525252525ULL) & SWAR_HI;
    return x | (upper >> 2);
}

#endif
