/*
 * session.h - one benchmark session, shared by `specbench bench` and
 * `specbench run`: the checks before anything runs, the private data
 * directory, signals, progress, the benchmarks themselves and cleanup.
 *
 * Before anything runs: the tools must be installed (exit 3 naming the
 * Debian package), dir must be a writable directory (exit 2) with room for
 * the largest benchmark's files (exit 3).  The data files live in a private
 * directory made inside dir and removed afterwards, also on failure and on
 * Ctrl-C (signals arrive on a signalfd, see exec.h); those of runs killed
 * with SIGKILL are removed by the next run (datadir.h).
 */
#ifndef SPECBENCH_SESSION_H
#define SPECBENCH_SESSION_H

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

#include "base/error.h"
#include "bench.h"
#include "runner.h"

struct bench_opts {
	enum bench_profile profile;
	const char *only;  /* comma-separated ids and groups, NULL: all */
	const char *dir;   /* absolute: where the private data directory is made */
	int repeat;
	bool warmup;
	bool progress;     /* a progress line on stderr */
	int lock_wait;     /* seconds to wait for another benchmark on the host (base/hostlock.h) */
	struct net_opts net;
};

void bench_opts_defaults(struct bench_opts *o);

/* Run the benchmarks into doc["bench"]: an enum bench_outcome, or -1 with
 * err (a tool missing, dir unusable or too small).  After
 * BENCH_INTERRUPTED the signal stays blocked and pending: the caller exits
 * with exec_interrupt_status(). */
int bench_session_run(json_t *doc, const struct bench_opts *o, struct sb_error *err);

/* The command lines the profile would run, one a line; nothing runs. */
void bench_print_commands(const struct bench_opts *o, FILE *out);
/* The same as an object: benchmark id -> command line (joined by spaces;
 * no word of a command holds a space). */
json_t *bench_commands(const struct bench_opts *o);

/* One line per benchmark: id, status, result or error, warnings. */
void bench_print_table(const json_t *doc, FILE *out);

#endif
