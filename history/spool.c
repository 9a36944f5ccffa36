/* spool.c - see spool.h. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/jsonutil.h"
#include "core/rundoc.h"
#include "core/util.h"
#include "spool.h"

void spool_default_dir(char *buf, size_t size)
{
	data_path("spool", buf, size);
}

int spool_keep(const char *dir, const json_t *doc, char *path, size_t size, struct sb_error *err)
{
	int rc = mkdir_p(dir, 0700);

	if (rc)
		return sb_fail(err, SB_EXIT_SYSTEM, "%s: cannot create: %s", dir, strerror(-rc));
	return rundoc_store_run(doc, dir, path, size, err);
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

int spool_ship(struct history *h, const char *dir, size_t *shipped, struct sb_error *err)
{
	struct dirent **names;
	int n = scandir(dir, &names, is_document, alphasort), rc = 0;
	char bad[PATH_MAX] = "";

	*shipped = 0;
	if (n < 0)
		return errno == ENOENT ? 0 : sb_fail(err, SB_EXIT_SYSTEM, "%s: cannot read: %s", dir, strerror(errno));
	/* names sort oldest first (rundoc_store_run names by time) */
	for (int i = 0; i < n; i++) {
		char path[PATH_MAX], *text = NULL;
		struct sb_error why;
		json_t *doc = NULL;
		long long id;
		bool added;

		if (rc == 0) {
			snprintf(path, sizeof(path), "%.3000s/%.255s", dir, names[i]->d_name);
			doc = json_load_text(path, 0, &text, &why);
			if (!doc || history_add(h, doc, text, &id, &added, &why)) {
				if (why.code == SB_EXIT_USAGE) {
					/* not a run document: it stays for a person to see,
					 * and the others are shipped */
					if (!bad[0])
						snprintf(bad, sizeof(bad), "%.2000s: %.1000s", path, why.msg);
				} else {
					*err = why;
					rc = -1;
				}
			} else if (unlink(path) && errno != ENOENT) {
				rc = sb_fail(err, SB_EXIT_SYSTEM, "%s: shipped, but cannot be removed: %s", path,
					     strerror(errno));
			} else
				(*shipped)++;
			json_decref(doc);
			free(text);
		}
		free(names[i]);
	}
	free(names);
	if (rc == 0 && bad[0])
		rc = sb_fail(err, SB_EXIT_USAGE, "%s (left in the spool)", bad);
	return rc;
}
