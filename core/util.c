/* util.c - see util.h. */
#define _XOPEN_SOURCE 700  /* nftw */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

char *rtrim(char *s)
{
	size_t n = strlen(s);

	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	return s;
}

const char *skip_ws(const char *s)
{
	while (*s && isspace((unsigned char)*s))
		s++;
	return s;
}

char *trim(char *s)
{
	rtrim(s);
	return (char *)skip_ws(s);
}

bool parse_u64(const char *s, uint64_t *value)
{
	char *end;
	unsigned long long v;

	s = skip_ws(s);
	if (!isdigit((unsigned char)*s))
		return false;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno)
		return false;
	if (*skip_ws(end))
		return false;
	*value = v;
	return true;
}

bool figure_ok(double v)
{
	return isfinite(v) && v >= 0;
}

bool count_ok(double v)
{
	return figure_ok(v) && v <= COUNT_MAX;
}

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

int line_of(const char *text, const char *p)
{
	int line = 1;

	for (; text < p; text++)
		line += *text == '\n';
	return line;
}

bool starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

char *next_line(char **cursor)
{
	char *line = *cursor, *nl;

	if (!line || !*line)
		return NULL;
	nl = strchr(line, '\n');
	if (nl) {
		*nl = '\0';
		*cursor = nl + 1;
	} else {
		*cursor = line + strlen(line);
	}
	return line;
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

int write_file(const char *path, const char *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

	if (fd < 0)
		return -errno;
	while (len) {
		ssize_t n = write(fd, data, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			n = -errno;
			close(fd);
			return (int)n;
		}
		data += n;
		len -= (size_t)n;
	}
	if (close(fd))
		return -errno;
	return 0;
}

/* Depth-first, so a directory is empty by the time it is visited. */
static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	if (ftw->level == 0)
		return 0;  /* the top is handled by rm_tree() */
	if (flag == FTW_DP ? rmdir(path) : unlink(path))
		return errno ? errno : EIO;
	return 0;
}

int rm_tree(const char *path, bool keep_top)
{
	int rc = nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);

	if (rc == -1)
		return errno == ENOENT ? 0 : -errno;
	if (rc > 0)
		return -rc;
	if (!keep_top && rmdir(path))
		return -errno;
	return 0;
}

/* MAJOR.MINOR.PATCH, each a number without leading zeros (semver 2.0.0). */
bool semver_ok(const char *v)
{
	int parts = 0;

	while (*v) {
		if (*v < '0' || *v > '9' || (v[0] == '0' && v[1] >= '0' && v[1] <= '9'))
			return 0;
		while (*v >= '0' && *v <= '9')
			v++;
		parts++;
		if (*v == '.')
			v++;
		else if (*v)
			return 0;
	}
	return parts == 3;
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
