/* clock.h - the monotonic clock every deadline and duration reads, and
 * the moment a generated page says it was made. */
#ifndef SPECBENCH_CLOCK_H
#define SPECBENCH_CLOCK_H

/* Seconds of CLOCK_MONOTONIC: for deadlines and durations. */
double mono_now(void);

#include <time.h>

/* Now, or SOURCE_DATE_EPOCH when set (reproducible-builds.org: the same
 * input, the same page; the tests' fixed "now"). */
time_t page_time(void);

#endif
