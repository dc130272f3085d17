/* stablesort.c — a stable merge sort of item numbers (see stablesort.h). */
#include "stablesort.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"

static void merge_sort(size_t *v, size_t *tmp, size_t n, stable_cmp cmp, const void *ctx)
{
    if (n < 2)
        return;
    size_t half = n / 2;
    merge_sort(v, tmp, half, cmp, ctx);
    merge_sort(v + half, tmp, n - half, cmp, ctx);
    size_t i = 0, j = half, k = 0;
    /* The right run goes first only when strictly smaller: stability. */
    while (i < half && j < n)
        tmp[k++] = cmp(ctx, v[j], v[i]) < 0 ? v[j++] : v[i++];
    while (i < half)
        tmp[k++] = v[i++];
    while (j < n)
        tmp[k++] = v[j++];
    memcpy(v, tmp, n * sizeof *v);
}

void stable_sort(size_t *v, size_t n, stable_cmp cmp, const void *ctx)
{
    if (n < 2)
        return;
    size_t *tmp = xmalloc(n * sizeof *tmp);
    merge_sort(v, tmp, n, cmp, ctx);
    free(tmp);
}
