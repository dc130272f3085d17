/* jsonscan.c — validating, indexing JSON scanner (see jsonscan.h).
 *
 * One pass, no recursion: containers go on an explicit stack (at most
 * MAX_DEPTH deep, so a hostile line cannot exhaust the C stack), and the
 * loop alternates between "a value starts here" and "a value just ended".
 * Nothing is decoded except object keys that hold escapes, because
 * duplicates are defined on decoded keys.
 */
#include "jsonscan.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "jsonstr.h"
#include "utf8.h"

enum {
    MAX_DEPTH = 2048,  /* Jansson's JSON_PARSER_MAX_DEPTH */
    LINEAR_KEYS = 32   /* objects up to this size look for duplicates by a
                          plain scan; larger ones switch to the hash table
                          so that a huge object costs O(n), not O(n^2) */
};

/* One key of an object still open, for duplicate detection. */
struct key {
    size_t off, len;  /* in the text, or in `decoded` when `in_decoded` */
    uint64_t hash;    /* set once the object is hashed */
    bool in_decoded;
};

/* A slot of the open-addressing table of keys of large objects. Slots of
 * earlier scans are told apart by generation, so nothing is cleared. */
struct slot {
    uint64_t hash;
    uint32_t generation, object;
    size_t key;       /* index into keys */
};

struct level {
    enum json_kind kind;  /* JSON_KIND_OBJECT or JSON_KIND_ARRAY */
    uint32_t object;      /* serial number of an object within the scan */
    size_t key_base;      /* its first key in keys */
    bool hashed;
};

struct json_scanner {
    const char *text, *end;
    struct json_scan_error *err;
    int depth;                    /* 0: outside the root value */
    bool index;                   /* the root is an object: index it */
    bool any_space, string_escaped, string_recode;
    uint32_t objects;             /* objects opened in this scan */
    struct json_span root;
    struct json_member *members;
    size_t count, members_cap;
    struct key *keys;
    size_t key_count, keys_cap;
    struct slot *slots;
    size_t slot_mask, slots_used;
    uint32_t generation;
    struct buf decoded;           /* decoded escaped keys */
    struct level levels[MAX_DEPTH + 1];
};

struct json_scanner *json_scanner_new(void)
{
    struct json_scanner *s = xcalloc(1, sizeof *s);
    s->slot_mask = 255;
    s->slots = xcalloc(s->slot_mask + 1, sizeof *s->slots);
    s->generation = 1;
    return s;
}

void json_scanner_free(struct json_scanner *s)
{
    if (!s)
        return;
    free(s->members);
    free(s->keys);
    free(s->slots);
    buf_free(&s->decoded);
    free(s);
}

static const char *fail(struct json_scanner *s, const char *at,
                        const char *what)
{
    s->err->what = what;
    s->err->offset = (size_t)(at - s->text);
    return NULL;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The root value, and the member being scanned if any, need json_recode
 * to be written in canonical form. */
static void mark_rewrite(struct json_scanner *s)
{
    if (s->depth >= 1)
        s->root.rewrite = true;
    if (s->depth >= 2 && s->index)
        s->members[s->count - 1].value.rewrite = true;
}

static const char *skip_space(struct json_scanner *s, const char *p)
{
    if (p == s->end || !is_space(*p))
        return p;
    while (p < s->end && is_space(*p))
        p++;
    s->any_space = true;
    mark_rewrite(s);
    return p;
}

/* ---- strings ---- */

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = (char)(c | 0x20);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Value of four hex digits at p (room checked by the caller), or -1. */
static int32_t hex4(const char *p)
{
    int32_t v = 0;
    for (int i = 0; i < 4; i++) {
        int d = hex_digit(p[i]);
        if (d < 0)
            return -1;
        v = v << 4 | d;
    }
    return v;
}

/* Jansson writes \" \\ \b \f \n \r \t, and \u00XX (upper-case hex) for
 * the other control characters; any other escape is spelled differently
 * from what Jansson writes (\/, \u00e9, \u000a, \u001f...). */
static bool canonical_escape(const char *p)
{
    if (p[1] != 'u')
        return p[1] != '/';
    int32_t cp = hex4(p + 2);
    bool upper = !(p[4] >= 'a' && p[4] <= 'f') && !(p[5] >= 'a' && p[5] <= 'f');
    return cp < 0x20 && upper && cp != '\b' && cp != '\f' && cp != '\n' &&
           cp != '\r' && cp != '\t';
}

/* p at "\u": a BMP character, or a high surrogate followed by "\u" and a
 * low one; lone or reversed surrogates are errors, as in Jansson. */
static const char *scan_unicode_escape(struct json_scanner *s, const char *p)
{
    int32_t cp = s->end - p >= 6 ? hex4(p + 2) : -1;
    if (cp < 0)
        return fail(s, p, "invalid \\u escape");
    if (cp >= 0xDC00 && cp <= 0xDFFF)
        return fail(s, p, "lone low surrogate escape");
    if (cp < 0xD800 || cp > 0xDBFF)
        return p + 6;
    if (s->end - p < 12 || p[6] != '\\' || p[7] != 'u')
        return fail(s, p, "high surrogate escape without a low one");
    int32_t low = hex4(p + 8);
    if (low < 0xDC00 || low > 0xDFFF)
        return fail(s, p, "invalid surrogate pair escape");
    return p + 12;
}

static const char *scan_escape(struct json_scanner *s, const char *p)
{
    const char *next;
    s->string_escaped = true;
    if (s->end - p < 2)
        return fail(s, p, "premature end of input");
    switch (p[1]) {
    case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r':
    case 't':
        next = p + 2;
        break;
    case 'u':
        next = scan_unicode_escape(s, p);
        break;
    default:
        return fail(s, p, "invalid escape");
    }
    if (next && !canonical_escape(p))
        s->string_recode = true;
    return next;
}

/* p just after the opening quote; returns the byte after the closing one. */
static const char *scan_string(struct json_scanner *s, const char *p)
{
    s->string_escaped = s->string_recode = false;
    for (;;) {
        p += json_plain_prefix(p, (size_t)(s->end - p));
        if (p == s->end)
            return fail(s, p, "premature end of input");
        unsigned char c = (unsigned char)*p;
        if (c == '"') {
            if (s->string_recode)
                mark_rewrite(s);
            return p + 1;
        }
        if (c == '\\') {
            p = scan_escape(s, p);
            if (!p)
                return NULL;
        } else if (c < 0x20) {
            return fail(s, p, "control character in a string");
        } else {
            int32_t cp;
            int len = utf8_decode(p, (size_t)(s->end - p), &cp);
            if (cp < 0) {
                s->err->byte = c;
                return fail(s, p, "unable to decode byte");
            }
            p += len;
        }
    }
}

/* ---- numbers ---- */

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static const char *skip_digits(const char *p, const char *end)
{
    while (p < end && is_digit(*p))
        p++;
    return p;
}

/* Integers must fit in json_int_t (long long), as Jansson's strtoll. */
static bool integer_overflows(const char *digits, size_t n, bool negative)
{
    const char *limit = negative ? "9223372036854775808" : "9223372036854775807";
    return n > 19 || (n == 19 && memcmp(digits, limit, 19) > 0);
}

/* A decimal number in the form strtod reads; its digits are those of
 * [int_digits, int_end) and [frac_digits, frac_end). */
struct decimal {
    const char *int_digits, *int_end, *frac_digits, *frac_end;
    long long exponent;
};

/* Digit i of the number's digit sequence (integer then fraction), '0'
 * past the end. */
static char digit_at(const struct decimal *d, size_t i)
{
    size_t int_len = (size_t)(d->int_end - d->int_digits);
    if (i < int_len)
        return d->int_digits[i];
    i -= int_len;
    return i < (size_t)(d->frac_end - d->frac_digits) ? d->frac_digits[i] : '0';
}

/* strtod overflows (and Jansson rejects the number) exactly when the value
 * rounds to infinity, i.e. is at least 2^1024 - 2^970, the midpoint between
 * DBL_MAX and 2^1024. Its 309 decimal digits: */
static const char overflow_digits[] =
    "179769313486231580793728971405303415079934132710037826936173778980444"
    "968292764750946649017977587207096330286416692887910946555547851940402"
    "630657488671505820681908902000708383676273854845817711531764475730270"
    "069855571366959622842914819860834936475292719074168444365510704342711"
    "559699508093042880177904174497792";

/* Compare the value with the threshold at the same decimal magnitude. */
static bool real_overflows(const struct decimal *d)
{
    size_t total = (size_t)(d->int_end - d->int_digits) +
                   (size_t)(d->frac_end - d->frac_digits);
    size_t lead = 0;
    while (lead < total && digit_at(d, lead) == '0')
        lead++;
    if (lead == total)
        return false; /* zero */
    /* value = 0.DDDD x 10^magnitude with a non-zero first digit */
    long long magnitude = (long long)(d->int_end - d->int_digits) -
                          (long long)lead + d->exponent;
    const size_t limit = sizeof overflow_digits - 1;
    if (magnitude != (long long)limit)
        return magnitude > (long long)limit;
    for (size_t i = 0; i < limit; i++) {
        char a = digit_at(d, lead + i);
        if (a != overflow_digits[i])
            return a > overflow_digits[i];
    }
    return true; /* at least the midpoint, which rounds to infinity (even) */
}

/* p after 'e' or 'E'. The exponent saturates: beyond 10^15 the verdict no
 * longer depends on its exact value. */
static const char *scan_exponent(struct json_scanner *s, const char *p,
                                 long long *exponent)
{
    bool negative = false;
    if (p < s->end && (*p == '+' || *p == '-'))
        negative = *p++ == '-';
    if (p == s->end || !is_digit(*p))
        return fail(s, p, "invalid number exponent");
    long long e = 0;
    for (; p < s->end && is_digit(*p); p++)
        if (e < 1000000000000000LL)
            e = e * 10 + (*p - '0');
    *exponent = negative ? -e : e;
    return p;
}

/* p at '-' or a digit. */
static const char *scan_number(struct json_scanner *s, const char *p,
                               enum json_kind *kind)
{
    bool negative = *p == '-';
    struct decimal d = {0};
    d.int_digits = p + negative;
    if (d.int_digits == s->end || !is_digit(*d.int_digits))
        return fail(s, d.int_digits, "invalid number");
    d.int_end = *d.int_digits == '0' ? d.int_digits + 1
                                      : skip_digits(d.int_digits, s->end);
    if (d.int_end < s->end && is_digit(*d.int_end))
        return fail(s, d.int_end, "leading zero in a number");
    p = d.int_end;
    d.frac_digits = d.frac_end = p;
    *kind = JSON_KIND_INTEGER;
    if (p < s->end && *p == '.') {
        d.frac_digits = p + 1;
        d.frac_end = p = skip_digits(d.frac_digits, s->end);
        if (d.frac_end == d.frac_digits)
            return fail(s, p, "invalid number fraction");
        *kind = JSON_KIND_REAL;
    }
    if (p < s->end && (*p == 'e' || *p == 'E')) {
        p = scan_exponent(s, p + 1, &d.exponent);
        if (!p)
            return NULL;
        *kind = JSON_KIND_REAL;
    }
    if (*kind == JSON_KIND_INTEGER &&
        integer_overflows(d.int_digits, (size_t)(d.int_end - d.int_digits), negative))
        return fail(s, d.int_digits, negative ? "too big negative integer"
                                              : "too big integer");
    if (*kind == JSON_KIND_REAL && real_overflows(&d))
        return fail(s, d.int_digits, "real number overflow");
    return p;
}

/* ---- keys ---- */

static const char *key_bytes(const struct json_scanner *s, const struct key *k)
{
    return k->in_decoded ? s->decoded.data + k->off : s->text + k->off;
}

static bool same_key(const struct json_scanner *s, const struct key *a,
                     const struct key *b)
{
    return a->len == b->len &&
           memcmp(key_bytes(s, a), key_bytes(s, b), a->len) == 0;
}

static uint64_t hash_bytes(const char *p, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL; /* FNV-1a */
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)p[i]) * 0x100000001b3ULL;
    return h;
}

static void grow_slots(struct json_scanner *s);

/* Insert key i of the open object `object` into the table; returns false
 * when an equal key of the same object is already there. */
static bool hash_insert(struct json_scanner *s, uint32_t object, size_t i)
{
    if ((s->slots_used + 1) * 2 > s->slot_mask + 1)
        grow_slots(s);
    struct key *k = &s->keys[i];
    size_t at = (size_t)k->hash & s->slot_mask;
    for (;; at = (at + 1) & s->slot_mask) {
        struct slot *slot = &s->slots[at];
        if (slot->generation != s->generation) {
            *slot = (struct slot){k->hash, s->generation, object, i};
            s->slots_used++;
            return true;
        }
        if (slot->object == object && slot->hash == k->hash &&
            same_key(s, &s->keys[slot->key], k))
            return false;
    }
}

/* Twice the slots; live entries of this scan move over. Keys of objects
 * already closed are never looked up again, but keeping them is harmless:
 * the object serial tells them apart. */
static void grow_slots(struct json_scanner *s)
{
    struct slot *old = s->slots;
    size_t old_count = s->slot_mask + 1;
    s->slot_mask = old_count * 2 - 1;
    s->slots = xcalloc(old_count * 2, sizeof *s->slots);
    for (size_t i = 0; i < old_count; i++) {
        if (old[i].generation != s->generation)
            continue;
        size_t at = (size_t)old[i].hash & s->slot_mask;
        while (s->slots[at].generation == s->generation)
            at = (at + 1) & s->slot_mask;
        s->slots[at] = old[i];
    }
    free(old);
}

/* The object reached LINEAR_KEYS keys: put them all in the table. */
static void switch_to_hashing(struct json_scanner *s, struct level *lv)
{
    lv->hashed = true;
    for (size_t i = lv->key_base; i < s->key_count; i++) {
        struct key *k = &s->keys[i];
        k->hash = hash_bytes(key_bytes(s, k), k->len);
        (void)hash_insert(s, lv->object, i); /* known distinct */
    }
}

/* Add a key to the innermost object; false when it is a duplicate. */
static bool add_key(struct json_scanner *s, struct key k)
{
    struct level *lv = &s->levels[s->depth];
    if (!lv->hashed) {
        for (size_t i = lv->key_base; i < s->key_count; i++)
            if (same_key(s, &s->keys[i], &k))
                return false;
    } else {
        k.hash = hash_bytes(key_bytes(s, &k), k.len);
    }
    if (s->key_count == s->keys_cap) {
        s->keys_cap = s->keys_cap ? 2 * s->keys_cap : 64;
        s->keys = xrealloc(s->keys, s->keys_cap * sizeof *s->keys);
    }
    s->keys[s->key_count++] = k;
    if (lv->hashed)
        return hash_insert(s, lv->object, s->key_count - 1);
    if (s->key_count - lv->key_base > LINEAR_KEYS)
        switch_to_hashing(s, lv);
    return true;
}

static void add_member(struct json_scanner *s, const struct key *k,
                       size_t raw_start, size_t raw_len)
{
    if (s->count == s->members_cap) {
        s->members_cap = s->members_cap ? 2 * s->members_cap : 32;
        s->members = xrealloc(s->members, s->members_cap * sizeof *s->members);
    }
    struct json_member *m = &s->members[s->count++];
    memset(m, 0, sizeof *m);
    m->key_start = raw_start;
    m->key_len = raw_len;
    m->key_escaped = k->in_decoded;
    m->decoded_start = k->off;
    m->decoded_len = k->len;
}

/* Escaped keys are decoded, since "\u0061" and "a" are the same key; a
 * decoded key may not hold NUL (Jansson's keys are C strings). */
static bool decode_key(struct json_scanner *s, struct key *k)
{
    buf_reserve(&s->decoded, k->len);
    char *out = s->decoded.data + s->decoded.len;
    size_t n = json_unescape(s->text + k->off, k->len, out);
    if (memchr(out, '\0', n))
        return false;
    k->off = s->decoded.len;
    k->len = n;
    k->in_decoded = true;
    s->decoded.len += n;
    return true;
}

/* p after '{' or ','; returns the byte after the ':' that follows the key. */
static const char *scan_key(struct json_scanner *s, const char *p)
{
    p = skip_space(s, p);
    if (p == s->end || *p != '"')
        return fail(s, p, "string or '}' expected");
    const char *after = scan_string(s, p + 1);
    if (!after)
        return NULL;
    size_t raw_start = (size_t)(p + 1 - s->text);
    size_t raw_len = (size_t)(after - 1 - (p + 1));
    struct key k = {raw_start, raw_len, 0, false};
    if (s->string_escaped && !decode_key(s, &k))
        return fail(s, p, "NUL byte in object key not supported");
    if (!add_key(s, k))
        return fail(s, p, "duplicate object key");
    if (s->depth == 1 && s->index)
        add_member(s, &k, raw_start, raw_len);
    p = skip_space(s, after);
    if (p == s->end || *p != ':')
        return fail(s, p, "':' expected");
    return p + 1;
}

/* ---- structure ---- */

static void open_container(struct json_scanner *s, enum json_kind kind)
{
    struct level *lv = &s->levels[s->depth];
    lv->kind = kind;
    lv->object = s->objects++;
    lv->key_base = s->key_count;
    lv->hashed = false;
    if (s->depth == 1)
        s->index = kind == JSON_KIND_OBJECT;
}

static void close_container(struct json_scanner *s)
{
    s->key_count = s->levels[s->depth].key_base;
    s->depth--;
}

/* The value starting at p is a root value or a top-level member: note
 * where and what it is. */
static void note_value_start(struct json_scanner *s, const char *p,
                             enum json_kind kind)
{
    struct json_span *span = s->depth == 1 ? &s->root
                                           : &s->members[s->count - 1].value;
    span->start = (size_t)(p - s->text);
    span->kind = kind;
}

static void note_value_end(struct json_scanner *s, const char *p)
{
    struct json_span *span = s->depth == 0 ? &s->root
                                           : &s->members[s->count - 1].value;
    span->len = (size_t)(p - s->text) - span->start;
    if (span->kind == JSON_KIND_STRING)
        span->escaped = s->string_escaped;
}

static bool noted(const struct json_scanner *s)
{
    return s->depth == 1 || (s->depth == 2 && s->index);
}

enum json_kind json_kind_of_start(char c)
{
    switch (c) {
    case '{': return JSON_KIND_OBJECT;
    case '[': return JSON_KIND_ARRAY;
    case '"': return JSON_KIND_STRING;
    case 't': return JSON_KIND_TRUE;
    case 'f': return JSON_KIND_FALSE;
    case 'n': return JSON_KIND_NULL;
    default: return JSON_KIND_INTEGER; /* refined by scan_number */
    }
}

static const char *scan_literal(struct json_scanner *s, const char *p,
                                const char *word)
{
    size_t n = strlen(word);
    if ((size_t)(s->end - p) < n || memcmp(p, word, n) != 0)
        return fail(s, p, "invalid literal");
    return p + n;
}

/* A scalar at p; returns the byte after it. */
static const char *scan_scalar(struct json_scanner *s, const char *p,
                               enum json_kind *kind)
{
    switch (*p) {
    case '"': return scan_string(s, p + 1);
    case 't': return scan_literal(s, p, "true");
    case 'f': return scan_literal(s, p, "false");
    case 'n': return scan_literal(s, p, "null");
    case '-': case '0': case '1': case '2': case '3': case '4': case '5':
    case '6': case '7': case '8': case '9':
        return scan_number(s, p, kind);
    default:
        return fail(s, p, "unexpected character");
    }
}

/* A value starts at p (after whitespace). A scalar is scanned whole
 * (*more = false); a container is opened and, unless empty, left open
 * with p at its first element or after its first key (*more = true). */
static const char *begin_value(struct json_scanner *s, const char *p,
                               bool *more)
{
    p = skip_space(s, p);
    if (p == s->end)
        return fail(s, p, "premature end of input");
    if (++s->depth > MAX_DEPTH)
        return fail(s, p, "maximum parsing depth reached");
    enum json_kind kind = json_kind_of_start(*p);
    *more = false;
    if (kind != JSON_KIND_OBJECT && kind != JSON_KIND_ARRAY) {
        const char *start = p;
        p = scan_scalar(s, p, &kind);
        if (p && noted(s))
            note_value_start(s, start, kind);
        s->depth--;
        return p;
    }
    if (noted(s))
        note_value_start(s, p, kind);
    open_container(s, kind);
    p = skip_space(s, p + 1);
    if (p < s->end && *p == (kind == JSON_KIND_OBJECT ? '}' : ']')) {
        close_container(s);
        return p + 1;
    }
    *more = true;
    return kind == JSON_KIND_OBJECT ? scan_key(s, p) : p;
}

/* A value ended at p inside the innermost container: a ',' and the next
 * element or key (*more = true), or the container's end (*more = false). */
static const char *after_value(struct json_scanner *s, const char *p,
                               bool *more)
{
    if (s->depth == 1 && s->index)
        note_value_end(s, p);
    p = skip_space(s, p);
    bool object = s->levels[s->depth].kind == JSON_KIND_OBJECT;
    if (p < s->end && *p == ',') {
        *more = true;
        return object ? scan_key(s, p + 1) : p + 1;
    }
    if (p < s->end && *p == (object ? '}' : ']')) {
        *more = false;
        close_container(s);
        return p + 1;
    }
    if (p == s->end)
        return fail(s, p, "premature end of input");
    return fail(s, p, object ? "',' or '}' expected" : "',' or ']' expected");
}

static void start_scan(struct json_scanner *s, const char *text, size_t len,
                       struct json_scan_error *err)
{
    s->text = text;
    s->end = text + len;
    s->err = err;
    err->byte = -1;
    s->depth = 0;
    s->index = false;
    s->any_space = false;
    s->objects = 0;
    s->count = 0;
    s->key_count = 0;
    s->slots_used = 0;
    buf_reset(&s->decoded);
    memset(&s->root, 0, sizeof s->root);
    /* A new generation empties the table; on wrap-around clear it. */
    if (++s->generation == 0) {
        memset(s->slots, 0, (s->slot_mask + 1) * sizeof *s->slots);
        s->generation = 1;
    }
}

int json_scan(struct json_scanner *s, const char *text, size_t len,
              struct json_scan_error *err)
{
    start_scan(s, text, len, err);
    const char *p = text;
    bool more = true;
    do {
        p = more ? begin_value(s, p, &more) : after_value(s, p, &more);
    } while (p && (more || s->depth > 0));
    if (!p)
        return -1;
    note_value_end(s, p);
    p = skip_space(s, p);
    if (p != s->end) {
        fail(s, p, "end of input expected");
        return -1;
    }
    return 0;
}

const struct json_span *json_scan_root(const struct json_scanner *s)
{
    return &s->root;
}

bool json_scan_compact(const struct json_scanner *s)
{
    return !s->any_space;
}

size_t json_scan_count(const struct json_scanner *s)
{
    return s->count;
}

const struct json_member *json_scan_member(const struct json_scanner *s,
                                           size_t i)
{
    return &s->members[i];
}

const char *json_scan_key(const struct json_scanner *s, const char *text,
                          size_t i, size_t *len)
{
    const struct json_member *m = &s->members[i];
    *len = m->decoded_len;
    return m->key_escaped ? s->decoded.data + m->decoded_start
                          : text + m->decoded_start;
}

size_t json_column(const char *text, size_t len, size_t offset)
{
    size_t column = 1;
    for (size_t i = 0; i < offset && i < len; i++)
        if (((unsigned char)text[i] & 0xC0) != 0x80)
            column++;
    return column;
}
