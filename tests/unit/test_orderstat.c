/* test_orderstat.c - the median and quantiles every layer shares
 * (base/orderstat.h), against values R's quantile(type = 7) gives. */
#include <math.h>
#include <string.h>

#include "base/orderstat.h"
#include "harness.h"

static int close_to(double got, double want)
{
	return fabs(got - want) < 1e-9;
}

void suite_orderstat(struct t *t)
{
	double odd[] = { 5, 1, 4, 2, 3 }, even[] = { 10, 40, 20, 30 }, one[] = { 7 }, copy[5];
	double sorted[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, neg[] = { -0.0, 0.0, -1, INFINITY, -INFINITY };

	memcpy(copy, odd, sizeof(odd));
	CHECK(t, close_to(median_of(odd, 5), 3));
	CHECK(t, !memcmp(copy, odd, sizeof(odd)));  /* left as it was */
	CHECK(t, close_to(median_of(even, 4), 25));
	CHECK(t, close_to(median_of(one, 1), 7));
	CHECK(t, isnan(median_of(one, 0)));
	CHECK(t, isnan(median_sorted(one, 0)));
	CHECK(t, isnan(quantile_sorted(one, 0, 0.5)));
	/* R: quantile(1:10, c(0, .1, .5, .9, 1), type = 7) = 1 1.9 5.5 9.1 10 */
	CHECK(t, close_to(quantile_sorted(sorted, 10, 0), 1));
	CHECK(t, close_to(quantile_sorted(sorted, 10, 0.1), 1.9));
	CHECK(t, close_to(quantile_sorted(sorted, 10, 0.5), 5.5));
	CHECK(t, close_to(quantile_sorted(sorted, 10, 0.9), 9.1));
	CHECK(t, close_to(quantile_sorted(sorted, 10, 1), 10));
	CHECK(t, close_to(median_sorted(sorted, 10), quantile_sorted(sorted, 10, 0.5)));
	doubles_sort(neg, 5);
	CHECK(t, neg[0] == -INFINITY && neg[1] == -1 && neg[4] == INFINITY);
	CHECK_INT(t, double_cmp(&sorted[0], &sorted[1]), -1);
	CHECK_INT(t, double_cmp(&sorted[1], &sorted[0]), 1);
	CHECK_INT(t, double_cmp(&sorted[2], &sorted[2]), 0);
}
