/* cli.c - helpers every command shares; see cli.h. */
#include <stdarg.h>
#include <stdio.h>

#include "cli.h"

int cli_bad_usage(const char *cmd, const char *usage, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "specbench %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n\n%s", usage);
	return 2;
}
