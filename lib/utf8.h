/* utf8.h — strict UTF-8 validation, decoding and repair.
 *
 * Owns: the definition of valid UTF-8 used everywhere in winnow (RFC 3629:
 * no overlong forms, no surrogates, nothing above U+10FFFF) and the repair
 * policy: each maximal ill-formed subsequence becomes one U+FFFD, as the
 * Unicode Standard (ch. 3, "U+FFFD substitution of maximal subparts")
 * recommends, so counts agree with other conforming decoders.
 */
#ifndef WINNOW_UTF8_H
#define WINNOW_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct buf;

#define UTF8_REPLACEMENT "\xEF\xBF\xBD"

/* Length of the valid UTF-8 prefix of s[0..n). */
size_t utf8_valid_prefix(const char *s, size_t n);
static inline bool utf8_is_valid(const char *s, size_t n)
{
    return utf8_valid_prefix(s, n) == n;
}

/* Decode one code point at s[0..n). Returns the sequence length (1..4) and
 * stores the code point; on an ill-formed sequence returns the length of the
 * maximal ill-formed subpart (>= 1) and stores -1. n must be > 0. */
int utf8_decode(const char *s, size_t n, int32_t *cp);

/* Encode cp (a scalar value) into out[0..4); returns the length. */
int utf8_encode(int32_t cp, char out[4]);

/* Append s[0..n) to out with every ill-formed subsequence replaced by
 * U+FFFD. Returns the number of replacements made. */
size_t utf8_repair(const char *s, size_t n, struct buf *out);

/* Number of code points in valid UTF-8 s[0..n). */
size_t utf8_count(const char *s, size_t n);

#endif
