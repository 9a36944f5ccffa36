/*
 * blockdev.h - the block device behind a directory, worked out in one place.
 *
 * The storage probe reports it (probe.storage.filesystem) and the benchmark
 * session counts the bytes that reached it (bench.device); both ask this
 * file, so a run never names two different devices for one --dir.  It is
 * read from /proc/self/mountinfo (the longest mount point that holds the
 * directory) and /sys/dev/block through the sysroot layer, so a recorded
 * machine answers as it did when it was recorded.
 */
#ifndef SPECBENCH_BLOCKDEV_H
#define SPECBENCH_BLOCKDEV_H

#include <stddef.h>

#include "sysroot.h"

struct dir_mount {
	char mount_point[512], fstype[64], source[256];
	unsigned major, minor;
	char device[256];  /* kernel name ("vda1", "md0"); "" when none (tmpfs, overlay) */
};

/* The mount holding absolute path `dir`: 0; 1 when no mount in mountinfo
 * holds it (or mountinfo cannot be parsed); -errno when mountinfo cannot be
 * read. */
int blockdev_dir_mount(const struct sysroot *sr, const char *dir, struct dir_mount *m);

/* The kernel name of a block device from its number: 0, or -errno when
 * the number has no block device. */
int blockdev_name(const struct sysroot *sr, unsigned major, unsigned minor, char *name, size_t size);

#endif
