/*
 * spool.c - see spool.h.
 *
 * The spool is root's, but a document in it is read as root: each one is
 * opened relative to the spool's descriptor with O_NOFOLLOW and must be a
 * regular file of the spool's owner - a link planted there (to
 * /etc/shadow) or another user's file is named and left, never read.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/jsonutil.h"
#include "base/safeopen.h"
#include "base/files.h"
#include "model/rundoc.h"
#include "spool.h"

void spool_default_dir(char *buf, size_t size)
{
	data_path("spool", buf, size);
}

int spool_keep(const char *dir, const json_t *doc, const char *text, char *path, size_t size,
	       struct sb_error *err)
{
	int rc = mkdir_p(dir, 0700);

	if (rc)
		return sb_fail(err, SB_EXIT_SYSTEM, "%s: cannot create: %s", dir, strerror(-rc));
	return rundoc_store_run(doc, text, dir, path, size, err);
}

/* The spool's documents: NAME.json, not a temporary file (.NAME...). */
static int is_document(const struct dirent *e)
{
	size_t n = strlen(e->d_name);

	return e->d_name[0] != '.' && n > 5 && !strcmp(e->d_name + n - 5, ".json");
}

size_t spool_count(const char *dir)
{
	struct dirent **names;
	int n = scandir(dir, &names, is_document, alphasort);

	for (int i = 0; i < n; i++)
		free(names[i]);
	free(n > 0 ? names : NULL);
	return n > 0 ? (size_t)n : 0;
}

/* A spooled document, read only when it is a regular file of the caller's
 * (no link followed); its text in *text. */
static json_t *load_spooled(int dfd, const char *dir, const char *name, char **text, struct sb_error *err)
{
	struct stat st;
	json_error_t je;
	json_t *doc;
	size_t len;
	int fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC), rc;

	*text = NULL;
	if (fd < 0)
		return sb_fail(err, errno == ELOOP ? SB_EXIT_USAGE : SB_EXIT_SYSTEM, "%.3000s/%.255s: %s", dir, name,
			       errno == ELOOP ? "a symbolic link, never followed" : strerror(errno)), NULL;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) || st.st_uid != geteuid()) {
		close(fd);
		return sb_fail(err, SB_EXIT_USAGE, "%.3000s/%.255s: not a regular file of the spool's owner", dir,
			       name), NULL;
	}
	rc = read_all(fd, 64u << 20, text, &len);
	close(fd);
	if (rc)
		return sb_fail(err, SB_EXIT_SYSTEM, "%.3000s/%.255s: %s", dir, name, safe_strerror(rc)), NULL;
	if (!(doc = json_loadb(*text, len, 0, &je))) {
		free(*text);
		*text = NULL;
		return sb_fail(err, SB_EXIT_USAGE, "%.3000s/%.255s:%d:%d: %s", dir, name, je.line, je.column,
			       je.text), NULL;
	}
	return doc;
}

int spool_ship(struct history *h, const char *dir, size_t *shipped, struct sb_error *err)
{
	struct dirent **names;
	int n = scandir(dir, &names, is_document, alphasort), rc = 0, dfd;
	char bad[PATH_MAX] = "";

	*shipped = 0;
	if (n < 0)
		return errno == ENOENT ? 0 : sb_fail(err, SB_EXIT_SYSTEM, "%s: cannot read: %s", dir, strerror(errno));
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (dfd < 0)
		rc = sb_fail(err, SB_EXIT_SYSTEM, "%s: cannot open: %s", dir, strerror(errno));
	/* names sort oldest first (rundoc_store_run names by time) */
	for (int i = 0; i < n; i++) {
		char *text = NULL;
		struct sb_error why;
		json_t *doc = NULL;
		long long id;
		bool added;

		if (rc == 0) {
			const char *name = names[i]->d_name;

			doc = load_spooled(dfd, dir, name, &text, &why);
			if (!doc || history_add(h, doc, text, &id, &added, &why)) {
				if (why.code == SB_EXIT_USAGE) {
					/* not a run document: it stays for a person to see,
					 * and the others are shipped */
					if (!bad[0] && doc)  /* history_add's words lack the file */
						snprintf(bad, sizeof(bad), "%.2000s/%.255s: %.1000s", dir, name, why.msg);
					else if (!bad[0])
						snprintf(bad, sizeof(bad), "%.3000s", why.msg);
				} else {
					*err = why;
					rc = -1;
				}
			} else if (unlinkat(dfd, name, 0) && errno != ENOENT) {
				rc = sb_fail(err, SB_EXIT_SYSTEM, "%.3000s/%.255s: shipped, but cannot be removed: %s", dir,
					     name, strerror(errno));
			} else
				(*shipped)++;
			json_decref(doc);
			free(text);
		}
		free(names[i]);
	}
	free(names);
	if (dfd >= 0)
		close(dfd);
	if (rc == 0 && bad[0])
		rc = sb_fail(err, SB_EXIT_USAGE, "%s (left in the spool)", bad);
	return rc;
}
