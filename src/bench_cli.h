/*
 * bench_cli.h - the benchmark run behind `specbench bench`, shared with
 * `specbench run`: options, checks before anything runs, the private data
 * directory, signals, cleanup.
 */
#ifndef SPECBENCH_BENCH_CLI_H
#define SPECBENCH_BENCH_CLI_H

#include <jansson.h>
#include <stdio.h>

#include "../bench/bench.h"
#include "../bench/runner.h"
#include "error.h"

struct bench_cli {
	enum bench_profile profile;
	const char *only, *dir, *json;
	int repeat;
	bool warmup, print_commands;
	struct net_opts net;
};

void bench_cli_defaults(struct bench_cli *o);

/* Run the benchmarks into doc["bench"]: an enum bench_outcome, or -1 with
 * err (a tool missing, --dir unusable or too small). */
int bench_into(json_t *doc, const struct bench_cli *o, struct sb_error *err);

void bench_print_table(const json_t *doc, FILE *out);

#endif
