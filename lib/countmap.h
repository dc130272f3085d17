/* countmap.h — counts per string key, in the order keys first appeared.
 *
 * Owns: copies of the keys (explicit lengths: a key may hold NUL bytes, as
 * a JSON string may) and one 64-bit count per key. Entries are numbered
 * 0, 1, ... in the order their keys were first added and never move, so a
 * caller can keep parallel arrays indexed by entry. Open addressing over
 * XXH3-64 hashes, doubling at 50% load. Memory per key: the key plus one
 * byte, a 24-byte entry and 32-64 bytes of table (16-byte slots, entry
 * number and hash, at most half of them used).
 */
#ifndef WINNOW_COUNTMAP_H
#define WINNOW_COUNTMAP_H

#include <stddef.h>

struct countmap;

struct countmap *countmap_new(void);
void countmap_free(struct countmap *m);

/* Add delta to key's count, creating the entry (at 0) when key is new.
 * Returns the entry's number. */
size_t countmap_add(struct countmap *m, const char *key, size_t len,
                    unsigned long long delta);
/* The entry number of key, or (size_t)-1 when absent. */
size_t countmap_find(const struct countmap *m, const char *key, size_t len);

size_t countmap_size(const struct countmap *m);
/* Entry i's key (NUL-terminated; owned by the map) and its length. */
const char *countmap_key(const struct countmap *m, size_t i, size_t *len);
unsigned long long countmap_count(const struct countmap *m, size_t i);

/* The entry numbers ordered by count, highest first; ties keep the order
 * of first appearance. Returns an array of countmap_size() numbers owned
 * by the caller. */
size_t *countmap_by_count(const struct countmap *m);
/* The entry numbers ordered by key (bytewise). Owned by the caller. */
size_t *countmap_by_key(const struct countmap *m);

#endif
