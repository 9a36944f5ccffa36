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
#include "model/docpath.h"
#include "report.h"

static void header(FILE *out, const char *name, const char *help)
{
	fprintf(out, "# HELP %s %s\n# TYPE %s gauge\n", name, help, name);
}

struct figure {
	const char *metric, *help, *bench, *path, *direction;
	double scale;   /* to the base unit */
};

/* Every figure a run document can hold; metrics with the same name are
 * adjacent so each gets one HELP/TYPE block. */
static const struct figure figures[] = {
	{ "specbench_disk_iops", "I/O operations per second of a disk benchmark.", "disk.randwrite", "write.iops", "write", 1 },
	{ "specbench_disk_iops", NULL, "disk.randread", "read.iops", "read", 1 },
	{ "specbench_disk_iops", NULL, "disk.randrw", "read.iops", "read", 1 },
	{ "specbench_disk_iops", NULL, "disk.randrw", "write.iops", "write", 1 },
	{ "specbench_disk_bandwidth_bytes_per_second", "Bandwidth of a disk benchmark.", "disk.randwrite", "write.bw_mib_s", "write", 1048576 },
	{ "specbench_disk_bandwidth_bytes_per_second", NULL, "disk.randread", "read.bw_mib_s", "read", 1048576 },
	{ "specbench_disk_bandwidth_bytes_per_second", NULL, "disk.randrw", "read.bw_mib_s", "read", 1048576 },
	{ "specbench_disk_bandwidth_bytes_per_second", NULL, "disk.randrw", "write.bw_mib_s", "write", 1048576 },
	{ "specbench_disk_p99_latency_seconds", "99th percentile completion latency of a disk benchmark.", "disk.randwrite", "write.lat_us.p99", "write", 1e-6 },
	{ "specbench_disk_p99_latency_seconds", NULL, "disk.randread", "read.lat_us.p99", "read", 1e-6 },
	{ "specbench_cpu_events_per_second", "sysbench cpu events per second.", "cpu", "events_per_sec", NULL, 1 },
	{ "specbench_memory_bandwidth_bytes_per_second", "sysbench memory bandwidth.", "memory", "mib_per_sec", NULL, 1048576 },
	{ "specbench_memory_operations_per_second", "sysbench memory operations per second.", "memory", "ops_per_sec", NULL, 1 },
	{ "specbench_network_download_bytes_per_second", "HTTP download throughput.", "network", "download_mbps", NULL, 1e6 / 8 },
	{ "specbench_network_upload_bytes_per_second", "HTTP upload throughput.", "network", "upload_mbps", NULL, 1e6 / 8 },
	{ "specbench_network_latency_seconds", "Median TCP connect time to the download server.", "network", "latency_ms", NULL, 1e-3 },
};

static int write_prometheus(const json_t *doc, FILE *out, const struct report_opts *o)
{
	static const char *const statuses[] = { "pass", "fail", "warn", "skip", "unverifiable" };
	const json_t *v = json_object_get(doc, "verdict"), *bench = json_object_get(doc, "bench"), *c;
	const char *spec = jstr(v, "spec", "unknown"), *last = NULL;
	size_t i;

	(void)o;
	for (size_t f = 0; f < sizeof(figures) / sizeof(figures[0]); f++) {
		const json_t *x = rd_get(rd_get(bench, figures[f].bench), figures[f].path);

		if (!json_is_number(x))
			continue;
		if (!last || strcmp(last, figures[f].metric)) {
			const char *help = figures[f].help;

			for (size_t g = f; !help; g--)
				help = figures[g].help;
			header(out, figures[f].metric, help);
			last = figures[f].metric;
		}
		fprintf(out, "%s{benchmark=\"%s\"", figures[f].metric, figures[f].bench);
		if (figures[f].direction)
			fprintf(out, ",direction=\"%s\"", figures[f].direction);
		fprintf(out, "} %.9g\n", json_number_value(x) * figures[f].scale);
	}
	if (json_array_size(json_object_get(v, "checks"))) {
		header(out, "specbench_check_status",
		       "Status of a spec check: 1 for the status it has, 0 for the others.");
		json_array_foreach(json_object_get(v, "checks"), i, c)
			for (size_t s = 0; s < sizeof(statuses) / sizeof(statuses[0]); s++) {
				fprintf(out, "specbench_check_status{spec=\"");
				prom_label(out, spec);
				fprintf(out, "\",check=\"");
				prom_label(out, jstr(c, "id", "?"));
				fprintf(out, "\",status=\"%s\"} %d\n", statuses[s],
					!strcasecmp(jstr(c, "status", ""), statuses[s]));
			}
		header(out, "specbench_verdict_failed", "1 when a spec check failed, else 0.");
		fprintf(out, "specbench_verdict_failed{spec=\"");
		prom_label(out, spec);
		fprintf(out, "\"} %d\n", !strcmp(jstr(v, "status", ""), "FAIL"));
	}
	header(out, "specbench_run_timestamp_seconds", "When the run document was created (Unix time).");
	{
		struct tm tm = { 0 };
		const char *at = jstr(doc, "created_at", "");

		if (sscanf(at, "%d-%d-%dT%d:%d:%dZ", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
			   &tm.tm_hour, &tm.tm_min, &tm.tm_sec) == 6 && (tm.tm_year -= 1900, tm.tm_mon -= 1, 1))
			fprintf(out, "specbench_run_timestamp_seconds %lld\n", (long long)timegm(&tm));
		else
			fprintf(out, "specbench_run_timestamp_seconds 0\n");
	}
	return ferror(out) ? -1 : 0;
}

const struct report_ops report_prometheus = { .name = "prometheus", .write = write_prometheus, .text = true };
