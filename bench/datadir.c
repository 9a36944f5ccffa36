/*
 * datadir.c - see datadir.h for why runs lock their data directory.
 *
 * --dir is usually /var/tmp, writable by every local user, and specbench
 * runs as root: whatever it removes there is removed through directory
 * descriptors (base/rmtree.h), and a dead run's directory is only taken for
 * one when the caller owns it and its lock file: a local user's
 * "specbench-XXXXXX" with a free lock (and a subdirectory swapped for a link
 * while root walks it) is never touched.
 */
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

#include "base/rmtree.h"
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
		rmtree_path(path, false, true);
		return -ENAMETOOLONG;
	}
	/* locked under another name first, then renamed (the lock stays with
	 * the file): a cleaner never sees specbench.lock unlocked for a live run */
	fd = open(tmp, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 || flock(fd, LOCK_EX | LOCK_NB) || rename(tmp, lock) || mkdir(data, 0700)) {
		rc = -errno;
		if (fd >= 0)
			close(fd);
		rmtree_path(path, false, true);
		return rc;
	}
	*lock_fd = fd;
	return 0;
}

int datadir_remove(const char *path, int lock_fd)
{
	int rc = rmtree_path(path, false, true);

	if (lock_fd >= 0)
		close(lock_fd);
	return rc;
}

/* A directory of a dead run of this user's: owned by the caller, not
 * writable by others, with a lock file that is a regular file of the
 * caller's, and whose lock is free. */
static int stale(int dirfd)
{
	struct stat st;
	int fd, dead;

	if (fstat(dirfd, &st) || st.st_uid != geteuid() || (st.st_mode & 022))
		return 0;
	fd = openat(dirfd, DATADIR_LOCK, O_RDWR | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return 0;
	dead = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == geteuid() &&
	       flock(fd, LOCK_EX | LOCK_NB) == 0;
	close(fd);
	return dead;
}

int datadir_clean_stale(const char *parent)
{
	int pfd = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC), dfd;
	struct dirent *de;
	int removed = 0;
	DIR *d;

	if (pfd < 0)
		return 0;
	if ((dfd = dup(pfd)) < 0 || !(d = fdopendir(dfd))) {
		if (dfd >= 0)
			close(dfd);
		close(pfd);
		return 0;
	}
	while ((de = readdir(d))) {
		int fd;

		if (strncmp(de->d_name, "specbench-", 10) || strlen(de->d_name) != 16)
			continue;
		fd = openat(pfd, de->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0)
			continue;
		if (stale(fd) && rmtree_at(pfd, de->d_name, false, true) == 0)
			removed++;
		close(fd);
	}
	closedir(d);
	close(pfd);
	return removed;
}
