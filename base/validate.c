/* validate.c - see validate.h. */
#define _XOPEN_SOURCE 700  /* POSIX 2008 with XSI */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "validate.h"

bool figure_ok(double v)
{
	return isfinite(v) && v >= 0;
}

bool count_ok(double v)
{
	return figure_ok(v) && v <= COUNT_MAX;
}

bool hostname_ok(const char *name)
{
	size_t label = 0, total = 0;
	char prev = '.';

	if (!name || !*name)
		return false;
	for (const char *p = name; *p; p++, total++) {
		char c = *p;

		if (c == '.') {
			if (label == 0 || prev == '-')
				return false;
			label = 0;
		} else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
			   (c == '-' && label > 0)) {
			if (++label > 63)
				return false;
		} else {
			return false;
		}
		prev = c;
	}
	return total <= 253 && prev != '.' && prev != '-';
}

bool utc_time_ok(const char *s)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	size_t n = strlen(s);
	int y, mo, d, h = 0, mi = 0, se = 0;

	if (n != 10 && n != sizeof(shape) - 1)
		return false;
	for (size_t i = 0; i < n; i++)
		if (shape[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != shape[i])
			return false;
	if (sscanf(s, "%4d-%2d-%2d", &y, &mo, &d) != 3 ||
	    (n > 10 && sscanf(s + 11, "%2d:%2d:%2d", &h, &mi, &se) != 3))
		return false;
	if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || se > 60)
		return false;
	return d <= days[mo - 1] + (mo == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
}

/* MAJOR.MINOR.PATCH, each a number without leading zeros (semver 2.0.0). */
bool semver_ok(const char *v)
{
	int parts = 0;

	while (*v) {
		if (*v < '0' || *v > '9' || (v[0] == '0' && v[1] >= '0' && v[1] <= '9'))
			return 0;
		while (*v >= '0' && *v <= '9')
			v++;
		parts++;
		if (*v == '.')
			v++;
		else if (*v)
			return 0;
	}
	return parts == 3;
}
