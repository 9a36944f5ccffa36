/* reports.c - the table of output formats; see report.h. */
#include <string.h>

#include "report.h"

extern const struct report_ops report_table_fmt, report_json, report_junit, report_tap, report_prometheus;

const struct report_ops *const report_table[] = {
	&report_table_fmt, &report_json, &report_junit, &report_tap, &report_prometheus, NULL,
};

const struct report_ops *report_find(const char *name)
{
	for (const struct report_ops *const *r = report_table; *r; r++)
		if (!strcmp((*r)->name, name))
			return *r;
	return NULL;
}
