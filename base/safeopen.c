/* safeopen.c - see safeopen.h for why every read goes through here. */
/* O_PATH and openat2() are Linux interfaces. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "safeopen.h"

#define OPEN_FLAGS (O_CLOEXEC | O_NOCTTY | O_NONBLOCK)

/* A regular file stays open; anything else is closed and refused. */
static int keep_regular(int fd, int *out)
{
	struct stat st;

	if (fstat(fd, &st)) {
		int rc = -errno;

		close(fd);
		return rc;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return S_ISDIR(st.st_mode) ? -EISDIR : -SB_ENOTREG;
	}
	*out = fd;
	return 0;
}

int open_regular(const char *path, int *fd)
{
	int f = open(path, O_RDONLY | OPEN_FLAGS);

	if (f < 0)
		return -errno;
	return keep_regular(f, fd);
}

/* A regular-file open is kept only for one. */
static int finish(int rc, int f, int flags, int *fd)
{
	if (rc)
		return rc;
	if (flags & (O_PATH | O_DIRECTORY)) {
		*fd = f;
		return 0;
	}
	return keep_regular(f, fd);
}

int open_in_root(const char *root, const char *path, int flags, int *fd)
{
	struct open_how how = { 0 };
	int rootfd, f = -1, rc;

	rootfd = open(root, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (rootfd < 0)
		return -errno;
	while (*path == '/')
		path++;
	/* openat2() refuses O_PATH with any flag but O_DIRECTORY, O_NOFOLLOW, O_CLOEXEC */
	flags |= O_CLOEXEC | (flags & O_PATH ? 0 : O_NOCTTY | O_NONBLOCK);
	how.flags = (unsigned long long)flags;
	how.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS;
	f = (int)syscall(SYS_openat2, rootfd, *path ? path : ".", &how, sizeof(how));
	/* no user-space walk when it is missing: ENOSYS is refused, and said */
	rc = f < 0 ? -errno : 0;
	close(rootfd);
	return finish(rc, f, flags, fd);
}

int read_all(int fd, size_t max, char **out, size_t *len)
{
	size_t cap = max < 4096 ? max + 1 : 4096, used = 0;
	char *buf = malloc(cap + 1);

	*out = NULL;
	if (!buf)
		return -ENOMEM;
	for (;;) {
		ssize_t n;

		if (used > max) {  /* one byte past the limit was read: too large */
			free(buf);
			return -EFBIG;
		}
		if (used == cap) {
			char *bigger;

			cap = cap * 2 > max + 1 ? max + 1 : cap * 2;
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

int read_regular(const char *path, size_t max, char **out, size_t *len)
{
	int fd, rc = open_regular(path, &fd);

	*out = NULL;
	if (rc)
		return rc;
	rc = read_all(fd, max, out, len);
	close(fd);
	return rc;
}

const char *safe_strerror(int neg_errno)
{
	switch (-neg_errno) {
	case SB_ENOTREG:
		return "not a regular file (a FIFO, socket or device is never read)";
	case ELOOP:
		return "too many levels of symbolic links";
	case EXDEV:
		return "a symbolic link that leaves the sysroot";
	case ENOSYS:
		return "openat2() is missing: reading under a sysroot needs Linux 5.6 or later, "
		       "and no seccomp filter that refuses the call";
	default:
		return strerror(-neg_errno);
	}
}
