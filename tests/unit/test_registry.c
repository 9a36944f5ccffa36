/* test_registry.c - the benchmark registry (model/registry.h) and the
 * documents that describe the same things for people and other tools: the
 * spec schema's checks and references, and the run schema's benchmarks,
 * must be the registry's, so that a new benchmark cannot be half added. */
#include <jansson.h>
#include <string.h>

#include "bench/bench.h"
#include "model/registry.h"
#include "harness.h"

/* Is every key of obj one of names, and every name a key? */
static int same_keys(const json_t *obj, const char *const *names, size_t n)
{
	size_t found = 0;

	for (size_t i = 0; i < n; i++)
		found += json_object_get(obj, names[i]) != NULL;
	return found == n && json_object_size(obj) == n;
}

/* Every registry row has exactly one registered file (BENCH_REGISTER) and
 * every registered file a row; a run goes in the registry's order. */
static void registered_benchmarks(struct t *t)
{
	size_t rows = 0, i = 0;

	for (const struct benchmark_def *d = benchmark_registry; d->id; d++, rows++) {
		const struct bench_ops *b = bench_find(d->id);

		CHECK(t, b != NULL);
		CHECK(t, bench_at(rows) == b);
		CHECK_STR(t, b ? bench_tool(b) : NULL, d->tool);
	}
	CHECK(t, bench_registered() == rows);
	while (bench_at(i))
		i++;
	CHECK(t, i == rows);
	CHECK(t, bench_find("nope") == NULL);
	CHECK(t, bench_at(rows) == NULL);
}

void suite_registry(struct t *t)
{
	registered_benchmarks(t);
	json_error_t je;
	json_t *spec = json_load_file("model/spec.schema.json", 0, &je), *run = json_load_file("model/run.schema.json", 0, &je);
	const json_t *checks = json_object_get(json_object_get(json_object_get(spec, "properties"), "benchmarks"),
					       "properties");
	const json_t *refs = json_object_get(json_object_get(json_object_get(json_object_get(json_object_get(
		json_object_get(spec, "$defs"), "benchmark"), "properties"), "reference"), "propertyNames"), "enum");
	const json_t *bench = json_object_get(json_object_get(json_object_get(run, "$defs"), "bench"), "properties");
	const char *ids[32];
	size_t n = 0, headline = 0, in_enum = 0, v;
	json_t *e;

	CHECK(t, spec && run);
	for (const struct check_def *c = check_registry; c->id && n < 32; c++) {
		ids[n++] = c->id;
		CHECK(t, registry_benchmark(c->benchmark) != NULL);  /* every check reads a benchmark */
		CHECK(t, c->title && *c->title);
	}
	CHECK(t, same_keys(checks, ids, n));  /* the spec schema's checks are the registry's */
	for (const struct benchmark_def *b = benchmark_registry; b->id; b++) {
		const char *dot = strchr(b->id, '.');
		const json_t *slot = json_object_get(bench, b->id);

		if (dot) {  /* "disk.randwrite": bench.disk.randwrite, by $ref or inline */
			char group[32];

			snprintf(group, sizeof(group), "%.*s", (int)(dot - b->id), b->id);
			slot = json_object_get(bench, group);
		}
		CHECK(t, slot != NULL);  /* the run schema describes every benchmark */
		CHECK(t, b->tool && b->title && b->figures && b->figures[0].path);
		for (const struct figure_def *f = b->figures; f->path; f++) {
			CHECK(t, f->unit && (f->better == 1 || f->better == -1));
			CHECK(t, !f->prom || f->prom_scale > 0);
			CHECK(t, registry_figure(b->id, f->path) == f);
			if (!(f->flags & FIG_HEADLINE))
				continue;
			headline++;
			json_array_foreach(refs, v, e)
				in_enum += !strcmp(json_string_value(e), f->path) && registry_figure(b->id, f->path) == f;
		}
	}
	/* every headline figure may be a spec's reference (a path shared by
	 * several benchmarks is one enum entry) */
	json_array_foreach(refs, v, e) {
		int known = 0;

		for (const struct benchmark_def *b = benchmark_registry; b->id; b++)
			known += registry_figure(b->id, json_string_value(e)) &&
				 (registry_figure(b->id, json_string_value(e))->flags & FIG_HEADLINE);
		CHECK(t, known > 0);
	}
	CHECK(t, in_enum == headline);
	CHECK(t, registry_benchmark("nothing") == NULL);
	CHECK(t, registry_figure("cpu", "nothing") == NULL);
	CHECK(t, registry_figure("nothing", "events_per_sec") == NULL);
	json_decref(spec);
	json_decref(run);
}
