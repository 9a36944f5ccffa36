/* blockdev.c - the device behind a directory; see blockdev.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysmacros.h>
#include <libmount.h>

#include "blockdev.h"

/* The longest mount point that is a prefix of `dir`.  mountinfo is read by
 * libmount, which knows its escapes (a mount point "/srv/my data" is
 * written "/srv/my\040data") and its optional fields. */
static int find_mount(const char *mountinfo, const char *dir, struct dir_mount *m)
{
	struct libmnt_table *tb = mnt_new_table();
	struct libmnt_iter *it = mnt_new_iter(MNT_ITER_FORWARD);
	struct libmnt_fs *fs;
	FILE *f = fmemopen((void *)mountinfo, strlen(mountinfo), "r");
	size_t best = 0;
	int found = 0;

	if (!tb || !it || !f || mnt_table_parse_stream(tb, f, "mountinfo")) {
		if (f)
			fclose(f);
		mnt_free_iter(it);
		mnt_unref_table(tb);
		return 0;
	}
	fclose(f);
	while (mnt_table_next_fs(tb, it, &fs) == 0) {
		const char *point = mnt_fs_get_target(fs);
		dev_t dev = mnt_fs_get_devno(fs);
		size_t len = point ? strlen(point) : 0;

		if (!len || strncmp(dir, point, len) || (len > 1 && dir[len] && dir[len] != '/'))
			continue;
		if (len >= best) {
			best = len;
			m->major = major(dev);
			m->minor = minor(dev);
			snprintf(m->mount_point, sizeof(m->mount_point), "%s", point);
			snprintf(m->fstype, sizeof(m->fstype), "%s", mnt_fs_get_fstype(fs) ? mnt_fs_get_fstype(fs) : "");
			snprintf(m->source, sizeof(m->source), "%s", mnt_fs_get_source(fs) ? mnt_fs_get_source(fs) : "");
			found = 1;
		}
	}
	mnt_free_iter(it);
	mnt_unref_table(tb);
	return found;
}

int blockdev_name(const struct sysroot *sr, unsigned major, unsigned minor, char *name, size_t size)
{
	char path[64], link[512];
	const char *base;
	int rc;

	snprintf(path, sizeof(path), "/sys/dev/block/%u:%u", major, minor);
	rc = sr_readlink(sr, path, link, sizeof(link));
	if (rc)
		return rc;
	base = strrchr(link, '/');
	snprintf(name, size, "%s", base ? base + 1 : link);
	return 0;
}

int blockdev_dir_mount(const struct sysroot *sr, const char *dir, struct dir_mount *m)
{
	char *mountinfo;
	int rc = sr_read(sr, "/proc/self/mountinfo", &mountinfo, NULL), found;

	memset(m, 0, sizeof(*m));
	if (rc)
		return rc;
	found = find_mount(mountinfo, dir, m);
	free(mountinfo);
	if (!found)
		return 1;
	if (blockdev_name(sr, m->major, m->minor, m->device, sizeof(m->device)))
		m->device[0] = '\0';
	return 0;
}
