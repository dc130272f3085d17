/* swar.h — looking at eight bytes at a time in a 64-bit word.
 *
 * Owns: the bit tricks the hot scanning loops use to skip text that needs
 * no work (normquick.c, normalize.c, segment scanning), and the walk over
 * the set bits of a mask (rxstart.c, textstats.c). A word is loaded
 * with memcpy (no alignment needed); each helper returns a mask with the
 * high bit (0x80) of every byte that matches set, and no other bit. The
 * masks are exact per byte (no borrow runs from one byte into the next),
 * so they can be combined with & and |.
 */
#ifndef WINNOW_SWAR_H
#define WINNOW_SWAR_H

#include <stdint.h>
#include <string.h>

#define SWAR_BYTES(c) (0x0101010101010101ULL * (uint8_t)(c))
#define SWAR_HIGH SWAR_BYTES(0x80)

static inline uint64_t swar_load(const char *s)
{
    uint64_t x;
    memcpy(&x, s, sizeof x);
    return x;
}

/* Bytes of v that are zero. */
static inline uint64_t swar_zero(uint64_t v)
{
    return ~(((v & SWAR_BYTES(0x7F)) + SWAR_BYTES(0x7F)) | v) & SWAR_HIGH;
}

/* Bytes of v equal to c. */
static inline uint64_t swar_eq(uint64_t v, unsigned char c)
{
    return swar_zero(v ^ SWAR_BYTES(c));
}

/* Bytes of v below 0x20 (ASCII controls, tab, line breaks). */
static inline uint64_t swar_below_space(uint64_t v)
{
    return swar_zero(v & SWAR_BYTES(0xE0));
}

/* Bytes of v of 0x80 and above (parts of non-ASCII characters). */
static inline uint64_t swar_high(uint64_t v)
{
    return v & SWAR_HIGH;
}

/* Which of the eight bytes loaded from memory the lowest marked one is
 * (mask not 0). Where the byte order is not known to be little-endian the
 * answer is 0, which callers must accept: they then look at every byte
 * from the start of the word. */
static inline unsigned swar_first(uint64_t mask)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    return (unsigned)__builtin_ctzll(mask) / 8;
#else
    (void)mask;
    return 0;
#endif
}

/* The index of the lowest set bit of m (m != 0): for walking the set
 * bits of a mask of candidates, `for (; m; m &= m - 1)`. */
static inline unsigned swar_lowest_bit(uint64_t m)
{
#if defined(__GNUC__)
    return (unsigned)__builtin_ctzll(m);
#else
    unsigned k = 0;
    for (; !(m & 1); m >>= 1)
        k++;
    return k;
#endif
}

/* Marks the bytes of s[0..8) a scan stops at (it may read s[8] too). */
typedef uint64_t (*swar_marker)(const char *s);

/* How many bytes from s on, up to 16, marks leaves unmarked (16: none is
 * marked): the first marked byte of two words. Reads s[0..17) at most. */
static inline unsigned swar_unmarked16(const char *s, swar_marker marks)
{
    uint64_t marked = marks(s);
    if (marked)
        return swar_first(marked);
    marked = marks(s + 8);
    return marked ? 8 + swar_first(marked) : 16;
}

#endif
