/* record-diff.h — the differential check of lib/record against Jansson,
 * shared by tests/unit/test-record-diff.c and tests/fuzz/fuzz-record.c.
 *
 * diff_line() feeds one line to both: Jansson (json_loadb with the flags
 * record.c always used) is the reference. They must agree on the verdict;
 * on an accepted line every top-level member must have the same key, order,
 * type and value (strings byte for byte, integers exactly, every value
 * equal once the layer's JSON text is parsed back by Jansson), and the
 * serialized record, before and after a fixed series of edits applied to
 * both, must read back as the same object with members in the same order.
 * diff_value() does the same for one JSON value (record_set_json against
 * JSON_DECODE_ANY).
 *
 * One difference is kept on purpose: Jansson 2.14 drops a NUL byte that
 * directly follows a number or a literal (its lexer pushes the byte back
 * into a buffer where NUL means "empty"), so it accepts "{\"a\":1\0}".
 * The layer rejects every raw NUL outside a string, as RFC 8259 does. A
 * line Jansson accepts that holds a NUL must therefore be rejected by the
 * layer, and the same line without its NUL bytes must pass the check.
 */
#ifndef WINNOW_RECORD_DIFF_H
#define WINNOW_RECORD_DIFF_H

#include <jansson.h>
#include <stdbool.h>
#include <string.h>

#include "buf.h"
#include "record.h"

enum { DIFF_FLAGS = JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL,
       DIFF_DUMP = JSON_COMPACT | JSON_REAL_PRECISION(17) };

static const char *diff_type_name(const json_t *v)
{
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
    return "?";
}

/* Compact: no whitespace outside strings. */
static bool diff_is_compact(const char *p, size_t n)
{
    bool in_string = false;
    for (size_t i = 0; i < n; i++) {
        if (in_string && p[i] == '\\')
            i++;
        else if (p[i] == '"')
            in_string = !in_string;
        else if (!in_string && strchr(" \t\r\n", p[i]) && p[i])
            return false;
    }
    return true;
}

/* The layer's JSON text for key parses to a value equal to want. */
static bool diff_json_text(const struct record *r, const char *key,
                           const json_t *want, struct buf *why)
{
    struct buf text = BUF_INIT;
    bool ok = record_get_json(r, key, &text);
    json_t *got = ok ? json_loadb(text.data, text.len, DIFF_FLAGS | JSON_DECODE_ANY, NULL) : NULL;
    /* Strings are written exactly as Jansson writes them. */
    char *dump = json_is_string(want) ? json_dumps(want, DIFF_DUMP | JSON_ENCODE_ANY) : NULL;
    if (dump && (strlen(dump) != text.len || memcmp(dump, text.data, text.len) != 0))
        ok = false;
    free(dump);
    if (!ok || !got || !json_equal(got, want) || !diff_is_compact(text.data, text.len)) {
        buf_printf(why, "member \"%s\": JSON text %s differs", key, ok ? text.data : "(none)");
        ok = false;
    }
    json_decref(got);
    buf_free(&text);
    return ok;
}

static bool diff_scalar(const struct record *r, const char *key,
                        const json_t *want, struct buf *why)
{
    const char *s;
    size_t len;
    long long i;
    double d;
    if (json_is_string(want) &&
        (!record_get_string(r, key, &s, &len) || len != json_string_length(want) ||
         memcmp(s, json_string_value(want), len) != 0 || s[len] != '\0'))
        buf_printf(why, "member \"%s\": decoded string differs", key);
    else if (json_is_integer(want) &&
             (!record_get_int(r, key, &i) || i != json_integer_value(want)))
        buf_printf(why, "member \"%s\": integer differs", key);
    else if (json_is_number(want) &&
             (!record_get_real(r, key, &d) || d != json_number_value(want)))
        buf_printf(why, "member \"%s\": number differs", key);
    else if (!json_is_string(want) && record_get_string(r, key, &s, &len))
        buf_printf(why, "member \"%s\": a string to the layer only", key);
    return why->len == 0;
}

static bool diff_members(const struct record *r, json_t *ref, struct buf *why)
{
    if (record_size(r) != json_object_size(ref)) {
        buf_printf(why, "%zu members, Jansson %zu", record_size(r), json_object_size(ref));
        return false;
    }
    const char *key;
    json_t *value;
    size_t i = 0;
    json_object_foreach(ref, key, value) {
        const char *got = record_key_at(r, i++);
        const char *type = record_type(r, key);
        if (!got || strcmp(got, key) != 0) {
            buf_printf(why, "key %zu is \"%s\", Jansson \"%s\"", i - 1, got ? got : "(none)", key);
            return false;
        }
        if (!type || strcmp(type, diff_type_name(value)) != 0) {
            buf_printf(why, "member \"%s\" is %s, Jansson %s", key, type ? type : "absent",
                       diff_type_name(value));
            return false;
        }
        if (!diff_scalar(r, key, value, why) || !diff_json_text(r, key, value, why))
            return false;
    }
    return true;
}

enum diff_form { DIFF_WHOLE, DIFF_EXCEPT, DIFF_ORDERED };

/* The serialized record (whole, without the names listed, or with them
 * leading) reads back as want, members in the same order. */
static bool diff_serialized(const struct record *r, enum diff_form form,
                            const char *const *names, json_t *want, struct buf *why,
                            const char *when)
{
    struct buf text = BUF_INIT;
    if (form == DIFF_EXCEPT)
        record_serialize_except(r, names, &text);
    else if (form == DIFF_ORDERED)
        record_serialize_ordered(r, names, &text);
    else
        record_serialize(r, &text);
    json_t *got = json_loadb(text.data, text.len, DIFF_FLAGS, NULL);
    char *a = got ? json_dumps(got, DIFF_DUMP) : NULL;
    char *b = json_dumps(want, DIFF_DUMP);
    bool ok = a && b && strcmp(a, b) == 0 && diff_is_compact(text.data, text.len);
    if (!ok)
        buf_printf(why, "%s: serialized %s, Jansson %s", when, text.data, b ? b : "?");
    free(a);
    free(b);
    json_decref(got);
    buf_free(&text);
    return ok;
}

/* serialize_ordered with "span", the last member, an absent name and
 * "text" leading. */
static bool diff_ordered(const struct record *r, json_t *ref, struct buf *why)
{
    const char *last = record_key_at(r, record_size(r) - 1);
    const char *const first[] = {"span", last, "absent", "text", NULL};
    json_t *want = json_object();
    for (const char *const *name = first; *name; name++)
        if (json_object_get(ref, *name) && !json_object_get(want, *name))
            json_object_set(want, *name, json_object_get(ref, *name));
    const char *key;
    json_t *value;
    json_object_foreach(ref, key, value) {
        if (!json_object_get(want, key))
            json_object_set(want, key, value);
    }
    bool ok = strcmp(last, "span") == 0 || strcmp(last, "text") == 0 ||
              diff_serialized(r, DIFF_ORDERED, first, want, why, "serialize_ordered");
    json_decref(want);
    return ok;
}

/* The same edits on both sides: replace or add strings, numbers and a
 * nested value, remove the first member, then serialize without the
 * second. */
static bool diff_edits(struct record *r, json_t *ref, struct buf *why)
{
    static const char text[] = "new \"text\"\n\x01\xC3\xA9\0end";
    size_t text_len = sizeof text - 1;
    const char *first = record_size(r) > 0 ? record_key_at(r, 0) : "none";
    char first_key[64] = "";
    strncat(first_key, first, sizeof first_key - 1);
    record_set_string(r, "text", text, text_len);
    json_object_set_new(ref, "text", json_stringn(text, text_len));
    record_set_int(r, "n", -42);
    json_object_set_new(ref, "n", json_integer(-42));
    record_set_real(r, "score", 0.1);
    json_object_set_new(ref, "score", json_real(0.1));
    record_set_pair(r, "span", 3, 9);
    json_object_set_new(ref, "span", json_pack("[ii]", 3, 9));
    struct buf reason = BUF_INIT;
    const char *meta = " { \"a\" : [ 1 , 2.5 , \"x y\" ] } ";
    record_set_json(r, "meta", meta, strlen(meta), &reason);
    json_object_set_new(ref, "meta", json_pack("{s:[i,f,s]}", "a", 1, 2.5, "x y"));
    buf_free(&reason);
    record_remove(r, first_key);
    json_object_del(ref, first_key);
    if (!diff_members(r, ref, why) || !diff_serialized(r, DIFF_WHOLE, NULL, ref, why, "after edits"))
        return false;
    const char *second = record_size(r) > 1 ? record_key_at(r, 1) : "none";
    const char *const except[] = {second, NULL};
    json_t *rest = json_deep_copy(ref);
    json_object_del(rest, second);
    bool ok = diff_serialized(r, DIFF_EXCEPT, except, rest, why, "serialize_except");
    json_decref(rest);
    return ok && diff_ordered(r, ref, why);
}

static bool diff_accepted(struct record *r, json_t *ref, struct buf *why)
{
    return diff_members(r, ref, why) && diff_serialized(r, DIFF_WHOLE, NULL, ref, why, "as parsed") &&
           diff_edits(r, ref, why);
}

static bool diff_line(struct record *r, const char *line, size_t len, struct buf *why);
static bool diff_value(struct record *r, const char *text, size_t len, struct buf *why);

/* The known difference (see above): Jansson accepted, the layer rejected,
 * and the text holds NUL bytes. Check the text without them instead. */
static bool diff_without_nul(struct record *r, const char *text, size_t len, bool as_value,
                             struct buf *why)
{
    if (!memchr(text, '\0', len))
        return false;
    struct buf stripped = BUF_INIT;
    for (size_t i = 0; i < len; i++)
        if (text[i] != '\0')
            buf_append_char(&stripped, text[i]);
    const char *s = stripped.data ? stripped.data : "";
    bool same = as_value ? diff_value(r, s, stripped.len, why) : diff_line(r, s, stripped.len, why);
    buf_free(&stripped);
    return same;
}

/* One line as a record. True when the layer agrees with Jansson; else
 * why says how they differ. */
static bool diff_line(struct record *r, const char *line, size_t len, struct buf *why)
{
    json_error_t error;
    json_t *ref = json_loadb(line, len, DIFF_FLAGS, &error);
    bool want = ref && json_is_object(ref);
    struct buf reason = BUF_INIT;
    bool got = record_parse(r, line, len, &reason) == 0;
    bool view = record_parse_view(r, line, len, &reason) == 0;
    buf_reset(why);
    if (want && !got && !view && diff_without_nul(r, line, len, false, why)) {
        /* the known difference; checked without the NULs */
    } else if (got != want || view != want)
        buf_printf(why, "verdict: layer %s (%s), Jansson %s (%s)", got ? "accepts" : "rejects",
                   got ? "-" : reason.data, want ? "accepts" : "rejects",
                   ref ? "not an object" : error.text);
    else if (want && !diff_accepted(r, ref, why) && why->len == 0)
        buf_append_str(why, "differs");
    json_decref(ref);
    buf_free(&reason);
    return why->len == 0;
}

/* One JSON text as a value (record_set_json against JSON_DECODE_ANY). */
static bool diff_value(struct record *r, const char *text, size_t len, struct buf *why)
{
    json_t *ref = json_loadb(text, len, DIFF_FLAGS | JSON_DECODE_ANY, NULL);
    struct buf reason = BUF_INIT;
    record_clear(r);
    bool got = record_set_json(r, "v", text, len, &reason) == 0;
    buf_reset(why);
    if (ref && !got && diff_without_nul(r, text, len, true, why)) {
        /* the known difference; checked without the NULs */
    } else if (got != (ref != NULL)) {
        buf_printf(why, "value verdict: layer %s, Jansson %s", got ? "accepts" : "rejects",
                   ref ? "accepts" : "rejects");
    } else if (ref) {
        json_t *got_value = record_get_jansson(r, "v");
        if (!json_equal(got_value, ref))
            buf_append_str(why, "value differs");
        else
            (void)(diff_scalar(r, "v", ref, why) && diff_json_text(r, "v", ref, why));
        json_decref(got_value);
    }
    json_decref(ref);
    buf_free(&reason);
    return why->len == 0;
}

#endif
