/* record.c — one NDJSON record, held as its line plus an index of its
 * top-level members (see record.h).
 *
 * Parsing is one validating pass of lib/jsonscan over the line; nothing is
 * decoded or copied until a program asks for it. A member's value is kept
 * as canonical compact JSON text: the line's own bytes for members the
 * program leaves alone (rewritten once by json_recode when the line has
 * whitespace or escapes Jansson spells otherwise), text written here
 * (escaped, formatted) for the ones it sets. Writing a record therefore
 * copies untouched members straight from the input, runs of them in one
 * piece, and an unchanged canonical line goes out as it came in.
 *
 * Everything made after parsing (decoded strings, new values and keys)
 * lives in an arena of blocks that never move, so a pointer handed out
 * stays valid until the record is parsed again, cleared or freed, and in
 * the steady state a record allocates nothing per line.
 */
#include "record.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "jsonscan.h"
#include "jsonstr.h"
#include "output.h"

/* ---- arena ---- */

enum {
    ARENA_MIN_BLOCK = 64 * 1024,
    LONG_STRING = 64 * 1024   /* see record_set_string */
};

struct arena_block {
    struct arena_block *older;
    size_t cap;
    char data[];
};

struct arena {
    struct arena_block *top;   /* the block being filled, the largest */
    size_t used;               /* bytes used in top */
};

static void arena_grow(struct arena *a, size_t n)
{
    size_t cap = a->top ? 2 * a->top->cap : ARENA_MIN_BLOCK;
    while (cap < n)
        cap *= 2;
    struct arena_block *b = xmalloc(sizeof *b + cap);
    b->older = a->top;
    b->cap = cap;
    a->top = b;
    a->used = 0;
}

static char *arena_alloc(struct arena *a, size_t n)
{
    if (!a->top || a->top->cap - a->used < n)
        arena_grow(a, n);
    char *p = a->top->data + a->used;
    a->used += n;
    return p;
}

/* Give back the unused end of the last allocation p (of n bytes). */
static void arena_trim(struct arena *a, const char *p, size_t keep)
{
    a->used = (size_t)(p - a->top->data) + keep;
}

static char *arena_copy(struct arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

/* Keep only the largest block: after a few records the arena is one
 * block big enough for any of them, and is never allocated again. */
static void arena_reset(struct arena *a)
{
    if (!a->top)
        return;
    struct arena_block *b = a->top->older;
    while (b) {
        struct arena_block *older = b->older;
        free(b);
        b = older;
    }
    a->top->older = NULL;
    a->used = 0;
}

static void arena_free(struct arena *a)
{
    arena_reset(a);
    free(a->top);
    a->top = NULL;
}

/* ---- members ---- */

struct member {
    const char *key;          /* decoded key, key_len bytes */
    size_t key_len;
    const char *key_json;     /* the key as written, quotes included */
    size_t key_json_len;
    const char *value;        /* the value as compact JSON text */
    size_t value_len;
    enum json_kind kind;
    bool escaped;             /* a string value holding escapes */
    bool key_is_cstr;         /* key is NUL-terminated */
    bool in_line;             /* key ':' value are line[line_start..end) */
    size_t line_start, line_end;
    const char *text;         /* decoded string value, made on demand */
    size_t text_len;
    const char *borrowed;     /* record_set_string_view's string, escaped
                                 when written; value is NULL until a getter
                                 needs the JSON text */
    size_t borrowed_len;
    record_json_writer writer; /* record_set_json_writer's: writes value as
                                  the record is written, or when a getter
                                  needs the JSON text (value NULL till then) */
    const void *writer_ctx;
    json_t *jansson;          /* the value as Jansson's, made on demand; the
                                 record holds this reference */
};

struct record {
    struct member *members;
    size_t count, cap;
    const char *line;         /* the parsed line (own or the caller's) */
    size_t line_len;
    bool verbatim;            /* the line, unchanged and compact, is the
                                 record's exact compact JSON */
    struct buf own;           /* the copy record_parse keeps */
    /* Through a pointer, so that getters of a const record can fill the
     * caches (decoded strings, NUL-terminated keys). */
    struct arena *arena;
    struct json_scanner *scanner;
    struct buf *escaped_piece; /* a borrowed string's JSON, piece by piece */
};

struct record *record_new(void)
{
    struct record *r = xcalloc(1, sizeof *r);
    r->arena = xcalloc(1, sizeof *r->arena);
    r->scanner = json_scanner_new();
    r->escaped_piece = xcalloc(1, sizeof *r->escaped_piece);
    return r;
}

/* Let go of the Jansson value made for m, if any. */
static void drop_jansson(struct member *m)
{
    json_decref(m->jansson);
    m->jansson = NULL;
}

void record_free(struct record *r)
{
    if (!r)
        return;
    record_clear(r);
    free(r->members);
    buf_free(&r->own);
    arena_free(r->arena);
    free(r->arena);
    json_scanner_free(r->scanner);
    buf_free(r->escaped_piece);
    free(r->escaped_piece);
    free(r);
}

void record_clear(struct record *r)
{
    for (size_t i = 0; i < r->count; i++)
        drop_jansson(&r->members[i]);
    r->count = 0;
    r->verbatim = false;
    arena_reset(r->arena);
}

static struct member *append_member(struct record *r)
{
    if (r->count == r->cap) {
        r->cap = r->cap ? 2 * r->cap : 32;
        r->members = xrealloc(r->members, r->cap * sizeof *r->members);
    }
    struct member *m = &r->members[r->count++];
    memset(m, 0, sizeof *m);
    return m;
}

/* Records have a few dozen members: a linear search comparing lengths
 * first beats hashing every key of every line. */
static struct member *lookup(const struct record *r, const char *key)
{
    size_t len = strlen(key);
    for (size_t i = 0; i < r->count; i++) {
        struct member *m = &r->members[i];
        if (m->key_len == len && memcmp(m->key, key, len) == 0)
            return m;
    }
    return NULL;
}

/* ---- parsing ---- */

/* The canonical text of a value that needs rewriting (whitespace, or
 * escapes Jansson spells otherwise), made once here so that every value
 * is canonical and compact from then on. */
static const char *recoded(struct record *r, const char *text, size_t *len)
{
    char *out = arena_alloc(r->arena, *len);
    *len = json_recode(text, *len, out);
    arena_trim(r->arena, out, *len);
    return out;
}

static void take_value(struct record *r, struct member *m,
                       const struct json_span *v)
{
    m->kind = v->kind;
    m->escaped = v->escaped;
    m->value = r->line + v->start;
    m->value_len = v->len;
    if (v->rewrite) {
        m->value = recoded(r, m->value, &m->value_len);
        m->escaped = memchr(m->value, '\\', m->value_len) != NULL;
    }
}

/* A key with escapes is decoded, and written again as Jansson writes it. */
static void take_escaped_key(struct record *r, struct member *m)
{
    m->key = arena_copy(r->arena, m->key, m->key_len);
    m->key_is_cstr = true;
    char *json = arena_alloc(r->arena, JSON_ESCAPE_MAX(m->key_len));
    m->key_json_len = json_escape(m->key, m->key_len, json);
    arena_trim(r->arena, json, m->key_json_len);
    m->key_json = json;
}

/* Member i of the scan; `canonical`: the line has no whitespace and no
 * escape to rewrite, so the member can go out as its line bytes. */
static void take_member(struct record *r, size_t i, bool canonical)
{
    const struct json_member *jm = json_scan_member(r->scanner, i);
    struct member *m = append_member(r);
    m->key = json_scan_key(r->scanner, r->line, i, &m->key_len);
    m->key_json = r->line + jm->key_start - 1;
    m->key_json_len = jm->key_len + 2;
    if (jm->key_escaped)
        take_escaped_key(r, m);
    take_value(r, m, &jm->value);
    m->in_line = canonical && !jm->key_escaped;
    m->line_start = jm->key_start - 1;
    m->line_end = jm->value.start + jm->value.len;
}

/* "what (column N)", in Jansson's words where it has them. */
static void append_scan_error(struct buf *reason, const char *text,
                              size_t len, const struct json_scan_error *err)
{
    buf_append_str(reason, err->what);
    if (err->byte >= 0)
        buf_printf(reason, " 0x%x", (unsigned)err->byte);
    buf_printf(reason, " (column %zu)", json_column(text, len, err->offset));
}

/* A valid JSON text that is not an object: an array is "not a JSON
 * object", as before; for a scalar Jansson (without JSON_DECODE_ANY)
 * already calls the line invalid JSON. */
static void reason_not_object(struct buf *reason, const char *line, size_t len,
                              const struct json_span *root)
{
    buf_reset(reason);
    if (root->kind == JSON_KIND_ARRAY)
        buf_append_str(reason, "not a JSON object");
    else
        buf_printf(reason, "invalid JSON: '[' or '{' expected (column %zu)",
                   json_column(line, len, root->start));
}

/* Index line (already where the record will read it). */
static int index_line(struct record *r, const char *line, size_t len,
                      struct buf *reason)
{
    record_clear(r);
    struct json_scan_error err;
    if (json_scan(r->scanner, line, len, &err) != 0) {
        buf_reset(reason);
        buf_append_str(reason, "invalid JSON: ");
        append_scan_error(reason, line, len, &err);
        return -1;
    }
    const struct json_span *root = json_scan_root(r->scanner);
    if (root->kind != JSON_KIND_OBJECT) {
        reason_not_object(reason, line, len, root);
        return -1;
    }
    r->line = line;
    r->line_len = len;
    bool canonical = json_scan_compact(r->scanner) && !root->rewrite;
    size_t n = json_scan_count(r->scanner);
    for (size_t i = 0; i < n; i++)
        take_member(r, i, canonical);
    r->verbatim = canonical;
    return 0;
}

int record_parse(struct record *r, const char *line, size_t len,
                 struct buf *reason)
{
    buf_reset(&r->own);
    buf_append(&r->own, line, len);
    return index_line(r, r->own.data, len, reason);
}

int record_parse_view(struct record *r, const char *line, size_t len,
                      struct buf *reason)
{
    return index_line(r, line, len, reason);
}

/* ---- getters ---- */

bool record_has(const struct record *r, const char *key)
{
    return lookup(r, key) != NULL;
}

/* m's value becomes s[0..len) as a JSON string, in the arena. A long
 * string is measured first rather than given its worst case (six times
 * its length), so a huge record cannot reserve 6x. */
static void escape_value(const struct record *r, struct member *m, const char *s, size_t len)
{
    size_t room = len < LONG_STRING ? JSON_ESCAPE_MAX(len) : json_escape(s, len, NULL);
    char *json = arena_alloc(r->arena, room);
    m->value_len = json_escape(s, len, json);
    arena_trim(r->arena, json, m->value_len);
    m->value = json;
    m->escaped = memchr(json, '\\', m->value_len) != NULL;
}

/* The JSON text of a borrowed string, made when a getter needs it. */
static void escape_borrowed(const struct record *r, struct member *m)
{
    escape_value(r, m, m->borrowed, m->borrowed_len);
}

/* Where serialized bytes go: a buffer, or an output. */
struct record_sink {
    struct buf *buf;
    struct output *out;
};

static void put(struct record_sink *k, const char *p, size_t n)
{
    if (k->buf)
        buf_append(k->buf, p, n);
    else
        output_write(k->out, p, n);
}

void record_put(struct record_sink *k, const char *p, size_t n)
{
    put(k, p, n);
}

/* The JSON text of a written member, made when a getter needs it. */
static void write_value(const struct record *r, struct member *m)
{
    struct buf json = BUF_INIT;
    struct record_sink k = {&json, NULL};
    m->writer(m->writer_ctx, &k);
    m->value = arena_copy(r->arena, json.data, json.len);
    m->value_len = json.len;
    buf_free(&json);
}

/* The member of key, with its JSON text (value) made if it was borrowed
 * or is written. */
static struct member *lookup_value(const struct record *r, const char *key)
{
    struct member *m = lookup(r, key);
    if (m && !m->value) {
        if (m->writer)
            write_value(r, m);
        else
            escape_borrowed(r, m);
    }
    return m;
}

/* Room the decoded string of m needs (decoding never lengthens). */
static size_t text_room(const struct member *m)
{
    return m->text ? m->text_len : m->borrowed ? m->borrowed_len : m->value_len - 2;
}

/* Write m's string, decoded, to out (text_room bytes, plus a NUL written
 * here); returns its length. */
static size_t write_text(const struct member *m, char *out)
{
    size_t n;
    if (m->text || m->borrowed) {
        n = text_room(m);
        memcpy(out, m->text ? m->text : m->borrowed, n);
    } else if (!m->escaped) {
        n = m->value_len - 2;
        memcpy(out, m->value + 1, n);
    } else {
        n = json_unescape(m->value + 1, m->value_len - 2, out);
    }
    out[n] = '\0';
    return n;
}

/* Decode a string value once; later calls return the same bytes. A
 * borrowed one is copied too: the getter promises a NUL. */
static void decode_string(const struct record *r, struct member *m)
{
    char *out = arena_alloc(r->arena, text_room(m) + 1);
    m->text_len = write_text(m, out);
    arena_trim(r->arena, out, m->text_len + 1);
    m->text = out;
}

bool record_get_string(const struct record *r, const char *key,
                       const char **s, size_t *len)
{
    struct member *m = lookup(r, key);
    if (!m || m->kind != JSON_KIND_STRING)
        return false;
    if (!m->text)
        decode_string(r, m);
    *s = m->text;
    *len = m->text_len;
    return true;
}

bool record_get_string_into(const struct record *r, const char *key, struct buf *out)
{
    const struct member *m = lookup(r, key);
    if (!m || m->kind != JSON_KIND_STRING)
        return false;
    buf_reset(out);
    buf_reserve(out, text_room(m));
    out->len = write_text(m, out->data);
    return true;
}

bool record_get_int(const struct record *r, const char *key, long long *v)
{
    const struct member *m = lookup(r, key);
    if (!m || m->kind != JSON_KIND_INTEGER)
        return false;
    *v = json_parse_int(m->value, m->value_len);
    return true;
}

bool record_get_real(const struct record *r, const char *key, double *v)
{
    const struct member *m = lookup(r, key);
    if (m && m->kind == JSON_KIND_INTEGER)
        *v = (double)json_parse_int(m->value, m->value_len);
    else if (m && m->kind == JSON_KIND_REAL)
        *v = json_parse_real(m->value, m->value_len);
    else
        return false;
    return true;
}

bool record_get_raw(const struct record *r, const char *key,
                    const char **json, size_t *len)
{
    const struct member *m = lookup_value(r, key);
    if (!m)
        return false;
    *json = m->value;
    *len = m->value_len;
    return true;
}

bool record_get_json(const struct record *r, const char *key, struct buf *out)
{
    const struct member *m = lookup_value(r, key);
    if (!m)
        return false;
    buf_append(out, m->value, m->value_len);
    return true;
}

static const char *kind_name(enum json_kind kind)
{
    switch (kind) {
    case JSON_KIND_OBJECT: return "object";
    case JSON_KIND_ARRAY: return "array";
    case JSON_KIND_STRING: return "string";
    case JSON_KIND_INTEGER:
    case JSON_KIND_REAL: return "number";
    case JSON_KIND_TRUE:
    case JSON_KIND_FALSE: return "boolean";
    case JSON_KIND_NULL: return "null";
    }
    return NULL;
}

const char *record_type(const struct record *r, const char *key)
{
    const struct member *m = lookup(r, key);
    return m ? kind_name(m->kind) : NULL;
}

size_t record_size(const struct record *r)
{
    return r->count;
}

const char *record_key_at(const struct record *r, size_t i)
{
    if (i >= r->count)
        return NULL;
    struct member *m = &r->members[i];
    if (!m->key_is_cstr) {
        m->key = arena_copy(r->arena, m->key, m->key_len);
        m->key_is_cstr = true;
    }
    return m->key;
}

/* ---- setters ---- */

/* The member for key: the existing one, which keeps its place, or a new
 * one at the end. Either way its old value is forgotten. */
static struct member *member_for(struct record *r, const char *key)
{
    r->verbatim = false;
    struct member *m = lookup(r, key);
    if (!m) {
        size_t len = strlen(key);
        m = append_member(r);
        m->key = arena_copy(r->arena, key, len);
        m->key_len = len;
        m->key_is_cstr = true;
        char *json = arena_alloc(r->arena, JSON_ESCAPE_MAX(len));
        m->key_json_len = json_escape(key, len, json);
        arena_trim(r->arena, json, m->key_json_len);
        m->key_json = json;
    }
    m->in_line = false;
    m->text = NULL;
    m->borrowed = NULL;
    m->writer = NULL;
    m->escaped = false;
    drop_jansson(m);
    return m;
}

static void set_text(struct record *r, const char *key, const char *json,
                     size_t len, enum json_kind kind)
{
    struct member *m = member_for(r, key);
    m->value = arena_copy(r->arena, json, len);
    m->value_len = len;
    m->kind = kind;
}

void record_set_string(struct record *r, const char *key, const char *s,
                       size_t len)
{
    struct member *m = member_for(r, key);
    escape_value(r, m, s, len);
    m->kind = JSON_KIND_STRING;
}

void record_set_string_view(struct record *r, const char *key, const char *s, size_t len)
{
    struct member *m = member_for(r, key);
    m->value = NULL;
    m->value_len = 0;
    m->borrowed = s;
    m->borrowed_len = len;
    m->kind = JSON_KIND_STRING;
}

void record_set_int(struct record *r, const char *key, long long v)
{
    char text[JSON_NUMBER_MAX];
    size_t n = json_format_int(v, text);
    set_text(r, key, text, n, JSON_KIND_INTEGER);
}

void record_set_real(struct record *r, const char *key, double v)
{
    /* JSON has no NaN or infinity; Jansson refused them too. */
    if (!isfinite(v))
        die(EXIT_BAD_INPUT, "cannot write %s for \"%s\" in JSON",
            isnan(v) ? "NaN" : "an infinite number", key);
    char text[JSON_NUMBER_MAX];
    size_t n = json_format_real(v, text);
    set_text(r, key, text, n, JSON_KIND_REAL);
}

void record_set_pair(struct record *r, const char *key, long long a,
                     long long b)
{
    char text[2 * JSON_NUMBER_MAX + 3];
    size_t n = 0;
    text[n++] = '[';
    n += json_format_int(a, text + n);
    text[n++] = ',';
    n += json_format_int(b, text + n);
    text[n++] = ']';
    set_text(r, key, text, n, JSON_KIND_ARRAY);
}

int record_set_json(struct record *r, const char *key, const char *json,
                    size_t len, struct buf *reason)
{
    struct json_scan_error err;
    if (json_scan(r->scanner, json, len, &err) != 0) {
        buf_reset(reason);
        buf_printf(reason, "invalid JSON value for \"%s\": ", key);
        append_scan_error(reason, json, len, &err);
        return -1;
    }
    /* The scanner's result is read before member_for may allocate: json
     * may point into this record's own memory. */
    struct json_span root = *json_scan_root(r->scanner);
    size_t n = root.len;
    const char *value = root.rewrite ? recoded(r, json + root.start, &n)
                                     : arena_copy(r->arena, json + root.start, n);
    struct member *m = member_for(r, key);
    m->value = value;
    m->value_len = n;
    m->kind = root.kind;
    m->escaped = memchr(value, '\\', n) != NULL;
    return 0;
}

/* The kind of a value from its spelling: enough for JSON this program
 * wrote itself (see record_set_json_trusted). */
static enum json_kind trusted_kind(const char *json, size_t len)
{
    enum json_kind kind = json_kind_of_start(json[0]);
    if (kind != JSON_KIND_INTEGER)
        return kind;
    for (size_t i = 0; i < len; i++) /* a number: a real shows '.' or 'e' */
        if (json[i] == '.' || json[i] == 'e' || json[i] == 'E')
            return JSON_KIND_REAL;
    return JSON_KIND_INTEGER;
}

void record_set_json_trusted(struct record *r, const char *key, const char *json,
                             size_t len)
{
    /* An escape may be one Jansson spells otherwise ("\/", "\u00e9"):
     * such a value takes the validating path, which rewrites it. */
    if (len == 0 || memchr(json, '\\', len)) {
        struct buf reason = BUF_INIT;
        if (record_set_json(r, key, json, len, &reason) != 0)
            die(EXIT_BAD_INPUT, "%s", reason.data); /* a broken contract: a bug */
        buf_free(&reason);
        return;
    }
    /* Copied before member_for may allocate: json may point into this
     * record's own memory. */
    const char *value = arena_copy(r->arena, json, len);
    struct member *m = member_for(r, key);
    m->value = value;
    m->value_len = len;
    m->kind = trusted_kind(json, len);
    m->escaped = false;
}

void record_set_json_writer(struct record *r, const char *key, char first,
                            record_json_writer write, const void *ctx)
{
    struct member *m = member_for(r, key);
    m->value = NULL;
    m->value_len = 0;
    m->writer = write;
    m->writer_ctx = ctx;
    m->kind = json_kind_of_start(first);
}

void record_remove(struct record *r, const char *key)
{
    struct member *m = lookup(r, key);
    if (!m)
        return;
    r->verbatim = false;
    drop_jansson(m);
    size_t after = r->count - (size_t)(m - r->members) - 1;
    memmove(m, m + 1, after * sizeof *m);
    r->count--;
}

/* ---- writing ---- */

static bool listed(const char *key, size_t len, const char *const *names)
{
    for (; names && *names; names++)
        if (strlen(*names) == len && memcmp(*names, key, len) == 0)
            return true;
    return false;
}

/* Where a piece of s[0..n) that starts at 0 and is at most max long may
 * end: before an ASCII byte or a lead byte, which no ill-formed sequence
 * spans, so the pieces escape as the whole string would. */
static size_t piece_end(const char *s, size_t n, size_t max)
{
    if (n <= max)
        return n;
    size_t end = max;
    while (end > 0 && ((unsigned char)s[end] & 0xC0) == 0x80)
        end--;
    if (end > 0)
        return end;
    end = max; /* continuation bytes only: go forward to the next start */
    while (end < n && ((unsigned char)s[end] & 0xC0) == 0x80)
        end++;
    return end;
}

/* A borrowed string as JSON, escaped piece by piece through one reused
 * buffer: a huge one is never escaped whole. */
static void put_borrowed(const struct record *r, const struct member *m, struct record_sink *k)
{
    enum { PIECE = 64 * 1024 };
    const char *s = m->borrowed;
    size_t left = m->borrowed_len;
    put(k, "\"", 1);
    while (left > 0) {
        size_t n = piece_end(s, left, PIECE);
        struct buf *piece = r->escaped_piece;
        buf_reset(piece);
        buf_reserve(piece, JSON_ESCAPE_MAX(n));
        /* json_escape writes the quotes: the pieces go out without them */
        size_t len = json_escape(s, n, piece->data);
        put(k, piece->data + 1, len - 2);
        s += n;
        left -= n;
    }
    put(k, "\"", 1);
}

static void put_member(const struct record *r, const struct member *m, struct record_sink *k,
                       bool *first)
{
    if (!*first)
        put(k, ",", 1);
    *first = false;
    put(k, m->key_json, m->key_json_len);
    put(k, ":", 1);
    if (m->value)
        put(k, m->value, m->value_len);
    else if (m->writer)
        m->writer(m->writer_ctx, k);
    else
        put_borrowed(r, m, k);
}

/* Members i.. that follow each other in the line and are all written:
 * returns the last of them, so that they go out as one byte range. */
static size_t line_run(const struct record *r, size_t i,
                       const char *const *skip)
{
    while (i + 1 < r->count) {
        const struct member *next = &r->members[i + 1];
        if (!next->in_line || next->line_start != r->members[i].line_end + 1 ||
            listed(next->key, next->key_len, skip))
            break;
        i++;
    }
    return i;
}

/* Every member not named in skip, in member order. */
static void put_members(const struct record *r, const char *const *skip,
                        struct record_sink *k, bool *first)
{
    for (size_t i = 0; i < r->count; i++) {
        const struct member *m = &r->members[i];
        if (listed(m->key, m->key_len, skip))
            continue;
        if (!m->in_line) {
            put_member(r, m, k, first);
            continue;
        }
        if (!*first)
            put(k, ",", 1);
        *first = false;
        size_t last = line_run(r, i, skip);
        put(k, r->line + m->line_start, r->members[last].line_end - m->line_start);
        i = last;
    }
}

/* The members named in `first` (those present) lead, in that order. */
static void emit(const struct record *r, const char *const *lead,
                 const char *const *skip, struct record_sink *k)
{
    if (r->verbatim && !lead && !skip) {
        put(k, r->line, r->line_len);
        return;
    }
    bool first = true;
    put(k, "{", 1);
    for (; lead && *lead; lead++) {
        const struct member *m = lookup(r, *lead);
        if (m)
            put_member(r, m, k, &first);
    }
    put_members(r, skip, k, &first);
    put(k, "}", 1);
}

void record_serialize(const struct record *r, struct buf *out)
{
    struct record_sink k = {out, NULL};
    emit(r, NULL, NULL, &k);
}

void record_serialize_except(const struct record *r, const char *const *except,
                             struct buf *out)
{
    struct record_sink k = {out, NULL};
    emit(r, NULL, except, &k);
}

/* True when the members named in `first` already lead in that order. */
static bool already_ordered(const struct record *r, const char *const *first)
{
    size_t at = 0;
    for (; first && *first; first++) {
        const struct member *m = lookup(r, *first);
        if (m && m != &r->members[at++])
            return false;
    }
    return true;
}

void record_serialize_ordered(const struct record *r, const char *const *first,
                              struct buf *out)
{
    struct record_sink k = {out, NULL};
    if (already_ordered(r, first))
        emit(r, NULL, NULL, &k);
    else
        emit(r, first, first, &k);
}

void record_write(const struct record *r, struct output *o)
{
    struct record_sink k = {NULL, o};
    emit(r, NULL, NULL, &k);
    output_putc(o, '\n');
}

/* ---- Jansson values ---- */

/* Decoded once per member: the modes that check a value and then use it
 * (--summary, --figures, --nest) or read several paths below one member
 * (--fields) ask for it more than once. */
struct json_t *record_get_jansson(const struct record *r, const char *key)
{
    struct member *m = lookup_value(r, key);
    if (!m)
        return NULL;
    if (!m->jansson) {
        m->jansson = json_loadb(m->value, m->value_len, JSON_DECODE_ANY |
                                JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, NULL);
        if (!m->jansson) /* the text was validated: only memory can be short */
            die(EXIT_BAD_INPUT, "out of memory (building a JSON value)");
    }
    return json_incref(m->jansson);
}
