/*
 * hostlock.h - one benchmark at a time on a host.
 *
 * Two benchmarks at once measure each other: a run started by hand while
 * the timer's run is busy (or two timers after a clock jump) would store
 * halved figures as the machine's own and raise false regressions.  Every
 * process that benchmarks takes an exclusive flock(2) on one file first,
 * /run/lock/specbench.lock ($SPECBENCH_LOCK overrides it: tests, or a
 * machine without /run/lock).  flock is released by the kernel when the
 * holder dies, even by SIGKILL, so a lock can never be left stale, and the
 * file itself is never removed (removing a lock file races with the next
 * opener).  The holder writes its pid and start time into the file, so
 * the one that waits can say whom it waits for.
 */
#ifndef SPECBENCH_HOSTLOCK_H
#define SPECBENCH_HOSTLOCK_H

#include <stddef.h>

#define HOSTLOCK_DEFAULT "/run/lock/specbench.lock"

/* The lock file's path: $SPECBENCH_LOCK, else HOSTLOCK_DEFAULT. */
const char *hostlock_path(void);

/* Try once, without waiting.  0: taken, *fd holds it (close-on-exec);
 * 1: another process holds it, described in holder ("pid 123, since
 * 2026-11-23 04:12:09 UTC", or "" when it wrote nothing);
 * -errno: the file cannot be opened. */
int hostlock_try(const char *path, int *fd, char *holder, size_t size);

/* Give the lock back (closing fd releases it). */
void hostlock_release(int fd);

#endif
