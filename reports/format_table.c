/*
 * format_table.c - the verdict as a table for a person at a terminal:
 * one line per check, then the evidence of everything that is not a PASS.
 */
#include <stdbool.h>
#include <string.h>

#include "base/jsonutil.h"
#include "base/docpath.h"
#include "report.h"

static const char *colour(const char *status, const struct report_opts *o)
{
	if (!o->color)
		return "";
	if (!strcmp(status, "PASS"))
		return "\033[32m";
	if (!strcmp(status, "FAIL"))
		return "\033[1;31m";
	if (!strcmp(status, "WARN"))
		return "\033[33m";
	return "\033[36m";
}

#define ID_W 18
#define STATUS_W 13
#define EXPECTED_W 34
#define MIN_OBSERVED_W 20

/* The next line of `text` that fits `width` columns (0: no limit), broken
 * between words; a word longer than the column gets a line of its own,
 * whole: a value is never cut.  Returns its length and sets *next past it
 * (and the space that ended it); 0 at the end. */
static size_t wrap_line(const char *text, size_t width, const char **next)
{
	size_t len = strlen(text), cut = 0;

	if (!len) {
		*next = text;
		return 0;
	}
	if (!width || len <= width) {
		*next = text + len;
		return len;
	}
	for (size_t i = 0; i <= width && i < len; i++)
		if (text[i] == ' ')
			cut = i;
	if (!cut) {  /* one long word: whole, on its own line */
		cut = strcspn(text, " ");
		*next = text[cut] ? text + cut + 1 : text + cut;
		return cut;
	}
	*next = text + cut + 1;
	return cut;
}

/* The widths of the expected and observed columns for a terminal of
 * `width` columns (0: no limit): expected gives way to observed down to
 * half its width on a narrow terminal. */
static void column_widths(int width, int *exp_w, int *obs_w)
{
	int fixed = ID_W + 1 + STATUS_W + 1 + 1;

	*exp_w = EXPECTED_W;
	*obs_w = 0;
	if (!width)
		return;
	*obs_w = width - fixed - *exp_w;
	if (*obs_w < MIN_OBSERVED_W) {
		*exp_w = width - fixed - MIN_OBSERVED_W;
		if (*exp_w < EXPECTED_W / 2)
			*exp_w = EXPECTED_W / 2;
		*obs_w = width - fixed - *exp_w;
		if (*obs_w < MIN_OBSERVED_W / 2)
			*obs_w = MIN_OBSERVED_W / 2;
	}
}

static void print_row(FILE *out, const json_t *c, const struct report_opts *o, const char *reset)
{
	const char *s = rd_str_or(c, "status", "?"), *exp = rd_str_or(c, "expected", ""), *obs = rd_str_or(c, "observed", "");
	int exp_w, obs_w;
	bool first = true;

	column_widths(o->width, &exp_w, &obs_w);
	while (first || *exp || *obs) {
		const char *e = exp, *ob = obs;
		size_t en = wrap_line(e, (size_t)exp_w, &exp), on = wrap_line(ob, (size_t)obs_w, &obs);

		if (first)
			fprintf(out, "%-*s %s%-*s%s ", ID_W, rd_str_or(c, "id", "?"), colour(s, o), STATUS_W, s, reset);
		else
			fprintf(out, "%-*s %-*s ", ID_W, "", STATUS_W, "");
		if (on)
			fprintf(out, "%-*.*s %.*s\n", exp_w, (int)en, e, (int)on, ob);
		else
			fprintf(out, "%.*s\n", (int)en, e);
		first = false;
	}
}

/* Identical evidence is said once for all the checks it belongs to (seven
 * mail checks that all need --app-domain). */
static void print_evidence(FILE *out, const json_t *checks, const struct report_opts *o)
{
	const json_t *c, *d;
	size_t i, j;
	int w = o->width ? o->width - (ID_W + 1) : 0;

	if (o->width && w < MIN_OBSERVED_W)
		w = MIN_OBSERVED_W;
	json_array_foreach(checks, i, c) {
		const char *ev = rd_str_or(c, "evidence", ""), *rest;
		bool seen = false, group = false;
		size_t n;

		if (!strcmp(rd_str_or(c, "status", ""), "PASS"))
			continue;
		for (j = 0; j < i && !seen; j++) {
			d = json_array_get(checks, j);
			seen = strcmp(rd_str_or(d, "status", ""), "PASS") && !strcmp(rd_str_or(d, "evidence", ""), ev);
		}
		if (seen)
			continue;
		for (j = i + 1; j < json_array_size(checks) && !group; j++) {
			d = json_array_get(checks, j);
			group = strcmp(rd_str_or(d, "status", ""), "PASS") && !strcmp(rd_str_or(d, "evidence", ""), ev);
		}
		if (group) {  /* the ids first, then the evidence below them */
			fprintf(out, "%s", rd_str_or(c, "id", "?"));
			for (j = i + 1; j < json_array_size(checks); j++) {
				d = json_array_get(checks, j);
				if (strcmp(rd_str_or(d, "status", ""), "PASS") && !strcmp(rd_str_or(d, "evidence", ""), ev))
					fprintf(out, ", %s", rd_str_or(d, "id", "?"));
			}
			fprintf(out, "\n");
		}
		n = wrap_line(ev, (size_t)w, &rest);
		fprintf(out, "%-*s %.*s\n", ID_W, group ? "" : rd_str_or(c, "id", "?"), (int)n, ev);
		while (*rest) {
			const char *line = rest;

			n = wrap_line(line, (size_t)w, &rest);
			fprintf(out, "%-*s %.*s\n", ID_W, "", (int)n, line);
		}
	}
}

static int write_table(const json_t *doc, FILE *out, const struct report_opts *o)
{
	const json_t *v = json_object_get(doc, "verdict"), *c, *counts = json_object_get(v, "counts");
	const char *reset = o->color ? "\033[0m" : "";
	int exp_w, obs_w;
	size_t i;

	column_widths(o->width, &exp_w, &obs_w);
	fprintf(out, "spec %s %s on %s\n\n", rd_str_or(v, "spec", "?"), rd_str_or(v, "spec_version", "?"),
		rd_str_or(json_object_get(doc, "host"), "hostname", "?"));
	fprintf(out, "%-*s %-*s %-*s %s\n", ID_W, "check", STATUS_W, "status", exp_w, "expected", "observed");
	json_array_foreach(json_object_get(v, "checks"), i, c)
		print_row(out, c, o, reset);
	fprintf(out, "\n");
	print_evidence(out, json_object_get(v, "checks"), o);
	fprintf(out, "\nverdict: %s%s%s  (%lld pass, %lld fail, %lld warn, %lld skip, %lld unverifiable)\n",
		colour(rd_str_or(v, "status", "?"), o), rd_str_or(v, "status", "?"), reset,
		rd_int_or(counts, "PASS", 0), rd_int_or(counts, "FAIL", 0),
		rd_int_or(counts, "WARN", 0), rd_int_or(counts, "SKIP", 0),
		rd_int_or(counts, "UNVERIFIABLE", 0));
	return ferror(out) ? -1 : 0;
}

const struct report_ops report_table_fmt = { .name = "table", .write = write_table, .text = true };
