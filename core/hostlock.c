/* hostlock.c - the host-wide benchmark lock; see hostlock.h. */
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include "hostlock.h"
#include "printable.h"

const char *hostlock_path(void)
{
	const char *env = getenv("SPECBENCH_LOCK");

	return env && *env ? env : HOSTLOCK_DEFAULT;
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
	int f = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);

	if (f < 0 && errno == EACCES) {
		/* root's lock file, a user's run: flock needs no write access */
		f = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
		writable = false;
	}
	if (f < 0)
		return -errno;
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
