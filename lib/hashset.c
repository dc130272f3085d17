/* hashset.c — 128-bit keys to 32-bit values, open addressing (see hashset.h). */
#include "hashset.h"

#include <stdlib.h>
#include <xxhash.h>

#include "buf.h"
#include "diag.h"

struct hashset {
    struct hash128 *keys;
    uint32_t *values; /* value + 1; 0 marks a free slot */
    size_t cap;       /* a power of two */
    size_t size;
};

enum { INITIAL_CAPACITY = 64 };

struct hash128 hash128_of(const void *data, size_t len)
{
    XXH128_hash_t h = XXH3_128bits(data, len);
    struct hash128 key = {h.low64, h.high64};
    return key;
}

struct hashset *hashset_new(void)
{
    struct hashset *set = xmalloc(sizeof *set);
    set->cap = INITIAL_CAPACITY;
    set->size = 0;
    set->keys = xmalloc(set->cap * sizeof *set->keys);
    set->values = xcalloc(set->cap, sizeof *set->values);
    return set;
}

void hashset_free(struct hashset *set)
{
    if (!set)
        return;
    free(set->keys);
    free(set->values);
    free(set);
}

static bool same_key(struct hash128 a, struct hash128 b)
{
    return a.lo == b.lo && a.hi == b.hi;
}

/* The slot holding key, or the free slot where it would go. The table is
 * never full (load <= 3/4), so the loop ends. */
static size_t find_slot(const struct hashset *set, struct hash128 key)
{
    size_t mask = set->cap - 1;
    size_t i = (size_t)key.lo & mask;
    while (set->values[i] && !same_key(set->keys[i], key))
        i = (i + 1) & mask;
    return i;
}

static void grow(struct hashset *set)
{
    struct hashset bigger = {xmalloc(set->cap * 2 * sizeof *set->keys),
                             xcalloc(set->cap * 2, sizeof *set->values),
                             set->cap * 2, set->size};
    for (size_t i = 0; i < set->cap; i++) {
        if (!set->values[i])
            continue;
        size_t j = find_slot(&bigger, set->keys[i]);
        bigger.keys[j] = set->keys[i];
        bigger.values[j] = set->values[i];
    }
    free(set->keys);
    free(set->values);
    *set = bigger;
}

bool hashset_find(const struct hashset *set, struct hash128 key, uint32_t *value)
{
    size_t i = find_slot(set, key);
    if (!set->values[i])
        return false;
    *value = set->values[i] - 1;
    return true;
}

bool hashset_add(struct hashset *set, struct hash128 key, uint32_t value,
                 uint32_t *existing)
{
    if (value == UINT32_MAX)
        die(EXIT_BAD_INPUT, "too many distinct records (more than %lu)",
            (unsigned long)UINT32_MAX - 1);
    size_t i = find_slot(set, key);
    if (set->values[i]) {
        if (existing)
            *existing = set->values[i] - 1;
        return false;
    }
    set->keys[i] = key;
    set->values[i] = value + 1;
    if (++set->size * 4 > set->cap * 3)
        grow(set);
    return true;
}

size_t hashset_size(const struct hashset *set)
{
    return set->size;
}

size_t hashset_memory(const struct hashset *set)
{
    return sizeof *set + set->cap * (sizeof *set->keys + sizeof *set->values);
}
