/* shingle.h — the words of a text and its word shingles, as hashes.
 *
 * Owns: what winnow-dedupe compares when it looks for near duplicates.
 *
 * Words. A word is a maximal run of letters, marks and numbers (Unicode
 * categories L*, M*, N*, from utf8proc); everything else (spaces,
 * punctuation, symbols, invalid UTF-8) separates words. Words are
 * lowercased (utf8proc_tolower, one code point at a time), so case and
 * punctuation never make two texts differ. Digits stay as they are unless
 * fold_digits is set: then every decimal digit (category Nd) becomes "0",
 * and "40%" and "25%" are the same word.
 *
 * Shingles. The shingles of a text are its runs of `size` consecutive
 * words; a text of fewer words (but at least one) has one shingle, all of
 * its words. Each word is hashed (XXH3-64 of its UTF-8 bytes) and each
 * shingle is XXH3-64 of its words' hashes as little-endian bytes, kept as
 * its low 32 bits. The result does not depend on the platform or the
 * locale, so shards processed on different machines agree.
 *
 * Memory: a struct shingles owns its arrays, reused from text to text:
 * 4 bytes per shingle (about one per word), and a window of 2 * size word
 * hashes whatever the text's length. shingles_compute_each hands the
 * shingles over in batches instead, and keeps at most SHINGLE_BATCH.
 */
#ifndef WINNOW_SHINGLE_H
#define WINNOW_SHINGLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

struct shingle_options {
    unsigned size;      /* words per shingle, >= 1 */
    bool fold_digits;   /* every decimal digit becomes '0' */
};

enum { SHINGLE_BATCH = 4096 };

/* Takes a batch of shingles hash[0..n), in text order. */
typedef void shingle_batch_fn(void *ctx, const uint32_t *hash, size_t n);

struct shingles {
    uint32_t *hash;     /* hash[0..count): one per shingle, in text order */
    size_t count;
    size_t total;       /* shingles of the text, those given to a batch
                           function included */
    size_t words;       /* words in the text */
    /* private, reused */
    size_t cap;
    struct buf word;        /* the word being read, lowercased */
    struct buf word_hashes; /* the window: 8 little-endian bytes per word,
                               the last 2 * size words at most */
    size_t size;            /* words per shingle, of the text at hand */
    shingle_batch_fn *each; /* of shingles_compute_each, or NULL */
    void *each_ctx;
};

void shingles_init(struct shingles *s);
void shingles_free(struct shingles *s);

/* Replace s's contents with the shingles of text[0..len). */
void shingles_compute(struct shingles *s, const struct shingle_options *opt,
                      const char *text, size_t len);
/* The same, but every full batch of SHINGLE_BATCH shingles goes to
 * each(ctx, ...) as soon as it is made; hash[0..count) holds the rest, the
 * last shingles of the text (total counts them all). For a huge text: its
 * shingles are never all held. */
void shingles_compute_each(struct shingles *s, const struct shingle_options *opt,
                           const char *text, size_t len, shingle_batch_fn *each, void *ctx);

/* Append text[0..len) to out with every decimal digit (Nd) replaced by
 * '0', as fold_digits does to words. Invalid UTF-8 is copied as it is. */
void text_fold_digits(const char *text, size_t len, struct buf *out);

#endif
