/*
 * chart_points.h - what the page says of a figure over many runs: its chart's
 * points (the median and the 10th to 90th percentile range are
 * base/orderstat.h's quantiles, type 7, which anyone can check with the
 * tool at hand).
 */
#ifndef SPECBENCH_SITE_CHART_POINTS_H
#define SPECBENCH_SITE_CHART_POINTS_H

#include <stddef.h>
#include <time.h>

struct sample {
	time_t t;
	double v;
};

/* The chart of n samples (sorted by time) in at most max points: all of
 * them when they fit, else the median of each of max equal stretches of
 * time (empty stretches give no point).  out holds max points; the count
 * is returned. */
size_t stats_points(const struct sample *s, size_t n, struct sample *out, size_t max);

#endif
