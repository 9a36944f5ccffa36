/*
 * cpu_isa.h - the server generation a CPU belongs to, from its instruction
 * set.
 *
 * A hypervisor can mask the brand string and invent the family/model
 * numbers (a KVM guest that says "Intel(R) Xeon(R) Processor", family 6
 * model 167 - Rocket Lake in every table - on a Sapphire Rapids host), but
 * it cannot hand the guest instructions the host lacks.  So the feature
 * flags decide the generation when they and the model number disagree, the
 * way archspec does: the newest generation of the CPU's vendor whose every
 * distinguishing flag the CPU has.  A hypervisor may hide flags, never
 * invent them: flags that hypervisors commonly hide (pku on some Milan VMs,
 * pdcm on GCP, waitpkg, cldemote, AMX on older KVM) are never required.
 */
#ifndef SPECBENCH_CPU_ISA_H
#define SPECBENCH_CPU_ISA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The CPUID registers the flags are read from (libcpuid 0.6.2's raw dump
 * keeps leaf 7 subleaf 0 only; subleaf 1 is recorded beside it). */
struct isa_regs {
	uint32_t leaf1[4];      /* eax ebx ecx edx of CPUID 1 */
	uint32_t leaf7[4];      /* 7, subleaf 0 */
	uint32_t leaf7_1[4];    /* 7, subleaf 1 */
	uint32_t ext1[4];       /* 0x80000001 */
	uint32_t ext8[4];       /* 0x80000008 */
	bool have_leaf7_1;
};

#define ISA_MAX_FLAGS 64

/* A set of flags from the table in cpu_isa.c (bit i = flag i). */
struct isa_flags {
	uint64_t bits;
};

struct isa_generation {
	const char *vendor;     /* "AMD", "Intel" */
	int generation;         /* the same numbers as cpu_model.h: EPYC 1..5, Xeon Scalable 1..6 */
	const char *name;       /* "Rome", "Sapphire Rapids or Emerald Rapids" */
	const char *uarch;      /* archspec's name: "zen2", "sapphirerapids" */
	const char *const *requires;  /* distinguishing flags, NULL-terminated, with the parent's */
	const char *const *keywords;  /* words of codenames of this generation (libcpuid's agrees when it holds one) */
};

/* The flags CPUID registers hold, as the kernel names them. */
void isa_from_regs(const struct isa_regs *r, struct isa_flags *out);

/* Add the flags of a /proc/cpuinfo "flags" line the table knows. */
void isa_add_cpuinfo(struct isa_flags *f, const char *flags_line);

bool isa_has(const struct isa_flags *f, const char *name);

/* The flags of `a` that `b` lacks, as a space-separated list in buf. */
void isa_difference(const struct isa_flags *a, const struct isa_flags *b, char *buf, size_t size);

/* The newest generation of the vendor whose required flags are all in f;
 * NULL when none is (an older or a desktop-only CPU, or a vendor without a
 * table).  *next_missing (may be NULL) names what the next generation
 * needs that f lacks, for the probe's explanation. */
const struct isa_generation *isa_classify(const char *vendor, const struct isa_flags *f,
					  char *next_missing, size_t size);

/* Does a codename (libcpuid's) name this generation? */
bool isa_codename_agrees(const struct isa_generation *g, const char *codename);

#endif
