/*
 * benchmarks.c - the benchmark table and the helpers every benchmark shares.
 * Order is the order of a run: disk first, while the page cache is cold.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/util.h"
#include "base/docpath.h"
#include "base/strbuf.h"
#include "bench.h"

extern const struct bench_ops bench_disk_randwrite, bench_disk_randread, bench_disk_randrw,
	bench_cpu, bench_memory, bench_network;

const struct bench_ops *const bench_table[] = {
	&bench_disk_randwrite,
	&bench_disk_randread,
	&bench_disk_randrw,
	&bench_cpu,
	&bench_memory,
	&bench_network,
	NULL,
};

const struct bench_ops *bench_find(const char *id)
{
	for (const struct bench_ops *const *b = bench_table; *b; b++)
		if (!strcmp((*b)->id, id))
			return *b;
	return NULL;
}

#ifndef SPECBENCH_LIBEXECDIR
#define SPECBENCH_LIBEXECDIR "/usr/local/lib/specbench"
#endif

int bench_tool_path(const struct bench_ops *b, char *buf, size_t size)
{
	if (strncmp(b->tool, "specbench-", 10)) {
		snprintf(buf, size, "%s", b->tool);
		return 0;
	}
	return helper_path(b->tool, buf, size);
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
	struct strbuf sb;

	strbuf_fixed(&sb, buf, size);
	for (const struct bench_ops *const *b = bench_table; *b; b++)
		if (!importable || (*b)->parse)
			if (!strbuf_addf_whole(&sb, "%s%s", sb.len ? ", " : "", (*b)->id))
				break;
}

int bench_only_check(const char *only, struct sb_error *err)
{
	while (only && *only) {
		size_t n = strcspn(only, ",");
		bool known = false;

		for (const struct bench_ops *const *b = bench_table; *b && n; b++)
			known = known || item_selects(only, n, (*b)->id);
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
