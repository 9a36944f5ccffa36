/*
 * probes.c - the probe table and what every probe shares.
 *
 * Order matters: memory reads probe.cpu.hypervisor to decide whether an
 * SMBIOS table is the hypervisor's invention, so cpu runs first.
 */
#include <errno.h>
#include <stdarg.h>
#include <string.h>

#include "base/printable.h"
#include "probe.h"

extern const struct probe_ops probe_cpu, probe_memory, probe_storage, probe_network;

const struct probe_ops *const probe_table[] = {
	&probe_cpu,
	&probe_memory,
	&probe_storage,
	&probe_network,
	NULL,
};

static void add_unknown(struct probe_ctx *ctx, const char *fact, const char *reason, int root)
{
	json_t *unknown = json_object_get(ctx->probe, "unknown");
	json_t *needs_root = json_object_get(ctx->probe, "needs_root");

	json_array_append_new(unknown, json_pack("{s:s, s:o}", "fact", fact, "reason", sbj_text(reason)));
	if (root)
		json_array_append_new(needs_root, sbj_text(fact));
}

void probe_unknown(struct probe_ctx *ctx, const char *fact, const char *path, int neg_errno)
{
	char reason[1024];

	snprintf(reason, sizeof(reason), "%s: %s", path, sr_strerror(neg_errno));
	add_unknown(ctx, fact, reason, neg_errno == -EACCES || neg_errno == -EPERM);
}

void probe_unknownf(struct probe_ctx *ctx, const char *fact, const char *fmt, ...)
{
	char reason[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	add_unknown(ctx, fact, reason, 0);
}

int probes_run(struct probe_ctx *ctx, json_t *doc, struct sb_error *err)
{
	json_t *probe = json_object();

	json_object_set_new(doc, "probe", probe);
	json_object_set_new(probe, "unknown", json_array());
	json_object_set_new(probe, "needs_root", json_array());
	ctx->probe = probe;
	for (const struct probe_ops *const *p = probe_table; *p; p++) {
		json_t *section = json_object();

		json_object_set_new(probe, (*p)->name, section);
		if ((*p)->run(ctx, section, err))
			return -1;
	}
	return 0;
}
