/*
 * format_prometheus.c - the text exposition format, for node_exporter's
 * textfile collector on every VM: one gauge series per benchmark figure
 * (in base units: bytes and seconds) and per check status, each metric
 * with its HELP and TYPE lines, so that `promtool check metrics` accepts it
 * and an alert can fire on specbench_check_status{status="fail"} == 1.
 */
#include <string.h>
#include <strings.h>
#include <time.h>

#include "base/escape.h"
#include "base/jsonutil.h"
#include "base/docpath.h"
#include "model/registry.h"
#include "report.h"

static void header(FILE *out, const char *name, const char *help)
{
	fprintf(out, "# HELP %s %s\n# TYPE %s gauge\n", name, help, name);
}

/* The HELP of a metric: on the first of its figures in the registry. */
static const char *help_of(const char *metric)
{
	for (const struct benchmark_def *b = benchmark_registry; b->id; b++)
		for (const struct figure_def *f = b->figures; f->path; f++)
			if (f->prom && f->prom_help && !strcmp(f->prom, metric))
				return f->prom_help;
	return "";
}

/* Was metric named by a figure before this one (it is written already)? */
static bool seen_before(const struct figure_def *at_f)
{
	for (const struct benchmark_def *b = benchmark_registry; b->id; b++)
		for (const struct figure_def *f = b->figures; f->path; f++) {
			if (f == at_f)
				return false;
			if (f->prom && !strcmp(f->prom, at_f->prom))
				return true;
		}
	return false;
}

/* Every figure of one metric (the registry's figures with that Prometheus
 * name, in its order), under one HELP/TYPE block when any is present. */
static void write_metric(const json_t *bench, const char *metric, FILE *out)
{
	bool headed = false;

	for (const struct benchmark_def *b = benchmark_registry; b->id; b++)
		for (const struct figure_def *f = b->figures; f->path; f++) {
			const json_t *x;

			if (!f->prom || strcmp(f->prom, metric))
				continue;
			x = rd_get(rd_get(bench, b->id), f->path);
			if (!json_is_number(x))
				continue;
			if (!headed)
				header(out, metric, help_of(metric));
			headed = true;
			fprintf(out, "%s{benchmark=\"%s\"", metric, b->id);
			if (f->prom_rw)
				fprintf(out, ",direction=\"%s\"", f->prom_rw);
			fprintf(out, "} %.9g\n", json_number_value(x) * f->prom_scale);
		}
}

static int write_prometheus(const json_t *doc, FILE *out, const struct report_opts *o)
{
	static const char *const statuses[] = { "pass", "fail", "warn", "skip", "unverifiable" };
	const json_t *v = json_object_get(doc, "verdict"), *bench = json_object_get(doc, "bench"), *c;
	const char *spec = rd_str_or(v, "spec", "unknown");
	size_t i;

	(void)o;
	/* each metric once, in the order of the registry's first figure of it */
	for (const struct benchmark_def *b = benchmark_registry; b->id; b++)
		for (const struct figure_def *f = b->figures; f->path; f++)
			if (f->prom && !seen_before(f))
				write_metric(bench, f->prom, out);
	if (json_array_size(json_object_get(v, "checks"))) {
		header(out, "specbench_check_status",
		       "Status of a spec check: 1 for the status it has, 0 for the others.");
		json_array_foreach(json_object_get(v, "checks"), i, c)
			for (size_t s = 0; s < sizeof(statuses) / sizeof(statuses[0]); s++) {
				fprintf(out, "specbench_check_status{spec=\"");
				prom_label(out, spec);
				fprintf(out, "\",check=\"");
				prom_label(out, rd_str_or(c, "id", "?"));
				fprintf(out, "\",status=\"%s\"} %d\n", statuses[s],
					!strcasecmp(rd_str_or(c, "status", ""), statuses[s]));
			}
		header(out, "specbench_verdict_failed", "1 when a spec check failed, else 0.");
		fprintf(out, "specbench_verdict_failed{spec=\"");
		prom_label(out, spec);
		fprintf(out, "\"} %d\n", !strcmp(rd_str_or(v, "status", ""), "FAIL"));
	}
	header(out, "specbench_run_timestamp_seconds", "When the run document was created (Unix time).");
	{
		struct tm tm = { 0 };
		const char *at = rd_str_or(doc, "created_at", "");

		if (sscanf(at, "%d-%d-%dT%d:%d:%dZ", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
			   &tm.tm_hour, &tm.tm_min, &tm.tm_sec) == 6 && (tm.tm_year -= 1900, tm.tm_mon -= 1, 1))
			fprintf(out, "specbench_run_timestamp_seconds %lld\n", (long long)timegm(&tm));
		else
			fprintf(out, "specbench_run_timestamp_seconds 0\n");
	}
	return ferror(out) ? -1 : 0;
}

const struct report_ops report_prometheus = { .name = "prometheus", .write = write_prometheus, .text = true };
