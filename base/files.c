/* files.c - see files.h. */
#define _XOPEN_SOURCE 700  /* POSIX 2008 with XSI */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "files.h"

int abs_dir(const char *in, char *out, size_t size)
{
	char cwd[PATH_MAX];
	size_t n;

	while (in[0] == '.' && in[1] == '/')
		in += 2;
	if (in[0] == '/' || !getcwd(cwd, sizeof(cwd))) {
		if (in[0] != '/')
			return -errno;
		n = (size_t)snprintf(out, size, "%s", in);
	} else if (!strcmp(in, ".") || !in[0]) {
		n = (size_t)snprintf(out, size, "%s", cwd);
	} else {
		n = (size_t)snprintf(out, size, "%s%s%s", cwd, strcmp(cwd, "/") ? "/" : "", in);
	}
	if (n >= size)
		return -ENAMETOOLONG;
	while (n > 1 && out[n - 1] == '/')
		out[--n] = '\0';
	return 0;
}

int mkdir_p(const char *path, unsigned mode)
{
	char buf[PATH_MAX];
	size_t n = strlen(path);

	if (n == 0 || n >= sizeof(buf))
		return -ENAMETOOLONG;
	memcpy(buf, path, n + 1);
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, mode) && errno != EEXIST)
			return -errno;
		*p = '/';
	}
	if (mkdir(buf, mode) && errno != EEXIST)
		return -errno;
	return 0;
}

/* All of data to fd; 0 or -errno. */
static int write_fd(int fd, const char *data, size_t len)
{
	while (len) {
		ssize_t n = write(fd, data, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Open path with flags and write the whole buffer into it. */
static int open_and_write(const char *path, int flags, const char *data, size_t len)
{
	int fd = open(path, flags | O_WRONLY | O_CLOEXEC, 0644), rc;

	if (fd < 0)
		return -errno;
	rc = write_fd(fd, data, len);
	if (close(fd) && !rc)
		rc = -errno;
	return rc;
}

int write_file(const char *path, const char *data, size_t len)
{
	return open_and_write(path, O_CREAT | O_TRUNC, data, len);
}

/* glibc names O_TMPFILE only with _GNU_SOURCE; the value is the Linux
 * ABI's (__O_TMPFILE | O_DIRECTORY, the same on every architecture but
 * alpha, parisc and sparc, where open() then fails with EINVAL and the
 * named fallback is used). */
#ifndef O_TMPFILE
#define O_TMPFILE (020000000 | O_DIRECTORY)
#endif

/* The unnamed file gets a name next to path (".NAME.XXXXXX", a suffix
 * that is free), through /proc/self/fd as open(2) documents for O_TMPFILE. */
static int link_tmpfile(int fd, const char *path, char *tmp, size_t size)
{
	char proc[64];
	const char *slash = strrchr(path, '/');
	int dirlen = slash ? (int)(slash - path + 1) : 0;

	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	for (unsigned tries = 0; tries < 100; tries++) {
		struct timespec ts;

		clock_gettime(CLOCK_REALTIME, &ts);
		if (snprintf(tmp, size, "%.*s.%s.%06lx", dirlen, path, path + dirlen,
			     (unsigned long)((ts.tv_nsec ^ (getpid() << 8) ^ tries * 7919) & 0xffffff)) >= (int)size)
			return -ENAMETOOLONG;
		if (linkat(AT_FDCWD, proc, AT_FDCWD, tmp, AT_SYMLINK_FOLLOW) == 0)
			return 0;
		if (errno != EEXIST)
			return -errno;
	}
	return -EEXIST;
}

int write_file_replace(const char *path, const char *data, size_t len)
{
	return write_file_replace_mode(path, data, len, 0);
}

int write_file_replace_mode(const char *path, const char *data, size_t len, mode_t mode)
{
	char dir[PATH_MAX], tmp[PATH_MAX];
	const char *slash = strrchr(path, '/');
	struct stat st;
	int fd, rc;

	/* never renamed over what is not a regular file: root once replaced
	 * /dev/null itself with a run document (`--json /dev/null`) */
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode))
			return open_and_write(path, O_NOCTTY, data, len);  /* as it is */
		return S_ISDIR(st.st_mode) ? -EISDIR : -EINVAL;
	}
	if (snprintf(dir, sizeof(dir), "%.*s", slash ? (int)(slash - path) + (slash == path) : 1,
		     slash ? path : ".") >= (int)sizeof(dir))
		return -ENAMETOOLONG;
	/* unnamed until it is whole: a run killed while writing (even by
	 * SIGKILL) leaves nothing behind */
	fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0644);
	if (fd < 0 && errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL)
		return -errno;
	if (fd < 0) {
		/* a file system without O_TMPFILE: a named temporary file */
		if (snprintf(tmp, sizeof(tmp), "%s.XXXXXX", path) >= (int)sizeof(tmp))
			return -ENAMETOOLONG;
		fd = mkstemp(tmp);
		if (fd < 0)
			return -errno;
		rc = write_fd(fd, data, len);
		if (!rc && (fchmod(fd, mode ? mode : 0644) || fsync(fd)))
			rc = -errno;
	} else {
		rc = write_fd(fd, data, len);
		if (!rc && ((mode && fchmod(fd, mode)) || fsync(fd)))
			rc = -errno;
		if (!rc)
			rc = link_tmpfile(fd, path, tmp, sizeof(tmp));
		if (rc) {
			close(fd);
			return rc;
		}
	}
	if (close(fd) && !rc)
		rc = -errno;
	if (!rc && rename(tmp, path))
		rc = -errno;
	if (rc)
		unlink(tmp);
	return rc;
}

void data_path(const char *name, char *buf, size_t size)
{
	const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");

	if (geteuid() == 0)
		snprintf(buf, size, "/var/lib/specbench/%s", name);
	else if (xdg && *xdg)
		snprintf(buf, size, "%s/specbench/%s", xdg, name);
	else
		snprintf(buf, size, "%s/.local/share/specbench/%s", home ? home : ".", name);
}

int helper_path(const char *tool, char *buf, size_t size)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	if (n > 0) {
		exe[n] = '\0';
		*strrchr(exe, '/') = '\0';
		if (snprintf(buf, size, "%.3900s/%s", exe, tool) < (int)size && access(buf, X_OK) == 0)
			return 0;
		/* an installation moved to another prefix: PREFIX/bin and PREFIX/lib/specbench */
		if (snprintf(buf, size, "%.3900s/../lib/specbench/%s", exe, tool) < (int)size && access(buf, X_OK) == 0)
			return 0;
	}
	if (snprintf(buf, size, "%s/%s", SPECBENCH_LIBEXECDIR, tool) < (int)size && access(buf, X_OK) == 0)
		return 0;
	return -1;
}
