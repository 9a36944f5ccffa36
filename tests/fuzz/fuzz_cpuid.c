/* fuzz_cpuid.c - a CPUID dump in libcpuid's text format (--cpuid-raw, a
 * snapshot's specbench/cpuid.raw): read by libcpuid from a file, as the
 * probe does, identified, and classified (probes/cpu_model.c). */
#include <libcpuid.h>
#include <stdio.h>
#include <unistd.h>

#include "probes/cpu_model.h"
#include "fuzz.h"

static void quiet(const char *msg)
{
	(void)msg;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	struct cpu_raw_data_t raw;
	struct cpu_id_t id;
	struct cpu_class cls;
	FILE *f;

	if (!path[0]) {
		snprintf(path, sizeof(path), "/tmp/specbench-fuzz-cpuid-%ld", (long)getpid());
		cpuid_set_warn_function(quiet);
	}
	f = fopen(path, "w");
	if (!f)
		return 0;
	fwrite(data, 1, size, f);
	fclose(f);
	if (cpuid_deserialize_raw_data(&raw, path) == 0 && cpu_identify(&raw, &id) == 0)
		cpu_classify(id.vendor == VENDOR_AMD ? "AMD" : "Intel", id.ext_family, id.ext_model,
			     id.stepping, id.brand_str, &cls);
	unlink(path);
	return 0;
}
