/*
 * reaper.h - the process that starts a tool and answers for every process
 * the tool starts, until the last one is gone.
 *
 * specbench does not fork its tools itself: it forks a reaper, a child
 * subreaper (PR_SET_CHILD_SUBREAPER) that forks the tool.  Whatever the tool
 * starts stays in the reaper's subtree, whichever process group or session
 * it moves to, and is handed to the reaper when its own parent dies.  So the
 * reaper can do what a signal to a process group cannot: stop all of them
 * and wait until none is left.  See reaper.c for why (fio's job processes).
 *
 * The reaper tells specbench, over a pipe, the tool's PID (or why it could
 * not be started), the tool's wait status when it ends, and "done" once no
 * process of the tool's is left (or, after a bound, how many still are).
 * specbench asks it to stop the tool by writing to another pipe; when that
 * pipe closes without a word (specbench was killed), the reaper stops the
 * tool all the same, waits for its processes, and exits.
 */
#ifndef SPECBENCH_REAPER_H
#define SPECBENCH_REAPER_H

#include <sys/types.h>

/* From SIGTERM to SIGKILL for the tool's group. */
#define REAPER_GRACE_MS 300
/* How long the reaper waits for processes that SIGKILL has not ended yet
 * (a process in uninterruptible I/O on a slow disk ends only when its I/O
 * does) before it names them on stderr and gives up waiting. */
#define REAPER_KILL_WAIT_S 30

enum reaper_msg_kind {
	REAPER_PID = 1,      /* value: the tool's PID */
	REAPER_SPAWN_ERRNO,  /* value: errno of the failed fork, chdir or exec */
	REAPER_STATUS,       /* value: the tool's wait status */
	REAPER_DONE,         /* value: processes still alive after the bound (0: none) */
};

struct reaper_msg {
	int kind;
	int value;
};

struct reaper {
	pid_t pid;   /* the reaper process */
	int ctl;     /* write end: a byte asks it to stop the tool */
	int msgs;    /* read end of its messages */
};

/* Runs in the tool's process: set it up and exec, writing errno to
 * report_fd on failure; never returns. */
typedef void (*reaper_start_fn)(void *arg, int report_fd);

/* Fork the reaper, which forks the tool with start(arg).  keep[] are the
 * descriptors the tool needs (its output pipes' write ends); the reaper
 * closes every other descriptor, and these too once the tool has them.
 * 0, or -1 with errno. */
int reaper_spawn(struct reaper *r, reaper_start_fn start, void *arg, const int *keep, int nkeep);

/* The next message; 0, or -1 when the reaper is gone (its pipe closed). */
int reaper_read(struct reaper *r, struct reaper_msg *m);

/* Ask the reaper to stop the tool (SIGTERM to its group, then SIGKILL to
 * every process of its after REAPER_GRACE_MS); idempotent. */
void reaper_stop(struct reaper *r);

/* Close the pipes and collect the reaper process.  Call after DONE (or
 * after the reaper was seen gone); `kill_it` first kills a reaper that no
 * longer answers. */
void reaper_close(struct reaper *r, int kill_it);

/* The processes below `root` (its children, theirs, ...), read from /proc
 * into pids (at most max); how many there are, or -1 with errno when /proc
 * cannot be read.  Shared with the tests. */
int reaper_descendants(pid_t root, pid_t *pids, int max);

#endif
