/* safeopen.c - see safeopen.h for why every read goes through here. */
/* O_PATH and openat2() are Linux interfaces. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
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

/*
 * The same walk in user space, for where openat2() is missing: kernels
 * before 5.6, seccomp filters, and valgrind 3.19, which does not know the
 * system call.  One component at a time, never following a link by itself:
 * a link's target is spliced in front of the rest of the path, an absolute
 * one restarting at the root, and ".." never climbs above the root.
 */
#define WALK_DEPTH 64
#define WALK_LINKS 40

static int walk_in_root(int rootfd, const char *path, int flags, int *fd)
{
	int stack[WALK_DEPTH], depth = 0, links = 0, rc = 0;
	char rest[PATH_MAX], next[PATH_MAX], target[PATH_MAX], comp[NAME_MAX + 1];
	const char *p = rest;

	if ((size_t)snprintf(rest, sizeof(rest), "%s", path) >= sizeof(rest))
		return -ENAMETOOLONG;
	stack[0] = rootfd;
	for (;;) {
		struct stat st;
		size_t n;
		int last;
		ssize_t len;

		while (*p == '/')
			p++;
		if (!*p) {  /* the path ends at a directory */
			*fd = openat(stack[depth], ".", flags);
			rc = *fd < 0 ? -errno : 0;
			break;
		}
		n = strcspn(p, "/");
		if (n > NAME_MAX) {
			rc = -ENAMETOOLONG;
			break;
		}
		memcpy(comp, p, n);
		comp[n] = '\0';
		p += n;
		last = p[strspn(p, "/")] == '\0';
		if (!strcmp(comp, "."))
			continue;
		if (!strcmp(comp, "..")) {
			if (depth)
				close(stack[depth--]);
			continue;
		}
		if (fstatat(stack[depth], comp, &st, AT_SYMLINK_NOFOLLOW)) {
			rc = -errno;
			break;
		}
		if (S_ISLNK(st.st_mode)) {
			len = readlinkat(stack[depth], comp, target, sizeof(target) - 1);
			if (++links > WALK_LINKS || len < 0) {
				rc = len < 0 ? -errno : -ELOOP;
				break;
			}
			target[len] = '\0';
			if (target[0] == '/')
				while (depth)
					close(stack[depth--]);
			if ((size_t)snprintf(next, sizeof(next), "%s/%s", target, p) >= sizeof(next)) {
				rc = -ENAMETOOLONG;
				break;
			}
			memcpy(rest, next, strlen(next) + 1);
			p = rest;
			continue;
		}
		if (last) {
			*fd = openat(stack[depth], comp, flags | O_NOFOLLOW);
			rc = *fd < 0 ? -errno : 0;
			break;
		}
		if (!S_ISDIR(st.st_mode) || depth + 1 == WALK_DEPTH) {
			rc = S_ISDIR(st.st_mode) ? -ENAMETOOLONG : -ENOTDIR;
			break;
		}
		stack[depth + 1] = openat(stack[depth], comp, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (stack[depth + 1] < 0) {
			rc = -errno;
			break;
		}
		depth++;
	}
	while (depth)
		close(stack[depth--]);
	return rc;
}

/* Whatever resolved the path, a regular-file open is kept only for one. */
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

int open_in_root_userspace(const char *root, const char *path, int flags, int *fd)
{
	int f = -1, rc, rootfd = open(root, O_PATH | O_DIRECTORY | O_CLOEXEC);

	if (rootfd < 0)
		return -errno;
	flags |= O_CLOEXEC | (flags & O_PATH ? 0 : O_NOCTTY | O_NONBLOCK);
	rc = walk_in_root(rootfd, path, flags, &f);
	close(rootfd);
	return finish(rc, f, flags, fd);
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
	rc = f < 0 ? -errno : 0;
	if (rc == -ENOSYS || rc == -EPERM)
		rc = walk_in_root(rootfd, path, flags, &f);
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
	default:
		return strerror(-neg_errno);
	}
}
