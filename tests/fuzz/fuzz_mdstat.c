/* fuzz_mdstat.c - /proc/mdstat (probes/mdstat.c). */
#include "probes/mdstat.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size);
	struct sb_error why = { 0, 0, "", NULL };
	struct md_array *arrays = NULL;
	size_t n = 0;

	if (text && mdstat_parse(text, &arrays, &n, &why) >= 0) {
		if (n > MD_MAX_ARRAYS)
			abort();
		for (size_t i = 0; i < n; i++)
			if (arrays[i].n_members > MD_MAX_DEVS || md_state_name(arrays[i].state) == NULL)
				abort();
	}
	free(arrays);
	free(text);
	return 0;
}
