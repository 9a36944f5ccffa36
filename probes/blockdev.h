/* blockdev.h - the kernel name of a block device ("vda1", "md0") from its
 * device number, through /sys/dev/block; shared by the storage probe and
 * the benchmark runner's disk accounting. */
#ifndef SPECBENCH_BLOCKDEV_H
#define SPECBENCH_BLOCKDEV_H

#include <stddef.h>

#include "../src/sysroot.h"

/* 0, or -errno when the number has no block device (tmpfs, overlay). */
int blockdev_name(const struct sysroot *sr, unsigned major, unsigned minor, char *name, size_t size);

#endif
