/*
 * sysroot.h - the path layer every probe reads the machine through.
 *
 * Like util-linux's path layer (`lscpu --sysroot`), a probe never opens
 * "/proc/..." itself: it asks for a machine path and the layer prefixes the
 * sysroot, so the same code reads the live machine or a recorded dump of
 * another one.  While `specbench snapshot` runs, a recorder is attached and
 * every file, directory and link a probe looks at is copied into the snapshot
 * exactly as the probe saw it; replaying that directory with --sysroot then
 * takes the same code paths with the same bytes.
 *
 * Facts that are not files on a live system (the raw CPUID, the interface
 * addresses that come from netlink) are "generated files": on the live
 * machine a generator renders them as text, under a sysroot they are read
 * from specbench/NAME, and a recorder saves the rendered text there.
 */
#ifndef SPECBENCH_SYSROOT_H
#define SPECBENCH_SYSROOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct sb_recorder;

struct sysroot {
	const char *prefix;        /* NULL: the live machine */
	struct sb_recorder *rec;   /* non-NULL while a snapshot records */
};

/* The directory inside a sysroot that holds generated files. */
#define SR_GENERATED_DIR "specbench"

bool sr_is_live(const struct sysroot *sr);

struct sb_error;
/* Whether --sysroot DIR can be read: a directory, and openat2() there (a
 * kernel without it cannot confine links, and nothing is read; a probe would
 * otherwise say "unknown" for every fact).  0, or -1 with err filled. */
int sr_check(const struct sysroot *sr, struct sb_error *err);

/* Machine path -> host path.  Returns -ENAMETOOLONG when it does not fit. */
int sr_path(const struct sysroot *sr, const char *path, char *buf, size_t size);

/* Whole file into a NUL-terminated malloc'd buffer (binary safe: *len).
 * Returns 0 or -errno. */
int sr_read(const struct sysroot *sr, const char *path, char **out, size_t *len);

/* First line of a file, trailing white space removed. 0 or -errno;
 * -EINVAL when it does not fit. */
int sr_read_line(const struct sysroot *sr, const char *path, char *buf, size_t size);

/* A file holding one unsigned decimal number.  -EINVAL when it holds other text. */
int sr_read_u64(const struct sysroot *sr, const char *path, uint64_t *value);

/* Open a machine path as a regular file for a reader that needs the file
 * itself (libcpuid); the caller closes *fd.  0 or -errno. */
int sr_open_file(const struct sysroot *sr, const char *path, int *fd);

/* Whether a machine path names anything (links followed inside the root). */
bool sr_exists(const struct sysroot *sr, const char *path);

/* Target of a symbolic link.  0 or -errno. */
int sr_readlink(const struct sysroot *sr, const char *path, char *buf, size_t size);

/* Sorted entry names of a directory, without "." and "..".  *names is a
 * NULL-terminated malloc'd array; free it with sr_free_list().  0 or -errno. */
int sr_list(const struct sysroot *sr, const char *dir, char ***names, size_t *count);
void sr_free_list(char **names);

/* A generated file (see top): under a sysroot read SR_GENERATED_DIR/name;
 * live, call gen() for the text (malloc'd, NUL-terminated) and hand it to the
 * recorder.  0 or -errno (gen returns -errno too). */
typedef int (*sr_generator)(void *arg, char **text);
int sr_generated(const struct sysroot *sr, const char *name,
		 sr_generator gen, void *arg, char **out);

/* Human words for a negative errno from this layer, with a hint when root
 * would have helped. */
const char *sr_strerror(int neg_errno);

#endif
