/* Unit tests of lib/utf8: validation, decoding, repair. */
#include <stdlib.h>

#include "buf.h"
#include "check.h"
#include "utf8.h"

static void check_valid(const char *s, size_t n, bool want, const char *name)
{
    CHECK(utf8_is_valid(s, n) == want, "valid(%s) is %s", name, want ? "true" : "false");
}

static void test_validation(void)
{
    check_valid("", 0, true, "empty");
    check_valid("plain ASCII text, long enough for the fast path", 48, true, "ascii");
    check_valid("caf\xC3\xA9", 5, true, "2-byte");
    check_valid("\xE2\x80\x99", 3, true, "3-byte quote");
    check_valid("\xF0\x9F\x98\x80", 4, true, "4-byte emoji");
    check_valid("\xF4\x8F\xBF\xBF", 4, true, "U+10FFFF");
    check_valid("\xC0\xAF", 2, false, "overlong slash");
    check_valid("\xE0\x80\xAF", 3, false, "overlong 3-byte");
    check_valid("\xED\xA0\x80", 3, false, "surrogate U+D800");
    check_valid("\xF4\x90\x80\x80", 4, false, "above U+10FFFF");
    check_valid("\xF5\x80\x80\x80", 4, false, "lead F5");
    check_valid("abc\x80", 4, false, "lone continuation");
    check_valid("\xE2\x80", 2, false, "truncated 3-byte");
    check_valid("\xFF", 1, false, "byte FF");
    char nul[3] = {'a', 0, 'b'};
    check_valid(nul, 3, true, "NUL is valid UTF-8");
    CHECK(utf8_valid_prefix("abcdefghij\xC3", 11) == 10, "valid prefix stops at a truncated sequence");
}

static void check_repair(const char *in, size_t n, const char *want, size_t want_count,
                         const char *name)
{
    struct buf out = BUF_INIT;
    size_t count = utf8_repair(in, n, &out);
    CHECK_STR(out.data ? out.data : "", want, "repair %s", name);
    CHECK(count == want_count, "repair %s counts %zu (got %zu)", name, want_count, count);
    CHECK(utf8_is_valid(out.data ? out.data : "", out.len), "repair %s gives valid UTF-8", name);
    buf_free(&out);
}

static void test_repair(void)
{
    check_repair("fine", 4, "fine", 0, "valid text");
    check_repair("a\xFF" "b", 3, "a\xEF\xBF\xBD" "b", 1, "one bad byte");
    /* Maximal subparts: E2 80 is one truncated sequence, one U+FFFD. */
    check_repair("\xE2\x80" "x", 3, "\xEF\xBF\xBD" "x", 1, "truncated sequence");
    /* C0 AF: C0 is never valid, AF is a lone continuation: two U+FFFD. */
    check_repair("\xC0\xAF", 2, "\xEF\xBF\xBD\xEF\xBF\xBD", 2, "overlong");
    check_repair("\xED\xA0\x80", 3, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD", 3, "surrogate");
    check_repair("caf\xE9", 4, "caf\xEF\xBF\xBD", 1, "Latin-1 byte");
}

static void test_decode_encode(void)
{
    int32_t cp;
    CHECK(utf8_decode("\xE2\x80\x99", 3, &cp) == 3 && cp == 0x2019, "decode U+2019");
    CHECK(utf8_decode("\xC2\xA0", 2, &cp) == 2 && cp == 0xA0, "decode NBSP");
    CHECK(utf8_decode("\x80", 1, &cp) == 1 && cp == -1, "decode lone continuation");
    char out[4];
    CHECK(utf8_encode(0x1F600, out) == 4 && memcmp(out, "\xF0\x9F\x98\x80", 4) == 0, "encode U+1F600");
    CHECK(utf8_encode(0xE9, out) == 2 && memcmp(out, "\xC3\xA9", 2) == 0, "encode U+00E9");
    CHECK(utf8_count("caf\xC3\xA9 \xE2\x80\x99", 9) == 6, "count code points");
    int all_ok = 1;
    for (int32_t c = 0; c <= 0x10FFFF; c += 7) {
        if (c >= 0xD800 && c <= 0xDFFF)
            continue;
        int32_t back;
        int n = utf8_encode(c, out);
        if (utf8_decode(out, (size_t)n, &back) != n || back != c)
            all_ok = 0;
    }
    CHECK(all_ok, "encode then decode round-trips every 7th scalar value");
}

int main(void)
{
    test_validation();
    test_repair();
    test_decode_encode();
    return CHECK_DONE();
}
