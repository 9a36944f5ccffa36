/* sysroot.c - the path layer; see sysroot.h for the design. */
/* O_PATH and openat2() are Linux interfaces. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "recorder.h"
#include "safeopen.h"
#include "sysroot.h"
#include "text.h"

/* No file a probe reads is anywhere near this; a larger one is not a sysfs or
 * procfs file and is refused rather than read into memory. */
#define SR_MAX_FILE (64u << 20)

bool sr_is_live(const struct sysroot *sr)
{
	return !sr || !sr->prefix || !sr->prefix[0];
}

int sr_path(const struct sysroot *sr, const char *path, char *buf, size_t size)
{
	int n = snprintf(buf, size, "%s%s", sr_is_live(sr) ? "" : sr->prefix, path);

	return (n < 0 || (size_t)n >= size) ? -ENAMETOOLONG : 0;
}

/* Open a machine path: on the live machine as it is, under a sysroot
 * resolved inside it (safeopen.h).  flags as for open_in_root(). */
static int sr_open(const struct sysroot *sr, const char *path, int flags, int *fd)
{
	if (sr_is_live(sr)) {
		if (!(flags & (O_DIRECTORY | O_PATH)))
			return open_regular(path, fd);
		*fd = open(path, flags | O_CLOEXEC);
		return *fd < 0 ? -errno : 0;
	}
	return open_in_root(sr->prefix, path, flags, fd);
}

int sr_check(const struct sysroot *sr, struct sb_error *err)
{
	struct stat st;
	int fd, rc;

	if (sr_is_live(sr))
		return 0;
	if (stat(sr->prefix, &st) || !S_ISDIR(st.st_mode))
		return sb_fail(err, SB_EXIT_USAGE, "--sysroot %s: not a directory", sr->prefix);
	rc = open_in_root(sr->prefix, "/", O_PATH | O_DIRECTORY, &fd);
	if (rc)
		return sb_fail(err, rc == -ENOSYS ? SB_EXIT_SYSTEM : SB_EXIT_USAGE,
			       "--sysroot %s: %s", sr->prefix, safe_strerror(rc));
	close(fd);
	return 0;
}

int sr_open_file(const struct sysroot *sr, const char *path, int *fd)
{
	return sr_open(sr, path, O_RDONLY, fd);
}

bool sr_exists(const struct sysroot *sr, const char *path)
{
	int fd;

	if (sr_open(sr, path, O_PATH, &fd))
		return false;
	close(fd);
	return true;
}

int sr_read(const struct sysroot *sr, const char *path, char **out, size_t *len)
{
	size_t n = 0;
	int fd, rc = sr_open(sr, path, O_RDONLY, &fd);

	*out = NULL;
	if (rc)
		return rc;
	rc = read_all(fd, SR_MAX_FILE, out, &n);
	close(fd);
	if (rc)
		return rc;
	if (len)
		*len = n;
	if (sr && sr->rec)
		rec_file(sr->rec, path, *out, n);
	return 0;
}

int sr_read_line(const struct sysroot *sr, const char *path, char *buf, size_t size)
{
	char *text, *nl;
	int rc = sr_read(sr, path, &text, NULL);

	if (rc)
		return rc;
	nl = strchr(text, '\n');
	if (nl)
		*nl = '\0';
	rtrim(text);
	if (strlen(text) >= size) {
		free(text);
		return -EINVAL;
	}
	strcpy(buf, text);
	free(text);
	return 0;
}

int sr_read_u64(const struct sysroot *sr, const char *path, uint64_t *value)
{
	char line[64];
	int rc = sr_read_line(sr, path, line, sizeof(line));

	if (rc)
		return rc;
	return parse_u64(line, value) ? 0 : -EINVAL;
}

int sr_readlink(const struct sysroot *sr, const char *path, char *buf, size_t size)
{
	char dir[PATH_MAX];
	const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path;
	ssize_t n;
	int dfd, rc;

	if ((size_t)(base - path) >= sizeof(dir))
		return -ENAMETOOLONG;
	/* the link itself is read, not followed: resolve only its directory */
	snprintf(dir, sizeof(dir), "%.*s", (int)(base - path), path);
	rc = sr_open(sr, dir[0] ? dir : ".", O_PATH | O_DIRECTORY, &dfd);
	if (rc)
		return rc;
	n = readlinkat(dfd, base, buf, size);
	rc = n < 0 ? -errno : 0;
	close(dfd);
	if (rc)
		return rc;
	if ((size_t)n >= size)
		return -ENAMETOOLONG;
	buf[n] = '\0';
	if (sr && sr->rec)
		rec_link(sr->rec, path, buf);
	return 0;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int sr_list(const struct sysroot *sr, const char *dir, char ***names, size_t *count)
{
	struct dirent *de;
	size_t n = 0, cap = 16;
	char **list;
	DIR *d;
	int fd, rc = sr_open(sr, dir, O_RDONLY | O_DIRECTORY, &fd);

	*names = NULL;
	*count = 0;
	if (rc)
		return rc;
	d = fdopendir(fd);
	if (!d) {
		rc = -errno;
		close(fd);
		return rc;
	}
	list = calloc(cap + 1, sizeof(*list));
	if (!list) {
		closedir(d);
		return -ENOMEM;
	}
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (n == cap) {
			char **bigger = realloc(list, (cap * 2 + 1) * sizeof(*list));

			if (!bigger)
				goto nomem;
			list = bigger;
			cap *= 2;
		}
		list[n] = strdup(de->d_name);
		if (!list[n])
			goto nomem;
		n++;
	}
	closedir(d);
	list[n] = NULL;
	qsort(list, n, sizeof(*list), cmp_names);
	*names = list;
	*count = n;
	if (sr && sr->rec)
		rec_dir(sr->rec, dir);
	return 0;
nomem:
	closedir(d);
	list[n] = NULL;
	sr_free_list(list);
	return -ENOMEM;
}

void sr_free_list(char **names)
{
	if (!names)
		return;
	for (char **p = names; *p; p++)
		free(*p);
	free(names);
}

int sr_generated(const struct sysroot *sr, const char *name,
		 sr_generator gen, void *arg, char **out)
{
	char path[PATH_MAX];
	int rc;

	*out = NULL;
	if (!sr_is_live(sr)) {
		snprintf(path, sizeof(path), "/" SR_GENERATED_DIR "/%s", name);
		return sr_read(sr, path, out, NULL);
	}
	rc = gen(arg, out);
	if (rc)
		return rc;
	if (sr && sr->rec)
		rec_generated(sr->rec, name, *out);
	return 0;
}

const char *sr_strerror(int neg_errno)
{
	switch (-neg_errno) {
	case EACCES:
	case EPERM:
		return "permission denied (needs root)";
	case ENOENT:
		return "not present";
	case EINVAL:
		return "unexpected contents";
	default:
		return safe_strerror(neg_errno);
	}
}
