/* strset.c — a set of strings (see strset.h). */
#include "strset.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "buf.h"

struct slot {
    uint64_t hash;
    char *s; /* NULL when the slot is free; owned */
};

struct strset {
    struct slot *slots;
    size_t cap; /* a power of two */
    size_t size;
};

struct strset *strset_new(void)
{
    struct strset *set = xmalloc(sizeof *set);
    set->cap = 64;
    set->size = 0;
    set->slots = xcalloc(set->cap, sizeof *set->slots);
    return set;
}

void strset_free(struct strset *set)
{
    if (!set)
        return;
    for (size_t i = 0; i < set->cap; i++)
        free(set->slots[i].s);
    free(set->slots);
    free(set);
}

/* The slot holding s, or the free slot where it would go. */
static struct slot *find(const struct strset *set, const char *s, uint64_t hash)
{
    size_t mask = set->cap - 1;
    for (size_t i = (size_t)hash & mask;; i = (i + 1) & mask) {
        struct slot *slot = &set->slots[i];
        if (!slot->s || (slot->hash == hash && strcmp(slot->s, s) == 0))
            return slot;
    }
}

static void grow(struct strset *set)
{
    struct strset bigger = {xcalloc(set->cap * 2, sizeof(struct slot)), set->cap * 2, set->size};
    for (size_t i = 0; i < set->cap; i++)
        if (set->slots[i].s)
            *find(&bigger, set->slots[i].s, set->slots[i].hash) = set->slots[i];
    free(set->slots);
    *set = bigger;
}

bool strset_add(struct strset *set, const char *s)
{
    uint64_t hash = XXH3_64bits(s, strlen(s));
    struct slot *slot = find(set, s, hash);
    if (slot->s)
        return false;
    slot->hash = hash;
    slot->s = xstrdup(s);
    if (++set->size * 2 > set->cap)
        grow(set);
    return true;
}

bool strset_contains(const struct strset *set, const char *s)
{
    return find(set, s, XXH3_64bits(s, strlen(s)))->s != NULL;
}

size_t strset_size(const struct strset *set)
{
    return set->size;
}
