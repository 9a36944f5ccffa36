/*
 * judge.c - a host's latest run against its own past: every metric's
 * series of comparable figures judged (regress.c), and for a step down, what
 * changed under the machine at that run (attribute.c).
 *
 * Comparable: the same host (machine id, or hostname for documents without
 * one), profile and benchmark command line.  A figure flagged cached or
 * unstable, or measured with more CPU steal than the spec allows, or inside
 * one of its maintenance windows (or while the machine settled after one),
 * never enters a baseline: it says more about the neighbours or the update
 * than about the VM.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/docpath.h"
#include "model/maintenance.h"
#include "model/rundoc.h"
#include "attribute.h"
#include "judge.h"
#include "record.h"
#include "regress.h"

#define MAX_SERIES 200  /* the newest comparable figures judged: enough for any baseline */

struct point {
	long long run_id;
	const char *created_at;
	double value;
};

/* What a judgement needs of the spec: its steal limit and its windows. */
struct limits {
	double max_steal;
	const json_t *spec;
};

static bool in_window(const json_t *row, const struct limits *l)
{
	char what[160];
	time_t t;

	return maint_parse_time(rd_str(row, "created_at"), &t) == 0 && maint_inside(l->spec, t, what, sizeof(what));
}

static bool trusted(const json_t *row, const struct limits *l)
{
	const json_t *steal = json_object_get(row, "steal_pct");

	return !rd_true(row, "cached") && !rd_true(row, "unstable") &&
	       !(json_is_number(steal) && json_number_value(steal) > l->max_steal) && !in_window(row, l);
}

static bool same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

/* Is a not before b (a stored run judged: later only; a document given:
 * the same second too, it may be that very document)? */
static bool not_before(const char *a, const char *b, long long judged_id)
{
	int c = strcmp(a ? a : "", b ? b : "");

	return judged_id ? c > 0 : c >= 0;
}

/* Append p, dropping the oldest point when MAX_SERIES are kept. */
static void push(struct point *out, size_t *n, struct point p)
{
	if (*n == MAX_SERIES) {
		memmove(out, out + 1, (MAX_SERIES - 1) * sizeof(*out));
		(*n)--;
	}
	out[(*n)++] = p;
}

/* The figures of rows comparable with `like` (same profile, benchmark,
 * metric, command), trusted ones only, oldest first, ending with the judged
 * one; the newest MAX_SERIES. */
static size_t series_of(const json_t *rows, const json_t *like, long long judged_id, const struct limits *l,
			struct point *out)
{
	const char *profile = rd_str(like, "profile"), *bench = rd_str(like, "benchmark"),
		   *metric = rd_str(like, "metric"), *command = rd_str(like, "command");
	size_t i, n = 0;
	const json_t *row;

	json_array_foreach(rows, i, row) {
		long long id = rd_int_or(row, "run_id", 0);

		/* only the past: before the judged run (a document judged with
		 * --run may be stored already, with its own time) */
		if (id == judged_id || not_before(rd_str(row, "created_at"), rd_str(like, "created_at"), judged_id) ||
		    !same(rd_str(row, "profile"), profile) || !same(rd_str(row, "benchmark"), bench) ||
		    !same(rd_str(row, "metric"), metric) || !same(rd_str(row, "command"), command) ||
		    !trusted(row, l))
			continue;
		push(out, &n, (struct point){ id, rd_str(row, "created_at"), rd_num_or(row, "value", 0) });
	}
	push(out, &n, (struct point){ judged_id, rd_str(like, "created_at"), rd_num_or(like, "value", 0) });
	return n;
}

static json_t *number_or_null(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}

/* The acknowledgement of this step of this metric, if any. */
static const json_t *ack_of(const json_t *acks, const char *bench, const char *metric, long long since_run)
{
	const json_t *a;
	size_t i;

	json_array_foreach(acks, i, a)
		if (same(rd_str(a, "benchmark"), bench) && same(rd_str(a, "metric"), metric) &&
		    rd_int_or(a, "since_run", 0) == since_run)
			return a;
	return NULL;
}

static json_t *judge_metric(struct history *h, const json_t *rows, const json_t *fig, long long judged_id,
			    const json_t *judged_doc, const json_t *acks, const struct limits *l,
			    const struct regress_opts *o)
{
	struct point *pts = malloc((MAX_SERIES + 1) * sizeof(*pts));
	double *v = malloc((MAX_SERIES + 1) * sizeof(*v));
	struct regress_result r;
	json_t *out, *change = json_null(), *attribution = json_array();
	const char *note = NULL;
	size_t n;

	if (!pts || !v) {
		free(pts);
		free(v);
		return NULL;
	}
	n = series_of(rows, fig, judged_id, l, pts);
	for (size_t i = 0; i < n; i++)
		v[i] = pts[i].value;
	regress_series(v, n, o, &r);
	if (in_window(fig, l)) {
		r.state = REGRESS_INSUFFICIENT;
		note = "this run was measured inside a maintenance window: not representative";
	} else if (!trusted(fig, l)) {
		/* the judged figure itself cannot be trusted: no verdict on it */
		r.state = REGRESS_INSUFFICIENT;
		note = "this run's figure is flagged cached, unstable or measured under too much steal";
	} else if (r.state == REGRESS_INSUFFICIENT) {
		note = "fewer comparable runs before this one than a baseline needs";
	}
	if (r.state == REGRESS_REGRESSED || r.state == REGRESS_SUSPECT || r.state == REGRESS_IMPROVED) {
		change = json_pack("{s:I, s:s?, s:o, s:o, s:i}", "since_run", (json_int_t)pts[r.step_at].run_id,
				   "since", pts[r.step_at].created_at, "step_pct", number_or_null(r.step_pct),
				   "t", number_or_null(r.t), "runs", (int)(n - r.step_at));
		if (r.step_at > 0 && r.state != REGRESS_SUSPECT)
			attribute_change(h, pts[r.step_at - 1].run_id, pts[r.step_at].run_id, judged_id, judged_doc,
					 rd_str(fig, "benchmark"), attribution);
	}
	out = json_pack("{s:s?, s:s?, s:s, s:o, s:{s:i, s:o, s:o, s:o, s:o}, s:o, s:o}",
			"benchmark", rd_str(fig, "benchmark"), "metric", rd_str(fig, "metric"),
			"state", regress_state_name(r.state), "value", number_or_null(v[n - 1]),
			"baseline", "n", (int)r.baseline_n, "median", number_or_null(r.baseline_n ? r.baseline_median : NAN),
			"mad", number_or_null(r.baseline_n ? r.baseline_mad : NAN),
			"low", number_or_null(r.baseline_n ? r.low : NAN), "high", number_or_null(r.baseline_n ? r.high : NAN),
			"change", change, "attribution", attribution);
	if (note)
		json_object_set_new(out, "note", json_string(note));
	if (r.state == REGRESS_REGRESSED) {
		const json_t *ack = ack_of(acks, rd_str(fig, "benchmark"), rd_str(fig, "metric"), pts[r.step_at].run_id);

		if (ack)
			json_object_set_new(out, "acknowledged", json_pack("{s:s?, s:s?}", "reason", rd_str(ack, "reason"),
									   "at", rd_str(ack, "created_at")));
	}
	free(pts);
	free(v);
	return out;
}

/* The figures of a document not stored (--run FILE) as rows like export's. */
static json_t *rows_of_doc(const json_t *doc, struct sb_error *err)
{
	struct record *r = malloc(sizeof(*r));
	json_t *rows;

	if (!r) {
		sb_fail(err, SB_EXIT_SYSTEM, "out of memory");
		return NULL;
	}
	if (record_from(doc, "", r, err)) {
		record_clear(r);
		free(r);
		return NULL;
	}
	rows = json_array();
	for (size_t i = 0; i < r->n; i++)
		json_array_append_new(rows, json_pack("{s:I, s:s?, s:s?, s:s, s:s, s:f, s:o, s:b, s:b, s:s?}",
			"run_id", (json_int_t)0, "created_at", r->run.created_at, "profile", r->run.profile,
			"benchmark", r->figs[i].benchmark, "metric", r->figs[i].metric, "value", r->figs[i].value,
			"steal_pct", number_or_null(r->figs[i].steal_pct), "cached", r->figs[i].cached,
			"unstable", r->figs[i].unstable, "command", r->figs[i].command));
	record_clear(r);
	free(r);
	return rows;
}

/* REGRESSED (unless acknowledged) before SUSPECT before OK; all
 * INSUFFICIENT is INSUFFICIENT, never a silent OK. */
static const char *overall(const json_t *metrics, size_t insufficient)
{
	static const char *const order[] = { "REGRESSED", "SUSPECT", NULL };
	const json_t *m;
	size_t i;

	for (const char *const *s = order; *s; s++)
		json_array_foreach(metrics, i, m)
			if (!strcmp(rd_str_or(m, "state", ""), *s) && !rd_get(m, "acknowledged"))
				return *s;
	return insufficient == json_array_size(metrics) ? "INSUFFICIENT" : "OK";
}

const char *regress_status(const json_t *metrics)
{
	const json_t *m;
	size_t i, insufficient = 0;

	json_array_foreach(metrics, i, m)
		insufficient += !strcmp(rd_str_or(m, "state", ""), "INSUFFICIENT");
	return overall(metrics, insufficient);
}

/* The stored rows of run id: the figures judged, typed as the store
 * gave them. */
static json_t *rows_of_run(const json_t *rows, long long id)
{
	json_t *judged = json_array(), *fig;
	size_t i;

	json_array_foreach(rows, i, fig)
		if (rd_int_or(fig, "run_id", 0) == id)
			json_array_append(judged, fig);
	return judged;
}

int history_judge(struct history *h, const char *host, const json_t *run_doc, long long run_id,
		  const json_t *spec, json_t **report, struct sb_error *err)
{
	struct limits l = { 5, spec };
	struct history_filter f = { host, NULL, NULL, 0 };
	struct regress_opts o;
	json_t *rows, *judged = NULL, *metrics, *fig, *doc = NULL, *acks;
	long long judged_id = 0;
	size_t i, insufficient = 0;

	*report = NULL;
	rd_num(spec, "limits.max_steal_pct", &l.max_steal);
	regress_defaults(&o);
	if (history_export(h, &f, &rows, err))
		return -1;
	if (run_doc && run_id > 0) {
		/* a run just stored (run --regress): its rows are in rows, and its
		 * document is the one in hand, not read back and parsed again */
		judged_id = run_id;
		judged = rows_of_run(rows, run_id);
		doc = json_incref((json_t *)run_doc);
	} else if (run_doc) {
		judged = rows_of_doc(run_doc, err);
		if (!judged) {
			json_decref(rows);
			return -1;
		}
		doc = json_incref((json_t *)run_doc);
	} else {
		/* the newest stored run of the host: its rows are the last ones */
		fig = json_array_get(rows, json_array_size(rows) - 1);
		judged_id = rd_int_or(fig, "run_id", 0);
		judged = rows_of_run(rows, judged_id);
		if (!json_array_size(judged)) {
			json_decref(rows);
			json_decref(judged);
			return sb_fail(err, SB_EXIT_USAGE, "no stored run with figures for host '%s'", host);
		}
		doc = history_document(h, judged_id, err);
		if (!doc) {
			json_decref(rows);
			json_decref(judged);
			return -1;
		}
	}
	if (history_acks(h, rundoc_host_key(doc) ? rundoc_host_key(doc) : "", &acks, err)) {
		json_decref(doc);
		json_decref(judged);
		json_decref(rows);
		return -1;
	}
	metrics = json_array();
	json_array_foreach(judged, i, fig) {
		json_t *m = judge_metric(h, rows, fig, judged_id, doc, acks, &l, &o);

		if (!m)
			continue;
		insufficient += !strcmp(rd_str_or(m, "state", ""), "INSUFFICIENT");
		json_array_append_new(metrics, m);
	}
	*report = json_pack("{s:s, s:i, s:{s:s?, s:s?}, s:{s:o, s:s?}, s:f, s:s, s:o}",
		"schema", "specbench.regress", "schema_version", 1,
		"host", "machine_id", rd_str(doc, "host.machine_id"), "hostname", rd_str(doc, "host.hostname"),
		"run", "id", judged_id ? json_integer(judged_id) : json_null(), "created_at", rd_str(doc, "created_at"),
		"max_steal_pct", l.max_steal, "status", overall(metrics, insufficient), "metrics", metrics);
	json_decref(acks);
	json_decref(doc);
	json_decref(judged);
	json_decref(rows);
	return *report ? 0 : sb_fail(err, SB_EXIT_SYSTEM, "out of memory");
}
