/* regress.c - the judgement of one series of figures; see regress.h for the
 * method and why. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/orderstat.h"
#include "regress.h"

void regress_defaults(struct regress_opts *o)
{
	*o = (struct regress_opts){ REGRESS_BASELINE, REGRESS_MIN_BASELINE, REGRESS_MIN_STEP_PCT, REGRESS_MIN_T };
}

const char *regress_state_name(enum regress_state s)
{
	static const char *const names[] = { "OK", "IMPROVED", "SUSPECT", "REGRESSED", "INSUFFICIENT" };

	return names[s];
}


static double mad(const double *v, size_t n, double median)
{
	double buf[64] = { 0 }, *d = n <= 64 ? buf : malloc(n * sizeof(*d)), m;

	if (!d)
		return NAN;
	for (size_t i = 0; i < n; i++)
		d[i] = fabs(v[i] - median);
	m = median_of(d, n);
	if (d != buf)
		free(d);
	return m;
}

static void mean_var(const double *v, size_t n, double *mean, double *var)
{
	double s = 0, q = 0;

	for (size_t i = 0; i < n; i++)
		s += v[i];
	*mean = s / (double)n;
	for (size_t i = 0; i < n; i++)
		q += (v[i] - *mean) * (v[i] - *mean);
	*var = n > 1 ? q / (double)(n - 1) : 0;
}

/* Welch's t of a (baseline) against b (segment), as |mean difference| /
 * standard error; a segment of identical values against an identical
 * baseline is no evidence (0), against a differing one infinite. */
static double welch_t(const double *a, size_t na, const double *b, size_t nb)
{
	double ma, va, mb, vb, se;

	mean_var(a, na, &ma, &va);
	mean_var(b, nb, &mb, &vb);
	se = sqrt(va / (double)na + vb / (double)nb);
	if (se == 0)
		return ma == mb ? 0 : INFINITY;
	return fabs(ma - mb) / se;
}

/* Is the segment v[at..n) a step away from the baseline before it?
 * dir -1: down, +1: up.  "Seen before" looks at every value before the
 * segment, not only the baseline: a machine whose figure has two modes
 * (sysbench memory) may show ten of one in a row.  The conditions are
 * asked cheapest first: every start of a year's series is tried, and on a
 * quiet one the segment's first value already fails (sorting each segment
 * for its median first was most of the dashboard's judging). */
static int is_step(const double *v, size_t n, size_t at, const double *base, size_t nb, int dir,
		   const struct regress_opts *o, struct regress_result *r)
{
	size_t k = n - at;
	double bm = median_of(base, nb), edge = bm * o->min_step_pct / 100, sm, sigma, t;
	double tol = o->min_step_pct / 200;  /* half the minimum step: "about this level" */

	if (!(bm > 0))
		return 0;
	/* every run of the segment beyond the minimum step: a step, not a
	 * mixture of good and bad runs */
	for (size_t i = at; i < n; i++)
		if (dir < 0 ? !(v[i] <= bm - edge) : !(v[i] >= bm + edge))
			return 0;
	sm = median_of(v + at, k);
	sigma = 1.4826 * mad(base, nb, bm);
	/* far enough: the minimum step, and 2.5 robust sigmas (Chromium's
	 * rule) of a baseline that happens to be spread out */
	if (dir < 0 ? !(sm <= bm - fmax(edge, 2.5 * sigma)) : !(sm >= bm + fmax(edge, 2.5 * sigma)))
		return 0;
	for (size_t i = 0; i < at; i++)
		if (dir < 0 ? v[i] <= sm * (1 + tol) : v[i] >= sm * (1 - tol))
			return 0;  /* the machine has been there before */
	t = k >= 2 ? welch_t(base, nb, v + at, k) : 0;
	if (k >= 2 && t < o->min_t)
		return 0;
	r->step_at = at;
	r->segment_median = sm;
	r->step_pct = 100 * (sm - bm) / bm;
	r->t = t;
	return 1;
}

/* The baseline of a segment starting at `at`: up to o->baseline values
 * before it. */
static size_t baseline_of(size_t at, const struct regress_opts *o, size_t *from)
{
	size_t nb = at < o->baseline ? at : o->baseline;

	*from = at - nb;
	return nb;
}

static void describe_baseline(const double *v, size_t from, size_t nb, const struct regress_opts *o,
			      struct regress_result *r)
{
	const double *base = v + from;
	double lo = base[0], hi = base[0];

	for (size_t i = 1; i < nb; i++) {
		lo = fmin(lo, base[i]);
		hi = fmax(hi, base[i]);
	}
	r->baseline_n = nb;
	r->baseline_median = median_of(base, nb);
	r->baseline_mad = mad(base, nb, r->baseline_median);
	/* what a value must leave to count: the range seen, and the minimum step */
	r->low = fmin(lo, r->baseline_median * (1 - o->min_step_pct / 100));
	r->high = fmax(hi, r->baseline_median * (1 + o->min_step_pct / 100));
}

/* The steps of one direction: the best (largest t) of two runs or more,
 * or else the last run alone; 0 when none. */
static int find_step(const double *v, size_t n, int dir, const struct regress_opts *o,
		     const struct regress_result *base, struct regress_result *out, int *alone)
{
	struct regress_result best, one;
	int have_best = 0, have_one = 0;
	size_t from, nb;

	for (size_t at = 1; at < n; at++) {
		struct regress_result step = *base;

		nb = baseline_of(at, o, &from);
		if (nb < o->min_baseline || !is_step(v, n, at, v + from, nb, dir, o, &step))
			continue;
		describe_baseline(v, from, nb, o, &step);
		if (n - at == 1) {
			one = step;
			have_one = 1;
		} else if (!have_best || step.t > best.t) {
			best = step;
			have_best = 1;
		}
	}
	*alone = !have_best && have_one;
	if (have_best)
		*out = best;
	else if (have_one)
		*out = one;
	return have_best || have_one;
}

void regress_series(const double *v, size_t n, const struct regress_opts *o, struct regress_result *r)
{
	size_t from = 0, nb;

	memset(r, 0, sizeof(*r));
	r->segment_median = n ? v[n - 1] : NAN;
	r->step_at = n ? n - 1 : 0;
	nb = n ? baseline_of(n - 1, o, &from) : 0;
	if (nb < o->min_baseline) {
		r->state = REGRESS_INSUFFICIENT;
		r->baseline_n = nb;
		return;
	}
	describe_baseline(v, from, nb, o, r);
	/* down first (a regression hides behind nothing), then up; of the
	 * segments of two runs or more that are a step, the one that differs
	 * most (Welch's t) dates it; the last run alone is only a suspicion */
	for (int dir = -1; dir <= 1; dir += 2) {
		struct regress_result step, later;
		int alone, later_alone;

		if (!find_step(v, n, dir, o, r, &step, &alone) || (alone && dir > 0))
			continue;
		/* a further step after it (the metric moved again), judged on
		 * what came after the first: the newest one is the change */
		while (!alone && find_step(v + step.step_at, n - step.step_at, dir, o, r, &later, &later_alone) &&
		       !later_alone) {
			later.step_at += step.step_at;
			step = later;
		}
		*r = step;
		r->state = alone ? REGRESS_SUSPECT : dir < 0 ? REGRESS_REGRESSED : REGRESS_IMPROVED;
		return;
	}
	r->state = REGRESS_OK;
	r->step_pct = 100 * (v[n - 1] - r->baseline_median) / r->baseline_median;
}
