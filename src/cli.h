/*
 * cli.h - the command table, git style: one cmd_* per command, each in its
 * own cmd_*.c, all listed in commands[] (main.c).
 *
 * A command returns an exit code (SB_EXIT_*), or -1 with err filled; only
 * main() prints the error and exits.  `--help` prints the command's usage on
 * stdout and returns 0; a bad option prints it on stderr and returns 2.
 */
#ifndef SPECBENCH_CLI_H
#define SPECBENCH_CLI_H

#include <jansson.h>

#include "error.h"

struct command {
	const char *name;
	const char *summary;
	int (*run)(int argc, char **argv, struct sb_error *err);
	const char *usage;  /* the full --help text */
};

extern const struct command commands[];

int cmd_probe(int argc, char **argv, struct sb_error *err);
int cmd_snapshot(int argc, char **argv, struct sb_error *err);
int cmd_bench(int argc, char **argv, struct sb_error *err);
int cmd_import(int argc, char **argv, struct sb_error *err);
int cmd_verify(int argc, char **argv, struct sb_error *err);
int cmd_run(int argc, char **argv, struct sb_error *err);
extern const char usage_probe[], usage_snapshot[], usage_bench[], usage_import[], usage_verify[],
	usage_run[];


/* Print a command's usage on stderr after "specbench CMD: msg" and return 2. */
int cli_bad_usage(const char *cmd, const char *usage, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
