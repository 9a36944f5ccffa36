/*
 * measure.h - what the runner reads around each benchmark to judge it:
 * CPU steal time (/proc/stat) and the bytes that really reached the block
 * device behind the data directory (/proc/diskstats).
 */
#ifndef SPECBENCH_MEASURE_H
#define SPECBENCH_MEASURE_H

#include <stdbool.h>
#include <stddef.h>

struct cpu_times {
	unsigned long long total, steal;
	bool ok;
};

struct disk_io {
	unsigned long long read_bytes, write_bytes;
	bool ok;
};

void measure_cpu(struct cpu_times *t);
/* Steal as a percentage of all CPU time between a and b; -1 when unknown. */
double measure_steal_pct(const struct cpu_times *a, const struct cpu_times *b);

void measure_disk(const char *device, struct disk_io *io);

/* Parsers, for the tests. */
bool measure_parse_stat(const char *text, struct cpu_times *t);
bool measure_parse_diskstats(const char *text, const char *device, struct disk_io *io);

#endif
