/*
 * verify.c - the checks; see verify.h.  Each check reads the spec and the
 * run document only, so a saved run can be verified again against a newer
 * spec at any time.
 */
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "base/jsonutil.h"
#include "base/docpath.h"
#include "base/strbuf.h"
#include "model/registry.h"
#include "model/rundoc.h"
#include "model/spec.h"
#include "checks.h"
#include "verify.h"

void verify_add(struct verify_ctx *c, const char *id, const char *status, const char *expected,
		const char *observed, const char *fmt, ...)
{
	char evidence[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(evidence, sizeof(evidence), fmt, ap);
	va_end(ap);
	json_array_append_new(c->checks, json_pack("{s:s, s:s, s:s, s:s, s:s}", "id", id,
		"status", status, "expected", expected, "observed", observed, "evidence", evidence));
}

/* The brand string line and generation were read from (probe verdict_brand). */
static const char *used_brand(const json_t *cpu)
{
	const char *key = rd_str_or(cpu, "verdict_brand", "brand");

	return rd_str_or(cpu, strcmp(key, "model_name") ? "brand" : "model_name", "unknown brand");
}

static const char *hypervisor(const struct verify_ctx *c)
{
	return rd_str(c->run, "probe.cpu.hypervisor");
}

/* ---- cpu ------------------------------------------------------------------- */

static void check_cpu_model(struct verify_ctx *c)
{
	const json_t *cpu = rd_get(c->run, "probe.cpu"), *accept = rd_get(c->spec, "cpu.accept"), *a;
	const char *line = rd_str(cpu, "line");
	const json_t *gen = rd_get(cpu, "generation");
	char expected[256], observed[256];
	struct strbuf exp;
	size_t i;

	strbuf_fixed(&exp, expected, sizeof(expected));
	json_array_foreach(accept, i, a) {
		json_t *g = json_object_get(a, "generation");

		strbuf_sep(&exp, " or ");
		strbuf_addstr(&exp, rd_str_or(a, "line", "?"));
		if (json_is_integer(g))
			strbuf_addf(&exp, " generation %lld", json_integer_value(g));
	}
	if (!json_array_size(accept)) {
		verify_add(c, "cpu.model", "SKIP", "-", "-", "the spec sets no CPU requirement");
		return;
	}
	if (!cpu) {
		verify_add(c, "cpu.model", "SKIP", expected, "not probed", "the results hold no probe");
		return;
	}
	snprintf(observed, sizeof(observed), "%s (%s%s%s)", used_brand(cpu),
		 line ? line : "line unknown", json_is_integer(gen) ? ", generation " : "",
		 json_is_integer(gen) ? rd_str_or(cpu, "generation_name", "") : "");
	json_array_foreach(accept, i, a) {
		json_t *want = json_object_get(a, "generation");
		long long have;

		if (!line || strcmp(line, rd_str_or(a, "line", "")))
			continue;
		if (!json_is_integer(want)) {
			verify_add(c, "cpu.model", "PASS", expected, observed, "line %s from the %s", line,
			    rd_str_or(cpu, "line_source", "probe"));
			return;
		}
		if (!json_is_integer(gen)) {
			verify_add(c, "cpu.model", "UNVERIFIABLE", expected, observed,
			    "the %s generation could not be derived (family %lld, model %lld)", line,
			    json_integer_value(rd_get(cpu, "family")), json_integer_value(rd_get(cpu, "model")));
			return;
		}
		have = json_integer_value(gen);
		if (have == json_integer_value(want))
			verify_add(c, "cpu.model", "PASS", expected, observed, "%s generation %lld (%s) from the %s",
			    line, have, rd_str_or(cpu, "generation_name", "?"),
			    strcmp(rd_str_or(cpu, "generation_source", "probe"), "isa") ?
			    rd_str_or(cpu, "generation_source", "probe") : "instruction set");
		else if (have > json_integer_value(want))
			verify_add(c, "cpu.model", "WARN", expected, observed,
			    "a newer %s generation (%lld, %s) than the spec lists: the published text is out of date",
			    line, have, rd_str_or(cpu, "generation_name", "?"));
		else
			verify_add(c, "cpu.model", "FAIL", expected, observed, "an older %s generation (%lld, %s) than sold",
			    line, have, rd_str_or(cpu, "generation_name", "?"));
		return;
	}
	if (line && !strcmp(line, "Xeon") && strstr(expected, "Xeon ")) {
		verify_add(c, "cpu.model", "UNVERIFIABLE", expected, observed,
		    "the brand is masked (\"%s\"): a Xeon Scalable%s%s, but its tier (Gold, Silver, ...) cannot be seen",
		    used_brand(cpu), json_is_integer(gen) ? " " : "", rd_str_or(cpu, "generation_name", ""));
		return;
	}
	if (!line && !rd_str(cpu, "vendor")) {
		verify_add(c, "cpu.model", "UNVERIFIABLE", expected, observed, "the CPU could not be identified");
		return;
	}
	verify_add(c, "cpu.model", "FAIL", expected, observed, "%s is not a line the spec accepts",
	    line ? line : used_brand(cpu));
}

static void check_cpu_clock(struct verify_ctx *c)
{
	const json_t *min = rd_get(c->spec, "cpu.min_mhz"), *base = rd_get(c->run, "probe.cpu.base_mhz");
	char expected[64], observed[64];

	if (!json_is_number(min)) {
		verify_add(c, "cpu.clock", "SKIP", "-", "-", "the spec sets no minimum clock");
		return;
	}
	snprintf(expected, sizeof(expected), ">= %.0f MHz", json_number_value(min));
	if (!json_is_integer(base)) {
		verify_add(c, "cpu.clock", c->probe ? "UNVERIFIABLE" : "SKIP", expected, "unknown",
		    c->probe ? "no base clock: no brand clock, cpufreq, model table entry or cpu MHz" :
		    "the results hold no probe");
		return;
	}
	snprintf(observed, sizeof(observed), "%lld MHz", json_integer_value(base));
	verify_add(c, "cpu.clock", json_integer_value(base) >= json_number_value(min) ? "PASS" : "FAIL",
	    expected, observed, "base clock from %s", rd_str_or(rd_get(c->run, "probe.cpu"), "base_mhz_source", "?"));
}

static void check_cpu_vcpus(struct verify_ctx *c)
{
	const json_t *want = rd_get(c->spec, "cpu.vcpus"), *have = rd_get(c->run, "probe.cpu.vcpus");
	char expected[32], observed[32];

	if (!json_is_integer(want)) {
		verify_add(c, "cpu.vcpus", "SKIP", "-", "-", "the spec sets no vCPU count");
		return;
	}
	snprintf(expected, sizeof(expected), ">= %lld", json_integer_value(want));
	if (!json_is_integer(have)) {
		verify_add(c, "cpu.vcpus", c->probe ? "UNVERIFIABLE" : "SKIP", expected, "unknown",
		    c->probe ? "vCPUs not read" : "the results hold no probe");
		return;
	}
	snprintf(observed, sizeof(observed), "%lld", json_integer_value(have));
	verify_add(c, "cpu.vcpus", json_integer_value(have) >= json_integer_value(want) ? "PASS" : "FAIL",
	    expected, observed, "online CPUs in /proc/cpuinfo, %lld thread(s) per core",
	    json_integer_value(rd_get(c->run, "probe.cpu.threads_per_core")));
}

/* ---- memory ---------------------------------------------------------------- */

static void check_memory_size(struct verify_ctx *c)
{
	const json_t *gib = rd_get(c->spec, "memory.gib"), *total = rd_get(c->run, "probe.memory.total_bytes");
	double pass = json_number_value(rd_get(c->spec, "memory.visible_pass_pct"));
	double warn = json_number_value(rd_get(c->spec, "memory.visible_warn_pct")), pct;
	char expected[96], observed[96];

	if (!json_is_number(gib)) {
		verify_add(c, "memory.size", "SKIP", "-", "-", "the spec sets no RAM size");
		return;
	}
	if (pass <= 0)
		pass = 90;
	if (warn <= 0 || warn > pass)
		warn = pass;
	snprintf(expected, sizeof(expected), "%.0f GiB sold (>= %.0f %% visible)", json_number_value(gib), pass);
	if (!json_is_integer(total)) {
		verify_add(c, "memory.size", c->probe ? "UNVERIFIABLE" : "SKIP", expected, "unknown",
		    c->probe ? "MemTotal not read" : "the results hold no probe");
		return;
	}
	pct = 100.0 * (double)json_integer_value(total) / (json_number_value(gib) * 1073741824.0);
	snprintf(observed, sizeof(observed), "%.2f GiB visible (%.1f %%)",
		 (double)json_integer_value(total) / 1073741824.0, pct);
	verify_add(c, "memory.size", pct >= pass ? "PASS" : pct >= warn ? "WARN" : "FAIL", expected, observed,
	    "MemTotal in /proc/meminfo; the kernel and firmware keep part of the RAM, so less than sold is visible");
}

static void check_memory_ecc(struct verify_ctx *c)
{
	const json_t *mem = rd_get(c->run, "probe.memory");
	const char *ecc = rd_str(mem, "ecc"), *ev = rd_str_or(mem, "evidence", "");

	if (!rd_true(c->spec, "memory.ecc")) {
		verify_add(c, "memory.ecc", "SKIP", "-", "-", "the spec does not require ECC");
		return;
	}
	if (!mem) {
		verify_add(c, "memory.ecc", "SKIP", "ECC", "not probed", "the results hold no probe");
		return;
	}
	if (ecc && !strcmp(ecc, "yes"))
		verify_add(c, "memory.ecc", "PASS", "ECC", "ECC", "%s", ev);
	else if (ecc && !strcmp(ecc, "no"))
		verify_add(c, "memory.ecc", "FAIL", "ECC", "no ECC", "%s", ev);
	else
		verify_add(c, "memory.ecc", "UNVERIFIABLE", "ECC", rd_true(mem, "virtualized") ?
		    "not visible from this VM" : "unknown", "%s%s", ev,
		    rd_true(mem, "virtualized") ? "; the host's memory cannot be seen from inside a VM" : "");
}

/* ---- storage ---------------------------------------------------------------- */

static const json_t *device(const struct verify_ctx *c, const char *name)
{
	const json_t *d;
	size_t i;

	json_array_foreach(rd_get(c->run, "probe.storage.devices"), i, d)
		if (name && !strcmp(rd_str_or(d, "name", ""), name))
			return d;
	return NULL;
}

static const json_t *array_of(const struct verify_ctx *c, const char *name)
{
	const json_t *a;
	size_t i;

	json_array_foreach(rd_get(c->run, "probe.storage.arrays"), i, a)
		if (name && !strcmp(rd_str_or(a, "name", ""), name))
			return a;
	return NULL;
}

/* What the disk benchmarks say about the storage, for a VM that cannot see it. */
static void latency_evidence(const struct verify_ctx *c, char *buf, size_t size)
{
	const json_t *p99 = rd_get(c->run, "bench.disk.randread.read.lat_us.p99");
	const json_t *rw = rd_get(c->run, "bench.disk.randrw.read.iops");

	if (json_is_number(p99))
		snprintf(buf, size, "; 4k random-read p99 latency %.0f us (%s NVMe, under ~1000 us at queue depth 16)",
			 json_number_value(p99), json_number_value(p99) < 1000 ? "consistent with" : "slower than");
	else if (json_is_number(rw))
		snprintf(buf, size, "; 4k random read/write mix at %.0f read IOPS (direct I/O)", json_number_value(rw));
	else
		snprintf(buf, size, "; no disk benchmark to judge by");
}

static void check_storage_nvme(struct verify_ctx *c)
{
	const json_t *fs = rd_get(c->run, "probe.storage.filesystem"), *d;
	char observed[256], lat[160];
	size_t i, nvme = 0, virt = 0, n = 0, unknown = 0;
	struct strbuf obs;

	strbuf_fixed(&obs, observed, sizeof(observed));
	if (!rd_true(c->spec, "storage.nvme")) {
		verify_add(c, "storage.nvme", "SKIP", "-", "-", "the spec does not require NVMe");
		return;
	}
	if (!json_is_object(fs)) {
		verify_add(c, "storage.nvme", c->probe ? "UNVERIFIABLE" : "SKIP", "NVMe", "unknown",
		    "the device behind the data directory is unknown");
		return;
	}
	json_array_foreach(json_object_get(fs, "disks"), i, d) {
		const json_t *dev = device(c, json_string_value(d));
		const char *t = rd_str_or(dev, "transport", "unknown");

		strbuf_addf(&obs, "%s%s %s", n ? ", " : "", rd_str_or(d, "", "?"), t);
		n++;
		unknown += !json_is_string(json_object_get(dev, "transport"));
		nvme += !strcmp(t, "nvme");
		virt += !strncmp(t, "virtio", 6) || !strcmp(t, "xen") || !strcmp(t, "hyperv") ||
			(hypervisor(c) && strcmp(t, "nvme"));
	}
	latency_evidence(c, lat, sizeof(lat));
	if (n && nvme == n)
		verify_add(c, "storage.nvme", "PASS", "NVMe", observed, "transport of the disks behind %s%s",
		    rd_str_or(fs, "dir", "?"), lat);
	else if (virt)
		verify_add(c, "storage.nvme", "UNVERIFIABLE", "NVMe", observed,
		    "%s disk: the host's storage is not visible from this VM%s", observed, lat);
	else if (unknown)
		verify_add(c, "storage.nvme", "UNVERIFIABLE", "NVMe", observed,
		    "the transport of %zu disk(s) behind %s is unknown", unknown, rd_str_or(fs, "dir", "?"));
	else if (n)
		verify_add(c, "storage.nvme", "FAIL", "NVMe", observed, "disks behind %s are not NVMe", rd_str_or(fs, "dir", "?"));
	else
		verify_add(c, "storage.nvme", "UNVERIFIABLE", "NVMe", "unknown", "no disk found behind %s", rd_str_or(fs, "dir", "?"));
}

/* The md array the filesystem sits on: its own device, or the first array
 * in the stack of devices below it (LVM on md, a partition of md). */
static const json_t *array_under(const struct verify_ctx *c, const json_t *fs)
{
	const json_t *arr = array_of(c, rd_str(fs, "device")), *d;
	size_t i;

	json_array_foreach(json_object_get(fs, "stack"), i, d)
		if (!arr)
			arr = array_of(c, json_string_value(d));
	return arr;
}

static void check_storage_raid(struct verify_ctx *c)
{
	const char *level = rd_str(c->spec, "storage.raid");
	const json_t *fs = rd_get(c->run, "probe.storage.filesystem"), *arr;
	char expected[64], observed[160];
	const char *state;

	if (!level) {
		verify_add(c, "storage.raid10", "SKIP", "-", "-", "the spec sets no RAID level");
		return;
	}
	snprintf(expected, sizeof(expected), "%s, clean", level);
	if (!json_is_object(fs)) {
		verify_add(c, "storage.raid10", c->probe ? "UNVERIFIABLE" : "SKIP", expected, "unknown",
		    "the device behind the data directory is unknown");
		return;
	}
	if (!json_is_string(json_object_get(fs, "device"))) {
		verify_add(c, "storage.raid10", "UNVERIFIABLE", expected, "unknown",
		    "the device behind the data directory is unknown");
		return;
	}
	arr = array_under(c, fs);
	if (!arr && (!json_is_array(rd_get(c->run, "probe.storage.arrays")) ||
		     json_is_string(rd_get(c->run, "probe.storage.arrays_error")))) {
		verify_add(c, "storage.raid10", "UNVERIFIABLE", expected, "unknown",
		    "the md arrays could not be read: %s", rd_str_or(rd_get(c->run, "probe.storage"),
		    "arrays_error", "no array list"));
		return;
	}
	if (!arr) {
		if (hypervisor(c))
			verify_add(c, "storage.raid10", "UNVERIFIABLE", expected, "no RAID visible",
			    "%s is a %s disk of a %s VM: the host's RAID is not visible from inside",
			    rd_str_or(fs, "device", "?"), rd_str_or(device(c, json_string_value(json_array_get(json_object_get(fs, "disks"), 0))), "transport", "virtual"),
			    hypervisor(c));
		else
			verify_add(c, "storage.raid10", "FAIL", expected, "no md array",
			    "%s is on %s, not on an md array", rd_str_or(fs, "dir", "?"), rd_str_or(fs, "device", "?"));
		return;
	}
	state = rd_str_or(arr, "state", "unknown");
	snprintf(observed, sizeof(observed), "%s %s, %s, %zu member(s), %zu failed, %zu spare(s)",
		 rd_str_or(arr, "name", "?"), rd_str_or(arr, "level", "?"), state,
		 json_array_size(json_object_get(arr, "members")), json_array_size(json_object_get(arr, "failed")),
		 json_array_size(json_object_get(arr, "spares")));
	if (strcmp(rd_str_or(arr, "level", ""), level))
		verify_add(c, "storage.raid10", "FAIL", expected, observed, "the array is not %s", level);
	else if (rd_true(arr, "degraded") || !strcmp(state, "inactive") ||
		 !strcmp(state, "unknown"))
		verify_add(c, "storage.raid10", "FAIL", expected, observed, "/proc/mdstat%s%s",
		    rd_str(arr, "error") ? ": " : " shows a degraded or stopped array",
		    rd_str_or(arr, "error", ""));
	else if (!strcmp(state, "resyncing"))
		verify_add(c, "storage.raid10", "WARN", expected, observed, "the array is resyncing: redundant, but I/O figures are affected");
	else
		verify_add(c, "storage.raid10", "PASS", expected, observed, "/proc/mdstat and /sys/block/%s/md",
		    rd_str_or(arr, "name", "?"));
}

static void check_storage_size(struct verify_ctx *c)
{
	const json_t *min = rd_get(c->spec, "storage.min_gib"), *fs = rd_get(c->run, "probe.storage.filesystem"), *dev;
	char expected[64], observed[96];
	double gib, want;

	if (!json_is_number(min)) {
		verify_add(c, "storage.size", "SKIP", "-", "-", "the spec sets no storage size");
		return;
	}
	want = json_number_value(min);
	snprintf(expected, sizeof(expected), ">= %.0f GiB", want);
	dev = device(c, rd_str(fs, "device"));
	if (!dev)
		dev = device(c, json_string_value(json_array_get(rd_get(fs, "disks"), 0)));
	if (!json_is_integer(rd_get(dev, "size_bytes"))) {
		verify_add(c, "storage.size", c->probe ? "UNVERIFIABLE" : "SKIP", expected, "unknown",
		    "the device behind the data directory is unknown");
		return;
	}
	gib = (double)json_integer_value(rd_get(dev, "size_bytes")) / 1073741824.0;
	snprintf(observed, sizeof(observed), "%.1f GiB (%s)", gib, rd_str_or(dev, "name", "?"));
	/* sold in GB, measured in GiB: 7 % apart */
	verify_add(c, "storage.size", gib >= want ? "PASS" : gib >= want * 0.93 ? "WARN" : "FAIL", expected, observed,
	    "size of the device behind %s", rd_str_or(fs, "dir", "?"));
}

/* ---- network ---------------------------------------------------------------- */

static void check_family(struct verify_ctx *c, const char *id, const char *fam)
{
	char path[64], expected[64], observed[512];
	const json_t *want, *globals, *route, *a;
	struct strbuf obs;
	size_t i;

	strbuf_fixed(&obs, observed, sizeof(observed));
	snprintf(path, sizeof(path), "network.%s", fam);
	want = rd_get(c->spec, path);
	if (!json_is_integer(want)) {
		verify_add(c, id, "SKIP", "-", "-", "the spec sets no %s requirement", fam);
		return;
	}
	snprintf(expected, sizeof(expected), ">= %lld global %s, default route",
		 json_integer_value(want), fam);
	if (!rd_get(c->run, "probe.network")) {
		verify_add(c, id, "SKIP", expected, "not probed", "the results hold no probe");
		return;
	}
	if (json_integer_value(want) == 0) {
		verify_add(c, id, "SKIP", expected, "-", "the spec requires no %s address", fam);
		return;
	}
	snprintf(path, sizeof(path), "network.global_addresses.%s", fam);
	globals = rd_get(c->probe, path);
	if (!json_is_array(globals) || !json_is_array(rd_get(c->run, "probe.network.addresses"))) {
		verify_add(c, id, "UNVERIFIABLE", expected, "unknown", "the addresses could not be read");
		return;
	}
	snprintf(path, sizeof(path), "network.default_route.%s", fam);
	route = rd_get(c->probe, path);
	json_array_foreach(rd_get(c->run, "probe.network.addresses"), i, a) {
		if (strcmp(rd_str_or(a, "family", ""), fam) || !strcmp(rd_str_or(a, "scope", ""), "loopback") ||
		    !strcmp(rd_str_or(a, "scope", ""), "link-local"))
			continue;
		strbuf_addf(&obs, "%s%s (%s)", obs.len ? ", " : "", rd_str_or(a, "address", "?"),
			    rd_str_or(a, "scope", "?"));
	}
	if (!obs.len)
		snprintf(observed, sizeof(observed), "no %s address", fam);
	if ((json_int_t)json_array_size(globals) < json_integer_value(want))
		verify_add(c, id, "FAIL", expected, observed,
		    "addresses classed with the IANA special-purpose registries: none of these is globally reachable");
	else if (!json_is_object(route))
		verify_add(c, id, "FAIL", expected, observed, "no default route for %s", fam);
	else
		verify_add(c, id, "PASS", expected, observed, "default route via %s dev %s",
		    rd_str_or(route, "gateway", "(direct)"), rd_str_or(route, "interface", "?"));
}

/* ---- benchmarks ------------------------------------------------------------- */

/* A figure's unit, from the registry (a spec references only figures the
 * registry knows: spec.c refuses others). */
static const char *unit_of(const char *benchmark, const char *figure)
{
	const struct figure_def *f = registry_figure(benchmark, figure);

	return f ? f->unit : "";
}

static int rank(const char *status)
{
	return !strcmp(status, "FAIL") ? 3 : !strcmp(status, "WARN") ? 2 : 1;
}

static void check_benchmark(struct verify_ctx *c, const struct check_def *bc)
{
	char path[96], expected[256], observed[256], notes[512];
	const json_t *rule, *b, *ref, *v;
	double pass, warn, max_steal = json_number_value(rd_get(c->spec, "limits.max_steal_pct"));
	const char *status = "PASS", *fig, *st;
	struct strbuf exp, obs, nb;
	bool flagged = false;

	strbuf_fixed(&exp, expected, sizeof(expected));
	strbuf_fixed(&obs, observed, sizeof(observed));
	strbuf_fixed(&nb, notes, sizeof(notes));
	rule = json_object_get(rd_get(c->spec, "benchmarks"), bc->id);
	if (!rule) {
		verify_add(c, bc->id, "SKIP", "-", "-", "the spec sets no %s figure", bc->id);
		return;
	}
	pass = json_is_number(json_object_get(rule, "pass_pct")) ? rd_num_or(rule, "pass_pct", 0) : 85;
	warn = json_is_number(json_object_get(rule, "warn_pct")) ? rd_num_or(rule, "warn_pct", 0) : pass;
	snprintf(path, sizeof(path), "%s", bc->benchmark);
	b = rd_get(c->bench, path);
	ref = json_object_get(rule, "reference");
	json_object_foreach((json_t *)ref, fig, v) {
		strbuf_addf(&exp, "%s%s >= %.0f %s", exp.len ? "; " : "", fig,
			    json_number_value(v) * pass / 100, unit_of(bc->benchmark, fig));
		strbuf_addf(&nb, "%s%.0f %% of the published %.6g", nb.len ? ", " : "; ", pass,
			    json_number_value(v));
	}
	st = rd_str_or(b, "status", NULL);
	if (!b || !st) {
		verify_add(c, bc->id, "SKIP", expected, "not measured", "the results hold no %s benchmark", bc->benchmark);
		return;
	}
	if (strcmp(st, "ok")) {
		verify_add(c, bc->id, "SKIP", expected, "not measured", "the %s benchmark %s: %s", bc->benchmark,
		    !strcmp(st, "skipped") ? "was skipped" : "failed", rd_str_or(b, "error", "?"));
		return;
	}
	json_object_foreach((json_t *)ref, fig, v) {
		const json_t *have = rd_get(b, fig);
		double pct;
		const char *s;

		if (!json_is_number(have)) {
			char err_key[64];

			/* "upload_mbps" -> "upload_error": why that part was not measured */
			snprintf(err_key, sizeof(err_key), "%.*s_error", (int)strcspn(fig, "_"), fig);
			if (json_is_string(json_object_get(b, err_key)))
				verify_add(c, bc->id, "SKIP", expected, "not measured", "%s: %s", bc->benchmark,
				    rd_str_or(b, err_key, ""));
			else
				verify_add(c, bc->id, "SKIP", expected, "not measured", "%s has no %s figure",
				    bc->benchmark, fig);
			return;
		}
		pct = 100 * json_number_value(have) / json_number_value(v);
		s = pct >= pass ? "PASS" : pct >= warn ? "WARN" : "FAIL";
		if (rank(s) > rank(status))
			status = s;
		strbuf_addf(&obs, "%s%s %.6g %s (%.0f %%)", obs.len ? "; " : "", fig,
			    json_number_value(have), unit_of(bc->benchmark, fig), pct);
	}
	/* a figure that did not measure what it claims is not a pass */
	if (rd_true(b, "cached")) {
		flagged = true;
		strbuf_addf(&nb, "; cached: most I/O never reached the disk (page cache measured)");
	}
	if (rd_true(b, "unstable")) {
		flagged = true;
		strbuf_addf(&nb, "; unstable over %lld runs (CV over 10 %%)",
			rd_int_or(b, "runs", 0));
	}
	if (max_steal > 0 && rd_num_or(b, "steal_pct", 0) > max_steal) {
		flagged = true;
		strbuf_addf(&nb, "; CPU steal %.1f %% during the run (limit %.0f %%): a noisy neighbour",
			rd_num_or(b, "steal_pct", 0), max_steal);
	}
	if (!strcmp(rd_str_or(b, "profile", ""), "smoke")) {
		flagged = true;
		strbuf_addf(&nb, "; smoke profile: seconds-long runs, not comparable");
	}
	if (flagged && !strcmp(status, "PASS"))
		status = "WARN";
	verify_add(c, bc->id, status, expected, observed, "%s %s profile, %s%s", bc->benchmark,
	    rd_str_or(b, "profile", "?"), rd_str_or(b, "tool_version", "?"), notes);
}

/* The verdict object of the checks made. */
static json_t *verdict(const json_t *spec, struct verify_ctx *c)
{
	static const char *const statuses[] = { "PASS", "FAIL", "WARN", "SKIP", "UNVERIFIABLE" };
	json_t *counts = json_object(), *ch;
	const char *overall = "PASS";
	size_t i;

	for (size_t s = 0; s < sizeof(statuses) / sizeof(statuses[0]); s++)
		json_object_set_new(counts, statuses[s], json_integer(0));
	json_array_foreach(c->checks, i, ch) {
		const char *s = rd_str_or(ch, "status", "SKIP");

		json_object_set_new(counts, s, json_integer(rd_int_or(counts, s, 0) + 1));
		if (!strcmp(s, "FAIL") || (!strcmp(s, "WARN") && strcmp(overall, "FAIL")))
			overall = s;
	}
	return json_pack("{s:s, s:s, s:O?, s:s, s:o, s:o}", "spec", rd_str_or(spec, "name", "?"),
		"spec_version", rd_str_or(spec, "version", "?"), "spec_chain", json_object_get(spec, "chain"),
		"status", overall, "counts", counts, "checks", c->checks);
}

json_t *verify_mail_only(const json_t *spec, const json_t *run)
{
	struct verify_ctx c = { spec, run, rd_get(run, "probe"), rd_get(run, "bench"), json_array() };

	verify_mail(&c);
	return verdict(spec, &c);
}

json_t *verify_run(const json_t *spec, const json_t *run)
{
	struct verify_ctx c = { spec, run, rd_get(run, "probe"), rd_get(run, "bench"), json_array() };

	check_cpu_model(&c);
	check_cpu_clock(&c);
	check_cpu_vcpus(&c);
	check_memory_size(&c);
	check_memory_ecc(&c);
	check_storage_nvme(&c);
	check_storage_raid(&c);
	check_storage_size(&c);
	check_family(&c, "network.ipv4", "ipv4");
	check_family(&c, "network.ipv6", "ipv6");
	for (const struct check_def *bc = check_registry; bc->id; bc++)
		check_benchmark(&c, bc);
	verify_mail(&c);
	return verdict(spec, &c);
}

int verify_failed(const json_t *verdict)
{
	return !strcmp(rd_str_or(verdict, "status", ""), "FAIL");
}

json_t *verify_load_results(const char *path, struct sb_error *err)
{
	json_t *doc = sbj_load_named(path, 0, err);

	if (!doc)
		return NULL;
	if (!json_is_object(doc) || strcmp(rd_str_or(doc, "schema", ""), RUNDOC_SCHEMA)) {
		sb_fail(err, SB_EXIT_USAGE, "%s: not a specbench run document (schema \"%s\" expected)", path,
			RUNDOC_SCHEMA);
		json_decref(doc);
		return NULL;
	}
	if (rd_int_or(doc, "schema_version", 0) != RUNDOC_SCHEMA_VERSION) {
		sb_fail(err, SB_EXIT_USAGE, "%s: run document schema version %lld; this specbench reads version %d",
			path, rd_int_or(doc, "schema_version", 0), RUNDOC_SCHEMA_VERSION);
		json_decref(doc);
		return NULL;
	}
	if (rundoc_check_numbers(doc, path, err)) {
		json_decref(doc);
		return NULL;
	}
	return doc;
}
