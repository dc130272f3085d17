/* utf8.c — strict UTF-8 validation, decoding and repair (see utf8.h). */
#include "utf8.h"

#include <string.h>

#include "buf.h"

/* Bounds of the second byte for each lead byte, per Unicode Table 3-7:
 * this is what excludes overlong forms, surrogates and values > U+10FFFF. */
static int second_byte_ok(unsigned char lead, unsigned char b)
{
    switch (lead) {
    case 0xE0: return b >= 0xA0 && b <= 0xBF;
    case 0xED: return b >= 0x80 && b <= 0x9F;
    case 0xF0: return b >= 0x90 && b <= 0xBF;
    case 0xF4: return b >= 0x80 && b <= 0x8F;
    default:   return b >= 0x80 && b <= 0xBF;
    }
}

static int sequence_length(unsigned char lead)
{
    if (lead < 0x80) return 1;
    if (lead >= 0xC2 && lead <= 0xDF) return 2;
    if (lead >= 0xE0 && lead <= 0xEF) return 3;
    if (lead >= 0xF0 && lead <= 0xF4) return 4;
    return 0;
}

int utf8_decode(const char *s, size_t n, int32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    int len = sequence_length(u[0]);
    if (len == 1) {
        *cp = u[0];
        return 1;
    }
    *cp = -1;
    if (len == 0)
        return 1;
    /* The maximal ill-formed subpart ends at the first byte that cannot
     * continue the sequence. */
    if (n < 2 || !second_byte_ok(u[0], u[1]))
        return 1;
    for (int i = 2; i < len; i++)
        if ((size_t)i >= n || (u[i] & 0xC0) != 0x80)
            return i;
    int32_t v = u[0] & (0x7F >> len);
    for (int i = 1; i < len; i++)
        v = (v << 6) | (u[i] & 0x3F);
    *cp = v;
    return len;
}

size_t utf8_valid_prefix(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        /* ASCII runs dominate real text: skip them eight bytes at a time. */
        while (i + 8 <= n) {
            unsigned long long w;
            memcpy(&w, s + i, 8);
            if (w & 0x8080808080808080ULL)
                break;
            i += 8;
        }
        if (i >= n)
            break;
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        int32_t cp;
        int len = utf8_decode(s + i, n - i, &cp);
        if (cp < 0)
            return i;
        i += (size_t)len;
    }
    return n;
}

int utf8_encode(int32_t cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t utf8_repair(const char *s, size_t n, struct buf *out)
{
    size_t replaced = 0;
    buf_reserve(out, n);
    while (n > 0) {
        size_t good = utf8_valid_prefix(s, n);
        buf_append(out, s, good);
        s += good;
        n -= good;
        if (n == 0)
            break;
        int32_t cp;
        int bad = utf8_decode(s, n, &cp);
        buf_append(out, UTF8_REPLACEMENT, 3);
        replaced++;
        s += bad;
        n -= (size_t)bad;
    }
    return replaced;
}

size_t utf8_count(const char *s, size_t n)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        count += ((unsigned char)s[i] & 0xC0) != 0x80;
    return count;
}
