/* mojibake.c — repairing doubly decoded UTF-8 (see mojibake.h). */
#include "mojibake.h"

#include <stdbool.h>
#include <string.h>
#include <utf8proc.h>

#include "buf.h"
#include "utf8.h"

enum { MAX_ROUNDS = 8 };

/* Windows-1252 bytes 0x80-0x9F; 0 marks the five it leaves undefined. */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

int32_t cp1252_char(unsigned char b)
{
    if (b >= 0x80 && b < 0xA0 && cp1252_high[b - 0x80])
        return cp1252_high[b - 0x80];
    return b;
}

int cp1252_byte(int32_t cp)
{
    if (cp >= 0 && cp < 0x100)
        return (int)cp;
    for (int i = 0; i < 32; i++)
        if (cp1252_high[i] == cp)
            return 0x80 + i;
    return -1;
}

/* Punctuation that correct text may put right after a letter: a
 * continuation made only of these is weak evidence of mojibake. */
static bool follows_letters(int32_t cp)
{
    switch (cp) {
    case 0x00A0: case 0x00AA: case 0x00AB: case 0x00AD: case 0x00AE:
    case 0x00B0: case 0x00B2: case 0x00B3: case 0x00B4: case 0x00B7:
    case 0x00B9: case 0x00BA: case 0x00BB:
    case 0x2013: case 0x2014: case 0x2018: case 0x2019: case 0x201A:
    case 0x201C: case 0x201D: case 0x201E: case 0x2020: case 0x2021:
    case 0x2022: case 0x2026: case 0x2039: case 0x203A: case 0x2122:
        return true;
    default:
        return false;
    }
}

/* Where two-byte mojibake comes from: Latin, combining marks, Greek,
 * Cyrillic, Armenian, Hebrew, Arabic. */
static bool victim_block(int32_t cp)
{
    return (cp >= 0x00A0 && cp <= 0x024F) || (cp >= 0x0300 && cp <= 0x06FF);
}

static bool assigned_text(int32_t cp)
{
    utf8proc_category_t cat = utf8proc_category(cp);
    return cat != UTF8PROC_CATEGORY_CN && cat != UTF8PROC_CATEGORY_CC &&
           cat != UTF8PROC_CATEGORY_CO && cat != UTF8PROC_CATEGORY_CS;
}

static bool is_letter(int32_t cp)
{
    utf8proc_category_t cat = utf8proc_category(cp);
    return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
}

/* A letter or mark that can continue a word: not a capital, which after
 * punctuation starts the next word ("Ö–Ä"). */
static bool continues_word(int32_t cp)
{
    utf8proc_category_t cat = utf8proc_category(cp);
    return cat == UTF8PROC_CATEGORY_LL || (cat >= UTF8PROC_CATEGORY_LM && cat <= UTF8PROC_CATEGORY_ME);
}

/* The character at s[i] (i < n), its length in *len; -1 if ill-formed. */
static int32_t char_at(const char *s, size_t n, size_t i, size_t *len)
{
    int32_t cp;
    *len = (size_t)utf8_decode(s + i, n - i, &cp);
    return cp;
}

/* The character that ends just before s[i], or -1 at the start. */
static int32_t char_before(const char *s, size_t i)
{
    size_t start = i;
    while (start > 0 && i - start < 4) {
        start--;
        if (((unsigned char)s[start] & 0xC0) != 0x80)
            break;
    }
    if (start == i)
        return -1;
    size_t len;
    int32_t cp = char_at(s, i, start, &len);
    return start + len == i ? cp : -1;
}

struct candidate {
    size_t end;      /* just past its last character */
    int32_t cp;      /* what it repairs to */
    bool strong;     /* rule 2 of mojibake.h */
    bool two_byte;
    bool lead_a_tilde; /* the lead is Ã */
};

/* Rule 1 of mojibake.h at s[p], the continuation within s[p..end). */
static bool find_candidate(const char *s, size_t p, size_t end, struct candidate *c)
{
    const unsigned char *u = (const unsigned char *)s;
    /* U+00C2..U+00F4 are C3 82..C3 B4 in UTF-8. */
    if (u[p] != 0xC3 || p + 1 >= end || u[p + 1] < 0x82 || u[p + 1] > 0xB4)
        return false;
    unsigned char bytes[4];
    bytes[0] = (unsigned char)(0xC0 | (u[p + 1] & 0x3F));
    int need = bytes[0] < 0xE0 ? 1 : bytes[0] < 0xF0 ? 2 : 3;
    bool all_punctuation = true;
    size_t q = p + 2;
    for (int k = 1; k <= need; k++) {
        if (q >= end)
            return false;
        size_t len;
        int32_t cp = char_at(s, end, q, &len);
        int b = cp1252_byte(cp);
        if (b < 0x80 || b > 0xBF)
            return false;
        bytes[k] = (unsigned char)b;
        all_punctuation = all_punctuation && follows_letters(cp);
        q += len;
    }
    int32_t cp;
    if (utf8_decode((const char *)bytes, (size_t)need + 1, &cp) != need + 1 || cp < 0)
        return false;
    if (!assigned_text(cp) || (need == 1 && !victim_block(cp)))
        return false;
    c->end = q;
    c->cp = cp;
    c->two_byte = need == 1;
    c->lead_a_tilde = bytes[0] == 0xC3;
    c->strong = !all_punctuation || bytes[0] == 0xC2;
    return true;
}

/* Rule 3 of mojibake.h for a weak candidate starting at s[p]. */
static bool weak_accepted(const char *s, size_t n, size_t p, const struct candidate *c,
                          bool strong_in_word)
{
    if (strong_in_word)
        return true;
    if (c->end < n) {
        size_t len;
        struct candidate following;
        int32_t next = char_at(s, n, c->end, &len);
        if ((next >= 0 && continues_word(next)) || find_candidate(s, c->end, n, &following))
            return true;
    }
    if (!c->two_byte)
        return false;
    int32_t prev = char_before(s, p);
    if (prev >= 0 && utf8proc_category(prev) == UTF8PROC_CATEGORY_LL)
        return true;
    return c->lead_a_tilde && (prev < 0 || !is_letter(prev));
}

static size_t next_char(const char *s, size_t end, size_t p)
{
    size_t len;
    char_at(s, end, p, &len);
    return p + len;
}

static bool word_has_strong(const char *s, size_t start, size_t end)
{
    struct candidate c;
    for (size_t p = start; p < end;) {
        if (find_candidate(s, p, end, &c)) {
            if (c.strong)
                return true;
            p = c.end;
        } else {
            p = next_char(s, end, p);
        }
    }
    return false;
}

/* Append the word s[start..end) with its accepted candidates repaired. */
static size_t repair_word(const char *s, size_t n, size_t start, size_t end, struct buf *out)
{
    if (!memchr(s + start, 0xC3, end - start)) {
        buf_append(out, s + start, end - start);
        return 0;
    }
    bool strong_in_word = word_has_strong(s, start, end);
    size_t repaired = 0, copied = start;
    struct candidate c;
    for (size_t p = start; p < end;) {
        if (!find_candidate(s, p, end, &c)) {
            p = next_char(s, end, p);
            continue;
        }
        if (c.strong || weak_accepted(s, n, p, &c, strong_in_word)) {
            char enc[4];
            buf_append(out, s + copied, p - copied);
            buf_append(out, enc, (size_t)utf8_encode(c.cp, enc));
            copied = c.end;
            repaired++;
        }
        p = c.end;
    }
    buf_append(out, s + copied, end - copied);
    return repaired;
}

static bool ascii_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v';
}

/* One round over s[0..n), appended to out. Only the words that hold a
 * 0xC3 byte can change (rule 1): the text between them is copied at once. */
static size_t repair_round(const char *s, size_t n, struct buf *out)
{
    size_t repaired = 0, copied = 0;
    const char *hit;
    while (copied < n && (hit = memchr(s + copied, 0xC3, n - copied)) != NULL) {
        size_t word = (size_t)(hit - s), end = word;
        while (word > copied && !ascii_space(s[word - 1]))
            word--;
        while (end < n && !ascii_space(s[end]))
            end++;
        buf_append(out, s + copied, word - copied);
        repaired += repair_word(s, n, word, end, out);
        copied = end;
    }
    buf_append(out, s + copied, n - copied);
    return repaired;
}

size_t mojibake_repair(const char *s, size_t n, struct buf *out, struct buf *scratch)
{
    buf_reset(out);
    size_t total = repair_round(s, n, out);
    size_t last = total;
    for (int round = 1; last > 0 && round < MAX_ROUNDS; round++) {
        buf_reset(scratch);
        buf_append(scratch, out->data, out->len);
        buf_reset(out);
        last = repair_round(scratch->data, scratch->len, out);
        total += last;
    }
    return total;
}
