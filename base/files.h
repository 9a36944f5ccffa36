/* files.h - files and directories specbench writes: a file replaced whole
 * or not at all, mkdir -p, a directory made absolute, where specbench keeps
 * its data and finds its helper programs.  0 or -errno (error.h). */
#ifndef SPECBENCH_FILES_H
#define SPECBENCH_FILES_H

#include <stddef.h>
#include <sys/types.h>

/* Where specbench keeps what it stores, name inside it: /var/lib/specbench
 * for root, $XDG_DATA_HOME/specbench (~/.local/share/specbench) otherwise. */
void data_path(const char *name, char *buf, size_t size);

/* A helper program of specbench's own ("specbench-net"): next to the
 * binary, in PREFIX/lib/specbench of an installation moved elsewhere, or in
 * the libexec directory it was built for.  0, or -1 when it is nowhere. */
int helper_path(const char *tool, char *buf, size_t size);

/* A directory given on the command line, made absolute once (relative to
 * the working directory, not resolved further), so that every command
 * records, probes and writes into the same path.  0 or -errno. */
int abs_dir(const char *in, char *out, size_t size);

/* mkdir -p; 0 or -errno. */
int mkdir_p(const char *path, unsigned mode);

/* Write a whole buffer to a new file (mode 0644); 0 or -errno. */
int write_file(const char *path, const char *data, size_t len);
/* Replace path with data, whole or not at all: written to an unnamed file
 * in path's directory (O_TMPFILE; a named temporary one where the file
 * system has none), synced, then renamed over path; 0 or -errno, and path
 * as it was.  A character device or a pipe at path (/dev/null, /dev/stdout)
 * is written into, never replaced; anything else that is no regular file
 * is refused (-EISDIR, -EINVAL). */
int write_file_replace(const char *path, const char *data, size_t len);
/* The same with the file's mode set whatever the umask (0: 0644 less the
 * umask, as write_file_replace): a file another user's daemon reads. */
int write_file_replace_mode(const char *path, const char *data, size_t len, mode_t mode);

#endif
