/* sysbench_parse.c - see sysbench_parse.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "base/validate.h"
#include "sysbench_parse.h"

/* The number after "label" (and the colon, spaces) on its line, searched
 * from `from` in text: 1 with *v set, 0 when the label is absent, -1 (err
 * says the line and the value) when the number is not a figure (figure_ok)
 * or is missing. */
static int figure_after(const char *text, const char *from, const char *label, double *v,
			struct sb_error *err)
{
	const char *p = from ? strstr(from, label) : NULL;
	char *end;

	if (!p)
		return 0;
	p += strlen(label);
	while (*p == ' ' || *p == '\t' || *p == ':')
		p++;
	errno = 0;
	*v = strtod(p, &end);
	if (end == p || errno == ERANGE || !figure_ok(*v)) {
		sb_fail(err, SB_EXIT_USAGE, "line %d: \"%s\" is %.*s: not a finite, non-negative number",
			 line_of(text, p), label, end == p ? 9 : (int)(end - p), end == p ? "not given" : p);
		return -1;
	}
	return 1;
}

const char *sysbench_test_of(const char *text)
{
	if (!strstr(text, "sysbench"))
		return NULL;
	if (strstr(text, "Prime numbers limit") || strstr(text, "CPU speed"))
		return "cpu";
	if (strstr(text, "MiB transferred") || strstr(text, "Total operations"))
		return "memory";
	return NULL;
}

/* A log may hold several sysbench reports (the published page shows cpu,
 * then memory).  Each starts at its version line ("sysbench 1.0.20 (using
 * ..."); the copy of the one of `test` is returned (malloc'd), or NULL when
 * the text holds fewer than two reports or none of that test. */
static char *report_of(const char *text, const char *test)
{
	const char *starts[64];
	size_t n = 0;

	for (const char *p = text; p && n < 64; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		unsigned major;

		if (sscanf(p, "sysbench %u.", &major) == 1)
			starts[n++] = p;
	}
	if (n < 2)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		size_t len = i + 1 < n ? (size_t)(starts[i + 1] - starts[i]) : strlen(starts[i]);
		char *part = strndup(starts[i], len);
		const char *t = part ? sysbench_test_of(part) : NULL;

		if (t && !strcmp(t, test))
			return part;
		free(part);
	}
	return NULL;
}

/* The version from "sysbench 1.0.20 (using ...)" (the command line above it
 * also says "sysbench "), into result.  sysbench 0.4 and 0.5 print another
 * layout ("Test execution summary", latencies with units, no "Prime numbers
 * limit"): refused rather than half read.  A report without a version line
 * (cut off) is read as 1.x. */
static int read_version(const char *text, json_t *result, struct sb_error *err)
{
	char version[32];

	for (const char *p = strstr(text, "sysbench "); p; p = strstr(p + 1, "sysbench "))
		if (sscanf(p, "sysbench %31[0-9.]", version) == 1) {
			if (strncmp(version, "1.", 2)) {
				sb_fail(err, SB_EXIT_USAGE, "sysbench %s: only the reports of sysbench 1.x are "
					 "understood (0.4 and 0.5 print another layout)", version);
				return -1;
			}
			json_object_set_new(result, "sysbench_version", json_string(version));
			return 0;
		}
	return 0;
}

static int set_common(const char *text, json_t *result, struct sb_error *err)
{
	static const struct { const char *label, *key; } lats[] = {
		{ "min:", "min" }, { "avg:", "avg" }, { "max:", "max" }, { "95th percentile:", "p95" },
	};
	const char *block = strstr(text, "Latency (ms):");
	json_t *lat = json_object();
	double v;
	int rc;

	json_object_set_new(result, "latency_ms", lat);
	for (size_t i = 0; i < sizeof(lats) / sizeof(lats[0]); i++) {
		if ((rc = figure_after(text, block, lats[i].label, &v, err)) < 0)
			return -1;
		json_object_set_new(lat, lats[i].key, rc ? json_real(v) : json_null());
	}
	if ((rc = figure_after(text, text, "Number of threads", &v, err)) < 0 ||
	    (rc && (!count_ok(v) || v < 1 || v > 1e6))) {
		if (rc > 0)
			sb_fail(err, SB_EXIT_USAGE, "line %d: \"Number of threads\" is %g: not a thread count",
				 line_of(text, strstr(text, "Number of threads")), v);
		return -1;
	}
	if (rc)
		json_object_set_new(result, "threads", json_integer((json_int_t)v));
	return 0;
}

static int parse_cpu(const char *text, json_t *result, struct sb_error *err);
static int parse_memory(const char *text, json_t *result, struct sb_error *err);

/* Read the report of one test, from its own part of a log of several. */
static int parse_part(const char *text, const char *test,
		      int (*parse)(const char *, json_t *, struct sb_error *),
		      json_t *result, struct sb_error *err)
{
	char *part = report_of(text, test);
	int rc = parse(part ? part : text, result, err);

	free(part);
	return rc;
}

int sysbench_parse_cpu(const char *text, size_t len, json_t *result, struct sb_error *err)
{
	(void)len;  /* the text is NUL-terminated */
	return parse_part(text, "cpu", parse_cpu, result, err);
}

int sysbench_parse_memory(const char *text, size_t len, json_t *result, struct sb_error *err)
{
	(void)len;
	return parse_part(text, "memory", parse_memory, result, err);
}

static int parse_cpu(const char *text, json_t *result, struct sb_error *err)
{
	double eps = 0, total = 0, events = 0, limit;
	int have_eps, rc_total, rc_events, rc;

	if (read_version(text, result, err))
		return -1;
	if (sysbench_test_of(text) && strcmp(sysbench_test_of(text), "cpu")) {
		sb_fail(err, SB_EXIT_USAGE, "a sysbench %s report, not a cpu report", sysbench_test_of(text));
		return -1;
	}
	if ((have_eps = figure_after(text, text, "events per second", &eps, err)) < 0 ||
	    (rc_total = figure_after(text, text, "total time", &total, err)) < 0 ||
	    (rc_events = figure_after(text, text, "total number of events", &events, err)) < 0)
		return -1;
	if (!rc_total || !rc_events || total <= 0) {
		sb_fail(err, SB_EXIT_USAGE, "not a sysbench cpu report (no \"total time\" and \"total number of events\")");
		return -1;
	}
	if (!count_ok(events)) {
		sb_fail(err, SB_EXIT_USAGE, "line %d: \"total number of events\" is %g: too large for a count",
			 line_of(text, strstr(text, "total number of events")), events);
		return -1;
	}
	if (!have_eps) {
		eps = events / total;
		json_object_set_new(result, "events_per_sec_derived", json_true());
	}
	json_object_set_new(result, "events_per_sec", json_real(eps));
	json_object_set_new(result, "total_time_s", json_real(total));
	json_object_set_new(result, "events", json_integer((json_int_t)events));
	if ((rc = figure_after(text, text, "Prime numbers limit", &limit, err)) < 0)
		return -1;
	if (rc && !count_ok(limit)) {
		sb_fail(err, SB_EXIT_USAGE, "line %d: \"Prime numbers limit\" is %g: too large",
			 line_of(text, strstr(text, "Prime numbers limit")), limit);
		return -1;
	}
	if (rc)
		json_object_set_new(result, "prime_limit", json_integer((json_int_t)limit));
	return set_common(text, result, err);
}

static int parse_memory(const char *text, json_t *result, struct sb_error *err)
{
	const char *ops = strstr(text, "Total operations:"), *mib = strstr(text, "MiB transferred");
	double total_ops, ops_s, total_mib, mib_s, total;
	int rc;

	if (read_version(text, result, err))
		return -1;
	if (sysbench_test_of(text) && strcmp(sysbench_test_of(text), "memory")) {
		sb_fail(err, SB_EXIT_USAGE, "a sysbench %s report, not a memory report", sysbench_test_of(text));
		return -1;
	}

	/* "Total operations: 42074441 (4207444.09 per second)" and
	 * "102400.00 MiB transferred (4108.83 MiB/sec)" */
	if (!ops || sscanf(ops, "Total operations: %lf (%lf per second)", &total_ops, &ops_s) != 2 ||
	    !mib) {
		sb_fail(err, SB_EXIT_USAGE, "not a sysbench memory report (no \"Total operations\" and \"MiB transferred\")");
		return -1;
	}
	while (mib > text && mib[-1] != '\n')
		mib--;
	if (sscanf(mib, "%lf MiB transferred (%lf MiB/sec)", &total_mib, &mib_s) != 2) {
		sb_fail(err, SB_EXIT_USAGE, "not a sysbench memory report (garbled \"MiB transferred\" line)");
		return -1;
	}
	{
		static const char *const names[] = { "Total operations", "operations per second",
						     "MiB transferred", "MiB/sec" };
		const double vals[] = { total_ops, ops_s, total_mib, mib_s };

		for (int i = 0; i < 4; i++)
			if (!figure_ok(vals[i]) || (i == 0 && !count_ok(vals[i]))) {
				sb_fail(err, SB_EXIT_USAGE, "line %d: \"%s\" is %g: not a finite, non-negative %s",
					 line_of(text, i < 2 ? ops : mib), names[i], vals[i],
					 i == 0 ? "count" : "number");
				return -1;
			}
	}
	json_object_set_new(result, "mib_per_sec", json_real(mib_s));
	json_object_set_new(result, "ops_per_sec", json_real(ops_s));
	json_object_set_new(result, "total_ops", json_integer((json_int_t)total_ops));
	json_object_set_new(result, "total_mib", json_real(total_mib));
	if ((rc = figure_after(text, text, "total time", &total, err)) < 0)
		return -1;
	if (rc)
		json_object_set_new(result, "total_time_s", json_real(total));
	return set_common(text, result, err);
}
