/* error.c - filling struct sb_error; see error.h. */
#include <stdio.h>

#include "error.h"
#include "printable.h"

int sb_fail(struct sb_error *err, int code, const char *fmt, ...)
{
	char raw[sizeof(err->msg)];
	va_list ap;

	if (!err)
		return -1;
	err->code = code;
	va_start(ap, fmt);
	vsnprintf(raw, sizeof(raw), fmt, ap);
	va_end(ap);
	/* messages quote file names and values from the command line and from
	 * files: they reach a terminal, so control characters are escaped */
	printable(raw, err->msg, sizeof(err->msg));
	return -1;
}
