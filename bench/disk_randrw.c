/*
 * disk_randrw.c - 4 KiB random 75/25 read/write mix, direct I/O, queue depth
 * 64, one 4 GiB file: the published mixed fio command.  With gtod_reduce fio
 * measures no latency, so lat_us is null, never 0.
 */
#include <signal.h>

#include "fio.h"

static const char *const published[] = {
	"--randrepeat=1", "--ioengine=libaio", "--direct=1", "--gtod_reduce=1", "--name=test",
	"--filename=random_read_write.fio", "--bs=4k", "--iodepth=64", "--size=4G",
	"--readwrite=randrw", "--rwmixread=75", NULL,
};

/* quick reads a 2 GiB file: on this kind of VM a smaller file reads faster
 * (7 interleaved runs each: 1 GiB 82k, 2 GiB 77k, 4 GiB 75k read IOPS, the
 * published full pass over 4 GiB about 79k); 4 GiB would cost 8 s of layout. */
static const struct fio_job job = {
	.published = published, .size = { "4G", "2G", "32M" }, .runtime = { 0, 5, 1 }, .ramp = { 0, 1, 0 },
	.numjobs = 1,
};

static const struct bench_ops bench_disk_randrw = {
	.id = "disk.randrw", .package = "fio",
	.data = &job, .space = fio_space, .max_seconds = fio_max_seconds,
	.expected_seconds = fio_expected_seconds, .command = fio_command,
	.parse = fio_parse, .summary = fio_summary,
	.status_signal = SIGUSR1, .status = fio_status,
};
BENCH_REGISTER(bench_disk_randrw);
