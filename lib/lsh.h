/* lsh.h — locality-sensitive hashing of MinHash signatures by banding.
 *
 * Owns: how a signature is cut into bands and each band hashed to a key,
 * how many bands to use by default, and the index that finds, for a new
 * signature, every stored one that shares a band key with it.
 *
 * Banding. The first bands * rows minimums of a signature are cut into
 * `bands` bands of `rows` consecutive minimums; band j's key is the low 32
 * bits of XXH3-64 (seed j) of its minimums as little-endian bytes. Two sets
 * of Jaccard similarity s share at least one band key with probability
 * 1 - (1 - s^rows)^bands (lsh_catch_probability), and also, rarely, when two
 * different bands collide in 32 bits (such candidates are verified and
 * dismissed like any other).
 *
 * Index. One open-addressing table per band of 8-byte slots (key, value),
 * linear probing, doubled at 3/4 load: 8/load bytes per stored signature
 * and band (11 to 21, 16 on average). A key may be stored many times; a
 * lookup returns every value stored under it.
 */
#ifndef WINNOW_LSH_H
#define WINNOW_LSH_H

#include <stddef.h>
#include <stdint.h>

/* The LSH catch rule for defaults: the most rows per band (fewest bands,
 * least memory) such that a pair at the threshold is a candidate with
 * probability at least this. */
#define LSH_DEFAULT_CATCH 0.995

double lsh_catch_probability(double similarity, unsigned bands, unsigned rows);
/* Bands for a threshold when the user gives none (rows = perms / bands). */
unsigned lsh_default_bands(double threshold, unsigned perms);

/* keys[j] for j < bands, from mins[0..bands*rows). */
void lsh_band_keys(const uint32_t *mins, unsigned bands, unsigned rows,
                   uint32_t *keys);

/* A growable list of values (record numbers). */
struct lsh_candidates {
    uint32_t *value;
    size_t count, cap;
};
void lsh_candidates_free(struct lsh_candidates *c);

struct lsh_index;

struct lsh_index *lsh_index_new(unsigned bands);
void lsh_index_free(struct lsh_index *idx);
/* Store value under keys[j] in band j, for every band. */
void lsh_index_add(struct lsh_index *idx, const uint32_t *keys, uint32_t value);
/* Append to out every value stored under keys[j] in band j, for every band
 * (a value that shares several bands comes several times). */
void lsh_index_lookup(const struct lsh_index *idx, const uint32_t *keys,
                      struct lsh_candidates *out);
/* Bytes held by the tables. */
size_t lsh_index_memory(const struct lsh_index *idx);

#endif
