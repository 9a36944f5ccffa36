/* validate.h - is a value what it claims: a figure, a count, a host name, a
 * UTC time, a semantic version.  Predicates that return bool (error.h);
 * the caller names what was wrong. */
#ifndef SPECBENCH_VALIDATE_H
#define SPECBENCH_VALIDATE_H

#include <stdbool.h>

/* MAJOR.MINOR.PATCH, each a number without leading zeros (semver 2.0.0):
 * spec versions and application versions. */
bool semver_ok(const char *v);
/* A host name of RFC 1123's characters: labels of letters, digits and
 * hyphens (not at either end), 1-63 long, joined by dots, 253 in all.
 * Anything a VM wrote that ends up in a mail header or a file name. */
bool hostname_ok(const char *name);
/* A day (YYYY-MM-DD) or a UTC time as runs carry it (YYYY-MM-DDTHH:MM:SSZ)
 * that is on the calendar: month 1-12, the month's days (leap years
 * counted), hours, minutes and seconds in range. */
bool utc_time_ok(const char *s);

/* A figure read from a tool's output or a document: a finite number, not
 * negative (no rate, latency, size or count is).  NaN and infinity, which
 * strtod() accepts and an overflow produces, are refused. */
bool figure_ok(double v);
/* A count or size that becomes an integer: a figure a double holds exactly
 * (at most 2^53), so the conversion to an integer is defined. */
bool count_ok(double v);
#define COUNT_MAX 9007199254740992.0

#endif
