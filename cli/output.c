/* output.c - see output.h. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/printable.h"
#include "output.h"

const struct report_ops *output_format(const char *name, struct sb_error *err)
{
	const struct report_ops *r;

	if (!name)
		name = isatty(1) ? "table" : "json";
	r = report_find(name);
	if (!r)
		sb_fail(err, SB_EXIT_USAGE, "--format: unknown format '%s' (table, json, junit, tap, prometheus)", name);
	return r;
}

int output_write(const struct report_ops *fmt, const json_t *doc, struct sb_error *err)
{
	const char *no_color = getenv("NO_COLOR");
	struct report_opts o = { isatty(1) && !(no_color && *no_color) };
	json_t *shown = fmt->text ? json_printable(doc) : json_incref((json_t *)doc);
	int rc;

	if (!shown)
		return sb_fail(err, SB_EXIT_SYSTEM, "out of memory");
	rc = fmt->write(shown, stdout, &o);
	json_decref(shown);
	if (rc || fflush(stdout))
		return sb_fail(err, SB_EXIT_SYSTEM, "cannot write the %s output: %s", fmt->name, strerror(errno));
	return 0;
}
