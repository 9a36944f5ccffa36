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
	char dir_abs[4096];  /* --dir made absolute (abs_dir) */
	int repeat;
	bool warmup, print_commands;
	struct net_opts net;
};

void bench_cli_defaults(struct bench_cli *o);

/* The getopt_long entries of the benchmark options, shared by `bench` and
 * `run` (their values are the chars bench_cli_option() takes). */
#define BENCH_CLI_LONG_OPTIONS \
	{ "profile", required_argument, NULL, 'p' }, { "only", required_argument, NULL, 'o' }, \
	{ "dir", required_argument, NULL, 'd' }, { "repeat", required_argument, NULL, 'r' }, \
	{ "no-warmup", no_argument, NULL, 'W' }, { "download-url", required_argument, NULL, 'D' }, \
	{ "upload-url", required_argument, NULL, 'U' }, { "streams", required_argument, NULL, 's' }, \
	{ "ipv4", no_argument, NULL, '4' }, { "ipv6", no_argument, NULL, '6' }

/* Apply one of those options: 1 taken, 0 not a benchmark option, 2 bad
 * value (usage printed for `cmd`). */
int bench_cli_option(struct bench_cli *o, int c, const char *arg, const char *cmd, const char *usage);

/* Run the benchmarks into doc["bench"]: an enum bench_outcome, or -1 with
 * err (a tool missing, --dir unusable or too small). */
int bench_into(json_t *doc, const struct bench_cli *o, struct sb_error *err);

void bench_print_table(const json_t *doc, FILE *out);

#endif
