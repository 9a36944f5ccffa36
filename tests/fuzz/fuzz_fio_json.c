/* fuzz_fio_json.c - fio's JSON output with text and status reports around
 * it (bench/fio_parse.c), and the progress read from its status reports. */
#include "bench/fio_parse.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size);
	struct sb_error why = { 0, 0, "", NULL };
	json_t *r = json_object(), *last;

	if (text) {
		if (fio_parse(text, strlen(text), r, &why) == 0)
			fuzz_figures_ok(r);
		last = fio_last_report(text, strlen(text));
		json_decref(last);
	}
	json_decref(r);
	free(text);
	return 0;
}
