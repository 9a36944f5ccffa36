/*
 * test_cpu_isa.c - the server generation from the instruction set, over
 * every CPU of tests/data/cpuid/generations.txt (real dumps, constructed
 * generations, masked variants), the kernel's flag names, and when
 * libcpuid's codename is believed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "probes/cpu_isa.h"
#include "harness.h"

static unsigned hex(const char *s)
{
	return (unsigned)strtoul(s, NULL, 16);
}

static void dumps(struct t *t)
{
	char *text = t_read(t, "data/cpuid/generations.txt"), *save = NULL;
	int rows = 0;

	for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char name[64], vendor[16], uarch[32], f[7][16];
		struct isa_regs r = { 0 };
		struct isa_flags fl;
		const struct isa_generation *g;
		char missing[256];

		if (line[0] == '#' || sscanf(line, "%63s %15s %31s %15s %15s %15s %15s %15s %15s %15s", name, vendor,
					     uarch, f[0], f[1], f[2], f[3], f[4], f[5], f[6]) != 10)
			continue;
		rows++;
		r.leaf1[2] = hex(f[0]);
		r.leaf7[1] = hex(f[1]);
		r.leaf7[2] = hex(f[2]);
		r.leaf7[3] = hex(f[3]);
		r.have_leaf7_1 = strcmp(f[4], "-") != 0;
		r.leaf7_1[0] = r.have_leaf7_1 ? hex(f[4]) : 0;
		r.ext1[2] = hex(f[5]);
		r.ext8[1] = hex(f[6]);
		isa_from_regs(&r, &fl);
		g = isa_classify(vendor, &fl, missing, sizeof(missing));
		t_check_str(t, __FILE__, __LINE__, name, g ? g->uarch : "-", uarch);
		/* the same flags from a kernel line give the same answer */
		{
			struct isa_flags k = { 0 };
			char line_[1024] = "", one[32];

			for (int i = 0; i < ISA_MAX_FLAGS; i++)
				if (fl.bits >> i & 1) {
					struct isa_flags single = { (uint64_t)1 << i }, none = { 0 };

					isa_difference(&single, &none, one, sizeof(one));
					strncat(line_, one, sizeof(line_) - strlen(line_) - 2);
					strcat(line_, " ");
				}
			isa_add_cpuinfo(&k, line_);
			CHECK(t, k.bits == fl.bits);
		}
	}
	free(text);
	CHECK(t, rows >= 20);
}

static void names_and_agreement(struct t *t)
{
	struct isa_flags f = { 0 };
	const struct isa_generation *g;
	char missing[256];

	isa_add_cpuinfo(&f, "fpu vme avx2 bmi2 adx sha_ni clflushopt clwb notaflag  avx512f\tvaes");
	CHECK(t, isa_has(&f, "clwb") && isa_has(&f, "avx512f") && isa_has(&f, "vaes"));
	CHECK(t, !isa_has(&f, "notaflag") && !isa_has(&f, "vpclmulqdq"));
	g = isa_classify("AMD", &f, missing, sizeof(missing));
	CHECK_STR(t, g ? g->uarch : NULL, "zen2");
	CHECK_STR(t, missing, "vpclmulqdq");  /* what Zen 3 needs beyond it */
	CHECK(t, isa_classify(NULL, &f, NULL, 0) == NULL);
	CHECK(t, isa_classify("Hygon", &f, NULL, 0) == NULL);
	CHECK(t, isa_codename_agrees(g, "EPYC (Rome)"));
	CHECK(t, !isa_codename_agrees(g, "EPYC (Naples)"));
	CHECK(t, !isa_codename_agrees(g, NULL));
	f.bits = 0;
	isa_add_cpuinfo(&f, "avx2 bmi2 adx clflushopt clwb avx512f avx512dq avx512cd avx512bw avx512vl "
			"avx512_vnni avx512vbmi avx512ifma sha_ni gfni avx512_vbmi2 avx512_vpopcntdq avx512_bitalg "
			"vpclmulqdq vaes avx512_fp16 movdiri movdir64b");
	g = isa_classify("Intel", &f, missing, sizeof(missing));
	CHECK_STR(t, g ? g->name : NULL, "Sapphire Rapids or Emerald Rapids");
	CHECK(t, !isa_codename_agrees(g, "Xeon (Wolfdale)"));
	CHECK(t, isa_codename_agrees(g, "Emerald Rapids"));
	CHECK_STR(t, missing, "amx_fp16");
}

void suite_cpu_isa(struct t *t)
{
	dumps(t);
	names_and_agreement(t);
}
