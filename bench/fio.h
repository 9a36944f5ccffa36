/*
 * fio.h - what the three disk benchmarks share: a fio job described once by
 * its published options, and how each profile derives from them.
 *
 * documented: the published options verbatim, plus only --output-format=json
 *             and --directory (the private data directory);
 * quick:      the same workload (block size, queue depth, jobs, mix, buffered
 *             or direct) with smaller files, time-based, after a ramp; except
 *             a job marked quick_once, which writes its files once like the
 *             published one and only has its runtime cut (see disk_randwrite.c);
 * smoke:      tiny files, one second;
 * warm-up:    the profile's own command for one second, unrecorded: it lays
 *             out the files the measured run then reuses and touches memory.
 */
#ifndef SPECBENCH_FIO_H
#define SPECBENCH_FIO_H

#include "bench.h"
#include "fio_parse.h"

struct fio_job {
	const char *const *published;  /* NULL-terminated, verbatim from the source */
	const char *size[3];           /* --size per profile (documented is the published one) */
	int runtime[3];                /* seconds: time-based, or a limit for quick_once (0 for documented: as published) */
	int ramp[3];
	int numjobs;                   /* files written: size x numjobs */
	bool quick_once;               /* quick: size-based, runtime only a limit, no ramp */
};

/* bench_ops members for a benchmark whose .data is a struct fio_job */
int fio_command(const struct bench_ops *self, const struct bench_ctx *ctx, bool warmup,
		struct argv_buf *out);
uint64_t fio_space(const struct bench_ops *self, enum bench_profile p);
double fio_max_seconds(const struct bench_ops *self, enum bench_profile p);
double fio_expected_seconds(const struct bench_ops *self, enum bench_profile p);
int fio_status(const struct bench_ops *self, enum bench_profile p, bool warmup,
	       const char *out, size_t len, struct tool_progress *tp);
void fio_summary(const json_t *result, char *buf, size_t size);


#endif
