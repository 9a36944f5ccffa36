/* chart_points.c - see chart_points.h. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/orderstat.h"
#include "chart_points.h"

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
		doubles_sort(vals, m);
		out[k].t = s[first + (m - 1) / 2].t;
		out[k].v = quantile_sorted(vals, m, 0.5);
		k++;
	}
	free(vals);
	return k;
}
