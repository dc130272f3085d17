/* Unit tests of lib/jsonstr: strings written byte for byte as Jansson
 * writes them, decoding of every escape, repair of ill-formed UTF-8,
 * compaction, numbers written as Jansson writes them (many doubles) and
 * read back, whatever the locale. */
#include <jansson.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "check.h"
#include "jsonstr.h"

static bool escapes_like_jansson(const char *s, size_t n)
{
    char *out = malloc(JSON_ESCAPE_MAX(n));
    size_t len = json_escape(s, n, out);
    json_t *v = json_stringn(s, n);
    char *want = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
    bool same = want && strlen(want) == len && memcmp(want, out, len) == 0 &&
                json_escape(s, n, NULL) == len;
    free(want);
    json_decref(v);
    free(out);
    return same;
}

static void test_escape(void)
{
    char all[128];
    for (int i = 0; i < 128; i++)
        all[i] = (char)i;
    CHECK(escapes_like_jansson(all, sizeof all), "every ASCII byte escaped as Jansson does");
    const char *text = "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \xE2\x80\xA8 / \"q\" \\";
    CHECK(escapes_like_jansson(text, strlen(text)), "UTF-8 kept, quotes and backslash escaped");
    CHECK(escapes_like_jansson("", 0), "empty string");
    const char *long_text = "0123456789abcdef0123456789abcdef\"0123456789\n";
    CHECK(escapes_like_jansson(long_text, strlen(long_text)), "escapes after a long plain run");
    char out[64];
    size_t n = json_escape("a\xFF" "b\xE2\x82", 5, out);
    CHECK(n == 10 && memcmp(out, "\"a\xEF\xBF\xBD" "b\xEF\xBF\xBD\"", 10) == 0,
          "ill-formed UTF-8 becomes U+FFFD");
    CHECK(json_escape("a\xFF" "b\xE2\x82", 5, NULL) == 10, "counting agrees on repairs");
}

static void test_unescape(void)
{
    const char *in = "a\\\"b\\\\c\\/d\\be\\ff\\ng\\rh\\ti\\u00e9\\u20AC\\ud83d\\ude00\\u0000z";
    char out[128];
    size_t n = json_unescape(in, strlen(in), out);
    const char want[] = "a\"b\\c/d\be\ff\ng\rh\ti\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\0z";
    CHECK(n == sizeof want - 1 && memcmp(out, want, n) == 0, "every escape decoded");
    CHECK(json_unescape("plain", 5, out) == 5 && memcmp(out, "plain", 5) == 0, "no escapes");
}

static void test_recode(void)
{
    const char *in = " { \"a b\" : [ 1 ,\t2 ] ,\r\n \"c\\\" d\" : \"x \\\\\" } ";
    char out[128];
    size_t n = json_recode(in, strlen(in), out);
    const char *want = "{\"a b\":[1,2],\"c\\\" d\":\"x \\\\\"}";
    CHECK(n == strlen(want) && memcmp(out, want, n) == 0, "whitespace between tokens removed");
    in = "[\"\\/\\u00e9\\u000a\\u001f\\u0008\\ud83d\\ude00\\u0022\\u005C\\u0041\", 1E5]";
    n = json_recode(in, strlen(in), out);
    want = "[\"/\xC3\xA9\\n\\u001F\\b\xF0\x9F\x98\x80\\\"\\\\A\",1E5]";
    CHECK(n == strlen(want) && memcmp(out, want, n) == 0,
          "escapes rewritten as Jansson writes them, numbers kept");
}

static bool real_like_jansson(double v)
{
    char out[JSON_NUMBER_MAX];
    size_t n = json_format_real(v, out);
    json_t *j = json_real(v);
    char *want = json_dumps(j, JSON_ENCODE_ANY | JSON_COMPACT | JSON_REAL_PRECISION(15));
    bool same = want && strlen(want) == n && memcmp(want, out, n) == 0;
    if (!same)
        printf("# %.17g: got %.*s, Jansson %s\n", v, (int)n, out, want ? want : "?");
    free(want);
    json_decref(j);
    return same;
}

static void test_reals(void)
{
    static const double values[] = {0.0, -0.0, 1.0, -1.0, 0.1, 100.0, 1e15, 1e16, 1e17,
                                    1e-5, 1e-4, 123456.789, 1.0 / 3, 2.5e-7, 1e300,
                                    1.7976931348623157e308, 5e-324, 12345678901234567.0};
    int same = 0, total = 0;
    for (size_t i = 0; i < sizeof values / sizeof *values; i++, total++)
        same += real_like_jansson(values[i]);
    uint64_t x = 88172645463325252ULL;
    for (int i = 0; i < 20000; i++, total++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        double v;
        memcpy(&v, &x, sizeof v);
        if (v != v || v - v != 0) /* NaN or infinite: not JSON */
            v = (double)(int64_t)x / 1e6;
        same += real_like_jansson(v);
    }
    CHECK(same == total, "%d of %d doubles written as Jansson writes them", same, total);
}

/* json_format_int writes what printf's "%lld" writes, for every length
 * and sign. */
static void test_integers_as_printf(void)
{
    char out[JSON_NUMBER_MAX], want[JSON_NUMBER_MAX];
    int same = 0, total = 0;
    unsigned long long x = 88172645463325252ULL;
    for (int i = 0; i < 2000; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        long long v = (long long)(x >> (i % 64));
        long long values[] = {v, -v, i, -i, (long long)i * 1000003};
        for (size_t k = 0; k < sizeof values / sizeof *values; k++) {
            size_t n = json_format_int(values[k], out);
            int w = snprintf(want, sizeof want, "%lld", values[k]);
            same += (int)n == w && strcmp(out, want) == 0;
            total++;
        }
    }
    CHECK(same == total, "%d of %d integers written as \"%%lld\" writes them", same, total);
    size_t n = json_format_int(9223372036854775807LL, out);
    CHECK(n == 19 && strcmp(out, "9223372036854775807") == 0, "largest integer written");
    CHECK(json_format_int(0, out) == 1 && strcmp(out, "0") == 0, "zero written");
}

static void test_integers(void)
{
    char out[JSON_NUMBER_MAX];
    CHECK(json_format_int(-9223372036854775807LL - 1, out) == 20 &&
          memcmp(out, "-9223372036854775808", 20) == 0, "smallest integer written");
    CHECK(json_parse_int("-9223372036854775808", 20) == -9223372036854775807LL - 1,
          "smallest integer read");
    CHECK(json_parse_int("9223372036854775807", 19) == 9223372036854775807LL,
          "largest integer read");
    CHECK(json_parse_int("-0", 2) == 0 && json_parse_int("42", 2) == 42, "small integers");
}

/* A program may set a locale whose decimal point is ','; JSON's is '.'. */
static void test_locale(void)
{
    if (!setlocale(LC_NUMERIC, "de_DE.UTF-8") && !setlocale(LC_NUMERIC, "fr_FR.UTF-8")) {
        SKIP("numbers under a ',' locale: no such locale installed");
        return;
    }
    char out[JSON_NUMBER_MAX];
    size_t n = json_format_real(2.5, out);
    CHECK(n == 3 && memcmp(out, "2.5", 3) == 0, "2.5 written with '.' under a ',' locale");
    CHECK(json_parse_real("2.5", 3) == 2.5, "2.5 read under a ',' locale");
    setlocale(LC_NUMERIC, "C");
}

int main(void)
{
    test_escape();
    test_unescape();
    test_recode();
    test_reals();
    test_integers();
    test_integers_as_printf();
    CHECK(json_parse_real("1e-400", 6) == 0.0 && json_parse_real("-1.5E+3", 7) == -1500.0,
          "reals read");
    test_locale();
    return CHECK_DONE();
}
