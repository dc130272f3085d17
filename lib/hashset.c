/* hashset.c — 128-bit keys to 32-bit values, open addressing (see hashset.h). */
#include "hashset.h"

#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "buf.h"
#include "diag.h"

/* A key and its value in one 20-byte slot (32-bit words, so no padding):
 * a probe touches one place in memory, not two arrays. */
struct slot {
    uint32_t key[4];  /* lo (low word first), then hi */
    uint32_t value;   /* value + 1; 0 marks a free slot */
};

struct hashset {
    struct slot *slots;
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
    set->slots = xcalloc(set->cap, sizeof *set->slots);
    return set;
}

void hashset_free(struct hashset *set)
{
    if (!set)
        return;
    free(set->slots);
    free(set);
}

static void key_words(struct hash128 key, uint32_t w[4])
{
    w[0] = (uint32_t)key.lo;
    w[1] = (uint32_t)(key.lo >> 32);
    w[2] = (uint32_t)key.hi;
    w[3] = (uint32_t)(key.hi >> 32);
}

static bool same_key(const struct slot *s, const uint32_t w[4])
{
    return s->key[0] == w[0] && s->key[1] == w[1] && s->key[2] == w[2] && s->key[3] == w[3];
}

/* The slot holding the key of words w, or the free slot where it would go.
 * The table is never full (load <= 3/4), so the loop ends. */
static size_t find_slot(const struct hashset *set, const uint32_t w[4])
{
    size_t mask = set->cap - 1;
    size_t i = (((size_t)w[1] << 16 << 16) | w[0]) & mask;
    while (set->slots[i].value && !same_key(&set->slots[i], w))
        i = (i + 1) & mask;
    return i;
}

static void grow(struct hashset *set)
{
    struct hashset bigger = {xcalloc(set->cap * 2, sizeof *set->slots), set->cap * 2, set->size};
    for (size_t i = 0; i < set->cap; i++) {
        if (set->slots[i].value)
            bigger.slots[find_slot(&bigger, set->slots[i].key)] = set->slots[i];
    }
    free(set->slots);
    *set = bigger;
}

bool hashset_find(const struct hashset *set, struct hash128 key, uint32_t *value)
{
    uint32_t w[4];
    key_words(key, w);
    size_t i = find_slot(set, w);
    if (!set->slots[i].value)
        return false;
    *value = set->slots[i].value - 1;
    return true;
}

bool hashset_add(struct hashset *set, struct hash128 key, uint32_t value,
                 uint32_t *existing)
{
    if (value == UINT32_MAX)
        die(EXIT_BAD_INPUT, "too many distinct records (more than %lu)",
            (unsigned long)UINT32_MAX - 1);
    uint32_t w[4];
    key_words(key, w);
    size_t i = find_slot(set, w);
    if (set->slots[i].value) {
        if (existing)
            *existing = set->slots[i].value - 1;
        return false;
    }
    memcpy(set->slots[i].key, w, sizeof w);
    set->slots[i].value = value + 1;
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
    return sizeof *set + set->cap * sizeof *set->slots;
}
