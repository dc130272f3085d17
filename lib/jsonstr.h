/* jsonstr.h — JSON text for scalar values: decoding and writing strings,
 * writing and reading numbers, removing whitespace from a JSON text.
 *
 * Owns: the byte-exact output format of strings and numbers, which is what
 * Jansson 2.14 writes (JSON_COMPACT | JSON_REAL_PRECISION(15)), so that a
 * field a program sets looks the same whichever layer wrote it: strings
 * escape '"', '\\' and control characters (\b \f \n \r \t, others as
 * \u00XX with upper-case hex) and keep every other character as UTF-8;
 * reals are "%.15g" with ".0" added when neither '.' nor 'e' would show,
 * and no '+' or leading zeros in the exponent.
 * Every function here is locale-independent and writes into memory the
 * caller provides (json_parse_real alone allocates, for a number longer
 * than 63 bytes).
 */
#ifndef WINNOW_JSONSTR_H
#define WINNOW_JSONSTR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Worst-case size of json_escape's output for n input bytes: a control
 * character becomes "\u00XX" (6 bytes), plus the two quotes. */
#define JSON_ESCAPE_MAX(n) (6 * (n) + 2)
/* Room json_format_real and json_format_int need. */
enum { JSON_NUMBER_MAX = 32 };

/* Decode the text between the quotes of a string that json_scan accepted
 * (escapes valid) into out, which has room for len bytes (decoding never
 * grows a string). Returns the decoded length; out is not NUL-terminated. */
size_t json_unescape(const char *text, size_t len, char *out);

/* Write s[0..n) as a quoted JSON string into out (room for
 * JSON_ESCAPE_MAX(n)). Ill-formed UTF-8 cannot be written as JSON: each
 * maximal ill-formed subsequence becomes U+FFFD. Returns the length; with
 * out NULL, only returns it (to size the output of a long string
 * exactly). */
size_t json_escape(const char *s, size_t n, char *out);

/* Copy a valid JSON text (one that json_scan accepted) to out in the
 * form Jansson would write it, except for numbers, which keep their
 * spelling: no whitespace between tokens, and every escape in a string
 * rewritten as json_escape writes its character ("\/" -> "/", "\u00e9"
 * -> "é", "\u000a" -> "\n"). The result is never longer than the text:
 * out needs room for len bytes. Returns the length written. */
size_t json_recode(const char *text, size_t len, char *out);

/* Write v as Jansson does; v must be finite. Returns the length. */
size_t json_format_real(double v, char out[JSON_NUMBER_MAX]);
size_t json_format_int(long long v, char out[JSON_NUMBER_MAX]);

/* Value of an integer text json_scan accepted (so it fits). */
long long json_parse_int(const char *text, size_t len);
/* Value of a number text json_scan accepted, as strtod rounds it. */
double json_parse_real(const char *text, size_t len);

/* Index of the first byte of p[0..n) that a JSON string cannot hold as is
 * or that needs a UTF-8 check: '"', '\\', a control character, a byte >=
 * 0x80. Returns n when there is none. Eight bytes at a time: this loop is
 * where the scanner and the writer spend most of their time on text. */
static inline size_t json_plain_prefix(const char *p, size_t n)
{
    const uint64_t ones = 0x0101010101010101ULL;
    const uint64_t highs = 0x8080808080808080ULL;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        uint64_t quote = w ^ (ones * '"'), slash = w ^ (ones * '\\');
        /* Each term flags the first matching byte exactly (borrows only
         * spill into later bytes): zero bytes of quote/slash, bytes below
         * 0x20, and w itself for bytes >= 0x80. */
        uint64_t mask = ((quote - ones) & ~quote) | ((slash - ones) & ~slash) |
                        ((w - ones * 0x20) & ~w) | w;
        mask &= highs;
        if (mask) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
            return i + ((size_t)__builtin_ctzll(mask) >> 3);
#else
            break; /* find it byte by byte below */
#endif
        }
    }
    for (; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80)
            return i;
    }
    return n;
}

#endif
