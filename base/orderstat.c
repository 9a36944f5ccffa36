/* orderstat.c - see orderstat.h. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "orderstat.h"

int double_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

void doubles_sort(double *v, size_t n)
{
	if (n > 1)
		qsort(v, n, sizeof(*v), double_cmp);
}

double quantile_sorted(const double *sorted, size_t n, double q)
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

double median_sorted(const double *sorted, size_t n)
{
	/* the mean of the middle two for an even n: type 7 at 0.5, exactly */
	if (!n)
		return NAN;
	return n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

double median_of(const double *v, size_t n)
{
	double buf[64], *s = n <= 64 ? buf : malloc(n * sizeof(*s)), m;

	if (!n || !s)
		return NAN;
	memcpy(s, v, n * sizeof(*s));
	doubles_sort(s, n);
	m = median_sorted(s, n);
	if (s != buf)
		free(s);
	return m;
}
