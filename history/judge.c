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

/* A figure as judging reads it: typed, copied from the store's rows
 * (history_each_figure) or from a document not stored (record.c), never a
 * JSON object read back by its keys. */
struct fig {
	long long run_id;
	char *created_at, *profile, *benchmark, *metric, *command;
	double value, steal_pct;  /* steal_pct NAN when not measured */
	bool cached, unstable;
	bool window;  /* measured inside a maintenance window (mark_windows) */
};

struct figs {
	struct fig *v;
	size_t n, cap;
};

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

static void figs_free(struct figs *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->v[i].created_at);
		free(f->v[i].profile);
		free(f->v[i].benchmark);
		free(f->v[i].metric);
		free(f->v[i].command);
	}
	free(f->v);
	*f = (struct figs){ 0 };
}

static char *dup_or_null(const char *s, bool *failed)
{
	char *d = s ? strdup(s) : NULL;

	if (s && !d)
		*failed = true;
	return d;
}

/* Append a copy of one figure; -1 when out of memory. */
static int figs_add(struct figs *f, long long run_id, const char *created_at, const char *profile,
		    const char *benchmark, const char *metric, const char *command, double value, double steal_pct,
		    bool cached, bool unstable)
{
	bool failed = false;
	struct fig *x;

	if (f->n == f->cap) {
		size_t cap = f->cap ? 2 * f->cap : 64;
		struct fig *v = realloc(f->v, cap * sizeof(*v));

		if (!v)
			return -1;
		f->v = v;
		f->cap = cap;
	}
	x = &f->v[f->n];
	*x = (struct fig){ run_id, dup_or_null(created_at, &failed), dup_or_null(profile, &failed),
			   dup_or_null(benchmark, &failed), dup_or_null(metric, &failed),
			   dup_or_null(command, &failed), value, steal_pct, cached, unstable, false };
	f->n++;  /* freed with the rest, also when a copy failed */
	return failed ? -1 : 0;
}

/* What collecting hands on: each row also to a caller's cb (the
 * dashboard's series), so that a VM's figures are read once. */
struct collecting {
	struct figs *all;
	int (*cb)(const struct history_row *row, void *ctx);
	void *ctx;
};

static int collect(const struct history_row *r, void *ctx)
{
	struct collecting *c = ctx;

	if (c->cb && c->cb(r, c->ctx))
		return 1;
	/* 1 (not -1, which is the store's error): out of memory */
	return figs_add(c->all, r->run_id, r->created_at, r->profile, r->benchmark, r->metric, r->command, r->value,
			r->steal_pct, r->cached, r->unstable) ? 1 : 0;
}

static bool in_window(const char *created_at, const struct limits *l)
{
	char what[160];
	time_t t;

	return maint_parse_time(created_at, &t) == 0 && maint_inside(l->spec, t, what, sizeof(what));
}

/* Each figure's window, worked out once per run (its figures are adjacent
 * and share its time): judging every metric asked it of every figure, and
 * parsing times was most of a dashboard's work. */
static void mark_windows(struct figs *f, const struct limits *l)
{
	for (size_t i = 0; i < f->n; i++)
		f->v[i].window = i && f->v[i - 1].created_at && f->v[i].created_at &&
					 !strcmp(f->v[i - 1].created_at, f->v[i].created_at) ?
				 f->v[i - 1].window : in_window(f->v[i].created_at, l);
}

static bool trusted(const struct fig *x, const struct limits *l)
{
	return !x->cached && !x->unstable && !(isfinite(x->steal_pct) && x->steal_pct > l->max_steal) && !x->window;
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

/* The figures comparable with `like` (same profile, benchmark, metric,
 * command), trusted ones only, oldest first, ending with the judged one;
 * the newest MAX_SERIES. */
static size_t series_of(const struct figs *all, const struct fig *like, long long judged_id,
			const struct limits *l, struct point *out)
{
	size_t n = 0;

	for (size_t i = 0; i < all->n; i++) {
		const struct fig *x = &all->v[i];

		/* only the past: before the judged run (a document judged with
		 * --run may be stored already, with its own time) */
		if (x->run_id == judged_id || not_before(x->created_at, like->created_at, judged_id) ||
		    !same(x->profile, like->profile) || !same(x->benchmark, like->benchmark) ||
		    !same(x->metric, like->metric) || !same(x->command, like->command) || !trusted(x, l))
			continue;
		push(out, &n, (struct point){ x->run_id, x->created_at, x->value });
	}
	push(out, &n, (struct point){ judged_id, like->created_at, like->value });
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

static json_t *judge_metric(struct history *h, const struct figs *all, const struct fig *fig, long long judged_id,
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
	n = series_of(all, fig, judged_id, l, pts);
	for (size_t i = 0; i < n; i++)
		v[i] = pts[i].value;
	regress_series(v, n, o, &r);
	if (fig->window) {
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
					 fig->benchmark, attribution);
	}
	out = json_pack("{s:s?, s:s?, s:s, s:o, s:{s:i, s:o, s:o, s:o, s:o}, s:o, s:o}",
			"benchmark", fig->benchmark, "metric", fig->metric,
			"state", regress_state_name(r.state), "value", number_or_null(v[n - 1]),
			"baseline", "n", (int)r.baseline_n, "median", number_or_null(r.baseline_n ? r.baseline_median : NAN),
			"mad", number_or_null(r.baseline_n ? r.baseline_mad : NAN),
			"low", number_or_null(r.baseline_n ? r.low : NAN), "high", number_or_null(r.baseline_n ? r.high : NAN),
			"change", change, "attribution", attribution);
	if (note)
		json_object_set_new(out, "note", json_string(note));
	if (r.state == REGRESS_REGRESSED) {
		const json_t *ack = ack_of(acks, fig->benchmark, fig->metric, pts[r.step_at].run_id);

		if (ack)
			json_object_set_new(out, "acknowledged", json_pack("{s:s?, s:s?}", "reason", rd_str(ack, "reason"),
									   "at", rd_str(ack, "created_at")));
	}
	free(pts);
	free(v);
	return out;
}

/* The figures of a document not stored (--run FILE, or the run in hand),
 * as the store would keep them (record.c), with run id 0. */
static int figs_of_doc(const json_t *doc, struct figs *out, struct sb_error *err)
{
	struct record *r = malloc(sizeof(*r));
	int rc = 0;

	if (!r)
		return sb_fail(err, SB_EXIT_SYSTEM, "out of memory");
	if (record_from(doc, "", r, err)) {
		record_clear(r);
		free(r);
		return -1;
	}
	for (size_t i = 0; i < r->n && rc == 0; i++)
		if (figs_add(out, 0, r->run.created_at, r->run.profile, r->figs[i].benchmark, r->figs[i].metric,
			     r->figs[i].command, r->figs[i].value, r->figs[i].steal_pct, r->figs[i].cached,
			     r->figs[i].unstable))
			rc = sb_fail(err, SB_EXIT_SYSTEM, "out of memory");
	record_clear(r);
	free(r);
	return rc;
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

static int judge(struct history *h, const char *host, const json_t *run_doc, long long run_id,
		 const json_t *spec, int (*cb)(const struct history_row *row, void *ctx), void *cb_ctx,
		 json_t **report, struct sb_error *err)
{
	struct limits l = { 5, spec };
	struct history_filter f = { host, NULL, NULL, 0 };
	struct regress_opts o;
	struct figs all = { 0 }, given = { 0 };
	const struct figs *from = &all;
	json_t *metrics, *doc = NULL, *acks = NULL;
	long long judged_id = 0;
	size_t insufficient = 0;
	int rc;

	*report = NULL;
	rd_num(spec, "limits.max_steal_pct", &l.max_steal);
	regress_defaults(&o);
	rc = history_each_figure(h, &f, collect, &(struct collecting){ &all, cb, cb_ctx }, err);
	if (rc > 0)
		rc = sb_fail(err, SB_EXIT_SYSTEM, "out of memory");
	if (rc == 0 && run_doc && run_id > 0) {
		/* a run just stored (run --regress): its figures are among all,
		 * and its document is the one in hand, not read back and parsed */
		judged_id = run_id;
		doc = json_incref((json_t *)run_doc);
	} else if (rc == 0 && run_doc) {
		rc = figs_of_doc(run_doc, &given, err);
		from = &given;
		doc = json_incref((json_t *)run_doc);
	} else if (rc == 0) {
		/* the newest stored run of the host: its figures are the last ones */
		judged_id = all.n ? all.v[all.n - 1].run_id : 0;
		if (!all.n)
			rc = sb_fail(err, SB_EXIT_USAGE, "no stored run with figures for host '%s'", host);
		else if (!(doc = history_document(h, judged_id, err)))
			rc = -1;
	}
	mark_windows(&all, &l);
	mark_windows(&given, &l);
	if (rc == 0)
		rc = history_acks(h, rundoc_host_key(doc) ? rundoc_host_key(doc) : "", &acks, err);
	if (rc) {
		json_decref(doc);
		figs_free(&all);
		figs_free(&given);
		return -1;
	}
	metrics = json_array();
	for (size_t i = 0; i < from->n; i++) {
		json_t *m;

		if (from == &all && from->v[i].run_id != judged_id)
			continue;
		m = judge_metric(h, &all, &from->v[i], judged_id, doc, acks, &l, &o);
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
	figs_free(&all);
	figs_free(&given);
	return *report ? 0 : sb_fail(err, SB_EXIT_SYSTEM, "out of memory");
}

int history_judge(struct history *h, const char *host, const json_t *run_doc, long long run_id,
		  const json_t *spec, json_t **report, struct sb_error *err)
{
	return judge(h, host, run_doc, run_id, spec, NULL, NULL, report, err);
}

int history_judge_each(struct history *h, const char *host, const json_t *spec,
		       int (*cb)(const struct history_row *row, void *ctx), void *ctx, json_t **report,
		       struct sb_error *err)
{
	return judge(h, host, NULL, 0, spec, cb, ctx, report, err);
}
