/* record.c — one NDJSON record, held as a Jansson object (see record.h).
 *
 * Jansson keeps object members in insertion order, which gives records a
 * stable member order. Parse flags: duplicate keys rejected, exactly one
 * value per line, NUL allowed inside strings (lengths are explicit).
 */
#include "record.h"

#include <jansson.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "output.h"

enum { PARSE_FLAGS = JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL,
       DUMP_FLAGS = JSON_COMPACT | JSON_REAL_PRECISION(15) };

struct record {
    json_t *object; /* always an object; owned */
};

/* Jansson reports allocation failure as NULL; we treat it as xmalloc does. */
static json_t *must(json_t *value)
{
    if (!value)
        die(EXIT_BAD_INPUT, "out of memory (building a JSON value)");
    return value;
}

static void set_member(struct record *r, const char *key, json_t *value)
{
    if (json_object_set_new(r->object, key, must(value)) != 0)
        die(EXIT_BAD_INPUT, "cannot set member \"%s\"", key);
}

struct record *record_new(void)
{
    struct record *r = xmalloc(sizeof *r);
    r->object = must(json_object());
    return r;
}

void record_free(struct record *r)
{
    if (!r)
        return;
    json_decref(r->object);
    free(r);
}

void record_clear(struct record *r)
{
    json_object_clear(r->object);
}

int record_parse(struct record *r, const char *line, size_t len,
                 struct buf *reason)
{
    json_error_t error;
    json_t *value = json_loadb(line, len, PARSE_FLAGS, &error);
    if (!value) {
        buf_reset(reason);
        buf_printf(reason, "invalid JSON: %s (column %d)", error.text,
                   error.column);
        return -1;
    }
    if (!json_is_object(value)) {
        buf_reset(reason);
        buf_append_str(reason, "not a JSON object");
        json_decref(value);
        return -1;
    }
    json_decref(r->object);
    r->object = value;
    return 0;
}

bool record_has(const struct record *r, const char *key)
{
    return json_object_get(r->object, key) != NULL;
}

bool record_get_string(const struct record *r, const char *key,
                       const char **s, size_t *len)
{
    json_t *v = json_object_get(r->object, key);
    if (!json_is_string(v))
        return false;
    *s = json_string_value(v);
    *len = json_string_length(v);
    return true;
}

bool record_get_int(const struct record *r, const char *key, long long *v)
{
    json_t *value = json_object_get(r->object, key);
    if (!json_is_integer(value))
        return false;
    *v = json_integer_value(value);
    return true;
}

static int append_to_buf(const char *data, size_t n, void *ctx)
{
    buf_append(ctx, data, n);
    return 0;
}

static void dump_value(const json_t *value, struct buf *out)
{
    json_dump_callback(value, append_to_buf, out, DUMP_FLAGS | JSON_ENCODE_ANY);
}

bool record_get_json(const struct record *r, const char *key, struct buf *out)
{
    json_t *value = json_object_get(r->object, key);
    if (!value)
        return false;
    dump_value(value, out);
    return true;
}

const char *record_type(const struct record *r, const char *key)
{
    json_t *v = json_object_get(r->object, key);
    if (!v)
        return NULL;
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "object";
    case JSON_ARRAY: return "array";
    case JSON_STRING: return "string";
    case JSON_INTEGER:
    case JSON_REAL: return "number";
    case JSON_TRUE:
    case JSON_FALSE: return "boolean";
    case JSON_NULL: return "null";
    }
    return NULL;
}

void record_set_string(struct record *r, const char *key, const char *s,
                       size_t len)
{
    set_member(r, key, json_stringn_nocheck(s, len));
}

void record_set_int(struct record *r, const char *key, long long v)
{
    set_member(r, key, json_integer(v));
}

void record_set_real(struct record *r, const char *key, double v)
{
    set_member(r, key, json_real(v));
}

void record_set_pair(struct record *r, const char *key, long long a,
                     long long b)
{
    json_t *pair = must(json_array());
    json_array_append_new(pair, must(json_integer(a)));
    json_array_append_new(pair, must(json_integer(b)));
    set_member(r, key, pair);
}

int record_set_json(struct record *r, const char *key, const char *json,
                    size_t len, struct buf *reason)
{
    json_error_t error;
    json_t *value = json_loadb(json, len, PARSE_FLAGS | JSON_DECODE_ANY, &error);
    if (!value) {
        buf_reset(reason);
        buf_printf(reason, "invalid JSON value for \"%s\": %s", key, error.text);
        return -1;
    }
    set_member(r, key, value);
    return 0;
}

void record_remove(struct record *r, const char *key)
{
    json_object_del(r->object, key);
}

size_t record_size(const struct record *r)
{
    return json_object_size(r->object);
}

const char *record_key_at(const struct record *r, size_t i)
{
    const char *key;
    json_t *value;
    size_t k = 0;
    json_object_foreach(r->object, key, value) {
        if (k++ == i)
            return key;
    }
    return NULL;
}

void record_serialize(const struct record *r, struct buf *out)
{
    dump_value(r->object, out);
}

static bool listed(const char *key, const char *const *names)
{
    for (; names && *names; names++)
        if (strcmp(key, *names) == 0)
            return true;
    return false;
}

void record_serialize_except(const struct record *r, const char *const *except,
                             struct buf *out)
{
    json_t *rest = must(json_object());
    const char *key;
    json_t *value;
    json_object_foreach(r->object, key, value) {
        if (!listed(key, except))
            json_object_set(rest, key, value);
    }
    dump_value(rest, out);
    json_decref(rest);
}

void record_write(const struct record *r, struct output *o)
{
    /* One scratch buffer per call keeps the API free of hidden state;
     * this layer is replaced by a zero-copy writer later. */
    struct buf line = BUF_INIT;
    record_serialize(r, &line);
    buf_append_char(&line, '\n');
    output_write(o, line.data, line.len);
    buf_free(&line);
}
