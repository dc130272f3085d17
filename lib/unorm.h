/* unorm.h — Unicode normalization forms and case folding, from utf8proc.
 *
 * Owns: how winnow calls utf8proc (NFC, NFKC, full case folding; no
 * hand-written Unicode tables) and the working memory for it, a buffer of
 * code points that grows to the longest run seen and is reused, so that
 * normalizing allocates nothing once it has warmed up.
 *
 * Speed: ASCII is invariant under NFC and NFKC and can neither combine
 * with what precedes it nor be the second half of a composition, so the
 * text is cut before every ASCII character and only the pieces holding
 * non-ASCII characters go through utf8proc. The result is the same as
 * normalizing the whole text at once (the NormalizationTest.txt test runs
 * through this path).
 */
#ifndef WINNOW_UNORM_H
#define WINNOW_UNORM_H

#include <stddef.h>
#include <stdint.h>

struct buf;

enum unorm_flags {
    UNORM_COMPOSE = 1,  /* NFC: canonical composition */
    UNORM_COMPAT = 2,   /* with UNORM_COMPOSE: NFKC */
    UNORM_CASEFOLD = 4  /* Unicode full case folding */
};

struct unorm {
    int32_t *cps; /* owned; grows */
    size_t cap;
};

#define UNORM_INIT {NULL, 0}

void unorm_free(struct unorm *u);

/* Replace out's contents with s[0..n) (valid UTF-8) transformed by flags.
 * Returns the number of places changed (a place is one ASCII letter that
 * was folded, or one run of non-ASCII characters with the ASCII character
 * before it). */
size_t unorm_apply(struct unorm *u, const char *s, size_t n, unsigned flags, struct buf *out);

#endif
