/* Unit tests of lib/record: parsing, field access, changes, member order,
 * serialization. */
#include <stdlib.h>

#include "buf.h"
#include "check.h"
#include "record.h"

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

int main(void)
{
    test_verdicts();
    test_access();
    test_strings_with_nul();
    return CHECK_DONE();
}
