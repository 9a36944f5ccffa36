/*
 * stats.h - what the page says of a figure over many runs: median and the
 * 10th to 90th percentile range, and the points of its chart.
 *
 * Percentiles interpolate linearly between the closest ranks (Hyndman and
 * Fan's type 7: R's and NumPy's default, Python's
 * statistics.quantiles(method="inclusive")), so that anyone can check a
 * published figure with the tool at hand.
 */
#ifndef SPECBENCH_SITE_STATS_H
#define SPECBENCH_SITE_STATS_H

#include <stddef.h>
#include <time.h>

struct sample {
	time_t t;
	double v;
};

/* The q-quantile (0..1) of n sorted values; NAN when n is 0. */
double stats_quantile(const double *sorted, size_t n, double q);

/* The chart of n samples (sorted by time) in at most max points: all of
 * them when they fit, else the median of each of max equal stretches of
 * time (empty stretches give no point).  out holds max points; the count
 * is returned. */
size_t stats_points(const struct sample *s, size_t n, struct sample *out, size_t max);

#endif
