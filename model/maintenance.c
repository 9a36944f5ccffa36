/* maintenance.c - maintenance windows in local time; see maintenance.h. */
#include <stdio.h>
#include <string.h>

#include "base/docpath.h"
#include "maintenance.h"

static const char *const days[] = { "sun", "mon", "tue", "wed", "thu", "fri", "sat" };
static const char *const day_names[] = { "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
					  "Saturday" };

static int day_of(const char *s)
{
	for (int i = 0; s && i < 7; i++)
		if (!strcmp(s, days[i]))
			return i;
	return -1;
}

/* "HH:MM" as minutes of the day (0..1440, "24:00" the end of it), or -1. */
static int minutes_of(const char *s)
{
	int h, m;
	char end;

	if (!s || strlen(s) != 5 || sscanf(s, "%2d:%2d%c", &h, &m, &end) != 2 || s[2] != ':' ||
	    h < 0 || m < 0 || m > 59 || h > 24 || (h == 24 && m))
		return -1;
	return h * 60 + m;
}

int maint_check_window(const json_t *w, struct sb_error *err)
{
	int from = minutes_of(rd_str(w, "from")), to = minutes_of(rd_str(w, "to"));

	if (day_of(rd_str(w, "day")) < 0)
		return sb_fail(err, SB_EXIT_USAGE, "'day' must be one of mon, tue, wed, thu, fri, sat, sun");
	if (from < 0 || to < 0)
		return sb_fail(err, SB_EXIT_USAGE, "'from' and 'to' must be times of day, HH:MM (24:00 the end of it)");
	if (from >= to)
		return sb_fail(err, SB_EXIT_USAGE, "'from' (%s) must be before 'to' (%s): a window lies within one day",
			       rd_str(w, "from"), rd_str(w, "to"));
	return 0;
}

/* Inside a window at exactly t? */
static const json_t *window_at(const json_t *windows, time_t t)
{
	struct tm tm;
	const json_t *w;
	size_t i;
	int m;

	if (!localtime_r(&t, &tm))
		return NULL;
	m = tm.tm_hour * 60 + tm.tm_min;
	json_array_foreach(windows, i, w)
		if (day_of(rd_str(w, "day")) == tm.tm_wday && m >= minutes_of(rd_str(w, "from")) &&
		    m < minutes_of(rd_str(w, "to")))
			return w;
	return NULL;
}

static int describe(const json_t *w, long long back, char *what, size_t size)
{
	snprintf(what, size, "%s %s-%s%s%s%s%s", day_names[day_of(rd_str(w, "day"))], rd_str(w, "from"),
		 rd_str(w, "to"), rd_str(w, "what") ? " (" : "", rd_str_or(w, "what", ""),
		 rd_str(w, "what") ? ")" : "", back ? ", and the machine still settling after it" : "");
	return 1;
}

/* The same answer as walking back minute by minute, worked out at once
 * when the clock kept its offset from t - settle to t (the dashboard and
 * regress ask this of every stored run: the walk was a quarter of the
 * dashboard's time).  Each window is a stretch of the week's minutes; the
 * first window (in the spec's order) of the fewest minutes back wins, as
 * the walk's first hit.  -1 when the offset changed: walk. */
static int inside_steady(const json_t *windows, time_t t, long long settle, char *what, size_t size)
{
	const long long week = 7 * 1440;
	time_t before = t - (time_t)settle * 60;
	struct tm now, then;
	const json_t *w, *best = NULL;
	long long best_back = settle + 1, m;
	size_t i;

	if (!localtime_r(&t, &now) || !localtime_r(&before, &then) || now.tm_gmtoff != then.tm_gmtoff)
		return -1;
	m = now.tm_wday * 1440LL + now.tm_hour * 60 + now.tm_min;
	json_array_foreach(windows, i, w) {
		long long start = day_of(rd_str(w, "day")) * 1440LL, from = minutes_of(rd_str(w, "from")),
			  to = minutes_of(rd_str(w, "to")), back;

		if (start < 0 || from < 0 || to <= from)
			continue;
		/* minutes back to the window's last minute; 0 inside it */
		back = m >= start + from && m < start + to ? 0 : ((m - (start + to - 1)) % week + week) % week;
		if (back < best_back) {
			best_back = back;
			best = w;
		}
	}
	return best ? describe(best, best_back, what, size) : 0;
}

int maint_inside(const json_t *spec, time_t t, char *what, size_t size)
{
	const json_t *windows = rd_get(spec, "maintenance.windows"), *w;
	long long settle = MAINT_DEFAULT_SETTLE_MIN;
	int steady;

	if (!json_array_size(windows))
		return 0;
	rd_int(spec, "maintenance.settle_minutes", &settle);
	if (settle < 0)
		return 0;
	if ((steady = inside_steady(windows, t, settle, what, size)) >= 0)
		return steady;
	/* a clock change within the settle time: each moment converted on its
	 * own, back through the settle time minute by minute */
	for (long long back = 0; back <= settle; back++) {
		w = window_at(windows, t - (time_t)back * 60);
		if (w)
			return describe(w, back, what, size);
	}
	return 0;
}

int maint_parse_time(const char *iso, time_t *t)
{
	struct tm tm;
	char z, end;

	memset(&tm, 0, sizeof(tm));
	if (!iso || strlen(iso) != 20 ||
	    sscanf(iso, "%4d-%2d-%2dT%2d:%2d:%2d%c%c", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
		   &tm.tm_min, &tm.tm_sec, &z, &end) != 7 || z != 'Z')
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	*t = timegm(&tm);
	return 0;
}
