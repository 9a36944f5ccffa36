/* registry.c - see registry.h.  The words are gettext msgids, marked N_()
 * for xgettext (make po) and translated where they are shown (site/). */
#include <string.h>

#include "registry.h"

#define N_(s) s
/* every field named: clang's -Wmissing-field-initializers */
#define FIG_END { NULL, NULL, 0, 0, NULL, NULL, NULL, NULL, 0 }

/* fio's figures of one direction of a disk benchmark: IOPS and bandwidth
 * headline, the 99th percentile latency a series of its own */
#define DISK_IOPS(rw, label, help) { rw ".iops", "IOPS", 1, FIG_HEADLINE | FIG_REPEAT, label, \
	"specbench_disk_iops", help, rw, 1 }
#define DISK_BW(rw, label, help) { rw ".bw_mib_s", "MiB/s", 1, FIG_HEADLINE | FIG_REPEAT, label, \
	"specbench_disk_bandwidth_bytes_per_second", help, rw, 1048576 }
#define DISK_P99(rw, help) { rw ".lat_us.p99", "us", -1, 0, NULL, "specbench_disk_p99_latency_seconds", help, rw, 1e-6 }

static const struct figure_def randwrite[] = {
	DISK_IOPS("write", N_("write IOPS"), "I/O operations per second of a disk benchmark."),
	DISK_BW("write", N_("write bandwidth"), "Bandwidth of a disk benchmark."),
	DISK_P99("write", "99th percentile completion latency of a disk benchmark."),
	FIG_END,
};
static const struct figure_def randread[] = {
	DISK_IOPS("read", N_("read IOPS"), NULL), DISK_BW("read", N_("read bandwidth"), NULL), DISK_P99("read", NULL),
	FIG_END,
};
static const struct figure_def randrw[] = {
	DISK_IOPS("read", N_("read IOPS"), NULL), DISK_IOPS("write", N_("write IOPS"), NULL),
	DISK_BW("read", N_("read bandwidth"), NULL), DISK_BW("write", N_("write bandwidth"), NULL),
	FIG_END,
};
static const struct figure_def cpu[] = {
	{ "events_per_sec", "events/s", 1, FIG_HEADLINE | FIG_REPEAT, N_("events per second"),
	  "specbench_cpu_events_per_second", "sysbench cpu events per second.", NULL, 1 },
	FIG_END,
};
static const struct figure_def memory[] = {
	{ "mib_per_sec", "MiB/s", 1, FIG_HEADLINE | FIG_REPEAT, N_("memory bandwidth"),
	  "specbench_memory_bandwidth_bytes_per_second", "sysbench memory bandwidth.", NULL, 1048576 },
	{ "ops_per_sec", "ops/s", 1, FIG_HEADLINE | FIG_REPEAT, N_("operations per second"),
	  "specbench_memory_operations_per_second", "sysbench memory operations per second.", NULL, 1 },
	FIG_END,
};
static const struct figure_def network[] = {
	{ "download_mbps", "Mbit/s", 1, FIG_HEADLINE | FIG_REPEAT, N_("download speed"),
	  "specbench_network_download_bytes_per_second", "HTTP download throughput.", NULL, 1e6 / 8 },
	{ "upload_mbps", "Mbit/s", 1, FIG_HEADLINE | FIG_REPEAT, N_("upload speed"),
	  "specbench_network_upload_bytes_per_second", "HTTP upload throughput.", NULL, 1e6 / 8 },
	{ "latency_ms", "ms", -1, FIG_REPEAT, NULL,
	  "specbench_network_latency_seconds", "Median TCP connect time to the download server.", NULL, 1e-3 },
	FIG_END,
};

const struct benchmark_def benchmark_registry[] = {
	{ "disk.randwrite", "fio", N_("Storage: random write"), randwrite },
	{ "disk.randread", "fio", N_("Storage: random read"), randread },
	{ "disk.randrw", "fio", N_("Storage: random read/write"), randrw },
	{ "cpu", "sysbench", N_("Processor"), cpu },
	{ "memory", "sysbench", N_("Memory"), memory },
	{ "network", "specbench-net", N_("Network"), network },
	{ NULL, NULL, NULL, NULL },
};

const struct check_def check_registry[] = {
	{ "disk.randwrite", "disk.randwrite", N_("Storage: random write") },
	{ "disk.randread", "disk.randread", N_("Storage: random read") },
	{ "disk.randrw", "disk.randrw", N_("Storage: random read/write") },
	{ "cpu.events", "cpu", N_("Processor") },
	{ "memory.bandwidth", "memory", N_("Memory") },
	{ "network.download", "network", N_("Network: download") },
	{ "network.upload", "network", N_("Network: upload") },
	{ NULL, NULL, NULL },
};

const struct benchmark_def *registry_benchmark(const char *id)
{
	for (const struct benchmark_def *b = benchmark_registry; id && b->id; b++)
		if (!strcmp(b->id, id))
			return b;
	return NULL;
}

const struct figure_def *registry_figure(const char *benchmark, const char *path)
{
	const struct benchmark_def *b = registry_benchmark(benchmark);

	for (const struct figure_def *f = b ? b->figures : NULL; f && f->path && path; f++)
		if (!strcmp(f->path, path))
			return f;
	return NULL;
}
