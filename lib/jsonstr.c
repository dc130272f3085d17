/* jsonstr.c — JSON strings and numbers as text (see jsonstr.h). */
#include "jsonstr.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "buf.h"
#include "utf8.h"

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* The four hex digits after "\u" (already checked by the scanner). */
static int32_t hex4(const char *p)
{
    return (hex_value(p[0]) << 12) | (hex_value(p[1]) << 8) |
           (hex_value(p[2]) << 4) | hex_value(p[3]);
}

/* Decode the escape at text[0] == '\\' into out; returns the bytes of
 * text consumed and adds the bytes written to *o. */
static size_t decode_escape(const char *text, char *out, size_t *o)
{
    static const char simple_from[] = "\"\\/bfnrt";
    static const char simple_to[] = "\"\\/\b\f\n\r\t";
    const char *simple = strchr(simple_from, text[1]);
    if (text[1] != 'u' && simple) {
        out[(*o)++] = simple_to[simple - simple_from];
        return 2;
    }
    int32_t cp = hex4(text + 2);
    size_t used = 6;
    if (cp >= 0xD800 && cp <= 0xDBFF) { /* the scanner checked the pair */
        cp = 0x10000 + ((cp - 0xD800) << 10) + (hex4(text + 8) - 0xDC00);
        used = 12;
    }
    *o += (size_t)utf8_encode(cp, out + *o);
    return used;
}

size_t json_unescape(const char *text, size_t len, char *out)
{
    size_t i = 0, o = 0;
    while (i < len) {
        const char *slash = memchr(text + i, '\\', len - i);
        size_t run = slash ? (size_t)(slash - (text + i)) : len - i;
        memcpy(out + o, text + i, run);
        o += run;
        i += run;
        if (slash)
            i += decode_escape(text + i, out, &o);
    }
    return o;
}

/* Escape one byte below 0x20, '"' or '\\' as Jansson does. */
static size_t escape_byte(unsigned char c, char *out)
{
    static const char hex[] = "0123456789ABCDEF";
    static const char short_from[] = "\"\\\b\f\n\r\t";
    static const char short_to[] = "\"\\bfnrt";
    const char *s = c ? memchr(short_from, c, sizeof short_from - 1) : NULL;
    out[0] = '\\';
    if (s) {
        out[1] = short_to[s - short_from];
        return 2;
    }
    memcpy(out + 1, "u00", 3);
    out[4] = hex[c >> 4];
    out[5] = hex[c & 15];
    return 6;
}

/* Copy to out + o, or only count when out is NULL. */
static void put_bytes(char *out, size_t o, const void *src, size_t n)
{
    if (out)
        memcpy(out + o, src, n);
}

size_t json_escape(const char *s, size_t n, char *out)
{
    size_t i = 0, o = 0;
    put_bytes(out, o++, "\"", 1);
    while (i < n) {
        size_t run = json_plain_prefix(s + i, n - i);
        put_bytes(out, o, s + i, run);
        o += run;
        i += run;
        if (i == n)
            break;
        unsigned char c = (unsigned char)s[i];
        int32_t cp = c;
        int len = 1;
        if (c < 0x80) {
            char escaped[6];
            size_t k = escape_byte(c, escaped);
            put_bytes(out, o, escaped, k);
            o += k;
        } else if ((len = utf8_decode(s + i, n - i, &cp)), cp < 0) {
            put_bytes(out, o, UTF8_REPLACEMENT, 3);
            o += 3;
        } else {
            put_bytes(out, o, s + i, (size_t)len);
            o += (size_t)len;
        }
        i += (size_t)len;
    }
    put_bytes(out, o++, "\"", 1);
    return o;
}

static bool must_escape(unsigned char c)
{
    return c < 0x20 || c == '"' || c == '\\';
}

/* The string at text[i] == '"' of a valid JSON text, each escape
 * rewritten as json_escape would write its character. Returns the index
 * after the closing quote. */
static size_t recode_string(const char *text, size_t i, char *out, size_t *o)
{
    out[(*o)++] = text[i++];
    for (;;) {
        size_t run = i;
        while (text[run] != '"' && text[run] != '\\')
            run++;
        memcpy(out + *o, text + i, run - i);
        *o += run - i;
        i = run;
        if (text[i] == '"')
            break;
        char c[4];
        size_t n = 0;
        i += decode_escape(text + i, c, &n);
        if (n == 1 && must_escape((unsigned char)c[0])) {
            *o += escape_byte((unsigned char)c[0], out + *o);
        } else {
            memcpy(out + *o, c, n);
            *o += n;
        }
    }
    out[(*o)++] = '"';
    return i + 1;
}

size_t json_recode(const char *text, size_t len, char *out)
{
    size_t i = 0, o = 0;
    while (i < len) {
        char c = text[i];
        if (c == '"') {
            i = recode_string(text, i, out, &o);
        } else {
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                out[o++] = c;
            i++;
        }
    }
    return o;
}

/* The C library writes and reads the decimal point of LC_NUMERIC; JSON
 * always has '.', whatever locale a program may have set. */
static char locale_point(void)
{
    const char *point = localeconv()->decimal_point;
    return point && point[0] && !point[1] ? point[0] : '.';
}

/* Drop the '+' and leading zeros of an exponent ("1e+07" -> "1e7"). */
static size_t trim_exponent(char *s, size_t n)
{
    char *e = memchr(s, 'e', n);
    if (!e)
        return n;
    char *from = e + 1, *to = e + 1;
    if (*from == '-')
        from++, to++;
    else if (*from == '+')
        from++;
    while (*from == '0' && from[1])
        from++;
    size_t tail = n - (size_t)(from - s);
    memmove(to, from, tail + 1);
    return (size_t)(to - s) + tail;
}

size_t json_format_real(double v, char out[JSON_NUMBER_MAX])
{
    int written = snprintf(out, JSON_NUMBER_MAX, "%.15g", v);
    size_t n = written > 0 ? (size_t)written : 0;
    char point = locale_point();
    char *p = point == '.' ? NULL : memchr(out, point, n);
    if (p)
        *p = '.';
    if (!memchr(out, '.', n) && !memchr(out, 'e', n)) {
        memcpy(out + n, ".0", 3);
        n += 2;
    }
    return trim_exponent(out, n);
}

/* By hand rather than "%lld": spans and depths are set on every record
 * winnow-split writes, where printf was a tenth of the time. */
size_t json_format_int(long long v, char out[JSON_NUMBER_MAX])
{
    /* The magnitude in unsigned arithmetic: LLONG_MIN has no positive twin. */
    unsigned long long magnitude = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    char digits[24];
    size_t k = sizeof digits, n = 0;
    do {
        digits[--k] = (char)('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude);
    if (v < 0)
        out[n++] = '-';
    memcpy(out + n, digits + k, sizeof digits - k);
    n += sizeof digits - k;
    out[n] = '\0';
    return n;
}

long long json_parse_int(const char *text, size_t len)
{
    bool negative = len > 0 && text[0] == '-';
    unsigned long long magnitude = 0;
    for (size_t i = negative ? 1 : 0; i < len; i++)
        magnitude = magnitude * 10 + (unsigned)(text[i] - '0');
    if (!negative || magnitude == 0)
        return (long long)magnitude;
    /* Written this way, LLONG_MIN (magnitude 2^63) never overflows. */
    return -(long long)(magnitude - 1) - 1;
}

double json_parse_real(const char *text, size_t len)
{
    /* strtod wants a NUL-terminated text in the locale's notation. */
    char small[64];
    struct buf large = BUF_INIT;
    char *copy = small;
    if (len >= sizeof small) {
        buf_reserve(&large, len);
        copy = large.data;
    }
    memcpy(copy, text, len);
    copy[len] = '\0';
    char *dot = memchr(copy, '.', len);
    if (dot)
        *dot = locale_point();
    double v = strtod(copy, NULL);
    buf_free(&large);
    return v;
}
