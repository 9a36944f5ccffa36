/*
 * test_reaper.c - a tool's processes are all gone when exec_run() returns:
 * after a timeout, an interrupt, a normal end that left something behind,
 * and after the caller itself was killed with SIGKILL.  The tools here do
 * what fio's job processes do: leave the tool's process group with
 * setsid(), and ignore SIGTERM for good measure.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/exec.h"
#include "base/reaper.h"
#include "harness.h"

/* A shell whose background child left its session and ignores SIGTERM; it
 * prints that child's PID and waits for it. */
static char *const stubborn[] = {
	"sh", "-c",
	"setsid sh -c 'trap \"\" TERM; while :; do sleep 1; done' & echo $!; wait",
	NULL,
};

static int gone(pid_t pid)
{
	return pid > 0 && kill(pid, 0) < 0 && errno == ESRCH;
}

static pid_t parent_of(pid_t pid)
{
	char path[64], buf[512], *rp;
	long ppid = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%ld/stat", (long)pid);
	if (!(f = fopen(path, "re")))
		return 0;
	if (fgets(buf, sizeof(buf), f) && (rp = strrchr(buf, ')')))
		sscanf(rp + 1, " %*c %ld", &ppid);
	fclose(f);
	return (pid_t)ppid;
}

static pid_t first_pid(const char *out)
{
	long v = out ? strtol(out, NULL, 10) : 0;

	return v > 1 ? (pid_t)v : 0;
}

static void timeout_kills_the_tree(struct t *t)
{
	struct exec_opts o = { NULL, -1, 1.0, NULL, NULL };
	struct child_result r;
	pid_t orphan;

	CHECK(t, exec_run(stubborn, &o, &r) == 0);
	CHECK(t, r.timed_out);
	orphan = first_pid(r.out);
	CHECK(t, orphan > 0);
	CHECK(t, gone(orphan));  /* the moment exec_run returns, not later */
	CHECK_INT(t, r.survivors, 0);
	child_result_free(&r);
}

static void leftovers_of_a_finished_tool(struct t *t)
{
	char *const argv[] = { "sh", "-c", "setsid sleep 60 > /dev/null & echo $!", NULL };
	struct exec_opts o = { NULL, -1, 20, NULL, NULL };
	struct child_result r;
	pid_t left;

	CHECK(t, exec_run(argv, &o, &r) == 0);
	CHECK(t, !r.timed_out && !r.interrupted);
	CHECK(t, WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0);
	left = first_pid(r.out);
	CHECK(t, left > 0);
	CHECK(t, gone(left));
	child_result_free(&r);
}

static void spawn_errors(struct t *t)
{
	char *const argv[] = { "specbench-no-such-tool", NULL };
	struct exec_opts o = { NULL, -1, 5, NULL, NULL };
	struct exec_opts bad_cwd = { "/nonexistent/dir", -1, 5, NULL, NULL };
	char *const sh[] = { "sh", "-c", "true", NULL };
	struct child_result r;

	CHECK(t, exec_run(argv, &o, &r) == -1);
	CHECK_INT(t, r.spawn_errno, ENOENT);
	CHECK(t, exec_run(sh, &bad_cwd, &r) == -1);
	CHECK_INT(t, r.spawn_errno, ENOENT);
}

static void output_and_status(struct t *t)
{
	char *const argv[] = { "sh", "-c", "echo out; echo err >&2; exit 3", NULL };
	struct exec_opts o = { NULL, -1, 20, NULL, NULL };
	struct child_result r;

	CHECK(t, exec_run(argv, &o, &r) == 0);
	CHECK_STR(t, r.out, "out\n");
	CHECK_STR(t, r.err, "err\n");
	CHECK(t, WIFEXITED(r.status) && WEXITSTATUS(r.status) == 3);
	child_result_free(&r);
}

/* Ctrl-C arrives on the signalfd while the tool runs. */
static void interrupt_kills_the_tree(struct t *t)
{
	sigset_t saved, mine;
	struct exec_opts o = { NULL, -1, 30, NULL, NULL };
	struct child_result r;
	struct timespec zero = { 0, 0 };
	pid_t sender, orphan;

	o.sigfd = exec_signals_begin(&saved);
	CHECK(t, o.sigfd >= 0);
	sender = fork();
	if (sender == 0) {
		/* long enough for the shell to have said its child's PID, also
		 * on a loaded machine (the Ctrl-C would otherwise come first) */
		usleep(1500000);
		kill(getppid(), SIGINT);
		_exit(0);
	}
	CHECK(t, exec_run(stubborn, &o, &r) == 0);
	CHECK(t, r.interrupted);
	orphan = first_pid(r.out);
	CHECK(t, orphan > 0 && gone(orphan));
	child_result_free(&r);
	waitpid(sender, NULL, 0);
	sigemptyset(&mine);
	sigaddset(&mine, SIGINT);
	sigtimedwait(&mine, NULL, &zero);  /* the pending Ctrl-C exec_run kept */
	exec_signals_end(o.sigfd, &saved);
}

/* specbench killed with SIGKILL mid-run: its reaper stops the tool and waits
 * for every process of it.  This test process is a subreaper for the
 * while, so that it can wait for the orphaned reaper itself. */
static void sigkill_of_the_caller(struct t *t)
{
	char file[] = "/tmp/specbench-reaper-test-XXXXXX", script[256];
	pid_t caller, orphan = 0, reaper = 0, below[16];
	int n = 0, fd = mkstemp(file);

	if (fd < 0)
		return;
	close(fd);
	snprintf(script, sizeof(script),
		 "setsid sh -c 'trap \"\" TERM; while :; do sleep 1; done' & echo $! > %s; wait", file);
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	caller = fork();
	if (caller == 0) {
		char *const argv[] = { "sh", "-c", script, NULL };
		struct exec_opts o = { NULL, -1, 60, NULL, NULL };
		struct child_result r;

		exec_run(argv, &o, &r);
		_exit(0);
	}
	for (int i = 0; i < 200 && !orphan; i++) {  /* the shell writes the PID */
		FILE *f = fopen(file, "re");
		long v = 0;

		if (f && fscanf(f, "%ld", &v) == 1)
			orphan = v > 1 ? (pid_t)v : 0;
		if (f)
			fclose(f);
		if (!orphan)
			usleep(50000);
	}
	unlink(file);
	CHECK(t, orphan > 0);
	n = reaper_descendants(caller, below, 16);
	CHECK(t, n >= 3);  /* the reaper, sh, the orphan (and its sleep) */
	for (int i = 0; i < n && i < 16; i++)
		if (parent_of(below[i]) == caller)
			reaper = below[i];  /* the caller's only child */
	kill(caller, SIGKILL);
	waitpid(caller, NULL, 0);
	/* the reaper, orphaned, comes to this process; it exits once the
	 * tool's processes are gone */
	CHECK(t, reaper > 0 && waitpid(reaper, NULL, 0) == reaper);
	CHECK(t, gone(orphan));
	prctl(PR_SET_CHILD_SUBREAPER, 0);
}

static void descendants(struct t *t)
{
	pid_t kid = fork(), below[8];
	int n;

	if (kid == 0) {
		pid_t grandkid = fork();

		if (grandkid == 0) {
			pause();
			_exit(0);
		}
		pause();
		_exit(0);
	}
	usleep(100000);
	n = reaper_descendants(getpid(), below, 8);
	CHECK(t, n >= 2);
	CHECK(t, reaper_descendants(kid, below, 8) == 1);
	CHECK(t, parent_of(below[0]) == kid);
	kill(below[0], SIGKILL);
	kill(kid, SIGKILL);
	waitpid(kid, NULL, 0);
	CHECK_INT(t, reaper_descendants(1 << 30, below, 8), 0);
}

void suite_reaper(struct t *t)
{
	output_and_status(t);
	spawn_errors(t);
	leftovers_of_a_finished_tool(t);
	timeout_kills_the_tree(t);
	interrupt_kills_the_tree(t);
	sigkill_of_the_caller(t);
	descendants(t);
}
