/*
 * exec.c - run a tool, capture its output, stop it on Ctrl-C; see exec.h.
 *
 * A tool is not specbench's child but its reaper's (reaper.h): a child
 * subreaper that starts the tool, stops it on request (SIGTERM to its
 * group, then SIGKILL to every process below it) and says "done" only when
 * none of the tool's processes is left, including those that left the
 * tool's process group (fio's jobs call setsid(); see reaper.c).  So
 * exec_run() returns - and its caller removes the data files - only once
 * nothing the tool started still runs.  When specbench itself is killed
 * with SIGKILL, the reaper sees its pipe close and does the same work.
 */
#define _GNU_SOURCE  /* pipe2, signalfd: specbench is Linux-only by design */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "error.h"
#include "clock.h"
#include "exec.h"
#include "reaper.h"

#define OUTPUT_CAP (64u << 20)   /* more than any tool's report; the rest is dropped */

int exec_signals_begin(void *saved_sigset)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	if (sigprocmask(SIG_BLOCK, &set, (sigset_t *)saved_sigset))
		return -1;
	return signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
}

void exec_signals_end(int sigfd, const void *saved_sigset)
{
	if (sigfd >= 0)
		close(sigfd);
	sigprocmask(SIG_SETMASK, (const sigset_t *)saved_sigset, NULL);
}

bool exec_signal_pending(int sigfd)
{
	struct signalfd_siginfo si;

	if (sigfd < 0 || read(sigfd, &si, sizeof(si)) != (ssize_t)sizeof(si))
		return false;
	/* pending again (it is blocked), so exec_interrupt_status() can tell
	 * which signal it was when specbench exits */
	raise((int)si.ssi_signo);
	return true;
}

int exec_interrupt_status(void)
{
	sigset_t pending;

	if (sigpending(&pending) == 0) {
		if (sigismember(&pending, SIGTERM))
			return SB_EXIT_SIGNAL + SIGTERM;
		if (sigismember(&pending, SIGHUP))
			return SB_EXIT_SIGNAL + SIGHUP;
	}
	return SB_EXIT_SIGNAL + SIGINT;
}

bool exec_catches(pid_t pid, int sig)
{
	char path[64], line[256];
	bool caught = false;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%ld/status", (long)pid);
	f = fopen(path, "re");
	if (!f)
		return false;
	while (fgets(line, sizeof(line), f)) {
		unsigned long long mask;

		if (sscanf(line, "SigCgt: %llx", &mask) == 1) {
			caught = sig >= 1 && sig <= 64 && (mask >> (sig - 1) & 1);
			break;
		}
	}
	fclose(f);
	return caught;
}

bool exec_in_path(const char *tool)
{
	const char *path = getenv("PATH");
	char buf[PATH_MAX];

	if (strchr(tool, '/'))
		return access(tool, X_OK) == 0;
	if (!path)
		path = "/usr/local/bin:/usr/bin:/bin";
	while (*path) {
		size_t n = strcspn(path, ":");

		if (snprintf(buf, sizeof(buf), "%.*s/%s", (int)n, n ? path : ".", tool) < (int)sizeof(buf) &&
		    access(buf, X_OK) == 0)
			return true;
		path += n;
		if (*path == ':')
			path++;
	}
	return false;
}

struct sink {
	char *buf;
	size_t len, cap;
};

static int sink_read(int fd, struct sink *s)
{
	char chunk[65536];
	ssize_t n = read(fd, chunk, sizeof(chunk));

	if (n <= 0)
		return n < 0 && (errno == EINTR || errno == EAGAIN) ? 1 : 0;
	if (s->len + (size_t)n + 1 > s->cap && s->len < OUTPUT_CAP) {
		size_t cap = s->cap ? s->cap : 16384;
		char *bigger;

		while (cap < s->len + (size_t)n + 1)
			cap *= 2;
		bigger = realloc(s->buf, cap);
		if (!bigger)
			return 1;  /* keep draining; the output is cut */
		s->buf = bigger;
		s->cap = cap;
	}
	if (s->len + (size_t)n + 1 <= s->cap) {
		memcpy(s->buf + s->len, chunk, (size_t)n);
		s->len += (size_t)n;
		s->buf[s->len] = '\0';
	}
	return 1;
}

/* In the tool's process: its own process group, default signals, the
 * pipes as stdout and stderr, then the tool. */
struct child_args {
	char *const *argv;
	const struct exec_opts *o;
	int out, err;
};

static void child(void *arg, int report)
{
	const struct child_args *a = arg;
	sigset_t none;

	setpgid(0, 0);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGPIPE, SIG_DFL);  /* the reaper ignores it; exec would keep that */
	if (dup2(a->out, 1) < 0 || dup2(a->err, 2) < 0 || (a->o->cwd && chdir(a->o->cwd))) {
		int e = errno;

		(void)!write(report, &e, sizeof(e));
		_exit(127);
	}
	execvp(a->argv[0], a->argv);
	{
		int e = errno;

		(void)!write(report, &e, sizeof(e));
	}
	_exit(127);
}

/* What is left in a pipe whose writers are gone (or stuck): read without
 * waiting. */
static void drain(int fd, struct sink *s)
{
	struct pollfd p = { fd, POLLIN, 0 };

	while (poll(&p, 1, 0) > 0 && sink_read(fd, s) > 0)
		p.revents = 0;
}

int exec_run(char *const argv[], const struct exec_opts *o, struct child_result *res)
{
	int out[2], err[2], e;
	struct sink so = { 0 }, se = { 0 };
	struct reaper rp;
	struct reaper_msg m = { 0, 0 };
	struct child_args ca = { argv, o, -1, -1 };
	double start = mono_now(), last = start, stop_at = 0;
	bool out_open = true, err_open = true, done = false, have_status = false, sig_open = o->sigfd >= 0;
	pid_t pid;

	memset(res, 0, sizeof(*res));
	if (pipe2(out, O_CLOEXEC))
		return -1;
	if (pipe2(err, O_CLOEXEC)) {
		e = errno;
		close(out[0]); close(out[1]);
		errno = e;
		return -1;
	}
	ca.out = out[1];
	ca.err = err[1];
	if (reaper_spawn(&rp, child, &ca, (int[]){ out[1], err[1] }, 2)) {
		e = errno;
		close(out[0]); close(out[1]); close(err[0]); close(err[1]);
		res->spawn_errno = errno = e;
		return -1;
	}
	close(out[1]);
	close(err[1]);
	if (reaper_read(&rp, &m) || m.kind != REAPER_PID) {
		e = m.kind == REAPER_SPAWN_ERRNO ? m.value : ECHILD;
		close(out[0]); close(err[0]);
		reaper_close(&rp, 0);
		res->spawn_errno = errno = e;
		return -1;
	}
	pid = (pid_t)m.value;
	while (!done) {
		struct pollfd fds[4] = {
			{ out_open ? out[0] : -1, POLLIN, 0 },
			{ err_open ? err[0] : -1, POLLIN, 0 },
			{ sig_open ? o->sigfd : -1, POLLIN, 0 },
			{ rp.msgs, POLLIN, 0 },
		};
		double now;

		if (poll(fds, 4, 250) < 0 && errno != EINTR)
			break;
		if (fds[0].revents && !sink_read(out[0], &so))
			out_open = false;
		if (fds[1].revents && !sink_read(err[0], &se))
			err_open = false;
		if (fds[3].revents) {
			if (reaper_read(&rp, &m)) {
				done = true;  /* the reaper died: it cannot answer for the tool */
				if (!have_status)
					kill(-pid, SIGKILL);
			} else if (m.kind == REAPER_STATUS) {
				res->status = m.value;
				have_status = true;
			} else if (m.kind == REAPER_DONE) {
				res->survivors = m.value;
				done = true;
			}
		}
		now = mono_now();
		if (fds[2].revents && exec_signal_pending(o->sigfd)) {
			res->interrupted = true;
			sig_open = false;  /* it stays pending: see exec_signal_pending() */
		}
		if (!stop_at && o->timeout_s > 0 && now - start > o->timeout_s)
			res->timed_out = true;
		if (!stop_at && (res->interrupted || res->timed_out)) {
			reaper_stop(&rp);
			stop_at = now;
		}
		/* the reaper gives up after its own bound; one that does not answer
		 * well past it is stuck itself */
		if (stop_at && !done && now - stop_at > REAPER_KILL_WAIT_S + 10) {
			reaper_close(&rp, 1);
			rp.pid = 0;
			break;
		}
		if (o->progress && !stop_at && now - last >= 1.0) {
			o->progress(o->progress_arg, now - start, pid, so.buf ? so.buf : "", so.len);
			last = now;
		}
	}
	if (out_open)
		drain(out[0], &so);
	if (err_open)
		drain(err[0], &se);
	close(out[0]);
	close(err[0]);
	reaper_close(&rp, 0);
	res->elapsed_s = mono_now() - start;
	res->out = so.buf ? so.buf : strdup("");
	res->err = se.buf ? se.buf : strdup("");
	res->out_len = so.len;
	res->err_len = se.len;
	return 0;
}

void child_result_free(struct child_result *res)
{
	free(res->out);
	free(res->err);
	res->out = res->err = NULL;
}

void exec_describe(const struct child_result *res, char *buf, size_t size)
{
	if (res->interrupted)
		snprintf(buf, size, "interrupted");
	else if (res->timed_out)
		snprintf(buf, size, "timed out after %.0f s and was killed", res->elapsed_s);
	else if (WIFSIGNALED(res->status))
		snprintf(buf, size, "killed by signal %d (%s)", WTERMSIG(res->status),
			 strsignal(WTERMSIG(res->status)));
	else if (WIFEXITED(res->status))
		snprintf(buf, size, "exit status %d", WEXITSTATUS(res->status));
	else
		snprintf(buf, size, "ended abnormally");
}
