/*
 * disk_randwrite.c - 4 KiB random writes, buffered, 4 jobs, queue depth 1:
 * the published "randwrite" fio command.  Buffered writes land in the page
 * cache; the runner compares fio's bytes with what reached the disk and
 * marks the result cached when most never did.
 */
#include <signal.h>

#include "fio.h"

static const char *const published[] = {
	"--name=randwrite", "--ioengine=libaio", "--iodepth=1", "--rw=randwrite", "--bs=4k",
	"--direct=0", "--size=512M", "--numjobs=4", "--runtime=240", "--group_reporting", NULL,
};

static const struct fio_job job = {
	published, { "512M", "256M", "8M" }, { 0, 4, 1 }, { 0, 1, 0 }, 4,
};

const struct bench_ops bench_disk_randwrite = {
	.id = "disk.randwrite", .tool = "fio", .package = "fio", .metrics = fio_metrics,
	.data = &job, .space = fio_space, .max_seconds = fio_max_seconds,
	.expected_seconds = fio_expected_seconds, .command = fio_command,
	.parse = fio_parse, .summary = fio_summary,
	.status_signal = SIGUSR1, .status = fio_status, .fresh_files = true,
};
