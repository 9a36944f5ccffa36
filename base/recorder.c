/*
 * recorder.c - copy what the probes read into a snapshot; see recorder.h.
 *
 * The path of each file is walked component by component on the live
 * machine.  A symbolic link met on the way is recreated in the snapshot (its
 * target made relative, so it cannot escape the snapshot on replay) and the
 * walk continues at its target; directories are created as they come.  The
 * result is a tree in which the probe's own path resolves, through the same
 * links, to the bytes it read.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "recorder.h"
#include "strbuf.h"
#include "sysroot.h"
#include "files.h"

#define MAX_LINK_HOPS 40

static void rec_error(struct sb_recorder *rec, const char *path, int neg_errno)
{
	if (!rec->errors++)
		snprintf(rec->first_error, sizeof(rec->first_error), "%s: %s",
			 path, strerror(-neg_errno));
}

/* Drop the last component of an absolute path in place ("/a/b" -> "/a"). */
static void drop_last(char *path)
{
	char *slash = strrchr(path, '/');

	if (slash)
		*slash = '\0';
}

/* Make a link target that is absolute on the live machine relative to the
 * directory holding the link, so it resolves inside the snapshot. */
static void relative_target(const char *linkdir, const char *target, char *out, size_t size)
{
	struct strbuf sb;

	strbuf_fixed(&sb, out, size);
	if (target[0] != '/') {
		strbuf_addstr(&sb, target);
		return;
	}
	for (const char *p = linkdir; *p; p++)
		if (*p == '/')
			strbuf_addstr(&sb, "../");
	strbuf_addstr(&sb, target + 1);
}

static int make_link(struct sb_recorder *rec, const char *dir, const char *name,
		     const char *target)
{
	char dest[PATH_MAX], rel[PATH_MAX];

	relative_target(dir, target, rel, sizeof(rel));
	if (snprintf(dest, sizeof(dest), "%s%s/%s", rec->dir, dir, name) >= (int)sizeof(dest))
		return -ENAMETOOLONG;
	if (symlink(rel, dest) && errno != EEXIST)
		return -errno;
	return 0;
}

/*
 * Resolve `path` on the live machine, recreating links and directories in
 * the snapshot.  `keep_last` leaves the last component unresolved (for a
 * link that is itself the object recorded).  On success `resolved` holds the
 * live path with every link resolved, and its parent exists in the snapshot.
 */
static int record_path(struct sb_recorder *rec, const char *path, bool keep_last,
		char *resolved, size_t size)
{
	char todo[PATH_MAX], next[PATH_MAX], target[PATH_MAX], cand[PATH_MAX], dest[PATH_MAX];
	int hops = 0;

	if (snprintf(todo, sizeof(todo), "%s", path) >= (int)sizeof(todo))
		return -ENAMETOOLONG;
	resolved[0] = '\0';
	while (todo[0]) {
		char *p = todo, *comp, *rest;
		struct stat st;
		bool last;

		while (*p == '/')
			p++;
		if (!*p)
			break;
		comp = p;
		rest = strchr(p, '/');
		if (rest)
			*rest++ = '\0';
		else
			rest = comp + strlen(comp);
		while (*rest == '/')
			rest++;
		last = !*rest;
		if (!strcmp(comp, ".")) {
			memmove(todo, rest, strlen(rest) + 1);
			continue;
		}
		if (!strcmp(comp, "..")) {
			drop_last(resolved);
			memmove(todo, rest, strlen(rest) + 1);
			continue;
		}
		if (snprintf(cand, sizeof(cand), "%s/%s", resolved, comp) >= (int)sizeof(cand))
			return -ENAMETOOLONG;
		if (lstat(cand, &st))
			return -errno;
		if (S_ISLNK(st.st_mode) && !(last && keep_last)) {
			ssize_t n = readlink(cand, target, sizeof(target) - 1);
			int rc;

			if (n < 0)
				return -errno;
			target[n] = '\0';
			if (++hops > MAX_LINK_HOPS)
				return -ELOOP;
			rc = make_link(rec, resolved, comp, target);
			if (rc)
				return rc;
			if (target[0] == '/')
				resolved[0] = '\0';
			if (snprintf(next, sizeof(next), "%s/%s", target, rest) >= (int)sizeof(next))
				return -ENAMETOOLONG;
			memcpy(todo, next, strlen(next) + 1);
			continue;
		}
		memcpy(resolved, cand, strlen(cand) + 1);
		if (S_ISDIR(st.st_mode) && !last) {
			snprintf(dest, sizeof(dest), "%s%s", rec->dir, resolved);
			if (mkdir(dest, 0755) && errno != EEXIST)
				return -errno;
		}
		memmove(todo, rest, strlen(rest) + 1);
	}
	if (strlen(resolved) >= size)
		return -ENAMETOOLONG;
	return 0;
}

void rec_file(struct sb_recorder *rec, const char *path, const char *data, size_t len)
{
	char real[PATH_MAX], dest[PATH_MAX];
	int rc = record_path(rec, path, false, real, sizeof(real));

	if (!rc && snprintf(dest, sizeof(dest), "%s%s", rec->dir, real) >= (int)sizeof(dest))
		rc = -ENAMETOOLONG;
	if (!rc)
		rc = write_file(dest, data, len);
	if (rc)
		rec_error(rec, path, rc);
	else
		rec->files++;
}

void rec_dir(struct sb_recorder *rec, const char *path)
{
	char real[PATH_MAX], dest[PATH_MAX];
	int rc = record_path(rec, path, false, real, sizeof(real));

	if (!rc && snprintf(dest, sizeof(dest), "%s%s", rec->dir, real) >= (int)sizeof(dest))
		rc = -ENAMETOOLONG;
	if (!rc && mkdir(dest, 0755) && errno != EEXIST)
		rc = -errno;
	if (rc)
		rec_error(rec, path, rc);
}

void rec_link(struct sb_recorder *rec, const char *path, const char *target)
{
	char real[PATH_MAX], dir[PATH_MAX];
	const char *name;
	int rc = record_path(rec, path, true, real, sizeof(real));

	if (!rc) {
		memcpy(dir, real, strlen(real) + 1);
		drop_last(dir);
		name = strrchr(real, '/') + 1;
		rc = make_link(rec, dir, name, target);
	}
	if (rc)
		rec_error(rec, path, rc);
}

int rec_generated_path(struct sb_recorder *rec, const char *name, char *buf, size_t size)
{
	int rc;

	snprintf(buf, size, "%s/" SR_GENERATED_DIR, rec->dir);
	rc = mkdir_p(buf, 0755);
	if (!rc && snprintf(buf, size, "%s/" SR_GENERATED_DIR "/%s", rec->dir, name) >= (int)size)
		rc = -ENAMETOOLONG;
	if (rc)
		rec_error(rec, name, rc);
	else
		rec->files++;
	return rc;
}

void rec_generated(struct sb_recorder *rec, const char *name, const char *text)
{
	char dest[PATH_MAX];
	int rc = rec_generated_path(rec, name, dest, sizeof(dest));

	if (!rc)
		rc = write_file(dest, text, strlen(text));
	if (rc)
		rec_error(rec, name, rc);
}
