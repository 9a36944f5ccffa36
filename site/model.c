/*
 * model.c - the page model: what the page says, as data (site.h).
 *
 * Which measurements count: runs of the documented profile (the published
 * commands) and imported runs (a tool's plain output); a quick or smoke
 * run used other sizes, so its figures are not the published kind and are
 * left out, counted.  Of the rest, a figure is left out, counted by
 * reason, when it was served from the page cache, unstable over its
 * repeats, measured under more CPU steal than the spec allows, or taken in
 * a maintenance window or while the machine settled after one (the source
 * documents: benchmarks then are not representative).  What remains is
 * summarised per figure: median, 10th-90th percentile, runs and VMs.
 *
 * A general specification is "verified" only by checks of stored runs; the
 * promises no VM can see from inside (1 vCPU = 1 hyper-thread, a redundant
 * uplink) have no check, and ECC and RAID behind virtio come back
 * UNVERIFIABLE from every VM: the page says so, it never claims them.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/jsonutil.h"
#include "base/orderstat.h"
#include "base/docpath.h"
#include "model/maintenance.h"
#include "model/spec.h"
#include "site.h"
#include "chart_points.h"

/* The general specifications, in the order of the published page; checks:
 * the verdict's check ids that verify it (NULL: none can). */
struct general {
	const char *id;
	const char *spec_key;        /* shown only when the spec has it */
	const char *checks[3];
};
static const struct general generals[] = {
	{ "processor", "cpu.accept", { "cpu.model", NULL } },
	{ "clock", "cpu.min_mhz", { "cpu.clock", NULL } },
	{ "hyperthread", "cpu", { NULL } },
	{ "ecc", "memory.ecc", { "memory.ecc", NULL } },
	{ "storage", "storage.raid", { "storage.nvme", "storage.raid", NULL } },
	{ "addresses", "network", { "network.ipv4", "network.ipv6", NULL } },
	{ "uplink", "network", { NULL } },
	{ NULL, NULL, { NULL } },
};

/* Unit and decimals of each kind of figure, by the end of its name. */
static const struct {
	const char *suffix, *unit;
	int decimals;
} units[] = {
	{ "iops", "IOPS", 0 }, { "bw_mib_s", "MiB/s", 1 }, { "events_per_sec", "events/s", 2 },
	{ "mib_per_sec", "MiB/s", 2 }, { "ops_per_sec", "ops/s", 0 }, { "_mbps", "Mbit/s", 1 },
};

static const char *host_of(const json_t *row)
{
	const char *h = rd_str(row, "machine_id");

	return h ? h : rd_str(row, "hostname");
}

static bool counted_profile(const json_t *row)
{
	const char *p = rd_str(row, "profile");

	return !p || !strcmp(p, "documented");
}

static json_t *sorted_keys(const json_t *set)
{
	json_t *out = json_array(), *v;
	const char *k;
	size_t n;

	json_object_foreach((json_t *)set, k, v)
		json_array_append_new(out, json_string(k));
	n = json_array_size(out);
	/* insertion sort: a handful of versions */
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && strcmp(json_string_value(json_array_get(out, j - 1)),
						   json_string_value(json_array_get(out, j))) > 0; j--) {
			json_t *a = json_incref(json_array_get(out, j - 1));

			json_array_set(out, j - 1, json_array_get(out, j));
			json_array_set_new(out, j, a);
		}
	return out;
}

static void add_to_set(json_t *set, const char *s)
{
	if (s && *s)
		json_object_set_new(set, s, json_true());
}

/* The check id of a spec's RAID promise: "storage.raid10". */
static void check_id(const json_t *spec, const char *id, char *buf, size_t size)
{
	if (!strcmp(id, "storage.raid"))
		snprintf(buf, size, "storage.%s", rd_str_or(spec, "storage.raid", "raid"));
	else
		snprintf(buf, size, "%s", id);
}

static json_t *general_item(const json_t *spec, const struct general *g, const json_t *runs)
{
	size_t counted = 0, pass = 0, warn = 0, fail = 0, unver = 0, i;
	json_t *vms = json_object(), *checks = json_array(), *row, *item;
	const char *last = NULL;
	char id[64];

	for (const char *const *c = g->checks; *c; c++) {
		check_id(spec, *c, id, sizeof(id));
		json_array_append_new(checks, json_string(id));
	}
	json_array_foreach(runs, i, row) {
		const json_t *st = rd_get(row, "checks");
		bool seen = false, f = false, u = false, w = false;
		size_t k;
		json_t *c;

		json_array_foreach(checks, k, c) {
			/* a check's id is one key (ids may hold a dot), not a path */
			const char *s = json_string_value(json_object_get(st, json_string_value(c)));

			if (!s || !strcmp(s, "SKIP"))
				continue;
			seen = true;
			f |= !strcmp(s, "FAIL");
			u |= !strcmp(s, "UNVERIFIABLE");
			w |= !strcmp(s, "WARN");
		}
		if (!seen)
			continue;
		counted++;
		if (f)
			fail++;
		else if (u)
			unver++;
		else if (w)
			warn++;
		else
			pass++;
		if (host_of(row))
			json_object_set_new(vms, host_of(row), json_true());
		last = rd_str(row, "created_at");
	}
	item = json_pack("{s:s, s:o, s:b, s:I, s:I, s:I, s:I, s:I, s:I, s:s?}", "id", g->id, "checks", checks,
			 "verifiable", g->checks[0] != NULL, "runs", (json_int_t)counted,
			 "vms", (json_int_t)json_object_size(vms), "pass", (json_int_t)pass, "warn", (json_int_t)warn,
			 "fail", (json_int_t)fail, "unverifiable", (json_int_t)unver, "last", last);
	json_decref(vms);
	return item;
}

static json_t *general_section(const json_t *spec, const json_t *runs)
{
	json_t *out = json_array();

	for (const struct general *g = generals; g->id; g++)
		if (rd_get(spec, g->spec_key))
			json_array_append_new(out, general_item(spec, g, runs));
	return out;
}

static json_t *packages(const json_t *specs, const json_t *spec)
{
	json_t *out = json_array(), *s;
	size_t i;

	json_array_foreach(specs, i, s) {
		double ram = NAN, disk = NAN;
		long long vcpus = 0;

		rd_int(s, "cpu.vcpus", &vcpus);
		rd_num(s, "memory.gib", &ram);
		rd_num(s, "storage.min_gib", &disk);
		json_array_append_new(out, json_pack("{s:s?, s:s?, s:o, s:o, s:o, s:b}",
			"name", rd_str(s, "name"), "description", rd_str(s, "description"),
			"vcpus", vcpus ? json_integer(vcpus) : json_null(),
			"ram_gib", jreal_or_null(ram),
			"storage_gib", jreal_or_null(disk),
			"current", !strcmp(rd_str_or(s, "name", ""), rd_str_or(spec, "name", ""))));
	}
	return out;
}

static int by_time(const void *a, const void *b)
{
	const struct sample *x = a, *y = b;

	return (x->t > y->t) - (x->t < y->t);
}

static void unit_of(const char *metric, const char **unit, int *decimals)
{
	size_t ml = strlen(metric);

	*unit = "";
	*decimals = 2;
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		size_t sl = strlen(units[i].suffix);

		if (ml >= sl && !strcmp(metric + ml - sl, units[i].suffix)) {
			*unit = units[i].unit;
			*decimals = units[i].decimals;
			return;
		}
	}
}

static json_t *iso(time_t t)
{
	struct tm tm;
	char buf[32];

	gmtime_r(&t, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return json_string(buf);
}

/* What a figure row needs of its run, looked up by id (runs come oldest
 * first, ids rising with them, so the table is sorted): whether the run
 * counts and whether it was measured in a maintenance window, decided once
 * per run rather than once per figure. */
struct run_info {
	long long id;
	time_t t;
	const char *host;  /* in the runs' rows */
	bool counted, in_window;
};

static int by_id(const void *a, const void *b)
{
	const struct run_info *x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

static struct run_info *run_table(const json_t *spec, const json_t *runs, size_t *n)
{
	struct run_info *v = calloc(json_array_size(runs) + 1, sizeof(*v));
	const json_t *row;
	char what[160];
	size_t i;

	*n = 0;
	if (!v)
		return NULL;
	json_array_foreach(runs, i, row) {
		struct run_info *r = &v[(*n)++];

		r->id = (long long)rd_int_or(row, "id", 0);
		r->host = host_of(row);
		r->counted = counted_profile(row);
		if (maint_parse_time(rd_str(row, "created_at"), &r->t))
			r->counted = false;
		else
			r->in_window = maint_inside(spec, r->t, what, sizeof(what)) == 1;
	}
	qsort(v, *n, sizeof(*v), by_id);
	return v;
}

/* The measured summary of one figure of one benchmark. */
struct figure_acc {
	const char *check, *benchmark, *metric;
	double reference;
	struct sample *s;
	double *v;
	size_t n, cap;
	json_t *vms, *tools, *commands;
	size_t cached, unstable, steal, maintenance;
	bool oom;
};

static void accumulate(struct figure_acc *a, const struct site_figure *f, const struct run_info *run,
		       double max_steal)
{
	if (f->cached) {
		a->cached++;
		return;
	}
	if (f->unstable) {
		a->unstable++;
		return;
	}
	if (!isnan(f->steal_pct) && f->steal_pct > max_steal) {
		a->steal++;
		return;
	}
	if (run->in_window) {
		a->maintenance++;
		return;
	}
	if (a->n == a->cap) {
		size_t cap = a->cap ? 2 * a->cap : 256;
		struct sample *s = realloc(a->s, cap * sizeof(*s));
		double *v = s ? realloc(a->v, cap * sizeof(*v)) : NULL;

		if (s)
			a->s = s;
		if (!v) {
			a->oom = true;
			return;
		}
		a->v = v;
		a->cap = cap;
	}
	a->v[a->n] = f->value;
	a->s[a->n].t = run->t;
	a->s[a->n].v = f->value;
	a->n++;
	if (run->host)
		json_object_set_new(a->vms, run->host, json_true());
	add_to_set(a->tools, f->tool_version);
	add_to_set(a->commands, f->command);
}

static json_t *measured(struct figure_acc *a)
{
	double med, *v = a->v;
	size_t n = a->n;

	if (!n)
		return json_null();
	doubles_sort(v, n);
	med = quantile_sorted(v, n, 0.5);
	return json_pack("{s:I, s:I, s:f, s:f, s:f, s:f, s:f, s:o, s:o, s:o}",
		"runs", (json_int_t)n, "vms", (json_int_t)json_object_size(a->vms),
		"median", med, "p10", quantile_sorted(v, n, 0.1), "p90", quantile_sorted(v, n, 0.9),
		"min", v[0], "max", v[n - 1],
		"pct_of_reference", a->reference > 0 ? jreal_or_null(100 * med / a->reference) : json_null(),
		"first", iso(a->s[0].t), "last", iso(a->s[n - 1].t));
}

static json_t *points(struct figure_acc *a, bool *binned)
{
	struct sample *p = calloc(SITE_MAX_POINTS, sizeof(*p));
	json_t *out = json_array();
	size_t k;

	/* nothing measured: no samples were ever allocated (a->s is NULL) */
	if (a->n)
		qsort(a->s, a->n, sizeof(*a->s), by_time);
	k = p && a->n ? stats_points(a->s, a->n, p, SITE_MAX_POINTS) : 0;
	for (size_t i = 0; i < k; i++)
		json_array_append_new(out, json_pack("[o, f]", iso(p[i].t), p[i].v));
	*binned = a->n > SITE_MAX_POINTS;
	free(p);
	return out;
}

static json_t *figure_json(struct figure_acc *a)
{
	const char *unit;
	int decimals;
	bool binned = false;
	json_t *pts, *m;

	unit_of(a->metric, &unit, &decimals);
	/* measured() sorts the values, points() the samples: two arrays */
	m = measured(a);
	pts = points(a, &binned);
	return json_pack("{s:s, s:s, s:s, s:s, s:i, s:f, s:o, s:{s:I, s:I, s:I, s:I}, s:o, s:b, s:o, s:o}",
		"check", a->check, "benchmark", a->benchmark, "metric", a->metric, "unit", unit, "decimals", decimals,
		"reference", a->reference, "measured", m,
		"left_out", "cached", (json_int_t)a->cached, "unstable", (json_int_t)a->unstable,
		"steal", (json_int_t)a->steal, "maintenance", (json_int_t)a->maintenance,
		"points", pts, "points_binned", binned,
		"tools", sorted_keys(a->tools), "commands", sorted_keys(a->commands));
}

#define MAX_FIGURES 32

struct site_builder {
	const struct site_input *in;
	struct run_info *runs;
	size_t nruns, nf;
	double max_steal;
	struct figure_acc acc[MAX_FIGURES];
};

/* Every reference figure of the spec, in the published page's order (not
 * the spec file's). */
struct site_builder *site_begin(const struct site_input *in, struct sb_error *err)
{
	struct site_builder *b = calloc(1, sizeof(*b));
	const json_t *checks = rd_get(in->spec, "benchmarks");

	if (!b || !(b->runs = run_table(in->spec, in->runs, &b->nruns))) {
		free(b);
		sb_fail(err, SB_EXIT_SYSTEM, "out of memory");
		return NULL;
	}
	b->in = in;
	b->max_steal = 100;
	rd_num(in->spec, "limits.max_steal_pct", &b->max_steal);
	for (const struct check_def *c = check_registry; c->id; c++) {
		const json_t *ref = rd_get(json_object_get(checks, c->id), "reference"), *v;
		const char *metric;

		json_object_foreach((json_t *)ref, metric, v)
			if (b->nf < MAX_FIGURES)
				b->acc[b->nf++] = (struct figure_acc){ .check = c->id, .benchmark = c->benchmark,
					.metric = metric, .reference = json_number_value(v), .vms = json_object(),
					.tools = json_object(), .commands = json_object() };
	}
	return b;
}

void site_add(struct site_builder *b, const struct site_figure *f)
{
	struct run_info key = { .id = f->run_id };
	const struct run_info *run;

	if (!f->benchmark || !f->metric)
		return;
	run = bsearch(&key, b->runs, b->nruns, sizeof(*b->runs), by_id);
	if (!run || !run->counted)
		return;
	for (size_t k = 0; k < b->nf; k++)
		if (!strcmp(b->acc[k].benchmark, f->benchmark) && !strcmp(b->acc[k].metric, f->metric))
			accumulate(&b->acc[k], f, run, b->max_steal);
}

static void builder_free(struct site_builder *b)
{
	for (size_t k = 0; k < b->nf; k++) {
		free(b->acc[k].s);
		free(b->acc[k].v);
		json_decref(b->acc[k].vms);
		json_decref(b->acc[k].tools);
		json_decref(b->acc[k].commands);
	}
	free(b->runs);
	free(b);
}

static json_t *benchmarks(struct site_builder *b, struct sb_error *err)
{
	json_t *out = json_array();

	for (size_t k = 0; k < b->nf; k++) {
		json_t *f = b->acc[k].oom ? NULL : figure_json(&b->acc[k]);

		if (!f) {
			json_decref(out);
			sb_fail(err, SB_EXIT_SYSTEM, "out of memory");
			return NULL;
		}
		json_array_append_new(out, f);
	}
	return out;
}

/* The spec's figures that the general specifications quote. */
static json_t *promises(const json_t *spec)
{
	json_t *accept = json_array(), *a;
	double mhz = NAN;
	long long v4 = -1, v6 = -1;
	size_t i;

	json_array_foreach(rd_get(spec, "cpu.accept"), i, a) {
		long long gen = 0;

		rd_int(a, "generation", &gen);
		json_array_append_new(accept, json_pack("{s:s?, s:o}", "line", rd_str(a, "line"),
							"generation", gen ? json_integer(gen) : json_null()));
	}
	rd_num(spec, "cpu.min_mhz", &mhz);
	rd_int(spec, "network.ipv4", &v4);
	rd_int(spec, "network.ipv6", &v6);
	return json_pack("{s:o, s:o, s:s?, s:o, s:o}", "accept", accept,
			 "min_mhz", jreal_or_null(mhz), "raid", rd_str(spec, "storage.raid"),
			 "ipv4", v4 >= 0 ? json_integer(v4) : json_null(), "ipv6", v6 >= 0 ? json_integer(v6) : json_null());
}

json_t *site_finish(struct site_builder *b, struct sb_error *err)
{
	const struct site_input *in = b->in;
	json_t *vms = json_object(), *os = json_object(), *kernels = json_object();
	json_t *tools = json_object(), *bench = NULL, *model = NULL, *row, *fig, *windows, *chain;
	const char *chain1 = json_string_value(json_array_get(rd_get(in->spec, "chain"), 1));
	char base[128] = "";
	const char *first = NULL, *last = NULL;
	size_t i, other_profile = 0, counted = 0;
	double steal = NAN;
	long long settle = MAINT_DEFAULT_SETTLE_MIN;

	json_array_foreach(in->runs, i, row) {
		if (!counted_profile(row)) {
			other_profile++;
			continue;
		}
		counted++;
		if (host_of(row))
			json_object_set_new(vms, host_of(row), json_true());
		add_to_set(os, rd_str(row, "os"));
		add_to_set(kernels, rd_str(row, "kernel"));
		if (!first)
			first = rd_str(row, "created_at");
		last = rd_str(row, "created_at");
	}
	bench = benchmarks(b, err);
	if (!bench)
		goto done;
	json_array_foreach(bench, i, fig) {
		size_t k;
		json_t *t;

		json_array_foreach(json_object_get(fig, "tools"), k, t)
			add_to_set(tools, json_string_value(t));
	}
	/* "plus 1.0.0": the package an app spec extends */
	if (chain1)
		snprintf(base, sizeof(base), "%.*s", (int)strcspn(chain1, " "), chain1);
	/* a spec from spec_load has a chain; one from spec_parse (one file) not */
	chain = json_incref((json_t *)rd_get(in->spec, "chain"));
	if (!chain)
		chain = json_pack("[s]", rd_str_or(in->spec, "name", "?"));
	windows = json_incref((json_t *)rd_get(in->spec, "maintenance.windows"));
	if (!windows)
		windows = json_array();
	rd_num(in->spec, "limits.max_steal_pct", &steal);
	rd_int(in->spec, "maintenance.settle_minutes", &settle);
	model = json_pack("{s:s, s:i, s:s, s:s, s:{s:s?, s:s?, s:s?, s:o, s:s?}, s:{s:s?, s:s?, s:s?}, s:I, s:I, "
			  "s:{s:I}, s:o, s:o, s:o, s:o, s:{s:O, s:o, s:o, s:o, s:o}, s:{s:o, s:I}}",
		"schema", SITE_SCHEMA, "schema_version", SITE_SCHEMA_VERSION,
		"generated_at", in->generated_at, "specbench_version", in->version,
		"spec", "name", rd_str(in->spec, "name"), "version", rd_str(in->spec, "version"),
			"description", rd_str(in->spec, "description"), "chain", chain,
			"base", chain1 ? base : NULL,
		"period", "since", in->since, "first", first, "last", last,
		"runs", (json_int_t)counted, "vms", (json_int_t)json_object_size(vms),
		"left_out", "other_profile", (json_int_t)other_profile,
		"promises", promises(in->spec),
		"general", general_section(in->spec, in->runs),
		"packages", packages(in->packages, in->spec),
		"benchmarks", bench,
		"methodology", "commands", in->commands, "tools", sorted_keys(tools), "os", sorted_keys(os),
			"kernels", sorted_keys(kernels),
			"max_steal_pct", jreal_or_null(steal),
		"maintenance", "windows", windows, "settle_minutes", (json_int_t)settle);
	if (!model)
		sb_fail(err, SB_EXIT_SYSTEM, "out of memory");
done:
	json_decref(vms);
	json_decref(os);
	json_decref(kernels);
	json_decref(tools);
	builder_free(b);
	return model;
}
