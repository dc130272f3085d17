/* Unit tests of lib/stablesort: order, stability, edge sizes. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "stablesort.h"

/* Items are indices into an array of keys; ties by key. */
static int by_key(const void *ctx, size_t a, size_t b)
{
    const int *key = ctx;
    return (key[a] > key[b]) - (key[a] < key[b]);
}

static int by_key_desc(const void *ctx, size_t a, size_t b)
{
    return by_key(ctx, b, a);
}

static bool sorted_and_stable(const size_t *v, size_t n, const int *key, int direction)
{
    for (size_t i = 1; i < n; i++) {
        int c = direction * ((key[v[i - 1]] > key[v[i]]) - (key[v[i - 1]] < key[v[i]]));
        if (c > 0 || (c == 0 && v[i - 1] > v[i]))
            return false;
    }
    return true;
}

int main(void)
{
    enum { N = 1000 };
    static int key[N];
    static size_t v[N];
    unsigned x = 12345;
    for (size_t i = 0; i < N; i++) {
        x = x * 1103515245u + 12345u;
        key[i] = (int)((x >> 16) % 17); /* many ties */
        v[i] = i;
    }
    stable_sort(v, N, by_key, key);
    CHECK(sorted_and_stable(v, N, key, 1), "ascending, ties in their first order");
    for (size_t i = 0; i < N; i++)
        v[i] = i;
    stable_sort(v, N, by_key_desc, key);
    CHECK(sorted_and_stable(v, N, key, -1), "descending, ties still in their first order");

    size_t seen = 0;
    bool each_once = true;
    static bool found[N];
    memset(found, 0, sizeof found);
    for (size_t i = 0; i < N; i++) {
        each_once = each_once && !found[v[i]];
        found[v[i]] = true;
        seen++;
    }
    CHECK(each_once && seen == N, "a permutation: every item once");

    size_t one[1] = {7};
    stable_sort(one, 1, by_key, key);
    CHECK(one[0] == 7, "one item stays");
    stable_sort(NULL, 0, by_key, key);
    CHECK(1, "no items: nothing read or written");
    size_t two[2] = {1, 0};
    int pair[2] = {5, 5};
    stable_sort(two, 2, by_key, pair);
    CHECK(two[0] == 1 && two[1] == 0, "equal items keep their given order");
    return CHECK_DONE();
}
