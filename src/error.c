/* error.c - filling struct sb_error; see error.h. */
#include <stdio.h>

#include "error.h"

int sb_fail(struct sb_error *err, int code, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return -1;
	err->code = code;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return -1;
}
