/*
 * benchmarks.c - the registered benchmarks (bench.h: BENCH_REGISTER) in the
 * registry's order, and the helpers every benchmark shares.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/files.h"
#include "base/docpath.h"
#include "base/strbuf.h"
#include "model/registry.h"
#include "bench.h"

/* The linker's bounds of the section BENCH_REGISTER fills; weak, so that a
 * program linked without any benchmark (a fuzzer) sees an empty one. */
extern const struct bench_ops *const __start_sb_benchmarks[] __attribute__((weak));
extern const struct bench_ops *const __stop_sb_benchmarks[] __attribute__((weak));

static const struct bench_ops *registered(const char *id)
{
	for (const struct bench_ops *const *b = __start_sb_benchmarks; b && b < __stop_sb_benchmarks; b++)
		if (!strcmp((*b)->id, id))
			return *b;
	return NULL;
}

size_t bench_registered(void)
{
	return __start_sb_benchmarks ? (size_t)(__stop_sb_benchmarks - __start_sb_benchmarks) : 0;
}

const struct bench_ops *bench_at(size_t i)
{
	for (const struct benchmark_def *d = benchmark_registry; d->id; d++) {
		const struct bench_ops *b = registered(d->id);

		if (b && i-- == 0)
			return b;
	}
	return NULL;
}

const struct bench_ops *bench_find(const char *id)
{
	return registry_benchmark(id) ? registered(id) : NULL;
}

const char *bench_tool(const struct bench_ops *b)
{
	const struct benchmark_def *d = registry_benchmark(b->id);

	return d ? d->tool : "?";
}

#ifndef SPECBENCH_LIBEXECDIR
#define SPECBENCH_LIBEXECDIR "/usr/local/lib/specbench"
#endif

int bench_tool_path(const struct bench_ops *b, char *buf, size_t size)
{
	const char *tool = bench_tool(b);

	if (strncmp(tool, "specbench-", 10)) {
		snprintf(buf, size, "%s", tool);
		return 0;
	}
	return helper_path(tool, buf, size);
}

static const char *const profile_names[] = { "documented", "quick", "smoke" };

const char *bench_profile_name(enum bench_profile p)
{
	return profile_names[p];
}

int bench_profile_parse(const char *name, enum bench_profile *p)
{
	for (size_t i = 0; i < sizeof(profile_names) / sizeof(profile_names[0]); i++)
		if (!strcmp(name, profile_names[i])) {
			*p = (enum bench_profile)i;
			return 0;
		}
	return -1;
}

int argv_add(struct argv_buf *a, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (a->argc + 1 >= (int)(sizeof(a->argv) / sizeof(a->argv[0])))
		return -1;
	va_start(ap, fmt);
	n = vsnprintf(a->store + a->used, sizeof(a->store) - a->used, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(a->store) - a->used)
		return -1;
	a->argv[a->argc++] = a->store + a->used;
	a->argv[a->argc] = NULL;
	a->used += (size_t)n + 1;
	return 0;
}

static bool item_selects(const char *item, size_t n, const char *id)
{
	return (strlen(id) == n && !strncmp(id, item, n)) ||
	       (strlen(id) > n && !strncmp(id, item, n) && id[n] == '.');
}

bool bench_selected(const char *only, const char *id)
{
	if (!only)
		return true;
	while (*only) {
		size_t n = strcspn(only, ",");

		if (n && item_selects(only, n, id))
			return true;
		only += n;
		if (*only == ',')
			only++;
	}
	return false;
}

void bench_ids(bool importable, char *buf, size_t size)
{
	const struct bench_ops *b;
	struct strbuf sb;

	strbuf_fixed(&sb, buf, size);
	for (size_t i = 0; (b = bench_at(i)); i++)
		if (!importable || b->parse)
			if (!strbuf_addf_whole(&sb, "%s%s", sb.len ? ", " : "", b->id))
				break;
}

int bench_only_check(const char *only, struct sb_error *err)
{
	while (only && *only) {
		size_t n = strcspn(only, ",");
		bool known = false;

		for (size_t i = 0; n && bench_at(i); i++)
			known = known || item_selects(only, n, bench_at(i)->id);
		if (!known) {
			char ids[256];

			bench_ids(false, ids, sizeof(ids));
			return sb_fail(err, SB_EXIT_USAGE, "--only: unknown benchmark '%.*s' (known: disk, %s)", (int)n,
				       only, ids);
		}
		only += n;
		if (*only == ',')
			only++;
	}
	return 0;
}

json_t *bench_slot(json_t *doc, const char *id)
{
	char path[128];

	snprintf(path, sizeof(path), "bench.%s", id);
	return rd_object(doc, path);
}
