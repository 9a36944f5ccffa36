/*
 * cmd_regress.c - `specbench regress`: is this machine still as fast as it
 * was?  Its newest stored run (or --run RUN.json) against its own past in
 * the history (history/judge.c); exit 1 on a REGRESSED metric.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/jsonutil.h"
#include "base/version.h"
#include "bench/session.h"
#include "history/history.h"
#include "history/judge.h"
#include "history/print.h"
#include "history/verdict.h"
#include "base/docpath.h"
#include "model/rundoc.h"
#include "model/spec.h"
#include "probes/probe.h"
#include "alerts.h"
#include "cli.h"
#include "output.h"
#include "store_run.h"

struct regress_args {
	const char *host, *run, *history, *spec, *format, *mail_from, *out;
	struct opt_list notify;
	const char *benchmark, *metric, *reason;  /* regress ack */
	bool recheck;
};

static const struct opt regress_options[] = {
	OPT_STRING(0, "host", struct regress_args, host, "ID",
		   "a machine id or hostname (default: this machine)"),
	OPT_STRING(0, "run", struct regress_args, run, "RUN.json",
		   "judge this run document instead of the host's newest stored run"),
	HISTORY_OPTION(struct regress_args),
	OPT_STRING(0, "spec", struct regress_args, spec, "NAME|FILE",
		   "the spec whose steal limit and maintenance windows keep\nfigures out of a baseline (default standard)"),
	OPT_FORMAT(struct regress_args, format),
	OPT_BOOL(0, "recheck", struct regress_args, recheck,
		 "on this machine: re-run at once, once, the benchmarks of a SUSPECT\n"
		 "metric (with the run's own profile) to confirm or clear it"),
	OPT_STRING(0, "out", struct regress_args, out, "DIR",
		   "where --recheck stores its run (default /var/lib/specbench/runs\n"
		   "as root, else $XDG_DATA_HOME/specbench/runs)"),
	ALERT_OPTIONS(struct regress_args),
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

static const struct opt ack_options[] = {
	OPT_STRING(0, "host", struct regress_args, host, "ID", "a machine id or hostname (default: this machine)"),
	HISTORY_OPTION(struct regress_args),
	OPT_STRING(0, "spec", struct regress_args, spec, "NAME|FILE", "as for regress (default standard)"),
	OPT_STRING_REQ(0, "benchmark", struct regress_args, benchmark, "ID", "the benchmark (disk.randread, cpu, ...)"),
	OPT_STRING_REQ(0, "metric", struct regress_args, metric, "KEY", "the metric (read.iops, events_per_sec, ...)"),
	OPT_STRING_REQ(0, "reason", struct regress_args, reason, "TEXT", "why it is known and accepted"),
	OPT_END(),
};

static const struct cmd_help help_ack = {
	"specbench regress ack", NULL,
	"Acknowledge a known regression: the step of this metric that REGRESSED\n"
	"stops alerting, until the metric moves again.",
	NULL,
	"Exit: 0, 2 the metric is not REGRESSED now, or bad usage, 3 the history\n"
	"cannot be read or written.\n",
	ack_options,
};

/* This machine, as its run documents name it (rundoc_host_key). */
static int this_host(char *buf, size_t size, struct sb_error *err)
{
	json_t *doc = rundoc_new(probe_host(NULL));
	const char *key = rundoc_host_key(doc);
	int rc = key ? 0 : sb_fail(err, SB_EXIT_SYSTEM, "this machine has neither /etc/machine-id nor a hostname: "
				   "use --host");

	if (key)
		snprintf(buf, size, "%s", key);
	json_decref(doc);
	return rc;
}

/* The history opened and the report made, for regress and regress ack;
 * the history stays open in *hp for the caller. */
static int judge(const struct regress_args *a, struct history **hp, json_t **report, struct sb_error *err)
{
	char host[256];
	struct history *h;
	json_t *spec, *run = NULL;
	int rc;

	*hp = NULL;
	spec = spec_load(a->spec, err);
	if (!spec)
		return -1;
	if (a->run) {
		run = sbj_load_named(a->run, JSON_REJECT_DUPLICATES, err);
		if (!run || rundoc_check_numbers(run, a->run, err)) {
			json_decref(spec);
			json_decref(run);
			return -1;
		}
	}
	if (a->host)
		snprintf(host, sizeof(host), "%s", a->host);
	else if (run && rundoc_host_key(run))
		snprintf(host, sizeof(host), "%s", rundoc_host_key(run));
	else if (this_host(host, sizeof(host), err)) {
		json_decref(spec);
		json_decref(run);
		return -1;
	}
	h = history_open(a->history, false, err);
	rc = h ? history_judge(h, host, run, 0, spec, report, err) : -1;
	json_decref(spec);
	json_decref(run);
	if (rc) {
		history_close(h);
		return -1;
	}
	*hp = h;
	return 0;
}

static int regress_ack_cmd(int argc, char **argv, struct sb_error *err)
{
	struct regress_args a = { .spec = "standard" };
	struct history *h;
	json_t *report, *m, *found = NULL;
	size_t i;
	int rc = parse_options(argc, argv, &help_ack, &a, err);

	if (rc <= 0)
		return rc;
	if (judge(&a, &h, &report, err))
		return -1;
	json_array_foreach(rd_get(report, "metrics"), i, m)
		if (!strcmp(rd_str_or(m, "benchmark", ""), a.benchmark) && !strcmp(rd_str_or(m, "metric", ""), a.metric))
			found = m;
	if (!found)
		rc = sb_fail(err, SB_EXIT_USAGE, "%s %s: no such metric in the newest run", a.benchmark, a.metric);
	else if (strcmp(rd_str_or(found, "state", ""), "REGRESSED"))
		rc = sb_fail(err, SB_EXIT_USAGE, "%s %s is %s now: nothing to acknowledge", a.benchmark, a.metric,
			     rd_str_or(found, "state", "?"));
	else {
		struct history_ack ack = {
			rundoc_host_key(report) ? rundoc_host_key(report) : "",
			a.benchmark, a.metric, (long long)json_integer_value(rd_get(found, "change.since_run")), a.reason,
		};

		rc = history_ack(h, &ack, err);
		if (rc == 0)
			printf("acknowledged: %s %s, the step since %s (%s)\n", a.benchmark, a.metric,
			       rd_str_or(found, "change.since", "?"), a.reason);
	}
	history_close(h);
	json_decref(report);
	return rc ? -1 : 0;
}

/* --recheck: the SUSPECT benchmarks run again here, with the judged run's
 * own profile, directory and network URLs (store_run.c). */
static int recheck_here(const struct regress_args *a, struct history *h, json_t *report, struct sb_error *err)
{
	char host[256], outdir[PATH_MAX];
	struct bench_opts b;
	struct store_opts so = { a->history, outdir, NULL, NULL };
	json_t *doc, *spec;
	long long id;
	int rc;

	if (this_host(host, sizeof(host), err))
		return -1;
	if (!rundoc_host_key(report) || strcmp(host, rundoc_host_key(report)))
		return sb_usage(err, "--recheck runs benchmarks on this machine, and the run judged is another's");
	if (!rd_int(report, "run.id", &id))
		return sb_usage(err, "--recheck needs a stored run (not --run)");
	doc = history_document(h, id, err);
	spec = doc ? spec_load(a->spec, err) : NULL;
	if (!spec) {
		json_decref(doc);
		return -1;
	}
	bench_opts_defaults(&b);
	bench_profile_parse(rd_str_or(doc, "bench.profile", "quick"), &b.profile);
	b.dir = rd_str_or(doc, "bench.dir", "/var/tmp");
	b.net.download_url = rd_str(doc, "bench.network.download_url");
	b.net.upload_url = rd_str(doc, "bench.network.upload_url");
	b.progress = isatty(2);
	if (a->out)
		snprintf(outdir, sizeof(outdir), "%s", a->out);
	else
		rundoc_runs_dir(outdir, sizeof(outdir));
	/* the history is opened again by the recheck: the judgement's handle
	 * stays open for the alerts, SQLite lets both be */
	rc = recheck_suspects(doc, report, &b, &so, spec, err);
	json_decref(spec);
	json_decref(doc);
	return rc;
}

int cmd_regress(int argc, char **argv, struct sb_error *err)
{
	struct regress_args a = { .spec = "standard" };
	struct history *h;
	struct sb_error alert_err = { 0, 0, "", NULL };
	json_t *report;
	const struct report_ops *fmt = NULL;
	int rc, alerted;

	if (argc > 1 && !strcmp(argv[1], "ack"))
		return regress_ack_cmd(argc - 1, argv + 1, err);
	rc = parse_options(argc, argv, &help_regress, &a, err);
	if (rc <= 0)
		return rc;
	if (!a.format)
		a.format = "table";  /* also into a pipe: scripts say --format json */
	if (strcmp(a.format, "table") && strcmp(a.format, "json") && !(fmt = output_format(a.format, err)))
		return -1;
	if (alerts_check(&a.notify, err) || judge(&a, &h, &report, err))
		return -1;
	if (a.recheck && !strcmp(rd_str_or(report, "status", ""), "SUSPECT")) {
		rc = recheck_here(&a, h, report, err);
		if (rc) {
			history_close(h);
			json_decref(report);
			if (rc > 0)
				fprintf(stderr, "specbench regress: interrupted while checking again\n");
			return rc > 0 ? rc : -1;
		}
	}
	alerted = alerts_send(h, report, &a.notify, a.mail_from, &alert_err);
	history_close(h);
	if (fmt) {
		/* a pipeline's format: the metrics as the checks of a verdict */
		json_t *doc = json_pack("{s:s, s:i, s:s, s:s?, s:{s:s?, s:s?, s:n, s:n, s:n}, s:o}",
			"schema", "specbench.run", "schema_version", 1, "specbench_version", SPECBENCH_VERSION,
			"created_at", rd_str(report, "run.created_at"),
			"host", "hostname", rd_str(report, "host.hostname"), "machine_id", rd_str(report, "host.machine_id"),
			"kernel", "os", "sysroot", "verdict", regress_verdict(report));

		rc = doc ? output_write(fmt, doc, err) : sb_fail(err, SB_EXIT_SYSTEM, "out of memory");
		if (rc == 0 && !strcmp(fmt->name, "prometheus"))
			regress_print_prometheus(report, stdout);
		json_decref(doc);
		if (rc) {
			json_decref(report);
			return -1;
		}
	} else if (!strcmp(a.format, "json")) {
		rc = json_dumpf(report, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII |
				JSON_REAL_PRECISION(10)) || fputc('\n', stdout) == EOF;
	} else {
		regress_print_table(report, stdout);
		rc = ferror(stdout);
	}
	rc = rc || fflush(stdout);
	rc = rc ? sb_fail(err, SB_EXIT_SYSTEM, "cannot write the report") :
		  !strcmp(rd_str_or(report, "status", ""), "REGRESSED") ? SB_EXIT_FAIL : 0;
	json_decref(report);
	if (alerted && rc == 0) {
		*err = alert_err;  /* the alert failed and nothing else did: exit 3 */
		return -1;
	}
	if (alerted)  /* the regression's exit 1 stands; the failed alert is still said */
		fprintf(stderr, "specbench regress: %s\n", alert_err.msg);
	return rc;
}
