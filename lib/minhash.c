/* minhash.c — MinHash signatures (see minhash.h). */
#include "minhash.h"

#include <stdlib.h>

#include "buf.h"
#include "prng.h"

/* Changing it changes every signature: signatures written before would no
 * longer compare with new ones. */
enum { MINHASH_BLOCK = 16 };

#define PERMUTATION_SEED UINT64_C(0x77696E6E6F772D31) /* "winnow-1" */

struct minhash {
    unsigned perms;
    uint32_t *a; /* odd multipliers */
    uint32_t *b;
};

struct minhash *minhash_new(unsigned perms)
{
    struct minhash *m = xmalloc(sizeof *m);
    m->perms = perms;
    m->a = xmalloc(perms * sizeof *m->a);
    m->b = xmalloc(perms * sizeof *m->b);
    uint64_t state = PERMUTATION_SEED;
    for (unsigned i = 0; i < perms; i++) {
        m->a[i] = (uint32_t)splitmix64(&state) | 1;
        m->b[i] = (uint32_t)splitmix64(&state);
    }
    return m;
}

void minhash_free(struct minhash *m)
{
    if (!m)
        return;
    free(m->a);
    free(m->b);
    free(m);
}

unsigned minhash_perms(const struct minhash *m)
{
    return m->perms;
}

/* The program's hottest loop. Restrict pointers and 32-bit arithmetic
 * without dependencies let the compiler vectorize it (SSE2 at -O2); on
 * x86-64 with GCC a second copy for AVX2 (twice the lanes) is chosen at load
 * time where the processor has it. The results are the same either way. */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__)
__attribute__((target_clones("avx2", "default")))
#endif
static void sign_all(uint32_t *restrict mins, const uint32_t *restrict a,
                     const uint32_t *restrict b, unsigned perms,
                     const uint32_t *restrict shingles, size_t n)
{
    /* Shingles outside, permutations inside: mins, a and b stay in the
     * first-level cache. */
    for (size_t s = 0; s < n; s++) {
        uint32_t x = shingles[s];
        unsigned i = 0;
        /* Blocks of a fixed size are what -O2 vectorizes. */
        for (; i + MINHASH_BLOCK <= perms; i += MINHASH_BLOCK) {
            for (unsigned k = i; k < i + MINHASH_BLOCK; k++) {
                uint32_t v = a[k] * x + b[k];
                mins[k] = v < mins[k] ? v : mins[k];
            }
        }
        for (; i < perms; i++) {
            uint32_t v = a[i] * x + b[i];
            mins[i] = v < mins[i] ? v : mins[i];
        }
    }
}

void minhash_begin(const struct minhash *m, uint32_t *mins)
{
    for (unsigned i = 0; i < m->perms; i++)
        mins[i] = UINT32_MAX;
}

void minhash_add(const struct minhash *m, const uint32_t *shingles, size_t n, uint32_t *mins)
{
    sign_all(mins, m->a, m->b, m->perms, shingles, n);
}

void minhash_sign(const struct minhash *m, const uint32_t *shingles, size_t n,
                  uint32_t *mins)
{
    minhash_begin(m, mins);
    minhash_add(m, shingles, n, mins);
}

void minhash_compact(const uint32_t *mins, unsigned perms, uint16_t *compact)
{
    for (unsigned i = 0; i < perms; i++)
        compact[i] = (uint16_t)mins[i];
}

unsigned minhash_matches(const uint16_t *a, const uint16_t *b, unsigned perms)
{
    unsigned matches = 0;
    for (unsigned i = 0; i < perms; i++)
        matches += a[i] == b[i];
    return matches;
}

unsigned minhash_matches_at_least(const uint16_t *a, const uint16_t *b, unsigned perms,
                                  unsigned needed)
{
    /* Blocks of MINHASH_BLOCK positions (a loop -O2 vectorizes), and a
     * look at the count between blocks. */
    unsigned matches = 0, i = 0;
    for (; i + MINHASH_BLOCK <= perms; i += MINHASH_BLOCK) {
        unsigned block = 0;
        for (unsigned k = i; k < i + MINHASH_BLOCK; k++)
            block += a[k] == b[k];
        matches += block;
        if (matches + (perms - i - MINHASH_BLOCK) < needed)
            return matches;
    }
    for (; i < perms; i++)
        matches += a[i] == b[i];
    return matches;
}

void minhash_sketch(const uint16_t *compact, unsigned perms, uint64_t *sketch)
{
    size_t words = MINHASH_SKETCH_WORDS(perms) / 2;
    for (size_t w = 0; w < words; w++) {
        /* Shifts, not branches: the bits are random. */
        uint64_t low = 0, high = 0;
        unsigned end = perms - 64 * w < 64 ? perms - 64 * (unsigned)w : 64;
        for (unsigned i = 0; i < end; i++) {
            uint64_t c = compact[64 * w + i];
            low |= (c & 1) << i;
            high |= (c >> 1 & 1) << i;
        }
        sketch[w] = low;
        sketch[words + w] = high;
    }
}

/* Called for every candidate of every lookup: the processor's popcount
 * where it has one. */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__)
__attribute__((target_clones("popcnt", "default")))
#endif
unsigned minhash_sketch_differ(const uint64_t *a, const uint64_t *b, unsigned perms)
{
    size_t words = MINHASH_SKETCH_WORDS(perms) / 2;
    unsigned differ = 0;
    for (size_t w = 0; w < words; w++)
        differ += (unsigned)__builtin_popcountll((a[w] ^ b[w]) | (a[words + w] ^ b[words + w]));
    return differ;
}
