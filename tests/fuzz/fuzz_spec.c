/* fuzz_spec.c - a package spec's text, checked as `verify --spec` checks
 * it (model/spec.c); an accepted spec then judges a fixed run document. */
#include "model/spec.h"
#include "verify/verify.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static json_t *run;
	struct sb_error err;
	json_t *spec;

	if (!run)
		run = json_pack("{s:{s:{s:s, s:i, s:i}, s:{s:I}}, s:{s:{s:s, s:f}}}",
				"probe", "cpu", "line", "EPYC", "generation", 2, "base_mhz", 2450,
				"memory", "total_bytes", (json_int_t)4000000000,
				"bench", "cpu", "status", "ok", "events_per_sec", 1807.14);
	spec = spec_parse("fuzz.json", (const char *)data, size, &err);
	if (spec) {
		json_t *verdict = verify_run(spec, run);

		if (!verdict)
			abort();
		json_decref(verdict);
		json_decref(spec);
	}
	return 0;
}
