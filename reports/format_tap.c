/*
 * format_tap.c - TAP version 13: one line per check.  A FAIL is "not ok";
 * SKIP and UNVERIFIABLE are "ok ... # SKIP reason"; a WARN is "ok" with the
 * warning in its description.  Every check gets a YAML block with expected,
 * observed and evidence.
 */
#include <string.h>

#include "base/jsonutil.h"
#include "base/docpath.h"
#include "report.h"

/* YAML single-quoted scalar */
static void yq(FILE *out, const char *s)
{
	fputc('\'', out);
	for (; s && *s; s++) {
		if (*s == '\'')
			fputc('\'', out);
		if (*s != '\n')
			fputc(*s, out);
	}
	fputc('\'', out);
}

/* A description must not contain '#' (it starts a directive). */
static void desc(FILE *out, const char *s)
{
	for (; s && *s; s++)
		fputc(*s == '#' || *s == '\n' ? ' ' : *s, out);
}

static int write_tap(const json_t *doc, FILE *out, const struct report_opts *o)
{
	const json_t *v = json_object_get(doc, "verdict"), *c;
	size_t i;

	(void)o;
	fprintf(out, "TAP version 13\n1..%zu\n", json_array_size(json_object_get(v, "checks")));
	json_array_foreach(json_object_get(v, "checks"), i, c) {
		const char *s = rd_str_or(c, "status", "?");

		fprintf(out, "%s %zu - %s", !strcmp(s, "FAIL") ? "not ok" : "ok", i + 1, rd_str_or(c, "id", "?"));
		if (!strcmp(s, "SKIP") || !strcmp(s, "UNVERIFIABLE")) {
			fprintf(out, " # SKIP %s: ", s);
			desc(out, rd_str_or(c, "evidence", ""));
		} else if (!strcmp(s, "WARN")) {
			fprintf(out, " (WARN: ");
			desc(out, rd_str_or(c, "evidence", ""));
			fputc(')', out);
		}
		fprintf(out, "\n  ---\n  status: %s\n  expected: ", s);
		yq(out, rd_str_or(c, "expected", ""));
		fprintf(out, "\n  observed: ");
		yq(out, rd_str_or(c, "observed", ""));
		fprintf(out, "\n  evidence: ");
		yq(out, rd_str_or(c, "evidence", ""));
		fprintf(out, "\n  ...\n");
	}
	return ferror(out) ? -1 : 0;
}

const struct report_ops report_tap = { .name = "tap", .write = write_tap, .text = true };
