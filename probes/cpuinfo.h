/*
 * cpuinfo.h - /proc/cpuinfo, parsed; and a raw CPUID built from it.
 *
 * Under a sysroot there is no CPU to ask, only the recorded cpuinfo.  Its
 * vendor, family, model, stepping, brand and hypervisor flag are exactly the
 * CPUID fields libcpuid identifies by, so cpuinfo_to_raw() puts them back
 * into CPUID leaf form and the same identification code runs as on a live
 * machine (cache sizes are missing, which only blurs a few desktop codenames).
 */
#ifndef SPECBENCH_CPUINFO_H
#define SPECBENCH_CPUINFO_H

#include <stdbool.h>
#include <stddef.h>
#include <libcpuid.h>

#include "base/error.h"

struct cpuinfo {
	int processors;          /* "processor" entries = vCPUs */
	char vendor_id[16];      /* "AuthenticAMD" */
	int family, model, stepping;  /* -1 when absent */
	char model_name[128];
	double mhz;              /* "cpu MHz" of the first processor, 0 if absent */
	int siblings, cores;     /* 0 when absent */
	bool hypervisor_flag;
	bool have_flags;
	char flags[4096];        /* the first processor's flags line, as the kernel lists them */
};

/* false (with err filled) when the text is not a cpuinfo at all. */
bool cpuinfo_parse(const char *text, struct cpuinfo *ci, struct sb_error *err);

/* false when vendor, family or model are missing. */
bool cpuinfo_to_raw(const struct cpuinfo *ci, struct cpu_raw_data_t *raw);

#endif
