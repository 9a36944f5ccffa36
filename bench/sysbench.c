/* sysbench.c - sysbench command lines per profile; see sysbench.h. */
#include "sysbench.h"

int sysbench_command(const struct bench_ops *self, const struct bench_ctx *ctx, bool warmup,
		     struct argv_buf *out)
{
	const struct sysbench_test *t = self->data;
	int seconds = warmup ? 1 : t->seconds[ctx->profile], rc = 0;

	out->argc = 0;
	out->used = 0;
	rc |= argv_add(out, "sysbench");
	rc |= argv_add(out, "%s", t->test);
	rc |= argv_add(out, "--threads=2");
	if (seconds)
		rc |= argv_add(out, "--time=%d", seconds);
	rc |= argv_add(out, "run");
	return rc ? -1 : 0;
}

double sysbench_max_seconds(const struct bench_ops *self, enum bench_profile p)
{
	return sysbench_expected_seconds(self, p) + 60;
}

double sysbench_expected_seconds(const struct bench_ops *self, enum bench_profile p)
{
	const struct sysbench_test *t = self->data;

	/* sysbench stops at --time (10 s by default) or when the work is done */
	return t->seconds[p] ? t->seconds[p] : 10;
}
