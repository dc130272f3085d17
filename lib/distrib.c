/* distrib.c — exact order statistics (see distrib.h). */
#include "distrib.h"

#include <stdlib.h>

#include "buf.h"

void distrib_add(struct distrib *d, double v)
{
    if (d->n == d->room) {
        d->room = d->room ? d->room * 2 : 64;
        d->values = xrealloc(d->values, d->room * sizeof *d->values);
    }
    d->values[d->n++] = v;
}

void distrib_free(struct distrib *d)
{
    free(d->values);
    d->values = NULL;
    d->n = d->room = 0;
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y ? 1 : 0;
}

double distrib_percentile(const double *sorted, size_t n, unsigned percent)
{
    if (n == 0)
        return 0;
    /* ceil(percent * n / 100) in integers: no rounding surprises. */
    size_t rank = (percent * n + 99) / 100;
    if (rank < 1)
        rank = 1;
    if (rank > n)
        rank = n;
    return sorted[rank - 1];
}

void distrib_summarize(struct distrib *d, struct distrib_summary *s)
{
    *s = (struct distrib_summary){0};
    s->count = d->n;
    if (d->n == 0)
        return;
    qsort(d->values, d->n, sizeof *d->values, compare_doubles);
    double sum = 0;
    for (size_t i = 0; i < d->n; i++)
        sum += d->values[i];
    s->min = d->values[0];
    s->max = d->values[d->n - 1];
    s->q1 = distrib_percentile(d->values, d->n, 25);
    s->median = distrib_percentile(d->values, d->n, 50);
    s->q3 = distrib_percentile(d->values, d->n, 75);
    s->p90 = distrib_percentile(d->values, d->n, 90);
    s->mean = sum / (double)d->n;
}
