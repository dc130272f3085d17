/* hashset.h — a compact open-addressing map from 128-bit hashes to numbers.
 *
 * Owns: its table. Keys are 128-bit hashes that are already uniformly
 * distributed (XXH3-128 of a text; the caller hashes); a key is found by
 * comparing all 128 bits, so two texts are confused only when their
 * XXH3-128 hashes collide (probability about n^2 / 2^129 for n texts).
 * Each key maps to one 32-bit value chosen by the caller (winnow-dedupe
 * stores the number of the kept record).
 *
 * Layout: linear probing over two parallel arrays, 16 bytes of key and 4
 * bytes of value per slot (value 0 marks a free slot, so values are stored
 * plus one). The table doubles when it is 3/4 full, so its load stays
 * between 3/8 and 3/4: memory per member is 20/load bytes, 27 to 53 bytes
 * (40 on average over a run), and hashset_memory() says exactly.
 */
#ifndef WINNOW_HASHSET_H
#define WINNOW_HASHSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct hash128 {
    uint64_t lo, hi;
};

/* XXH3-128 of data[0..len). */
struct hash128 hash128_of(const void *data, size_t len);

struct hashset;

struct hashset *hashset_new(void);
void hashset_free(struct hashset *set);

/* When key is a member, store its value in *value and return true. */
bool hashset_find(const struct hashset *set, struct hash128 key,
                  uint32_t *value);
/* Add key with value unless key is a member already. Returns true when it
 * was added; false when it was there (then *existing, if not NULL, is the
 * value it has). value must be below UINT32_MAX. */
bool hashset_add(struct hashset *set, struct hash128 key, uint32_t value,
                 uint32_t *existing);

size_t hashset_size(const struct hashset *set);
/* Bytes the table holds (slots of both arrays and the header). */
size_t hashset_memory(const struct hashset *set);

#endif
