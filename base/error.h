/*
 * error.h - how specbench reports failure: the one convention.
 *
 * A function that can fail for a reason a person must read takes a
 * `struct sb_error *err` as its last parameter, and on failure fills it
 * with sb_fail() (or sb_usage() for bad usage) and returns -1; sb_fail()
 * returns -1 itself, so `return sb_fail(err, ...)`.  The message names the
 * file, line or value; it is escaped for a terminal as it is made.  The
 * code is one of the documented exit codes below, so the place that knows
 * *why* something failed also decides how the process ends.  Functions never
 * exit and never print an error: a parser's caller decides whether the
 * message ends the run (main() prints "specbench CMD: msg" and exits with
 * the code), becomes a fact's reason (probe.unknown), or a benchmark's
 * "error" in the run document.
 *
 * Two kinds of function keep simpler returns, because they have nothing to
 * explain that their caller does not know better:
 *   - the system-call layer (sysroot.h, safeopen.h, util.h file helpers)
 *     returns 0 or -errno; the caller, which knows which file it asked for
 *     and why, turns that into an sb_error (or an unknown fact);
 *   - predicates and one-value parsers (parse_u64, figure_ok, rd_int)
 *     return bool: false means "not such a value", and the caller names it.
 * A benchmark's run returns an enum bench_outcome (ok, skipped, failed,
 * interrupted) with the reason in its sb_error, and an answer of three
 * states that is no failure (nft_admits: admitted, refused, cannot tell) is
 * an enum too, never 1/0/-1.  A count is a count (taglist_split: the
 * number of items, -1 when too many).  Every layer keeps these; a function
 * a header declares that says "why" in a char buffer of its own is a bug
 * (a file's static helper may fill its caller's buffer: a fact's reason).
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

struct cmd_help;

struct sb_error {
	int code;            /* an enum sb_exit value */
	int usage;           /* bad usage: main() prints the command's usage after msg */
	char msg[1024];
	const struct cmd_help *help;  /* whose usage (a subcommand's); NULL: the command's */
};

/* Fill err (when not NULL) and return -1, so callers can `return sb_fail(...)`. */
int sb_fail(struct sb_error *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The same for bad usage: exit code 2, and the command's usage is printed
 * after the message. */
int sb_usage(struct sb_error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Add to a failure's message what the caller knows and the callee did not
 * ("; the run is kept in ..."), escaped as sb_fail escapes; the code stays.
 * What does not fit is cut. */
void sb_append(struct sb_error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
