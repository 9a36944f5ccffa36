/*
 * print.c - rows of a history for a person (a table), a script (JSON) or
 * a spreadsheet (CSV, RFC 4180).  Writing CSV needs only RFC 4180's quoting
 * (a field with a comma, a quote or a line break is quoted, its quotes
 * doubled; lines end in CRLF): a few lines, not worth libcsv as a
 * dependency, which is a parser first.
 *
 * Every text cell may come from a VM (a host name, a command) and ends up
 * in a terminal or a spreadsheet: control characters are escaped (an OSC 52
 * clipboard write, ESC sequences), and a cell that a spreadsheet would take
 * for a formula (=, +, -, @, tab, CR first: =HYPERLINK(...)) gets a leading
 * apostrophe, as OWASP's CSV-injection advice has it.  Numbers stay numbers.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/escape.h"
#include "base/jsonutil.h"
#include "base/printable.h"
#include "base/docpath.h"
#include "print.h"

/* A cell as text: "" for null, numbers as they are, true/false. */
static void cell(const json_t *v, char *buf, size_t size)
{
	if (json_is_string(v))
		snprintf(buf, size, "%s", json_string_value(v));
	else if (json_is_integer(v))
		snprintf(buf, size, "%lld", (long long)json_integer_value(v));
	else if (json_is_real(v))
		snprintf(buf, size, "%.6g", json_real_value(v));
	else if (json_is_boolean(v))
		snprintf(buf, size, "%s", json_is_true(v) ? "true" : "false");
	else
		buf[0] = '\0';
}

static void csv_field(const char *s, FILE *out)
{
	if (!strpbrk(s, ",\"\r\n")) {
		fputs(s, out);
		return;
	}
	fputc('"', out);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

/* A text cell made harmless for a terminal and a spreadsheet (above). */
static void csv_text(const char *s, char *buf, size_t size)
{
	char shown[512];

	printable(s, shown, sizeof(shown));
	snprintf(buf, size, "%s%s", strchr("=+-@\t\r", shown[0]) && shown[0] ? "'" : "", shown);
}

static void csv_header(const char *const *columns, FILE *out)
{
	for (const char *const *c = columns; *c; c++) {
		fputs(c == columns ? "" : ",", out);
		csv_field(*c, out);
	}
	fputs("\r\n", out);
}

static void csv_row(const json_t *row, const char *const *columns, FILE *out)
{
	char buf[512], safe[520];

	for (const char *const *c = columns; *c; c++) {
		const json_t *v = json_object_get(row, *c);

		cell(v, buf, sizeof(buf));
		if (json_is_string(v))
			csv_text(buf, safe, sizeof(safe));
		fputs(c == columns ? "" : ",", out);
		csv_field(json_is_string(v) ? safe : buf, out);
	}
	fputs("\r\n", out);
}

static void print_table(const json_t *rows, const char *const *columns, FILE *out)
{
	size_t widths[32] = { 0 }, n = 0, i;
	const json_t *row;
	char buf[512], shown[1024];

	for (const char *const *c = columns; *c && n < 32; c++, n++)
		widths[n] = strlen(*c);
	json_array_foreach(rows, i, row)
		for (size_t k = 0; k < n; k++) {
			cell(json_object_get(row, columns[k]), buf, sizeof(buf));
			printable(buf, shown, sizeof(shown));
			if (strlen(shown) > widths[k])
				widths[k] = strlen(shown);
		}
	for (size_t k = 0; k < n; k++)
		fprintf(out, "%-*s%s", (int)widths[k], columns[k], k + 1 < n ? "  " : "\n");
	json_array_foreach(rows, i, row)
		for (size_t k = 0; k < n; k++) {
			cell(json_object_get(row, columns[k]), buf, sizeof(buf));
			printable(buf, shown, sizeof(shown));
			fprintf(out, "%-*s%s", (int)widths[k], shown, k + 1 < n ? "  " : "\n");
		}
}

#define ROWS_JSON_FLAGS (JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII | JSON_REAL_PRECISION(12))

void rows_begin(struct rows_writer *w, const char *const *columns, const char *format, FILE *out)
{
	*w = (struct rows_writer){ out, format, columns, 0 };
	if (!strcmp(format, "csv"))
		csv_header(columns, out);
}

/* JSON: the bytes json_dumpf writes of the whole array, one element at a
 * time: each element indented by two more spaces (a string's own line
 * breaks are escaped, so every line break in it is indentation). */
int rows_write(struct rows_writer *w, const json_t *row)
{
	if (!strcmp(w->format, "json")) {
		char *text = json_dumps(row, ROWS_JSON_FLAGS);

		if (!text)
			return -1;
		fputs(w->n ? ",\n  " : "[\n  ", w->out);
		for (const char *c = text; *c; c++)
			if (*c == '\n')
				fputs("\n  ", w->out);
			else
				fputc(*c, w->out);
		free(text);
	} else {
		csv_row(row, w->columns, w->out);
	}
	w->n++;
	return ferror(w->out) ? -1 : 0;
}

int rows_end(struct rows_writer *w, struct sb_error *err)
{
	if (!strcmp(w->format, "json"))
		fputs(w->n ? "\n]\n" : "[]\n", w->out);
	if (fflush(w->out) || ferror(w->out))
		return sb_fail(err, SB_EXIT_SYSTEM, "cannot write the %s output: %s", w->format, strerror(errno));
	return 0;
}

int history_print(const json_t *rows, const char *const *columns, const char *format, FILE *out,
		  struct sb_error *err)
{
	struct rows_writer w;
	const json_t *row;
	size_t i;

	if (strcmp(format, "json") && strcmp(format, "csv")) {
		print_table(rows, columns, out);
		if (fflush(out) || ferror(out))
			return sb_fail(err, SB_EXIT_SYSTEM, "cannot write the %s output: %s", format, strerror(errno));
		return 0;
	}
	rows_begin(&w, columns, format, out);
	json_array_foreach(rows, i, row)
		if (rows_write(&w, row))
			break;
	return rows_end(&w, err);
}

/* The table of a report whose strings are already escaped. */
static void report_table(const json_t *report, FILE *out)
{
	const json_t *m, *a;
	size_t i, j, acked = 0;
	char value[32], base[32], run[64];

	if (json_is_integer(rd_get(report, "run.id")))
		snprintf(run, sizeof(run), "run %lld", (long long)json_integer_value(rd_get(report, "run.id")));
	else
		snprintf(run, sizeof(run), "the run given (not stored)");
	/* a status OK over REGRESSED rows must say why: they are acknowledged */
	json_array_foreach(rd_get(report, "metrics"), i, m)
		if (!strcmp(rd_str_or(m, "state", ""), "REGRESSED") && json_is_object(rd_get(m, "acknowledged")))
			acked++;
	fprintf(out, "host %s (%s), %s of %s: %s", rd_str_or(report, "host.hostname", "?"),
		rd_str_or(report, "host.machine_id", "no machine id"), run,
		rd_str_or(report, "run.created_at", "?"), rd_str_or(report, "status", "?"));
	if (acked)
		fprintf(out, " (%zu REGRESSED acknowledged: known, no alert)", acked);
	fputs("\n\n", out);
	fprintf(out, "%-16s %-16s %-12s %12s %12s  %s\n", "benchmark", "metric", "state", "value", "baseline", "change");
	json_array_foreach(rd_get(report, "metrics"), i, m) {
		char change[160] = "";
		double pct;

		if (rd_num(m, "change.step_pct", &pct))
			snprintf(change, sizeof(change), "%+.1f %% over %lld run(s) since %s", pct,
				 (long long)json_integer_value(rd_get(m, "change.runs")), rd_str_or(m, "change.since", "?"));
		fprintf(out, "%-16s %-16s %-12s %12s %12s  %s\n", rd_str_or(m, "benchmark", "?"), rd_str_or(m, "metric", "?"),
			rd_str_or(m, "state", "?"), jfig(value, sizeof(value), "%.1f", rd_get(m, "value")),
			jfig(base, sizeof(base), "%.1f", rd_get(m, "baseline.median")), change);
		json_array_foreach(rd_get(m, "attribution"), j, a)
			fprintf(out, "%-16s %-16s   changed at that run: %s\n", "", "", json_string_value(a));
		if (rd_str(m, "note"))
			fprintf(out, "%-16s %-16s   %s\n", "", "", rd_str(m, "note"));
		if (json_is_object(rd_get(m, "acknowledged")))
			fprintf(out, "%-16s %-16s   acknowledged%s%s%s%s\n", "", "",
				rd_str(m, "acknowledged.at") ? " at " : "", rd_str_or(m, "acknowledged.at", ""),
				rd_str(m, "acknowledged.reason") ? ": " : " (no reason given)",
				rd_str_or(m, "acknowledged.reason", ""));
	}
}

void regress_print_table(const json_t *report, FILE *out)
{
	json_t *shown = sbj_printable(report);  /* hostnames, attributions: text from machines */

	report_table(shown ? shown : report, out);
	json_decref(shown);
}

void regress_print_prometheus(const json_t *report, FILE *out)
{
	static const char *const states[] = { "OK", "IMPROVED", "SUSPECT", "REGRESSED", "INSUFFICIENT", NULL };
	const json_t *m;
	size_t i;

	fputs("# HELP specbench_regression_state A metric against the machine's own past: 1 for the state it is "
	      "in, 0 for the others.\n# TYPE specbench_regression_state gauge\n", out);
	json_array_foreach(json_object_get(report, "metrics"), i, m) {
		const char *state = rd_str(m, "state");

		for (const char *const *s = states; *s; s++) {
			fputs("specbench_regression_state{benchmark=\"", out);
			prom_label(out, rd_str(m, "benchmark"));
			fputs("\",metric=\"", out);
			prom_label(out, rd_str(m, "metric"));
			fprintf(out, "\",state=\"%s\"} %d\n", *s, state && !strcmp(state, *s));
		}
	}
	fputs("# HELP specbench_regression_acknowledged 1 for a regression acknowledged with specbench regress ack.\n"
	      "# TYPE specbench_regression_acknowledged gauge\n", out);
	json_array_foreach(json_object_get(report, "metrics"), i, m) {
		fputs("specbench_regression_acknowledged{benchmark=\"", out);
		prom_label(out, rd_str(m, "benchmark"));
		fputs("\",metric=\"", out);
		prom_label(out, rd_str(m, "metric"));
		fprintf(out, "\"} %d\n", json_is_object(json_object_get(m, "acknowledged")));
	}
}
