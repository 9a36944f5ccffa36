/*
 * exec.c - run a tool, capture its output, stop it on Ctrl-C; see exec.h.
 *
 * A tool runs in a process group of its own (fio forks one process per
 * job), so stopping it means signalling the group.  That works while
 * specbench lives; a specbench killed with SIGKILL can do nothing, and
 * PR_SET_PDEATHSIG would reach fio's main process only (it is not
 * inherited across fork, so fio's job processes would go on writing for
 * minutes).  So each tool gets a reaper: a small process that waits on a
 * pipe from specbench.  specbench writes one byte when the tool is done; if
 * the pipe closes without it, specbench died, and the reaper kills the
 * tool's whole group.
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

#include "core/error.h"
#include "core/util.h"
#include "exec.h"

#define OUTPUT_CAP (64u << 20)   /* more than any tool's report; the rest is dropped */
#define KILL_GRACE_MS 300

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

/* SIGTERM to the group, then SIGKILL after a short grace. */
static void kill_group(pid_t pid, int *status)
{
	double until = mono_now() + KILL_GRACE_MS / 1000.0;

	kill(-pid, SIGTERM);
	while (mono_now() < until) {
		if (waitpid(pid, status, WNOHANG) == pid) {
			kill(-pid, SIGKILL);  /* the group's other members */
			return;
		}
		usleep(10000);
	}
	kill(-pid, SIGKILL);
	waitpid(pid, status, 0);
}

/* In the child: its own process group, default signals, the pipes as
 * stdout and stderr, then the tool. */
static void child(char *const argv[], const struct exec_opts *o, int out, int err, int report)
{
	sigset_t none;

	setpgid(0, 0);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	if (dup2(out, 1) < 0 || dup2(err, 2) < 0 || (o->cwd && chdir(o->cwd))) {
		int e = errno;

		(void)!write(report, &e, sizeof(e));
		_exit(127);
	}
	execvp(argv[0], argv);
	{
		int e = errno;

		(void)!write(report, &e, sizeof(e));
	}
	_exit(127);
}

/* The reaper (see the top of this file), forked before the tool so that
 * nothing forks while a benchmark measures: in its own group, so that a
 * Ctrl-C at the terminal does not stop it first; the signals specbench
 * blocks stay blocked in it.  It learns the tool's process group from the
 * pipe, then waits: a byte means the tool is done, the end of the pipe
 * without one means specbench died. */
static pid_t spawn_reaper(int *done_fd)
{
	int p[2];
	pid_t r;

	if (pipe2(p, O_CLOEXEC))
		return -1;
	r = fork();
	if (r == 0) {
		pid_t group = 0;
		size_t got = 0;
		ssize_t n;
		char c;

		setpgid(0, 0);
		close(p[1]);
		for (int fd = 3; fd < 64; fd++)  /* specbench's other files are not its business */
			if (fd != p[0])
				close(fd);
		while (got < sizeof(group) && ((n = read(p[0], (char *)&group + got, sizeof(group) - got)) > 0 ||
					       (n < 0 && errno == EINTR)))
			got += n > 0 ? (size_t)n : 0;
		if (got < sizeof(group) || group <= 1)
			_exit(0);  /* no tool was started */
		while ((n = read(p[0], &c, 1)) < 0 && errno == EINTR)
			;
		if (n <= 0)
			kill(-group, SIGKILL);
		_exit(0);
	}
	close(p[0]);
	if (r < 0) {
		close(p[1]);
		return -1;
	}
	*done_fd = p[1];
	return r;
}

/* The tool is over (or never started): tell the reaper so, and collect it. */
static void stop_reaper(pid_t reaper, int done_fd)
{
	if (reaper <= 0)
		return;
	(void)!write(done_fd, "x", 1);
	close(done_fd);
	while (waitpid(reaper, NULL, 0) < 0 && errno == EINTR)
		;
}

int exec_run(char *const argv[], const struct exec_opts *o, struct child_result *res)
{
	int out[2], err[2], rep[2], e = 0, done_fd = -1;
	struct sink so = { 0 }, se = { 0 };
	pid_t reaper;
	double start = mono_now(), last = start;
	bool out_open = true, err_open = true;
	pid_t pid;

	memset(res, 0, sizeof(*res));
	if (pipe2(out, O_CLOEXEC) || pipe2(err, O_CLOEXEC))
		return -1;
	if (pipe2(rep, O_CLOEXEC)) {
		close(out[0]); close(out[1]); close(err[0]); close(err[1]);
		return -1;
	}
	reaper = spawn_reaper(&done_fd);
	pid = fork();
	if (pid < 0) {
		e = errno;
		close(out[0]); close(out[1]); close(err[0]); close(err[1]); close(rep[0]); close(rep[1]);
		stop_reaper(reaper, done_fd);
		errno = e;
		return -1;
	}
	if (pid == 0)
		child(argv, o, out[1], err[1], rep[1]);
	setpgid(pid, pid);  /* also here: no race with kill(-pid) */
	if (reaper > 0)
		(void)!write(done_fd, &pid, sizeof(pid));
	close(out[1]);
	close(err[1]);
	close(rep[1]);
	if (read(rep[0], &e, sizeof(e)) == (ssize_t)sizeof(e)) {
		close(rep[0]); close(out[0]); close(err[0]);
		waitpid(pid, &res->status, 0);
		stop_reaper(reaper, done_fd);
		res->spawn_errno = e;
		errno = e;
		return -1;
	}
	close(rep[0]);
	while (out_open || err_open) {
		struct pollfd fds[3] = {
			{ out_open ? out[0] : -1, POLLIN, 0 },
			{ err_open ? err[0] : -1, POLLIN, 0 },
			{ o->sigfd, POLLIN, 0 },
		};
		double now;

		if (poll(fds, 3, 250) < 0 && errno != EINTR)
			break;
		if (fds[0].revents && !sink_read(out[0], &so))
			out_open = false;
		if (fds[1].revents && !sink_read(err[0], &se))
			err_open = false;
		if (fds[2].revents && exec_signal_pending(o->sigfd)) {
			res->interrupted = true;
			break;
		}
		now = mono_now();
		if (o->timeout_s > 0 && now - start > o->timeout_s) {
			res->timed_out = true;
			break;
		}
		if (o->progress && now - last >= 1.0) {
			o->progress(o->progress_arg, now - start, pid, so.buf ? so.buf : "", so.len);
			last = now;
		}
	}
	close(out[0]);
	close(err[0]);
	if (res->interrupted || res->timed_out)
		kill_group(pid, &res->status);
	else
		while (waitpid(pid, &res->status, 0) < 0 && errno == EINTR)
			;
	stop_reaper(reaper, done_fd);
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
