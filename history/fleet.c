/* fleet.c - see fleet.h. */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/jsonutil.h"
#include "base/orderstat.h"
#include "base/printable.h"
#include "base/docpath.h"
#include "fleet.h"
#include "regress.h"

/* One comparable figure on one CPU: host key -> {"hostname", "values": [last
 * FLEET_LAST]}.  The CPU is part of what makes figures comparable: a fleet
 * of Rome and Milan VMs has two medians, and a VM slow among VMs on the
 * same CPU points at its host (a crowded neighbour, a degraded array), not
 * at its CPU. */
struct walk {
	json_t *groups;  /* "benchmark\tmetric\tcommand\tcpu" -> {benchmark, metric, command, cpu, hosts: {...}} */
	double max_steal;
};

static int take(const struct history_row *r, void *ctx)
{
	struct walk *w = ctx;
	const char *host = r->machine_id ? r->machine_id : r->hostname;
	char key[1300];
	json_t *g, *hosts, *hr, *vals;

	if (!host || !r->benchmark || !r->metric || r->cached || r->unstable ||
	    (!isnan(r->steal_pct) && r->steal_pct > w->max_steal) || !isfinite(r->value))
		return 0;
	snprintf(key, sizeof(key), "%s\t%s\t%.900s\t%.200s", r->benchmark, r->metric, r->command ? r->command : "",
		 r->cpu ? r->cpu : "");
	g = json_object_get(w->groups, key);
	if (!g) {
		g = json_pack("{s:s, s:s, s:s?, s:s?, s:{}}", "benchmark", r->benchmark, "metric", r->metric,
			      "command", r->command && *r->command ? r->command : NULL,
			      "cpu", r->cpu && *r->cpu ? r->cpu : NULL, "hosts");
		if (!g || json_object_set_new(w->groups, key, g))
			return 1;
	}
	hosts = json_object_get(g, "hosts");
	hr = json_object_get(hosts, host);
	if (!hr) {
		hr = json_pack("{s:s?, s:[]}", "hostname", r->hostname, "values");
		if (!hr || json_object_set_new(hosts, host, hr))
			return 1;
	}
	vals = json_object_get(hr, "values");
	if (!isfinite(r->value))
		return 0;  /* no figure (NaN, infinity in a store): left out, as a missing one */
	/* rows come oldest first: the last FLEET_LAST are the newest */
	if (json_array_size(vals) == FLEET_LAST)
		json_array_remove(vals, 0);
	return json_array_append_new(vals, json_real(r->value)) ? 1 : 0;
}

static int by_median(const void *a, const void *b)
{
	double x = json_real_value(json_object_get(*(json_t *const *)a, "median"));
	double y = json_real_value(json_object_get(*(json_t *const *)b, "median"));

	return (x > y) - (x < y);
}

/* The ranking of one comparable figure, slowest first. */
static json_t *judge_group(const json_t *g, size_t *outliers)
{
	const json_t *hosts = json_object_get(g, "hosts"), *hr;
	size_t n = json_object_size(hosts), i = 0;
	double *med = calloc(n ? n : 1, sizeof(*med)), *dev = calloc(n ? n : 1, sizeof(*dev));
	json_t **rows = calloc(n ? n : 1, sizeof(*rows)), *ranking = json_array(), *out;
	double fleet, mad, sigma;
	const char *host;

	if (!med || !dev || !rows) {
		free(med);
		free(dev);
		free(rows);
		json_decref(ranking);
		return NULL;
	}
	json_object_foreach((json_t *)hosts, host, hr) {
		const json_t *vals = json_object_get(hr, "values");
		double v[FLEET_LAST];
		size_t k, m = json_array_size(vals);

		for (k = 0; k < m; k++)
			v[k] = json_real_value(json_array_get(vals, k));
		med[i] = median_of(v, m);
		rows[i] = json_pack("{s:s, s:s?, s:I, s:f}", "host", host,
				    "hostname", rd_str(hr, "hostname"),
				    "runs", (json_int_t)m, "median", med[i]);
		i++;
	}
	fleet = median_of(med, n);
	for (i = 0; i < n; i++)
		dev[i] = fabs(med[i] - fleet);
	mad = median_of(dev, n);
	sigma = 1.4826 * mad;
	*outliers = 0;
	for (i = 0; i < n; i++) {
		double ratio = fleet > 0 ? med[i] / fleet : NAN, z = sigma > 0 ? (med[i] - fleet) / sigma : 0;
		const char *state = "OK";

		/* a fleet of one or two has no spread to stand out from */
		if (n >= 3 && fleet > 0 && ratio <= 1 - FLEET_MIN_PCT / 100 && z <= -FLEET_MIN_Z)
			state = "SLOW";
		else if (n >= 3 && fleet > 0 && ratio >= 1 + FLEET_MIN_PCT / 100 && z >= FLEET_MIN_Z)
			state = "FAST";
		*outliers += strcmp(state, "OK") != 0;
		json_object_set_new(rows[i], "ratio", jreal_or_null(ratio));
		json_object_set_new(rows[i], "z", sigma > 0 ? jreal_or_null(z) : json_null());
		json_object_set_new(rows[i], "state", json_string(state));
	}
	qsort(rows, n, sizeof(*rows), by_median);
	for (i = 0; i < n; i++)
		json_array_append_new(ranking, rows[i]);
	out = json_pack("{s:O, s:O, s:O, s:O, s:I, s:f, s:f, s:I, s:o}", "benchmark", json_object_get(g, "benchmark"),
			"metric", json_object_get(g, "metric"), "command", json_object_get(g, "command"),
			"cpu", json_object_get(g, "cpu") ? json_object_get(g, "cpu") : json_null(),
			"hosts", (json_int_t)n, "fleet_median", fleet, "fleet_mad", mad, "outliers", (json_int_t)*outliers,
			"ranking", ranking);
	free(med);
	free(dev);
	free(rows);
	return out;
}

json_t *fleet_report(struct history *h, const struct history_filter *f, double max_steal, struct sb_error *err)
{
	struct walk w = { json_object(), max_steal };
	json_t *metrics = json_array(), *g, *hosts = json_object(), *report = NULL;
	const char *key;
	size_t total = 0;
	struct history_filter newest = f ? *f : (struct history_filter){ NULL, NULL, NULL, 0 };
	int rc;

	newest.newest = FLEET_READ;  /* the walk keeps the last FLEET_LAST of these */
	rc = history_each_figure(h, &newest, take, &w, err);

	if (rc > 0)
		sb_fail(err, SB_EXIT_SYSTEM, "out of memory");
	if (rc)
		goto done;
	json_object_foreach(w.groups, key, g) {
		size_t outliers;
		json_t *m = judge_group(g, &outliers), *hr;
		const char *host;

		if (!m) {
			sb_fail(err, SB_EXIT_SYSTEM, "out of memory");
			goto done;
		}
		json_object_foreach(json_object_get(g, "hosts"), host, hr)
			json_object_set_new(hosts, host, json_true());
		total += outliers;
		json_array_append_new(metrics, m);
	}
	report = json_pack("{s:s, s:i, s:s?, s:I, s:s, s:o}", "schema", "specbench.fleet", "schema_version", 1,
			   "spec", f ? f->spec : NULL, "hosts", (json_int_t)json_object_size(hosts),
			   "status", total ? "OUTLIERS" : "OK", "metrics", metrics);
	metrics = NULL;
	if (!report)
		sb_fail(err, SB_EXIT_SYSTEM, "out of memory");
done:
	json_decref(metrics);
	json_decref(hosts);
	json_decref(w.groups);
	return report;
}

void fleet_print_table(const json_t *report, bool all, FILE *out)
{
	const json_t *m, *r;
	size_t i, k;

	fprintf(out, "%zu hosts: %s\n", (size_t)rd_int_or(report, "hosts", 0),
		rd_str(report, "status"));
	json_array_foreach(json_object_get(report, "metrics"), i, m) {
		char name[200], cpu[120];

		snprintf(name, sizeof(name), "%s %s", rd_str_or(m, "benchmark", "?"), rd_str_or(m, "metric", "?"));
		printable(rd_str_or(m, "cpu", "an unknown CPU"), cpu, sizeof(cpu));
		fprintf(out, "\n%-36s on %s\n%-36s fleet median %.6g over %lld hosts, %lld out of line\n", name, cpu, "",
			rd_num_or(m, "fleet_median", 0),
			(long long)rd_int_or(m, "hosts", 0),
			(long long)rd_int_or(m, "outliers", 0));
		json_array_foreach(json_object_get(m, "ranking"), k, r) {
			const char *state = rd_str_or(r, "state", "");
			char host[80];

			if (!all && !strcmp(state, "OK"))
				continue;
			printable(rd_str_or(r, "hostname", rd_str_or(r, "host", "?")), host, sizeof(host));
			fprintf(out, "  %-5s %-32s %12.6g  %5.0f %% of the fleet  (%lld runs)\n", state, host,
				rd_num_or(r, "median", 0),
				100 * rd_num_or(r, "ratio", 0),
				(long long)rd_int_or(r, "runs", 0));
		}
	}
}
