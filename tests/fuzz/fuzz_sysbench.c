/* fuzz_sysbench.c - sysbench 1.0 cpu and memory reports (bench/sysbench_parse.c). */
#include "bench/sysbench_parse.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size);
	struct sb_error why = { 0, 0, "", NULL };

	if (text) {
		json_t *cpu = json_object(), *mem = json_object();

		if (sysbench_parse_cpu(text, strlen(text), cpu, &why) == 0)
			fuzz_figures_ok(cpu);
		if (sysbench_parse_memory(text, strlen(text), mem, &why) == 0)
			fuzz_figures_ok(mem);
		sysbench_test_of(text);
		json_decref(cpu);
		json_decref(mem);
	}
	free(text);
	return 0;
}
