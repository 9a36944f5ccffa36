/*
 * sysbench_cpu.c - the published CPU benchmark: sysbench's prime-number test on two
 * threads (prime limit 10000, its default), events per second.
 */
#include <stdio.h>

#include "base/jsonutil.h"
#include "base/docpath.h"
#include "sysbench.h"
#include "sysbench_parse.h"

static const struct sysbench_test test = { "cpu", { 0, 3, 1 } };

static void summary(const json_t *r, char *buf, size_t size)
{
	char eps[32], p95[32];

	snprintf(buf, size, "%s events/s, p95 latency %s ms",
		 jfig(eps, sizeof(eps), "%.2f", json_object_get(r, "events_per_sec")),
		 jfig(p95, sizeof(p95), "%.2f", rd_get(r, "latency_ms.p95")));
}

static const struct bench_ops bench_cpu = {
	.id = "cpu", .package = "sysbench",
	.data = &test, .max_seconds = sysbench_max_seconds,
	.expected_seconds = sysbench_expected_seconds, .command = sysbench_command,
	.parse = sysbench_parse_cpu, .summary = summary,
};
BENCH_REGISTER(bench_cpu);
