/*
 * cmd_snapshot.c - `specbench snapshot -o DIR`: record everything the probes
 * read on this machine, so that `specbench probe --sysroot DIR` prints the
 * same facts anywhere (bug reports, test fixtures).
 *
 * It is a probe run with a recorder attached to the path layer (see
 * sysroot.h): the recorded tree holds exactly the bytes the probes saw, plus
 * the generated files (raw CPUID, hypervisor, addresses) and the run
 * document of the recording itself, specbench/probe.json, to compare a
 * replay with.
 *
 * Nothing half-made is left behind: the recording takes milliseconds, so
 * SIGINT, SIGTERM and SIGHUP are held back while it runs; when one arrived,
 * or the recording failed, the snapshot is removed before specbench exits.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "core/recorder.h"
#include "core/rundoc.h"
#include "core/util.h"
#include "probes/probe.h"

struct snapshot_args {
	const char *output, *dir;
};

static const struct opt snapshot_options[] = {
	OPT_STRING_REQ('o', "output", struct snapshot_args, output, "DIR", "where to record (required)"),
	OPT_STRING(0, "dir", struct snapshot_args, dir, "DIR",
		   "directory whose filesystem the storage probe follows\n(default /var/tmp)"),
	OPT_END(),
};

const struct cmd_help help_snapshot = {
	"specbench snapshot", NULL,
	"Record what the probes read on this machine into DIR (created; must be\n"
	"empty), for replay elsewhere with 'specbench probe --sysroot DIR'.",
	NULL,
	"Run as root to include the SMBIOS table.  The snapshot holds host names\n"
	"and addresses: review it before you share it.\n",
	snapshot_options,
};

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
static int record(const char *out, struct probe_ctx *ctx, struct sb_recorder *rec,
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
	doc = rundoc_new(ctx->sr);
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

int cmd_snapshot(int argc, char **argv, struct sb_error *err)
{
	struct snapshot_args a = { NULL, "/var/tmp" };
	struct sb_recorder rec = { NULL, 0, "", 0 };
	struct sysroot sr = { NULL, &rec };
	struct probe_ctx ctx = { &sr, NULL, NULL, NULL, NULL };
	char dir_abs[PATH_MAX];
	char real[PATH_MAX] = "";
	const char *out;
	sigset_t hold, saved, pending;
	int rc, created, interrupted;

	rc = parse_options(argc, argv, &help_snapshot, &a, err);
	if (rc <= 0)
		return rc;
	if (abs_dir(a.dir, dir_abs, sizeof(dir_abs)))
		return sb_usage(err, "--dir: '%s' cannot be made absolute", a.dir);
	ctx.dir = dir_abs;
	out = a.output;
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
	rc = record(out, &ctx, &rec, real, err);
	sigpending(&pending);
	interrupted = sigismember(&pending, SIGINT) ? SIGINT : sigismember(&pending, SIGTERM) ? SIGTERM :
		      sigismember(&pending, SIGHUP) ? SIGHUP : 0;
	if ((rc || interrupted) && real[0])
		rm_tree(real, !created);
	if (interrupted) {
		/* the signal stays blocked: exit with the conventional 128+N instead */
		fprintf(stderr, "specbench snapshot: interrupted; %s removed\n", out);
		return SB_EXIT_SIGNAL + interrupted;
	}
	sigprocmask(SIG_SETMASK, &saved, NULL);
	if (rc)
		return -1;
	printf("recorded %u files into %s\n", rec.files, real);
	printf("replay with: specbench probe --sysroot %s\n", real);
	return 0;
}
