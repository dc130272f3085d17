/* unorm.c — normalization forms and case folding by utf8proc (see unorm.h). */
#include "unorm.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "buf.h"
#include "utf8.h"

void unorm_free(struct unorm *u)
{
    free(u->cps);
    u->cps = NULL;
    u->cap = 0;
}

static utf8proc_option_t options_of(unsigned flags)
{
    unsigned options = UTF8PROC_STABLE;
    if (flags & UNORM_COMPOSE)
        options |= UTF8PROC_COMPOSE;
    if (flags & UNORM_COMPAT)
        options |= UTF8PROC_COMPAT;
    if (flags & UNORM_CASEFOLD)
        options |= UTF8PROC_CASEFOLD;
    return (utf8proc_option_t)options;
}

/* Append s[0..n) (ASCII), lowercased when folding; returns letters folded. */
static size_t append_ascii(const char *s, size_t n, bool fold, struct buf *out)
{
    if (!fold) {
        buf_append(out, s, n);
        return 0;
    }
    size_t folded = 0, start = out->len;
    buf_append(out, s, n);
    for (size_t i = start; i < out->len; i++) {
        if (out->data[i] >= 'A' && out->data[i] <= 'Z') {
            out->data[i] = (char)(out->data[i] - 'A' + 'a');
            folded++;
        }
    }
    return folded;
}

/* Decompose s[0..n) into u->cps (growing it); the count, or -1. The
 * buffer keeps one spare entry: utf8proc_reencode writes a NUL past the
 * UTF-8 it leaves in place. */
static utf8proc_ssize_t decompose(struct unorm *u, const char *s, size_t n,
                                  utf8proc_option_t options)
{
    for (;;) {
        utf8proc_ssize_t got = utf8proc_decompose((const utf8proc_uint8_t *)s,
                                                  (utf8proc_ssize_t)n, u->cps,
                                                  u->cap ? (utf8proc_ssize_t)u->cap - 1 : 0,
                                                  options);
        if (got < 0)
            return -1;
        if ((size_t)got < u->cap)
            return got;
        size_t want = u->cap ? u->cap : 64;
        while (want <= (size_t)got)
            want *= 2;
        u->cps = xrealloc(u->cps, want * sizeof *u->cps);
        u->cap = want;
    }
}

/* Append the transform of valid UTF-8 s[0..n); returns 1 if it changed. */
static size_t apply_valid(struct unorm *u, const char *s, size_t n, utf8proc_option_t options,
                          struct buf *out)
{
    utf8proc_ssize_t count = decompose(u, s, n, options);
    utf8proc_ssize_t bytes = count < 0 ? -1 : utf8proc_reencode(u->cps, count, options);
    if (bytes < 0) {
        buf_append(out, s, n);
        return 0;
    }
    const char *result = (const char *)u->cps;
    buf_append(out, result, (size_t)bytes);
    return (size_t)bytes != n || memcmp(result, s, n) != 0;
}

/* Append the transform of one piece; returns 1 if it changed, else 0.
 * Ill-formed bytes (which records never hold) are kept as they are and
 * the valid text around them is transformed on its own. */
static size_t apply_piece(struct unorm *u, const char *s, size_t n,
                          utf8proc_option_t options, struct buf *out)
{
    size_t changed = 0;
    while (n > 0) {
        size_t valid = utf8_valid_prefix(s, n);
        if (valid)
            changed |= apply_valid(u, s, valid, options, out);
        if (valid == n)
            break;
        int32_t cp;
        size_t bad = (size_t)utf8_decode(s + valid, n - valid, &cp);
        buf_append(out, s + valid, bad);
        s += valid + bad;
        n -= valid + bad;
    }
    return changed;
}

size_t unorm_apply(struct unorm *u, const char *s, size_t n, unsigned flags, struct buf *out)
{
    buf_reset(out);
    utf8proc_option_t options = options_of(flags);
    bool fold = (flags & UNORM_CASEFOLD) != 0;
    size_t changed = 0;
    size_t i = 0;
    while (i < n) {
        size_t high = i;
        while (high < n && (unsigned char)s[high] < 0x80)
            high++;
        if (high == n) {
            changed += append_ascii(s + i, n - i, fold, out);
            break;
        }
        /* The piece: the ASCII character before the non-ASCII run (it may
         * be a base the run's marks compose with) and the run itself. */
        size_t piece = high > i ? high - 1 : high;
        changed += append_ascii(s + i, piece - i, fold, out);
        size_t end = high;
        while (end < n && (unsigned char)s[end] >= 0x80)
            end++;
        changed += apply_piece(u, s + piece, end - piece, options, out);
        i = end;
    }
    if (!out->data)
        buf_append(out, "", 0);
    return changed;
}
