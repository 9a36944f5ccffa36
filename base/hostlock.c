/* hostlock.c - the host-wide benchmark lock; see hostlock.h. */
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "hostlock.h"
#include "printable.h"

int hostlock_path(char *buf, size_t size)
{
	const char *env = getenv("SPECBENCH_LOCK"), *run = getenv("XDG_RUNTIME_DIR");
	struct stat st;

	if (env && *env)
		return (size_t)snprintf(buf, size, "%s", env) < size ? 0 : -ENAMETOOLONG;
	if (geteuid() != 0) {
		if (run && *run)
			return (size_t)snprintf(buf, size, "%s/specbench.lock", run) < size ? 0 : -ENAMETOOLONG;
		return (size_t)snprintf(buf, size, "/tmp/specbench-%ld.lock", (long)geteuid()) < size ? 0 : -ENAMETOOLONG;
	}
	if (mkdir(HOSTLOCK_DIR, 0755) && errno != EEXIST)
		return -errno;
	if (lstat(HOSTLOCK_DIR, &st))
		return -errno;
	if (!S_ISDIR(st.st_mode) || st.st_uid != 0 || (st.st_mode & 022))
		return -EPERM;  /* made by someone else: not a place for root's lock */
	snprintf(buf, size, "%s", HOSTLOCK_DEFAULT);
	return 0;
}

/* What the holder wrote, made printable (the file may be anyone's); ""
 * when it wrote nothing, or when the text is a dead process's (one killed
 * by SIGKILL cannot empty the file; the lock itself died with it). */
static void read_holder(int fd, char *holder, size_t size)
{
	char buf[160];
	ssize_t got = pread(fd, buf, sizeof(buf) - 1, 0);
	long pid;

	holder[0] = '\0';
	if (got <= 0)
		return;
	buf[got] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	if (sscanf(buf, "pid %ld,", &pid) == 1 && pid > 0 && kill((pid_t)pid, 0) && errno == ESRCH)
		return;
	printable(buf, holder, size);
}

static void write_holder(int fd)
{
	char line[128], when[64];
	time_t now = time(NULL);
	struct tm tm;
	int len;

	strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S UTC", gmtime_r(&now, &tm));
	len = snprintf(line, sizeof(line), "pid %ld, since %s\n", (long)getpid(), when);
	/* best effort: a lock opened read-only (another user's file) still
	 * locks; it only cannot say who holds it */
	if (ftruncate(fd, 0) == 0 && pwrite(fd, line, (size_t)len, 0) != len && ftruncate(fd, 0))
		return;  /* a half-written line is cut; nothing more can be done */
}

int hostlock_try(const char *path, int *fd, char *holder, size_t size)
{
	bool writable = true;
	struct stat st;
	/* O_NONBLOCK: a FIFO planted at the path must not hold the open (root
	 * waited there with SIGTERM blocked); 0600: nobody else can flock it */
	int f = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0600);

	if (f < 0 && errno == EACCES) {
		/* a lock file of the tests' own, readable only */
		f = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
		writable = false;
	}
	if (f < 0)
		return -errno;
	if (fstat(f, &st) || !S_ISREG(st.st_mode) || (st.st_uid != geteuid() && st.st_uid != 0)) {
		close(f);
		return -EPERM;
	}
	if (flock(f, LOCK_EX | LOCK_NB)) {
		int e = errno;

		if (e == EWOULDBLOCK)
			read_holder(f, holder, size);
		close(f);
		return e == EWOULDBLOCK ? 1 : -e;
	}
	if (writable)
		write_holder(f);
	*fd = f;
	return 0;
}

void hostlock_release(int fd)
{
	if (fd < 0)
		return;
	/* no stale "pid N" for the next holder's waiters to read (a lock
	 * opened read-only cannot be emptied, and wrote nothing) */
	if (ftruncate(fd, 0))
		errno = 0;
	close(fd);
}
