/* Unit tests of lib/jsonscan: the member index (spans, kinds, flags,
 * decoded keys), the root value, error reasons and offsets, duplicate keys
 * in small and large (hashed) objects, the depth limit, number limits.
 * The verdicts themselves are held to Jansson's by test-record-diff. */
#include <stdlib.h>

#include "buf.h"
#include "check.h"
#include "jsonscan.h"

static int scan(struct json_scanner *s, const char *text, struct json_scan_error *err)
{
    return json_scan(s, text, strlen(text), err);
}

static bool span_is(const char *text, const struct json_span *v, const char *want)
{
    return v->len == strlen(want) && memcmp(text + v->start, want, v->len) == 0;
}

static void test_index(struct json_scanner *s)
{
    const char *text = "{\"id\":\"d/p1\",\"t\\u00e9\":\"a\\nb\",\"n\":-12,\"x\":1.5e3,"
                       "\"o\":{ \"k\" : [1, 2] },\"b\":true,\"z\":null}";
    struct json_scan_error err;
    CHECK(scan(s, text, &err) == 0, "a record scans");
    CHECK(json_scan_count(s) == 7, "seven members");
    CHECK(json_scan_root(s)->kind == JSON_KIND_OBJECT && json_scan_root(s)->start == 0 &&
          json_scan_root(s)->len == strlen(text), "root spans the line");
    CHECK(!json_scan_compact(s), "whitespace seen");
    const struct json_member *m = json_scan_member(s, 0);
    CHECK(span_is(text, &m->value, "\"d/p1\"") && m->value.kind == JSON_KIND_STRING &&
          !m->value.escaped, "plain string member");
    size_t len;
    const char *key = json_scan_key(s, text, 1, &len);
    CHECK(len == 3 && memcmp(key, "t\xC3\xA9", 3) == 0 && json_scan_member(s, 1)->key_escaped,
          "escaped key decoded");
    CHECK(json_scan_member(s, 1)->value.escaped, "escaped string value");
    CHECK(json_scan_member(s, 2)->value.kind == JSON_KIND_INTEGER &&
          span_is(text, &json_scan_member(s, 2)->value, "-12"), "integer member");
    CHECK(json_scan_member(s, 3)->value.kind == JSON_KIND_REAL, "real member");
    m = json_scan_member(s, 4);
    CHECK(m->value.kind == JSON_KIND_OBJECT && m->value.rewrite &&
          span_is(text, &m->value, "{ \"k\" : [1, 2] }"), "spaced object member");
    CHECK(!json_scan_member(s, 3)->value.rewrite, "members around it are not spaced");
    CHECK(!json_scan_member(s, 1)->value.rewrite, "\\n is written as Jansson writes it");
    CHECK(json_scan_member(s, 5)->value.kind == JSON_KIND_TRUE &&
          json_scan_member(s, 6)->value.kind == JSON_KIND_NULL, "literals");
    key = json_scan_key(s, text, 0, &len);
    CHECK(len == 2 && memcmp(key, "id", 2) == 0 && !json_scan_member(s, 0)->key_escaped,
          "plain key");
}

/* Escapes Jansson writes otherwise make a value need rewriting. */
static void test_canonical(struct json_scanner *s)
{
    static const char *const canonical[] = {"\"\\\"\\\\\\b\\f\\n\\r\\t\"", "\"\\u0001\\u001F\\u000B\"",
                                            "\"plain \xC3\xA9\"", "[1,\"x\"]"};
    static const char *const other[] = {"\"\\/\"", "\"\\u00e9\"", "\"\\u000a\"", "\"\\u001f\"",
                                        "\"\\u0008\"", "\"\\ud83d\\ude00\"", "\"\\u0041\"",
                                        "[1, 2]", "{\"\\u0061\":1}"};
    struct json_scan_error err;
    for (size_t i = 0; i < sizeof canonical / sizeof *canonical; i++)
        CHECK(scan(s, canonical[i], &err) == 0 && !json_scan_root(s)->rewrite,
              "%s is canonical", canonical[i]);
    for (size_t i = 0; i < sizeof other / sizeof *other; i++)
        CHECK(scan(s, other[i], &err) == 0 && json_scan_root(s)->rewrite,
              "%s needs rewriting", other[i]);
    const char *text = "{\"a\":\"\\u00e9\",\"b\":[\"\\/\"],\"c\":\"\\n\",\"\\u0064\":1}";
    CHECK(scan(s, text, &err) == 0 && json_scan_member(s, 0)->value.rewrite &&
          json_scan_member(s, 1)->value.rewrite && !json_scan_member(s, 2)->value.rewrite &&
          !json_scan_member(s, 3)->value.rewrite && json_scan_member(s, 3)->key_escaped,
          "rewriting is marked per member");
}

static void test_roots(struct json_scanner *s)
{
    struct json_scan_error err;
    CHECK(scan(s, "  \"x\\ty\" ", &err) == 0 && json_scan_root(s)->kind == JSON_KIND_STRING &&
          json_scan_root(s)->escaped && json_scan_root(s)->start == 2 &&
          json_scan_root(s)->len == 6 && json_scan_count(s) == 0, "a string root");
    CHECK(scan(s, "[{\"a\":1},{\"a\":2}]", &err) == 0 && json_scan_count(s) == 0 &&
          json_scan_compact(s), "array root: no members indexed");
    CHECK(scan(s, "[ 1 ]", &err) == 0 && json_scan_root(s)->rewrite, "spaced array root");
    CHECK(scan(s, " 7 ", &err) == 0 && !json_scan_root(s)->rewrite &&
          json_scan_root(s)->kind == JSON_KIND_INTEGER, "surrounding space is not inside");
    CHECK(scan(s, "{}", &err) == 0 && json_scan_count(s) == 0 && json_scan_compact(s),
          "empty object");
}

static void expect_error(struct json_scanner *s, const char *text, const char *what,
                         size_t offset)
{
    struct json_scan_error err = {NULL, 0, -1};
    int rc = json_scan(s, text, strlen(text), &err);
    CHECK(rc != 0 && err.what && strcmp(err.what, what) == 0 && err.offset == offset,
          "error \"%s\" at %zu for %s (got \"%s\" at %zu)", what, offset, text,
          err.what ? err.what : "none", err.offset);
}

static void test_errors(struct json_scanner *s)
{
    expect_error(s, "{\"a\":1,}", "string or '}' expected", 7);
    expect_error(s, "{\"a\":1,\"a\":2}", "duplicate object key", 7);
    expect_error(s, "{\"a\":1,\"\\u0061\":2}", "duplicate object key", 7);
    expect_error(s, "{\"a\\u0000\":1}", "NUL byte in object key not supported", 1);
    expect_error(s, "{\"a\" 1}", "':' expected", 5);
    expect_error(s, "{\"a\":01}", "leading zero in a number", 6);
    expect_error(s, "{\"a\":1.}", "invalid number fraction", 7);
    expect_error(s, "{\"a\":1e}", "invalid number exponent", 7);
    expect_error(s, "{\"a\":-}", "invalid number", 6);
    expect_error(s, "{\"a\":9223372036854775808}", "too big integer", 5);
    expect_error(s, "{\"a\":-9223372036854775809}", "too big negative integer", 6);
    expect_error(s, "{\"a\":1e309}", "real number overflow", 5);
    expect_error(s, "{\"a\":\"\\ud800\"}", "high surrogate escape without a low one", 6);
    expect_error(s, "{\"a\":\"\\udc00\"}", "lone low surrogate escape", 6);
    expect_error(s, "{\"a\":\"\\ud800\\u0041\"}", "invalid surrogate pair escape", 6);
    expect_error(s, "{\"a\":\"\\x\"}", "invalid escape", 6);
    expect_error(s, "{\"a\":\"\\u12\"}", "invalid \\u escape", 6);
    expect_error(s, "{\"a\":\"\x01\"}", "control character in a string", 6);
    expect_error(s, "{\"a\":\"\xC0\xAF\"}", "unable to decode byte", 6);
    expect_error(s, "{\"a\":\"x", "premature end of input", 7);
    expect_error(s, "{\"a\":tru}", "invalid literal", 5);
    expect_error(s, "{\"a\":[1 2]}", "',' or ']' expected", 8);
    expect_error(s, "{\"a\":1 \"b\"}", "',' or '}' expected", 7);
    expect_error(s, "{\"a\":1} x", "end of input expected", 8);
    expect_error(s, "", "premature end of input", 0);
    expect_error(s, "{\"a\":", "premature end of input", 5);
    expect_error(s, "{\"a\":@}", "unexpected character", 5);
    CHECK(json_column("\xC3\xA9\xC3\xA9x", 5, 4) == 3, "columns count characters");
}

/* Objects beyond the linear-search size use the hash table; keys of one
 * object must never collide with another's, nested or not. */
static void test_large_objects(struct json_scanner *s)
{
    struct buf text = BUF_INIT;
    struct json_scan_error err;
    buf_append_char(&text, '{');
    for (int i = 0; i < 100; i++) {
        buf_printf(&text, "\"k%d\":", i);
        if (i == 50) {
            buf_append_char(&text, '{');
            for (int j = 0; j < 100; j++)
                buf_printf(&text, "%s\"k%d\":%d", j ? "," : "", j, j);
            buf_append_char(&text, '}');
        } else {
            buf_printf(&text, "%d", i);
        }
        buf_append_char(&text, ',');
    }
    size_t open_len = text.len;
    buf_append_str(&text, "\"last\":0}");
    CHECK(json_scan(s, text.data, text.len, &err) == 0 && json_scan_count(s) == 101,
          "large nested objects with the same keys are fine");
    text.len = open_len;
    buf_append_str(&text, "\"k\\u0037\":0}");
    CHECK(json_scan(s, text.data, text.len, &err) != 0 &&
          strcmp(err.what, "duplicate object key") == 0, "a duplicate found in a hashed object");
    for (int round = 0; round < 3; round++) /* generations: the table is reused */
        CHECK(json_scan(s, "{\"k7\":1}", 8, &err) == 0, "table reused, round %d", round);
    buf_free(&text);
}

static void test_depth(struct json_scanner *s)
{
    struct buf text = BUF_INIT;
    struct json_scan_error err;
    for (int i = 0; i < 2047; i++)
        buf_append_char(&text, '[');
    buf_append_str(&text, "1");
    for (int i = 0; i < 2047; i++)
        buf_append_char(&text, ']');
    CHECK(json_scan(s, text.data, text.len, &err) == 0, "a scalar at depth 2048");
    buf_reset(&text);
    for (int i = 0; i < 2048; i++)
        buf_append_char(&text, '[');
    buf_append_str(&text, "1");
    for (int i = 0; i < 2048; i++)
        buf_append_char(&text, ']');
    CHECK(json_scan(s, text.data, text.len, &err) != 0 &&
          strcmp(err.what, "maximum parsing depth reached") == 0, "a scalar at depth 2049");
    buf_free(&text);
}

int main(void)
{
    struct json_scanner *s = json_scanner_new();
    test_index(s);
    test_roots(s);
    test_canonical(s);
    test_errors(s);
    test_large_objects(s);
    test_depth(s);
    json_scanner_free(s);
    return CHECK_DONE();
}
