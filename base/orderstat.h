/*
 * orderstat.h - order statistics of doubles: the comparator, the median
 * and quantiles, written once for the repeats of a benchmark, the network
 * helper's connect times, a regression's baseline, the fleet and the page.
 *
 * Quantiles interpolate linearly between the closest ranks (Hyndman and
 * Fan's type 7: R's and NumPy's default, Python's
 * statistics.quantiles(method="inclusive")), so that anyone can check a
 * published figure with the tool at hand; the median is the 0.5 quantile.
 */
#ifndef SPECBENCH_BASE_ORDERSTAT_H
#define SPECBENCH_BASE_ORDERSTAT_H

#include <stddef.h>

/* qsort's comparator of doubles, ascending. */
int double_cmp(const void *a, const void *b);
/* Sort n doubles in place, ascending. */
void doubles_sort(double *v, size_t n);
/* The q-quantile (0..1) of n sorted values; NAN when n is 0. */
double quantile_sorted(const double *sorted, size_t n, double q);
/* The median of n sorted values; NAN when n is 0. */
double median_sorted(const double *sorted, size_t n);
/* The median of n values in any order, left as they are (sorted in a
 * copy); NAN when n is 0 or the copy cannot be made. */
double median_of(const double *v, size_t n);

#endif
