/* normquick.h — which normalization steps can change a text, in one scan.
 *
 * Owns: the quick check that lets winnow-normalize leave most fields
 * untouched. Most text is already clean: running every step over it (and
 * utf8proc over every run of non-ASCII characters) only to find that
 * nothing changed costs far more than one scan that proves it. The scan
 * answers "cannot change" only when that is certain; "may change" sends
 * the text through the step, whose own result is what counts.
 *
 * Per character, from utf8proc (computed once, then cached):
 *   stable   NFC (or NFKC) leaves the character alone wherever it stands:
 *            combining class 0, not a mark, not a Hangul jamo (so it is
 *            never the second half of a composition), and the form of the
 *            character alone is the character. Text made only of stable
 *            characters is in that form (the Unicode quick check answers
 *            YES for it); the unit test checks against utf8proc's data
 *            that no stable character is part of a canonical
 *            decomposition other than as its first character.
 *   control  category Cc or Cf (what the controls step removes)
 *   space    category Zs, U+2028 or U+2029 (what the spaces step rewrites)
 *
 * Memory: a cache of one byte per code point of the first two planes
 * (128 KB, allocated by norm_quick_init); characters beyond are looked up
 * each time.
 */
#ifndef WINNOW_NORMQUICK_H
#define WINNOW_NORMQUICK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "normalize.h"

enum norm_quick_flag {
    NQ_KNOWN = 1,        /* the cache entry is filled */
    NQ_NFC_STABLE = 2,
    NQ_NFKC_STABLE = 4,
    NQ_CONTROL = 8,
    NQ_SPACE = 16
};

struct norm_quick {
    uint8_t *cache; /* owned; NQ_* flags per code point below NQ_CACHED */
};

#define NQ_CACHED 0x20000

void norm_quick_init(struct norm_quick *q);
void norm_quick_free(struct norm_quick *q);

/* The NQ_* flags of code point cp (a scalar value). */
unsigned norm_quick_char(struct norm_quick *q, int32_t cp);

/* Of `steps` (NORM_BIT()s), those that may change s[0..n) (valid UTF-8,
 * ill-formed bytes are allowed and make the Unicode steps "may change").
 * A step left out of the answer is certain to change nothing. */
unsigned norm_quick_steps(struct norm_quick *q, unsigned steps, enum norm_form form,
                          const char *s, size_t n);

/* Bytes held by the cache. */
size_t norm_quick_footprint(const struct norm_quick *q);

#endif
