/* repeat_stats.c - see repeat_stats.h.  The sample standard deviation (n - 1). */
#include <math.h>
#include <stdlib.h>

#include "base/orderstat.h"
#include "repeat_stats.h"

void stats_compute(double *v, size_t n, struct stats *s)
{
	double sum = 0, sq = 0;

	s->n = n;
	s->median = s->min = s->max = s->mean = s->cv_pct = 0;
	s->unstable = false;
	if (!n)
		return;
	doubles_sort(v, n);
	s->min = v[0];
	s->max = v[n - 1];
	s->median = median_sorted(v, n);
	for (size_t i = 0; i < n; i++)
		sum += v[i];
	s->mean = sum / (double)n;
	for (size_t i = 0; i < n; i++)
		sq += (v[i] - s->mean) * (v[i] - s->mean);
	if (n > 1 && s->mean != 0)
		s->cv_pct = 100.0 * sqrt(sq / (double)(n - 1)) / fabs(s->mean);
	s->unstable = s->cv_pct > STATS_UNSTABLE_CV_PCT;
}
