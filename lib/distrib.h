/* distrib.h — a distribution of numbers and its order statistics.
 *
 * Owns: every value added (8 bytes each, in one growable array), because
 * quantiles are computed exactly, not estimated. Quantiles use the
 * nearest-rank rule: the p-th percentile of n sorted values is the value of
 * rank ceil(p * n / 100) (1-based, at least 1), so it is always one of the
 * values seen and needs no interpolation. The mean is summed over the
 * sorted values, so the result does not depend on the order of arrival.
 */
#ifndef WINNOW_DISTRIB_H
#define WINNOW_DISTRIB_H

#include <stddef.h>

struct distrib {
    double *values; /* owned */
    size_t n, room;
};

#define DISTRIB_INIT {NULL, 0, 0}

void distrib_add(struct distrib *d, double v);
void distrib_free(struct distrib *d);

struct distrib_summary {
    size_t count;
    double min, q1, median, q3, p90, max, mean; /* 0 when count is 0 */
};

/* Sorts the values in place (they stay in the distrib). */
void distrib_summarize(struct distrib *d, struct distrib_summary *s);
/* The nearest-rank percentile (0 < percent <= 100) of n sorted values. */
double distrib_percentile(const double *sorted, size_t n, unsigned percent);

#endif
