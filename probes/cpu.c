/*
 * cpu.c - the cpu probe: who made the CPU, which line and generation it is,
 * how fast it is clocked, how many vCPUs the VM has, and under which
 * hypervisor.
 *
 * Identification has one code path, libcpuid's cpu_identify(), fed from one
 * of three raw CPUID sources: the live CPU, a dump (--cpuid-raw, or the
 * specbench/cpuid.raw a snapshot recorded), or /proc/cpuinfo put back into
 * CPUID form (cpuinfo.h).  Under a sysroot the live CPU is never asked.
 * Line and generation come from cpu_model.c, not from libcpuid's codename;
 * the instruction set (cpu_isa.c) overrules the model number where the two
 * disagree, and libcpuid's codename is shown only where it agrees with the
 * instruction set.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libcpuid.h>

#include "base/printable.h"
#include "base/text.h"

#include "base/recorder.h"
#include "base/safeopen.h"
#include "base/docpath.h"
#include "cpu_isa.h"
#include "cpu_model.h"
#include "cpuinfo.h"
#include "hypervisor.h"
#include "probe.h"

#define RAW_DUMP "/" SR_GENERATED_DIR "/cpuid.raw"

struct cpu_source {
	struct cpu_raw_data_t raw;
	const char *name;     /* what the identification came from */
	char path[512];
	int have_raw;
};

static const char *vendor_name(cpu_vendor_t v, const char *vendor_str)
{
	switch (v) {
	case VENDOR_AMD: return "AMD";
	case VENDOR_INTEL: return "Intel";
	case VENDOR_HYGON: return "Hygon";
	case VENDOR_CENTAUR: return "Centaur";
	default: return vendor_str[0] ? vendor_str : NULL;
	}
}

/* A dump is only believed when leaf 0 holds a printable vendor string:
 * libcpuid accepts any text and leaves zeros where it understood nothing. */
static int raw_looks_valid(const struct cpu_raw_data_t *raw)
{
	const uint32_t *l0 = raw->basic_cpuid[0];
	const uint32_t regs[3] = { l0[1], l0[3], l0[2] };

	if (l0[0] == 0)
		return 0;
	for (int r = 0; r < 3; r++)
		for (int b = 0; b < 4; b++) {
			unsigned c = (regs[r] >> (8 * b)) & 0xff;

			if (c < 0x20 || c > 0x7e)
				return 0;
		}
	return 1;
}

/* libcpuid warns on stderr about every line of a dump it does not
 * understand; specbench says once, in its own words, what is wrong. */
static void quiet(const char *msg)
{
	(void)msg;
}

/* libcpuid opens the dump by name with fopen(): it is opened here first,
 * refused unless a regular file (a FIFO would hang libcpuid), and libcpuid
 * is handed /dev/fd/N, the very file that was checked. */
static int load_dump(struct probe_ctx *ctx, const char *machine_path, const char *shown,
		     struct cpu_source *src, struct sb_error *err)
{
	char fdpath[32];
	int fd, rc;

	rc = machine_path ? sr_open_file(ctx->sr, machine_path, &fd) : open_regular(shown, &fd);
	if (rc)
		return sb_fail(err, SB_EXIT_USAGE, "%s: %s", shown, safe_strerror(rc));
	snprintf(fdpath, sizeof(fdpath), "/dev/fd/%d", fd);
	cpuid_set_warn_function(quiet);
	rc = cpuid_deserialize_raw_data(&src->raw, fdpath);
	close(fd);
	if (rc < 0)
		return sb_fail(err, SB_EXIT_USAGE, "%s: cannot read the CPUID dump: %s",
			       shown, cpuid_error());
	if (!raw_looks_valid(&src->raw))
		return sb_fail(err, SB_EXIT_USAGE,
			       "%s: not a CPUID dump in libcpuid's format (no vendor in basic_cpuid[0])",
			       shown);
	src->have_raw = 1;
	return 0;
}

/* Pick and load the raw CPUID source; see the top of this file. */
static int cpu_source_load(struct probe_ctx *ctx, const struct cpuinfo *ci, int have_ci,
			   struct cpu_source *src, struct sb_error *err)
{
	char host[512];

	memset(src, 0, sizeof(*src));
	if (ctx->cpuid_raw) {
		snprintf(src->path, sizeof(src->path), "%s", ctx->cpuid_raw);
		src->name = "cpuid-raw";
		return load_dump(ctx, NULL, ctx->cpuid_raw, src, err);
	}
	if (!sr_is_live(ctx->sr)) {
		if (sr_path(ctx->sr, RAW_DUMP, host, sizeof(host)) == 0 && sr_exists(ctx->sr, RAW_DUMP)) {
			snprintf(src->path, sizeof(src->path), "%s", host);
			src->name = "sysroot cpuid.raw";
			return load_dump(ctx, RAW_DUMP, host, src, err);
		}
		src->name = "cpuinfo";
		src->have_raw = have_ci && cpuinfo_to_raw(ci, &src->raw);
		return 0;
	}
	src->name = "cpuid";
	if (cpuid_get_raw_data(&src->raw) < 0)
		return sb_fail(err, SB_EXIT_SYSTEM, "cannot execute CPUID: %s", cpuid_error());
	src->have_raw = 1;
	if (ctx->sr && ctx->sr->rec &&
	    rec_generated_path(ctx->sr->rec, "cpuid.raw", host, sizeof(host)) == 0)
		cpuid_serialize_raw_data(&src->raw, host);
	return 0;
}

/* Name of the hypervisor whose signature CPUID leaf 0x40000000 holds, as
 * "NAME" or "unknown (signature \"...\")"; replayed from the recording. */
static int gen_hypervisor(void *arg, char **text)
{
	uint32_t regs[4] = { 0 };
	char sig[13], shown[13];
	const char *known;

	(void)arg;
	cpu_exec_cpuid(0x40000000, regs);
	if (regs[0] < 0x40000000)
		return (*text = strdup("unknown")) ? 0 : -ENOMEM;
	memcpy(sig, &regs[1], 4);
	memcpy(sig + 4, &regs[2], 4);
	memcpy(sig + 8, &regs[3], 4);
	sig[12] = '\0';
	if ((known = hypervisor_by_signature(sig)))
		return (*text = strdup(known)) ? 0 : -ENOMEM;
	for (int i = 0; i < 12; i++)
		shown[i] = sig[i] >= 0x20 && sig[i] < 0x7f ? sig[i] : '.';
	shown[12] = '\0';
	if (!(*text = malloc(48)))
		return -ENOMEM;
	snprintf(*text, 48, "unknown (signature \"%s\")", shown);
	return 0;
}

/* Hypervisor vendor from DMI or /sys/hypervisor, for when CPUID leaf
 * 0x40000000 cannot be asked (replay) or the flag is hidden. */
static const char *hypervisor_from_sysfs(struct probe_ctx *ctx, char *buf, size_t size)
{
	static const char *const files[] = {
		"/sys/class/dmi/id/sys_vendor", "/sys/class/dmi/id/product_name",
	};

	if (sr_read_line(ctx->sr, "/sys/hypervisor/type", buf, size) == 0 && !strcmp(buf, "xen"))
		return "Xen";
	for (size_t f = 0; f < sizeof(files) / sizeof(files[0]); f++) {
		const char *name = sr_read_line(ctx->sr, files[f], buf, size) ? NULL : hypervisor_by_maker(buf);

		if (name)
			return name;
	}
	return NULL;
}

/* nested: user-space CPUID and the kernel disagree (see choose_brand), so
 * leaf 0x40000000 names the outer hypervisor. */
static void set_hypervisor(struct probe_ctx *ctx, struct cpu_source *src, int flag,
			   int nested, json_t *out)
{
	char buf[128], sig_from[96] = "cpuid hypervisor flag", *text = NULL;
	const char *name = NULL, *from = NULL;

	if (flag && src->have_raw &&
	    sr_generated(ctx->sr, "hypervisor", gen_hypervisor, NULL, &text) == 0) {
		rtrim(text);
		if (strncmp(text, "unknown", 7) && strcmp(text, "none")) {
			name = text;
			from = nested ? "cpuid leaf 0x40000000 from user space (a nested or PVM guest: "
					"the outer hypervisor)" : "cpuid leaf 0x40000000";
		} else if (!strncmp(text, "unknown (", 9)) {
			/* "unknown (signature "...")" -> "...; leaf 0x40000000 signature "..."" */
			snprintf(sig_from, sizeof(sig_from), "cpuid hypervisor flag; leaf 0x40000000 %.*s",
				 (int)strlen(text + 9) - 1, text + 9);
		}
	}
	if (!name && (name = hypervisor_from_sysfs(ctx, buf, sizeof(buf))))
		from = "dmi";
	if (!name && flag) {
		name = "unknown";
		from = sig_from;
	}
	json_object_set_new(out, "hypervisor_flag", json_boolean(flag));
	json_object_set_new(out, "hypervisor", sbj_str_or_null(name));
	json_object_set_new(out, "hypervisor_source", sbj_str_or_null(from));
	free(text);
}

/* Count the CPUs in a kernel CPU list such as "0-3,8-11"; -1 when it is not
 * one, or names CPUs past MAX_CPU (the kernel's NR_CPUS is at most 8192;
 * a larger number would only be a garbled file, and could overflow). */
#define MAX_CPU 65535

static int count_cpu_list(const char *list)
{
	int total = 0;
	const char *p = list;

	while (*p) {
		char *end;
		long lo = strtol(p, &end, 10), hi = lo;

		if (end == p || lo < 0 || lo > MAX_CPU)
			return -1;
		if (*end == '-') {
			p = end + 1;
			hi = strtol(p, &end, 10);
			if (end == p || hi < lo || hi > MAX_CPU)
				return -1;
		}
		total += (int)(hi - lo + 1);
		if (total > MAX_CPU + 1)
			return -1;
		p = end;
		if (*p == ',')
			p++;
		else if (*p)
			return -1;
	}
	return total;
}

static void set_topology(struct probe_ctx *ctx, const struct cpuinfo *ci, int have_ci,
			 json_t *out)
{
	char buf[256];
	int vcpus = have_ci ? ci->processors : -1, tpc = -1, rc;

	if (vcpus <= 0 && sr_read_line(ctx->sr, "/sys/devices/system/cpu/online", buf, sizeof(buf)) == 0)
		vcpus = count_cpu_list(buf);
	if (vcpus <= 0)
		probe_unknownf(ctx, "cpu.vcpus", "neither /proc/cpuinfo nor /sys/devices/system/cpu/online readable");
	rc = sr_read_line(ctx->sr, "/sys/devices/system/cpu/cpu0/topology/thread_siblings_list",
			  buf, sizeof(buf));
	if (rc == 0)
		tpc = count_cpu_list(buf);
	else if (have_ci && ci->siblings > 0 && ci->cores > 0)
		tpc = ci->siblings / ci->cores;
	if (tpc <= 0)
		probe_unknown(ctx, "cpu.threads_per_core",
			      "/sys/devices/system/cpu/cpu0/topology/thread_siblings_list", rc ? rc : -EINVAL);
	json_object_set_new(out, "vcpus", sbj_int_or_null(vcpus, vcpus > 0));
	json_object_set_new(out, "threads_per_core", sbj_int_or_null(tpc, tpc > 0));
}

static void set_clock(json_t *out, const char *key, int mhz, const char *source)
{
	char src_key[64];

	snprintf(src_key, sizeof(src_key), "%s_source", key);
	json_object_set_new(out, key, sbj_int_or_null(mhz, mhz > 0));
	json_object_set_new(out, src_key, sbj_str_or_null(mhz > 0 ? source : NULL));
}

/* Base and maximum clock, each with where it came from, best source first. */
static void set_clocks(struct probe_ctx *ctx, const char *brand, const struct cpu_class *cls,
		       const struct cpuinfo *ci, int have_ci, json_t *out)
{
	const struct epyc_clock *table = cls->model_number[0] ? epyc_clock_lookup(cls->model_number) : NULL;
	char table_src[96];
	uint64_t khz;
	int base = 0, max = 0;
	const char *base_src = NULL, *max_src = NULL;

	snprintf(table_src, sizeof(table_src), "AMD model table (EPYC %s)", cls->model_number);
	if ((base = brand_clock_mhz(brand)) > 0)
		base_src = "brand string";
	else if (sr_read_u64(ctx->sr, "/sys/devices/system/cpu/cpu0/cpufreq/base_frequency", &khz) == 0 && khz) {
		base = (int)(khz / 1000);
		base_src = "cpufreq base_frequency";
	} else if (table) {
		base = table->base_mhz;
		base_src = table_src;
	} else if (have_ci && ci->mhz > 0) {
		base = (int)(ci->mhz + 0.5);
		base_src = "/proc/cpuinfo cpu MHz (the kernel's nominal clock; on a VM the host's TSC rate)";
	}
	if (sr_read_u64(ctx->sr, "/sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq", &khz) == 0 && khz) {
		max = (int)(khz / 1000);
		max_src = "cpufreq cpuinfo_max_freq";
	} else if (table) {
		max = table->boost_mhz;
		max_src = table_src;
	}
	if (base <= 0)
		probe_unknownf(ctx, "cpu.base_mhz", "no brand clock, cpufreq, model table entry or cpu MHz");
	if (max <= 0)
		probe_unknownf(ctx, "cpu.max_mhz", "no cpufreq (usual on a VM) and no model table entry");
	set_clock(out, "base_mhz", base, base_src);
	set_clock(out, "max_mhz", max, max_src);
}

/* ---- the instruction set ---------------------------------------------------- */

struct isa_result {
	const struct isa_generation *gen;
	struct isa_flags flags;     /* CPUID's and the kernel's, together */
	char source[96];
	char next_missing[256];
	char cpuid_only[256], kernel_only[256];
};

/* CPUID leaf 7 subleaf 1 (AVX-VNNI, AVX512_BF16, AMX-FP16), which
 * libcpuid 0.6.2's dump does not keep: recorded beside it as
 * "EAX EBX ECX EDX" in hex. */
static int gen_leaf7_1(void *arg, char **text)
{
	uint32_t regs[4] = { 0 };

	(void)arg;
	cpu_exec_cpuid(0, regs);
	if (regs[0] < 7)
		return -ENOENT;
	memset(regs, 0, sizeof(regs));
	regs[0] = 7;
	regs[2] = 1;
	cpu_exec_cpuid_ext(regs);
	if (!(*text = malloc(48)))
		return -ENOMEM;
	snprintf(*text, 48, "%08x %08x %08x %08x\n", regs[0], regs[1], regs[2], regs[3]);
	return 0;
}

static void regs_copy(uint32_t dst[4], const uint32_t src[4])
{
	memcpy(dst, src, 4 * sizeof(uint32_t));
}

/* The CPUID registers of the flags, from the dump (or the live CPU), when
 * there is a real CPUID source; false for one rebuilt from cpuinfo. */
static bool isa_regs_load(struct probe_ctx *ctx, const struct cpu_source *src, struct isa_regs *r)
{
	const struct cpu_raw_data_t *raw = &src->raw;
	char *text = NULL;

	memset(r, 0, sizeof(*r));
	if (!src->have_raw || !strcmp(src->name, "cpuinfo"))
		return false;
	regs_copy(r->leaf1, raw->basic_cpuid[1]);
	if (raw->basic_cpuid[0][0] >= 7)
		regs_copy(r->leaf7, raw->basic_cpuid[7]);
	if (raw->ext_cpuid[0][0] >= 0x80000001u)
		regs_copy(r->ext1, raw->ext_cpuid[1]);
	if (raw->ext_cpuid[0][0] >= 0x80000008u)
		regs_copy(r->ext8, raw->ext_cpuid[8]);
	/* a --cpuid-raw dump has no subleaf beside it */
	if (strcmp(src->name, "cpuid-raw") && raw->basic_cpuid[0][0] >= 7 &&
	    sr_generated(ctx->sr, "cpuid-leaf7.1", gen_leaf7_1, NULL, &text) == 0) {
		unsigned v[4];

		if (sscanf(text, "%x %x %x %x", &v[0], &v[1], &v[2], &v[3]) == 4) {
			for (int i = 0; i < 4; i++)
				r->leaf7_1[i] = v[i];
			r->have_leaf7_1 = true;
		}
	}
	free(text);
	return true;
}

static uint64_t hyp_bit(void)
{
	struct isa_flags h = { 0 };

	isa_add_cpuinfo(&h, "hypervisor");
	return h.bits;
}

static void isa_probe(struct probe_ctx *ctx, const struct cpu_source *src, const struct cpuinfo *ci,
		      int have_ci, const char *vendor, struct isa_result *res)
{
	struct isa_regs regs;
	struct isa_flags cpuid = { 0 }, kernel = { 0 };
	bool have_cpuid = isa_regs_load(ctx, src, &regs), have_kernel = have_ci && ci->have_flags;

	memset(res, 0, sizeof(*res));
	if (have_cpuid)
		isa_from_regs(&regs, &cpuid);
	if (have_kernel)
		isa_add_cpuinfo(&kernel, ci->flags);
	/* a hypervisor hides flags, it does not invent them: what either
	 * source shows, the CPU has */
	res->flags.bits = cpuid.bits | kernel.bits;
	snprintf(res->source, sizeof(res->source), "%s%s%s",
		 have_cpuid ? (regs.have_leaf7_1 ? "CPUID leaves 1, 7.0, 7.1, 80000001h, 80000008h" :
			       "CPUID leaves 1, 7.0, 80000001h, 80000008h") : "",
		 have_cpuid && have_kernel ? " and " : "", have_kernel ? "/proc/cpuinfo flags" : "");
	/* a kernel line that lists none of the table's flags (a constructed
	 * machine's "hypervisor") is nothing to compare with */
	if (have_cpuid && have_kernel && (kernel.bits & ~hyp_bit()) != 0) {
		isa_difference(&cpuid, &kernel, res->cpuid_only, sizeof(res->cpuid_only));
		isa_difference(&kernel, &cpuid, res->kernel_only, sizeof(res->kernel_only));
	}
	if (have_cpuid || have_kernel)
		res->gen = isa_classify(vendor, &res->flags, res->next_missing, sizeof(res->next_missing));
}

/* Does the model number's generation fit the instruction set's?  The
 * instruction set cannot tell Emerald Rapids (5) from Sapphire Rapids (4). */
static bool isa_agrees(const struct isa_generation *g, int generation)
{
	if (!strcmp(g->uarch, "sapphirerapids"))
		return generation == 4 || generation == 5;
	return generation == g->generation;
}

/* The generation: the model number's where it fits the instruction set
 * (it can tell more: Emerald from Sapphire Rapids), else the instruction
 * set's, with a note why. */
static void isa_decide(const struct isa_result *isa, const struct cpu_id_t *id, struct cpu_class *cls)
{
	if (!isa->gen || !cls->line)
		return;
	if (strcmp(cls->line, "EPYC") && (strncmp(cls->line, "Xeon", 4) || !strncmp(cls->line, "Xeon D", 6) ||
					  !strncmp(cls->line, "Xeon W", 6)))
		return;  /* a generation is given for EPYC and Xeon Scalable only */
	if (cls->generation && isa_agrees(isa->gen, cls->generation))
		return;
	if (!cls->generation)
		snprintf(cls->note, sizeof(cls->note),
			 "family %Xh model %Xh is in no table; the instruction set says generation %d (%s)",
			 (unsigned)id->ext_family, (unsigned)id->ext_model, isa->gen->generation, isa->gen->name);
	else
		snprintf(cls->note, sizeof(cls->note),
			 "the %s says generation %d (%s), the instruction set %d (%s); the instruction set "
			 "decides: a hypervisor can mask a brand or invent a model number, not instructions",
			 cls->generation_source, cls->generation, cls->generation_name,
			 isa->gen->generation, isa->gen->name);
	cls->generation = isa->gen->generation;
	cls->generation_name = isa->gen->name;
	cls->generation_source = "isa";
}

static json_t *isa_json(const struct isa_result *isa)
{
	json_t *o = json_object(), *flags = json_array();
	static const char *const shown[] = {
		"avx2", "sha_ni", "clwb", "vaes", "vpclmulqdq", "avx512f", "avx512_vnni", "avx512vbmi",
		"avx512_bf16", "avx512_vp2intersect", "movdiri", "movdir64b", "avx512_fp16",
		"amx_tile", "amx_fp16", "avx_vnni",
	};

	for (size_t i = 0; i < sizeof(shown) / sizeof(shown[0]); i++)
		if (isa_has(&isa->flags, shown[i]))
			json_array_append_new(flags, json_string(shown[i]));
	json_object_set_new(o, "generation", sbj_int_or_null(isa->gen ? isa->gen->generation : 0, isa->gen != NULL));
	json_object_set_new(o, "name", sbj_str_or_null(isa->gen ? isa->gen->name : NULL));
	json_object_set_new(o, "uarch", sbj_str_or_null(isa->gen ? isa->gen->uarch : NULL));
	json_object_set_new(o, "source", sbj_str_or_null(isa->source[0] ? isa->source : NULL));
	json_object_set_new(o, "flags", flags);
	json_object_set_new(o, "next_missing", sbj_str_or_null(isa->next_missing[0] ? isa->next_missing : NULL));
	if (isa->cpuid_only[0])
		json_object_set_new(o, "cpuid_only", sbj_text(isa->cpuid_only));
	if (isa->kernel_only[0])
		json_object_set_new(o, "kernel_only", sbj_text(isa->kernel_only));
	return o;
}

/* The newest family each vendor's codename tables in libcpuid 0.6.2 know.
 * For a newer family libcpuid still answers, with the nearest old entry
 * (a family-1Ah Turin comes out as "Abu Dhabi", a 2012 Opteron), so its
 * codename is only shown for families it has tables for. */
static const struct { cpu_vendor_t vendor; int max_family; } codename_tables[] = {
	{ VENDOR_AMD, 0x19 }, { VENDOR_INTEL, 6 }, { VENDOR_HYGON, 0x18 },
};

static int codename_known(const struct cpu_id_t *id)
{
	for (size_t i = 0; i < sizeof(codename_tables) / sizeof(codename_tables[0]); i++)
		if (codename_tables[i].vendor == id->vendor)
			return id->ext_family <= codename_tables[i].max_family;
	return 0;
}

static void set_codename(const struct cpu_id_t *id, int identified, const struct isa_generation *isa,
			 json_t *out)
{
	char why[256];

	if (identified && !codename_known(id)) {
		snprintf(why, sizeof(why),
			 "libcpuid %s has no table for family %02Xh; its nearest guess \"%s\" is not shown",
			 cpuid_lib_version(), (unsigned)id->ext_family, id->cpu_codename);
		json_object_set_new(out, "codename", json_null());
		json_object_set_new(out, "codename_note", sbj_text(why));
		return;
	}
	if (identified && isa && !isa_codename_agrees(isa, id->cpu_codename)) {
		snprintf(why, sizeof(why),
			 "libcpuid %s names it \"%s\" from family and model alone; set aside: the instruction set says %s",
			 cpuid_lib_version(), id->cpu_codename, isa->name);
		json_object_set_new(out, "codename", json_null());
		json_object_set_new(out, "codename_note", sbj_text(why));
		return;
	}
	json_object_set_new(out, "codename", sbj_str_or_null(identified ? id->cpu_codename : NULL));
}

/* How much a brand string tells: a model number, then a line. */
static int brand_weight(const struct cpu_class *cls)
{
	return (cls->model_number[0] ? 2 : 0) + (cls->line_source && !strcmp(cls->line_source, "brand"));
}

/*
 * Two brand strings can disagree.  CPUID asked from user space is answered
 * by the hardware or the outermost hypervisor, while the kernel's model
 * name comes from the CPUID its own hypervisor shows it: in a PVM or nested
 * guest the first says "Oxide Virtual Turin-like Processor" and the second
 * "AMD EPYC".  Line and generation are read from the one that tells more,
 * the kernel's on a tie (it is what the VM's own software sees); which one
 * was used is recorded as verdict_brand.
 */
static const char *choose_brand(const char *vendor, const struct cpu_id_t *id,
				const char *cpuid_brand, const char *kernel, struct cpu_class *cls,
				const char **key)
{
	struct cpu_class kcls;

	cpu_classify(vendor, id->ext_family, id->ext_model, id->stepping, cpuid_brand, cls);
	*key = "brand";
	if (!kernel || (cpuid_brand && !strcmp(cpuid_brand, kernel)))
		return cpuid_brand;
	cpu_classify(vendor, id->ext_family, id->ext_model, id->stepping, kernel, &kcls);
	if (cpuid_brand && brand_weight(cls) > brand_weight(&kcls))
		return cpuid_brand;
	*cls = kcls;
	*key = "model_name";
	return kernel;
}

static int cpu_run(struct probe_ctx *ctx, json_t *out, struct sb_error *err)
{
	struct cpu_source src;
	struct cpu_id_t id;
	struct cpu_class cls;
	struct isa_result isa;
	struct cpuinfo ci = { 0 };  /* stays empty when cpuinfo cannot be read */
	char *text = NULL, cpuid_brand[sizeof(ci.model_name)];
	struct sb_error why;
	const char *vendor = NULL, *brand = NULL, *kernel = NULL, *brand_key = "brand";
	int have_ci = 0, identified = 0, flag = 0, nested, rc;

	rc = sr_read(ctx->sr, "/proc/cpuinfo", &text, NULL);
	if (rc)
		probe_unknown(ctx, "cpu.cpuinfo", "/proc/cpuinfo", rc);
	else if (!(have_ci = cpuinfo_parse(text, &ci, &why)))
		probe_unknownf(ctx, "cpu.cpuinfo", "/proc/cpuinfo: %s", why.msg);
	free(text);
	if (cpu_source_load(ctx, &ci, have_ci, &src, err))
		return -1;
	memset(&id, 0, sizeof(id));
	if (src.have_raw && cpu_identify(&src.raw, &id) == 0)
		identified = 1;
	else
		probe_unknownf(ctx, "cpu.vendor", "no CPUID source: %s",
			       src.have_raw ? cpuid_error() : "cpuinfo lacks vendor, family or model");
	kernel = have_ci && ci.model_name[0] ? ci.model_name : NULL;
	if (identified) {
		/* from cpuinfo, the "CPUID" brand is the model name cut to 48 bytes */
		snprintf(cpuid_brand, sizeof(cpuid_brand), "%s",
			 strcmp(src.name, "cpuinfo") || !kernel ? id.brand_str : kernel);
		vendor = vendor_name(id.vendor, id.vendor_str);
		brand = *trim(cpuid_brand) ? trim(cpuid_brand) : NULL;
		flag = id.flags[CPU_FEATURE_HYPERVISOR] || (have_ci && ci.hypervisor_flag);
	}
	brand = choose_brand(vendor, &id, brand, kernel, &cls, &brand_key);
	isa_probe(ctx, &src, &ci, have_ci, vendor, &isa);
	isa_decide(&isa, &id, &cls);

	json_object_set_new(out, "source", sbj_text(src.name));
	if (src.path[0])
		json_object_set_new(out, "source_path", sbj_text(src.path));
	json_object_set_new(out, "vendor", sbj_str_or_null(vendor));
	json_object_set_new(out, "vendor_id", sbj_str_or_null(identified ? id.vendor_str : NULL));
	json_object_set_new(out, "brand", sbj_str_or_null(identified && *cpuid_brand ? trim(cpuid_brand) : NULL));
	json_object_set_new(out, "model_name", sbj_str_or_null(kernel));
	json_object_set_new(out, "verdict_brand", sbj_text(brand_key));
	nested = identified && kernel && *cpuid_brand && strcmp(trim(cpuid_brand), kernel);
	if (nested) {
		json_object_set_new(out, "brand_note", sbj_text(
			"CPUID and the kernel disagree on the brand: CPUID from user space is "
			"answered by another layer than the kernel's hypervisor (a nested or PVM guest)"));
	}
	set_codename(&id, identified, isa.gen, out);
	json_object_set_new(out, "family", sbj_int_or_null(id.ext_family, identified));
	json_object_set_new(out, "model", sbj_int_or_null(id.ext_model, identified));
	json_object_set_new(out, "stepping", sbj_int_or_null(id.stepping, identified));
	json_object_set_new(out, "line", sbj_str_or_null(cls.line));
	json_object_set_new(out, "line_source", sbj_str_or_null(cls.line_source));
	json_object_set_new(out, "generation", sbj_int_or_null(cls.generation, cls.generation > 0));
	json_object_set_new(out, "generation_name", sbj_str_or_null(cls.generation_name));
	json_object_set_new(out, "generation_source", sbj_str_or_null(cls.generation_source));
	json_object_set_new(out, "model_number", sbj_str_or_null(cls.model_number));
	if (cls.note[0])
		json_object_set_new(out, "note", sbj_text(cls.note));
	json_object_set_new(out, "isa", isa_json(&isa));
	set_clocks(ctx, brand, &cls, &ci, have_ci, out);
	set_topology(ctx, &ci, have_ci, out);
	set_hypervisor(ctx, &src, flag, nested, out);
	json_object_set_new(out, "libcpuid_version", sbj_text(cpuid_lib_version()));
	return 0;
}

static void print_isa(const json_t *isa, FILE *out)
{
	const json_t *flags = json_object_get(isa, "flags"), *f;
	size_t i;

	if (!isa)
		return;
	if (json_is_integer(json_object_get(isa, "generation")))
		fprintf(out, "  %-18s %s (%s)\n", "instruction set", rd_str_or(isa, "name", "?"), rd_str_or(isa, "uarch", "?"));
	else
		fprintf(out, "  %-18s no server generation%s\n", "instruction set",
			json_array_size(flags) ? "" : " (no flags read)");
	if (json_array_size(flags)) {
		fprintf(out, "  %-18s", "");
		json_array_foreach(flags, i, f)
			fprintf(out, " %s", json_string_value(f));
		fprintf(out, "\n");
	}
	if (rd_str(isa, "cpuid_only"))
		fprintf(out, "  %-18s CPUID only: %s\n", "", rd_str_or(isa, "cpuid_only", ""));
	if (rd_str(isa, "kernel_only"))
		fprintf(out, "  %-18s kernel only: %s\n", "", rd_str_or(isa, "kernel_only", ""));
}

static void cpu_print(const json_t *s, FILE *out)
{
	const char *hv = rd_str(s, "hypervisor");
	json_t *gen = json_object_get(s, "generation");

	fprintf(out, "CPU\n");
	fprintf(out, "  %-18s %s (%s)\n", "vendor", rd_str_or(s, "vendor", "unknown"),
		rd_str_or(s, "vendor_id", "-"));
	fprintf(out, "  %-18s %s%s\n", "brand", rd_str_or(s, "brand", "unknown"),
		strcmp(rd_str_or(s, "verdict_brand", "brand"), "brand") ? "" : " (used)");
	if (rd_str(s, "model_name") &&
	    strcmp(rd_str_or(s, "model_name", ""), rd_str_or(s, "brand", "")))
		fprintf(out, "  %-18s %s%s\n", "kernel model", rd_str_or(s, "model_name", ""),
			strcmp(rd_str_or(s, "verdict_brand", "brand"), "model_name") ? "" : " (used)");
	if (rd_str(s, "brand_note"))
		fprintf(out, "  %-18s %s\n", "", rd_str_or(s, "brand_note", ""));
	fprintf(out, "  %-18s %s\n", "line", rd_str_or(s, "line", "unknown"));
	if (json_is_integer(gen))
		fprintf(out, "  %-18s %lld (%s, from %s)\n", "generation", json_integer_value(gen),
			rd_str(s, "generation_name"),
			strcmp(rd_str_or(s, "generation_source", ""), "isa") ? rd_str_or(s, "generation_source", "?") :
			"the instruction set");
	else
		fprintf(out, "  %-18s -\n", "generation");
	if (rd_str(s, "codename"))
		fprintf(out, "  %-18s %s (libcpuid)\n", "codename", rd_str_or(s, "codename", ""));
	else
		fprintf(out, "  %-18s unknown (%s)\n", "codename",
			rd_str_or(s, "codename_note", "libcpuid could not identify the CPU"));
	for (int i = 0; i < 2; i++) {
		const char *key = i ? "max_mhz" : "base_mhz";
		char src_key[32];
		json_t *v = json_object_get(s, key);

		snprintf(src_key, sizeof(src_key), "%s_source", key);
		if (json_is_integer(v))
			fprintf(out, "  %-18s %lld MHz (%s)\n", i ? "max clock" : "base clock",
				json_integer_value(v), rd_str(s, src_key));
		else
			fprintf(out, "  %-18s unknown\n", i ? "max clock" : "base clock");
	}
	fprintf(out, "  %-18s %lld, %lld thread(s) per core\n", "vCPUs",
		rd_int_or(s, "vcpus", 0),
		rd_int_or(s, "threads_per_core", 0));
	print_isa(json_object_get(s, "isa"), out);
	fprintf(out, "  %-18s %s\n", "hypervisor", hv ? hv : "none (bare metal)");
	if (rd_str(s, "note"))
		fprintf(out, "  %-18s %s\n", "note", rd_str(s, "note"));
}

const struct probe_ops probe_cpu = {
	.name = "cpu",
	.summary = "processor vendor, line, generation, clock, vCPUs, hypervisor",
	.run = cpu_run,
	.print = cpu_print,
};
