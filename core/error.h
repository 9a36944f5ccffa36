/*
 * error.h - how specbench reports failure.
 *
 * Functions never exit: they fill a struct sb_error and return -1, and only
 * main() turns the error into a message and an exit code.  The code is one of
 * the documented exit codes, so the place that knows *why* something failed
 * also decides how the process ends.
 */
#ifndef SPECBENCH_ERROR_H
#define SPECBENCH_ERROR_H

#include <stdarg.h>
#include <stddef.h>

enum sb_exit {
	SB_EXIT_OK = 0,
	SB_EXIT_FAIL = 1,     /* spec not met / regression */
	SB_EXIT_USAGE = 2,    /* bad usage or bad input */
	SB_EXIT_SYSTEM = 3,   /* a tool or the system failed */
	SB_EXIT_SIGNAL = 128, /* + N: ended by fatal signal N (130 SIGINT, 143 SIGTERM, 129 SIGHUP) */
};

struct sb_error {
	int code;            /* an enum sb_exit value */
	int usage;           /* bad usage: main() prints the command's usage after msg */
	char msg[1024];
};

/* Fill err (when not NULL) and return -1, so callers can `return sb_fail(...)`. */
int sb_fail(struct sb_error *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The same for bad usage: exit code 2, and the command's usage is printed
 * after the message. */
int sb_usage(struct sb_error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
