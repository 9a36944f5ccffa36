/*
 * report.h - output formats for a verdict.
 *
 * Each format is one file exporting one `struct report_ops`, listed in
 * report_table[] (reports.c).  A format reads the run document (with its
 * "verdict") and writes to a stream; it never changes the document.
 */
#ifndef SPECBENCH_REPORT_H
#define SPECBENCH_REPORT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

struct report_opts {
	bool color;   /* ANSI colours: only on a terminal, never with NO_COLOR */
	int width;    /* columns to fit (the terminal's, or $COLUMNS); 0: no limit */
};

struct report_ops {
	const char *name;
	int (*write)(const json_t *doc, FILE *out, const struct report_opts *opts);
	bool text;  /* shown as text: its strings are escaped first (printable.h) */
};

extern const struct report_ops *const report_table[];
const struct report_ops *report_find(const char *name);

#endif
