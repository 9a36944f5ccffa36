/* session.c - one benchmark session; see session.h. */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

#include "base/blockdev.h"
#include "base/exec.h"
#include "base/hostlock.h"
#include "base/jsonutil.h"
#include "base/docpath.h"
#include "base/strbuf.h"
#include "datadir.h"
#include "session.h"

void bench_opts_defaults(struct bench_opts *o)
{
	*o = (struct bench_opts){ .profile = PROFILE_QUICK, .dir = "/var/tmp", .repeat = 1, .warmup = true,
				  .net = { NULL, NULL, 4, false, false } };
}

json_t *bench_commands(const struct bench_opts *o)
{
	char dir[PATH_MAX];
	struct bench_ctx ctx = { o->profile, dir, -1, false, &o->net };
	json_t *out = json_object();
	const struct bench_ops *b;

	snprintf(dir, sizeof(dir), "%s/specbench-XXXXXX/data", o->dir);
	for (size_t k = 0; (b = bench_at(k)); k++) {
		struct argv_buf av;
		char line[4096];
		struct strbuf sb;

		if (!bench_selected(o->only, b->id) || b->command(b, &ctx, false, &av))
			continue;
		strbuf_fixed(&sb, line, sizeof(line));
		for (int i = 0; i < av.argc; i++) {
			strbuf_sep(&sb, " ");
			strbuf_addstr(&sb, av.argv[i]);
		}
		json_object_set_new(out, b->id, json_string(line));
	}
	return out;
}

void bench_print_commands(const struct bench_opts *o, FILE *out)
{
	json_t *cmds = bench_commands(o), *v;
	const char *id;

	json_object_foreach(cmds, id, v)
		fprintf(out, "%s\n", json_string_value(v));
	json_decref(cmds);
}

/* Tools present, dir usable and roomy enough. */
static int preflight(const struct bench_opts *o, struct sb_error *err)
{
	const struct bench_ops *b;
	uint64_t need = 0;
	struct statvfs vfs;
	struct stat st;

	for (size_t k = 0; (b = bench_at(k)); k++) {
		if (!bench_selected(o->only, b->id))
			continue;
		char path[PATH_MAX];

		if (bench_tool_path(b, path, sizeof(path)))
			return sb_fail(err, SB_EXIT_SYSTEM, "%s, specbench's helper program, is neither next to "
				       "specbench nor in its libexec directory: reinstall specbench", bench_tool(b));
		if (!exec_in_path(path))
			return sb_fail(err, SB_EXIT_SYSTEM, "%s is not installed: install the Debian package '%s' "
				       "(apt-get install %s)", bench_tool(b), b->package, b->package);
		if (b->space && b->space(b, o->profile) > need)
			need = b->space(b, o->profile);
	}
	if (!need)
		return 0;
	if (stat(o->dir, &st) || !S_ISDIR(st.st_mode))
		return sb_fail(err, SB_EXIT_USAGE, "--dir %s: not a directory", o->dir);
	if (access(o->dir, W_OK | X_OK))
		return sb_fail(err, SB_EXIT_USAGE, "--dir %s: not writable: %s", o->dir, strerror(errno));
	if (statvfs(o->dir, &vfs))
		return sb_fail(err, SB_EXIT_SYSTEM, "--dir %s: %s", o->dir, strerror(errno));
	/* each benchmark's files are removed before the next, so the largest counts */
	if ((uint64_t)vfs.f_bavail * vfs.f_frsize < need + need / 10)
		return sb_fail(err, SB_EXIT_SYSTEM,
			       "--dir %s: %.1f GiB free, the %s profile needs %.1f GiB (and a 10 %% margin)",
			       o->dir, (double)vfs.f_bavail * vfs.f_frsize / (1 << 30),
			       bench_profile_name(o->profile), (double)need / (1 << 30));
	return 0;
}

void bench_print_table(const json_t *doc, FILE *out)
{
	const struct bench_ops *b;

	fprintf(out, "%-16s %-8s %s\n", "benchmark", "status", "result");
	for (size_t k = 0; (b = bench_at(k)); k++) {
		const json_t *r = rd_get(rd_get(doc, "bench"), b->id), *w;
		const char *status = rd_str(r, "status");
		char line[512] = "";
		size_t i;

		if (!status)
			continue;
		if (!strcmp(status, "ok") && b->summary)
			b->summary(r, line, sizeof(line));
		else
			snprintf(line, sizeof(line), "%s", rd_str_or(r, "error", ""));
		fprintf(out, "%-16s %-8s %s\n", b->id, status, line);
		json_array_foreach(json_object_get(r, "warnings"), i, w)
			fprintf(out, "%-16s %-8s ! %s\n", "", "", json_string_value(w));
	}
}

/* specbench's own cost, children excluded: it must not change what it
 * measures (make benchmark reads this). */
static void record_self(json_t *doc)
{
	struct rusage ru;

	if (getrusage(RUSAGE_SELF, &ru))
		return;
	json_object_set_new(json_object_get(doc, "bench"), "self", json_pack("{s:f, s:I}",
		"cpu_s", (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
			 (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6,
		"max_rss_kib", (json_int_t)ru.ru_maxrss));
}

/* The block device the data files land on (its bytes are counted around
 * each disk benchmark), by the same lookup as the storage probe's. */
static const char *data_device(const char *datadir, struct dir_mount *m)
{
	char real[PATH_MAX];

	if (!realpath(datadir, real) || blockdev_dir_mount(NULL, real, m) || !m->device[0])
		return NULL;
	return m->device;
}

static long elapsed_ms(const struct timespec *since)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - since->tv_sec) * 1000 + (now.tv_nsec - since->tv_nsec) / 1000000;
}

/* The host's benchmark lock (base/hostlock.h), waited for up to
 * o->lock_wait seconds while a signal can still end the wait.  0: taken
 * into *fd; 1: interrupted; -1 with err. */
static int take_host_lock(const struct bench_opts *o, int sigfd, int *fd, struct sb_error *err)
{
	char path[PATH_MAX], holder[160];
	struct timespec start;
	struct pollfd p = { sigfd, POLLIN, 0 };
	bool said = false;
	int rc;

	if ((rc = hostlock_path(path, sizeof(path))))
		return sb_fail(err, SB_EXIT_SYSTEM, "the host's benchmark lock cannot be placed: %s: %s", HOSTLOCK_DIR,
			       rc == -EPERM ? "not a directory of root's alone (made by someone else?)" : strerror(-rc));
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		rc = hostlock_try(path, fd, holder, sizeof(holder));
		if (rc == 0)
			return 0;
		if (rc < 0)
			return sb_fail(err, SB_EXIT_SYSTEM, "the host's benchmark lock %s cannot be opened: %s "
				       "(SPECBENCH_LOCK names another file)", path,
				       rc == -EPERM ? "not a regular file of this user's or root's" :
				       rc == -ELOOP ? "a symbolic link, never followed" : strerror(-rc));
		if (!*holder)
			snprintf(holder, sizeof(holder), "a process that did not say who it is");
		if (elapsed_ms(&start) >= o->lock_wait * 1000L)
			return o->lock_wait ?
				sb_fail(err, SB_EXIT_SYSTEM, "waited %d s for the benchmark that runs on this host "
					"(%s holds %s): not measured", o->lock_wait, holder, path) :
				sb_fail(err, SB_EXIT_SYSTEM, "another benchmark runs on this host (%s holds %s): two "
					"at once would measure each other; --lock-wait SECONDS waits for it",
					holder, path);
		if (!said)
			fprintf(stderr, "specbench: another benchmark runs on this host (%s holds %s); "
				"waiting up to %d s\n", holder, path, o->lock_wait);
		said = true;
		if (poll(&p, 1, 250) > 0 && exec_signal_pending(sigfd))
			return 1;
	}
}

int bench_session_run(json_t *doc, const struct bench_opts *o, struct sb_error *err)
{
	struct bench_run_opts ro;
	struct bench_ctx ctx;
	struct dir_mount mount;
	char rundir[PATH_MAX], datadir[PATH_MAX + 8];
	sigset_t saved;
	int outcome, sigfd, rc, stale, lock_fd = -1, host_fd = -1;

	if (preflight(o, err))
		return -1;
	sigfd = exec_signals_begin(&saved);
	rc = take_host_lock(o, sigfd, &host_fd, err);
	if (rc) {
		/* interrupted while waiting: the signal stays pending, as below */
		exec_signals_end(rc > 0 ? -1 : sigfd, &saved);
		if (rc > 0)
			close(sigfd);
		return rc > 0 ? BENCH_INTERRUPTED : -1;
	}
	stale = datadir_clean_stale(o->dir);
	if (stale)
		fprintf(stderr, "specbench: removed %d data director%s left by runs that were killed\n",
			stale, stale == 1 ? "y" : "ies");
	rc = datadir_create(o->dir, rundir, sizeof(rundir), datadir, sizeof(datadir), &lock_fd);
	if (rc) {
		exec_signals_end(sigfd, &saved);
		hostlock_release(host_fd);
		return sb_fail(err, SB_EXIT_SYSTEM, "--dir %s: cannot create a private directory: %s",
			       o->dir, strerror(-rc));
	}
	ro = (struct bench_run_opts){ o->only, o->repeat, o->warmup, data_device(datadir, &mount) };
	ctx = (struct bench_ctx){ o->profile, datadir, sigfd, o->progress, &o->net };
	json_object_set_new(doc, "bench", json_pack("{s:s, s:s, s:o, s:i, s:b}",
		"profile", bench_profile_name(o->profile), "dir", o->dir,
		"device", ro.device ? json_string(ro.device) : json_null(),
		"repeat", o->repeat, "warmup", o->warmup));
	outcome = bench_run(&ctx, &ro, doc);
	record_self(doc);
	rc = datadir_remove(rundir, lock_fd);
	if (rc)
		fprintf(stderr, "specbench: cannot remove %s: %s\n", rundir, strerror(-rc));
	hostlock_release(host_fd);
	/* after an interrupt the signal stays blocked and pending: specbench exits
	 * with 128+N itself (exec_interrupt_status) */
	exec_signals_end(outcome == BENCH_INTERRUPTED ? -1 : sigfd, &saved);
	if (outcome == BENCH_INTERRUPTED)
		close(sigfd);
	return outcome;
}
