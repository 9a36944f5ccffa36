/* outfiles.c - see outfiles.h. */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/files.h"
#include "outfiles.h"

void outputs_free(struct outputs *o)
{
	for (size_t i = 0; i < o->n; i++)
		free(o->v[i].data);
	free(o->v);
}

struct out_file *outputs_add(struct outputs *o, const char *name, struct sb_error *err)
{
	struct out_file *v = realloc(o->v, (o->n + 1) * sizeof(*v));

	if (!v) {
		sb_fail(err, SB_EXIT_SYSTEM, "out of memory");
		return NULL;
	}
	o->v = v;
	memset(&v[o->n], 0, sizeof(v[o->n]));
	snprintf(v[o->n].name, sizeof(v[o->n].name), "%s", name);
	return &v[o->n++];
}

static int write_one(const char *dir, const struct out_file *f, struct sb_error *err)
{
	char path[PATH_MAX];
	int rc;

	snprintf(path, sizeof(path), "%.3000s/%.200s", dir, f->name);
	rc = write_file_replace(path, f->data, f->len);
	return rc ? sb_fail(err, SB_EXIT_SYSTEM, "%s: cannot write: %s", path, strerror(-rc)) : 0;
}

int outputs_write(const char *dir, const struct outputs *outs, struct sb_error *err)
{
	sigset_t stop, old, pending;
	int rc = 0, e = mkdir_p(dir, 0755);

	if (e)
		return sb_fail(err, SB_EXIT_SYSTEM, "-o %s: cannot create: %s", dir, strerror(-e));
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGHUP);
	sigprocmask(SIG_BLOCK, &stop, &old);
	for (size_t i = 0; i < outs->n && rc == 0; i++)
		rc = write_one(dir, &outs->v[i], err);
	sigpending(&pending);
	for (int s = 1; s < 32 && rc == 0; s++)
		if (sigismember(&stop, s) && sigismember(&pending, s))
			rc = SB_EXIT_SIGNAL + s;
	sigprocmask(SIG_SETMASK, &old, NULL);
	return rc;
}

int outputs_prune(const char *dir, const struct outputs *outs, const char *prefix, struct sb_error *err)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int rc = 0;

	if (!d)
		return sb_fail(err, SB_EXIT_SYSTEM, "-o %s: cannot read: %s", dir, strerror(errno));
	while ((e = readdir(d)) && rc == 0) {
		bool ours = false;

		if (strncmp(e->d_name, prefix, strlen(prefix)) || e->d_type == DT_DIR)
			continue;
		for (size_t i = 0; i < outs->n && !ours; i++)
			ours = !strcmp(outs->v[i].name, e->d_name);
		/* never a link's target: unlinkat removes the name itself */
		if (!ours && unlinkat(dirfd(d), e->d_name, 0) && errno != ENOENT)
			rc = sb_fail(err, SB_EXIT_SYSTEM, "%s/%s: cannot remove: %s", dir, e->d_name, strerror(errno));
	}
	closedir(d);
	return rc;
}
