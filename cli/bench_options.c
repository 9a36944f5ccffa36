/* bench_options.c - the values of the shared benchmark options; see bench_options.h. */
#include "base/files.h"
#include "bench_options.h"

int bench_opt_profile(void *field, const char *value, struct sb_error *err)
{
	if (bench_profile_parse(value, field))
		return sb_usage(err, "--profile: unknown profile '%s' (documented, quick, smoke)", value);
	return 0;
}

int bench_options_finish(struct bench_opts *o, char *dirbuf, size_t size, struct sb_error *err)
{
	if (abs_dir(o->dir, dirbuf, size))
		return sb_usage(err, "--dir: '%s' cannot be made absolute", o->dir);
	o->dir = dirbuf;
	return bench_only_check(o->only, err);
}
