/* segscan.h — byte scanning shared by the splitter's modules (segment.c,
 * dateline.c, quotes.c).
 *
 * Owns: nothing; every function reads a range s[from..to) of UTF-8 text and
 * returns offsets into it. Letters, digits and case are ASCII only: never
 * the locale's. A space is an ASCII space, tab or CR, or a non-breaking
 * space (C2 A0), which is text everywhere else but never part of a word.
 */
#ifndef WINNOW_SEGSCAN_H
#define WINNOW_SEGSCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

static inline bool seg_is_digit(char c) { return c >= '0' && c <= '9'; }
static inline bool seg_is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static inline bool seg_is_lower(char c) { return c >= 'a' && c <= 'z'; }
static inline bool seg_is_letter(char c) { return seg_is_upper(c) || seg_is_lower(c); }
static inline char seg_to_lower(char c) { return seg_is_upper(c) ? (char)(c - 'A' + 'a') : c; }
static inline bool seg_is_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

/* Case-insensitive: does s[0..n) spell lower_word? */
static inline bool seg_spells(const char *s, size_t n, const char *lower_word)
{
    size_t i = 0;
    for (; i < n; i++)
        if (lower_word[i] == '\0' || seg_to_lower(s[i]) != lower_word[i])
            return false;
    return lower_word[i] == '\0';
}

/* Does s[0..n) spell one of the words of a NULL-terminated list? */
static inline bool seg_spells_any(const char *s, size_t n, const char *const *lower_words)
{
    for (; *lower_words; lower_words++)
        if (seg_spells(s, n, *lower_words))
            return true;
    return false;
}

static inline bool seg_is_nbsp(const char *s, size_t i, size_t to)
{
    return i + 1 < to && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA0;
}

/* Bytes of the space that starts at s[i] (0 if none). */
static inline size_t seg_space_after(const char *s, size_t i, size_t to)
{
    if (i >= to)
        return 0;
    if (seg_is_blank(s[i]))
        return 1;
    return seg_is_nbsp(s, i, to) ? 2 : 0;
}

/* Bytes of the space that ends s[from..to) (0 if none). C2 is a lead byte,
 * so C2 A0 read backwards can only be a whole NBSP. */
static inline size_t seg_space_before(const char *s, size_t from, size_t to)
{
    if (to <= from)
        return 0;
    if (seg_is_blank(s[to - 1]))
        return 1;
    return to - from >= 2 && seg_is_nbsp(s, to - 2, to) ? 2 : 0;
}

static inline size_t seg_skip_spaces(const char *s, size_t from, size_t to)
{
    size_t width;
    while ((width = seg_space_after(s, from, to)) > 0)
        from += width;
    return from;
}

static inline size_t seg_trim_back(const char *s, size_t from, size_t to)
{
    size_t width;
    while ((width = seg_space_before(s, from, to)) > 0)
        to -= width;
    return to;
}

/* The end of the word (run of non-spaces) that starts at s[from]. */
static inline size_t seg_word_end(const char *s, size_t from, size_t to)
{
    while (from < to && seg_space_after(s, from, to) == 0)
        from++;
    return from;
}

/* How many words (runs of non-spaces) s[from..to) holds. */
static inline size_t seg_count_words(const char *s, size_t from, size_t to)
{
    size_t words = 0;
    for (size_t i = seg_skip_spaces(s, from, to); i < to; i = seg_skip_spaces(s, i, to)) {
        words++;
        i = seg_word_end(s, i, to);
    }
    return words;
}

/* Does s[from..to) end with the bytes of tail? */
static inline bool seg_ends_with(const char *s, size_t from, size_t to, const char *tail)
{
    size_t n = strlen(tail);
    return to - from >= n && memcmp(s + to - n, tail, n) == 0;
}

#endif
