/* stats.c - see stats.h. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"

double stats_quantile(const double *sorted, size_t n, double q)
{
	double h, lo;
	size_t i;

	if (!n)
		return NAN;
	h = (double)(n - 1) * q;
	lo = floor(h);
	i = (size_t)lo;
	if (i + 1 >= n)
		return sorted[n - 1];
	return sorted[i] + (h - lo) * (sorted[i + 1] - sorted[i]);
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

size_t stats_points(const struct sample *s, size_t n, struct sample *out, size_t max)
{
	double *vals;
	size_t k = 0, i = 0;
	double t0, span;

	if (n <= max) {
		memcpy(out, s, n * sizeof(*s));
		return n;
	}
	vals = malloc(n * sizeof(*vals));
	if (!vals)
		return 0;
	t0 = (double)s[0].t;
	span = (double)s[n - 1].t - t0 + 1;
	for (size_t bin = 0; bin < max && i < n; bin++) {
		double end = t0 + span * (double)(bin + 1) / (double)max;
		size_t first = i, m = 0;

		while (i < n && ((double)s[i].t < end || bin + 1 == max))
			vals[m++] = s[i++].v;
		if (!m)
			continue;
		qsort(vals, m, sizeof(*vals), by_value);
		out[k].t = s[first + (m - 1) / 2].t;
		out[k].v = stats_quantile(vals, m, 0.5);
		k++;
	}
	free(vals);
	return k;
}
