/*
 * dashboard.c - the model of `specbench dashboard`; see dashboard.h.
 *
 * Three readings of the store, each the one the rest of specbench makes:
 * the runs (history_list: last run, verdict, checks, and the kernel, CPU,
 * application version and device of each run, whose changes are marked
 * on the time axis), the fleet
 * comparison (fleet_report: SLOW and FAST), and per VM its judgement
 * (history_judge of its newest run: the states, bands and attributed
 * steps regress prints) and its figures, the very ones the judgement
 * reads (history_judge_each: all the VM's runs from --since on), one VM
 * at a time.  Nothing is judged here that regress or fleet would judge
 * differently.
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/docpath.h"
#include "model/maintenance.h"
#include "dashboard.h"
#include "fleet.h"
#include "judge.h"

/* The states, worst first: the index's order and a VM's state. */
static const char *const states[] = { "REGRESSED", "FAIL", "SLOW", "SUSPECT", "STALE", "FAST", "ACKED",
				      "INSUFFICIENT", "OK", NULL };

static int state_rank(const char *s)
{
	for (int i = 0; states[i]; i++)
		if (!strcmp(s, states[i]))
			return i;
	return 99;
}

static time_t time_of(const char *iso)
{
	time_t t;

	return iso && maint_parse_time(iso, &t) == 0 ? t : 0;
}

/* A change of a fact between two runs of a VM, for the time axis; the
 * fact's last value is kept in the host as "_" + fact. */
static void note_change(json_t *host, const json_t *run, const char *fact, const char *label)
{
	const char *now = rd_str(run, fact), *before;
	char key[32], what[512];

	snprintf(key, sizeof(key), "_%s", fact);
	before = rd_str(host, key);
	if (!now)
		return;
	if (before && strcmp(before, now)) {
		snprintf(what, sizeof(what), "%s %.200s \xe2\x86\x92 %.200s", label, before, now);
		json_array_append_new(json_object_get(host, "changes"),
				      json_pack("{s:I, s:s?, s:s}", "run", (json_int_t)rd_int_or(run, "id", 0),
						"at", rd_str(run, "created_at"), "what", what));
	}
	json_object_set_new(host, key, json_string(now));
}

/* The runs, grouped by VM (machine id, else hostname), oldest first. */
static json_t *hosts_of(const json_t *runs)
{
	json_t *hosts = json_object();
	const json_t *run;
	size_t i;

	json_array_foreach(runs, i, run) {
		const char *key = rd_str(run, "machine_id") ? rd_str(run, "machine_id") : rd_str(run, "hostname");
		json_t *host;

		if (!key)
			continue;
		host = json_object_get(hosts, key);
		if (!host) {
			host = json_pack("{s:s, s:[], s:i}", "key", key, "changes", "runs", 0);
			json_object_set_new(hosts, key, host);
		}
		json_object_set(host, "hostname", json_object_get(run, "hostname") ? json_object_get(run, "hostname")
										: json_null());
		json_object_set(host, "machine_id", json_object_get(run, "machine_id") ? json_object_get(run, "machine_id")
										      : json_null());
		json_object_set_new(host, "last_run", json_pack("{s:O?, s:O?, s:O?, s:O?}", "id", json_object_get(run, "id"),
							       "created_at", json_object_get(run, "created_at"),
							       "verdict", json_object_get(run, "verdict"),
							       "kernel", json_object_get(run, "kernel")));
		json_object_set(host, "checks", json_object_get(run, "checks") ? json_object_get(run, "checks") : json_null());
		json_object_set_new(host, "runs", json_integer(rd_int_or(host, "runs", 0) + 1));
		note_change(host, run, "kernel", "kernel");
		note_change(host, run, "cpu", "CPU");
		note_change(host, run, "app_version", "app");
		note_change(host, run, "device", "device");
	}
	return hosts;
}

/* host key -> [{benchmark, metric, state, ratio}] of its SLOW and FAST figures */
static json_t *outliers_of(const json_t *fleet)
{
	json_t *by_host = json_object();
	const json_t *m, *r;
	size_t i, j;

	json_array_foreach(json_object_get(fleet, "metrics"), i, m)
		json_array_foreach(json_object_get(m, "ranking"), j, r) {
			const char *state = rd_str_or(r, "state", ""), *host = rd_str(r, "host");
			json_t *list;

			if (!host || (strcmp(state, "SLOW") && strcmp(state, "FAST")))
				continue;
			list = json_object_get(by_host, host);
			if (!list) {
				list = json_array();
				json_object_set_new(by_host, host, list);
			}
			json_array_append_new(list, json_pack("{s:O?, s:O?, s:s, s:O?}", "benchmark",
							       json_object_get(m, "benchmark"), "metric",
							       json_object_get(m, "metric"), "state", state, "ratio",
							       json_object_get(r, "ratio")));
		}
	return by_host;
}

struct series_walk {
	json_t *figures;  /* "benchmark\tmetric\tcommand\tprofile" -> figure */
	const json_t *spec;
	double max_steal;
	long long run_id;  /* the run of the last figure, its time and window: */
	time_t t;          /* a run's figures come together, and parsing times */
	bool window;       /* was most of the work */
	const char *since; /* --since: earlier runs are not drawn */
};

/* Each figure of the VM into its series: [time, value, run id, flags]
 * (flags: "w" inside a maintenance window, "x" cached, unstable or
 * under too much steal - drawn apart, never in a band). */
static int add_point(const struct history_row *r, void *ctx)
{
	struct series_walk *w = ctx;
	char key[1400], flags[3] = "", what[160];
	json_t *fig;

	if (!r->benchmark || !r->metric || !isfinite(r->value) ||
	    (w->since && (!r->created_at || strcmp(r->created_at, w->since) < 0)))
		return 0;
	snprintf(key, sizeof(key), "%s\t%s\t%.1000s\t%s", r->benchmark, r->metric, r->command ? r->command : "",
		 r->profile ? r->profile : "");
	fig = json_object_get(w->figures, key);
	if (!fig) {
		fig = json_pack("{s:s, s:s, s:s?, s:s?, s:[]}", "benchmark", r->benchmark, "metric", r->metric,
				"command", r->command, "profile", r->profile, "points");
		if (!fig || json_object_set_new(w->figures, key, fig))
			return 1;
	}
	if (r->run_id != w->run_id) {
		w->run_id = r->run_id;
		w->t = time_of(r->created_at);
		w->window = maint_inside(w->spec, w->t, what, sizeof(what));
	}
	if (w->window)
		strcat(flags, "w");
	if (r->cached || r->unstable || (isfinite(r->steal_pct) && r->steal_pct > w->max_steal))
		strcat(flags, "x");
	return json_array_append_new(json_object_get(fig, "points"),
				     json_pack("[I, f, I, s]", (json_int_t)w->t, r->value, (json_int_t)r->run_id, flags)) ? 1 : 0;
}

/* The judgement of a metric of the newest run, onto its figure. */
static void judge_onto(json_t *figures, const json_t *m, long long run_id)
{
	const char *key;
	json_t *fig;

	json_object_foreach(figures, key, fig) {
		const json_t *pts = json_object_get(fig, "points");
		const json_t *last = json_array_get(pts, json_array_size(pts) - 1);

		if (strcmp(rd_str_or(fig, "benchmark", ""), rd_str_or(m, "benchmark", "")) ||
		    strcmp(rd_str_or(fig, "metric", ""), rd_str_or(m, "metric", "")) ||
		    json_integer_value(json_array_get(last, 2)) != run_id)
			continue;
		json_object_set(fig, "judged", (json_t *)m);
		return;
	}
}

/* The last DASH_SPARK_POINTS values of the figure judged m, oldest first. */
static json_t *spark_of(const json_t *figures, const json_t *m)
{
	const char *key;
	const json_t *fig;
	json_t *out = json_array();

	json_object_foreach((json_t *)figures, key, fig) {
		const json_t *pts = json_object_get(fig, "points");
		size_t n = json_array_size(pts), from = n > DASH_SPARK_POINTS ? n - DASH_SPARK_POINTS : 0;

		if (json_object_get(fig, "judged") != m)
			continue;
		for (size_t i = from; i < n; i++)
			json_array_append(out, json_array_get(json_array_get(pts, i), 1));
		break;
	}
	return out;
}

static void add_state(json_t *host, const char *state)
{
	json_t *list = json_object_get(host, "states");
	const json_t *s;
	size_t i;

	json_array_foreach(list, i, s)
		if (!strcmp(json_string_value(s), state))
			return;
	json_array_append_new(list, json_string(state));
}

/* The states of a VM from its judgement, its last run and the fleet. */
static void states_of(json_t *host, const json_t *report, const json_t *figures, const json_t *outliers,
		      time_t now)
{
	const json_t *m, *checks = json_object_get(host, "checks");
	json_t *fails = json_array(), *regressed = json_array(), *suspect = json_array(), *acked = json_array();
	const char *id, *primary = "OK";
	json_t *status;
	size_t i;

	json_object_set_new(host, "states", json_array());
	json_array_foreach(json_object_get(report, "metrics"), i, m) {
		const char *state = rd_str_or(m, "state", "");
		json_t *item = json_pack("{s:O?, s:O?, s:O?, s:O?, s:O?, s:O?}", "benchmark", json_object_get(m, "benchmark"),
					 "metric", json_object_get(m, "metric"), "change", json_object_get(m, "change"),
					 "attribution", json_object_get(m, "attribution"), "acknowledged",
					 json_object_get(m, "acknowledged"), "baseline", json_object_get(m, "baseline"));

		json_object_set_new(item, "spark", spark_of(figures, m));
		if (!strcmp(state, "REGRESSED"))
			json_array_append(rd_get(m, "acknowledged") ? acked : regressed, item);
		else if (!strcmp(state, "SUSPECT"))
			json_array_append(suspect, item);
		json_decref(item);
	}
	json_object_foreach((json_t *)checks, id, status)
		if (!strcmp(json_string_value(status) ? json_string_value(status) : "", "FAIL"))
			json_array_append_new(fails, json_string(id));
	if (json_array_size(regressed))
		add_state(host, "REGRESSED");
	if (json_array_size(fails))
		add_state(host, "FAIL");
	json_array_foreach(outliers, i, m)
		add_state(host, rd_str_or(m, "state", "SLOW"));
	if (json_array_size(suspect))
		add_state(host, "SUSPECT");
	if (now - time_of(rd_str(host, "last_run.created_at")) > DASH_STALE_S)
		add_state(host, "STALE");
	if (json_array_size(acked))
		add_state(host, "ACKED");
	if (!report || !strcmp(rd_str_or(report, "status", ""), "INSUFFICIENT"))
		add_state(host, "INSUFFICIENT");
	json_array_foreach(json_object_get(host, "states"), i, m)
		if (state_rank(json_string_value(m)) < state_rank(primary))
			primary = json_string_value(m);
	json_object_set_new(host, "state", json_string(primary));
	json_object_set_new(host, "fails", fails);
	json_object_set_new(host, "regressed", regressed);
	json_object_set_new(host, "suspect", suspect);
	json_object_set_new(host, "acked", acked);
	json_object_set_new(host, "fleet", outliers ? json_incref((json_t *)outliers) : json_array());
}

/* One VM: judged, its series read, handed on; its summary returned. */
static json_t *one_host(struct history *h, json_t *host, const json_t *spec, const char *since,
			const json_t *outliers, time_t now, int (*each_host)(const json_t *, void *), void *ctx,
			int *rc, struct sb_error *err)
{
	struct series_walk w = { json_object(), spec, 5, 0, 0, false, NULL };
	struct sb_error judge_err = { 0 };
	json_t *report = NULL, *detail, *summary, *figures = json_array(), *acks = NULL;
	const char *key;
	json_t *fig;
	const json_t *m;
	size_t i;

	rd_num(spec, "limits.max_steal_pct", &w.max_steal);
	w.since = since;
	/* the series come from the figures the judgement reads: one reading
	 * of a VM's figures, not two (a third of the dashboard's time).  A VM
	 * with no figure to judge (exit 2's "no stored run with figures") is
	 * INSUFFICIENT, not an error of the page; a store that failed is */
	if (history_judge_each(h, rd_str(host, "key"), spec, add_point, &w, &report, &judge_err)) {
		report = NULL;
		if (judge_err.code != SB_EXIT_USAGE) {
			*err = judge_err;
			goto fail;
		}
	}
	/* every acknowledgement of the VM, the past ones too: what was
	 * accepted before is part of its story (the judgement shows only the
	 * ones over its current steps) */
	if (history_acks(h, rd_str(host, "key"), &acks, err))
		goto fail;
	json_array_foreach(json_object_get(report, "metrics"), i, m)
		judge_onto(w.figures, m, rd_int_or(report, "run.id", 0));
	states_of(host, report, w.figures, outliers, now);
	json_object_foreach(w.figures, key, fig)
		json_array_append(figures, fig);
	json_object_del(host, "_kernel");
	json_object_del(host, "_cpu");
	json_object_del(host, "_app_version");
	json_object_del(host, "_device");
	detail = json_deep_copy(host);
	json_object_set_new(detail, "figures", figures);
	json_object_set_new(detail, "acks", acks);
	*rc = each_host ? each_host(detail, ctx) : 0;
	json_decref(detail);
	summary = json_deep_copy(host);
	json_object_del(summary, "changes");
	json_object_del(summary, "checks");
	json_decref(report);
	json_decref(w.figures);
	return summary;
fail:
	*rc = -1;
	json_decref(report);
	json_decref(w.figures);
	json_decref(figures);
	return NULL;
}

static int by_state(const void *a, const void *b)
{
	const json_t *x = *(const json_t *const *)a, *y = *(const json_t *const *)b;
	int d = state_rank(rd_str_or(x, "state", "")) - state_rank(rd_str_or(y, "state", ""));

	return d ? d : strcmp(rd_str_or(x, "hostname", rd_str_or(x, "key", "")),
			      rd_str_or(y, "hostname", rd_str_or(y, "key", "")));
}

/* One VM's runs (its own few hundred, never every VM's: 1,000 VMs x 365
 * runs as JSON rows took gigabytes), judged and handed on; its summary. */
static json_t *host_summary(struct history *h, const json_t *vm, const json_t *spec, const char *since,
			    const json_t *outliers, time_t now, int (*each_host)(const json_t *, void *), void *ctx,
			    int *rc, struct sb_error *err)
{
	struct history_filter f = { rd_str(vm, "key"), rd_str(spec, "name"), since, 0 };
	json_t *runs = NULL, *hosts, *host, *summary = NULL;

	*rc = history_list(h, &f, &runs, err);
	if (*rc)
		return NULL;
	hosts = hosts_of(runs);
	/* the filter also finds a VM whose hostname is this key: its own row */
	host = json_object_get(hosts, rd_str(vm, "key"));
	if (host)
		summary = one_host(h, host, spec, since, outliers, now, each_host, ctx, rc, err);
	if (*rc) {
		json_decref(summary);
		summary = NULL;
	}
	json_decref(hosts);
	json_decref(runs);
	return summary;
}

int dashboard_build(struct history *h, const json_t *spec, const char *since, time_t now,
		    int (*each_host)(const json_t *detail, void *ctx), void *ctx, json_t **index,
		    struct sb_error *err)
{
	struct history_filter f = { NULL, rd_str(spec, "name"), since, 0 }, newest = f;
	json_t *vms = json_object(), *fleet = NULL, *outliers = NULL, *counts = json_object(), **list = NULL;
	json_t *newest_runs = NULL;
	json_t *out = json_array(), *host;
	double max_steal = 5;
	const char *key;
	size_t n = 0, i;
	int rc = -1;

	*index = NULL;
	newest.newest = 1;
	rd_num(spec, "limits.max_steal_pct", &max_steal);
	/* the VMs of the package by their key (machine id, else hostname),
	 * from each one's newest run: with figures or not (a VM whose
	 * benchmarks all failed is the one to show, not to leave out) */
	rc = history_list(h, &newest, &newest_runs, err);
	json_array_foreach(newest_runs, i, host) {
		const char *key = rd_str(host, "machine_id") ? rd_str(host, "machine_id") : rd_str(host, "hostname");

		if (key && !json_object_get(vms, key))
			json_object_set_new(vms, key, json_pack("{s:s, s:O?}", "key", key, "hostname",
								json_object_get(host, "hostname")));
	}
	json_decref(newest_runs);
	if (rc || !(fleet = fleet_report(h, &f, max_steal, err))) {
		rc = -1;
		goto done;
	}
	outliers = outliers_of(fleet);
	list = calloc(json_object_size(vms) + 1, sizeof(*list));
	if (!list) {
		rc = sb_fail(err, SB_EXIT_SYSTEM, "out of memory");
		goto done;
	}
	json_object_foreach(vms, key, host)
		list[n++] = host;
	qsort(list, n, sizeof(*list), by_state);  /* by name: the pages come in a stable order */
	for (i = 0; i < n; i++) {
		json_t *summary = host_summary(h, list[i], spec, since, json_object_get(outliers, rd_str(list[i], "key")),
					       now, each_host, ctx, &rc, err);

		if (rc)
			goto done;
		if (summary)
			json_array_append_new(out, summary);
	}
	{
		json_t **sorted = calloc(json_array_size(out) + 1, sizeof(*sorted)), *sorted_out = json_array();

		if (!sorted) {
			json_decref(sorted_out);
			rc = sb_fail(err, SB_EXIT_SYSTEM, "out of memory");
			goto done;
		}
		json_array_foreach(out, i, host)
			sorted[i] = host;
		qsort(sorted, json_array_size(out), sizeof(*sorted), by_state);
		for (i = 0; i < json_array_size(out); i++) {
			const char *s = rd_str_or(sorted[i], "state", "OK");

			json_object_set_new(counts, s, json_integer(rd_int_or(counts, s, 0) + 1));
			json_array_append(sorted_out, sorted[i]);
		}
		free(sorted);
		json_decref(out);
		out = sorted_out;
	}
	*index = json_pack("{s:O?, s:s?, s:I, s:O, s:O}", "spec", json_object_get(spec, "name"), "since",
			   since, "generated_at", (json_int_t)now, "counts", counts,
			   "hosts", out);
	rc = *index ? 0 : sb_fail(err, SB_EXIT_SYSTEM, "out of memory");
done:
	free(list);
	json_decref(vms);
	json_decref(fleet);
	json_decref(outliers);
	json_decref(counts);
	json_decref(out);
	return rc;
}
