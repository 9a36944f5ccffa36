/*
 * runner.c - see runner.h.  The runner is the only place that runs
 * benchmarks, so every figure in a run document was measured the same way.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>

#include "base/exec.h"
#include "base/jsonutil.h"
#include "base/text.h"
#include "base/clock.h"
#include "base/rmtree.h"
#include "base/docpath.h"
#include "base/strbuf.h"
#include "model/registry.h"
#include "measure.h"
#include "runner.h"
#include "repeat_stats.h"

/* Most of a tool's I/O must reach the device, else the page cache was measured. */
#define CACHED_FRACTION 0.5
#define CACHED_MIN_BYTES (1u << 20)


/* The progress line of the benchmark running now. */
struct progress {
	const struct bench_ops *b;
	enum bench_profile profile;
	bool warmup, on;
	int index, total;
	double max_s, expected_s;
	double first_t, first_done;  /* the first report with I/O done: the rate since */
};

void iso_now(char *buf, size_t size)
{
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* What runs and for how long; for a tool that reports on itself (fio) how
 * far it says it got and what that leaves, and then ask it for its next
 * report, so each line reads the report asked for a second earlier. */
static void show_progress(void *arg, double elapsed, pid_t pid, const char *out, size_t len)
{
	struct progress *p = arg;
	const struct bench_ops *b = p->b;
	struct tool_progress tp;
	char line[160], left[48] = "";
	struct strbuf sb;

	if (!p->on)
		return;
	strbuf_fixed(&sb, line, sizeof(line));
	strbuf_addf(&sb, "  [%d/%d] %-16s %4.0f s", p->index, p->total, b->id, elapsed);
	if (b->status && b->status(b, p->profile, p->warmup, out, len, &tp) == 0) {
		if (tp.preparing) {
			strbuf_addf(&sb, ", %s lays out its data files%s", bench_tool(b), p->warmup ? " (warm-up)" : "");
		} else {
			if (p->first_t < 0 && tp.done > 0) {
				p->first_t = elapsed;
				p->first_done = tp.done;
			} else if (p->first_t >= 0 && tp.done > p->first_done) {
				snprintf(left, sizeof(left), ", about %.0f s left", (elapsed - p->first_t) *
					 (1 - tp.done) / (tp.done - p->first_done));
			}
			strbuf_addf(&sb, ", %s: %.0f %% done%s%s", bench_tool(b), 100 * tp.done, left,
				    p->warmup ? " (warm-up)" : "");
		}
	} else if (p->warmup) {
		strbuf_addstr(&sb, " (warm-up)");
	} else if (p->expected_s > 0) {
		strbuf_addf(&sb, " of about %.0f s", p->expected_s);
	} else {
		strbuf_addf(&sb, " (stops by %.0f s)", p->max_s);
	}
	fprintf(stderr, "\r%-79s", line);
	if (b->status_signal && pid > 0 && exec_catches(pid, b->status_signal))
		kill(pid, b->status_signal);
}

json_t *tool_version(const char *tool, int sigfd)
{
	char *argv[] = { (char *)tool, "--version", NULL };
	struct exec_opts o = { NULL, sigfd, 10, NULL, NULL };
	struct child_result r;
	json_t *v = json_null();

	if (exec_run(argv, &o, &r) == 0) {
		char *nl = strchr(r.out, '\n');

		if (nl)
			*nl = '\0';
		if (*trim(r.out))
			v = json_string(trim(r.out));
		child_result_free(&r);
	}
	return v;
}

/* The last non-empty line of a tool's stderr, to say why it failed. */
static const char *last_line(char *text)
{
	char *end = text + strlen(text), *line;

	while (end > text && (end[-1] == '\n' || end[-1] == ' '))
		*--end = '\0';
	line = strrchr(text, '\n');
	return line ? line + 1 : text;
}

static json_t *argv_json(const struct argv_buf *a)
{
	json_t *arr = json_array();

	for (int i = 0; i < a->argc; i++)
		json_array_append_new(arr, json_string(a->argv[i]));
	return arr;
}

static void warn(json_t *sample, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void warn(json_t *sample, const char *fmt, ...)
{
	json_t *w = json_object_get(sample, "warnings");
	char buf[512];
	va_list ap;

	if (!w) {
		w = json_array();
		json_object_set_new(sample, "warnings", w);
	}
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	json_array_append_new(w, json_string(buf));
}

/* Compare what the tool says it moved with what reached the device. */
static void judge_cache(json_t *sample, const char *device, const struct disk_io *a,
			const struct disk_io *b)
{
	static const char *const dirs[] = { "read", "write" };
	bool cached = false, any = false;

	for (int d = 0; d < 2; d++) {
		const json_t *dir = json_object_get(sample, dirs[d]);
		double tool_bytes = rd_num_or(dir, "io_bytes", 0), dev_bytes;

		if (!dir)
			continue;
		any = true;
		if (!a->ok || !b->ok)
			continue;
		dev_bytes = (double)(d ? b->write_bytes - a->write_bytes : b->read_bytes - a->read_bytes);
		if (tool_bytes >= CACHED_MIN_BYTES && dev_bytes < tool_bytes * CACHED_FRACTION) {
			cached = true;
			warn(sample, "cached: fio %s %.0f MiB but only %.0f MiB %s %s: the page cache was measured, not the disk",
			     d ? "wrote" : "read", tool_bytes / 1048576, dev_bytes / 1048576,
			     d ? "reached" : "came from", device);
		}
	}
	if (!any)
		return;
	if (!a->ok || !b->ok) {
		json_object_set_new(sample, "cached", json_null());
		warn(sample, "no block device statistics for the data directory: cannot tell whether the disk or the page cache was measured");
		return;
	}
	json_object_set_new(sample, "cached", json_boolean(cached));
	json_object_set_new(sample, "device", json_pack("{s:s, s:I, s:I}", "name", device,
		"read_bytes", (json_int_t)(b->read_bytes - a->read_bytes),
		"write_bytes", (json_int_t)(b->write_bytes - a->write_bytes)));
}

static int run_tool(const struct bench_ops *b, const struct bench_ctx *ctx, bool warmup,
		    json_t *sample, struct progress *pr, struct sb_error *err)
{
	struct argv_buf av;
	struct exec_opts eo = { ctx->datadir, ctx->sigfd, b->max_seconds(b, ctx->profile),
				show_progress, pr };
	struct child_result r;
	char how[128], path[PATH_MAX];
	json_t *skipped;
	int rc;

	if (b->command(b, ctx, warmup, &av) || bench_tool_path(b, path, sizeof(path))) {
		sb_fail(err, SB_EXIT_SYSTEM, "command line too long, or %s not found", bench_tool(b));
		return BENCH_FAILED;
	}
	json_object_set_new(sample, "command", argv_json(&av));
	av.argv[0] = path;
	pr->warmup = warmup;
	pr->first_t = -1;
	if (exec_run(av.argv, &eo, &r)) {
		sb_fail(err, SB_EXIT_SYSTEM, "cannot run %s: %s", bench_tool(b), strerror(r.spawn_errno ? r.spawn_errno : 2));
		return BENCH_FAILED;
	}
	if (r.interrupted) {
		child_result_free(&r);
		return BENCH_STOPPED;
	}
	exec_describe(&r, how, sizeof(how));
	if (r.timed_out || !WIFEXITED(r.status) || WEXITSTATUS(r.status)) {
		sb_fail(err, SB_EXIT_SYSTEM, "%s %s: %s", bench_tool(b), how, last_line(r.err));
		child_result_free(&r);
		return BENCH_FAILED;
	}
	rc = b->parse(r.out, r.out_len, sample, err);
	if (rc)
		sb_fail(err, SB_EXIT_SYSTEM, "%s printed no report specbench understands: %.900s", bench_tool(b), err->msg);
	child_result_free(&r);
	if (rc)
		return BENCH_FAILED;
	/* a helper that had nothing to measure says why */
	skipped = json_object_get(sample, "skipped");
	if (json_is_string(skipped)) {
		sb_fail(err, SB_EXIT_SYSTEM, "%s", json_string_value(skipped));
		json_object_del(sample, "skipped");
		return BENCH_SKIPPED;
	}
	return BENCH_OK;
}

/* One run of a benchmark with the measurements around it. */
static int run_once(const struct bench_ops *b, const struct bench_ctx *ctx, const char *device,
		    bool warmup, json_t *sample, struct progress *pr, struct sb_error *err)
{
	struct cpu_times ca, cb;
	struct disk_io da, db;
	struct rusage ua, ub;
	char start[32], end[32];
	double t0, steal;
	int rc;

	getrusage(RUSAGE_SELF, &ua);
	iso_now(start, sizeof(start));
	measure_cpu(&ca);
	measure_disk(device, &da);
	t0 = mono_now();
	rc = run_tool(b, ctx, warmup, sample, pr, err);
	measure_disk(device, &db);
	measure_cpu(&cb);
	iso_now(end, sizeof(end));
	getrusage(RUSAGE_SELF, &ub);
	steal = measure_steal_pct(&ca, &cb);
	/* specbench's own CPU time while the benchmark ran: it must stay
	 * negligible, or specbench would be measuring itself */
	json_object_set_new(sample, "self_cpu_s", json_real(
		(double)(ub.ru_utime.tv_sec - ua.ru_utime.tv_sec) + (double)(ub.ru_utime.tv_usec - ua.ru_utime.tv_usec) / 1e6 +
		(double)(ub.ru_stime.tv_sec - ua.ru_stime.tv_sec) + (double)(ub.ru_stime.tv_usec - ua.ru_stime.tv_usec) / 1e6));
	json_object_set_new(sample, "started_at", json_string(start));
	json_object_set_new(sample, "ended_at", json_string(end));
	json_object_set_new(sample, "duration_s", json_real(mono_now() - t0));
	json_object_set_new(sample, "steal_pct", steal >= 0 ? json_real(steal) : json_null());
	if (rc == BENCH_OK && b->space)
		judge_cache(sample, device, &da, &db);
	return rc;
}

/* The value at a dotted path, with the object holding it and its key. */
static json_t *get_path(json_t *obj, const char *path, json_t **parent, char *last, size_t size)
{
	const char *dot = strrchr(path, '.');
	char head[128];
	json_t *holder = obj;

	if (dot) {
		snprintf(head, sizeof(head), "%.*s", (int)(dot - path), path);
		holder = rd_get_mut(obj, head);
	}
	snprintf(last, size, "%s", dot ? dot + 1 : path);
	if (parent)
		*parent = holder;
	return json_object_get(holder, last);
}

/* Median over the samples for every metric, with the spread in "stats". */
static json_t *aggregate(const struct bench_ops *b, json_t *samples)
{
	size_t n = json_array_size(samples), i;
	json_t *result = json_deep_copy(json_array_get(samples, n - 1)), *s, *stats = json_object();
	double steal_max = -1;
	bool cached = false, unstable = false;

	json_array_foreach(samples, i, s) {
		json_t *st = json_object_get(s, "steal_pct");

		if (json_is_number(st) && json_number_value(st) > steal_max)
			steal_max = json_number_value(st);
		cached = cached || rd_true(s, "cached");
	}
	if (steal_max >= 0)
		json_object_set_new(result, "steal_pct", json_real(steal_max));
	if (json_object_get(result, "cached"))
		json_object_set_new(result, "cached", json_boolean(cached));
	json_object_set_new(result, "runs", json_integer((json_int_t)n));
	/* the figures --repeat summarises: the registry's (model/registry.h) */
	for (const struct figure_def *f = registry_benchmark(b->id) ? registry_benchmark(b->id)->figures : NULL;
	     f && f->path; f++) {
		const char *const *m = &f->path;

		if (!(f->flags & FIG_REPEAT))
			continue;
		double *v = calloc(n, sizeof(*v));
		json_t *samples_json = json_array(), *parent = NULL;
		struct stats st;
		char last[64];
		size_t got = 0;

		json_array_foreach(samples, i, s) {
			json_t *x = get_path(s, *m, NULL, last, sizeof(last));

			if (json_is_number(x)) {
				v[got++] = json_number_value(x);
				json_array_append_new(samples_json, json_real(json_number_value(x)));
			}
		}
		if (got == n && n > 1 && get_path(result, *m, &parent, last, sizeof(last))) {
			stats_compute(v, n, &st);
			json_object_set_new(parent, last, json_real(st.median));
			json_object_set_new(stats, *m, json_pack("{s:f, s:f, s:f, s:o, s:f, s:b}",
				"median", st.median, "min", st.min, "max", st.max, "samples", samples_json,
				"cv_pct", st.cv_pct, "unstable", st.unstable));
			unstable = unstable || st.unstable;
			if (st.unstable)
				warn(result, "unstable: %s varies by %.1f %% (coefficient of variation over %zu runs, limit %.0f %%)",
				     *m, st.cv_pct, n, STATS_UNSTABLE_CV_PCT);
		} else {
			json_decref(samples_json);
		}
		free(v);
	}
	if (json_object_size(stats)) {
		json_object_set_new(result, "stats", stats);
		json_object_set_new(result, "unstable", json_boolean(unstable));
	} else {
		json_decref(stats);
	}
	return result;
}

static void finish(json_t *slot, json_t *result, const char *status, const char *error,
		   json_t *version, const char *profile)
{
	json_object_clear(slot);
	if (result)
		json_object_update(slot, result);
	json_object_set_new(slot, "status", json_string(status));
	json_object_set_new(slot, "error", error ? json_string(error) : json_null());
	if (!json_is_null(version) || !json_object_get(slot, "tool_version"))
		json_object_set(slot, "tool_version", version);
	json_object_set_new(slot, "profile", json_string(profile));
	if (!json_object_get(slot, "steal_pct"))
		json_object_set_new(slot, "steal_pct", json_null());
	if (!json_object_get(slot, "command"))
		json_object_set_new(slot, "command", json_null());
}

/* Run one benchmark: warm-up, the measured runs, the summary.  Returns
 * BENCH_OK, BENCH_SKIPPED, BENCH_FAILED or BENCH_STOPPED. */
static int run_benchmark(const struct bench_ops *b, const struct bench_ctx *ctx,
			 const struct bench_run_opts *o, json_t *slot, json_t *version,
			 struct progress *pr)
{
	json_t *samples = json_array(), *scratch, *result = NULL;
	struct sb_error why = { 0, 0, "", NULL };
	int rc = BENCH_OK;

	if (o->warmup && strncmp(bench_tool(b), "specbench-", 10)) {
		scratch = json_object();
		rc = run_once(b, ctx, o->device, true, scratch, pr, &why);
		json_decref(scratch);
		if (rc == BENCH_FAILED)  /* the warm-up failing is the benchmark failing: say so */
			sb_fail(&why, SB_EXIT_SYSTEM, "warm-up: %.1000s", why.msg);
	}
	for (int r = 0; rc == BENCH_OK && r < o->repeat; r++) {
		json_t *sample = json_object();

		if (b->fresh_files && ctx->datadir)
			rm_tree(ctx->datadir, true);
		rc = run_once(b, ctx, o->device, false, sample, pr, &why);
		if (rc == BENCH_OK)
			json_array_append_new(samples, sample);
		else if (rc == BENCH_SKIPPED || rc == BENCH_FAILED)
			result = sample;  /* keep what is known: the command, the times */
		else
			json_decref(sample);
	}
	if (rc == BENCH_OK) {
		result = aggregate(b, samples);
		finish(slot, result, "ok", NULL, version, bench_profile_name(ctx->profile));
	} else if (rc == BENCH_SKIPPED) {
		finish(slot, result, "skipped", why.msg, version, bench_profile_name(ctx->profile));
	} else {
		finish(slot, result, "failed", rc == BENCH_STOPPED ? "interrupted" : why.msg, version,
		       bench_profile_name(ctx->profile));
	}
	json_decref(result);
	json_decref(samples);
	return rc;
}

int bench_run(const struct bench_ctx *ctx, const struct bench_run_opts *o, json_t *doc)
{
	struct { const char *tool; json_t *version; } versions[4];
	size_t nversions = 0;
	int total = 0, index = 0, outcome = BENCH_ALL_OK;
	char stamp[32];
	json_t *bench;

	for (size_t i = 0; bench_at(i); i++)
		total += bench_selected(o->only, bench_at(i)->id);
	bench = json_object_get(doc, "bench");
	iso_now(stamp, sizeof(stamp));
	json_object_set_new(bench, "started_at", json_string(stamp));
	for (size_t bi = 0; bench_at(bi); bi++) {
		const struct bench_ops *b = bench_at(bi);
		struct progress pr = { b, ctx->profile, false, ctx->progress, ++index, total, 0, 0, -1, 0 };
		json_t *version = json_null();
		double t0 = mono_now();
		int rc;

		if (!bench_selected(o->only, b->id)) {
			index--;
			continue;
		}
		{
			char path[PATH_MAX];
			size_t i;

			for (i = 0; i < nversions && strcmp(versions[i].tool, bench_tool(b)); i++)
				;
			if (i == nversions && nversions < 4 && bench_tool_path(b, path, sizeof(path)) == 0) {
				versions[nversions].tool = bench_tool(b);
				versions[nversions++].version = tool_version(path, ctx->sigfd);
			}
			if (i < nversions)
				version = versions[i].version;
		}
		pr.max_s = b->max_seconds(b, ctx->profile);
		pr.expected_s = b->expected_seconds ? b->expected_seconds(b, ctx->profile) : 0;
		show_progress(&pr, 0, 0, "", 0);
		rc = run_benchmark(b, ctx, o, bench_slot(doc, b->id), version, &pr);
		/* each benchmark's files go before the next one starts */
		if (ctx->datadir)
			rm_tree(ctx->datadir, true);
		if (ctx->progress)
			fprintf(stderr, "\r  [%d/%d] %-16s %-10s in %.1f s%40s\n", pr.index, total, b->id,
				rc == BENCH_OK ? "done" : rc == BENCH_SKIPPED ? "skipped" :
				rc == BENCH_FAILED ? "FAILED" : "interrupted", mono_now() - t0, "");
		if (rc == BENCH_STOPPED) {
			outcome = BENCH_INTERRUPTED;
			break;
		}
		if (rc == BENCH_FAILED)
			outcome = BENCH_SOME_FAILED;
	}
	for (size_t i = 0; i < nversions; i++)
		json_decref(versions[i].version);
	iso_now(stamp, sizeof(stamp));
	json_object_set_new(bench, "ended_at", json_string(stamp));
	json_object_set_new(bench, "interrupted", json_boolean(outcome == BENCH_INTERRUPTED));
	return outcome;
}
