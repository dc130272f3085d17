/* Unit tests of lib/shingle: words, case, digits, Unicode, shingle counts. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#include "check.h"
#include "shingle.h"

static struct shingles a, b;

static void compute(struct shingles *s, const char *text, unsigned size, bool fold)
{
    struct shingle_options opt = {size, fold};
    shingles_compute(s, &opt, text, strlen(text));
}

static bool same(const char *x, const char *y, unsigned size, bool fold)
{
    compute(&a, x, size, fold);
    compute(&b, y, size, fold);
    return a.count == b.count && memcmp(a.hash, b.hash, a.count * sizeof *a.hash) == 0;
}

/* The shingles of `words` lowercase ASCII words w<i> as the header defines
 * them, computed the plain way: every word hash in one array, then XXH3
 * of each run of size of them. */
static size_t reference(size_t words, unsigned size, uint32_t *out)
{
    unsigned char *le = malloc(words * 8 + 1);
    char word[32];
    for (size_t i = 0; i < words; i++) {
        int n = snprintf(word, sizeof word, "w%zu", i % 97);
        uint64_t h = XXH3_64bits(word, (size_t)n);
        for (int j = 0; j < 8; j++)
            le[8 * i + (size_t)j] = (unsigned char)(h >> (8 * j));
    }
    size_t count = 0;
    if (words > 0 && words < size)
        out[count++] = (uint32_t)XXH3_64bits(le, 8 * words);
    for (size_t i = 0; i + size <= words; i++)
        out[count++] = (uint32_t)XXH3_64bits(le + 8 * i, 8 * size);
    free(le);
    return count;
}

/* The window that add_word slides gives every shingle the plain way would,
 * for texts shorter and far longer than a shingle. */
static void test_window(void)
{
    enum { MOST = 3000 };
    static uint32_t want[MOST];
    struct buf text = BUF_INIT;
    int bad = 0, tried = 0;
    const unsigned sizes[] = {1, 2, 3, 5, 13, 64};
    const size_t lengths[] = {0, 1, 2, 4, 5, 6, 12, 13, 14, 127, 128, 129, MOST};
    for (size_t si = 0; si < sizeof sizes / sizeof *sizes; si++) {
        for (size_t li = 0; li < sizeof lengths / sizeof *lengths; li++) {
            buf_reset(&text);
            for (size_t i = 0; i < lengths[li]; i++)
                buf_printf(&text, "%sw%zu", i ? " " : "", i % 97);
            struct shingle_options opt = {sizes[si], false};
            shingles_compute(&a, &opt, text.data ? text.data : "", text.len);
            size_t n = reference(lengths[li], sizes[si], want);
            tried++;
            bad += a.words != lengths[li] || a.count != n ||
                   (n && memcmp(a.hash, want, n * sizeof *want) != 0);
        }
    }
    CHECK(bad == 0, "%d of %d texts shingled as the plain way does", tried - bad, tried);
    buf_free(&text);
}

struct batches {
    uint32_t *hash;
    size_t n, calls;
};

static void collect(void *ctx, const uint32_t *hash, size_t n)
{
    struct batches *c = ctx;
    c->hash = realloc(c->hash, (c->n + n) * sizeof *c->hash);
    if (!c->hash)
        abort();
    memcpy(c->hash + c->n, hash, n * sizeof *hash);
    c->n += n;
    c->calls++;
}

/* The batches and the rest, in order, are shingles_compute's shingles. */
static void test_batches(void)
{
    char *text = malloc(200000);
    if (!text)
        abort();
    size_t len = 0;
    for (unsigned i = 0; len < 190000; i++)
        len += (size_t)sprintf(text + len, "W%u word%u, ", i % 97, i % 13);
    struct shingle_options opt = {5, false};
    shingles_compute(&a, &opt, text, len);
    struct batches got = {NULL, 0, 0};
    shingles_compute_each(&b, &opt, text, len, collect, &got);
    CHECK(a.total == a.count && b.total == a.count, "total counts every shingle (%zu, %zu)",
          b.total, a.count);
    CHECK(got.calls == (a.count - 1) / SHINGLE_BATCH && b.count <= SHINGLE_BATCH,
          "%zu full batches, %zu left", got.calls, b.count);
    collect(&got, b.hash, b.count);
    CHECK(got.n == a.count && memcmp(got.hash, a.hash, a.count * sizeof *a.hash) == 0,
          "the batches and the rest are the shingles, in order");
    free(got.hash);
    free(text);
}

int main(void)
{
    shingles_init(&a);
    shingles_init(&b);
    test_batches();

    compute(&a, "one two three four five six seven", 5, false);
    CHECK(a.words == 7 && a.count == 3, "7 words give 3 shingles of 5 (%zu, %zu)", a.words, a.count);
    compute(&a, "one two three", 5, false);
    CHECK(a.words == 3 && a.count == 1, "a text shorter than a shingle is one shingle");
    compute(&a, "  ... !!! --- ", 5, false);
    CHECK(a.words == 0 && a.count == 0, "no word, no shingle");
    compute(&a, "", 5, false);
    CHECK(a.count == 0, "the empty text has no shingle");

    CHECK(same("The Quick, brown FOX!", "the quick brown fox", 2, false),
          "case and punctuation do not matter");
    CHECK(same("a  b\n\nc\td", "a b c d", 2, false), "whitespace does not matter");
    CHECK(!same("a b c d", "a b d c", 2, false), "word order matters");
    CHECK(!same("up to 40% of 260,000 offenders", "up to 25% of 260,000 offenders", 5, false),
          "digits stay: figures make texts differ");
    CHECK(same("up to 40% of 260,000 offenders", "up to 25% of 310,000 offenders", 5, true),
          "--fold-digits: figures alone do not");
    CHECK(!same("40 cases", "4 cases", 1, true), "folding keeps the number of digits");
    CHECK(same("ÉCOLE Über", "école über", 1, false), "non-ASCII letters are lowercased");
    CHECK(same("a\xc2\xa0" "b", "a b", 2, false), "a no-break space separates words");
    CHECK(same("a\xe2\x80\x99" "b", "a b", 2, false), "a typographic apostrophe separates words");
    CHECK(same("a\xff" "b", "a b", 2, false), "an invalid byte separates words");
    CHECK(same("caf\xc3\xa9s", "caf\xc3\xa9s", 1, false) && !same("cafes", "caf\xc3\xa9s", 1, false),
          "accented letters are part of words");
    CHECK(same("\xd9\xa4\xd9\xa2", "00", 1, true), "Arabic-Indic digits fold too");

    compute(&a, "w1 w2 w3 w4 w5 w6", 5, false);
    uint32_t first = a.hash[0], second = a.hash[1];
    compute(&b, "w2 w3 w4 w5 w6", 5, false);
    CHECK(b.count == 1 && b.hash[0] == second && first != second,
          "a shingle's hash depends on its words only");

    struct buf folded = BUF_INIT;
    text_fold_digits("£277m in 2017, \xd9\xa4 \xff", strlen("£277m in 2017, \xd9\xa4 \xff"), &folded);
    CHECK_STR(folded.data, "£000m in 0000, 0 \xff", "text_fold_digits");
    buf_free(&folded);

    test_window();
    shingles_free(&a);
    shingles_free(&b);
    return CHECK_DONE();
}
