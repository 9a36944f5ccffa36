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

#include "../src/util.h"
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

/* "59.0k" -> 59000 */
static double scaled(const char *s, char **end)
{
	double v = strtod(s, end);

	if (**end == 'k') { v *= 1e3; (*end)++; }
	else if (**end == 'M') { v *= 1e6; (*end)++; }
	return v;
}

/* "  write: IOPS=59.0k, BW=234MiB/s (246MB/s)(2048MiB/8742msec)" */
static int direction_line(const char *line, int *dir, struct dir_sum *sums)
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
	if (!q)
		return -1;
	bw = strtod(q + 3, &end);
	bw *= unit_factor(end);
	q = strstr(end, ")(");
	if (!q)
		return -1;
	size = strtod(q + 2, &end);
	size *= unit_factor(end) * 1024;
	q = strchr(end, '/');
	if (!q)
		return -1;
	ms = strtod(q + 1, &end);
	if (strncmp(end, "msec", 4))
		return -1;
	sums[*dir].iops += iops;
	sums[*dir].bw_kib += bw;
	sums[*dir].bytes += size;
	if (ms > sums[*dir].runtime_ms)
		sums[*dir].runtime_ms = ms;
	sums[*dir].groups++;
	return 1;
}

/* "     | 50.00th=[ 1224], 95.00th=[ 2512]," inside a percentile block */
static void percentile_line(const char *line, double scale_to_us, double pct[4])
{
	static const char *const keys[] = { "50.00th=[", "95.00th=[", "99.00th=[", "99.90th=[" };

	for (int i = 0; i < 4; i++) {
		const char *p = strstr(line, keys[i]);

		if (p)
			pct[i] = strtod(p + strlen(keys[i]), NULL) * scale_to_us;
	}
}

int fio_parse_text(const char *text, json_t *result, char *why, size_t whylen)
{
	static const char *const names[] = { "read", "write" }, *const pkeys[] = { "p50", "p95", "p99", "p99_9" };
	struct dir_sum sums[2] = { { .pct = { -1, -1, -1, -1 } }, { .pct = { -1, -1, -1, -1 } } };
	char *copy = strdup(text), *cursor = copy, *line, version[32] = "";
	int dir = -1, jobs = 0, groups = 0, lineno = 0;
	double scale = 0;

	while (copy && (line = next_line(&cursor))) {
		const char *g;
		int rc;

		lineno++;
		if (!version[0] && starts_with(skip_ws(line), "fio-"))
			sscanf(skip_ws(line), "%31s", version);
		if ((g = strstr(line, "(groupid=")) && (g = strstr(g, "jobs="))) {
			jobs += atoi(g + 5);
			groups++;
			dir = -1;
			continue;
		}
		rc = direction_line(line, &dir, sums);
		if (rc < 0) {
			snprintf(why, whylen, "line %d: garbled fio result line", lineno);
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
		if (dir >= 0 && scale > 0 && strstr(line, "th=["))
			percentile_line(line, scale, sums[dir].pct);
	}
	free(copy);
	if (strncmp(version, "fio-3", 5)) {
		snprintf(why, whylen, version[0] ? "%s: only fio 3.x output is understood" :
			 "no fio version line (fio-3.x) and no JSON", version);
		return -1;
	}
	if (!sums[0].groups && !sums[1].groups) {
		snprintf(why, whylen, "no \"read: IOPS=\" or \"write: IOPS=\" result line");
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
