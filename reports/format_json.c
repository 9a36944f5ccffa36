/* format_json.c - the whole run document with its verdict, as JSON. */
#include "report.h"

static int write_json(const json_t *doc, FILE *out, const struct report_opts *o)
{
	(void)o;
	if (json_dumpf(doc, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER) || fputc('\n', out) == EOF)
		return -1;
	return 0;
}

const struct report_ops report_json = { "json", write_json };
