/* rmtree.c - see rmtree.h for why everything goes through descriptors. */
#define _GNU_SOURCE  /* O_DIRECTORY, O_NOFOLLOW, fdopendir */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rmtree.h"

#define MAX_DEPTH 64  /* fio's trees are two deep; a deeper one is not ours */

static int empty_dir(int fd, int depth);

/* Remove entry `name` of the directory open as dirfd; `st` is what
 * fstatat() said of it (not followed). */
static int remove_entry(int dirfd, const char *name, const struct stat *st, int depth)
{
	struct stat now;
	int fd, rc;

	if (!S_ISDIR(st->st_mode))
		return unlinkat(dirfd, name, 0) && errno != ENOENT ? -errno : 0;
	if (depth >= MAX_DEPTH)
		return -ELOOP;
	fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? 0 : -errno;  /* swapped for a link: ELOOP/ENOTDIR, left alone */
	if (fstat(fd, &now) || now.st_dev != st->st_dev || now.st_ino != st->st_ino) {
		close(fd);
		return -ESTALE;  /* not the directory that was listed */
	}
	rc = empty_dir(fd, depth + 1);
	close(fd);
	if (unlinkat(dirfd, name, AT_REMOVEDIR) && errno != ENOENT && !rc)
		rc = -errno;
	return rc;
}

/* Remove everything in the directory open as fd (which stays open). */
static int empty_dir(int fd, int depth)
{
	int dup_fd = dup(fd), rc = 0;
	struct dirent *de;
	DIR *d;

	if (dup_fd < 0)
		return -errno;
	if (!(d = fdopendir(dup_fd))) {
		close(dup_fd);
		return -errno;
	}
	while ((de = readdir(d))) {
		struct stat st;
		int r;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (fstatat(fd, de->d_name, &st, AT_SYMLINK_NOFOLLOW)) {
			if (errno != ENOENT && !rc)
				rc = -errno;
			continue;
		}
		r = remove_entry(fd, de->d_name, &st, depth);
		if (r && !rc)
			rc = r;
	}
	closedir(d);
	return rc;
}

int rmtree_at(int dirfd, const char *name, bool keep_top, bool owner_only)
{
	struct stat st;
	int fd, rc;

	fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? 0 : -errno;
	if (fstat(fd, &st)) {
		rc = -errno;
		close(fd);
		return rc;
	}
	if (owner_only && st.st_uid != geteuid()) {
		close(fd);
		return -EPERM;
	}
	rc = empty_dir(fd, 0);
	close(fd);
	if (!keep_top && unlinkat(dirfd, name, AT_REMOVEDIR) && errno != ENOENT && !rc)
		rc = -errno;
	return rc;
}

int rmtree_path(const char *path, bool keep_top, bool owner_only)
{
	char parent[PATH_MAX];
	const char *slash = strrchr(path, '/'), *name;
	int dirfd, rc;

	if (!*path)
		return -ENOENT;
	if (!slash) {
		snprintf(parent, sizeof(parent), ".");
		name = path;
	} else if (slash == path) {
		snprintf(parent, sizeof(parent), "/");
		name = slash + 1;
	} else {
		if ((size_t)(slash - path) >= sizeof(parent))
			return -ENAMETOOLONG;
		snprintf(parent, sizeof(parent), "%.*s", (int)(slash - path), path);
		name = slash + 1;
	}
	if (!*name || !strcmp(name, ".") || !strcmp(name, ".."))
		return -EINVAL;
	dirfd = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dirfd < 0)
		return errno == ENOENT ? 0 : -errno;
	rc = rmtree_at(dirfd, name, keep_top, owner_only);
	close(dirfd);
	return rc;
}

/* Through directory descriptors (rmtree.h): never a path a link could
 * redirect. */
int rm_tree(const char *path, bool keep_top)
{
	return rmtree_path(path, keep_top, false);
}
