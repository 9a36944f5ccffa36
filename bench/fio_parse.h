/*
 * fio_parse.h - fio's JSON output (--output-format=json) into the run
 * document's shape, for `bench` and `import` alike.
 *
 * Per direction ("read", "write") present in the run: iops, bw_mib_s
 * (fio's KiB/s / 1024), io_bytes, runtime_ms and lat_us {p50, p95, p99,
 * p99_9} from the completion-latency percentiles, or null where fio measured
 * none (gtod_reduce) - never 0.  Without group_reporting every job is a
 * separate entry: IOPS, bandwidth and bytes are summed over the jobs, the
 * runtime is the longest, and percentiles (which cannot be combined across
 * jobs) are null with a note.
 */
#ifndef SPECBENCH_FIO_PARSE_H
#define SPECBENCH_FIO_PARSE_H

#include <jansson.h>
#include <stddef.h>

#include "base/error.h"

/* 0, or -1 with err (exit code 2): not fio output, fio 2.x (other units), a job error.
 * Text without a JSON object is read as fio's normal output (fio_text.c). */
int fio_parse(const char *text, size_t len, json_t *result, struct sb_error *err);

/* The newest complete report in the output of a fio still running (its
 * status reports, then the final one), or NULL when there is none yet. */
json_t *fio_last_report(const char *text, size_t len);

/* fio 3.x normal output ("write: IOPS=59.0k, BW=234MiB/s ..."). */
int fio_parse_text(const char *text, json_t *result, struct sb_error *err);

#endif
