/*
 * fio_text.c - fio 3.x's normal (human) output, for `import` of runs that
 * were not made with --output-format=json, such as the published 2022
 * figures.  It reads, per job group, the direction lines
 *     write: IOPS=59.0k, BW=234MiB/s (246MB/s)(2048MiB/8742msec)
 * and the "clat percentiles (nsec):" block that follows each of them, and
 * gives the same shape as the JSON parser (fio_parse.h).  Text between the
 * lines (a page the output was copied from) is skipped.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "base/validate.h"
#include "fio_parse.h"

struct dir_sum {
	double iops, bw_kib, bytes, runtime_ms;
	double pct[4];     /* p50 p95 p99 p99.9 in us; < 0 when absent */
	int groups;
};

static double unit_factor(const char *u)
{
	/* to KiB (bandwidth) or bytes (sizes): callers pick */
	if (!strncmp(u, "GiB", 3)) return 1024.0 * 1024;
	if (!strncmp(u, "MiB", 3)) return 1024.0;
	if (!strncmp(u, "KiB", 3)) return 1.0;
	if (!strncmp(u, "B", 1)) return 1.0 / 1024;
	if (!strncmp(u, "GB", 2)) return 1e9 / 1024;
	if (!strncmp(u, "MB", 2)) return 1e6 / 1024;
	if (!strncmp(u, "kB", 2) || !strncmp(u, "KB", 2)) return 1e3 / 1024;
	return 0;
}

/* "59.0k" -> 59000; -1 for a suffix fio does not print (or no number) */
static double scaled(const char *s, char **end)
{
	double v = strtod(s, end);

	if (*end == s)
		return -1;
	if (**end == 'k') { v *= 1e3; (*end)++; }
	else if (**end == 'M') { v *= 1e6; (*end)++; }
	else if (**end == 'G') { v *= 1e9; (*end)++; }
	else if (**end != ',')
		return -1;
	return v;
}

/* A number followed by a size unit: KiB for bandwidth (per_kib 1) or bytes
 * (per_kib 1024); -1 for an unknown unit or no number. */
static double with_unit(const char *s, char **end, double per_kib)
{
	double v = strtod(s, end), f;

	if (*end == s || !(f = unit_factor(*end)))
		return -1;
	return v * f * per_kib;
}

/* "  write: IOPS=59.0k, BW=234MiB/s (246MB/s)(2048MiB/8742msec)" */
static int direction_line(const char *line, int *dir, struct dir_sum *sums, struct sb_error *err)
{
	const char *p = skip_ws(line), *q;
	char *end;
	double iops, bw, size, ms;

	if (starts_with(p, "read: IOPS="))
		*dir = 0;
	else if (starts_with(p, "write: IOPS="))
		*dir = 1;
	else
		return 0;
	p = strchr(p, '=') + 1;
	iops = scaled(p, &end);
	q = strstr(end, "BW=");
	bw = q ? with_unit(q + 3, &end, 1) : -1;
	q = q ? strstr(end, ")(") : NULL;
	size = q ? with_unit(q + 2, &end, 1024) : -1;
	q = q ? strchr(end, '/') : NULL;
	ms = q ? strtod(q + 1, &end) : -1;
	if (!q || strncmp(end, "msec", 4))
		ms = -1;
	if (!figure_ok(iops) || !figure_ok(bw) || !count_ok(size) || !count_ok(ms)) {
		sb_fail(err, SB_EXIT_USAGE, "garbled fio result line: %s",
			 !figure_ok(iops) ? "IOPS is not a number with k, M or G" :
			 !figure_ok(bw) ? "BW is not a number with a known unit" :
			 !count_ok(size) ? "the size is not a number with a known unit" :
			 "the run time is not a number of msec");
		return -1;
	}
	sums[*dir].iops += iops;
	sums[*dir].bw_kib += bw;
	sums[*dir].bytes += size;
	if (ms > sums[*dir].runtime_ms)
		sums[*dir].runtime_ms = ms;
	sums[*dir].groups++;
	return 1;
}

/* "     | 50.00th=[ 1224], 95.00th=[ 2512]," inside a percentile block;
 * -1 for a value that is not a figure */
static int percentile_line(const char *line, double scale_to_us, double pct[4])
{
	static const char *const keys[] = { "50.00th=[", "95.00th=[", "99.00th=[", "99.90th=[" };

	for (int i = 0; i < 4; i++) {
		const char *p = strstr(line, keys[i]);
		char *end;

		if (!p)
			continue;
		pct[i] = strtod(p + strlen(keys[i]), &end) * scale_to_us;
		if (end == p + strlen(keys[i]) || !figure_ok(pct[i]))
			return -1;
	}
	return 0;
}

int fio_parse_text(const char *text, json_t *result, struct sb_error *err)
{
	static const char *const names[] = { "read", "write" }, *const pkeys[] = { "p50", "p95", "p99", "p99_9" };
	struct dir_sum sums[2] = { { .pct = { -1, -1, -1, -1 } }, { .pct = { -1, -1, -1, -1 } } };
	char *copy = strdup(text), *cursor = copy, *line, version[32] = "";
	struct sb_error reason;
	int dir = -1, jobs = 0, groups = 0, lineno = 0, summary = 0;
	double scale = 0;

	while (copy && (line = next_line(&cursor))) {
		const char *g;
		int rc;

		lineno++;
		if (!version[0] && starts_with(skip_ws(line), "fio-"))
			sscanf(skip_ws(line), "%31s", version);
		if (starts_with(skip_ws(line), "Run status group"))
			summary = 1;
		if ((g = strstr(line, "(groupid=")) && (g = strstr(g, "jobs="))) {
			long n = strtol(g + 5, NULL, 10);

			if (n < 1 || n > 1000000) {
				sb_fail(err, SB_EXIT_USAGE, "line %d: jobs=%ld is not a job count", lineno, n);
				free(copy);
				return -1;
			}
			jobs += (int)n;
			summary = 0;
			groups++;
			dir = -1;
			continue;
		}
		rc = direction_line(line, &dir, sums, &reason);
		if (rc > 0)
			summary = 0;
		if (rc < 0 || (dir >= 0 && scale > 0 && strstr(line, "th=[") &&
			       percentile_line(line, scale, sums[dir].pct))) {
			sb_fail(err, SB_EXIT_USAGE, "line %d: %s", lineno,
				 rc < 0 ? reason.msg : "a percentile that is not a finite, non-negative number");
			free(copy);
			return -1;
		}
		if (rc > 0) {
			scale = 0;
			continue;
		}
		if (dir >= 0 && strstr(line, "clat percentiles (")) {
			g = strstr(line, "clat percentiles (") + 18;
			scale = starts_with(g, "nsec") ? 0.001 : starts_with(g, "usec") ? 1 :
				starts_with(g, "msec") ? 1000 : 0;
			continue;
		}
	}
	free(copy);
	if (strncmp(version, "fio-3", 5)) {
		sb_fail(err, SB_EXIT_USAGE, version[0] ? "%s: only fio 3.x output is understood" :
			 "no fio version line (fio-3.x) and no JSON", version);
		return -1;
	}
	if (!sums[0].groups && !sums[1].groups) {
		sb_fail(err, SB_EXIT_USAGE, "no \"read: IOPS=\" or \"write: IOPS=\" result line");
		return -1;
	}
	/* fio ends every report with its group summary: without one after the
	 * results, the report was cut off and its figures may be partial */
	if (!summary) {
		sb_fail(err, SB_EXIT_USAGE, "truncated fio report: no \"Run status group\" summary after the "
			 "last result line");
		return -1;
	}
	json_object_set_new(result, "fio_version", json_string(version));
	json_object_set_new(result, "jobs", json_integer(jobs));
	json_object_set_new(result, "source_format", json_string("text"));
	for (int d = 0; d < 2; d++) {
		json_t *out, *lat;

		if (!sums[d].groups)
			continue;
		out = json_pack("{s:f, s:f, s:I, s:I}", "iops", sums[d].iops, "bw_mib_s", sums[d].bw_kib / 1024,
				"io_bytes", (json_int_t)sums[d].bytes, "runtime_ms", (json_int_t)sums[d].runtime_ms);
		if (groups > 1 || sums[d].pct[0] < 0) {
			lat = json_null();
			if (groups > 1)
				json_object_set_new(out, "lat_note", json_string(
					"percentiles of separate jobs cannot be combined; run fio with --group_reporting"));
		} else {
			lat = json_object();
			for (int i = 0; i < 4; i++)
				json_object_set_new(lat, pkeys[i], sums[d].pct[i] >= 0 ? json_real(sums[d].pct[i]) : json_null());
		}
		json_object_set_new(out, "lat_us", lat);
		json_object_set_new(result, names[d], out);
	}
	return 0;
}
