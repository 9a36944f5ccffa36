/*
 * cmd_verify.c - `specbench verify --spec NAME|FILE --results RUN.json`:
 * judge a saved run document against a package spec.  Nothing is measured:
 * an old run can be judged again against a newer spec.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "output.h"
#include "spec.h"
#include "verify.h"

const char usage_verify[] =
	"usage: specbench verify --spec NAME|FILE --results RUN.json [--format FORMAT]\n"
	"\n"
	"Compare a saved run document with a package spec, one check per requirement.\n"
	"\n"
	"  --spec NAME|FILE   a spec by name (standard, plus, apps/unifi) or a file\n"
	"  --results FILE     a run document ('-': standard input)\n"
	"  --format FORMAT    table (default on a terminal), json (default otherwise),\n"
	"                     junit, tap, prometheus\n"
	"  -h, --help         show this help\n"
	"\n"
	"Exit: 0 nothing failed (WARN, SKIP, UNVERIFIABLE included), 1 a check failed,\n"
	"2 bad usage, spec or results file.\n";

int cmd_verify(int argc, char **argv, struct sb_error *err)
{
	static const struct option opts[] = {
		{ "spec", required_argument, NULL, 's' }, { "results", required_argument, NULL, 'r' },
		{ "format", required_argument, NULL, 'f' }, { "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *spec_name = NULL, *results = NULL, *format = NULL;
	const struct report_ops *fmt;
	json_t *spec, *run;
	int c, rc;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		switch (c) {
		case 's': spec_name = optarg; break;
		case 'r': results = optarg; break;
		case 'f': format = optarg; break;
		case 'h': fputs(usage_verify, stdout); return 0;
		default:
			return cli_bad_usage("verify", usage_verify, "unknown or incomplete option '%s'",
					     argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_bad_usage("verify", usage_verify, "unexpected argument '%s'", argv[optind]);
	if (!spec_name || !results)
		return cli_bad_usage("verify", usage_verify, "--spec and --results are required");
	fmt = output_format(format, err);
	if (!fmt)
		return -1;
	spec = spec_load(spec_name, err);
	if (!spec)
		return -1;
	run = verify_load_results(results, err);
	if (!run) {
		json_decref(spec);
		return -1;
	}
	json_object_set_new(run, "verdict", verify_run(spec, run));
	rc = output_write(fmt, run, err);
	if (rc == 0)
		rc = verify_failed(json_object_get(run, "verdict")) ? SB_EXIT_FAIL : 0;
	json_decref(spec);
	json_decref(run);
	return rc;
}
