/* entities.c — HTML character references (see entities.h). */
#include "entities.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "buf.h"
#include "entities-table.h"
#include "mojibake.h"
#include "utf8.h"

enum {
    MAX_NAME = 32,       /* longest name, ';' included */
    MAX_LEGACY = 6,      /* longest name HTML reads without ';' */
    MAX_ROUNDS = 8,
    COMPLETION_REACH = 40 /* how far back a pending '&' can be completed */
};

size_t entity_count(void)
{
    return sizeof entity_rows / sizeof entity_rows[0];
}

static int compare_name(const struct entity_row *row, const char *name, size_t len)
{
    size_t common = row->name_len < len ? row->name_len : len;
    int c = memcmp(row->name, name, common);
    if (c)
        return c;
    return row->name_len < len ? -1 : row->name_len > len ? 1 : 0;
}

const char *entity_lookup(const char *name, size_t len, size_t *value_len)
{
    size_t lo = 0, hi = entity_count();
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = compare_name(&entity_rows[mid], name, len);
        if (c == 0) {
            *value_len = entity_rows[mid].value_len;
            return entity_rows[mid].value;
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

static bool ascii_alnum(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int digit_value(char c, int base)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (base == 16 && c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (base == 16 && c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* What HTML makes of the number of a numeric reference. */
static int32_t numeric_char(uint32_t v)
{
    if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0xFFFD;
    if (v >= 0x80 && v <= 0x9F)
        return cp1252_char((unsigned char)v);
    return (int32_t)v;
}

/* A numeric reference "#..." at p[0..n); sets the UTF-8 value and returns
 * the bytes used, or 0. */
static size_t numeric_reference(const char *p, size_t n, char value[4], size_t *value_len)
{
    size_t i = 1;
    int base = 10;
    if (i < n && (p[i] == 'x' || p[i] == 'X')) {
        base = 16;
        i++;
    }
    size_t digits_start = i;
    uint32_t v = 0;
    for (int d; i < n && (d = digit_value(p[i], base)) >= 0; i++)
        if (v <= 0x10FFFF) /* past U+10FFFF the value only has to stay past it */
            v = v * (uint32_t)base + (uint32_t)d;
    if (i == digits_start)
        return 0;
    if (i < n && p[i] == ';')
        i++;
    *value_len = (size_t)utf8_encode(numeric_char(v), value);
    return i;
}

/* A named reference at p[0..n) (after the '&'); returns the bytes used. */
static size_t named_reference(const char *p, size_t n, const char **value, size_t *value_len)
{
    size_t len = 0;
    while (len < n && len < MAX_NAME && ascii_alnum(p[len]))
        len++;
    if (len == 0 || len == MAX_NAME)
        return 0;
    if (len < n && p[len] == ';') {
        *value = entity_lookup(p, len + 1, value_len);
        if (*value)
            return len + 1;
    }
    if (len > MAX_LEGACY || (len < n && p[len] == '='))
        return 0;
    *value = entity_lookup(p, len, value_len);
    return *value ? len : 0;
}

/* The reference whose text (after the '&') starts at p[0..n): sets its
 * value and returns the bytes used, or 0 when there is none. */
static size_t reference_at(const char *p, size_t n, char numeric[4], const char **value,
                           size_t *value_len)
{
    if (n > 0 && p[0] == '#') {
        *value = numeric;
        return numeric_reference(p, n, numeric, value_len);
    }
    return named_reference(p, n, value, value_len);
}

/* True when out ends in '&' and a run that a decoded value could turn into
 * a new reference ("&l" before a decoded "t;"). */
static bool completes_reference(const struct buf *out, size_t literal_amp)
{
    if (literal_amp == SIZE_MAX || out->len - literal_amp > COMPLETION_REACH)
        return false;
    for (size_t i = literal_amp + 1; i < out->len; i++)
        if (!ascii_alnum(out->data[i]) && out->data[i] != '#')
            return false;
    return true;
}

struct round {
    size_t decoded;
    bool again; /* a decoded value may have completed a new reference */
};

/* One left-to-right round over s[0..n), appended to out. */
static struct round decode_round(const char *s, size_t n, struct buf *out)
{
    struct round r = {0, false};
    size_t i = 0, literal_amp = SIZE_MAX;
    bool pending_amp = false; /* a decoded '&' waits to be read with what follows */
    while (i < n || pending_amp) {
        if (!pending_amp) {
            const char *amp = memchr(s + i, '&', n - i);
            if (!amp) {
                buf_append(out, s + i, n - i);
                break;
            }
            buf_append(out, s + i, (size_t)(amp - s) - i);
            i = (size_t)(amp - s) + 1;
        }
        char numeric[4];
        const char *value = NULL;
        size_t value_len = 0;
        size_t used = reference_at(s + i, n - i, numeric, &value, &value_len);
        if (used == 0) {
            literal_amp = out->len;
            buf_append_char(out, '&');
            pending_amp = false;
            continue;
        }
        r.decoded++;
        i += used;
        pending_amp = value_len == 1 && value[0] == '&';
        if (!pending_amp) {
            r.again = r.again || completes_reference(out, literal_amp);
            buf_append(out, value, value_len);
        }
    }
    return r;
}

size_t entities_decode(const char *s, size_t n, struct buf *out, struct buf *scratch)
{
    buf_reset(out);
    if (!memchr(s, '&', n)) {
        buf_append(out, s, n);
        return 0;
    }
    struct round r = decode_round(s, n, out);
    size_t total = r.decoded;
    for (int round = 1; r.again && round < MAX_ROUNDS; round++) {
        buf_reset(scratch);
        buf_append(scratch, out->data, out->len);
        buf_reset(out);
        r = decode_round(scratch->data, scratch->len, out);
        total += r.decoded;
    }
    return total;
}
