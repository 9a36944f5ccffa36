/* fuzz_rundoc.c - a run document (RUN.json) as `verify --results` reads
 * it: the number checks (model/rundoc.c), the verdict against the standard
 * spec (verify/verify.c) and every output format (reports/). */
#include <stdio.h>

#include "base/printable.h"
#include "model/rundoc.h"
#include "model/spec.h"
#include "reports/report.h"
#include "verify/verify.h"
#include "fuzz.h"

static json_t *standard_spec(void)
{
	struct sb_error err;
	FILE *f = fopen("specs/standard.json", "r");
	char buf[8192];
	size_t n = f ? fread(buf, 1, sizeof(buf), f) : 0;

	if (f)
		fclose(f);
	return spec_parse("standard.json", buf, n, &err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static json_t *spec;
	struct sb_error err;
	json_error_t je;
	json_t *run = json_loadb((const char *)data, size, 0, &je);

	if (!spec && !(spec = standard_spec()))
		abort();  /* run from the source tree: specs/standard.json */
	if (json_is_object(run) && rundoc_check_numbers(run, "fuzz.json", &err) == 0) {
		json_object_set_new(run, "verdict", verify_run(spec, run));
		for (const struct report_ops *const *r = report_table; *r; r++) {
			char *out = NULL;
			size_t len = 0;
			FILE *f = open_memstream(&out, &len);
			json_t *shown = (*r)->text ? sbj_printable(run) : json_incref(run);
			struct report_opts o = { 1, 60 };

			if (f) {
				(*r)->write(shown, f, &o);
				fclose(f);
			}
			free(out);
			json_decref(shown);
		}
	}
	json_decref(run);
	return 0;
}
