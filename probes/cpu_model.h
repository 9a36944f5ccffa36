/*
 * cpu_model.h - which product line and server generation a CPU is.
 *
 * libcpuid's codename is not enough for a spec check: 0.6.2 calls a Genoa
 * "Milan", never says "Gold", and cloud hypervisors mask the brand string to
 * "AMD EPYC" or "Intel Xeon Processor (Cascadelake)".  So the line and the
 * generation are derived here from what cannot be masked as easily (vendor,
 * family, model, stepping) and from the brand's model number where there is
 * one (EPYC 7xx2 = Rome, Xeon Gold 62xx = Cascade Lake).
 */
#ifndef SPECBENCH_CPU_MODEL_H
#define SPECBENCH_CPU_MODEL_H

struct cpu_class {
	const char *line;            /* "EPYC", "Xeon Gold", ... or NULL */
	const char *line_source;     /* "brand", "family/model" or NULL */
	int generation;              /* EPYC 1..5, Xeon Scalable 1..6; 0 = none */
	const char *generation_name; /* "Rome", "Cascade Lake", ... or NULL */
	const char *generation_source; /* "family/model", "brand model number" */
	char model_number[32];       /* "7502P", "6230R" or "" */
	char note[256];              /* disagreements worth telling, or "" */
};

/* vendor: "AMD", "Intel", ...; family and model are the display values
 * (family 0x19, model 0x01 for a Milan). */
void cpu_classify(const char *vendor, int family, int model, int stepping,
		  const char *brand, struct cpu_class *out);

/* Clock of an AMD EPYC SKU from its brand model number ("7502P"); 0 when the
 * SKU is not in the table. */
struct epyc_clock { const char *sku; int base_mhz; int boost_mhz; };
const struct epyc_clock *epyc_clock_lookup(const char *model_number);

/* "... @ 2.10GHz" in an Intel brand string -> 2100; 0 when absent. */
int brand_clock_mhz(const char *brand);

#endif
