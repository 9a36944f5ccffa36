/*
 * sysbench.h - what the cpu and memory benchmarks share.
 *
 * documented: exactly the published command ("sysbench cpu --threads=2 run");
 * quick and smoke add only --time, which bounds the run without changing
 * the work each event does; the warm-up is one second of the same test.
 */
#ifndef SPECBENCH_SYSBENCH_H
#define SPECBENCH_SYSBENCH_H

#include "bench.h"

struct sysbench_test {
	const char *test;       /* "cpu", "memory" */
	int seconds[3];         /* --time per profile; 0 = sysbench's default (10 s) */
};

int sysbench_command(const struct bench_ops *self, const struct bench_ctx *ctx, bool warmup,
		     struct argv_buf *out);
double sysbench_max_seconds(const struct bench_ops *self, enum bench_profile p);
double sysbench_expected_seconds(const struct bench_ops *self, enum bench_profile p);

#endif
