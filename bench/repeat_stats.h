/* repeat_stats.h - summary of repeated samples: median, spread, stability. */
#ifndef SPECBENCH_BENCH_REPEAT_STATS_H
#define SPECBENCH_BENCH_REPEAT_STATS_H

#include <stdbool.h>
#include <stddef.h>

/* A coefficient of variation above this marks a figure unstable. */
#define STATS_UNSTABLE_CV_PCT 10.0

struct stats {
	double median, min, max, mean, cv_pct;  /* cv: stddev / mean, in % */
	size_t n;
	bool unstable;
};

/* values is reordered (sorted). */
void stats_compute(double *values, size_t n, struct stats *out);

#endif
