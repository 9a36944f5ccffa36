/*
 * attribute.c - when a metric stepped down, which recorded facts changed at
 * that run: the kernel, the OS, the application's version, the CPU and its
 * hypervisor, vCPUs, memory, the device behind the data directory, the
 * benchmark tool's version, specbench's own.  Nothing is inferred: two
 * documents are compared fact by fact, and each difference is named.
 */
#include <stdio.h>
#include <string.h>

#include "base/docpath.h"
#include "attribute.h"

static const struct {
	const char *name, *path;
} facts[] = {
	{ "kernel", "host.kernel" },
	{ "OS", "host.os" },
	{ "app", "host.app_version" },
	{ "CPU", "probe.cpu.model_name" },
	{ "CPUID brand", "probe.cpu.brand" },
	{ "CPU family", "probe.cpu.family" },
	{ "CPU model", "probe.cpu.model" },
	{ "hypervisor", "probe.cpu.hypervisor" },
	{ "vCPUs", "probe.cpu.vcpus" },
	{ "memory bytes", "probe.memory.total_bytes" },
	{ "device", "bench.device" },
	{ "specbench", "specbench_version" },
};

static void text_of(const json_t *v, char *buf, size_t size)
{
	if (json_is_string(v))
		snprintf(buf, size, "%s", json_string_value(v));
	else if (json_is_integer(v))
		snprintf(buf, size, "%lld", (long long)json_integer_value(v));
	else
		snprintf(buf, size, "unknown");
}

static void compare(const json_t *a, const json_t *b, const char *name, const char *path, json_t *out)
{
	const json_t *x = rd_get(a, path), *y = rd_get(b, path);
	char from[256], to[256];

	if (json_equal((json_t *)x, (json_t *)y) || (!x && !y))
		return;
	text_of(x, from, sizeof(from));
	text_of(y, to, sizeof(to));
	json_array_append_new(out, json_sprintf("%s %s \xe2\x86\x92 %s", name, from, to));
}

void attribute_change(struct history *h, long long before_id, long long at_id, long long judged_id,
		      const json_t *judged_doc, const char *benchmark, json_t *out)
{
	struct sb_error ignored;
	json_t *before = history_document(h, before_id, &ignored);
	json_t *at = at_id == judged_id ? json_incref((json_t *)judged_doc) : history_document(h, at_id, &ignored);
	char tool[160];

	if (before && at) {
		for (size_t i = 0; i < sizeof(facts) / sizeof(facts[0]); i++)
			compare(before, at, facts[i].name, facts[i].path, out);
		snprintf(tool, sizeof(tool), "bench.%s.tool_version", benchmark ? benchmark : "");
		/* "disk.randrw" is a path of two keys: bench.disk.randrw */
		compare(before, at, "tool", tool, out);
	}
	json_decref(before);
	json_decref(at);
}
