/* fuzz_cpuinfo.c - /proc/cpuinfo, and its conversion to raw CPUID for
 * libcpuid (probes/cpuinfo.c), then the line and generation (cpu_model.c). */
#include "probes/cpu_model.h"
#include "probes/cpuinfo.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size);
	struct sb_error why = { 0, 0, "", NULL };
	struct cpuinfo ci = { 0 };
	struct cpu_raw_data_t raw;
	struct cpu_id_t id;
	struct cpu_class cls;

	if (text && cpuinfo_parse(text, &ci, &why)) {
		if (cpuinfo_to_raw(&ci, &raw) && cpu_identify(&raw, &id) == 0)
			cpu_classify("AMD", id.ext_family, id.ext_model, id.stepping, ci.model_name, &cls);
		cpu_classify("Intel", ci.family, ci.model, ci.stepping, ci.model_name, &cls);
		brand_clock_mhz(ci.model_name);
	}
	free(text);
	return 0;
}
