/* output.h - choosing and writing an output format for a verdict. */
#ifndef SPECBENCH_OUTPUT_H
#define SPECBENCH_OUTPUT_H

#include <jansson.h>

#include "base/error.h"
#include "reports/report.h"

/* --format NAME, or the default: table on a terminal, json otherwise. */
const struct report_ops *output_format(const char *name, struct sb_error *err);

/* Write doc (with its verdict) to stdout in that format; colours only on a
 * terminal and never with NO_COLOR set. */
int output_write(const struct report_ops *fmt, const json_t *doc, struct sb_error *err);

/* The Prometheus series of doc, and of report's regression states when
 * report is not NULL, into path, replaced whole (write_file_replace): what
 * node_exporter's textfile collector reads may never be half a file. */
int output_prometheus_file(const char *path, const json_t *doc, const json_t *report, struct sb_error *err);

/* The --format option of the commands that print a verdict. */
#define OPT_FORMAT(T, f) \
	OPT_STRING(0, "format", T, f, "FORMAT", \
		   "table (the default, also into a pipe), json (for\n" \
		   "scripts), junit, tap, prometheus")

#endif
