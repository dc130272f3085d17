/* normquick.c — the quick check of the normalization chain (see normquick.h). */
#include "normquick.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "buf.h"
#include "mojibake.h"
#include "swar.h"

#if defined(__SSE2__) && !defined(WINNOW_NO_SIMD)
#include <emmintrin.h>
#endif
#include "utf8.h"

void norm_quick_init(struct norm_quick *q)
{
    q->cache = xcalloc(NQ_CACHED, 1);
}

void norm_quick_free(struct norm_quick *q)
{
    free(q->cache);
    q->cache = NULL;
}

size_t norm_quick_footprint(const struct norm_quick *q)
{
    return q->cache ? NQ_CACHED : 0;
}

/* Whether cp can take part in a composition other than as its first
 * character, or be reordered: marks, nonzero combining classes, and the
 * Hangul jamo (composed by rule, not by table). */
static bool may_combine(int32_t cp, const utf8proc_property_t *p)
{
    if (p->combining_class != 0)
        return true;
    if (p->category == UTF8PROC_CATEGORY_MN || p->category == UTF8PROC_CATEGORY_MC ||
        p->category == UTF8PROC_CATEGORY_ME)
        return true;
    return (cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0xA960 && cp <= 0xA97F) ||
           (cp >= 0xD7B0 && cp <= 0xD7FF);
}

/* Whether the form (utf8proc options) of cp alone is cp, computed as
 * lib/unorm.c computes it: decompose, then compose and encode. */
static bool form_keeps(int32_t cp, utf8proc_option_t options)
{
    char enc[4];
    int len = utf8_encode(cp, enc);
    utf8proc_int32_t cps[32]; /* the longest decomposition is 18 */
    utf8proc_ssize_t count = utf8proc_decompose((const utf8proc_uint8_t *)enc, len, cps,
                                                (utf8proc_ssize_t)(sizeof cps / sizeof *cps) - 1,
                                                options);
    if (count < 0 || count >= (utf8proc_ssize_t)(sizeof cps / sizeof *cps))
        return false;
    utf8proc_ssize_t bytes = utf8proc_reencode(cps, count, options);
    return bytes == len && memcmp(cps, enc, (size_t)len) == 0;
}

static unsigned char_flags(int32_t cp)
{
    const utf8proc_property_t *p = utf8proc_get_property(cp);
    unsigned flags = NQ_KNOWN;
    if (p->category == UTF8PROC_CATEGORY_CC || p->category == UTF8PROC_CATEGORY_CF)
        flags |= NQ_CONTROL;
    if (p->category == UTF8PROC_CATEGORY_ZS || cp == 0x2028 || cp == 0x2029)
        flags |= NQ_SPACE;
    if (!may_combine(cp, p)) {
        if (form_keeps(cp, (utf8proc_option_t)(UTF8PROC_STABLE | UTF8PROC_COMPOSE)))
            flags |= NQ_NFC_STABLE;
        if (form_keeps(cp, (utf8proc_option_t)(UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                                                UTF8PROC_COMPAT)))
            flags |= NQ_NFKC_STABLE;
    }
    return flags;
}

unsigned norm_quick_char(struct norm_quick *q, int32_t cp)
{
    if (cp < 0 || cp >= NQ_CACHED)
        return char_flags(cp);
    if (!q->cache[cp])
        q->cache[cp] = (uint8_t)char_flags(cp);
    return q->cache[cp];
}

/* ---- the scan ------------------------------------------------------------ */

/* A space or line break at s[i] that the spaces step would rewrite: one
 * before another space or a line break, a line break before a space, three
 * line breaks in a row (as lib/normalize.c's step_spaces sees them). */
static bool space_run(const char *s, size_t n, size_t i)
{
    if (i + 1 >= n)
        return false;
    if (s[i + 1] == ' ')
        return true;
    if (s[i + 1] != '\n')
        return false;
    return s[i] == ' ' || (i + 2 < n && s[i + 2] == '\n');
}

/* The steps a non-ASCII character at s[*i] may give work; *i moves past it. */
static unsigned non_ascii_steps(struct norm_quick *q, enum norm_form form, const char *s,
                                size_t n, size_t *i)
{
    unsigned need = NORM_BIT(NORM_PUNCT) | NORM_BIT(NORM_LOWER);
    if (mojibake_may_start(s, n, *i))
        need |= NORM_BIT(NORM_MOJIBAKE);
    int32_t cp;
    *i += (size_t)utf8_decode(s + *i, n - *i, &cp);
    if (cp < 0)
        return need | NORM_BIT(NORM_UNICODE);
    unsigned flags = norm_quick_char(q, cp);
    if (!(flags & (form == NORM_NFKC ? NQ_NFKC_STABLE : NQ_NFC_STABLE)))
        need |= NORM_BIT(NORM_UNICODE);
    if (flags & NQ_CONTROL)
        need |= NORM_BIT(NORM_CONTROLS);
    if (flags & NQ_SPACE)
        need |= NORM_BIT(NORM_SPACES);
    return need;
}

/* The steps an ASCII character at s[i] other than a visible one may give
 * work (white space, controls, '&'). */
static unsigned ascii_steps(const char *s, size_t n, size_t i)
{
    unsigned char c = (unsigned char)s[i];
    if (c == ' ' || c == '\n')
        return space_run(s, n, i) ? NORM_BIT(NORM_SPACES) : 0;
    if (c == '\t')
        return NORM_BIT(NORM_SPACES);
    if (c < 0x20 || c == 0x7F)
        return NORM_BIT(NORM_CONTROLS);
    return c == '&' ? NORM_BIT(NORM_ENTITIES) : 0;
}

/* ---- the text ------------------------------------------------------------- */

/* How many bytes from s on, up to 16, no step could act on (16: none):
 * not bytes >= 0x7F, below ' ' (controls, line breaks, tabs) or '&', nor a
 * space or line break followed by another. Reads s[0..17). SSE2 where the
 * compiler has it (every x86-64), else eight bytes at a time. */
#if defined(__SSE2__) && !defined(WINNOW_NO_SIMD)
static unsigned plain_prefix16(const char *s)
{
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)s);
    __m128i y = _mm_loadu_si128((const __m128i *)(const void *)(s + 1));
    __m128i space = _mm_set1_epi8(' '), newline = _mm_set1_epi8('\n');
    /* Signed compare: bytes >= 0x80 are negative, so "< ' '" takes them too. */
    __m128i marked = _mm_or_si128(_mm_cmplt_epi8(x, space),
                                  _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('&')),
                                               _mm_cmpeq_epi8(x, _mm_set1_epi8(0x7F))));
    __m128i white_x = _mm_or_si128(_mm_cmpeq_epi8(x, space), _mm_cmpeq_epi8(x, newline));
    __m128i white_y = _mm_or_si128(_mm_cmpeq_epi8(y, space), _mm_cmpeq_epi8(y, newline));
    unsigned mask = (unsigned)_mm_movemask_epi8(_mm_or_si128(marked, _mm_and_si128(white_x, white_y)));
    return mask ? (unsigned)__builtin_ctz(mask) : 16;
}
#else
/* Marks the bytes of s[0..8) any step could act on: bytes >= 0x80, below
 * ' ' (controls, line breaks, tabs), '&', 0x7F, and a space or line break
 * followed by another (s[8] is read for that). A byte left unmarked is
 * visible ASCII or a space before a visible character. */
static uint64_t special_bytes(const char *s)
{
    uint64_t x = swar_load(s), y = swar_load(s + 1);
    uint64_t white_x = swar_eq(x, ' ') | swar_eq(x, '\n');
    uint64_t white_y = swar_eq(y, ' ') | swar_eq(y, '\n');
    return swar_high(x) | swar_below_space(x) | swar_eq(x, '&') | swar_eq(x, 0x7F) |
           (white_x & white_y);
}

static unsigned plain_prefix16(const char *s)
{
    return swar_unmarked16(s, special_bytes);
}
#endif

/* The steps the character at s[*i] may give work; *i moves past it. */
static unsigned scan_char(struct norm_quick *q, unsigned steps, enum norm_form form,
                          const char *s, size_t n, size_t *i)
{
    unsigned char c = (unsigned char)s[*i];
    if (c >= 0x80)
        return non_ascii_steps(q, form, s, n, i);
    (*i)++;
    if (c > ' ' && c < 0x7F && c != '&')
        return c >= 'A' && c <= 'Z' ? NORM_BIT(NORM_LOWER) & steps : 0;
    return ascii_steps(s, n, *i - 1);
}

unsigned norm_quick_steps(struct norm_quick *q, unsigned steps, enum norm_form form,
                          const char *s, size_t n)
{
    if (n == 0)
        return 0;
    unsigned need = 0;
    if (s[0] == ' ' || s[0] == '\n' || s[n - 1] == ' ' || s[n - 1] == '\n')
        need |= NORM_BIT(NORM_SPACES);
    /* Capitals are work for lower: then every byte is looked at. Else
     * eight bytes at a time, one character at a time from the first
     * marked byte on. */
    bool by_words = !(steps & NORM_BIT(NORM_LOWER));
    size_t i = 0;
    while (i < n && (need & steps) != steps) {
        if (by_words && n - i >= 17) {
            unsigned plain = plain_prefix16(s + i);
            i += plain;
            if (plain == 16)
                continue;
        }
        need |= scan_char(q, steps, form, s, n, &i);
    }
    return need & steps;
}
