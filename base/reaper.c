/*
 * reaper.c - run a tool under a subreaper that waits for all it started;
 * see reaper.h for the protocol.
 *
 * Why not a signal to the tool's process group: fio calls setsid() in every
 * job process it forks (the 's' in ps's STAT column), so each job is the
 * leader of a session and a process group of its own, and kill(-group)
 * reaches fio's main process only.  Seen on an Intel KVM guest and on the
 * AMD EPYC (Turin) PVM guest this was written on, with `bench --profile
 * documented --only disk.randread` stopped by SIGINT during the measurement:
 * specbench exited within 14 ms, and the four job processes, never
 * signalled, went on reading for 2-6 s more (STAT "Rs"/"Ds", waiting in
 * folio_wait_bit_common and submit_bio_wait: buffered reads through the
 * page cache - neither layout writes nor writeback) until they ended on
 * their own, in files specbench had already unlinked.  In the layout phase
 * fio's main process writes the files alone (one process, in the group),
 * so a stop there was never the problem.  A wait on the group cannot see
 * the jobs either.
 *
 * So the reaper is the tool's parent and a child subreaper: every process
 * of the tool's, whatever its group or session, has the reaper as an
 * ancestor, and comes to the reaper when its own parent dies.  To stop the
 * tool it sends SIGTERM to the tool's group (fio's main process then ends
 * its jobs and prints what it has), and after REAPER_GRACE_MS SIGKILL to
 * every process below it, read from /proc, again every 50 ms, until it has
 * no child left - which is exactly when nothing the tool started still
 * lives.  A process that SIGKILL does not end within REAPER_KILL_WAIT_S
 * (uninterruptible I/O that does not complete) is named on stderr with its
 * PID, state and wait channel; the count goes to specbench, never silently.
 *
 * The reaper lives in a process group of its own (a Ctrl-C at the terminal
 * reaches specbench, which decides), keeps specbench's blocked SIGINT,
 * SIGTERM and SIGHUP blocked, and ignores SIGPIPE: when specbench is
 * killed, the reaper must outlive it to do its work.
 */
#define _GNU_SOURCE  /* pipe2, signalfd, prctl: specbench is Linux-only by design */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include "clock.h"
#include "reaper.h"

#define MAX_TREE 4096     /* processes below the reaper that one scan handles */
#define KILL_PERIOD_MS 50

/* ---- /proc ---------------------------------------------------------------- */

struct proc_stat {
	pid_t pid, ppid;
	char state;
	char comm[20];
};

/* /proc/PID/stat: "PID (COMM) STATE PPID ..."; COMM may hold spaces and
 * parentheses, so the fields after it are read from the last ')'. */
static int read_stat(pid_t pid, struct proc_stat *ps)
{
	char path[64], buf[512], *lp, *rp, state;
	long ppid;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%ld/stat", (long)pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	lp = strchr(buf, '(');
	rp = strrchr(buf, ')');
	if (!lp || !rp || rp < lp || sscanf(rp + 1, " %c %ld", &state, &ppid) != 2)
		return -1;
	ps->pid = pid;
	ps->state = state;
	ps->ppid = (pid_t)ppid;
	snprintf(ps->comm, sizeof(ps->comm), "%.*s", (int)(rp - lp - 1), lp + 1);
	return 0;
}

/* Every process on the machine as (pid, ppid); NULL with errno on failure. */
static struct proc_stat *scan_procs(int *count)
{
	struct proc_stat *all = NULL;
	int n = 0, cap = 0;
	struct dirent *de;
	DIR *d = opendir("/proc");

	if (!d)
		return NULL;
	while ((de = readdir(d))) {
		struct proc_stat ps;

		if (!isdigit((unsigned char)de->d_name[0]) ||
		    read_stat((pid_t)atol(de->d_name), &ps))
			continue;  /* gone since readdir, or not a process */
		if (n == cap) {
			struct proc_stat *more = realloc(all, (size_t)(cap ? cap * 2 : 256) * sizeof(*all));

			if (!more) {
				free(all);
				closedir(d);
				errno = ENOMEM;
				return NULL;
			}
			all = more;
			cap = cap ? cap * 2 : 256;
		}
		all[n++] = ps;
	}
	closedir(d);
	*count = n;
	return all ? all : calloc(1, sizeof(*all));
}

int reaper_descendants(pid_t root, pid_t *pids, int max)
{
	int n = 0, found = 0, grew = 1, nbelow = 1;
	struct proc_stat *all = scan_procs(&n);
	pid_t *below;  /* root and what has been found below it */
	char *seen;

	if (!all)
		return -1;
	below = malloc(((size_t)n + 1) * sizeof(*below));
	seen = calloc((size_t)n + 1, 1);
	if (!below || !seen) {
		free(below);
		free(seen);
		free(all);
		errno = ENOMEM;
		return -1;
	}
	below[0] = root;
	/* the closure of "its parent is root or below root": one round per
	 * generation, over the few processes found so far */
	while (grew) {
		grew = 0;
		for (int i = 0; i < n; i++) {
			if (seen[i] || all[i].pid == root)
				continue;
			for (int j = 0; j < nbelow; j++)
				if (below[j] == all[i].ppid) {
					seen[i] = 1;
					below[nbelow++] = all[i].pid;
					if (found < max)
						pids[found] = all[i].pid;
					found++;
					grew = 1;
					break;
				}
		}
	}
	free(seen);
	free(below);
	free(all);
	return found;
}

static const char *state_name(char s)
{
	switch (s) {
	case 'R': return "running";
	case 'S': return "sleeping";
	case 'D': return "uninterruptible (disk) sleep";
	case 'Z': return "zombie";
	case 'T': return "stopped";
	case 't': return "stopped by a tracer";
	case 'X': return "dead";
	default: return "unknown state";
	}
}

/* Name what is still alive below the reaper, on stderr: the one message
 * that says specbench could not clean up after its tool. */
static int report_survivors(pid_t self)
{
	pid_t pids[64];
	int n = reaper_descendants(self, pids, 64);

	for (int i = 0; i < n && i < 64; i++) {
		struct proc_stat ps;
		char path[64], wchan[64] = "";
		int fd;

		if (read_stat(pids[i], &ps))
			continue;
		snprintf(path, sizeof(path), "/proc/%ld/wchan", (long)pids[i]);
		if ((fd = open(path, O_RDONLY | O_CLOEXEC)) >= 0) {
			ssize_t k = read(fd, wchan, sizeof(wchan) - 1);

			wchan[k > 0 ? k : 0] = '\0';
			close(fd);
		}
		fprintf(stderr, "specbench: %s (PID %ld) is still alive %d s after SIGKILL: state %c (%s)%s%s%s\n",
			ps.comm, (long)ps.pid, REAPER_KILL_WAIT_S, ps.state, state_name(ps.state),
			wchan[0] && strcmp(wchan, "0") ? ", waiting in " : "",
			wchan[0] && strcmp(wchan, "0") ? wchan : "",
			ps.state == 'D' ? "; it ends when its I/O does" : "");
	}
	return n > 0 ? n : 0;
}

static void kill_all_below(pid_t self, int sig)
{
	pid_t pids[MAX_TREE];
	int n = reaper_descendants(self, pids, MAX_TREE);

	for (int i = 0; i < n && i < MAX_TREE; i++)
		kill(pids[i], sig);
}

/* ---- the reaper process ----------------------------------------------------- */

static void send_msg(int fd, int kind, int value)
{
	struct reaper_msg m = { kind, value };

	(void)!write(fd, &m, sizeof(m));  /* specbench may be gone: then nobody asks */
}

static int is_kept(int fd, const int *keep, int nkeep)
{
	for (int i = 0; i < nkeep; i++)
		if (keep[i] == fd)
			return 1;
	return 0;
}

enum phase { RUNNING, TERMINATING, KILLING };

static void __attribute__((noreturn))
reaper_main(int ctl, int msgs, reaper_start_fn start, void *arg, const int *keep, int nkeep)
{
	pid_t self = getpid(), tool;
	sigset_t chld;
	int rep[2], sfd, e, tool_alive = 1, ctl_open = 1;
	enum phase phase = RUNNING;
	double since = 0;
	ssize_t n;

	setpgid(0, 0);
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	prctl(PR_SET_NAME, "specbench-reap");  /* what ps and the messages call it */
	signal(SIGPIPE, SIG_IGN);
	/* specbench's other files (its lock, its data directory, its database)
	 * are not the reaper's business, nor the tool's */
	for (int fd = 3; fd < 1024; fd++)
		if (fd != ctl && fd != msgs && !is_kept(fd, keep, nkeep))
			close(fd);
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, NULL);
	sfd = signalfd(-1, &chld, SFD_NONBLOCK | SFD_CLOEXEC);
	if (sfd < 0 || pipe2(rep, O_CLOEXEC)) {
		send_msg(msgs, REAPER_SPAWN_ERRNO, errno);
		send_msg(msgs, REAPER_DONE, 0);
		_exit(0);
	}
	tool = fork();
	if (tool == 0) {
		close(rep[0]);
		start(arg, rep[1]);
		_exit(127);
	}
	e = errno;
	for (int i = 0; i < nkeep; i++)
		close(keep[i]);  /* the tool's now: its pipes end when its processes do */
	close(rep[1]);
	if (tool < 0) {
		send_msg(msgs, REAPER_SPAWN_ERRNO, e);
		send_msg(msgs, REAPER_DONE, 0);
		_exit(0);
	}
	setpgid(tool, tool);  /* also here: no race with kill(-tool) */
	while ((n = read(rep[0], &e, sizeof(e))) < 0 && errno == EINTR)
		;
	close(rep[0]);
	if (n == (ssize_t)sizeof(e)) {
		while (waitpid(tool, NULL, 0) < 0 && errno == EINTR)
			;
		send_msg(msgs, REAPER_SPAWN_ERRNO, e);
		send_msg(msgs, REAPER_DONE, 0);
		_exit(0);
	}
	send_msg(msgs, REAPER_PID, (int)tool);

	for (;;) {
		struct pollfd fds[2] = { { sfd, POLLIN, 0 }, { ctl_open ? ctl : -1, POLLIN, 0 } };
		struct signalfd_siginfo si;
		pid_t p;
		int ws, stop = 0;

		while ((p = waitpid(-1, &ws, WNOHANG)) > 0)
			if (p == tool) {
				send_msg(msgs, REAPER_STATUS, ws);
				tool_alive = 0;
			}
		if (p < 0 && errno == ECHILD)
			break;  /* nothing of the tool's is left */
		if (phase == RUNNING && !tool_alive) {
			/* the tool ended and left processes behind: they go too */
			kill_all_below(self, SIGTERM);
			phase = TERMINATING;
			since = mono_now();
		}
		if (phase == TERMINATING && mono_now() - since >= REAPER_GRACE_MS / 1000.0) {
			phase = KILLING;
			since = mono_now();
		}
		if (phase == KILLING) {
			if (tool_alive)
				kill(-tool, SIGKILL);
			kill_all_below(self, SIGKILL);
			if (mono_now() - since >= REAPER_KILL_WAIT_S) {
				send_msg(msgs, REAPER_DONE, report_survivors(self));
				_exit(0);
			}
		}
		if (poll(fds, 2, phase == RUNNING ? -1 : KILL_PERIOD_MS) < 0 && errno != EINTR)
			continue;
		while (read(sfd, &si, sizeof(si)) == (ssize_t)sizeof(si))
			;
		if (fds[1].revents) {
			char c;

			n = read(ctl, &c, 1);
			if (n <= 0 && !(n < 0 && errno == EINTR))
				ctl_open = 0;  /* specbench is gone: stop the tool */
			stop = n != 0 || !ctl_open;
		}
		if (stop && phase == RUNNING) {
			kill(-tool, SIGTERM);
			phase = TERMINATING;
			since = mono_now();
		}
	}
	send_msg(msgs, REAPER_DONE, 0);
	_exit(0);
}

/* ---- specbench's side ----------------------------------------------------- */

int reaper_spawn(struct reaper *r, reaper_start_fn start, void *arg, const int *keep, int nkeep)
{
	int ctl[2], msgs[2], e;

	if (pipe2(ctl, O_CLOEXEC))
		return -1;
	if (pipe2(msgs, O_CLOEXEC)) {
		e = errno;
		close(ctl[0]);
		close(ctl[1]);
		errno = e;
		return -1;
	}
	r->pid = fork();
	if (r->pid == 0) {
		close(ctl[1]);
		close(msgs[0]);
		reaper_main(ctl[0], msgs[1], start, arg, keep, nkeep);
	}
	e = errno;
	close(ctl[0]);
	close(msgs[1]);
	if (r->pid < 0) {
		close(ctl[1]);
		close(msgs[0]);
		errno = e;
		return -1;
	}
	r->ctl = ctl[1];
	r->msgs = msgs[0];
	return 0;
}

int reaper_read(struct reaper *r, struct reaper_msg *m)
{
	size_t got = 0;

	while (got < sizeof(*m)) {
		ssize_t n = read(r->msgs, (char *)m + got, sizeof(*m) - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		got += (size_t)n;
	}
	return 0;
}

void reaper_stop(struct reaper *r)
{
	struct sigaction ign = { .sa_handler = SIG_IGN }, old;

	/* a reaper that died (killed by hand) must not take specbench with it */
	sigaction(SIGPIPE, &ign, &old);
	(void)!write(r->ctl, "k", 1);
	sigaction(SIGPIPE, &old, NULL);
}

void reaper_close(struct reaper *r, int kill_it)
{
	if (r->pid <= 0)
		return;
	if (kill_it)
		kill(r->pid, SIGKILL);
	close(r->ctl);
	close(r->msgs);
	while (waitpid(r->pid, NULL, 0) < 0 && errno == EINTR)
		;
	r->pid = 0;
}
