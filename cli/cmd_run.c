/*
 * cmd_run.c - `specbench run --spec NAME`: the main job.  Probe, benchmark
 * and verify in one go, store the run document (with its verdict) in the
 * results directory, print the verdict.
 *
 * The one command that joins three subsystems: probes/, bench/ and
 * verify/ each fill their part of one run document, which model/rundoc.c
 * stores (rundoc_runs_dir, rundoc_store_run) and a report format prints.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/exec.h"
#include "base/validate.h"
#include "bench/session.h"
#include "history/print.h"
#include "base/docpath.h"
#include "model/maintenance.h"
#include "model/rundoc.h"
#include "model/spec.h"
#include "probes/probe.h"
#include "verify/verify.h"
#include "bench_options.h"
#include "alerts.h"
#include "cli.h"
#include "output.h"
#include "store_run.h"
#include "mail_check.h"

struct run_args {
	const char *spec, *format, *out, *history, *spool, *app_version, *mail_from, *prom_file;
	bool no_history, regress, recheck;
	struct opt_list notify;
	struct bench_opts b;
	struct mail_opts m;
	struct opt_config config;
};

static const struct opt run_options[] = {
	OPT_CONFIG(0, "config", struct run_args, config, "FILE",
		   "read options from the [run] section of FILE first (the scheduled\n"
		   "run's /etc/specbench/specbench.conf); the command line wins"),
	OPT_STRING_REQ(0, "spec", struct run_args, spec, "NAME|FILE", "standard, plus, apps/unifi, or a spec file"),
	OPT_STRING(0, "app-domain", struct run_args, m.app_domain, "DOMAIN", MAIL_DOMAIN_HELP),
	MAIL_SERVER_OPTIONS(struct run_args, m),
	OPT_FORMAT(struct run_args, format),
	OPT_STRING(0, "out", struct run_args, out, "DIR",
		   "where the run document is stored (default /var/lib/specbench/runs\n"
		   "as root, else $XDG_DATA_HOME/specbench/runs)"),
	HISTORY_OPTION(struct run_args),
	OPT_STRING(0, "spool", struct run_args, spool, "DIR",
		   "where runs wait while a central history (postgresql://) cannot take\n"
		   "them (default /var/lib/specbench/spool as root, else\n"
		   "$XDG_DATA_HOME/specbench/spool); shipped, oldest first, by the next run"),
	OPT_STRING(0, "prometheus-file", struct run_args, prom_file, "FILE",
		   "also write the run's Prometheus series (with --regress, its regression\n"
		   "states too) to FILE, replaced whole: node_exporter's textfile collector,\n"
		   "e.g. /var/lib/prometheus/node-exporter/specbench.prom"),
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

static int run_parsed(struct run_args *args, struct sb_error *err);

int cmd_run(int argc, char **argv, struct sb_error *err)
{
	struct run_args a = { .spec = NULL };
	int rc;

	bench_opts_defaults(&a.b);
	rc = parse_options(argc, argv, &help_run, &a, err);
	if (rc > 0)
		rc = run_parsed(&a, err);
	options_release(&a.config);
	return rc;
}

/* The run, once the options are read (those of a --config file too). */
static int run_parsed(struct run_args *args, struct sb_error *err)
{
	struct run_args a = *args;
	char dir[PATH_MAX], outdir[PATH_MAX], path[PATH_MAX + 64];
	struct sysroot live = { NULL, NULL };
	struct probe_ctx pctx = { &live, NULL, NULL, "/var/tmp", NULL };
	const struct report_ops *fmt;
	json_t *spec, *doc, *report = NULL;
	char window[256], *text;
	struct sb_error store_err = { 0, 0, "", NULL }, alert_err = { 0, 0, "", NULL }, mail_err = { 0, 0, "", NULL },
			out_err = { 0, 0, "", NULL };
	struct store_opts so;
	int rc, outcome, stored, out_rc;

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
	if (alerts_check(&a.notify, err) || mail_options_check(&a.m, err))
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
	so = (struct store_opts){ a.history, outdir, a.spool, path };
	doc = rundoc_new(probe_host(&live));
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
	if (a.m.app_domain && mail_collect(spec, doc, &a.m, &mail_err)) {
		if (mail_err.code >= SB_EXIT_SIGNAL) {
			json_decref(spec);
			json_decref(doc);
			fprintf(stderr, "specbench run: interrupted; nothing stored\n");
			return mail_err.code;
		}
		/* the measured figures are kept; the mail checks say why they are missing */
		json_object_set_new(doc, "mail", json_pack("{s:s}", "error", mail_err.msg));
	}
	json_object_set_new(doc, "verdict", verify_run(spec, doc));
	/* the verdict is printed even when the document cannot be stored (a
	 * full or read-only disk): the run is not lost to the person watching,
	 * and the exit is 3 */
	/* the runs directory and the history are two copies: one that cannot
	 * be written (a full --out) must not keep the run from the other */
	/* turned into text once: the file, the spool and the history keep the
	 * same bytes */
	text = rundoc_text(doc);
	if (!text)
		out_rc = sb_fail(&out_err, SB_EXIT_SYSTEM, "out of memory");
	else
		out_rc = rundoc_store_run(doc, text, outdir, path, sizeof(path), &out_err);
	stored = out_rc;
	if (!a.no_history && text) {
		so.doc_path = out_rc == 0 ? path : NULL;
		stored = store_in_history(doc, text, &so, spec, a.regress ? &report : NULL, &store_err);
	} else if (!a.no_history) {
		store_err = out_err;
	}
	free(text);
	if (out_rc && a.no_history) {
		store_err = out_err;
	} else if (out_rc) {
		/* said at the end, exit 3: the run itself is safe in the history
		 * (or its spool), or the history's own failure is said too */
		if (stored == 0)
			sb_append(&out_err, "; the run is in the history");
		if (stored)
			fprintf(stderr, "specbench run: %s\n", out_err.msg);
	}
	if (stored == 0 && report && a.recheck && !strcmp(rd_str_or(report, "status", ""), "SUSPECT"))
		stored = recheck_suspects(doc, report, &a.b, &so, spec, &store_err);
	if (stored > 0) {
		fprintf(stderr, "specbench run: interrupted while checking again; the first run is stored\n");
		json_decref(report);
		json_decref(spec);
		json_decref(doc);
		return stored;
	}
	/* alerts once the judgement is final */
	if (stored == 0 && report)
		store_alerts(&so, report, &a.notify, a.mail_from, &alert_err);
	rc = output_write(fmt, doc, err);
	if (rc == 0 && report && !strcmp(fmt->name, "table")) {
		fputc('\n', stdout);
		regress_print_table(report, stdout);
	}
	/* the textfile collector's one file: the run's series and its
	 * regression states */
	if (rc == 0 && report && !strcmp(fmt->name, "prometheus"))
		regress_print_prometheus(report, stdout);
	if (rc == 0 && stored == 0 && isatty(2))
		fprintf(stderr, "run document: %s\n", path);
	/* after a stored run only: the textfile says what the history holds
	 * (a run that could not be stored leaves the last one, and its age) */
	if (rc == 0 && stored == 0 && a.prom_file)
		rc = output_prometheus_file(a.prom_file, doc, report, err);
	if (rc == 0 && stored) {
		*err = store_err;
		rc = -1;
	}
	if (rc == 0)
		rc = verify_failed(json_object_get(doc, "verdict")) ||
		     !strcmp(rd_str_or(report, "status", ""), "REGRESSED") ? SB_EXIT_FAIL :
		     outcome == BENCH_SOME_FAILED ? SB_EXIT_SYSTEM : 0;
	if (out_rc && !a.no_history && stored == 0 && rc != -1) {
		if (alert_err.code)
			fprintf(stderr, "specbench run: %s\n", alert_err.msg);
		*err = out_err;  /* the runs directory could not be written: exit 3 */
		rc = -1;
	} else if (alert_err.code && rc == 0) {
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
