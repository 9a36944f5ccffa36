/*
 * hostlock.h - one benchmark at a time on a host.
 *
 * Two benchmarks at once measure each other: a run started by hand while
 * the timer's run is busy (or two timers after a clock jump) would store
 * halved figures as the machine's own and raise false regressions.  Every
 * process that benchmarks takes an exclusive flock(2) on one file first:
 * as root /run/specbench/host.lock, in a directory only root can write and
 * mode 0600, so that no local user can hold it and stop every run (the
 * lock in world-writable /run/lock could be flocked, or replaced by a FIFO
 * that blocked root's open); as another user $XDG_RUNTIME_DIR/specbench.lock
 * (such a run cannot see root's lock: a user's benchmarks are the user's
 * to schedule); $SPECBENCH_LOCK names another file (tests).  The file is
 * opened without following a link and without blocking, and taken only
 * when it is a regular file of the caller's (or root's).  flock is released by the kernel when the
 * holder dies, even by SIGKILL, so a lock can never be left stale, and the
 * file itself is never removed (removing a lock file races with the next
 * opener).  The holder writes its pid and start time into the file, so
 * the one that waits can say whom it waits for.
 */
#ifndef SPECBENCH_HOSTLOCK_H
#define SPECBENCH_HOSTLOCK_H

#include <stddef.h>

#define HOSTLOCK_DIR "/run/specbench"
#define HOSTLOCK_DEFAULT HOSTLOCK_DIR "/host.lock"

/* The lock file's path into buf: $SPECBENCH_LOCK, else the default of the
 * caller's user (above); root's directory is made (0755) when missing.
 * 0, or -errno (-EPERM: root's directory is not root's alone). */
int hostlock_path(char *buf, size_t size);

/* Try once, without waiting.  0: taken, *fd holds it (close-on-exec);
 * 1: another process holds it, described in holder ("pid 123, since
 * 2026-11-23 04:12:09 UTC", or "" when it wrote nothing);
 * -errno: the file cannot be opened, or is no regular file of the
 * caller's or root's (-EPERM). */
int hostlock_try(const char *path, int *fd, char *holder, size_t size);

/* Give the lock back (closing fd releases it). */
void hostlock_release(int fd);

#endif
