/* lsh.c — banding and the band-key index (see lsh.h). */
#include "lsh.h"

#include <math.h>
#include <stdlib.h>
#include <xxhash.h>

#include "buf.h"
#include "diag.h"
#include "minhash.h"

/* A hint that memory will be read soon (the tables are far larger than
 * the caches: asking for every band's slot first lets the misses overlap). */
#if defined(__GNUC__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif

double lsh_catch_probability(double similarity, unsigned bands, unsigned rows)
{
    return 1.0 - pow(1.0 - pow(similarity, (double)rows), (double)bands);
}

unsigned lsh_default_bands(double threshold, unsigned perms)
{
    for (unsigned rows = perms; rows > 1; rows--) {
        unsigned bands = perms / rows;
        if (lsh_catch_probability(threshold, bands, rows) >= LSH_DEFAULT_CATCH)
            return bands;
    }
    return perms;
}

void lsh_band_keys(const uint32_t *mins, unsigned bands, unsigned rows,
                   uint32_t *keys)
{
    unsigned char le[4 * MINHASH_MAX_PERMS];
    for (unsigned j = 0; j < bands; j++) {
        const uint32_t *band = mins + (size_t)j * rows;
        for (unsigned i = 0; i < rows; i++)
            for (int k = 0; k < 4; k++)
                le[4 * i + (unsigned)k] = (unsigned char)(band[i] >> (8 * k));
        keys[j] = (uint32_t)XXH3_64bits_withSeed(le, 4 * (size_t)rows, j);
    }
}

void lsh_candidates_free(struct lsh_candidates *c)
{
    free(c->value);
    c->value = NULL;
    c->count = c->cap = 0;
}

static void candidates_push(struct lsh_candidates *c, uint32_t value)
{
    c->value = array_reserve(c->value, &c->cap, c->count + 1, sizeof *c->value);
    c->value[c->count++] = value;
}

/* A key and its value side by side: a probe touches one cache line. */
struct band_slot {
    uint32_t key;
    uint32_t value; /* value + 1; 0 marks a free slot */
};

struct band_table {
    struct band_slot *slots;
    size_t cap;       /* a power of two */
    size_t size;
};

struct lsh_index {
    unsigned bands;
    struct band_table *table;
};

enum { INITIAL_CAPACITY = 64 };

static void table_init(struct band_table *t, size_t cap)
{
    t->cap = cap;
    t->size = 0;
    t->slots = xcalloc(cap, sizeof *t->slots);
}

/* The first free slot at or after key's home slot. */
static size_t free_slot(const struct band_table *t, uint32_t key)
{
    size_t mask = t->cap - 1;
    size_t i = key & mask;
    while (t->slots[i].value)
        i = (i + 1) & mask;
    return i;
}

static void table_grow(struct band_table *t)
{
    struct band_table bigger;
    table_init(&bigger, t->cap * 2);
    for (size_t i = 0; i < t->cap; i++) {
        if (!t->slots[i].value)
            continue;
        bigger.slots[free_slot(&bigger, t->slots[i].key)] = t->slots[i];
    }
    bigger.size = t->size;
    free(t->slots);
    *t = bigger;
}

struct lsh_index *lsh_index_new(unsigned bands)
{
    struct lsh_index *idx = xmalloc(sizeof *idx);
    idx->bands = bands;
    idx->table = xmalloc(bands * sizeof *idx->table);
    for (unsigned j = 0; j < bands; j++)
        table_init(&idx->table[j], INITIAL_CAPACITY);
    return idx;
}

void lsh_index_free(struct lsh_index *idx)
{
    if (!idx)
        return;
    for (unsigned j = 0; j < idx->bands; j++)
        free(idx->table[j].slots);
    free(idx->table);
    free(idx);
}

void lsh_index_add(struct lsh_index *idx, const uint32_t *keys, uint32_t value)
{
    if (value == UINT32_MAX)
        die(EXIT_BAD_INPUT, "too many distinct records (more than %lu)",
            (unsigned long)UINT32_MAX - 1);
    for (unsigned j = 0; j < idx->bands; j++) {
        const struct band_table *t = &idx->table[j];
        PREFETCH(&t->slots[keys[j] & (t->cap - 1)]);
    }
    for (unsigned j = 0; j < idx->bands; j++) {
        struct band_table *t = &idx->table[j];
        size_t i = free_slot(t, keys[j]);
        t->slots[i].key = keys[j];
        t->slots[i].value = value + 1;
        if (++t->size * 4 > t->cap * 3)
            table_grow(t);
    }
}

void lsh_index_lookup(const struct lsh_index *idx, const uint32_t *keys,
                      struct lsh_candidates *out)
{
    for (unsigned j = 0; j < idx->bands; j++) {
        const struct band_table *t = &idx->table[j];
        PREFETCH(&t->slots[keys[j] & (t->cap - 1)]);
    }
    for (unsigned j = 0; j < idx->bands; j++) {
        const struct band_table *t = &idx->table[j];
        size_t mask = t->cap - 1;
        for (size_t i = keys[j] & mask; t->slots[i].value; i = (i + 1) & mask)
            if (t->slots[i].key == keys[j])
                candidates_push(out, t->slots[i].value - 1);
    }
}

size_t lsh_index_memory(const struct lsh_index *idx)
{
    size_t bytes = sizeof *idx + idx->bands * sizeof *idx->table;
    for (unsigned j = 0; j < idx->bands; j++)
        bytes += idx->table[j].cap * sizeof(struct band_slot);
    return bytes;
}
