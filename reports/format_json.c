/*
 * format_json.c - the whole run document with its verdict, as JSON.
 * JSON escapes C0 controls itself; JSON_ENSURE_ASCII escapes the C1 ones
 * (U+0080..U+009F) too, which a terminal showing the output might obey.
 */
#include "report.h"

static int write_json(const json_t *doc, FILE *out, const struct report_opts *o)
{
	(void)o;
	if (json_dumpf(doc, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII) || fputc('\n', out) == EOF)
		return -1;
	return 0;
}

const struct report_ops report_json = { .name = "json", .write = write_json };
