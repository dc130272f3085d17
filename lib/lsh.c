/* lsh.c — banding and the band-key index (see lsh.h). */
#include "lsh.h"

#include <math.h>
#include <stdlib.h>
#include <xxhash.h>

#include "buf.h"
#include "diag.h"
#include "minhash.h"

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
    if (c->count == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 64;
        c->value = xrealloc(c->value, c->cap * sizeof *c->value);
    }
    c->value[c->count++] = value;
}

struct band_table {
    uint32_t *keys;
    uint32_t *values; /* value + 1; 0 marks a free slot */
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
    t->keys = xmalloc(cap * sizeof *t->keys);
    t->values = xcalloc(cap, sizeof *t->values);
}

/* The first free slot at or after key's home slot. */
static size_t free_slot(const struct band_table *t, uint32_t key)
{
    size_t mask = t->cap - 1;
    size_t i = key & mask;
    while (t->values[i])
        i = (i + 1) & mask;
    return i;
}

static void table_grow(struct band_table *t)
{
    struct band_table bigger;
    table_init(&bigger, t->cap * 2);
    for (size_t i = 0; i < t->cap; i++) {
        if (!t->values[i])
            continue;
        size_t j = free_slot(&bigger, t->keys[i]);
        bigger.keys[j] = t->keys[i];
        bigger.values[j] = t->values[i];
    }
    bigger.size = t->size;
    free(t->keys);
    free(t->values);
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
    for (unsigned j = 0; j < idx->bands; j++) {
        free(idx->table[j].keys);
        free(idx->table[j].values);
    }
    free(idx->table);
    free(idx);
}

void lsh_index_add(struct lsh_index *idx, const uint32_t *keys, uint32_t value)
{
    if (value == UINT32_MAX)
        die(EXIT_BAD_INPUT, "too many distinct records (more than %lu)",
            (unsigned long)UINT32_MAX - 1);
    for (unsigned j = 0; j < idx->bands; j++) {
        struct band_table *t = &idx->table[j];
        size_t i = free_slot(t, keys[j]);
        t->keys[i] = keys[j];
        t->values[i] = value + 1;
        if (++t->size * 4 > t->cap * 3)
            table_grow(t);
    }
}

void lsh_index_lookup(const struct lsh_index *idx, const uint32_t *keys,
                      struct lsh_candidates *out)
{
    for (unsigned j = 0; j < idx->bands; j++) {
        const struct band_table *t = &idx->table[j];
        size_t mask = t->cap - 1;
        for (size_t i = keys[j] & mask; t->values[i]; i = (i + 1) & mask)
            if (t->keys[i] == keys[j])
                candidates_push(out, t->values[i] - 1);
    }
}

size_t lsh_index_memory(const struct lsh_index *idx)
{
    size_t bytes = sizeof *idx + idx->bands * sizeof *idx->table;
    for (unsigned j = 0; j < idx->bands; j++)
        bytes += idx->table[j].cap * (sizeof(uint32_t) * 2);
    return bytes;
}
