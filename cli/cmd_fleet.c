/*
 * cmd_fleet.c - `specbench fleet --spec NAME`: every VM of a package in the
 * history against the fleet's median, figure by figure (history/fleet.h);
 * exit 1 when a host is out of line.  Meant for a central history
 * (postgresql://...) that the whole fleet ships its runs to.
 */
#include <stdio.h>
#include <string.h>

#include "base/validate.h"
#include "history/fleet.h"
#include "history/history.h"
#include "base/docpath.h"
#include "model/spec.h"
#include "cli.h"

struct fleet_args {
	const char *spec, *history, *since, *format;
	bool all;
};

static const struct opt fleet_options[] = {
	OPT_STRING_REQ(0, "spec", struct fleet_args, spec, "NAME|FILE",
		       "the package: its runs are compared (and its steal limit applies)"),
	HISTORY_OPTION(struct fleet_args),
	OPT_STRING(0, "since", struct fleet_args, since, "DATE", "only runs from this day on (YYYY-MM-DD, UTC)"),
	OPT_STRING(0, "format", struct fleet_args, format, "FORMAT", "table (default) or json"),
	OPT_BOOL(0, "all", struct fleet_args, all, "list every host, not only those out of line"),
	OPT_END(),
};

const struct cmd_help help_fleet = {
	"specbench fleet", NULL,
	"Compare every VM of a package with the others: per figure, each host's median of\n"
	"its last 5 runs against the fleet's median; SLOW (FAST) when at least 25 % and\n"
	"3 robust sigmas below (above) it.  A slow VM among fast ones of the same kind\n"
	"points at its host, not at the package.",
	NULL,
	"Exit: 0 no host out of line, 1 a host SLOW or FAST, 2 bad usage or spec,\n"
	"3 the history cannot be read.\n",
	fleet_options,
};

int cmd_fleet(int argc, char **argv, struct sb_error *err)
{
	struct fleet_args a = { NULL, NULL, NULL, NULL, false };
	struct history_filter f;
	struct history *h;
	json_t *spec, *report;
	double max_steal = 100;
	int rc;

	rc = parse_options(argc, argv, &help_fleet, &a, err);
	if (rc <= 0)
		return rc;
	if (a.format && strcmp(a.format, "table") && strcmp(a.format, "json"))
		return sb_usage(err, "--format %s: table or json", a.format);
	if (a.since && !utc_time_ok(a.since))
		return sb_usage(err, "--since: '%s' is not a day on the calendar (YYYY-MM-DD)", a.since);
	spec = spec_load(a.spec, err);
	if (!spec)
		return -1;
	rd_num(spec, "limits.max_steal_pct", &max_steal);
	f = (struct history_filter){ NULL, rd_str(spec, "name"), a.since, 0 };
	h = history_open(a.history, false, err);
	report = h ? fleet_report(h, &f, max_steal, err) : NULL;
	history_close(h);
	json_decref(spec);
	if (!report)
		return -1;
	if (a.format && !strcmp(a.format, "json")) {
		json_dumpf(report, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		fputc('\n', stdout);
	} else
		fleet_print_table(report, a.all, stdout);
	rc = strcmp(rd_str(report, "status"), "OK") ? SB_EXIT_FAIL : 0;
	json_decref(report);
	return rc;
}
