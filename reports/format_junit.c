/*
 * format_junit.c - JUnit XML for CI pipelines: one testcase per check, a
 * FAIL as <failure>, SKIP and UNVERIFIABLE as <skipped>, a WARN as a pass
 * whose evidence is in <system-out>.  Text is escaped for XML.
 */
#include <string.h>

#include "core/jsonutil.h"
#include "report.h"

static void esc(FILE *out, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		case '\'': fputs("&apos;", out); break;
		default:
			/* control characters are not allowed in XML 1.0 */
			if ((unsigned char)*s >= 0x20 || *s == '\n' || *s == '\t')
				fputc(*s, out);
		}
	}
}

static int write_junit(const json_t *doc, FILE *out, const struct report_opts *o)
{
	const json_t *v = json_object_get(doc, "verdict"), *c, *counts = json_object_get(v, "counts");
	size_t i;

	(void)o;
	fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n");
	fprintf(out, "  <testsuite name=\"specbench ");
	esc(out, jstr(v, "spec", "?"));
	fprintf(out, " ");
	esc(out, jstr(v, "spec_version", "?"));
	fprintf(out, "\" tests=\"%zu\" failures=\"%lld\" errors=\"0\" skipped=\"%lld\" timestamp=\"",
		json_array_size(json_object_get(v, "checks")), json_integer_value(json_object_get(counts, "FAIL")),
		json_integer_value(json_object_get(counts, "SKIP")) +
			json_integer_value(json_object_get(counts, "UNVERIFIABLE")));
	esc(out, jstr(doc, "created_at", ""));
	fprintf(out, "\" hostname=\"");
	esc(out, jstr(json_object_get(doc, "host"), "hostname", "unknown"));
	fprintf(out, "\">\n");
	json_array_foreach(json_object_get(v, "checks"), i, c) {
		const char *s = jstr(c, "status", "?");
		const char *id = jstr(c, "id", "?");

		fprintf(out, "    <testcase classname=\"specbench.%.*s\" name=\"", (int)strcspn(id, "."), id);
		esc(out, id);
		fprintf(out, "\">\n");
		if (!strcmp(s, "FAIL")) {
			fprintf(out, "      <failure message=\"expected ");
			esc(out, jstr(c, "expected", ""));
			fprintf(out, ", observed ");
			esc(out, jstr(c, "observed", ""));
			fprintf(out, "\" type=\"FAIL\">");
			esc(out, jstr(c, "evidence", ""));
			fprintf(out, "</failure>\n");
		} else if (!strcmp(s, "SKIP") || !strcmp(s, "UNVERIFIABLE")) {
			fprintf(out, "      <skipped message=\"%s: ", s);
			esc(out, jstr(c, "evidence", ""));
			fprintf(out, "\"/>\n");
		}
		fprintf(out, "      <system-out>%s: expected ", s);
		esc(out, jstr(c, "expected", ""));
		fprintf(out, "; observed ");
		esc(out, jstr(c, "observed", ""));
		fprintf(out, "; ");
		esc(out, jstr(c, "evidence", ""));
		fprintf(out, "</system-out>\n    </testcase>\n");
	}
	fprintf(out, "  </testsuite>\n</testsuites>\n");
	return ferror(out) ? -1 : 0;
}

const struct report_ops report_junit = { .name = "junit", .write = write_junit, .text = true };
