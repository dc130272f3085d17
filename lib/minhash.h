/* minhash.h — MinHash signatures of shingle sets and their comparison.
 *
 * Owns: the hash functions that stand for random permutations, and what a
 * signature is. Permutation i maps a 32-bit shingle hash x to
 * (a_i * x + b_i) mod 2^32 (a_i odd, so a true permutation of the 32-bit
 * values), with a_i and b_i drawn from splitmix64 seeded with a fixed
 * constant: the same on every machine and in every run, so that signatures
 * computed on different shards compare. Measured on random sets (the unit
 * test), the estimate is unbiased and its spread is the binomial one,
 * sqrt(J (1 - J) / perms).
 *
 * A signature holds, for each permutation, the minimum over the set
 * (`mins`, 32 bits: LSH band keys are made from these) and, for storage and
 * comparison, the low 16 bits of each minimum (`compact`). Two compact
 * signatures agree at position i with probability J + (1 - J) / 65536 for
 * sets of Jaccard similarity J: the estimate matches / perms is off by less
 * than 2e-5, and a compact signature costs 2 bytes per permutation.
 */
#ifndef WINNOW_MINHASH_H
#define WINNOW_MINHASH_H

#include <stddef.h>
#include <stdint.h>

#define MINHASH_MAX_PERMS 1024

struct minhash;

/* perms in 1..MINHASH_MAX_PERMS. */
struct minhash *minhash_new(unsigned perms);
void minhash_free(struct minhash *m);
unsigned minhash_perms(const struct minhash *m);

/* mins[0..perms) = the minimum of each permutation over shingles[0..n);
 * UINT32_MAX everywhere when n is 0. */
void minhash_sign(const struct minhash *m, const uint32_t *shingles, size_t n,
                  uint32_t *mins);
/* The same in steps, for shingles that come in batches: minhash_begin sets
 * mins to UINT32_MAX, each minhash_add takes the minimum with more
 * shingles; the result is minhash_sign's over all of them. */
void minhash_begin(const struct minhash *m, uint32_t *mins);
void minhash_add(const struct minhash *m, const uint32_t *shingles, size_t n, uint32_t *mins);

/* compact[i] = the low 16 bits of mins[i]. */
void minhash_compact(const uint32_t *mins, unsigned perms, uint16_t *compact);

/* Positions where two compact signatures agree. */
unsigned minhash_matches(const uint16_t *a, const uint16_t *b, unsigned perms);

/* The same when it is at least `needed`; otherwise some number below
 * `needed` (the count stops as soon as too many positions disagree, which
 * is what makes verifying many weak candidates cheap). */
unsigned minhash_matches_at_least(const uint16_t *a, const uint16_t *b, unsigned perms,
                                  unsigned needed);

/* A sketch of a compact signature: the two lowest bits of each position,
 * as two planes of perms bits (MINHASH_SKETCH_WORDS(perms) words: 32
 * bytes for 128 permutations). Where two sketches differ, the signatures
 * differ too, so the positions where sketches differ bound the mismatches
 * from below: a candidate whose sketch differs in more than perms - needed
 * positions cannot verify, and is dismissed without reading its signature
 * (eight times larger, and most likely not in the cache). */
#define MINHASH_SKETCH_WORDS(perms) (2 * (((size_t)(perms) + 63) / 64))
void minhash_sketch(const uint16_t *compact, unsigned perms, uint64_t *sketch);
/* Positions where the sketches a and b (of perms permutations) differ. */
unsigned minhash_sketch_differ(const uint64_t *a, const uint64_t *b, unsigned perms);

#endif
