/* print.h - rows of a history (list, export) as a table, JSON or CSV. */
#ifndef SPECBENCH_HISTORY_PRINT_H
#define SPECBENCH_HISTORY_PRINT_H

#include <jansson.h>
#include <stdio.h>

#include "base/error.h"

/* rows: objects; columns: the keys shown, in order (NULL-terminated).
 * format: "table" (aligned, escaped for a terminal), "json" (an array) or
 * "csv" (RFC 4180, a header line); 0, or -1 with err on a write error. */
int history_print(const json_t *rows, const char *const *columns, const char *format, FILE *out,
		  struct sb_error *err);

/* The same one row at a time, for JSON and CSV (an export of millions of
 * figures is never all in memory): rows_begin, rows_write per row (-1 on
 * a write error: stop), rows_end (0, or -1 with err). */
struct rows_writer {
	FILE *out;
	const char *format;
	const char *const *columns;
	size_t n;
};
void rows_begin(struct rows_writer *w, const char *const *columns, const char *format, FILE *out);
int rows_write(struct rows_writer *w, const json_t *row);
int rows_end(struct rows_writer *w, struct sb_error *err);

/* A regression report (history/judge.h) as a table for a person, its
 * strings escaped for a terminal. */
void regress_print_table(const json_t *report, FILE *out);

/* The report's state per metric in Prometheus's text format, for the
 * textfile collector: specbench_regression_state{benchmark, metric, state}
 * 1 for the state it is in and 0 for the others (OK, IMPROVED, SUSPECT,
 * REGRESSED, INSUFFICIENT), and specbench_regression_acknowledged 1 for a
 * regression someone acknowledged; appended after the run's own series. */
void regress_print_prometheus(const json_t *report, FILE *out);

#endif
