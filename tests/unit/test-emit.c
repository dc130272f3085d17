/* Unit tests of lib/jsontext (pretty layout), lib/emit (framing, CSV
 * quoting) and lib/countmap, lib/distrib (the counters behind --summary). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "check.h"
#include "countmap.h"
#include "distrib.h"
#include "emit.h"
#include "jsontext.h"
#include "output.h"

static void check_pretty(const char *json, unsigned level, const char *want, const char *name)
{
    struct buf out = BUF_INIT;
    jsontext_pretty(json, strlen(json), level, &out);
    CHECK_STR(out.data ? out.data : "", want, "pretty: %s", name);
    buf_free(&out);
}

static void test_pretty(void)
{
    check_pretty("1", 0, "1", "a scalar");
    check_pretty("{}", 0, "{}", "empty object");
    check_pretty("[]", 0, "[]", "empty array");
    check_pretty("{\"a\":1}", 0, "{\n  \"a\": 1\n}", "one member");
    check_pretty("{\"a\":[1,{\"b\":null}],\"c\":{}}", 0,
                 "{\n  \"a\": [\n    1,\n    {\n      \"b\": null\n    }\n  ],\n  \"c\": {}\n}",
                 "nested containers");
    check_pretty("{\"k,:{\":\"v\\\"}[,\"}", 0, "{\n  \"k,:{\": \"v\\\"}[,\"\n}",
                 "structure characters and escaped quotes inside strings");
    check_pretty("{ \"a\" : [ ] }", 0, "{\n  \"a\": []\n}", "whitespace between tokens dropped");
    check_pretty("{\"a\":1}", 1, "{\n    \"a\": 1\n  }", "inside an enclosing array");
    check_pretty("[1.50,-2e+3]", 0, "[\n  1.50,\n  -2e+3\n]", "numbers byte for byte");
}

static void test_string(void)
{
    struct buf out = BUF_INIT;
    jsontext_string("a\"b\\c\n\x01\xC3\xA9", 9, &out);
    CHECK_STR(out.data, "\"a\\\"b\\\\c\\n\\u0001\xC3\xA9\"", "string escaping as the record layer");
    buf_free(&out);
}

static void check_csv(const char *field, const char *want, const char *name)
{
    struct buf row = BUF_INIT;
    csv_field(&row, "x", 1, true);
    csv_field(&row, field, strlen(field), false);
    CHECK_STR(row.data, want, "csv: %s", name);
    buf_free(&row);
}

static void test_csv(void)
{
    check_csv("plain", "x,plain", "plain field unquoted");
    check_csv("", "x,", "empty field");
    check_csv("a,b", "x,\"a,b\"", "comma quoted");
    check_csv("say \"hi\"", "x,\"say \"\"hi\"\"\"", "quotes doubled");
    check_csv("two\nlines", "x,\"two\nlines\"", "newline quoted");
    check_csv("cr\r", "x,\"cr\r\"", "carriage return quoted");
    check_csv(" padded", "x,\" padded\"", "leading space quoted");
    check_csv("\"", "x,\"\"\"\"", "a lone quote");
}

/* Run the emitter into a pipe-less temporary file and return its text. */
static char *framed(bool pretty, bool array, const char *const *values)
{
    char path[] = "/tmp/test-emit-XXXXXX";
    int fd = mkstemp(path);
    close(fd);
    struct output *o = output_file(path);
    struct emitter em;
    emitter_init(&em, o, pretty, array);
    for (; *values; values++)
        emitter_value(&em, *values, strlen(*values));
    emitter_finish(&em);
    emitter_free(&em);
    output_close(o);
    FILE *f = fopen(path, "r");
    static char text[1024];
    size_t n = fread(text, 1, sizeof text - 1, f);
    text[n] = '\0';
    fclose(f);
    unlink(path);
    return text;
}

static void test_framing(void)
{
    const char *const two[] = {"{\"a\":1}", "[2]", NULL};
    const char *const none[] = {NULL};
    CHECK_STR(framed(false, false, two), "{\"a\":1}\n[2]\n", "ndjson");
    CHECK_STR(framed(true, false, two), "{\n  \"a\": 1\n}\n[\n  2\n]\n", "pretty");
    CHECK_STR(framed(false, true, two), "[\n{\"a\":1},\n[2]\n]\n", "array");
    CHECK_STR(framed(true, true, two), "[\n  {\n    \"a\": 1\n  },\n  [\n    2\n  ]\n]\n",
              "pretty array");
    CHECK_STR(framed(false, true, none), "[]\n", "empty array");
    CHECK_STR(framed(false, false, none), "", "no values, no output");
}

static void test_countmap(void)
{
    struct countmap *m = countmap_new();
    CHECK(countmap_add(m, "b", 1, 1) == 0, "first key is entry 0");
    CHECK(countmap_add(m, "a", 1, 2) == 1, "second key is entry 1");
    CHECK(countmap_add(m, "b", 1, 3) == 0, "a known key keeps its entry");
    CHECK(countmap_add(m, "a\0z", 3, 5) == 2, "keys may hold NUL bytes");
    CHECK(countmap_count(m, 0) == 4, "counts add up");
    CHECK(countmap_find(m, "a", 1) == 1 && countmap_find(m, "zz", 2) == (size_t)-1, "find");
    char key[32];
    for (int i = 0; i < 1000; i++) {
        int n = snprintf(key, sizeof key, "k%d", i);
        countmap_add(m, key, (size_t)n, (unsigned long long)(i % 7));
    }
    CHECK(countmap_size(m) == 1003, "grows past its first table");
    CHECK(countmap_find(m, "k999", 4) == 1002, "entries keep their numbers when the table grows");
    size_t *by_count = countmap_by_count(m);
    /* k6, k13, ... (entries 9, 16, ...) have the highest count, 6; then
     * "a\0z" (entry 2) ties with k5, k12, ... at 5 but came first. */
    CHECK(by_count[0] == 3 + 6 && by_count[1] == 3 + 13, "by count, highest first, ties in order of appearance");
    size_t sixes = 0;
    while (countmap_count(m, by_count[sixes]) == 6)
        sixes++;
    CHECK(by_count[sixes] == 2 && by_count[sixes + 1] == 3 + 5, "the next count, first appearance first");
    free(by_count);
    size_t *by_key = countmap_by_key(m);
    size_t len;
    CHECK_STR(countmap_key(m, by_key[0], &len), "a", "by key, bytewise");
    CHECK(len == 1 && by_key[1] == 2, "a shorter key sorts before its extensions");
    free(by_key);
    countmap_free(m);
}

static void test_distrib(void)
{
    struct distrib d = DISTRIB_INIT;
    struct distrib_summary s;
    distrib_summarize(&d, &s);
    CHECK(s.count == 0 && s.max == 0, "empty distribution");
    /* 10 values 10, 20, ... 100 in reverse order. */
    for (int v = 100; v >= 10; v -= 10)
        distrib_add(&d, v);
    distrib_summarize(&d, &s);
    /* Nearest rank: q1 = rank ceil(2.5) = 3 -> 30; median rank 5 -> 50;
     * q3 rank ceil(7.5) = 8 -> 80; p90 rank 9 -> 90. */
    CHECK(s.count == 10 && s.min == 10 && s.max == 100, "min and max");
    CHECK(s.q1 == 30 && s.median == 50 && s.q3 == 80 && s.p90 == 90,
          "nearest-rank quartiles and p90 (got %g %g %g %g)", s.q1, s.median, s.q3, s.p90);
    CHECK(s.mean == 55, "mean");
    distrib_free(&d);
    distrib_add(&d, 7);
    distrib_summarize(&d, &s);
    CHECK(s.q1 == 7 && s.p90 == 7 && s.median == 7, "one value is every quantile");
    distrib_free(&d);
    const double three[] = {1, 2, 3};
    CHECK(distrib_percentile(three, 3, 50) == 2 && distrib_percentile(three, 3, 100) == 3 &&
              distrib_percentile(three, 3, 1) == 1,
          "percentile ranks at the edges");
}

int main(void)
{
    test_pretty();
    test_string();
    test_csv();
    test_framing();
    test_countmap();
    test_distrib();
    return CHECK_DONE();
}
