/*
 * snapshot.c - record everything the probes read on this machine, so that
 * `specbench probe --sysroot DIR` prints the same facts anywhere (bug
 * reports, test fixtures).
 *
 * It is a probe run with a recorder attached to the path layer (see
 * base/sysroot.h): the recorded tree holds exactly the bytes the probes
 * saw, plus the generated files (raw CPUID, hypervisor, addresses) and the
 * run document of the recording itself, specbench/probe.json, to compare a
 * replay with.
 *
 * Nothing half-made is left behind: the recording takes milliseconds, so
 * SIGINT, SIGTERM and SIGHUP are held back while it runs; when one arrived,
 * or the recording failed, the snapshot is removed.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/recorder.h"
#include "base/files.h"
#include "base/rmtree.h"
#include "model/rundoc.h"
#include "probe.h"
#include "snapshot.h"

static int dir_is_empty(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *de;
	int empty = 1;

	if (!d)
		return errno == ENOENT ? 1 : -errno;
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			empty = 0;
	closedir(d);
	return empty;
}

/* Create the snapshot directory and record into it; real gets its
 * absolute path as soon as it exists. */
static int record_probe(const char *out, struct probe_ctx *ctx, struct sb_recorder *rec,
		  char *real, struct sb_error *err)
{
	char path[PATH_MAX + 64];
	json_t *doc;
	int rc = mkdir_p(out, 0755);

	if (rc)
		return sb_fail(err, SB_EXIT_SYSTEM, "%s: cannot create: %s", out, strerror(-rc));
	if (!realpath(out, real))
		return sb_fail(err, SB_EXIT_SYSTEM, "%s: %s", out, strerror(errno));
	rec->dir = real;
	doc = rundoc_new(probe_host(ctx->sr));
	if (!doc)
		return sb_fail(err, SB_EXIT_SYSTEM, "out of memory");
	rc = probes_run(ctx, doc, err);
	if (rc == 0) {
		snprintf(path, sizeof(path), "%s/" SR_GENERATED_DIR, real);
		rc = mkdir_p(path, 0755);
		snprintf(path, sizeof(path), "%s/" SR_GENERATED_DIR "/probe.json", real);
		rc = rc ? sb_fail(err, SB_EXIT_SYSTEM, "%s: %s", path, strerror(-rc))
			: rundoc_write(doc, path, err);
	}
	json_decref(doc);
	if (rc == 0 && rec->errors)
		rc = sb_fail(err, SB_EXIT_SYSTEM, "%d path(s) could not be recorded, first: %s",
			     rec->errors, rec->first_error);
	return rc;
}

int probes_snapshot(const char *out, const char *dir, struct snapshot_result *res, struct sb_error *err)
{
	struct sb_recorder rec = { NULL, 0, "", 0 };
	struct sysroot sr = { NULL, &rec };
	struct probe_ctx ctx = { &sr, NULL, NULL, dir, NULL };
	sigset_t hold, saved, pending;
	int rc, created, interrupted;

	res->path[0] = '\0';
	res->files = 0;
	rc = dir_is_empty(out);
	if (rc < 0)
		return sb_fail(err, SB_EXIT_USAGE, "%s: %s", out, strerror(-rc));
	if (!rc)
		return sb_fail(err, SB_EXIT_USAGE, "%s: not empty; a snapshot needs a new or empty directory", out);
	created = access(out, F_OK) != 0;
	sigemptyset(&hold);
	sigaddset(&hold, SIGINT);
	sigaddset(&hold, SIGTERM);
	sigaddset(&hold, SIGHUP);
	sigprocmask(SIG_BLOCK, &hold, &saved);
	rc = record_probe(out, &ctx, &rec, res->path, err);
	sigpending(&pending);
	interrupted = sigismember(&pending, SIGINT) ? SIGINT : sigismember(&pending, SIGTERM) ? SIGTERM :
		      sigismember(&pending, SIGHUP) ? SIGHUP : 0;
	if ((rc || interrupted) && res->path[0])
		rm_tree(res->path, !created);
	if (interrupted)
		return interrupted;  /* the signal stays blocked: the caller exits with 128+N */
	sigprocmask(SIG_SETMASK, &saved, NULL);
	res->files = rec.files;
	return rc;
}
