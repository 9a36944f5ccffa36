/* error.c - filling struct sb_error; see error.h. */
#include <stdio.h>

#include "error.h"
#include "printable.h"
#include "strbuf.h"

static int fill(struct sb_error *err, int code, int usage, const char *fmt, va_list ap)
{
	char raw[sizeof(err->msg)];

	if (!err)
		return -1;
	err->code = code;
	err->usage = usage;
	err->help = NULL;
	vsnprintf(raw, sizeof(raw), fmt, ap);
	/* messages quote file names and values from the command line and from
	 * files: they reach a terminal, so control characters are escaped */
	printable(raw, err->msg, sizeof(err->msg));
	return -1;
}

int sb_fail(struct sb_error *err, int code, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = fill(err, code, 0, fmt, ap);
	va_end(ap);
	return rc;
}

int sb_usage(struct sb_error *err, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = fill(err, SB_EXIT_USAGE, 1, fmt, ap);
	va_end(ap);
	return rc;
}

void sb_append(struct sb_error *err, const char *fmt, ...)
{
	char raw[sizeof(err->msg)], safe[sizeof(err->msg)];
	struct strbuf sb;
	va_list ap;

	if (!err)
		return;
	va_start(ap, fmt);
	vsnprintf(raw, sizeof(raw), fmt, ap);
	va_end(ap);
	printable(raw, safe, sizeof(safe));
	strbuf_fixed_append(&sb, err->msg, sizeof(err->msg));
	strbuf_addstr(&sb, safe);
}
