/*
 * import.c - the output of plain fio (--output-format=json or its normal
 * text, any fio 3.x) or sysbench 1.0.x cpu/memory, taken on a machine
 * without specbench or copied from a published page, as a run document
 * holding that one benchmark.  It goes through the same parsers as a
 * measured run, so an imported figure means what a measured one means.
 */
#include <string.h>

#include "base/docpath.h"
#include "model/rundoc.h"
#include "bench.h"
#include "import.h"

json_t *bench_import(const char *id, const char *text, size_t len, const char *file, struct sb_error *err)
{
	const struct bench_ops *b = bench_find(id);
	struct sb_error why;
	json_t *doc, *slot;
	const char *version;

	if (!b || !b->parse) {
		char ids[256];

		bench_ids(true, ids, sizeof(ids));
		sb_usage(err, "--as: '%s' is not one of %s", id, ids);
		return NULL;
	}
	doc = rundoc_new(NULL);  /* no host: not the machine it was measured on */
	if (!doc) {
		sb_fail(err, SB_EXIT_SYSTEM, "out of memory");
		return NULL;
	}
	slot = bench_slot(doc, id);
	if (b->parse(text, len, slot, &why)) {
		json_decref(doc);
		sb_fail(err, SB_EXIT_USAGE, "%s: cannot read it as %s output for %s: %s", file, bench_tool(b), id, why.msg);
		return NULL;
	}
	json_object_set_new(slot, "status", json_string("ok"));
	json_object_set_new(slot, "error", json_null());
	json_object_set_new(slot, "imported_from", json_string(file));
	json_object_set_new(slot, "command", json_null());
	json_object_set_new(slot, "steal_pct", json_null());
	/* the version as the tool itself prints it with --version */
	if ((version = rd_str(slot, "fio_version")))
		json_object_set_new(slot, "tool_version", json_string(version));
	else if ((version = rd_str(slot, "sysbench_version")))
		json_object_set_new(slot, "tool_version", json_sprintf("sysbench %s", version));
	else
		json_object_set_new(slot, "tool_version", json_null());
	rd_set(doc, "bench.imported", json_true());
	return doc;
}
