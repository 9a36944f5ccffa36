/*
 * test_rmtree.c - removing a tree through directory descriptors: links are
 * removed, never followed; a directory swapped for a link is left alone;
 * another user's tree is not touched when only the caller's may be.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/rmtree.h"
#include "harness.h"

static void touch(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	if (fd >= 0)
		close(fd);
}

void suite_rmtree(struct t *t)
{
	char top[] = "/tmp/specbench-rmtree-XXXXXX", p[640], victim[640], outside[512];

	if (!mkdtemp(top)) {
		CHECK(t, !"mkdtemp");
		return;
	}
	/* a victim outside the tree, reached through links inside it */
	snprintf(outside, sizeof(outside), "%s/outside", top);
	mkdir(outside, 0700);
	snprintf(victim, sizeof(victim), "%s/victim", outside);
	touch(victim);
	snprintf(p, sizeof(p), "%s/tree", top);
	mkdir(p, 0700);
	snprintf(p, sizeof(p), "%s/tree/data", top);
	mkdir(p, 0700);
	snprintf(p, sizeof(p), "%s/tree/data/file", top);
	touch(p);
	snprintf(p, sizeof(p), "%s/tree/data/to-dir", top);
	CHECK(t, symlink(outside, p) == 0);
	snprintf(p, sizeof(p), "%s/tree/to-file", top);
	CHECK(t, symlink(victim, p) == 0);
	snprintf(p, sizeof(p), "%s/tree", top);
	CHECK_INT(t, rmtree_path(p, false, true), 0);
	CHECK(t, access(p, F_OK) != 0);
	CHECK(t, access(victim, F_OK) == 0);  /* the links went, not what they named */

	/* keep_top empties and keeps; a gone tree is no error */
	snprintf(p, sizeof(p), "%s/keep", top);
	mkdir(p, 0700);
	snprintf(p, sizeof(p), "%s/keep/x", top);
	touch(p);
	snprintf(p, sizeof(p), "%s/keep", top);
	CHECK_INT(t, rmtree_path(p, true, true), 0);
	CHECK(t, access(p, F_OK) == 0);
	CHECK_INT(t, rmtree_path(p, false, true), 0);
	CHECK_INT(t, rmtree_path(p, false, true), 0);

	/* the top is a link: not followed, not removed */
	snprintf(p, sizeof(p), "%s/link-top", top);
	CHECK(t, symlink(outside, p) == 0);
	CHECK(t, rmtree_path(p, false, false) < 0);
	CHECK(t, access(victim, F_OK) == 0);
	unlink(p);

	/* another user's tree (here root makes one for uid 65534) is not the
	 * caller's to remove */
	if (geteuid() == 0) {
		snprintf(p, sizeof(p), "%s/theirs", top);
		mkdir(p, 0700);
		snprintf(outside, sizeof(outside), "%s/theirs/file", top);
		touch(outside);
		CHECK(t, chown(p, 65534, 65534) == 0);
		CHECK_INT(t, rmtree_path(p, false, true), -EPERM);
		CHECK(t, access(outside, F_OK) == 0);
		CHECK_INT(t, rmtree_path(p, false, false), 0);  /* without the check: removed */
	}
	snprintf(p, sizeof(p), "%s", top);
	CHECK_INT(t, rmtree_path(p, false, false), 0);
	CHECK(t, access(top, F_OK) != 0);
}
