/* datadir.c - see datadir.h for why runs lock their data directory. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/util.h"
#include "datadir.h"

int datadir_create(const char *parent, char *path, size_t size, char *data, size_t dsize,
		   int *lock_fd)
{
	char lock[PATH_MAX], tmp[PATH_MAX];
	int fd, rc;

	if ((size_t)snprintf(path, size, "%s/specbench-XXXXXX", parent) >= size)
		return -ENAMETOOLONG;
	if (!mkdtemp(path))
		return -errno;
	snprintf(lock, sizeof(lock), "%s/" DATADIR_LOCK, path);
	snprintf(tmp, sizeof(tmp), "%s/" DATADIR_LOCK ".new", path);
	if ((size_t)snprintf(data, dsize, "%s/data", path) >= dsize) {
		rm_tree(path, false);
		return -ENAMETOOLONG;
	}
	/* locked under another name first, then renamed (the lock stays with
	 * the file): a cleaner never sees specbench.lock unlocked for a live run */
	fd = open(tmp, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 || flock(fd, LOCK_EX | LOCK_NB) || rename(tmp, lock) || mkdir(data, 0700)) {
		rc = -errno;
		if (fd >= 0)
			close(fd);
		rm_tree(path, false);
		return rc;
	}
	*lock_fd = fd;
	return 0;
}

int datadir_remove(const char *path, int lock_fd)
{
	int rc = rm_tree(path, false);

	if (lock_fd >= 0)
		close(lock_fd);
	return rc;
}

/* A directory of a dead run: it has the lock file, and its lock is free. */
static int stale(int dirfd)
{
	int fd = openat(dirfd, DATADIR_LOCK, O_RDWR | O_NOFOLLOW | O_CLOEXEC), dead;

	if (fd < 0)
		return 0;
	dead = flock(fd, LOCK_EX | LOCK_NB) == 0;
	close(fd);
	return dead;
}

int datadir_clean_stale(const char *parent)
{
	DIR *d = opendir(parent);
	struct dirent *de;
	int removed = 0;

	if (!d)
		return 0;
	while ((de = readdir(d))) {
		char path[PATH_MAX];
		int fd;

		if (strncmp(de->d_name, "specbench-", 10) || strlen(de->d_name) != 16)
			continue;
		fd = openat(dirfd(d), de->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0)
			continue;
		if (stale(fd) && (size_t)snprintf(path, sizeof(path), "%s/%s", parent, de->d_name) < sizeof(path) &&
		    rm_tree(path, false) == 0)
			removed++;
		close(fd);
	}
	closedir(d);
	return removed;
}
