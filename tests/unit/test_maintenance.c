/* test_maintenance.c - maint_inside() (model/maintenance.c) against the
 * plain reading of its promise: walk back from t minute by minute through
 * the settle time, each minute in local time, the first window hit wins.
 * maint_inside answers at once when the clock's offset held; the walk
 * here is the reference, over a year of moments in Amsterdam (both
 * daylight-saving changes, by the minute around them), with windows that wrap the week and overlap. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/docpath.h"
#include "model/maintenance.h"
#include "harness.h"

static const char *const day_keys[] = { "sun", "mon", "tue", "wed", "thu", "fri", "sat" };

static int hhmm(const char *s)
{
	return (s[0] - '0') * 600 + (s[1] - '0') * 60 + (s[3] - '0') * 10 + (s[4] - '0');
}

/* The reference: the index of the window hit and the minutes back, or -1. */
static int walk(const json_t *spec, time_t t, long long *back_out)
{
	const json_t *windows = rd_get(spec, "maintenance.windows"), *w;
	long long settle = 60;
	size_t i;

	rd_int(spec, "maintenance.settle_minutes", &settle);
	for (long long back = 0; back <= settle; back++) {
		time_t at = t - (time_t)back * 60;
		struct tm tm;
		int m;

		localtime_r(&at, &tm);
		m = tm.tm_hour * 60 + tm.tm_min;
		json_array_foreach(windows, i, w)
			if (!strcmp(rd_str(w, "day"), day_keys[tm.tm_wday]) && m >= hhmm(rd_str(w, "from")) &&
			    m < hhmm(rd_str(w, "to"))) {
				*back_out = back;
				return (int)i;
			}
	}
	return -1;
}

/* The description maint_inside gives of window i, back minutes on. */
static void expected(const json_t *spec, int i, long long back, char *buf, size_t size)
{
	static const char *const names[] = { "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
					     "Saturday" };
	const json_t *w = json_array_get(rd_get(spec, "maintenance.windows"), (size_t)i);
	int d = 0;

	while (strcmp(day_keys[d], rd_str(w, "day")))
		d++;
	snprintf(buf, size, "%s %s-%s (%s)%s", names[d], rd_str(w, "from"), rd_str(w, "to"), rd_str(w, "what"),
		 back ? ", and the machine still settling after it" : "");
}

static void compare(struct t *t, const char *label, const json_t *spec, time_t from, time_t to, time_t step)
{
	int wrong = 0, inside = 0, settling = 0;

	for (time_t at = from; at < to; at += step) {
		char got[256] = "", want[256] = "";
		long long back = 0;
		int hit = walk(spec, at, &back), r = maint_inside(spec, at, got, sizeof(got));

		if (hit >= 0)
			expected(spec, hit, back, want, sizeof(want));
		inside += hit >= 0 && !back;
		settling += hit >= 0 && back;
		if (r != (hit >= 0) || strcmp(got, want)) {
			if (wrong++ < 3)
				printf("     %s: at %lld: got %d \"%s\", want \"%s\"\n", label, (long long)at, r, got, want);
		}
	}
	printf("# maintenance %s: %d inside, %d settling\n", label, inside, settling);
	t_check(t, __FILE__, __LINE__, label, wrong == 0 && inside > 0 && settling > 0);
}

void suite_maintenance(struct t *t)
{
	const char *old = getenv("TZ");
	char *saved = old ? strdup(old) : NULL;
	json_error_t e;
	/* the source documents' Monday windows, one that wraps the week
	 * (Sunday night into Monday) and one that overlaps another */
	json_t *spec = json_loads("{\"maintenance\": {\"settle_minutes\": 45, \"windows\": ["
				  "{\"day\": \"mon\", \"from\": \"05:00\", \"to\": \"07:00\", \"what\": \"OS updates\"},"
				  "{\"day\": \"mon\", \"from\": \"07:00\", \"to\": \"09:00\", \"what\": \"app updates\"},"
				  "{\"day\": \"sun\", \"from\": \"23:30\", \"to\": \"24:00\", \"what\": \"backup\"},"
				  "{\"day\": \"mon\", \"from\": \"06:30\", \"to\": \"08:00\", \"what\": \"overlap\"},"
				  "{\"day\": \"sun\", \"from\": \"00:30\", \"to\": \"01:30\", \"what\": \"night\"}]}}",
				  0, &e);
	time_t year = 1767225600;  /* 2026-01-01T00:00:00Z */

	CHECK(t, spec != NULL);
	/* Amsterdam: CET/CEST, the changes at 01:00 UTC on the last Sundays
	 * of March and October, within the settle time after the Sunday night
	 * window: there an hour of the clock is not an hour of settling (at
	 * 03:10 CEST the window's end at 01:30 CET is 40 minutes back, not
	 * 100; at 02:10 CET, after the clocks went back, 100 minutes, not 40) */
	setenv("TZ", "Europe/Amsterdam", 1);
	tzset();
	/* steps prime to the week's minutes, so the moments fall on every
	 * time of day; few enough for the valgrind run (the walk is 46
	 * localtime_r calls a moment) */
	compare(t, "Amsterdam, a year in 293-minute steps", spec, year, year + 366 * 86400, 293 * 60 + 13);
	compare(t, "Amsterdam, the March change by the minute", spec, 1774746000 - 3 * 3600, 1774746000 + 3 * 3600, 60);
	compare(t, "Amsterdam, the October change in 37-second steps", spec, 1792890000 - 3 * 3600,
		1792890000 + 3 * 3600, 37);
	setenv("TZ", "UTC", 1);
	tzset();
	compare(t, "UTC, a week in 11-minute steps", spec, year, year + 7 * 86400, 11 * 60 + 7);
	json_decref(spec);
	if (saved)
		setenv("TZ", saved, 1);
	else
		unsetenv("TZ");
	tzset();
	free(saved);
}
