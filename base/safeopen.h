/*
 * safeopen.h - opening the files specbench reads so that no input can hang
 * it or lead it outside where it was pointed.
 *
 * Every file given on the command line or read under a --sysroot (specs,
 * run documents, imports, --smbios, --cpuid-raw, the recorded /proc and
 * /sys) is opened with O_NONBLOCK, so opening a FIFO with no writer returns
 * at once, and is then refused unless fstat() says it is a regular file:
 * reading a FIFO, socket or character device would block forever or never
 * end.  (Files of the live /proc and /sys are regular files too.)
 *
 * Under a sysroot, paths are resolved by the kernel with openat2()'s
 * RESOLVE_IN_ROOT: a symbolic link to "/etc/shadow" or "../../.." inside a
 * recorded machine stays inside that machine, as on the machine it was
 * recorded from, and can never reach the live one.
 */
#ifndef SPECBENCH_SAFEOPEN_H
#define SPECBENCH_SAFEOPEN_H

#include <stddef.h>

/* Not an errno value: "this is not a regular file"; safe_strerror() says it. */
#define SB_ENOTREG 4095

/* Open a regular file read-only (O_CLOEXEC, O_NOCTTY, never blocking on
 * open).  *fd on success; 0, -errno or -SB_ENOTREG. */
int open_regular(const char *path, int *fd);

/* Open `path` (absolute or relative) below the directory `root` as though
 * root were "/" (RESOLVE_IN_ROOT).  flags: O_RDONLY for a regular file,
 * O_DIRECTORY for a directory, O_PATH for a directory to readlinkat() in.
 * A regular-file open is refused unless it is one.  0, -errno or -SB_ENOTREG.
 * There is no user-space fallback: without openat2() (a kernel before 5.6,
 * a seccomp filter) it fails with -ENOSYS, and safe_strerror() says why. */
int open_in_root(const char *root, const char *path, int flags, int *fd);

/* Read all of fd into a NUL-terminated malloc'd buffer; -EFBIG past max. */
int read_all(int fd, size_t max, char **out, size_t *len);

/* open_regular + read_all. */
int read_regular(const char *path, size_t max, char **out, size_t *len);

/* strerror() that knows SB_ENOTREG; neg_errno < 0. */
const char *safe_strerror(int neg_errno);

#endif
