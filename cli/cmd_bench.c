/*
 * cmd_bench.c - `specbench bench`: run the published benchmarks (or a
 * faster equivalent) and print or save the results.  The session itself -
 * checks, data directory, signals, cleanup - is bench/session.c's.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/exec.h"
#include "bench/session.h"
#include "model/rundoc.h"
#include "probes/probe.h"
#include "bench_options.h"
#include "cli.h"

struct bench_args {
	struct bench_opts b;
	const char *json;
	bool print_commands;
};

static const struct opt bench_options[] = {
	BENCH_OPTIONS(struct bench_args, b),
	OPT_STRING(0, "json", struct bench_args, json, "FILE", "write the run document to FILE ('-': standard output)"),
	OPT_BOOL(0, "print-commands", struct bench_args, print_commands,
		 "print the command lines of the profile and run nothing"),
	OPT_END(),
};

const struct cmd_help help_bench = {
	"specbench bench", NULL,
	"Run the published disk (fio), CPU and memory (sysbench) and network (HTTP) benchmarks.",
	NULL,
	"Exit: 0 all ran, 2 bad usage, 3 a tool is missing or a benchmark failed, 128+N killed by signal N\n"
	"(130 Ctrl-C, 143 SIGTERM).\n",
	bench_options,
};

int cmd_bench(int argc, char **argv, struct sb_error *err)
{
	struct bench_args a = { .json = NULL };
	char dir[PATH_MAX];
	json_t *doc;
	int rc, outcome;

	bench_opts_defaults(&a.b);
	rc = parse_options(argc, argv, &help_bench, &a, err);
	if (rc <= 0)
		return rc;
	if (bench_options_finish(&a.b, dir, sizeof(dir), err))
		return -1;
	if (a.print_commands) {
		bench_print_commands(&a.b, stdout);
		return 0;
	}
	a.b.progress = isatty(2) && !(a.json && !strcmp(a.json, "-"));
	doc = rundoc_new(probe_host(NULL));
	outcome = bench_session_run(doc, &a.b, err);
	if (outcome < 0) {
		json_decref(doc);
		return -1;
	}
	rc = a.json ? rundoc_write(doc, a.json, err) : 0;
	if (!a.json || strcmp(a.json, "-"))
		bench_print_table(doc, stdout);
	json_decref(doc);
	if (outcome == BENCH_INTERRUPTED) {
		fprintf(stderr, "specbench bench: interrupted; data files removed\n");
		return exec_interrupt_status();
	}
	if (rc)
		return -1;
	return outcome == BENCH_SOME_FAILED ? SB_EXIT_SYSTEM : 0;
}
