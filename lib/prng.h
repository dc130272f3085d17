/* prng.h — a small deterministic pseudo-random generator.
 *
 * Owns: the random numbers of winnow-generate. xoshiro256** (Blackman and
 * Vigna), seeded through splitmix64, so that every seed, 0 included, gives
 * a full state. The sequence depends on nothing but the seed: not the
 * platform, the locale or the time, so generated corpora are reproducible
 * byte for byte. A struct prng is a plain value: copy it to fork a stream.
 */
#ifndef WINNOW_PRNG_H
#define WINNOW_PRNG_H

#include <stdbool.h>
#include <stdint.h>

struct prng {
    uint64_t s[4];
};

/* One step of splitmix64: advances *state, returns the next output. */
uint64_t splitmix64(uint64_t *state);
/* A 64-bit mix of two words (for deriving sub-seeds: seed and index). */
uint64_t prng_mix(uint64_t a, uint64_t b);

void prng_seed(struct prng *p, uint64_t seed);
uint64_t prng_next(struct prng *p);
/* Uniform in [0, n); n = 0 gives 0. Unbiased (rejection). */
uint64_t prng_below(struct prng *p, uint64_t n);
/* Uniform in [lo, hi] (inclusive); lo > hi gives lo. */
long prng_range(struct prng *p, long lo, long hi);
/* True with probability percent/100. */
bool prng_chance(struct prng *p, unsigned percent);
/* True with probability per_mille/1000. */
bool prng_chance_mille(struct prng *p, unsigned per_mille);

#endif
