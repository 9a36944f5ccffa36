/*
 * exec.h - running a benchmark tool as a child process.
 *
 * specbench blocks SIGINT, SIGTERM and SIGHUP and reads them from a
 * signalfd, so there is no signal handler and no global flag: the loop that
 * waits for a child also watches the signalfd, and on Ctrl-C it has the
 * tool stopped - every process the tool started, fio's job processes too -
 * and returns once they are gone (reaper.h), leaving the data files to the
 * caller.
 */
#ifndef SPECBENCH_EXEC_H
#define SPECBENCH_EXEC_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct child_result {
	char *out, *err;        /* captured stdout and stderr (malloc'd, NUL-terminated) */
	size_t out_len, err_len;
	int status;             /* waitpid status */
	bool interrupted;       /* a signal arrived on sigfd; the child was killed */
	bool timed_out;         /* the deadline passed; the child was killed */
	double elapsed_s;
	int spawn_errno;        /* exec failed: the tool is missing or not executable */
	int survivors;          /* processes of the tool's that SIGKILL had not ended after
				 * REAPER_KILL_WAIT_S (named on stderr); normally 0 */
};

/* Called about once a second while the child runs, with its stdout so far. */
typedef void (*exec_progress)(void *arg, double elapsed_s, pid_t pid, const char *out, size_t out_len);

struct exec_opts {
	const char *cwd;        /* working directory of the child, or NULL */
	int sigfd;              /* signalfd to watch, or -1 */
	double timeout_s;       /* 0: none */
	exec_progress progress;
	void *progress_arg;
};

/* Run argv[0] (found in PATH) to completion.  0 when it ran (look at
 * res->status, ->interrupted, ->timed_out), -1 with errno when it could not
 * be started.  Free the result with child_result_free(). */
int exec_run(char *const argv[], const struct exec_opts *opts, struct child_result *res);
void child_result_free(struct child_result *res);

/* Describe how a child ended ("exit status 1", "killed by signal 9 (Killed)"). */
void exec_describe(const struct child_result *res, char *buf, size_t size);

/* Block SIGINT/SIGTERM/SIGHUP and return a signalfd for them (-1 on error);
 * `saved` receives the previous mask for exec children and for restoring. */
int exec_signals_begin(void *saved_sigset);
void exec_signals_end(int sigfd, const void *saved_sigset);
/* Has a signal arrived (non-blocking read of the signalfd)? */
bool exec_signal_pending(int sigfd);

/* After an interrupt: the exit status for the signal that caused it, 128+N
 * (130 Ctrl-C, 143 SIGTERM, 129 SIGHUP). */
int exec_interrupt_status(void);

/* Has process `pid` a handler for `sig` (SigCgt in /proc/PID/status)?  A
 * tool asked for a report with a signal it does not catch yet (still
 * starting up) would die of it. */
bool exec_catches(pid_t pid, int sig);

/* Is `tool` on PATH? */
bool exec_in_path(const char *tool);

#endif
