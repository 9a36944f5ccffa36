/*
 * cmd_verify.c - `specbench verify --spec NAME|FILE --results RUN.json`:
 * judge a saved run document against a package spec.  Nothing is measured:
 * an old run can be judged again against a newer spec.
 */
#include <stdio.h>
#include <string.h>

#include "model/spec.h"
#include "verify/verify.h"
#include "cli.h"
#include "output.h"

struct verify_args {
	const char *spec, *results, *format;
};

static const struct opt verify_options[] = {
	OPT_STRING_REQ(0, "spec", struct verify_args, spec, "NAME|FILE",
		       "a spec by name (standard, plus, apps/unifi) or a file"),
	OPT_STRING_REQ(0, "results", struct verify_args, results, "RUN.json", "a run document ('-': standard input)"),
	OPT_FORMAT(struct verify_args, format),
	OPT_END(),
};

const struct cmd_help help_verify = {
	"specbench verify", NULL,
	"Compare a saved run document with a package spec, one check per requirement.",
	NULL,
	"Exit: 0 nothing failed (WARN, SKIP, UNVERIFIABLE included), 1 a check failed,\n"
	"2 bad usage, spec or results file.\n",
	verify_options,
};

int cmd_verify(int argc, char **argv, struct sb_error *err)
{
	struct verify_args a = { NULL, NULL, NULL };
	const struct report_ops *fmt;
	json_t *spec, *run;
	int rc;

	rc = parse_options(argc, argv, &help_verify, &a, err);
	if (rc <= 0)
		return rc;
	fmt = output_format(a.format, err);
	if (!fmt)
		return -1;
	spec = spec_load(a.spec, err);
	if (!spec)
		return -1;
	run = verify_load_results(a.results, err);
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
