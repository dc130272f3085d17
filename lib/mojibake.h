/* mojibake.h — repairing UTF-8 text that was decoded as Windows-1252 or
 * Latin-1 and encoded again ("â€™" for "’", "Ã©" for "é", "Â£" for "£").
 *
 * Owns: the Windows-1252 byte table and the repair policy. The policy is
 * conservative: correct text ("ÂGE D’OR", "Ångström", "São Paulo",
 * "Straße”") must come out unchanged, so a repair is made only where the
 * characters spell a valid UTF-8 sequence and the result is the more
 * plausible text. The rules, applied to each candidate:
 *
 *  1. A candidate is a character standing for a UTF-8 lead byte (U+00C2 to
 *     U+00F4) followed by the 1-3 characters that stand for continuation
 *     bytes (U+0080-U+00BF, or a Windows-1252 character of 0x80-0x9F such
 *     as ’ or €), whose bytes form one valid UTF-8 sequence (shortest form,
 *     no surrogate) of an assigned character that is not a control or
 *     private use. A two-byte candidate must also decode to a script
 *     mojibake comes from (U+00A0-U+024F Latin, U+0300-U+06FF combining
 *     marks, Greek, Cyrillic, Armenian, Hebrew, Arabic); that keeps "ß"
 *     plus a quote (which would spell NKo) and "É" plus NBSP (IPA) apart.
 *  2. A candidate is strong when one of its continuation characters is a
 *     symbol that never follows a letter in correct text (© ¨ ¤ ‰ € ...),
 *     or when its lead is Â (correct text has no Â before a symbol).
 *     Strong candidates are repaired.
 *  3. The other candidates (every continuation is punctuation that may
 *     follow a letter: quotes, dashes, …, NBSP, soft hyphen, °, ², ™ ...)
 *     are weak: repaired only with evidence that they sit inside a word:
 *     the next character is a lowercase or uncased letter or a mark, or
 *     starts another candidate; or the same word (run of characters
 *     between ASCII white space) holds a strong candidate; or, for
 *     two-byte ones, the character before is a lowercase letter (a correct
 *     capital like Ã follows a capital or starts a word), or the lead is Ã
 *     and the character before is not a letter ("Ã" and NBSP is the
 *     mojibake of the French word "à").
 *
 * Repairs repeat until nothing changes (at most 8 rounds), so doubly
 * encoded text ("Ã¢â‚¬â„¢") is repaired too and repairing twice equals
 * repairing once.
 */
#ifndef WINNOW_MOJIBAKE_H
#define WINNOW_MOJIBAKE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct buf;

/* The character Windows-1252 gives byte b. The five bytes it leaves
 * undefined (0x81 0x8D 0x8F 0x90 0x9D) give the C1 control of that number,
 * as Latin-1 does. */
int32_t cp1252_char(unsigned char b);

/* The byte that stands for cp when text was decoded as Windows-1252 or
 * Latin-1: cp itself below U+0100, the Windows-1252 byte for its 27
 * characters of 0x80-0x9F; -1 for any other character. */
int cp1252_byte(int32_t cp);

/* Whether a candidate of rule 1 may start at s[i] (s[0..n) UTF-8): the
 * lead U+00C2..U+00F4 (C3 82..C3 B4) followed by a non-ASCII character.
 * Text with no such place is left unchanged by mojibake_repair. */
static inline bool mojibake_may_start(const char *s, size_t n, size_t i)
{
    const unsigned char *u = (const unsigned char *)s;
    return u[i] == 0xC3 && i + 2 < n && u[i + 1] >= 0x82 && u[i + 1] <= 0xB4 &&
           u[i + 2] >= 0x80;
}

/* Append s[0..n) (UTF-8) to out with mojibake repaired; scratch is a
 * buffer for the later rounds (its contents are replaced). Returns the
 * number of characters repaired. */
size_t mojibake_repair(const char *s, size_t n, struct buf *out,
                       struct buf *scratch);

#endif
