/*
 * datadir.h - the private directory a benchmark run keeps its data files in.
 *
 * Each run makes "specbench-XXXXXX" inside --dir (mkdtemp) and removes it
 * when it ends, also on failure and Ctrl-C.  A run that is killed with
 * SIGKILL cannot: its directory, with up to 4 GiB of fio files, stays.  So
 * each run holds an flock() on the file "specbench.lock" in its directory
 * for as long as it lives (the kernel drops the lock when the process dies,
 * however it dies), and the next run removes every "specbench-*" directory
 * whose lock it can take: those of dead runs, never a live run's, and never
 * a directory without the lock file (not specbench's).
 */
#ifndef SPECBENCH_DATADIR_H
#define SPECBENCH_DATADIR_H

#include <stddef.h>

#define DATADIR_LOCK "specbench.lock"

/* Make the directory in parent (its name in path) and lock it; *lock_fd
 * stays open (and locked) until datadir_remove().  The tools' files go in
 * its subdirectory "data" (named in data), which is emptied between
 * benchmarks while the lock file stays.  0 or -errno. */
int datadir_create(const char *parent, char *path, size_t size, char *data, size_t dsize,
		   int *lock_fd);

/* Remove the directory and drop its lock.  0 or -errno. */
int datadir_remove(const char *path, int lock_fd);

/* Remove the directories of dead runs in parent; returns how many. */
int datadir_clean_stale(const char *parent);

#endif
