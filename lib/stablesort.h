/* stablesort.h — a stable sort of item numbers, compared in a caller's terms.
 *
 * Owns: the one merge sort the modules that order entries by several keys
 * share (countmap.h's orders, nest.h's groups and threads). Items are
 * numbers (entry or record numbers) that the comparison looks up in its
 * context; items that compare equal keep their order, which is what makes
 * "ties in order of first appearance" hold. O(n log n) comparisons, a
 * scratch array of n numbers for the length of the call.
 */
#ifndef WINNOW_STABLESORT_H
#define WINNOW_STABLESORT_H

#include <stddef.h>

/* Negative, zero or positive as item a sorts before, with or after b. */
typedef int (*stable_cmp)(const void *ctx, size_t a, size_t b);

/* Sort v[0..n) by cmp (called with ctx), stably. */
void stable_sort(size_t *v, size_t n, stable_cmp cmp, const void *ctx);

#endif
