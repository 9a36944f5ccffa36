/*
 * cmd_run.c - `specbench run --spec NAME`: the main job.  Probe, benchmark
 * and verify in one go, store the run document (with its verdict) in the
 * results directory, print the verdict.
 *
 * The one command that joins three subsystems: probes/, bench/ and
 * verify/ each fill their part of one run document, which core/rundoc.c
 * stores (rundoc_runs_dir, rundoc_store_run) and a report format prints.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench/exec.h"
#include "bench/session.h"
#include "bench_options.h"
#include "alerts.h"
#include "cli.h"
#include "core/docpath.h"
#include "core/maintenance.h"
#include "core/printable.h"
#include "core/rundoc.h"
#include "core/spec.h"
#include "core/util.h"
#include "history/history.h"
#include "history/judge.h"
#include "history/print.h"
#include "output.h"
#include "probes/probe.h"
#include "verify/verify.h"

struct run_args {
	const char *spec, *format, *out, *history, *app_version, *mail_from;
	bool no_history, regress, recheck;
	struct opt_list notify;
	struct bench_opts b;
};

static const struct opt run_options[] = {
	OPT_STRING_REQ(0, "spec", struct run_args, spec, "NAME|FILE", "standard, plus, apps/unifi, or a spec file"),
	OPT_STRING(0, "format", struct run_args, format, "FORMAT",
		   "table (default on a terminal), json (default otherwise), junit, tap,\n"
		   "prometheus"),
	OPT_STRING(0, "out", struct run_args, out, "DIR",
		   "where the run document is stored (default /var/lib/specbench/runs\n"
		   "as root, else $XDG_DATA_HOME/specbench/runs)"),
	OPT_STRING(0, "history", struct run_args, history, "FILE",
		   "the history the run is added to (default /var/lib/specbench/history.db\n"
		   "as root, else $XDG_DATA_HOME/specbench/history.db)"),
	OPT_BOOL(0, "no-history", struct run_args, no_history, "do not add the run to the history"),
	OPT_BOOL(0, "regress", struct run_args, regress,
		 "judge the run against this machine's past in the history too\n"
		 "(exit 1 on a regression); never inside a maintenance window"),
	OPT_BOOL(0, "recheck", struct run_args, recheck,
		 "with --regress: re-run at once, once, the benchmarks of a SUSPECT\n"
		 "metric, to confirm or clear it"),
	ALERT_OPTIONS(struct run_args),
	OPT_STRING(0, "app-version", struct run_args, app_version, "X.Y.Z",
		   "the application's version (semantic), recorded with the run"),
	BENCH_OPTIONS(struct run_args, b),
	OPT_END(),
};

const struct cmd_help help_run = {
	"specbench run", NULL,
	"Probe this machine, run the benchmarks and verify both against a package spec.",
	NULL,
	"Exit: 0 nothing failed, 1 a check failed, 2 bad usage or spec,\n"
	"3 a tool or the system failed, 128+N killed by signal N\n"
	"(130 Ctrl-C, 143 SIGTERM).\n",
	run_options,
};

/* The stored run into the history too: the same bytes as the file; with
 * report, judged there against the machine's past (history/judge.c). */
static int add_to_history(const json_t *doc, const struct run_args *a, const json_t *spec, json_t **report,
			  struct sb_error *alert_err, struct sb_error *err)
{
	const char *where = a->history;
	char path[PATH_MAX], *text = rundoc_text(doc);
	struct history *h;
	long long id;
	bool added;
	int rc = -1;

	if (!text)
		return sb_fail(err, SB_EXIT_SYSTEM, "out of memory");
	if (!where)
		history_default_path(path, sizeof(path));
	h = history_open(where ? where : path, true, err);
	if (h)
		rc = history_add(h, doc, text, &id, &added, err);
	if (rc == 0 && report)
		rc = history_judge(h, rd_str(doc, "host.machine_id") ? rd_str(doc, "host.machine_id") :
				   rd_str_or(doc, "host.hostname", ""), NULL, spec, report, err);
	if (rc == 0 && report && a->notify.n) {
		char from[320];

		if (a->mail_from)
			snprintf(from, sizeof(from), "%s", a->mail_from);
		else
			snprintf(from, sizeof(from), "specbench@%s", rd_str_or(doc, "host.hostname", "localhost"));
		alerts_send(h, *report, &a->notify, from, alert_err);
	}
	history_close(h);
	free(text);
	return rc;
}

/* --recheck: the benchmarks of the SUSPECT metrics run again at once, as a
 * run of their own (the probe facts of the first, seconds old), stored and
 * judged; their metrics in the report are the second judgement's.  A real
 * step is then two bad runs (REGRESSED); a blip is followed by a good one. */
static void recheck(const json_t *doc, json_t *report, const struct run_args *a, const json_t *spec,
		    const char *outdir, struct sb_error *alert_err, struct sb_error *err)
{
	char only[512] = "", path[PATH_MAX + 64];
	struct bench_opts b = a->b;
	json_t *again, *report2 = NULL, *m, *metrics;
	size_t i, used = 0;
	int outcome;

	json_array_foreach(rd_get(report, "metrics"), i, m) {
		const char *bench = rd_str_or(m, "benchmark", "");

		if (strcmp(rd_str_or(m, "state", ""), "SUSPECT") || strstr(only, bench))
			continue;
		used += (size_t)snprintf(only + used, sizeof(only) - used, "%s%s", used ? "," : "", bench);
		if (used >= sizeof(only))
			return;
	}
	if (!only[0])
		return;
	fprintf(stderr, "specbench run: SUSPECT %s: running it again to confirm or clear it\n", only);
	b.only = only;
	again = rundoc_new(NULL);
	json_object_set(again, "probe", json_object_get(doc, "probe"));
	if (rd_str(doc, "host.app_version"))
		rd_set(again, "host.app_version", json_string(rd_str(doc, "host.app_version")));
	outcome = bench_session_run(again, &b, err);
	if (outcome >= 0 && outcome != BENCH_INTERRUPTED) {
		json_object_set_new(again, "verdict", verify_run(spec, again));
		if (rundoc_store_run(again, outdir, path, sizeof(path), err) == 0 &&
		    add_to_history(again, a, spec, &report2, alert_err, err) == 0) {
			metrics = json_object_get(report, "metrics");
			json_array_foreach(rd_get(report2, "metrics"), i, m) {
				size_t j;
				json_t *old;

				json_array_foreach(metrics, j, old)
					if (!strcmp(rd_str_or(old, "benchmark", ""), rd_str_or(m, "benchmark", "")) &&
					    !strcmp(rd_str_or(old, "metric", ""), rd_str_or(m, "metric", "")))
						json_array_set(metrics, j, m);
			}
			json_object_set_new(report, "status", json_string(regress_status(metrics)));
		}
	}
	json_decref(report2);
	json_decref(again);
}

int cmd_run(int argc, char **argv, struct sb_error *err)
{
	struct run_args a = { .spec = NULL };
	char dir[PATH_MAX], outdir[PATH_MAX], path[PATH_MAX + 64];
	struct sysroot live = { NULL, NULL };
	struct probe_ctx pctx = { &live, NULL, NULL, "/var/tmp", NULL };
	const struct report_ops *fmt;
	json_t *spec, *doc, *report = NULL, *shown;
	char window[256];
	struct sb_error store_err = { 0, 0, "", NULL }, alert_err = { 0, 0, "", NULL };
	int rc, outcome, stored;

	bench_opts_defaults(&a.b);
	rc = parse_options(argc, argv, &help_run, &a, err);
	if (rc <= 0)
		return rc;
	if (bench_options_finish(&a.b, dir, sizeof(dir), err) || !(fmt = output_format(a.format, err)))
		return -1;
	a.b.progress = isatty(2);
	if (a.app_version && !semver_ok(a.app_version))
		return sb_usage(err, "--app-version: '%s' is not a semantic version (MAJOR.MINOR.PATCH)", a.app_version);
	if (a.regress && a.no_history)
		return sb_usage(err, "--regress needs the history: it cannot go with --no-history");
	if (a.recheck && !a.regress)
		return sb_usage(err, "--recheck goes with --regress");
	if (a.notify.n && !a.regress)
		return sb_usage(err, "--notify goes with --regress: alerts are about regressions");
	if (alerts_check(&a.notify, err))
		return -1;
	spec = spec_load(a.spec, err);
	if (!spec)
		return -1;
	if (a.regress && maint_inside(spec, time(NULL), window, sizeof(window))) {
		/* a timer that fires during an update, or while the machine settles
		 * after its reboot, measures the update: say so and do nothing */
		fprintf(stderr, "specbench run: inside the maintenance window %s: not measured, nothing stored\n",
			window);
		json_decref(spec);
		return 0;
	}
	if (a.out)
		snprintf(outdir, sizeof(outdir), "%s", a.out);
	else
		rundoc_runs_dir(outdir, sizeof(outdir));
	doc = rundoc_new(&live);
	if (a.app_version)
		rd_set(doc, "host.app_version", json_string(a.app_version));
	pctx.dir = a.b.dir;
	if (probes_run(&pctx, doc, err)) {
		json_decref(spec);
		json_decref(doc);
		return -1;
	}
	outcome = bench_session_run(doc, &a.b, err);
	if (outcome < 0 || outcome == BENCH_INTERRUPTED) {
		json_decref(spec);
		json_decref(doc);
		if (outcome < 0)
			return -1;
		fprintf(stderr, "specbench run: interrupted; data files removed, nothing stored\n");
		return exec_interrupt_status();
	}
	json_object_set_new(doc, "verdict", verify_run(spec, doc));
	/* the verdict is printed even when the document cannot be stored (a
	 * full or read-only disk): the run is not lost to the person watching,
	 * and the exit is 3 */
	stored = rundoc_store_run(doc, outdir, path, sizeof(path), &store_err);
	if (stored == 0 && !a.no_history)
		stored = add_to_history(doc, &a, spec, a.regress ? &report : NULL, &alert_err, &store_err);
	if (stored == 0 && report && a.recheck && !strcmp(rd_str_or(report, "status", ""), "SUSPECT"))
		recheck(doc, report, &a, spec, outdir, &alert_err, &store_err);
	rc = output_write(fmt, doc, err);
	if (rc == 0 && report && !strcmp(fmt->name, "table")) {
		shown = json_printable(report);
		fputc('\n', stdout);
		regress_print_table(shown ? shown : report, stdout);
		json_decref(shown);
	}
	if (rc == 0 && stored == 0 && isatty(2))
		fprintf(stderr, "run document: %s\n", path);
	if (rc == 0 && stored) {
		*err = store_err;
		rc = -1;
	}
	if (rc == 0)
		rc = verify_failed(json_object_get(doc, "verdict")) ||
		     !strcmp(rd_str_or(report, "status", ""), "REGRESSED") ? SB_EXIT_FAIL :
		     outcome == BENCH_SOME_FAILED ? SB_EXIT_SYSTEM : 0;
	if (alert_err.code && rc == 0) {
		*err = alert_err;  /* a failed alert and nothing else: exit 3 */
		rc = -1;
	} else if (alert_err.code) {
		fprintf(stderr, "specbench run: %s\n", alert_err.msg);
	}
	json_decref(report);
	json_decref(spec);
	json_decref(doc);
	return rc;
}
