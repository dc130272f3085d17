/* Unit tests of lib/record: parsing, field access, changes, member order,
 * serialization. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "check.h"
#include "figures.h"
#include "record.h"
#include "textstats.h"

static int parses(const char *line)
{
    struct record *r = record_new();
    struct buf reason = BUF_INIT;
    int rc = record_parse(r, line, strlen(line), &reason);
    record_free(r);
    buf_free(&reason);
    return rc == 0;
}

static void test_verdicts(void)
{
    CHECK(parses("{}"), "empty object");
    CHECK(parses("{\"a\":[1,2,{\"b\":null}],\"c\":\"\\u00e9\"}"), "nested values");
    CHECK(parses(" {\"a\":1} "), "surrounding whitespace");
    CHECK(parses("{\"a\":\"x\\u0000y\"}"), "escaped NUL inside a string");
    CHECK(!parses("[1,2]"), "an array is not a record");
    CHECK(!parses("\"text\""), "a string is not a record");
    CHECK(!parses("{\"a\":1,}"), "trailing comma");
    CHECK(!parses("{\"a\":1"), "truncated object");
    CHECK(!parses("{\"a\":1}{\"b\":2}"), "two objects on a line");
    CHECK(!parses("{\"a\":1,\"a\":2}"), "duplicate keys");
    CHECK(!parses("{\"a\":\"\xC0\xAF\"}"), "overlong UTF-8 in a string");
    CHECK(!parses("{\"a\":\"\\ud800\"}"), "lone surrogate escape");
    CHECK(!parses("{\"a\":01}"), "leading zero");
    CHECK(!parses("{'a':1}"), "single quotes");
    CHECK(!parses(""), "empty line");
}

static void test_access(void)
{
    const char *line = "{\"id\":\"d/p1\",\"n\":42,\"text\":\"caf\\u00e9\",\"meta\":{\"url\":\"u\"}}";
    struct record *r = record_new();
    struct buf reason = BUF_INIT, json = BUF_INIT;
    CHECK(record_parse(r, line, strlen(line), &reason) == 0, "parse a record");
    const char *s;
    size_t len;
    long long v;
    CHECK(record_get_string(r, "text", &s, &len) && len == 5 && memcmp(s, "caf\xC3\xA9", 5) == 0,
          "string decoded");
    CHECK(!record_get_string(r, "n", &s, &len), "a number is not a string");
    CHECK(record_get_int(r, "n", &v) && v == 42, "integer field");
    CHECK_STR(record_type(r, "meta"), "object", "type of meta");
    CHECK(record_type(r, "missing") == NULL && !record_has(r, "missing"), "absent field");
    CHECK(record_get_json(r, "meta", &json), "meta as JSON");
    CHECK_STR(json.data, "{\"url\":\"u\"}", "meta text");

    record_set_string(r, "text", "new", 3);
    record_set_int(r, "count", 7);
    record_set_pair(r, "span", 3, 9);
    record_remove(r, "n");
    buf_reset(&json);
    record_serialize(r, &json);
    CHECK_STR(json.data,
              "{\"id\":\"d/p1\",\"text\":\"new\",\"meta\":{\"url\":\"u\"},\"count\":7,\"span\":[3,9]}",
              "replaced member keeps its place, new ones go last");
    buf_reset(&json);
    const char *const except[] = {"id", "text", NULL};
    record_serialize_except(r, except, &json);
    CHECK_STR(json.data, "{\"meta\":{\"url\":\"u\"},\"count\":7,\"span\":[3,9]}", "serialize except");
    CHECK(record_size(r) == 5 && strcmp(record_key_at(r, 1), "text") == 0, "size and key order");
    CHECK(record_set_json(r, "x", "{\"k\":[1]}", 9, &reason) == 0, "set a JSON value");
    CHECK(record_set_json(r, "y", "{bad", 4, &reason) != 0, "reject a bad JSON value");
    record_free(r);
    buf_free(&reason);
    buf_free(&json);
}

static void test_strings_with_nul(void)
{
    struct record *r = record_new();
    struct buf out = BUF_INIT;
    record_set_string(r, "t", "a\0b\"\n", 5);
    record_serialize(r, &out);
    CHECK_STR(out.data, "{\"t\":\"a\\u0000b\\\"\\n\"}", "control characters escaped");
    record_free(r);
    buf_free(&out);
}


static const char *serialized(const struct record *r, struct buf *out)
{
    buf_reset(out);
    record_serialize(r, out);
    return out->data;
}

/* Untouched members go out as their input bytes, compact; escapes Jansson
 * spells otherwise are rewritten, numbers keep their spelling. */
static void test_passthrough(void)
{
    struct record *r = record_new();
    struct buf reason = BUF_INIT, out = BUF_INIT;
    const char *line = "{\"a\":1E5,\"b\":-0,\"t\":\"x\\ny\"}";
    CHECK(record_parse(r, line, strlen(line), &reason) == 0, "parse a compact line");
    CHECK_STR(serialized(r, &out), line, "a compact line goes out unchanged");
    line = " { \"a\" : [ 1 , 2.50 ] , \"u\":\"\\u00e9\\/\" , \"\\u006b\" : 1 } ";
    CHECK(record_parse(r, line, strlen(line), &reason) == 0, "parse a spaced line");
    CHECK_STR(serialized(r, &out), "{\"a\":[1,2.50],\"u\":\"\xC3\xA9/\",\"k\":1}",
              "whitespace dropped, escapes rewritten, numbers kept");
    record_set_string(r, "u", "v", 1);
    CHECK_STR(serialized(r, &out), "{\"a\":[1,2.50],\"u\":\"v\",\"k\":1}", "a member replaced");
    const char *raw;
    size_t len;
    CHECK(record_get_raw(r, "a", &raw, &len) && len == 8 && memcmp(raw, "[1,2.50]", 8) == 0,
          "raw JSON of a member");
    double d;
    long long v;
    CHECK(record_get_real(r, "k", &d) && d == 1.0 && !record_get_real(r, "u", &d), "numbers as reals");
    CHECK(!record_get_int(r, "a", &v), "an array is not an integer");
    record_free(r);
    buf_free(&reason);
    buf_free(&out);
}

/* A string longer than the escape-in-place limit, with escapes spread
 * through it, set and read back. */
static void test_long_string(void)
{
    struct record *r = record_new();
    struct buf text = BUF_INIT, out = BUF_INIT, reason = BUF_INIT;
    for (int i = 0; i < 30000; i++)
        buf_append_str(&text, i % 100 ? "ab\"" : "\x01\n");
    record_set_string(r, "text", text.data, text.len);
    const char *s;
    size_t len;
    CHECK(record_get_string(r, "text", &s, &len) && len == text.len &&
          memcmp(s, text.data, len) == 0, "a long string read back");
    record_serialize(r, &out);
    CHECK(record_parse(r, out.data, out.len, &reason) == 0 &&
          record_get_string(r, "text", &s, &len) && len == text.len &&
          memcmp(s, text.data, len) == 0, "a long string written and parsed again");
    record_free(r);
    buf_free(&text);
    buf_free(&out);
    buf_free(&reason);
}

static void test_view_and_reasons(void)
{
    struct record *r = record_new();
    struct buf reason = BUF_INIT, out = BUF_INIT;
    char line[] = "{\"id\":\"x\",\"n\":3}";
    CHECK(record_parse_view(r, line, strlen(line), &reason) == 0, "parse in place");
    CHECK_STR(serialized(r, &out), line, "written from the line itself");
    CHECK(record_parse(r, "{\"a\":\"\xFF\"}", 9, &reason) != 0, "invalid UTF-8 rejected");
    CHECK_STR(reason.data, "invalid JSON: unable to decode byte 0xff (column 7)",
              "the reason names the byte, as Jansson does");
    CHECK(record_size(r) == 0, "a record is empty after a failed parse");
    CHECK(record_parse(r, "7", 1, &reason) != 0 && strncmp(reason.data, "invalid JSON: ", 14) == 0,
          "a number is invalid JSON for a record");
    CHECK(record_set_json(r, "m", "[1,", 3, &reason) != 0 &&
          strncmp(reason.data, "invalid JSON value for \"m\": ", 28) == 0, "set_json reason");
    record_free(r);
    buf_free(&reason);
    buf_free(&out);
}

/* The debug path of record_set_json_trusted: the value must be one that
 * record_set_json accepts, and both must store it alike (same type, same
 * record out, to the byte). */
static bool trusted_as_validated(const char *json, size_t len)
{
    struct record *a = record_new(), *b = record_new();
    struct buf reason = BUF_INIT, out_a = BUF_INIT, out_b = BUF_INIT;
    const char *line = "{\"id\":\"d/p1\",\"v\":0}";
    bool ok = record_parse(a, line, strlen(line), &reason) == 0 &&
              record_parse(b, line, strlen(line), &reason) == 0 &&
              record_set_json(a, "v", json, len, &reason) == 0;
    if (ok) {
        record_set_json_trusted(b, "v", json, len);
        record_set_json_trusted(b, "w", json, len);
        record_set_json(a, "w", json, len, &reason);
        record_serialize(a, &out_a);
        record_serialize(b, &out_b);
        ok = out_a.len == out_b.len && memcmp(out_a.data, out_b.data, out_a.len) == 0 &&
             strcmp(record_type(a, "v"), record_type(b, "v")) == 0;
    }
    record_free(a);
    record_free(b);
    buf_free(&reason);
    buf_free(&out_a);
    buf_free(&out_b);
    return ok;
}

static void test_trusted(void)
{
    static const char *const values[] = {
        "{\"k\":[1,2.5,\"x\"]}", "[]", "{}", "\"s\"", "12", "-0", "-0.5", "1E5", "2e-3",
        "true", "false", "null", "\"a\\/b\"", "[\"\\u00e9\\n\"]", "\"caf\xc3\xa9\""};
    for (size_t i = 0; i < sizeof values / sizeof *values; i++)
        CHECK(trusted_as_validated(values[i], strlen(values[i])), "trusted %s", values[i]);

    /* What winnow-extract-stats sets with it: stats and figures JSON. */
    static const char *const texts[] = {
        "", "Prices rose 12% to \xc2\xa3" "5.2bn in 2019, up from \"nearly\" \xe2\x82\xac" "3m.",
        "Every six weeks, 1 in 3 people\u2019s bills trebled.\n\nTwo thousand\tstaff left.",
        "Up to 40 \"cases\"\\ were found\x01 in 3\x1f days; half an hour later, 50-90 people.",
        "caf\xc3\xa9 na\xc3\xafve \xe6\x97\xa5\xe6\x9c\xac 3.5 million pounds"};
    struct text_stats_scratch *scratch = text_stats_scratch_new();
    struct figures *ex = figures_new();
    struct buf json = BUF_INIT;
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        buf_reset(&json);
        text_stats_json(texts[i], strlen(texts[i]), scratch, &json);
        CHECK(trusted_as_validated(json.data, json.len), "stats JSON keeps the contract");
        buf_reset(&json);
        figures_extract(ex, texts[i], strlen(texts[i]), &json);
        CHECK(trusted_as_validated(json.data, json.len), "figures JSON keeps the contract");
    }
    buf_free(&json);
    figures_free(ex);
    text_stats_scratch_free(scratch);
}

/* record_get_jansson decodes a member once and shares the value until the
 * member changes or the record is parsed again. */
static void test_jansson_shared(void)
{
    struct record *r = record_new();
    struct buf reason = BUF_INIT;
    const char *line = "{\"a\":[1,2],\"b\":{\"c\":3}}";
    CHECK(record_parse(r, line, strlen(line), &reason) == 0, "a line to decode from");
    json_t *x = record_get_jansson(r, "a"), *y = record_get_jansson(r, "a");
    CHECK(x && x == y && json_array_size(x) == 2, "decoded once, then shared");
    json_decref(x);
    json_decref(y);
    CHECK(record_set_json(r, "a", "[1,2,3]", 7, &reason) == 0, "a member replaced");
    x = record_get_jansson(r, "a");
    CHECK(json_array_size(x) == 3, "a replaced member is decoded anew");
    json_decref(x);
    json_t *b = record_get_jansson(r, "b");
    record_remove(r, "a");
    CHECK(record_get_jansson(r, "a") == NULL, "a removed member has no value");
    CHECK(json_integer_value(json_object_get(b, "c")) == 3, "a reference outlives a removal");
    json_decref(b);
    line = "{\"a\":true}";
    CHECK(record_parse(r, line, strlen(line), &reason) == 0, "the record parsed again");
    x = record_get_jansson(r, "a");
    CHECK(json_is_true(x), "the new line's value, not the old one");
    json_decref(x);
    buf_free(&reason);
    record_free(r); /* with a value still held: no leak under ASan */
}

/* A borrowed string must write exactly what record_set_string writes,
 * also when it is escaped in pieces: pieces of 64 KB, so a string a few
 * pieces long with multibyte characters, escapes and an ill-formed byte
 * across the piece boundaries. */
/* A writer of [0,1,...,n-1] in one put per element. */
static void write_numbers(const void *ctx, struct record_sink *sink)
{
    const int *n = ctx;
    record_put(sink, "[", 1);
    for (int i = 0; i < *n; i++) {
        char tmp[16];
        int len = snprintf(tmp, sizeof tmp, i ? ",%d" : "%d", i);
        record_put(sink, tmp, (size_t)len);
    }
    record_put(sink, "]", 1);
}

static void set_count(int *n, int v)
{
    *n = v;
}

/* record_set_json_writer: the value is written as the record is, and made
 * once for a getter; setting the member again replaces the writer. */
static void test_json_writer(void)
{
    struct buf reason = BUF_INIT, out = BUF_INIT;
    struct record *r = record_new();
    CHECK(record_parse(r, "{\"a\":1,\"f\":true}", 16, &reason) == 0, "parses");
    int n = 3;
    record_set_json_writer(r, "f", '[', write_numbers, &n);
    record_set_json_writer(r, "g", '[', write_numbers, &n);
    set_count(&n, 4); /* read when written: the caller keeps ctx until then */
    record_serialize(r, &out);
    CHECK_STR(out.data, "{\"a\":1,\"f\":[0,1,2,3],\"g\":[0,1,2,3]}", "written members go out in place");
    CHECK_STR(record_type(r, "f"), "array", "a written member's type");
    const char *raw;
    size_t len;
    CHECK(record_get_raw(r, "g", &raw, &len) && len == 9 && memcmp(raw, "[0,1,2,3]", 9) == 0,
          "its JSON text, made for a getter");
    set_count(&n, 1);
    CHECK(record_get_raw(r, "g", &raw, &len) && len == 9, "made once");
    record_set_int(r, "f", 5);
    buf_reset(&out);
    record_serialize(r, &out);
    CHECK_STR(out.data, "{\"a\":1,\"f\":5,\"g\":[0,1,2,3]}", "setting it again replaces the writer");
    record_free(r);
    buf_free(&out);
    buf_free(&reason);
}

static void test_string_view(void)
{
    struct buf text = BUF_INIT, copied = BUF_INIT, viewed = BUF_INIT, reason = BUF_INIT;
    const char *unit[] = {"\xE2\x80\x99", "a", "\"", "\n", "\xF0\x9F\x98\x80", "\xC3", "\xE9", "b\\"};
    for (size_t i = 0; text.len < 3 * 65536 + 17; i++)
        buf_append_str(&text, unit[(i * 7 + i / 5) % 8]);
    for (size_t cut = 0; cut < 4; cut++) {
        size_t n = text.len - cut;
        const char *line = "{\"x\":1,\"text\":\"old\"}";
        struct record *a = record_new(), *b = record_new();
        CHECK(record_parse(a, line, strlen(line), &reason) == 0, "parses");
        CHECK(record_parse(b, line, strlen(line), &reason) == 0, "parses");
        record_set_string(a, "text", text.data + cut, n);
        record_set_string_view(b, "text", text.data + cut, n);
        buf_reset(&copied);
        buf_reset(&viewed);
        record_serialize(a, &copied);
        record_serialize(b, &viewed);
        CHECK(copied.len == viewed.len && memcmp(copied.data, viewed.data, copied.len) == 0,
              "a borrowed string of %zu bytes is written as a copied one", n);
        const char *raw_a, *raw_b;
        size_t len_a, len_b;
        CHECK(record_get_raw(a, "text", &raw_a, &len_a) && record_get_raw(b, "text", &raw_b, &len_b) &&
              len_a == len_b && memcmp(raw_a, raw_b, len_a) == 0, "its JSON text, when asked for");
        record_free(a);
        record_free(b);
    }
    struct record *r = record_new();
    CHECK(record_parse(r, "{\"t\":\"caf\\u00e9\"}", 17, &reason) == 0, "parses");
    record_set_string_view(r, "u", "plain", 5);
    const char *s;
    size_t len;
    CHECK(record_get_string(r, "u", &s, &len) && len == 5 && strcmp(s, "plain") == 0,
          "a borrowed string reads back, NUL-terminated");
    CHECK(record_get_string_into(r, "t", &text) && strcmp(text.data, "caf\xC3\xA9") == 0,
          "get_string_into decodes escapes");
    CHECK(record_get_string_into(r, "u", &text) && strcmp(text.data, "plain") == 0,
          "get_string_into reads a borrowed string");
    record_set_int(r, "n", 3);
    CHECK(!record_get_string_into(r, "n", &text), "get_string_into refuses a number");
    CHECK(!record_get_string_into(r, "missing", &text), "and an absent member");
    buf_reset(&viewed);
    record_serialize(r, &viewed);
    CHECK_STR(viewed.data, "{\"t\":\"caf\xC3\xA9\",\"u\":\"plain\",\"n\":3}", "serialized in member order");
    record_free(r);
    buf_free(&text);
    buf_free(&copied);
    buf_free(&viewed);
    buf_free(&reason);
}

int main(void)
{
    test_verdicts();
    test_access();
    test_strings_with_nul();
    test_passthrough();
    test_view_and_reasons();
    test_long_string();
    test_trusted();
    test_jansson_shared();
    test_string_view();
    test_json_writer();
    return CHECK_DONE();
}
