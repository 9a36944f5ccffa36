/*
 * format_junit.c - JUnit XML for CI pipelines: one testcase per check, a
 * FAIL as <failure>, SKIP and UNVERIFIABLE as <skipped>, a WARN as a pass
 * whose evidence is in <system-out>.  Text is escaped for XML.
 */
#include <string.h>

#include "base/escape.h"
#include "base/jsonutil.h"
#include "base/docpath.h"
#include "report.h"

static int write_junit(const json_t *doc, FILE *out, const struct report_opts *o)
{
	const json_t *v = json_object_get(doc, "verdict"), *c, *counts = json_object_get(v, "counts");
	size_t i;

	(void)o;
	fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n");
	fprintf(out, "  <testsuite name=\"specbench ");
	esc_markup(out, rd_str_or(v, "spec", "?"));
	fprintf(out, " ");
	esc_markup(out, rd_str_or(v, "spec_version", "?"));
	fprintf(out, "\" tests=\"%zu\" failures=\"%lld\" errors=\"0\" skipped=\"%lld\" timestamp=\"",
		json_array_size(json_object_get(v, "checks")), rd_int_or(counts, "FAIL", 0),
		rd_int_or(counts, "SKIP", 0) +
			rd_int_or(counts, "UNVERIFIABLE", 0));
	esc_markup(out, rd_str_or(doc, "created_at", ""));
	fprintf(out, "\" hostname=\"");
	esc_markup(out, rd_str_or(json_object_get(doc, "host"), "hostname", "unknown"));
	fprintf(out, "\">\n");
	json_array_foreach(json_object_get(v, "checks"), i, c) {
		const char *s = rd_str_or(c, "status", "?");
		const char *id = rd_str_or(c, "id", "?");

		fprintf(out, "    <testcase classname=\"specbench.%.*s\" name=\"", (int)strcspn(id, "."), id);
		esc_markup(out, id);
		fprintf(out, "\">\n");
		if (!strcmp(s, "FAIL")) {
			fprintf(out, "      <failure message=\"expected ");
			esc_markup(out, rd_str_or(c, "expected", ""));
			fprintf(out, ", observed ");
			esc_markup(out, rd_str_or(c, "observed", ""));
			fprintf(out, "\" type=\"FAIL\">");
			esc_markup(out, rd_str_or(c, "evidence", ""));
			fprintf(out, "</failure>\n");
		} else if (!strcmp(s, "SKIP") || !strcmp(s, "UNVERIFIABLE")) {
			fprintf(out, "      <skipped message=\"%s: ", s);
			esc_markup(out, rd_str_or(c, "evidence", ""));
			fprintf(out, "\"/>\n");
		}
		fprintf(out, "      <system-out>%s: expected ", s);
		esc_markup(out, rd_str_or(c, "expected", ""));
		fprintf(out, "; observed ");
		esc_markup(out, rd_str_or(c, "observed", ""));
		fprintf(out, "; ");
		esc_markup(out, rd_str_or(c, "evidence", ""));
		fprintf(out, "</system-out>\n    </testcase>\n");
	}
	fprintf(out, "  </testsuite>\n</testsuites>\n");
	return ferror(out) ? -1 : 0;
}

const struct report_ops report_junit = { .name = "junit", .write = write_junit, .text = true };
