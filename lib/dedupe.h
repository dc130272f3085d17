/* dedupe.h — the duplicate decisions of winnow-dedupe, one record at a time.
 *
 * Owns: the rule that says which record is a duplicate of which, the
 * signatures it compares (the "item" of a record) and the memory of the
 * records kept so far. The single process and the clustering step of the
 * sharded mode both decide through dedupe_decide, in global record order,
 * so they agree record for record.
 *
 * The rule. Records are taken in order. A record R is
 *  1. an exact duplicate of K when an earlier kept record K has the same
 *     exact hash (XXH3-128 of the compared text);
 *  2. otherwise a near duplicate of K when K is the earliest kept record
 *     that shares an LSH band key with R (same band, same key) and whose
 *     compact MinHash signature agrees with R's in at least `needed` of the
 *     `perms` positions (needed = ceil(threshold * perms));
 *  3. otherwise kept.
 * Duplicates are never candidates: every dup_of names a kept record, and a
 * chain A ~ B ~ C with A !~ C keeps A and C (C is compared with A, not B).
 * A record whose text has no word (or fewer than min_words) has no
 * signature: only rule 1 applies to it.
 *
 * Memory per kept record: its id and 9 bytes; 20/load bytes in the exact
 * set (lib/hashset.h); 2 bytes per permutation for its compact signature
 * and 2 bits per permutation, rounded up to 64 permutations, for its
 * sketch (minhash.h);
 * 8/load bytes per band in the LSH index (lib/lsh.h); load between 3/8
 * and 3/4. Duplicates cost nothing. dedupe_memory() says exactly.
 */
#ifndef WINNOW_DEDUPE_H
#define WINNOW_DEDUPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hashset.h"
#include "shingle.h"

enum { DEDUPE_EXACT = 1, DEDUPE_NEAR = 2, DEDUPE_BOTH = 3 };

struct dedupe_params {
    unsigned mode;                /* DEDUPE_EXACT, DEDUPE_NEAR or both */
    struct shingle_options shingle;
    unsigned perms;               /* MinHash permutations */
    unsigned bands;               /* LSH bands; 0: lsh_default_bands */
    unsigned rows;                /* set by dedupe_params_finish */
    double threshold;             /* Jaccard, in (0, 1] */
    unsigned needed;              /* set by dedupe_params_finish */
    unsigned min_words;           /* fewer words: no signature (exact only) */
};

/* Fill in bands (when 0), rows and needed from the others. */
void dedupe_params_finish(struct dedupe_params *p);

/* What is compared of one record. The arrays belong to whoever filled the
 * item (a signer, or a parsed signature line). */
struct dedupe_item {
    bool has_exact;
    struct hash128 exact;
    bool has_near;            /* false when the text has no word */
    const uint32_t *keys;     /* [bands] LSH band keys */
    const uint16_t *compact;  /* [perms] compact MinHash signature */
};

/* Computes items from texts; owns the arrays the items point to, valid
 * until the next call. */
struct dedupe_signer;

struct dedupe_signer *dedupe_signer_new(const struct dedupe_params *p);
void dedupe_signer_free(struct dedupe_signer *s);
/* Set item->exact from text (digits folded when the params say so). */
void dedupe_sign_exact(struct dedupe_signer *s, const char *text, size_t len,
                       struct dedupe_item *item);
/* Set item->keys and item->compact from text's shingles; has_near is
 * false when the text has fewer than max(1, min_words) words. */
void dedupe_sign_near(struct dedupe_signer *s, const char *text, size_t len,
                      struct dedupe_item *item);
/* Words in the text last given to dedupe_sign_near. */
size_t dedupe_signer_words(const struct dedupe_signer *s);

enum dedupe_type { DEDUPE_KEPT, DEDUPE_EXACT_DUP, DEDUPE_NEAR_DUP };

struct dedupe_verdict {
    enum dedupe_type type;
    uint32_t of;        /* the kept record it duplicates (its number) */
    unsigned matches;   /* agreeing signature positions (near) */
};

struct dedupe;

struct dedupe *dedupe_new(const struct dedupe_params *p);
void dedupe_free(struct dedupe *d);

/* Rule 1 alone; true (and v set) for an exact duplicate. */
bool dedupe_find_exact(const struct dedupe *d, const struct dedupe_item *item,
                       struct dedupe_verdict *v);
/* Rule 2 alone; true (and v set) for a near duplicate. */
bool dedupe_find_near(struct dedupe *d, const struct dedupe_item *item,
                      struct dedupe_verdict *v);
/* Remember a kept record: a copy of its id, its exact hash, its signature. */
void dedupe_keep(struct dedupe *d, const char *id, size_t id_len,
                 const struct dedupe_item *item);
/* The whole rule: find_exact, find_near, else keep. */
void dedupe_decide(struct dedupe *d, const char *id, size_t id_len,
                   const struct dedupe_item *item, struct dedupe_verdict *v);

/* Id of kept record k (NUL-terminated; valid until the next keep). */
const char *dedupe_kept_id(const struct dedupe *d, uint32_t k, size_t *len);
size_t dedupe_kept_count(const struct dedupe *d);
/* Bytes held for the kept records (ids, sets, signatures, index). */
size_t dedupe_memory(const struct dedupe *d);

/* The similarity of a verdict as JSON number text: matches / perms with at
 * most three decimals ("1", "0.914"); 1 for an exact duplicate. */
void dedupe_similarity_text(const struct dedupe_verdict *v, unsigned perms,
                            char out[16]);

#endif
