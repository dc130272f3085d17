/* libFuzzer target: the number parser of lib/numwords.h, over the whole
 * input and over each of its lines, each in a buffer of exactly its size
 * (so that ASan sees a read past the end).
 *
 * Properties (a violation aborts), when a number is read:
 *  - its value is not NaN and not negative; its scale is 1, 1e3, 1e6, 1e9
 *    or 1e12; its digit count is not negative;
 *  - ASCII case does not matter: the same bytes with every letter in
 *    upper case read as the same number.
 */
#include <math.h>
#include <string.h>

#include "fuzz-util.h"
#include "numwords.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const fz_numwords_name = "numwords";

static void fz_numwords_check(const struct number *n, const char *s, size_t len)
{
    if (isnan(n->value) || n->value < 0)
        fuzz_fail(fz_numwords_name, "\"%.*s\": value %g", (int)len, s, n->value);
    if (n->scale != 1 && n->scale != 1e3 && n->scale != 1e6 && n->scale != 1e9 &&
        n->scale != 1e12)
        fuzz_fail(fz_numwords_name, "\"%.*s\": scale %g", (int)len, s, n->scale);
    if (n->digits < 0)
        fuzz_fail(fz_numwords_name, "\"%.*s\": %d digits", (int)len, s, n->digits);
}

static void fz_numwords_parse(const char *s, size_t len)
{
    char *exact = xmalloc(len ? len : 1), *upper = xmalloc(len ? len : 1);
    memcpy(exact, s, len);
    for (size_t i = 0; i < len; i++)
        upper[i] = s[i] >= 'a' && s[i] <= 'z' ? (char)(s[i] - 'a' + 'A') : s[i];
    struct number n, u;
    bool ok = numwords_parse(exact, len, &n);
    if (ok)
        fz_numwords_check(&n, s, len);
    bool ok_upper = numwords_parse(upper, len, &u);
    if (ok != ok_upper || (ok && !(n.value == u.value || (isnan(n.value) && isnan(u.value)))))
        fuzz_fail(fz_numwords_name, "\"%.*s\" reads differently in upper case", (int)len, s);
    free(exact);
    free(upper);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    fz_numwords_parse(s, size);
    for (size_t from = 0, to; from < size; from = to + 1) {
        const char *nl = memchr(s + from, '\n', size - from);
        to = nl ? (size_t)(nl - s) : size;
        if (nl || from > 0)
            fz_numwords_parse(s + from, to - from);
    }
    return 0;
}
