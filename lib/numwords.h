/* numwords.h — reading one number written in digits or in words.
 *
 * Owns: the meaning of a number's surface as the figures extractor finds it:
 * digits with thousands commas and a decimal point ("260,000", "0.13"), a
 * glued or spoken scale ("277m", "1.2bn", "30k", "1.2 million"), cardinal
 * words ("two hundred and sixty thousand", "twenty-one", "a dozen",
 * "half a million", "two and a half") and indefinite plurals ("dozens",
 * "hundreds", "thousands", "tens of thousands"), whose value is the order
 * they name (12, 100, 1000, 10000) and which are marked indefinite.
 * Letters are compared without regard to ASCII case; words may be separated
 * by spaces (any Unicode space), tabs, newlines or hyphens. No locale: the
 * decimal point is always '.'. Nothing is allocated.
 */
#ifndef WINNOW_NUMWORDS_H
#define WINNOW_NUMWORDS_H

#include <stdbool.h>
#include <stddef.h>

struct number {
    double value;     /* the number, scale applied */
    double scale;     /* 1, or the scale written (1e3, 1e6, 1e9, 1e12) */
    bool indefinite;  /* "thousands", "tens of thousands", "dozens" */
    bool grouped;     /* digits written with thousands commas */
    bool words;       /* written (at least partly) in words */
    int digits;       /* count of digits before the decimal point (0: words) */
    bool decimal;     /* digits with a decimal point */
};

/* Parse all of s[0..n) as one number. Returns false (and leaves *out
 * unspecified) when s is not exactly one number. */
bool numwords_parse(const char *s, size_t n, struct number *out);

#endif
