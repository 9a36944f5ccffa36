/*
 * format_table.c - the verdict as a table for a person at a terminal:
 * one line per check, then the evidence of everything that is not a PASS.
 */
#include <string.h>

#include "core/jsonutil.h"
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

static int write_table(const json_t *doc, FILE *out, const struct report_opts *o)
{
	const json_t *v = json_object_get(doc, "verdict"), *c, *counts = json_object_get(v, "counts");
	const char *reset = o->color ? "\033[0m" : "";
	size_t i;

	fprintf(out, "spec %s %s on %s\n\n", jstr(v, "spec", "?"), jstr(v, "spec_version", "?"),
		jstr(json_object_get(doc, "host"), "hostname", "?"));
	fprintf(out, "%-18s %-13s %-34s %s\n", "check", "status", "expected", "observed");
	json_array_foreach(json_object_get(v, "checks"), i, c) {
		const char *s = jstr(c, "status", "?");

		fprintf(out, "%-18s %s%-13s%s %-34.34s %s\n", jstr(c, "id", "?"), colour(s, o), s, reset,
			jstr(c, "expected", ""), jstr(c, "observed", ""));
	}
	fprintf(out, "\n");
	json_array_foreach(json_object_get(v, "checks"), i, c)
		if (strcmp(jstr(c, "status", ""), "PASS"))
			fprintf(out, "%-18s %s\n", jstr(c, "id", "?"), jstr(c, "evidence", ""));
	fprintf(out, "\nverdict: %s%s%s  (%lld pass, %lld fail, %lld warn, %lld skip, %lld unverifiable)\n",
		colour(jstr(v, "status", "?"), o), jstr(v, "status", "?"), reset,
		json_integer_value(json_object_get(counts, "PASS")), json_integer_value(json_object_get(counts, "FAIL")),
		json_integer_value(json_object_get(counts, "WARN")), json_integer_value(json_object_get(counts, "SKIP")),
		json_integer_value(json_object_get(counts, "UNVERIFIABLE")));
	return ferror(out) ? -1 : 0;
}

const struct report_ops report_table_fmt = { .name = "table", .write = write_table, .text = true };
