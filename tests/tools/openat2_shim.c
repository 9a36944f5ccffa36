/*
 * openat2_shim.c - openat2() for programs run under valgrind 3.19, which
 * does not know the system call and answers ENOSYS.  Tests only: specbench
 * itself has no user-space fallback (base/safeopen.c refuses to read a
 * sysroot without the kernel's RESOLVE_IN_ROOT), so without this shim its
 * memory checks under Debian 12's valgrind could not read a recorded machine.
 *
 * Loaded with LD_PRELOAD, it interposes glibc's syscall(): SYS_openat2 goes
 * to the kernel first, and only when that answers ENOSYS is the same
 * resolution done here - one component at a time, never following a link
 * by itself: a link's target is spliced in front of the rest of the path,
 * an absolute one restarting at the root, and ".." never climbing above it.
 * test_safeopen.c runs its escape attacks under valgrind through this walk,
 * so the shim is held to the kernel's answers.  Every other call is passed on.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

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


typedef long (*syscall_fn)(long, ...);

long syscall(long number, ...)
{
	static syscall_fn real;
	long a[6];
	va_list ap;

	va_start(ap, number);
	for (int i = 0; i < 6; i++)
		a[i] = va_arg(ap, long);
	va_end(ap);
	if (!real)
		real = (syscall_fn)dlsym(RTLD_NEXT, "syscall");
	if (number == SYS_openat2) {
		const struct open_how *how = (const struct open_how *)a[2];
		long f = real(number, a[0], a[1], a[2], a[3]);
		int fd = -1, rc;

		if (f >= 0 || errno != ENOSYS || !(how->resolve & RESOLVE_IN_ROOT))
			return f;
		rc = walk_in_root((int)a[0], (const char *)a[1], (int)how->flags, &fd);
		if (rc) {
			errno = -rc;
			return -1;
		}
		return fd;
	}
	return real(number, a[0], a[1], a[2], a[3], a[4], a[5]);
}
