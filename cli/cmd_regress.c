/*
 * cmd_regress.c - `specbench regress`: is this machine still as fast as it
 * was?  Its newest stored run (or --run RUN.json) against its own past in
 * the history (history/judge.c); exit 1 on a REGRESSED metric.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "core/docpath.h"
#include "core/jsonutil.h"
#include "core/printable.h"
#include "core/rundoc.h"
#include "core/spec.h"
#include "core/sysroot.h"
#include "history/history.h"
#include "history/judge.h"

struct regress_args {
	const char *host, *run, *history, *spec, *format;
};

static const struct opt regress_options[] = {
	OPT_STRING(0, "host", struct regress_args, host, "ID",
		   "a machine id or hostname (default: this machine)"),
	OPT_STRING(0, "run", struct regress_args, run, "RUN.json",
		   "judge this run document instead of the host's newest stored run"),
	OPT_STRING(0, "history", struct regress_args, history, "FILE",
		   "the history (default /var/lib/specbench/history.db as root,\n"
		   "else $XDG_DATA_HOME/specbench/history.db)"),
	OPT_STRING(0, "spec", struct regress_args, spec, "NAME|FILE",
		   "the spec whose steal limit keeps figures out of a baseline\n(default standard)"),
	OPT_STRING(0, "format", struct regress_args, format, "FORMAT", "table (default on a terminal) or json"),
	OPT_END(),
};

const struct cmd_help help_regress = {
	"specbench regress", NULL,
	"Compare a machine's newest run with its own past, metric by metric: OK,\n"
	"IMPROVED, SUSPECT (the last run alone is out of line: run again),\n"
	"REGRESSED (a step down over two runs or more, dated, with what changed\n"
	"under the machine at that run) or INSUFFICIENT (too little history).",
	NULL,
	"Exit: 0 nothing regressed, 1 a metric REGRESSED, 2 bad usage or input,\n"
	"3 the history cannot be read.\n",
	regress_options,
};

/* This machine: its machine id, else its hostname. */
static int this_host(char *buf, size_t size, struct sb_error *err)
{
	if (sr_read_line(NULL, "/etc/machine-id", buf, size) == 0 && buf[0])
		return 0;
	if (sr_read_line(NULL, "/proc/sys/kernel/hostname", buf, size) == 0 && buf[0])
		return 0;
	return sb_fail(err, SB_EXIT_SYSTEM, "this machine has neither /etc/machine-id nor a hostname: use --host");
}

static void print_table(const json_t *report, FILE *out)
{
	const json_t *m, *a;
	size_t i, j;
	char value[32], base[32];

	char run[64];

	if (json_is_integer(rd_get(report, "run.id")))
		snprintf(run, sizeof(run), "run %lld", (long long)json_integer_value(rd_get(report, "run.id")));
	else
		snprintf(run, sizeof(run), "the run given (not stored)");
	fprintf(out, "host %s (%s), %s of %s: %s\n\n", rd_str_or(report, "host.hostname", "?"),
		rd_str_or(report, "host.machine_id", "no machine id"), run,
		rd_str_or(report, "run.created_at", "?"), rd_str_or(report, "status", "?"));
	fprintf(out, "%-16s %-16s %-12s %12s %12s  %s\n", "benchmark", "metric", "state", "value", "baseline", "change");
	json_array_foreach(rd_get(report, "metrics"), i, m) {
		char change[160] = "";
		double pct;

		if (rd_num(m, "change.step_pct", &pct))
			snprintf(change, sizeof(change), "%+.1f %% over %lld run(s) since %s", pct,
				 (long long)json_integer_value(rd_get(m, "change.runs")), rd_str_or(m, "change.since", "?"));
		fprintf(out, "%-16s %-16s %-12s %12s %12s  %s\n", rd_str_or(m, "benchmark", "?"), rd_str_or(m, "metric", "?"),
			rd_str_or(m, "state", "?"), jfig(value, sizeof(value), "%.1f", rd_get(m, "value")),
			jfig(base, sizeof(base), "%.1f", rd_get(m, "baseline.median")), change);
		json_array_foreach(rd_get(m, "attribution"), j, a)
			fprintf(out, "%-16s %-16s   changed at that run: %s\n", "", "", json_string_value(a));
		if (rd_str(m, "note"))
			fprintf(out, "%-16s %-16s   %s\n", "", "", rd_str(m, "note"));
	}
}

int cmd_regress(int argc, char **argv, struct sb_error *err)
{
	struct regress_args a = { NULL, NULL, NULL, "standard", NULL };
	char path[PATH_MAX], host[256];
	struct history *h;
	json_t *spec, *run = NULL, *report, *shown;
	double max_steal = 5;
	int rc = parse_options(argc, argv, &help_regress, &a, err);

	if (rc <= 0)
		return rc;
	if (!a.format)
		a.format = isatty(1) ? "table" : "json";
	if (strcmp(a.format, "table") && strcmp(a.format, "json"))
		return sb_usage(err, "--format: '%s' is not table or json", a.format);
	spec = spec_load(a.spec, err);
	if (!spec)
		return -1;
	rd_num(spec, "limits.max_steal_pct", &max_steal);
	json_decref(spec);
	if (a.run) {
		run = json_load_named(a.run, JSON_REJECT_DUPLICATES, err);
		if (!run || rundoc_check_numbers(run, a.run, err)) {
			json_decref(run);
			return -1;
		}
	}
	if (a.host)
		snprintf(host, sizeof(host), "%s", a.host);
	else if (run && (rd_str(run, "host.machine_id") || rd_str(run, "host.hostname")))
		snprintf(host, sizeof(host), "%s", rd_str(run, "host.machine_id") ? rd_str(run, "host.machine_id") :
						  rd_str(run, "host.hostname"));
	else if (this_host(host, sizeof(host), err)) {
		json_decref(run);
		return -1;
	}
	if (!a.history)
		history_default_path(path, sizeof(path));
	h = history_open(a.history ? a.history : path, false, err);
	rc = h ? history_judge(h, host, run, max_steal, &report, err) : -1;
	history_close(h);
	json_decref(run);
	if (rc)
		return -1;
	if (!strcmp(a.format, "json")) {
		rc = json_dumpf(report, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII |
				JSON_REAL_PRECISION(10)) || fputc('\n', stdout) == EOF;
	} else {
		shown = json_printable(report);
		print_table(shown ? shown : report, stdout);
		json_decref(shown);
	}
	rc = rc || fflush(stdout);
	rc = rc ? sb_fail(err, SB_EXIT_SYSTEM, "cannot write the report") :
		  !strcmp(rd_str_or(report, "status", ""), "REGRESSED") ? SB_EXIT_FAIL : 0;
	json_decref(report);
	return rc;
}
