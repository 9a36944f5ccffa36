/*
 * runner.h - runs the selected benchmarks and measures honestly around each:
 * the exact argv, tool version, start and end, CPU steal during the run, the
 * bytes that reached the block device next to the tool's own count (cached
 * when most never did), a short unrecorded warm-up first, and with --repeat
 * the median, spread and stability of every figure.
 */
#ifndef SPECBENCH_RUNNER_H
#define SPECBENCH_RUNNER_H

#include "bench.h"

struct bench_run_opts {
	const char *only;    /* --only LIST, or NULL for all */
	int repeat;          /* measured runs per benchmark */
	bool warmup;
	const char *device;  /* block device behind the data directory, or NULL */
};

enum bench_outcome { BENCH_ALL_OK = 0, BENCH_SOME_FAILED = 1, BENCH_INTERRUPTED = 2 };

/* Fill doc.bench; returns an enum bench_outcome. */
int bench_run(const struct bench_ctx *ctx, const struct bench_run_opts *o, json_t *doc);

/* Format the current time as ISO 8601 UTC. */
void iso_now(char *buf, size_t size);

/* "fio-3.33" from `tool --version`; NULL when it prints nothing. */
json_t *tool_version(const char *tool, int sigfd);

#endif
