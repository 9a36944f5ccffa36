/*
 * fuzz_optfile.c - the --config reader (base/optfile.c over inih): any
 * file gives options or an error naming a line, never a crash, a leak or a
 * value that outlives its storage.  The table has one option of each kind.
 */
#include <stdbool.h>
#include <stdio.h>
#include <unistd.h>

#include "base/options.h"
#include "fuzz.h"

struct fuzz_args {
	const char *spec, *history;
	int repeat;
	bool regress, warmup;
	struct opt_list notify;
	struct opt_config config;
};

static const struct opt fuzz_options[] = {
	OPT_CONFIG(0, "config", struct fuzz_args, config, "FILE", "the file"),
	OPT_STRING_REQ(0, "spec", struct fuzz_args, spec, "NAME", "a string"),
	OPT_STRING(0, "history", struct fuzz_args, history, "URL", "a string"),
	OPT_INT(0, "repeat", struct fuzz_args, repeat, "N", "a number", 1, 1000),
	OPT_BOOL(0, "regress", struct fuzz_args, regress, "a flag"),
	OPT_NEGBOOL(0, "no-warmup", struct fuzz_args, warmup, "a negated flag"),
	OPT_LIST(0, "notify", struct fuzz_args, notify, "URL", "a list"),
	OPT_END(),
};

static const struct cmd_help fuzz_help = { "specbench run", NULL, "fuzz", NULL, "", fuzz_options };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[64];
	char *argv[] = { "run", "--config", path, NULL };
	struct fuzz_args a = { .repeat = 1, .warmup = true };
	struct sb_error err = { 0, 0, "", NULL };
	FILE *f;
	int rc;

	snprintf(path, sizeof(path), "/tmp/fuzz_optfile-%ld.conf", (long)getpid());
	f = fopen(path, "wb");
	if (!f)
		return 0;
	fwrite(data, 1, size, f);
	fclose(f);
	rc = parse_options(3, argv, &fuzz_help, &a, &err);
	if (rc > 0) {
		/* every value read is a whole string that lives until release */
		if (!a.spec || strlen(a.spec) > 200 || a.repeat < 1 || a.repeat > 1000)
			abort();
		for (int i = 0; i < a.notify.n; i++)
			if (strlen(a.notify.v[i]) > 200)
				abort();
	} else if (rc < 0 && !err.msg[0]) {
		abort();  /* an error always says what */
	}
	options_release(&a.config);
	unlink(path);
	return 0;
}
