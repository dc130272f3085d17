/* dedupe.c — duplicate decisions (see dedupe.h). */
#include "dedupe.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "lsh.h"
#include "minhash.h"

void dedupe_params_finish(struct dedupe_params *p)
{
    if (p->bands == 0)
        p->bands = lsh_default_bands(p->threshold, p->perms);
    p->rows = p->perms / p->bands;
    /* An integer bar, computed once, so that every step that verifies a
     * candidate draws the same line; the epsilon keeps 0.7 * 100 at 70. */
    double needed = ceil(p->threshold * p->perms - 1e-9);
    p->needed = needed < 1 ? 1 : (unsigned)needed;
}

/* --- signer ------------------------------------------------------------- */

struct dedupe_signer {
    const struct dedupe_params *params;
    struct shingles shingles;
    struct minhash *minhash;
    uint32_t *mins;
    uint32_t *keys;
    uint16_t *compact;
    struct buf folded;
};

struct dedupe_signer *dedupe_signer_new(const struct dedupe_params *p)
{
    struct dedupe_signer *s = xcalloc(1, sizeof *s);
    s->params = p;
    shingles_init(&s->shingles);
    s->minhash = minhash_new(p->perms);
    s->mins = xmalloc(p->perms * sizeof *s->mins);
    s->keys = xmalloc(p->bands * sizeof *s->keys);
    s->compact = xmalloc(p->perms * sizeof *s->compact);
    return s;
}

void dedupe_signer_free(struct dedupe_signer *s)
{
    if (!s)
        return;
    shingles_free(&s->shingles);
    minhash_free(s->minhash);
    free(s->mins);
    free(s->keys);
    free(s->compact);
    buf_free(&s->folded);
    free(s);
}

void dedupe_sign_exact(struct dedupe_signer *s, const char *text, size_t len,
                       struct dedupe_item *item)
{
    item->has_exact = true;
    if (!s->params->shingle.fold_digits) {
        item->exact = hash128_of(text, len);
        return;
    }
    buf_reset(&s->folded);
    text_fold_digits(text, len, &s->folded);
    item->exact = hash128_of(s->folded.data, s->folded.len);
}

/* A full batch of a long text's shingles, signed as it comes: a huge text
 * never holds all its shingles. */
static void sign_batch(void *ctx, const uint32_t *hash, size_t n)
{
    struct dedupe_signer *s = ctx;
    minhash_add(s->minhash, hash, n, s->mins);
}

void dedupe_sign_near(struct dedupe_signer *s, const char *text, size_t len,
                      struct dedupe_item *item)
{
    const struct dedupe_params *p = s->params;
    minhash_begin(s->minhash, s->mins);
    shingles_compute_each(&s->shingles, &p->shingle, text, len, sign_batch, s);
    item->has_near = s->shingles.total > 0 && s->shingles.words >= p->min_words;
    item->keys = s->keys;
    item->compact = s->compact;
    if (!item->has_near)
        return;
    minhash_add(s->minhash, s->shingles.hash, s->shingles.count, s->mins);
    lsh_band_keys(s->mins, p->bands, p->rows, s->keys);
    minhash_compact(s->mins, p->perms, s->compact);
}

size_t dedupe_signer_words(const struct dedupe_signer *s)
{
    return s->shingles.words;
}

/* --- the kept records and the rule -------------------------------------- */

struct dedupe {
    const struct dedupe_params *params;
    struct hashset *exact;       /* exact hash -> kept record */
    struct lsh_index *index;     /* band keys -> kept records */
    struct buf ids;              /* kept ids, each NUL-terminated */
    uint64_t *id_at;             /* offset of kept record k's id in ids */
    uint16_t *signatures;        /* perms per kept record (near modes) */
    uint64_t *sketch_room;       /* holds sketches, and up to 7 words before */
    uint64_t *sketches;          /* MINHASH_SKETCH_WORDS(perms) per kept record
                                  * from a 64-byte line: read for every candidate */
    uint64_t sketch[MINHASH_SKETCH_WORDS(MINHASH_MAX_PERMS)]; /* scratch: the lookup's */
    uint32_t *compared;          /* scratch: the kept records a lookup compared, + 1 */
    size_t compared_cap;         /* a power of two */
    size_t kept, cap;
    struct lsh_candidates candidates; /* scratch */
};

struct dedupe *dedupe_new(const struct dedupe_params *p)
{
    struct dedupe *d = xcalloc(1, sizeof *d);
    d->params = p;
    if (p->mode & DEDUPE_EXACT)
        d->exact = hashset_new();
    if (p->mode & DEDUPE_NEAR)
        d->index = lsh_index_new(p->bands);
    return d;
}

void dedupe_free(struct dedupe *d)
{
    if (!d)
        return;
    hashset_free(d->exact);
    lsh_index_free(d->index);
    buf_free(&d->ids);
    free(d->id_at);
    free(d->signatures);
    free(d->sketch_room);
    free(d->compared);
    lsh_candidates_free(&d->candidates);
    free(d);
}

bool dedupe_find_exact(const struct dedupe *d, const struct dedupe_item *item,
                       struct dedupe_verdict *v)
{
    uint32_t k;
    if (!d->exact || !item->has_exact || !hashset_find(d->exact, item->exact, &k))
        return false;
    v->type = DEDUPE_EXACT_DUP;
    v->of = k;
    v->matches = d->params->perms;
    return true;
}

#if defined(__GNUC__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif

static const uint16_t *signature_of(const struct dedupe *d, uint32_t k)
{
    return d->signatures + (size_t)k * d->params->perms;
}

static uint64_t *sketch_of(const struct dedupe *d, uint32_t k)
{
    return d->sketches + (size_t)k * MINHASH_SKETCH_WORDS(d->params->perms);
}

/* An empty set of kept records for a lookup of n candidates: open
 * addressing, at most half full, small enough to stay in the cache (a
 * lookup has dozens of candidates, the kept records are many); returns
 * the mask of its slots. */
static size_t compared_reset(struct dedupe *d, size_t n)
{
    size_t cap = 64;
    while (cap < 2 * n)
        cap *= 2;
    if (cap > d->compared_cap) {
        free(d->compared);
        d->compared = xmalloc(cap * sizeof *d->compared);
        d->compared_cap = cap;
    }
    memset(d->compared, 0, cap * sizeof *d->compared);
    return cap - 1;
}

/* Whether kept record k was compared in this lookup; it is from now on. */
static bool compared_before(struct dedupe *d, size_t mask, uint32_t k)
{
    for (size_t i = (size_t)(k * 0x9E3779B1u) & mask;; i = (i + 1) & mask) {
        if (d->compared[i] == k + 1)
            return true;
        if (d->compared[i] == 0) {
            d->compared[i] = k + 1;
            return false;
        }
    }
}

bool dedupe_find_near(struct dedupe *d, const struct dedupe_item *item,
                      struct dedupe_verdict *v)
{
    if (!d->index || !item->has_near)
        return false;
    struct lsh_candidates *c = &d->candidates;
    c->count = 0;
    lsh_index_lookup(d->index, item->keys, c);
    if (c->count == 0)
        return false;
    /* The answer is the earliest kept record that verifies. Rather than
     * sort the candidates (dozens per lookup on a corpus of templated
     * pages, which made sorting a sixth of the program's time), each is
     * compared once, in band order, and only while it is earlier than the
     * best found so far. */
    size_t mask = compared_reset(d, c->count);
    unsigned perms = d->params->perms;
    /* Most candidates share a band and little else: their sketches
     * dismiss them (98% of those that fail, on the bench corpus). */
    minhash_sketch(item->compact, perms, d->sketch);
    unsigned may_differ = perms - d->params->needed;
    bool found = false;
    for (size_t i = 0; i < c->count; i++) {
        uint32_t k = c->value[i];
        if ((found && k >= v->of) || compared_before(d, mask, k))
            continue;
        if (i + 1 < c->count)
            PREFETCH(sketch_of(d, c->value[i + 1]));
        if (minhash_sketch_differ(d->sketch, sketch_of(d, k), perms) > may_differ)
            continue;
        unsigned matches = minhash_matches_at_least(item->compact, signature_of(d, k), perms,
                                                    d->params->needed);
        if (matches >= d->params->needed) {
            v->type = DEDUPE_NEAR_DUP;
            v->of = k;
            v->matches = matches;
            found = true;
        }
    }
    return found;
}

/* Room for cap sketches, the first at the start of a cache line, so that
 * a sketch of 32 bytes or less is one line to fetch. realloc, unlike an
 * aligned allocation, can grow a big block in place or by moving pages,
 * with no second copy held; the sketches are then moved to the line. */
static void grow_sketches(struct dedupe *d)
{
    size_t words = MINHASH_SKETCH_WORDS(d->params->perms);
    size_t was = d->sketch_room ? (size_t)(d->sketches - d->sketch_room) : 0;
    d->sketch_room = xrealloc(d->sketch_room, (d->cap * words + 7) * sizeof *d->sketch_room);
    size_t misaligned = (size_t)((uintptr_t)d->sketch_room % 64) / sizeof *d->sketch_room;
    size_t offset = misaligned ? 8 - misaligned : 0;
    if (offset != was && d->kept)
        memmove(d->sketch_room + offset, d->sketch_room + was,
                d->kept * words * sizeof *d->sketch_room);
    d->sketches = d->sketch_room + offset;
}

static void make_room(struct dedupe *d)
{
    if (d->kept < d->cap)
        return;
    if (d->kept >= UINT32_MAX - 1)
        die(EXIT_BAD_INPUT, "too many distinct records (more than %lu)",
            (unsigned long)UINT32_MAX - 2);
    d->cap = d->cap ? d->cap * 2 : 1024;
    d->id_at = xrealloc(d->id_at, d->cap * sizeof *d->id_at);
    if (!d->index)
        return;
    d->signatures = xrealloc(d->signatures, d->cap * d->params->perms * sizeof *d->signatures);
    grow_sketches(d);
}

void dedupe_keep(struct dedupe *d, const char *id, size_t id_len,
                 const struct dedupe_item *item)
{
    make_room(d);
    uint32_t k = (uint32_t)d->kept++;
    d->id_at[k] = d->ids.len;
    buf_append(&d->ids, id, id_len);
    buf_append_char(&d->ids, '\0');
    if (d->exact && item->has_exact)
        hashset_add(d->exact, item->exact, k, NULL);
    if (!d->index)
        return;
    uint16_t *sig = d->signatures + (size_t)k * d->params->perms;
    if (!item->has_near) {
        memset(sig, 0, d->params->perms * sizeof *sig);
        memset(sketch_of(d, k), 0, MINHASH_SKETCH_WORDS(d->params->perms) * sizeof *d->sketches);
        return;
    }
    memcpy(sig, item->compact, d->params->perms * sizeof *sig);
    minhash_sketch(item->compact, d->params->perms, sketch_of(d, k));
    lsh_index_add(d->index, item->keys, k);
}

void dedupe_decide(struct dedupe *d, const char *id, size_t id_len,
                   const struct dedupe_item *item, struct dedupe_verdict *v)
{
    if (dedupe_find_exact(d, item, v) || dedupe_find_near(d, item, v))
        return;
    v->type = DEDUPE_KEPT;
    v->of = (uint32_t)d->kept;
    v->matches = 0;
    dedupe_keep(d, id, id_len, item);
}

const char *dedupe_kept_id(const struct dedupe *d, uint32_t k, size_t *len)
{
    const char *id = d->ids.data + d->id_at[k];
    size_t end = k + 1 < d->kept ? d->id_at[k + 1] : d->ids.len;
    *len = end - d->id_at[k] - 1;
    return id;
}

size_t dedupe_kept_count(const struct dedupe *d)
{
    return d->kept;
}

size_t dedupe_memory(const struct dedupe *d)
{
    size_t bytes = sizeof *d + d->ids.cap + d->kept * sizeof *d->id_at;
    if (d->exact)
        bytes += hashset_memory(d->exact);
    if (d->index)
        bytes += lsh_index_memory(d->index) +
                 d->kept * (d->params->perms * sizeof *d->signatures +
                            MINHASH_SKETCH_WORDS(d->params->perms) * sizeof *d->sketches);
    return bytes;
}

void dedupe_similarity_text(const struct dedupe_verdict *v, unsigned perms,
                            char out[16])
{
    if (v->type == DEDUPE_EXACT_DUP || v->matches >= perms) {
        strcpy(out, "1");
        return;
    }
    /* Thousandths, rounded half up in integers: no floating point, so
     * every step prints the same digits. */
    unsigned long milli = ((unsigned long)v->matches * 2000 + perms) / (2UL * perms);
    if (milli >= 1000) {
        strcpy(out, "1");
        return;
    }
    snprintf(out, 16, "0.%03lu", milli);
    size_t n = strlen(out);
    while (n > 3 && out[n - 1] == '0')
        out[--n] = '\0';
    if (strcmp(out, "0.0") == 0)
        strcpy(out, "0");
}
