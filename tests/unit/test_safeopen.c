/*
 * test_safeopen.c - reads that cannot hang or escape: FIFOs and devices
 * refused, and a sysroot's links resolved inside it by openat2() (issue 10).
 * Under valgrind 3.19, which answers ENOSYS, tests/tools/openat2_shim.c
 * resolves instead, and these same attacks hold it to the kernel's answers.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/safeopen.h"
#include "base/files.h"
#include "base/rmtree.h"
#include "harness.h"

typedef int (*opener)(const char *root, const char *path, int flags, int *fd);

static void at(char *buf, const char *dir, const char *rel)
{
	snprintf(buf, PATH_MAX, "%s/%s", dir, rel);
}

/* Read a path of the tree through `open`; "" when it fails, with *rc. */
static const char *read_via(opener open_fn, const char *root, const char *path, int *rc,
			    char *buf, size_t size)
{
	int fd;
	ssize_t n;

	buf[0] = '\0';
	*rc = open_fn(root, path, O_RDONLY, &fd);
	if (*rc)
		return buf;
	n = read(fd, buf, size - 1);
	buf[n > 0 ? n : 0] = '\0';
	close(fd);
	return buf;
}

static void escapes(struct t *t, const char *root, opener open_fn)
{
	char buf[128];
	int rc, fd;

	CHECK_STR(t, read_via(open_fn, root, "/etc/hostname", &rc, buf, sizeof(buf)), "inside\n");
	/* an absolute link: the sysroot's /etc/hostname, not this machine's */
	CHECK_STR(t, read_via(open_fn, root, "/proc/abs", &rc, buf, sizeof(buf)), "inside\n");
	/* ../../.. never climbs above the root */
	CHECK_STR(t, read_via(open_fn, root, "/proc/up", &rc, buf, sizeof(buf)), "inside\n");
	CHECK_STR(t, read_via(open_fn, root, "/proc/../../../etc/hostname", &rc, buf, sizeof(buf)), "inside\n");
	/* a link through a linked directory */
	CHECK_STR(t, read_via(open_fn, root, "/dirlink/hostname", &rc, buf, sizeof(buf)), "inside\n");
	read_via(open_fn, root, "/proc/loop", &rc, buf, sizeof(buf));
	CHECK_INT(t, rc, -ELOOP);
	read_via(open_fn, root, "/proc/fifo", &rc, buf, sizeof(buf));
	CHECK_INT(t, rc, -SB_ENOTREG);
	read_via(open_fn, root, "/proc/missing", &rc, buf, sizeof(buf));
	CHECK_INT(t, rc, -ENOENT);
	read_via(open_fn, root, "/etc/hostname/x", &rc, buf, sizeof(buf));
	CHECK_INT(t, rc, -ENOTDIR);
	read_via(open_fn, root, "/etc", &rc, buf, sizeof(buf));
	CHECK_INT(t, rc, -EISDIR);
	CHECK_INT(t, open_fn(root, "/dirlink", O_RDONLY | O_DIRECTORY, &fd), 0);
	if (fd >= 0)
		close(fd);
}

void suite_safeopen(struct t *t)
{
	char tmpl[] = "/tmp/specbench-safeopen-XXXXXX", p[PATH_MAX], *text = NULL;
	const char *root = mkdtemp(tmpl);
	size_t len;

	CHECK(t, root != NULL);
	if (!root)
		return;
	at(p, root, "etc");
	mkdir(p, 0755);
	at(p, root, "proc");
	mkdir(p, 0755);
	at(p, root, "etc/hostname");
	CHECK_INT(t, write_file(p, "inside\n", 7), 0);
	at(p, root, "proc/abs");
	CHECK(t, symlink("/etc/hostname", p) == 0);
	at(p, root, "proc/up");
	CHECK(t, symlink("../../../../../../etc/hostname", p) == 0);
	at(p, root, "proc/loop");
	CHECK(t, symlink("loop", p) == 0);
	at(p, root, "dirlink");
	CHECK(t, symlink("/etc", p) == 0);
	at(p, root, "proc/fifo");
	CHECK(t, mkfifo(p, 0600) == 0);

	escapes(t, root, open_in_root);
	/* without openat2() nothing is read, and the error says what is missing */
	CHECK(t, strstr(safe_strerror(-ENOSYS), "openat2() is missing") != NULL);

	/* outside a sysroot: a FIFO and a device are refused without blocking */
	CHECK_INT(t, read_regular(p, 1024, &text, &len), -SB_ENOTREG);
	CHECK_INT(t, read_regular("/dev/zero", 1024, &text, &len), -SB_ENOTREG);
	CHECK_INT(t, read_regular(root, 1024, &text, &len), -EISDIR);
	at(p, root, "etc/hostname");
	CHECK_INT(t, read_regular(p, 1024, &text, &len), 0);
	CHECK_INT(t, len, 7);
	free(text);
	CHECK_INT(t, read_regular(p, 4, &text, &len), -EFBIG);
	CHECK(t, strstr(safe_strerror(-SB_ENOTREG), "not a regular file") != NULL);
	rm_tree(root, false);
}
