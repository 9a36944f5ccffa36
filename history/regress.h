/*
 * regress.h - is a metric still what it was?  The judgement of one series
 * of comparable figures (one host, profile, benchmark command and metric;
 * higher is better), oldest first, the last one the run being judged.
 *
 * The series is split where the recent part differs most from what came
 * before, in the spirit of the change point detection of MongoDB's and
 * Apache Otava's performance histories: for each length k of the recent
 * segment (from the longest that leaves a baseline to 1), the baseline is
 * the REGRESS_BASELINE values before it, and the segment is a step down
 * when all of these hold:
 *   - its median is at least REGRESS_MIN_STEP_PCT % below the baseline's
 *     median (a shift too small to matter is not reported);
 *   - its median is at least 2.5 robust sigmas (1.4826 MAD) below the
 *     baseline's median, as Chromium's dashboard asks;
 *   - no value before it came within REGRESS_MIN_STEP_PCT / 2 % of its
 *     median (a level the machine has shown before - sysbench memory's two
 *     modes - is not a change);
 *   - every value of it is REGRESS_MIN_STEP_PCT % below the baseline's
 *     median (a step, not a mixture of good and bad runs);
 *   - for k >= 2, Welch's t of baseline against segment is at least
 *     REGRESS_MIN_T: deterministic, unlike a permutation test (Otava's
 *     choice), and it asks more of a short segment than of a long one.
 * Of the segments of two runs or more that qualify, the one with the
 * largest t dates the step (REGRESSED); what follows it is searched again
 * the same way (binary segmentation, as E-divisive does), so that a second
 * step after the first - the metric moved again - is the one reported.
 * When only the last run alone qualifies it is SUSPECT: not an alert,
 * re-run it to know.  The mirror image is IMPROVED.  Fewer than REGRESS_MIN_BASELINE comparable
 * values before the run is INSUFFICIENT, never a silent OK.
 */
#ifndef SPECBENCH_REGRESS_H
#define SPECBENCH_REGRESS_H

#include <stddef.h>

#define REGRESS_BASELINE 10
#define REGRESS_MIN_BASELINE 5
#define REGRESS_MIN_STEP_PCT 10.0
#define REGRESS_MIN_T 3.0

enum regress_state { REGRESS_OK, REGRESS_IMPROVED, REGRESS_SUSPECT, REGRESS_REGRESSED, REGRESS_INSUFFICIENT };

struct regress_result {
	enum regress_state state;
	size_t step_at;          /* index of the first value of the segment (REGRESSED, SUSPECT, IMPROVED) */
	size_t baseline_n;       /* values in the baseline used */
	double baseline_median;
	double baseline_mad;     /* median absolute deviation */
	double low, high;        /* the band: the baseline's range, widened to the minimum step */
	double segment_median;   /* of the segment, or the last value */
	double step_pct;         /* (segment - baseline) / baseline, in % */
	double t;                /* Welch's t of the segment (0 for k = 1) */
};

struct regress_opts {
	size_t baseline;       /* REGRESS_BASELINE */
	size_t min_baseline;   /* REGRESS_MIN_BASELINE */
	double min_step_pct;   /* REGRESS_MIN_STEP_PCT */
	double min_t;          /* REGRESS_MIN_T */
};

void regress_defaults(struct regress_opts *o);

/* Judge the last of n values (n >= 1). */
void regress_series(const double *v, size_t n, const struct regress_opts *o, struct regress_result *r);

const char *regress_state_name(enum regress_state s);


#endif
