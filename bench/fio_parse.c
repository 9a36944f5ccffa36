/* fio_parse.c - see fio_parse.h. */
#include <stdio.h>
#include <string.h>

#include "base/validate.h"
#include "base/docpath.h"
#include "fio_parse.h"

static const struct { const char *fio_key, *our_key; } percentiles[] = {
	{ "50.000000", "p50" }, { "95.000000", "p95" }, { "99.000000", "p99" }, { "99.900000", "p99_9" },
};

/* The next line at or after p that begins with '{', or NULL. */
static const char *next_object(const char *p, const char *end)
{
	while (p < end && *p != '{') {
		const char *nl = memchr(p, '\n', (size_t)(end - p));

		if (!nl)
			return NULL;
		p = nl + 1;
	}
	return p < end ? p : NULL;
}

/* fio's report is the last JSON object of its output: fio may print
 * warnings before it and other text after, and every status report it was
 * asked for while running (SIGUSR1, --status-interval) is a complete JSON
 * object of its own before the final one.  A malformed object anywhere is
 * an error: falling back to an earlier status report would record a partial
 * run as if it were the result. */
static json_t *load_fio_json(const char *text, size_t len, struct sb_error *err, int *no_json)
{
	const char *end = text + len, *p = next_object(text, end);
	json_t *root = NULL;

	if (!p) {
		*no_json = 1;
		return NULL;
	}
	for (; p; p = next_object(p, end)) {
		json_error_t e;
		json_t *doc = json_loadb(p, (size_t)(end - p), JSON_DISABLE_EOF_CHECK, &e);

		if (!doc) {
			int skipped = 0;  /* lines before the JSON, so the line number is the file's */

			for (const char *q = text; q < p; q++)
				skipped += *q == '\n';
			sb_fail(err, SB_EXIT_USAGE, "malformed JSON at line %d, column %d: %s",
				 e.line + skipped, e.column, e.text);
			json_decref(root);
			return NULL;
		}
		json_decref(root);
		root = doc;
		p += e.position;
	}
	return root;
}

json_t *fio_last_report(const char *text, size_t len)
{
	const char *end = text + len, *last = NULL, *prev = NULL;

	/* the newest object may still be being written: then the one before */
	for (const char *p = next_object(text, end); p; p = next_object(p + 1, end)) {
		prev = last;
		last = p;
	}
	for (const char *p = last; p; p = p == last ? prev : NULL) {
		json_t *doc = json_loadb(p, (size_t)(end - p), JSON_DISABLE_EOF_CHECK, NULL);

		if (json_is_array(json_object_get(doc, "jobs")))
			return doc;
		json_decref(doc);
	}
	return NULL;
}

/* A figure of fio's JSON at jobs[job].dir.key: absent is 0 (fio leaves
 * out what it did not measure), anything but a finite non-negative number
 * is an error naming the field.  JSON has no NaN or infinity, and jansson
 * refuses a number that overflows a double, so type and sign remain. */
static int figure(const json_t *obj, const char *key, const char *where, double *v,
		  struct sb_error *err)
{
	const json_t *j = json_object_get(obj, key);

	*v = 0;
	if (!j)
		return 0;
	if (!json_is_number(j)) {
		sb_fail(err, SB_EXIT_USAGE, "%s.%s: a number was expected, not %s", where, key,
			 json_is_string(j) ? "a string" : json_is_null(j) ? "null" :
			 json_is_boolean(j) ? "a boolean" : json_is_array(j) ? "an array" : "an object");
		return -1;
	}
	*v = json_number_value(j);
	if (!figure_ok(*v)) {
		sb_fail(err, SB_EXIT_USAGE, "%s.%s is %g: a figure cannot be negative", where, key, *v);
		return -1;
	}
	return 0;
}

/* Percentiles in microseconds, or null when fio measured no latency. */
static int latency(const json_t *dir, const char *where, json_t **out, struct sb_error *err)
{
	const json_t *clat = json_object_get(dir, "clat_ns");
	const json_t *pct = json_object_get(clat, "percentile"), *n = json_object_get(clat, "N");
	char at[96];

	*out = NULL;
	/* fio before 3.7 or so has no sample count "N" and prints zeroed
	 * percentiles when it measured nothing; later versions say N: 0 */
	if (!json_is_object(pct) || (n ? json_number_value(n) <= 0 : rd_num_or(clat, "max", 0) <= 0)) {
		*out = json_null();
		return 0;
	}
	snprintf(at, sizeof(at), "%s.clat_ns.percentile", where);
	*out = json_object();
	for (size_t i = 0; i < sizeof(percentiles) / sizeof(percentiles[0]); i++) {
		double v;
		int present = json_object_get(pct, percentiles[i].fio_key) != NULL;

		if (figure(pct, percentiles[i].fio_key, at, &v, err)) {
			json_decref(*out);
			*out = NULL;
			return -1;
		}
		json_object_set_new(*out, percentiles[i].our_key, present ? json_real(v / 1000.0) : json_null());
	}
	return 0;
}

int fio_parse(const char *text, size_t len, json_t *result, struct sb_error *err)
{
	static const char *const dirs[] = { "read", "write" };
	json_t *root, *jobs, *job;
	const char *version;
	size_t i, njobs;
	int no_json = 0;

	root = load_fio_json(text, len, err, &no_json);
	if (no_json)
		return fio_parse_text(text, result, err);
	if (!root)
		return -1;
	version = rd_str(root, "fio version");
	jobs = json_object_get(root, "jobs");
	if (!version || !json_is_array(jobs)) {
		sb_fail(err, SB_EXIT_USAGE, "not fio JSON output (no \"fio version\" and \"jobs\")");
		json_decref(root);
		return -1;
	}
	if (strncmp(version, "fio-3", 5)) {
		sb_fail(err, SB_EXIT_USAGE, "%s: only fio 3.x JSON is understood (fio 2.x reports other units)", version);
		json_decref(root);
		return -1;
	}
	njobs = json_array_size(jobs);
	if (njobs == 0) {
		sb_fail(err, SB_EXIT_USAGE, "fio JSON without jobs");
		json_decref(root);
		return -1;
	}
	json_array_foreach(jobs, i, job) {
		if (rd_int_or(job, "error", 0)) {
			sb_fail(err, SB_EXIT_USAGE, "fio job \"%s\" failed with error %lld",
				 rd_str(job, "jobname"),
				 rd_int_or(job, "error", 0));
			json_decref(root);
			return -1;
		}
	}
	json_object_set_new(result, "fio_version", json_string(version));
	json_object_set_new(result, "jobs", json_integer((json_int_t)njobs));
	for (size_t d = 0; d < 2; d++) {
		double iops = 0, kib = 0, bytes = 0, runtime = 0;
		json_t *out, *lat;

		json_array_foreach(jobs, i, job) {
			const json_t *dir = json_object_get(job, dirs[d]);
			double v[4];
			char where[64];

			snprintf(where, sizeof(where), "jobs[%zu].%s", i, dirs[d]);
			if (figure(dir, "iops", where, &v[0], err) ||
			    figure(dir, "bw", where, &v[1], err) ||
			    figure(dir, "io_bytes", where, &v[2], err) ||
			    figure(dir, "runtime", where, &v[3], err))
				goto bad;
			iops += v[0];
			kib += v[1];
			bytes += v[2];
			if (v[3] > runtime)
				runtime = v[3];
		}
		if (bytes <= 0)
			continue;  /* this direction was not exercised */
		if (!count_ok(bytes) || !count_ok(runtime)) {
			sb_fail(err, SB_EXIT_USAGE, "%s: io_bytes %g or runtime %g is too large for a count",
				 dirs[d], bytes, runtime);
			goto bad;
		}
		out = json_pack("{s:f, s:f, s:I, s:I}", "iops", iops, "bw_mib_s", kib / 1024.0,
				"io_bytes", (json_int_t)bytes, "runtime_ms", (json_int_t)runtime);
		if (njobs == 1) {
			char where[64];

			snprintf(where, sizeof(where), "jobs[0].%s", dirs[d]);
			if (latency(json_object_get(json_array_get(jobs, 0), dirs[d]), where, &lat, err)) {
				json_decref(out);
				goto bad;
			}
			json_object_set_new(out, "lat_us", lat);
		} else {
			json_object_set_new(out, "lat_us", json_null());
			json_object_set_new(out, "lat_note", json_string(
				"percentiles of separate jobs cannot be combined; run fio with --group_reporting"));
		}
		json_object_set_new(result, dirs[d], out);
	}
	json_decref(root);
	if (!json_object_get(result, "read") && !json_object_get(result, "write")) {
		sb_fail(err, SB_EXIT_USAGE, "fio JSON in which no job read or wrote anything");
		return -1;
	}
	return 0;
bad:
	json_decref(root);
	return -1;
}
