/* fuzz_fio_text.c - fio's normal (human) output (bench/fio_text.c). */
#include "bench/fio_parse.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size);
	struct sb_error why = { 0, 0, "", NULL };
	json_t *r = json_object();

	if (text && fio_parse_text(text, r, &why) == 0)
		fuzz_figures_ok(r);
	json_decref(r);
	free(text);
	return 0;
}
