/* countmap.c — counts per string key (see countmap.h). */
#include "countmap.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "buf.h"
#include "stablesort.h"

enum { NO_ENTRY = 0 }; /* slots hold entry number + 1 */

struct entry {
    char *key; /* owned */
    size_t len;
    unsigned long long count;
};

struct countmap {
    struct entry *entries;
    size_t size, room;
    uint64_t *hashes; /* per slot, valid when the slot is used */
    size_t *slots;    /* entry number + 1, or NO_ENTRY */
    size_t cap;       /* a power of two */
};

struct countmap *countmap_new(void)
{
    struct countmap *m = xcalloc(1, sizeof *m);
    m->cap = 64;
    m->slots = xcalloc(m->cap, sizeof *m->slots);
    m->hashes = xcalloc(m->cap, sizeof *m->hashes);
    return m;
}

void countmap_free(struct countmap *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->size; i++)
        free(m->entries[i].key);
    free(m->entries);
    free(m->slots);
    free(m->hashes);
    free(m);
}

static bool same_key(const struct entry *e, const char *key, size_t len)
{
    return e->len == len && memcmp(e->key, key, len) == 0;
}

/* The slot holding key, or the free slot where it would go. */
static size_t find_slot(const struct countmap *m, const char *key, size_t len,
                        uint64_t hash)
{
    size_t mask = m->cap - 1;
    for (size_t i = (size_t)hash & mask;; i = (i + 1) & mask) {
        size_t s = m->slots[i];
        if (s == NO_ENTRY || (m->hashes[i] == hash && same_key(&m->entries[s - 1], key, len)))
            return i;
    }
}

static void grow(struct countmap *m)
{
    size_t cap = m->cap * 2;
    size_t *slots = xcalloc(cap, sizeof *slots);
    uint64_t *hashes = xcalloc(cap, sizeof *hashes);
    for (size_t i = 0; i < m->cap; i++) {
        if (m->slots[i] == NO_ENTRY)
            continue;
        size_t j = (size_t)m->hashes[i] & (cap - 1);
        while (slots[j] != NO_ENTRY)
            j = (j + 1) & (cap - 1);
        slots[j] = m->slots[i];
        hashes[j] = m->hashes[i];
    }
    free(m->slots);
    free(m->hashes);
    m->slots = slots;
    m->hashes = hashes;
    m->cap = cap;
}

size_t countmap_add(struct countmap *m, const char *key, size_t len,
                    unsigned long long delta)
{
    uint64_t hash = XXH3_64bits(key, len);
    size_t i = find_slot(m, key, len, hash);
    if (m->slots[i] != NO_ENTRY) {
        m->entries[m->slots[i] - 1].count += delta;
        return m->slots[i] - 1;
    }
    if (m->size == m->room) {
        m->room = m->room ? m->room * 2 : 16;
        m->entries = xrealloc(m->entries, m->room * sizeof *m->entries);
    }
    struct entry *e = &m->entries[m->size];
    e->key = xstrndup(key, len);
    e->len = len;
    e->count = delta;
    m->slots[i] = ++m->size;
    m->hashes[i] = hash;
    if (m->size * 2 > m->cap)
        grow(m);
    return m->size - 1;
}

size_t countmap_find(const struct countmap *m, const char *key, size_t len)
{
    size_t i = find_slot(m, key, len, XXH3_64bits(key, len));
    return m->slots[i] == NO_ENTRY ? (size_t)-1 : m->slots[i] - 1;
}

size_t countmap_size(const struct countmap *m)
{
    return m->size;
}

const char *countmap_key(const struct countmap *m, size_t i, size_t *len)
{
    if (len)
        *len = m->entries[i].len;
    return m->entries[i].key;
}

unsigned long long countmap_count(const struct countmap *m, size_t i)
{
    return m->entries[i].count;
}

/* Orders of entries: stable, so equal entries keep their order of first
 * appearance. */
static int by_count_desc(const void *ctx, size_t a, size_t b)
{
    const struct countmap *m = ctx;
    unsigned long long ca = m->entries[a].count, cb = m->entries[b].count;
    return ca > cb ? -1 : ca < cb ? 1 : 0;
}

static int by_key(const void *ctx, size_t a, size_t b)
{
    const struct countmap *m = ctx;
    const struct entry *ea = &m->entries[a], *eb = &m->entries[b];
    size_t n = ea->len < eb->len ? ea->len : eb->len;
    int c = memcmp(ea->key, eb->key, n);
    if (c != 0)
        return c;
    return ea->len < eb->len ? -1 : ea->len > eb->len ? 1 : 0;
}

static size_t *sorted(const struct countmap *m, stable_cmp cmp)
{
    size_t *order = xmalloc((m->size ? m->size : 1) * sizeof *order);
    for (size_t i = 0; i < m->size; i++)
        order[i] = i;
    stable_sort(order, m->size, cmp, m);
    return order;
}

size_t *countmap_by_count(const struct countmap *m)
{
    return sorted(m, by_count_desc);
}

size_t *countmap_by_key(const struct countmap *m)
{
    return sorted(m, by_key);
}
