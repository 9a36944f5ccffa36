/*
 * probe.h - the hardware probes.
 *
 * Each probe is one file exporting one `struct probe_ops`, listed in
 * probe_table[] (probes.c), the way fio lists its I/O engines.  A probe reads
 * the machine only through ctx->sr (the sysroot path layer) and writes its
 * facts into its own section of the run document ("probe.<name>").
 *
 * A fact the probe cannot read is not an error: it is set to null (or
 * "unknown") and the reason goes to probe.unknown[] (and the fact's name to
 * probe.needs_root[] when root would have helped).  Only bad input the user
 * named explicitly (--cpuid-raw, --smbios) fails the whole probe.
 */
#ifndef SPECBENCH_PROBE_H
#define SPECBENCH_PROBE_H

#include <jansson.h>
#include <stdio.h>

#include "base/error.h"
#include "base/jsonutil.h"
#include "base/sysroot.h"

struct probe_ctx {
	const struct sysroot *sr;
	const char *cpuid_raw;  /* --cpuid-raw FILE, or NULL */
	const char *smbios;     /* --smbios FILE, or NULL */
	const char *dir;        /* directory whose backing device storage names */
	json_t *probe;          /* the run document's "probe" object (earlier sections readable) */
};

struct probe_ops {
	const char *name;
	const char *summary;
	int (*run)(struct probe_ctx *ctx, json_t *section, struct sb_error *err);
	void (*print)(const json_t *section, FILE *out);
};

extern const struct probe_ops *const probe_table[];

/* Record that `fact` is unknown.  With a negative errno from the path layer
 * the reason names the path and says whether root would have helped. */
void probe_unknown(struct probe_ctx *ctx, const char *fact, const char *path, int neg_errno);
void probe_unknownf(struct probe_ctx *ctx, const char *fact, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Run every probe into doc["probe"]. */
int probes_run(struct probe_ctx *ctx, json_t *doc, struct sb_error *err);


/* The run document's "host": hostname, machine id, kernel, OS and the
 * sysroot (null on the live machine); sr NULL: the live machine. */
json_t *probe_host(const struct sysroot *sr);

#endif
