/*
 * cpu_isa.c - server generations by instruction set; see cpu_isa.h.
 *
 * Sources of the tables below:
 *   - the flags each generation adds: archspec's microarchitectures.json
 *     (archspec/archspec-json, cpu/microarchitectures.json: zen ... zen5,
 *     skylake_avx512, cascadelake, icelake, sapphirerapids), and for what
 *     archspec does not list (Cooper Lake's AVX512_BF16, Sapphire Rapids'
 *     AVX512_FP16, Granite Rapids' AMX-FP16) the Intel Architecture
 *     Instruction Set Extensions Programming Reference, table 1-2 and the
 *     CPUID leaf 7 tables; the bit positions: Intel SDM vol. 2A (CPUID) and
 *     AMD APM vol. 3 appendix E, with the kernel's names
 *     (arch/x86/include/asm/cpufeatures.h) so that /proc/cpuinfo reads the
 *     same;
 *   - left out of every "requires" list on purpose, because hypervisors
 *     commonly hide them: pku (some Milan VMs), clzero and mwaitx (no
 *     MONITOR/MWAITX under KVM), xsavec/xsaves (leaf 0xD, often trimmed),
 *     waitpkg, cldemote, serialize and the AMX flags on Sapphire Rapids
 *     (KVM before 5.17 hides AMX), rdpid and wbnoinvd (older hypervisors),
 *     rdseed (the EPYC Turin PVM guest in tests/fixtures hides it).
 * Emerald Rapids adds no instruction to Sapphire Rapids: the two are one
 * row, named as both.  Granite Rapids is told apart only by AMX-FP16 (leaf 7
 * subleaf 1): where a hypervisor hides AMX it reads as Sapphire Rapids
 * class, an older generation than it is, never a newer one.
 */
#include <stdio.h>
#include <string.h>

#include "base/strbuf.h"
#include "cpu_isa.h"

enum reg_src { L1, L7, L7_1, E1, E8 };
enum { EAX, EBX, ECX, EDX };

struct isa_flag {
	const char *name;
	enum reg_src leaf;
	int reg, bit;
};

static const struct isa_flag flag_table[] = {
	{ "pclmulqdq", L1, ECX, 1 }, { "fma", L1, ECX, 12 }, { "movbe", L1, ECX, 22 },
	{ "aes", L1, ECX, 25 }, { "avx", L1, ECX, 28 }, { "f16c", L1, ECX, 29 },
	{ "hypervisor", L1, ECX, 31 },
	{ "bmi1", L7, EBX, 3 }, { "avx2", L7, EBX, 5 }, { "bmi2", L7, EBX, 8 },
	{ "avx512f", L7, EBX, 16 }, { "avx512dq", L7, EBX, 17 }, { "rdseed", L7, EBX, 18 },
	{ "adx", L7, EBX, 19 }, { "avx512ifma", L7, EBX, 21 }, { "clflushopt", L7, EBX, 23 },
	{ "clwb", L7, EBX, 24 }, { "avx512cd", L7, EBX, 28 }, { "sha_ni", L7, EBX, 29 },
	{ "avx512bw", L7, EBX, 30 }, { "avx512vl", L7, EBX, 31 },
	{ "avx512vbmi", L7, ECX, 1 }, { "pku", L7, ECX, 3 }, { "waitpkg", L7, ECX, 5 },
	{ "avx512_vbmi2", L7, ECX, 6 }, { "gfni", L7, ECX, 8 }, { "vaes", L7, ECX, 9 },
	{ "vpclmulqdq", L7, ECX, 10 }, { "avx512_vnni", L7, ECX, 11 },
	{ "avx512_bitalg", L7, ECX, 12 }, { "avx512_vpopcntdq", L7, ECX, 14 },
	{ "rdpid", L7, ECX, 22 }, { "cldemote", L7, ECX, 25 }, { "movdiri", L7, ECX, 27 },
	{ "movdir64b", L7, ECX, 28 },
	{ "fsrm", L7, EDX, 4 }, { "avx512_vp2intersect", L7, EDX, 8 }, { "serialize", L7, EDX, 14 },
	{ "amx_bf16", L7, EDX, 22 }, { "avx512_fp16", L7, EDX, 23 }, { "amx_tile", L7, EDX, 24 },
	{ "amx_int8", L7, EDX, 25 },
	{ "avx_vnni", L7_1, EAX, 4 }, { "avx512_bf16", L7_1, EAX, 5 }, { "amx_fp16", L7_1, EAX, 21 },
	{ "avx_ifma", L7_1, EAX, 23 }, { "amx_complex", L7_1, EDX, 8 }, { "prefetchi", L7_1, EDX, 14 },
	{ "abm", E1, ECX, 5 }, { "sse4a", E1, ECX, 6 }, { "xop", E1, ECX, 11 }, { "fma4", E1, ECX, 16 },
	{ "tbm", E1, ECX, 21 }, { "mwaitx", E1, ECX, 29 },
	{ "clzero", E8, EBX, 0 }, { "wbnoinvd", E8, EBX, 9 },
};
#define NFLAGS (sizeof(flag_table) / sizeof(flag_table[0]))
_Static_assert(NFLAGS <= ISA_MAX_FLAGS, "the flag set is one 64-bit word");

/* ---- the generations, each with its parent's flags spelled out ---------- */

#define ZEN1 "avx2", "bmi2", "adx", "sha_ni", "clflushopt"
#define ZEN2 ZEN1, "clwb"
#define ZEN3 ZEN2, "vaes", "vpclmulqdq"
#define ZEN4 ZEN3, "avx512f", "avx512dq", "avx512ifma", "avx512cd", "avx512bw", "avx512vl", \
	"avx512vbmi", "avx512_vbmi2", "gfni", "avx512_vnni", "avx512_bitalg", "avx512_vpopcntdq"
#define ZEN5 ZEN4, "avx512_vp2intersect", "movdiri", "movdir64b"
#define SKX "avx2", "bmi2", "adx", "clflushopt", "clwb", "avx512f", "avx512dq", \
	"avx512cd", "avx512bw", "avx512vl"
#define CLX SKX, "avx512_vnni"
#define CPX CLX, "avx512_bf16"
#define ICX CLX, "avx512vbmi", "avx512ifma", "sha_ni", "gfni", "avx512_vbmi2", \
	"avx512_vpopcntdq", "avx512_bitalg", "vpclmulqdq", "vaes"
#define SPR ICX, "avx512_fp16", "movdiri", "movdir64b"
#define GNR SPR, "amx_fp16"

static const char *const zen1[] = { ZEN1, NULL }, *const zen2[] = { ZEN2, NULL },
	*const zen3[] = { ZEN3, NULL }, *const zen4[] = { ZEN4, NULL }, *const zen5[] = { ZEN5, NULL },
	*const skx[] = { SKX, NULL }, *const clx[] = { CLX, NULL }, *const cpx[] = { CPX, NULL },
	*const icx[] = { ICX, NULL }, *const spr[] = { SPR, NULL }, *const gnr[] = { GNR, NULL };

static const char *const kw_zen1[] = { "Naples", "Summit Ridge", "Raven Ridge", "Whitehaven",
	"Pinnacle Ridge", "Picasso", "Colfax", "Snowy Owl", "Dali", NULL };
static const char *const kw_zen2[] = { "Rome", "Matisse", "Renoir", "Castle Peak", "Lucienne",
	"Mendocino", "Van Gogh", NULL };
static const char *const kw_zen3[] = { "Milan", "Vermeer", "Cezanne", "Chagall", "Barcelo",
	"Rembrandt", NULL };
static const char *const kw_zen4[] = { "Genoa", "Bergamo", "Siena", "Raphael", "Phoenix",
	"Dragon Range", "Storm Peak", "Hawk Point", NULL };
static const char *const kw_zen5[] = { "Turin", "Granite Ridge", "Strix", "Shimada Peak", NULL };
static const char *const kw_skx[] = { "Skylake", NULL };
static const char *const kw_clx[] = { "Cascade Lake", NULL };
static const char *const kw_cpx[] = { "Cooper Lake", NULL };
static const char *const kw_icx[] = { "Ice Lake", "Tiger Lake", "Rocket Lake", NULL };
static const char *const kw_spr[] = { "Sapphire Rapids", "Emerald Rapids", NULL };
static const char *const kw_gnr[] = { "Granite Rapids", NULL };

static const struct isa_generation generations[] = {
	{ "AMD", 1, "Naples", "zen", zen1, kw_zen1 },
	{ "AMD", 2, "Rome", "zen2", zen2, kw_zen2 },
	{ "AMD", 3, "Milan", "zen3", zen3, kw_zen3 },
	{ "AMD", 4, "Genoa or Bergamo", "zen4", zen4, kw_zen4 },
	{ "AMD", 5, "Turin", "zen5", zen5, kw_zen5 },
	{ "Intel", 1, "Skylake-SP", "skylake_avx512", skx, kw_skx },
	{ "Intel", 2, "Cascade Lake", "cascadelake", clx, kw_clx },
	{ "Intel", 3, "Cooper Lake", "cooperlake", cpx, kw_cpx },
	{ "Intel", 3, "Ice Lake-SP", "icelake", icx, kw_icx },
	{ "Intel", 4, "Sapphire Rapids or Emerald Rapids", "sapphirerapids", spr, kw_spr },
	{ "Intel", 6, "Granite Rapids", "graniterapids", gnr, kw_gnr },
};

/* ---- flags ----------------------------------------------------------------- */

static int flag_index(const char *name)
{
	for (size_t i = 0; i < NFLAGS; i++)
		if (!strcmp(flag_table[i].name, name))
			return (int)i;
	return -1;
}

bool isa_has(const struct isa_flags *f, const char *name)
{
	int i = flag_index(name);

	return i >= 0 && (f->bits >> i & 1);
}

void isa_from_regs(const struct isa_regs *r, struct isa_flags *out)
{
	out->bits = 0;
	for (size_t i = 0; i < NFLAGS; i++) {
		const struct isa_flag *fl = &flag_table[i];
		const uint32_t *regs = fl->leaf == L1 ? r->leaf1 : fl->leaf == L7 ? r->leaf7 :
				       fl->leaf == L7_1 ? r->leaf7_1 : fl->leaf == E1 ? r->ext1 : r->ext8;

		if (fl->leaf == L7_1 && !r->have_leaf7_1)
			continue;
		if (regs[fl->reg] >> fl->bit & 1)
			out->bits |= (uint64_t)1 << i;
	}
}

void isa_add_cpuinfo(struct isa_flags *f, const char *line)
{
	const char *p = line;

	while (p && *p) {
		size_t n;
		char word[32];
		int i;

		while (*p == ' ' || *p == '\t')
			p++;
		n = strcspn(p, " \t");
		if (n > 0 && n < sizeof(word)) {
			memcpy(word, p, n);
			word[n] = '\0';
			/* the kernel says "pni" for SSE3 and "sha_ni"; older ones
			 * "avx512vbmi": the table uses the kernel's names */
			if ((i = flag_index(word)) >= 0)
				f->bits |= (uint64_t)1 << i;
		}
		p += n;
	}
}

void isa_difference(const struct isa_flags *a, const struct isa_flags *b, char *buf, size_t size)
{
	struct strbuf sb;

	strbuf_fixed(&sb, buf, size);
	for (size_t i = 0; i < NFLAGS; i++)
		if ((a->bits >> i & 1) && !(b->bits >> i & 1)) {
			strbuf_sep(&sb, " ");
			strbuf_addstr(&sb, flag_table[i].name);
		}
}

/* ---- matching --------------------------------------------------------------- */

static int count_required(const struct isa_generation *g)
{
	int n = 0;

	while (g->requires[n])
		n++;
	return n;
}

static bool has_all(const struct isa_flags *f, const struct isa_generation *g, char *missing, size_t size)
{
	struct strbuf sb;
	bool all = true;

	if (missing && size)
		strbuf_fixed(&sb, missing, size);
	for (int i = 0; g->requires[i]; i++)
		if (!isa_has(f, g->requires[i])) {
			all = false;
			if (missing && size) {
				strbuf_sep(&sb, " ");
				strbuf_addstr(&sb, g->requires[i]);
			}
		}
	return all;
}

const struct isa_generation *isa_classify(const char *vendor, const struct isa_flags *f,
					  char *next_missing, size_t size)
{
	const struct isa_generation *best = NULL, *next = NULL;

	if (next_missing && size)
		next_missing[0] = '\0';
	if (!vendor)
		return NULL;
	for (size_t i = 0; i < sizeof(generations) / sizeof(generations[0]); i++) {
		const struct isa_generation *g = &generations[i];

		if (strcmp(g->vendor, vendor) || !has_all(f, g, NULL, 0))
			continue;
		if (!best || g->generation > best->generation ||
		    (g->generation == best->generation && count_required(g) > count_required(best)))
			best = g;
	}
	/* the first generation above the match: what would have made it newer */
	for (size_t i = 0; i < sizeof(generations) / sizeof(generations[0]); i++) {
		const struct isa_generation *g = &generations[i];

		if (!strcmp(g->vendor, vendor) && (!best || g->generation > best->generation) &&
		    (!next || g->generation < next->generation))
			next = g;
	}
	if (next && next_missing)
		has_all(f, next, next_missing, size);
	return best;
}

bool isa_codename_agrees(const struct isa_generation *g, const char *codename)
{
	if (!g || !codename)
		return false;
	for (int i = 0; g->keywords[i]; i++)
		if (strstr(codename, g->keywords[i]))
			return true;
	return false;
}
