/* Differential test of lib/record against Jansson (see record-diff.h):
 * hand-picked edge cases, the inputs the fuzz target once found
 * (tests/fixtures/record-diff/), thousands of generated records and
 * mutations of them, the JSONTestSuite parsing cases and the real crawl
 * files of ../shared/fixtures when present. With file operands it checks every
 * line of those files instead (e.g. a generated corpus):
 *     build/tests/test-record-diff corpus.jsonl.gz
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "input.h"
#include "record-diff.h"

#define SEEDS "tests/fuzz/corpus-record"
#define REGRESSIONS "tests/fixtures/record-diff"
#define SUITE "../shared/fixtures/json-test-suite/test_parsing"
#define REAL "../shared/fixtures/dolma/"

struct tally {
    const char *name;
    unsigned long lines, failures;
};

/* Print a failing line (escaped, shortened) the first few times. */
static void report(struct tally *t, const char *line, size_t len, const char *why)
{
    if (++t->failures > 5)
        return;
    printf("# %s: %s\n#   line: ", t->name, why);
    for (size_t i = 0; i < len && i < 300; i++) {
        unsigned char c = (unsigned char)line[i];
        printf(c >= 0x20 && c < 0x7f && c != '\\' ? "%c" : "\\x%02x", c);
    }
    printf("\n");
}

static void check_line(struct tally *t, struct record *r, const char *line, size_t len)
{
    struct buf why = BUF_INIT;
    t->lines++;
    if (!diff_line(r, line, len, &why))
        report(t, line, len, why.data);
    else if (!diff_value(r, line, len, &why))
        report(t, line, len, why.data);
    buf_free(&why);
}

static void check_text(struct tally *t, struct record *r, const char *text)
{
    check_line(t, r, text, strlen(text));
}

static void finish(const struct tally *t)
{
    CHECK(t->failures == 0, "%s: %lu lines agree with Jansson (%lu differ)", t->name,
          t->lines - t->failures, t->failures);
}

/* ---- hand-picked edge cases ---- */

static const char *const overflow_midpoint =
    "179769313486231580793728971405303415079934132710037826936173778980444"
    "968292764750946649017977587207096330286416692887910946555547851940402"
    "630657488671505820681908902000708383676273854845817711531764475730270"
    "069855571366959622842914819860834936475292719074168444365510704342711"
    "559699508093042880177904174497792";

static void check_numbers(struct tally *t, struct record *r)
{
    static const char *const numbers[] = {
        "0", "-0", "7", "-7", "10", "01", "-01", "00", "1.", ".5", "-", "+1", "1e", "1e+",
        "1.5", "-0.0", "1e5", "1E+5", "1e-5", "0.1e1", "1.5e308", "9223372036854775807",
        "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
        "12345678901234567890", "1.7976931348623157e308", "1.7976931348623158e308",
        "1.7976931348623159e308", "2e308", "-2e308", "1e-400", "0e99999999999999999999",
        "0.0000001e315", "1e99999999999999999999", "1e-99999999999999999999",
        "17976931348623158e292", "17976931348623157e292", "0.00017976931348623158e312",
        "1.0e+", "1.0E-1", "2.", "-.5", "1_0", "0x10", "Infinity", "NaN", "1e0", "-1E-0"};
    char line[1024];
    for (size_t i = 0; i < sizeof numbers / sizeof *numbers; i++) {
        snprintf(line, sizeof line, "{\"n\":%s}", numbers[i]);
        check_text(t, r, line);
    }
    /* The exact overflow threshold, one below it, and above it. */
    snprintf(line, sizeof line, "{\"n\":%s}", overflow_midpoint);
    check_text(t, r, line);
    snprintf(line, sizeof line, "{\"n\":%.308s1.9}", overflow_midpoint);
    check_text(t, r, line);
    snprintf(line, sizeof line, "{\"n\":%s.0000000001}", overflow_midpoint);
    check_text(t, r, line);
    snprintf(line, sizeof line, "{\"n\":0.%se309}", overflow_midpoint);
    check_text(t, r, line);
    snprintf(line, sizeof line, "{\"n\":0.%s9e309}", overflow_midpoint);
    check_text(t, r, line);
    snprintf(line, sizeof line, "{\"n\":-%.308s1e0}", overflow_midpoint);
    check_text(t, r, line);
}

static void check_strings_and_keys(struct tally *t, struct record *r)
{
    static const char *const lines[] = {
        "{}", " {} ", "{\"a\":1}", "\t{ \"a\" : [ 1 , { \"b\" : null } ] }\r",
        "{\"a\":\"\\u0000\"}", "{\"\\u0000\":1}", "{\"a\\u0000b\":1}", "{\"a\":1,\"\\u0061\":2}",
        "{\"a\":{\"b\":1,\"b\":2}}", "{\"a\":[{\"b\":1},{\"b\":2}]}", "{\"a\":{\"b\":1},\"b\":2}",
        "{\"a\":\"\\ud800\"}", "{\"a\":\"\\udc00\"}", "{\"a\":\"\\ud800\\udc00\"}",
        "{\"a\":\"\\uD834\\uDD1E\"}", "{\"a\":\"\\ud800\\u0041\"}", "{\"a\":\"\\ud800\\\\\"}",
        "{\"a\":\"\\ud800x\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"\\u12g4\"}", "{\"a\":\"\\x\"}",
        "{\"a\":\"\\/\\b\\f\\n\\r\\t\\\"\\\\\"}", "{\"a\":\"\x7f\"}", "{\"a\":\"\x1f\"}",
        "{\"a\":\"\t\"}", "{\"a\":\"\xC3\xA9\"}", "{\"a\":\"\xC0\xAF\"}", "{\"a\":\"\xED\xA0\x80\"}",
        "{\"a\":\"\xF4\x90\x80\x80\"}", "{\"a\":\"\xF0\x9F\x98\x80\"}", "{\"a\":\"\xE2\x82\"}",
        "{\"a\":\"\xFF\"}", "{\"a\":1}\xC3\xA9", "\xEF\xBB\xBF{}", "{\"a\":1} x", "{\"a\":1}{}",
        "{\"a\":true,\"b\":false,\"c\":null}", "{\"a\":tru}", "{\"a\":truex}", "{\"a\":nul}",
        "{\"a\":True}", "{\"a\" 1}", "{\"a\":}", "{,}", "{\"a\":1,}", "{\"a\":[1,]}", "{\"a\":[,1]}",
        "{\"a\":[1 2]}", "{'a':1}", "{a:1}", "[]", "[1,2]", "\"x\"", "1", "null", "", " ",
        "{\"a\":\"x\"", "{\"a", "{\"a\":\"\\", "{\"a\":\"\\u", "{\"\xC3\xA9\":\"k\"}",
        "{\"k\\u00e9\":1,\"k\xC3\xA9\":2}", "{\"a\\/b\":1,\"a/b\":2}", "{\"\":1,\"\":2}",
        "{\"a\":\"\\u00e9\\u20AC\\uFFFF\\uffff\"}", "{\"x\":{\"y\":{\"z\":[[[]]]}},\"w\":{}}"};
    for (size_t i = 0; i < sizeof lines / sizeof *lines; i++)
        check_text(t, r, lines[i]);
    check_line(t, r, "{\"a\":\"x\0y\"}", 11);  /* a raw NUL */
    check_line(t, r, "{\"a\":1}\0", 8);
}

/* An object with n members (keys k0..), the last one repeating key `dup`
 * when dup >= 0: exercises the hash table of large objects. */
static void check_large_object(struct tally *t, struct record *r, int n, int dup, bool nested)
{
    struct buf line = BUF_INIT;
    buf_append_str(&line, nested ? "{\"outer\":1,\"o\":{" : "{");
    for (int i = 0; i < n; i++)
        buf_printf(&line, "%s\"k%d\":%d", i ? "," : "", i, i);
    if (dup >= 0) { /* "k<dup>" with its last digit escaped */
        buf_append_str(&line, ",\"k");
        if (dup >= 10)
            buf_printf(&line, "%d", dup / 10);
        buf_printf(&line, "\\u003%d\":0", dup % 10);
    }
    buf_append_str(&line, nested ? "},\"k1\":2}" : "}");
    check_line(t, r, line.data, line.len);
    buf_free(&line);
}

/* a value nested in depth - 1 arrays inside the record object */
static void check_depth(struct tally *t, struct record *r, int depth, const char *inner)
{
    struct buf line = BUF_INIT;
    buf_append_str(&line, "{\"a\":");
    for (int i = 2; i < depth; i++)
        buf_append_char(&line, '[');
    buf_append_str(&line, inner);
    for (int i = 2; i < depth; i++)
        buf_append_char(&line, ']');
    buf_append_char(&line, '}');
    check_line(t, r, line.data, line.len);
    buf_free(&line);
}

static void test_edge_cases(struct record *r)
{
    struct tally t = {"edge cases", 0, 0};
    check_numbers(&t, r);
    check_strings_and_keys(&t, r);
    for (int n = 30; n <= 34; n++)
        check_large_object(&t, r, n, -1, false);
    check_large_object(&t, r, 200, -1, true);
    check_large_object(&t, r, 40, 5, false);
    check_large_object(&t, r, 40, 5, true);
    check_large_object(&t, r, 5000, 7, false);
    check_depth(&t, r, 2048, "1");
    check_depth(&t, r, 2049, "1");
    check_depth(&t, r, 2048, "[]");
    check_depth(&t, r, 2049, "[]");
    check_depth(&t, r, 2047, "{\"b\":1}");
    check_depth(&t, r, 2048, "{\"b\":1}");
    check_depth(&t, r, 2048, "{}");
    check_depth(&t, r, 5000, "1");
    finish(&t);
}

/* ---- generated records ---- */

struct gen {
    uint64_t state;
    struct buf out;
};

static unsigned rnd(struct gen *g, unsigned n)
{
    g->state ^= g->state << 13;
    g->state ^= g->state >> 7;
    g->state ^= g->state << 17;
    return (unsigned)(g->state >> 11) % n;
}

static const char *pick(struct gen *g, const char *const *list, size_t n)
{
    return list[rnd(g, (unsigned)n)];
}
#define PICK(g, list) pick(g, list, sizeof list / sizeof *list)

static void gen_space(struct gen *g)
{
    static const char *const spaces[] = {" ", "\t", "  ", "\r\n", "\n"};
    if (rnd(g, 8) == 0)
        buf_append_str(&g->out, PICK(g, spaces));
}

static void gen_string(struct gen *g)
{
    static const char *const pieces[] = {
        "word", " ", "The quick brown fox", "\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r",
        "\\t", "\\u00e9", "\\u00E9", "\\u0000", "\\u001f", "\\ud83d\\ude00", "\\uD834\\uDD1E",
        "\\u20ac", "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80", "\x7f", "\xEF\xBF\xBF", "'",
        "{", "}", "[", "]", ":", ",", "0"};
    buf_append_char(&g->out, '"');
    for (unsigned n = rnd(g, 6); n > 0; n--)
        buf_append_str(&g->out, PICK(g, pieces));
    buf_append_char(&g->out, '"');
}

static void gen_number(struct gen *g)
{
    static const char *const numbers[] = {
        "0", "-0", "1", "42", "-17", "1.5", "-0.25", "1e5", "1E+5", "2.5e-3", "1e308", "1e309",
        "1e-400", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
        "123456789012", "0.1", "3.141592653589793"};
    if (rnd(g, 3) == 0)
        buf_printf(&g->out, "%d", (int)rnd(g, 100000) - 50000);
    else
        buf_append_str(&g->out, PICK(g, numbers));
}

static void gen_value(struct gen *g, int depth);

static void gen_key(struct gen *g)
{
    static const char *const keys[] = {
        "\"id\"", "\"text\"", "\"kind\"", "\"doc\"", "\"span\"", "\"meta\"", "\"a\"", "\"b\"",
        "\"\\u0061\"", "\"k\\u00e9\"", "\"k\xC3\xA9\"", "\"\"", "\"url\"", "\"title\"",
        "\"stats\"", "\"figures\"", "\"n\"", "\"depth\"", "\"x y\"", "\"q\\\"\""};
    buf_append_str(&g->out, PICK(g, keys));
}

static void gen_container(struct gen *g, int depth, bool object)
{
    buf_append_char(&g->out, object ? '{' : '[');
    unsigned n = rnd(g, depth == 0 ? 9 : 4);
    for (unsigned i = 0; i < n; i++) {
        if (i)
            buf_append_char(&g->out, ',');
        gen_space(g);
        if (object) {
            gen_key(g);
            gen_space(g);
            buf_append_char(&g->out, ':');
            gen_space(g);
        }
        gen_value(g, depth + 1);
        gen_space(g);
    }
    buf_append_char(&g->out, object ? '}' : ']');
}

static void gen_value(struct gen *g, int depth)
{
    static const char *const literals[] = {"true", "false", "null"};
    unsigned what = rnd(g, depth > 4 ? 4 : 7);
    if (what == 0)
        gen_string(g);
    else if (what == 1 || what == 2)
        gen_number(g);
    else if (what == 3)
        buf_append_str(&g->out, PICK(g, literals));
    else if (what == 4)
        gen_string(g);
    else
        gen_container(g, depth, what == 5);
}

static void mutate(struct gen *g, const char *in, size_t n, struct buf *out)
{
    static const char bytes[] = "\"\\{}[],:0-e.+ ux\x01\x1f\x7f\x80\xC3\xE2\xED\xF0\xF4\xFF";
    static const char *const tokens[] = {
        "\\u", "\\ud800", "\\udc00", "\"", ",", "}", "{", "[1,", "1e999", "-", "null", "tru",
        "\xC3", "\xED\xA0\x80", "\xF0\x9F\x98\x80", "\\", "\"a\":1,", "01", "\\u0000"};
    size_t at = n ? rnd(g, (unsigned)n) : 0;
    size_t span = 1 + rnd(g, 8);
    if (span > n - at)
        span = n - at;
    buf_reset(out);
    switch (rnd(g, 5)) {
    case 0: /* replace a byte */
        buf_append(out, in, n);
        if (n)
            out->data[at] = bytes[rnd(g, sizeof bytes - 1)];
        break;
    case 1: /* insert a token */
        buf_append(out, in, at);
        buf_append_str(out, PICK(g, tokens));
        buf_append(out, in + at, n - at);
        break;
    case 2: /* delete a few bytes */
        buf_append(out, in, at);
        buf_append(out, in + at + span, n - at - span);
        break;
    case 3: /* repeat a few bytes */
        buf_append(out, in, at + span);
        buf_append(out, in + at, n - at);
        break;
    default: /* truncate */
        buf_append(out, in, at);
        break;
    }
}

static void test_generated(struct record *r)
{
    struct tally base = {"generated records", 0, 0};
    struct tally mutated = {"mutated records", 0, 0};
    struct gen g = {0x9E3779B97F4A7C15ULL, BUF_INIT};
    struct buf m = BUF_INIT;
    for (int i = 0; i < 1500; i++) {
        buf_reset(&g.out);
        gen_container(&g, 0, true);
        check_line(&base, r, g.out.data, g.out.len);
        for (int j = 0; j < 12; j++) {
            mutate(&g, g.out.data, g.out.len, &m);
            check_line(&mutated, r, m.data, m.len);
        }
    }
    finish(&base);
    finish(&mutated);
    buf_free(&g.out);
    buf_free(&m);
}

/* ---- files ---- */

static void check_file_lines(struct tally *t, struct record *r, const char *path)
{
    struct input *in = input_open(path);
    const char *line;
    size_t len;
    while (in && input_getline(in, &line, &len) > 0)
        check_line(t, r, line, len);
    CHECK(in && input_close(in) == 0, "%s read", path);
}

static bool read_file(const char *path, struct buf *out)
{
    FILE *f = fopen(path, "rb");
    char chunk[4096];
    size_t n;
    buf_reset(out);
    while (f && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_append(out, chunk, n);
    return f && fclose(f) == 0;
}

/* Each case as a line, and as the value of a member of a record. */
static void check_suite_case(struct tally *t, struct record *r, const char *path)
{
    struct buf text = BUF_INIT, wrapped = BUF_INIT;
    if (read_file(path, &text)) {
        check_line(t, r, text.data ? text.data : "", text.len);
        buf_append_str(&wrapped, "{\"case\":");
        buf_append(&wrapped, text.data, text.len);
        buf_append_char(&wrapped, '}');
        check_line(t, r, wrapped.data, wrapped.len);
    } else {
        report(t, path, strlen(path), "cannot read");
    }
    buf_free(&text);
    buf_free(&wrapped);
}

/* Every file of dir as a case; returns false when dir cannot be read. */
static bool check_directory(struct tally *t, struct record *r, const char *dir_path)
{
    DIR *dir = opendir(dir_path);
    if (!dir)
        return false;
    struct buf path = BUF_INIT;
    const struct dirent *e;
    while ((e = readdir(dir)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        buf_reset(&path);
        buf_printf(&path, "%s/%s", dir_path, e->d_name);
        check_suite_case(t, r, path.data);
    }
    closedir(dir);
    buf_free(&path);
    return true;
}

static void test_suite(struct record *r)
{
    struct tally t = {"JSONTestSuite cases", 0, 0};
    if (!check_directory(&t, r, SUITE)) {
        SKIP("JSONTestSuite: " SUITE " not present");
        return;
    }
    CHECK(t.lines >= 600, "JSONTestSuite: %lu texts checked", t.lines);
    finish(&t);
}

/* The fuzz target's seeds, and the inputs it once found
 * (tests/fuzz/fuzz-record.c). */
static void test_regressions(struct record *r)
{
    struct tally t = {"fuzz seeds and regressions", 0, 0};
    CHECK(check_directory(&t, r, SEEDS) && check_directory(&t, r, REGRESSIONS) && t.lines > 0,
          "read " SEEDS " and " REGRESSIONS);
    finish(&t);
}

static void test_real_files(struct record *r)
{
    static const char *const files[] = {"cc_en_head-0091.jsonl.gz", "cc_en_head-0174.jsonl.gz",
                                        "provided-documents-000.json.gz"};
    FILE *probe = fopen(REAL "cc_en_head-0091.jsonl.gz", "rb");
    if (!probe) {
        SKIP("real crawl files: " REAL " not present");
        return;
    }
    fclose(probe);
    struct tally t = {"real crawl lines", 0, 0};
    struct buf path = BUF_INIT;
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        buf_reset(&path);
        buf_printf(&path, "%s%s", REAL, files[i]);
        check_file_lines(&t, r, path.data);
    }
    buf_free(&path);
    finish(&t);
}

int main(int argc, char **argv)
{
    struct record *r = record_new();
    if (argc > 1) {
        struct tally t = {"lines of the files given", 0, 0};
        for (int i = 1; i < argc; i++)
            check_file_lines(&t, r, argv[i]);
        finish(&t);
    } else {
        test_edge_cases(r);
        test_regressions(r);
        test_generated(r);
        test_suite(r);
        test_real_files(r);
    }
    record_free(r);
    return CHECK_DONE();
}
