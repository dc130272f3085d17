/* Unit tests of lib/buf: appending, and numbers written without printf. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "check.h"

static void test_append(void)
{
    struct buf b = BUF_INIT;
    buf_append(&b, "ab", 2);
    buf_append_char(&b, 'c');
    buf_append_str(&b, "de");
    buf_printf(&b, "%d", 42);
    CHECK(b.len == 7 && strcmp(b.data, "abcde42") == 0, "appends add up, NUL-terminated");
    buf_reset(&b);
    CHECK(b.len == 0 && b.data[0] == '\0', "reset keeps the memory, empties the text");
    buf_free(&b);
}

/* buf_append_uint writes what "%0*llu" writes. */
static void test_uint(void)
{
    struct buf b = BUF_INIT;
    char want[48];
    int same = 0, total = 0;
    unsigned long long x = 0x9E3779B97F4A7C15ULL;
    for (int i = 0; i < 1000; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        unsigned long long v = x >> (i % 64);
        unsigned digits = (unsigned)(i % 6);
        buf_reset(&b);
        buf_append_uint(&b, v, digits);
        snprintf(want, sizeof want, "%0*llu", (int)digits, v);
        same += strcmp(b.data, want) == 0;
        total++;
    }
    CHECK(same == total, "%d of %d numbers written as printf writes them", same, total);
    buf_reset(&b);
    buf_append_uint(&b, 0, 1);
    buf_append_char(&b, ' ');
    buf_append_uint(&b, 0, 0);
    buf_append_char(&b, ' ');
    buf_append_uint(&b, 5, 4);
    buf_append_char(&b, ' ');
    buf_append_uint(&b, ULLONG_MAX, 1);
    CHECK_STR(b.data, "0 0 0005 18446744073709551615", "zero, padding, the largest");
    buf_free(&b);
}

/* Scratch past SCRATCH_KEEP_BYTES is given back; smaller scratch is kept. */
static void test_trim(void)
{
    struct buf b = BUF_INIT;
    buf_append(&b, "small", 5);
    buf_trim(&b);
    CHECK(b.data && b.len == 0 && b.cap > 0, "a small buffer is reset and kept");
    buf_reserve(&b, SCRATCH_KEEP_BYTES + 1);
    buf_trim(&b);
    CHECK(!b.data && b.cap == 0, "a buffer past the limit is freed");
    buf_append(&b, "again", 5);
    CHECK_STR(b.data, "again", "a trimmed buffer is usable");
    buf_free(&b);

    size_t cap = 16;
    int *small = xmalloc(cap * sizeof *small);
    CHECK(array_trim(small, &cap, sizeof *small) == small && cap == 16, "a small array is kept");
    free(small);
    cap = SCRATCH_KEEP_BYTES / sizeof(int) + 1;
    int *big = xmalloc(cap * sizeof *big);
    CHECK(array_trim(big, &cap, sizeof *big) == NULL && cap == 0, "an array past the limit is freed");
    cap = SCRATCH_KEEP_BYTES / sizeof(int);
    int *edge = xmalloc(cap * sizeof *edge);
    CHECK(array_trim(edge, &cap, sizeof *edge) == edge, "an array of exactly the limit is kept");
    free(edge);
}

int main(void)
{
    test_append();
    test_uint();
    test_trim();
    return CHECK_DONE();
}
