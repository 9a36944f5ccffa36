/*
 * sysbench_memory.c - the published memory benchmark: sysbench memory on two threads
 * (1 KiB blocks, 100 GiB in total, writes; its defaults), MiB/s and ops/s.
 * On a 2-vCPU VM it swings between 3 and 7 GiB/s: use --repeat and read
 * its coefficient of variation before trusting one figure.
 */
#include <stdio.h>

#include "base/jsonutil.h"
#include "sysbench.h"
#include "sysbench_parse.h"

static const struct sysbench_test test = { "memory", { 0, 3, 1 } };

static void summary(const json_t *r, char *buf, size_t size)
{
	char mib[32], ops[32];

	snprintf(buf, size, "%s MiB/s, %s ops/s", jfig(mib, sizeof(mib), "%.2f", json_object_get(r, "mib_per_sec")),
		 jfig(ops, sizeof(ops), "%.0f", json_object_get(r, "ops_per_sec")));
}

static const struct bench_ops bench_memory = {
	.id = "memory", .package = "sysbench",
	.data = &test, .max_seconds = sysbench_max_seconds,
	.expected_seconds = sysbench_expected_seconds, .command = sysbench_command,
	.parse = sysbench_parse_memory, .summary = summary,
};
BENCH_REGISTER(bench_memory);
