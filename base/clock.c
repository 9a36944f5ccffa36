/* clock.c - see clock.h. */
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

#include "clock.h"
#include "text.h"

double mono_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

time_t page_time(void)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	uint64_t e;

	return sde && parse_u64(sde, &e) && e < (1ULL << 40) ? (time_t)e : time(NULL);
}
