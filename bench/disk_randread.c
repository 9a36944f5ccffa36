/*
 * disk_randread.c - 4 KiB random reads, buffered, 4 jobs, queue depth 16:
 * the published "randread" fio command.  Buffered reads of files just laid
 * out may come from the page cache; the runner compares fio's bytes with
 * what the disk delivered and marks the result cached when most did not.
 */
#include <signal.h>

#include "fio.h"

static const char *const published[] = {
	"--name=randread", "--ioengine=libaio", "--iodepth=16", "--rw=randread", "--bs=4k",
	"--direct=0", "--size=512M", "--numjobs=4", "--runtime=240", "--group_reporting", NULL,
};

static const struct fio_job job = {
	.published = published, .size = { "512M", "256M", "8M" }, .runtime = { 0, 4, 1 }, .ramp = { 0, 1, 0 },
	.numjobs = 4,
};

static const struct bench_ops bench_disk_randread = {
	.id = "disk.randread", .package = "fio",
	.data = &job, .space = fio_space, .max_seconds = fio_max_seconds,
	.expected_seconds = fio_expected_seconds, .command = fio_command,
	.parse = fio_parse, .summary = fio_summary,
	.status_signal = SIGUSR1, .status = fio_status,
};
BENCH_REGISTER(bench_disk_randread);
