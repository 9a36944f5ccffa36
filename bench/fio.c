/* fio.c - building fio command lines per profile; see fio.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/jsonutil.h"
#include "base/docpath.h"
#include "base/strbuf.h"
#include "fio.h"

static uint64_t parse_size(const char *s)
{
	char *end;
	uint64_t v = strtoull(s, &end, 10);

	switch (*end) {
	case 'G': return v << 30;
	case 'M': return v << 20;
	case 'k': case 'K': return v << 10;
	default: return v;
	}
}

/* The warm-up and the smaller profiles run for a fixed time; the documented
 * jobs, and a quick_once job's quick run, end when their bytes are done. */
static bool time_based(const struct fio_job *job, enum bench_profile p, bool warmup)
{
	if (warmup)
		return true;
	if (p == PROFILE_DOCUMENTED)
		return false;
	return !(p == PROFILE_QUICK && job->quick_once);
}

int fio_command(const struct bench_ops *self, const struct bench_ctx *ctx, bool warmup,
		struct argv_buf *out)
{
	const struct fio_job *job = self->data;
	enum bench_profile p = ctx->profile;
	int runtime = warmup ? 1 : job->runtime[p], rc = 0;
	bool have_runtime = false, timed = time_based(job, p, warmup);

	out->argc = 0;
	out->used = 0;
	rc |= argv_add(out, "fio");
	for (const char *const *o = job->published; *o; o++) {
		if (!strncmp(*o, "--size=", 7) && p != PROFILE_DOCUMENTED)
			rc |= argv_add(out, "--size=%s", job->size[p]);
		else if (!strncmp(*o, "--runtime=", 10) && (p != PROFILE_DOCUMENTED || warmup)) {
			rc |= argv_add(out, "--runtime=%d", runtime);
			have_runtime = true;
		} else
			rc |= argv_add(out, "%s", *o);
	}
	if (p != PROFILE_DOCUMENTED || warmup) {
		if (!have_runtime)
			rc |= argv_add(out, "--runtime=%d", runtime);
		if (timed)
			rc |= argv_add(out, "--time_based");
		if (timed && !warmup && job->ramp[p])  /* the warm-up is all ramp */
			rc |= argv_add(out, "--ramp_time=%d", job->ramp[p]);
	}
	rc |= argv_add(out, "--output-format=json");
	rc |= argv_add(out, "--directory=%s", ctx->datadir);
	return rc ? -1 : 0;
}

uint64_t fio_space(const struct bench_ops *self, enum bench_profile p)
{
	const struct fio_job *job = self->data;
	const char *size = job->size[p];

	if (p == PROFILE_DOCUMENTED)
		for (const char *const *o = job->published; *o; o++)
			if (!strncmp(*o, "--size=", 7))
				size = *o + 7;
	return parse_size(size) * (uint64_t)job->numjobs;
}

double fio_max_seconds(const struct bench_ops *self, enum bench_profile p)
{
	const struct fio_job *job = self->data;
	/* layout of the files comes on top of the runtime; the documented randrw
	 * has no runtime at all and ends when 4 GiB are done */
	if (p == PROFILE_DOCUMENTED)
		return 1800;
	return job->runtime[p] + job->ramp[p] + 120;
}

double fio_expected_seconds(const struct bench_ops *self, enum bench_profile p)
{
	const struct fio_job *job = self->data;

	/* a job that ends when its bytes are done has no estimate */
	return time_based(job, p, false) ? job->runtime[p] + job->ramp[p] : 0;
}

/* The value of a published option ("--runtime=240" -> 240), or 0. */
static double published_number(const struct fio_job *job, const char *option)
{
	size_t n = strlen(option);

	for (const char *const *o = job->published; *o; o++)
		if (!strncmp(*o, option, n) && (*o)[n] == '=')
			return strtod(*o + n + 1, NULL);
	return 0;
}

/*
 * fio's status report (asked for with SIGUSR1; fio writes it to stdout as a
 * JSON object like its final one) says per job the seconds elapsed and the
 * bytes moved, but its "eta" is unset.  fio restarts "elapsed" when the I/O
 * begins after laying out the files, and the I/O statistics after the ramp,
 * so: nothing moved and no runtime yet is the layout; a time-based run is
 * elapsed / (ramp + runtime); a size-based one is bytes / the job's bytes,
 * or elapsed / its runtime limit when that comes first.
 */
int fio_status(const struct bench_ops *self, enum bench_profile p, bool warmup,
	       const char *out, size_t len, struct tool_progress *tp)
{
	static const char *const dirs[] = { "read", "write" };
	const struct fio_job *job = self->data;
	json_t *report = fio_last_report(out, len), *j;
	double elapsed = 0, bytes = 0, runtime_ms = 0, done, limit;
	size_t i;

	if (!report)
		return -1;
	json_array_foreach(json_object_get(report, "jobs"), i, j) {
		double e = rd_num_or(j, "elapsed", 0);

		if (e > elapsed)
			elapsed = e;
		for (int d = 0; d < 2; d++) {
			const json_t *dir = json_object_get(j, dirs[d]);
			double r = rd_num_or(dir, "runtime", 0);

			bytes += rd_num_or(dir, "io_bytes", 0);
			if (r > runtime_ms)
				runtime_ms = r;
		}
	}
	json_decref(report);
	tp->preparing = bytes <= 0 && runtime_ms <= 0;
	if (tp->preparing) {
		done = 0;
	} else if (time_based(job, p, warmup)) {
		limit = warmup ? 1 : job->runtime[p] + job->ramp[p];
		done = elapsed / limit;
	} else {
		done = bytes / (double)fio_space(self, p);
		limit = p == PROFILE_DOCUMENTED ? published_number(job, "--runtime") : job->runtime[p];
		if (limit > 0 && elapsed / limit > done)
			done = elapsed / limit;
	}
	tp->done = done < 0 ? 0 : done > 1 ? 1 : done;
	return 0;
}

void fio_summary(const json_t *result, char *buf, size_t size)
{
	static const char *const dirs[] = { "read", "write" };
	struct strbuf sb;

	strbuf_fixed(&sb, buf, size);
	for (int d = 0; d < 2; d++) {
		const json_t *dir = json_object_get(result, dirs[d]);
		const json_t *p99 = rd_get(dir, "lat_us.p99");
		char iops[32], bw[32];

		if (!dir)
			continue;
		strbuf_addf_whole(&sb, "%s%s %s IOPS, %s MiB/s", sb.len ? "; " : "", dirs[d],
				  jfig(iops, sizeof(iops), "%.0f", json_object_get(dir, "iops")),
				  jfig(bw, sizeof(bw), "%.1f", json_object_get(dir, "bw_mib_s")));
		if (json_is_number(p99))
			strbuf_addf_whole(&sb, ", p99 %.0f us", json_number_value(p99));
	}
}
