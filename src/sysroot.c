/* sysroot.c - the path layer; see sysroot.h for the design. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "recorder.h"
#include "sysroot.h"
#include "util.h"

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

static int read_fd(int fd, char **out, size_t *len)
{
	size_t cap = 4096, used = 0;
	char *buf = malloc(cap + 1);

	if (!buf)
		return -ENOMEM;
	for (;;) {
		ssize_t n;

		if (used == cap) {
			char *bigger;

			if (cap >= SR_MAX_FILE) {
				free(buf);
				return -EFBIG;
			}
			cap *= 2;
			bigger = realloc(buf, cap + 1);
			if (!bigger) {
				free(buf);
				return -ENOMEM;
			}
			buf = bigger;
		}
		n = read(fd, buf + used, cap - used);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			n = -errno;
			free(buf);
			return (int)n;
		}
		if (n == 0)
			break;
		used += (size_t)n;
	}
	buf[used] = '\0';
	*out = buf;
	if (len)
		*len = used;
	return 0;
}

int sr_read(const struct sysroot *sr, const char *path, char **out, size_t *len)
{
	char full[PATH_MAX];
	size_t n = 0;
	int fd, rc = sr_path(sr, path, full, sizeof(full));

	*out = NULL;
	if (rc)
		return rc;
	fd = open(full, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	rc = read_fd(fd, out, &n);
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
	char full[PATH_MAX];
	ssize_t n;
	int rc = sr_path(sr, path, full, sizeof(full));

	if (rc)
		return rc;
	n = readlink(full, buf, size);
	if (n < 0)
		return -errno;
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
	char full[PATH_MAX];
	struct dirent *de;
	size_t n = 0, cap = 16;
	char **list;
	DIR *d;
	int rc = sr_path(sr, dir, full, sizeof(full));

	*names = NULL;
	*count = 0;
	if (rc)
		return rc;
	d = opendir(full);
	if (!d)
		return -errno;
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
		return strerror(-neg_errno);
	}
}
