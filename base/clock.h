/* clock.h - the monotonic clock every deadline and duration reads. */
#ifndef SPECBENCH_CLOCK_H
#define SPECBENCH_CLOCK_H

/* Seconds of CLOCK_MONOTONIC: for deadlines and durations. */
double mono_now(void);

#endif
