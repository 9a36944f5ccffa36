/*
 * cmd_bench.c - `specbench bench`: run the published benchmarks (or a
 * faster equivalent) and print or save the results.
 *
 * Before anything runs: the tools must be installed (exit 3 naming the
 * Debian package), --dir must be a writable directory (exit 2) with room
 * for the largest benchmark's files (exit 3).  The data files live in a
 * private directory made with mkdtemp inside --dir and removed afterwards,
 * also on failure and on Ctrl-C (signals arrive on a signalfd, see exec.h);
 * those of runs killed with SIGKILL are removed by the next run (datadir.h).
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "../bench/bench.h"
#include "../bench/datadir.h"
#include "../bench/exec.h"
#include "../bench/measure.h"
#include "../bench/runner.h"
#include "bench_cli.h"
#include "cli.h"
#include "jsonutil.h"
#include "rundoc.h"
#include "util.h"

const char usage_bench[] =
	"usage: specbench bench [--profile documented|quick|smoke] [--only LIST] [--dir DIR]\n"
	"                       [--json FILE] [--repeat N] [--no-warmup] [--print-commands]\n"
	"                       [--download-url URL] [--upload-url URL] [--streams N] [--ipv4] [--ipv6]\n"
	"\n"
	"Run the published disk (fio), CPU and memory (sysbench) and network (HTTP) benchmarks.\n"
	"\n"
	"  --profile P        documented: the published commands (minutes, up to 4 GiB of files);\n"
	"                     quick: the same workloads, time-based, smaller files, under 40 s,\n"
	"                     up to 2 GiB of files (default);\n"
	"                     smoke: a few seconds in all, for tests\n"
	"  --only LIST        comma-separated: disk, disk.randwrite, disk.randread, disk.randrw,\n"
	"                     cpu, memory, network\n"
	"  --dir DIR          where fio writes its files, in a private directory that is\n"
	"                     removed afterwards (default /var/tmp)\n"
	"  --json FILE        write the run document to FILE ('-': standard output)\n"
	"  --repeat N         run each benchmark N times: median, spread and stability\n"
	"  --no-warmup        skip the short unrecorded warm-up before each benchmark\n"
	"  --print-commands   print the command lines of the profile and run nothing\n"
	"  --download-url URL a large file on a web server (network benchmark)\n"
	"  --upload-url URL   a URL that accepts a POST body (network benchmark)\n"
	"  --streams N        parallel transfers (default 4)\n"
	"  --ipv4, --ipv6     measure over this family (both: each one)\n"
	"  -h, --help         show this help\n"
	"\n"
	"Exit: 0 all ran, 2 bad usage, 3 a tool is missing or a benchmark failed, 128+N killed by signal N\n"
	"(130 Ctrl-C, 143 SIGTERM).\n";


int bench_cli_option(struct bench_cli *o, int c, const char *arg, const char *cmd, const char *usage)
{
	uint64_t n;

	switch (c) {
	case 'p':
		if (bench_profile_parse(arg, &o->profile))
			return cli_bad_usage(cmd, usage, "--profile: unknown profile '%s'", arg);
		return 1;
	case 'o': o->only = arg; return 1;
	case 'd':
		if (abs_dir(arg, o->dir_abs, sizeof(o->dir_abs)))
			return cli_bad_usage(cmd, usage, "--dir: '%s' cannot be made absolute", arg);
		o->dir = o->dir_abs;
		return 1;
	case 'r':
		if (!parse_u64(arg, &n) || n < 1 || n > 1000)
			return cli_bad_usage(cmd, usage, "--repeat: '%s' is not a number from 1 to 1000", arg);
		o->repeat = (int)n;
		return 1;
	case 'W': o->warmup = false; return 1;
	case 'D': o->net.download_url = arg; return 1;
	case 'U': o->net.upload_url = arg; return 1;
	case 's':
		if (!parse_u64(arg, &n) || n < 1 || n > 64)
			return cli_bad_usage(cmd, usage, "--streams: '%s' is not a number from 1 to 64", arg);
		o->net.streams = (int)n;
		return 1;
	case '4': o->net.ipv4 = true; return 1;
	case '6': o->net.ipv6 = true; return 1;
	default: return 0;
	}
}

static int parse_args(int argc, char **argv, struct bench_cli *o, struct sb_error *err)
{
	static const struct option opts[] = {
		BENCH_CLI_LONG_OPTIONS,
		{ "json", required_argument, NULL, 'j' }, { "print-commands", no_argument, NULL, 'P' },
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
	};
	int c, rc;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		rc = bench_cli_option(o, c, optarg, "bench", usage_bench);
		if (rc == 2)
			return 2;
		if (rc == 1)
			continue;
		switch (c) {
		case 'j': o->json = optarg; break;
		case 'P': o->print_commands = true; break;
		case 'h': fputs(usage_bench, stdout); return 0;
		default:
			return cli_bad_usage("bench", usage_bench, "unknown or incomplete option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_bad_usage("bench", usage_bench, "unexpected argument '%s'", argv[optind]);
	if (bench_only_check(o->only, err))
		return -1;
	return 1;  /* go on */
}

static void print_commands(const struct bench_cli *o)
{
	char dir[PATH_MAX];
	struct bench_ctx ctx = { o->profile, dir, -1, false, &o->net };

	snprintf(dir, sizeof(dir), "%s/specbench-XXXXXX/data", o->dir);
	for (const struct bench_ops *const *b = bench_table; *b; b++) {
		struct argv_buf av;

		if (!bench_selected(o->only, (*b)->id))
			continue;
		if ((*b)->command(*b, &ctx, false, &av) == 0)
			for (int i = 0; i < av.argc; i++)
				printf("%s%s", av.argv[i], i + 1 < av.argc ? " " : "\n");
	}
}

/* Tools present, --dir usable and roomy enough. */
static int preflight(const struct bench_cli *o, struct sb_error *err)
{
	uint64_t need = 0;
	struct statvfs vfs;
	struct stat st;

	for (const struct bench_ops *const *b = bench_table; *b; b++) {
		if (!bench_selected(o->only, (*b)->id))
			continue;
		char path[PATH_MAX];

		if (bench_tool_path(*b, path, sizeof(path)))
			return sb_fail(err, SB_EXIT_SYSTEM, "%s, specbench's helper program, is neither next to "
				       "specbench nor in its libexec directory: reinstall specbench", (*b)->tool);
		if (!exec_in_path(path))
			return sb_fail(err, SB_EXIT_SYSTEM, "%s is not installed: install the Debian package '%s' "
				       "(apt-get install %s)", (*b)->tool, (*b)->package, (*b)->package);
		if ((*b)->space && (*b)->space(*b, o->profile) > need)
			need = (*b)->space(*b, o->profile);
	}
	if (!need)
		return 0;
	if (stat(o->dir, &st) || !S_ISDIR(st.st_mode))
		return sb_fail(err, SB_EXIT_USAGE, "--dir %s: not a directory", o->dir);
	if (access(o->dir, W_OK | X_OK))
		return sb_fail(err, SB_EXIT_USAGE, "--dir %s: not writable: %s", o->dir, strerror(errno));
	if (statvfs(o->dir, &vfs))
		return sb_fail(err, SB_EXIT_SYSTEM, "--dir %s: %s", o->dir, strerror(errno));
	/* each benchmark's files are removed before the next, so the largest counts */
	if ((uint64_t)vfs.f_bavail * vfs.f_frsize < need + need / 10)
		return sb_fail(err, SB_EXIT_SYSTEM,
			       "--dir %s: %.1f GiB free, the %s profile needs %.1f GiB (and a 10 %% margin)",
			       o->dir, (double)vfs.f_bavail * vfs.f_frsize / (1 << 30),
			       bench_profile_name(o->profile), (double)need / (1 << 30));
	return 0;
}

void bench_print_table(const json_t *doc, FILE *out)
{
	fprintf(out, "%-16s %-8s %s\n", "benchmark", "status", "result");
	for (const struct bench_ops *const *b = bench_table; *b; b++) {
		const json_t *r = bench_slot((json_t *)doc, (*b)->id), *w;
		const char *status = json_string_value(json_object_get(r, "status"));
		char line[512] = "";
		size_t i;

		if (!status)
			continue;
		if (!strcmp(status, "ok") && (*b)->summary)
			(*b)->summary(r, line, sizeof(line));
		else
			snprintf(line, sizeof(line), "%s", jstr(r, "error", ""));
		fprintf(out, "%-16s %-8s %s\n", (*b)->id, status, line);
		json_array_foreach(json_object_get(r, "warnings"), i, w)
			fprintf(out, "%-16s %-8s ! %s\n", "", "", json_string_value(w));
	}
}

/* specbench's own cost, children excluded: it must not change what it
 * measures (make benchmark reads this). */
static void record_self(json_t *doc)
{
	struct rusage ru;

	if (getrusage(RUSAGE_SELF, &ru))
		return;
	json_object_set_new(json_object_get(doc, "bench"), "self", json_pack("{s:f, s:I}",
		"cpu_s", (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
			 (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6,
		"max_rss_kib", (json_int_t)ru.ru_maxrss));
}

void bench_cli_defaults(struct bench_cli *o)
{
	*o = (struct bench_cli){ .profile = PROFILE_QUICK, .dir = "/var/tmp", .repeat = 1, .warmup = true,
				 .net = { NULL, NULL, 4, false, false } };
}

int bench_into(json_t *doc, const struct bench_cli *o, struct sb_error *err)
{
	struct bench_run_opts ro;
	struct bench_ctx ctx;
	char rundir[PATH_MAX], datadir[PATH_MAX + 8], device[64];
	sigset_t saved;
	int outcome, sigfd, rc, stale, lock_fd = -1;

	if (preflight(o, err))
		return -1;
	sigfd = exec_signals_begin(&saved);
	stale = datadir_clean_stale(o->dir);
	if (stale)
		fprintf(stderr, "specbench: removed %d data director%s left by runs that were killed\n",
			stale, stale == 1 ? "y" : "ies");
	rc = datadir_create(o->dir, rundir, sizeof(rundir), datadir, sizeof(datadir), &lock_fd);
	if (rc) {
		exec_signals_end(sigfd, &saved);
		return sb_fail(err, SB_EXIT_SYSTEM, "--dir %s: cannot create a private directory: %s",
			       o->dir, strerror(-rc));
	}
	ro = (struct bench_run_opts){ o->only, o->repeat, o->warmup,
				      measure_dir_device(datadir, device, sizeof(device)) ? NULL : device };
	ctx = (struct bench_ctx){ o->profile, datadir, sigfd, isatty(2) && !(o->json && !strcmp(o->json, "-")),
				  &o->net };
	json_object_set_new(doc, "bench", json_pack("{s:s, s:s, s:o, s:i, s:b}",
		"profile", bench_profile_name(o->profile), "dir", o->dir,
		"device", ro.device ? json_string(ro.device) : json_null(),
		"repeat", o->repeat, "warmup", o->warmup));
	outcome = bench_run(&ctx, &ro, doc);
	record_self(doc);
	rc = datadir_remove(rundir, lock_fd);
	if (rc)
		fprintf(stderr, "specbench: cannot remove %s: %s\n", rundir, strerror(-rc));
	/* after an interrupt the signal stays blocked and pending: specbench exits
	 * with 128+N itself (exec_interrupt_status) */
	exec_signals_end(outcome == BENCH_INTERRUPTED ? -1 : sigfd, &saved);
	if (outcome == BENCH_INTERRUPTED)
		close(sigfd);
	return outcome;
}

int cmd_bench(int argc, char **argv, struct sb_error *err)
{
	struct bench_cli o;
	json_t *doc;
	int rc, outcome;

	bench_cli_defaults(&o);
	rc = parse_args(argc, argv, &o, err);
	if (rc <= 0 || rc == 2)
		return rc;
	if (o.print_commands) {
		print_commands(&o);
		return 0;
	}
	doc = rundoc_new(NULL);
	outcome = bench_into(doc, &o, err);
	if (outcome < 0) {
		json_decref(doc);
		return -1;
	}
	rc = o.json ? rundoc_write(doc, o.json, err) : 0;
	if (!o.json || strcmp(o.json, "-"))
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
