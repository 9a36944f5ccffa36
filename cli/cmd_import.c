/*
 * cmd_import.c - `specbench import --as ID FILE`: the output of plain fio
 * (--output-format=json, any fio 3.x) or sysbench 1.0.x cpu/memory, taken on
 * a machine without specbench or copied from a published page, as a run
 * document holding that one benchmark.  It goes through the same parsers as
 * `specbench bench`, so an imported figure means what a measured one means.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench/bench.h"
#include "cli.h"
#include "core/rundoc.h"
#include "core/safeopen.h"

/* Tool outputs are kilobytes (fio with status reports: tens of KiB). */
#define IMPORT_MAX_FILE (16u << 20)

struct import_args {
	const char *as, *json;
};

static const struct opt import_options[] = {
	OPT_STRING_REQ(0, "as", struct import_args, as, "ID",
		       "what FILE holds: disk.randwrite, disk.randread, disk.randrw (fio 3.x\n"
		       "--output-format=json output), cpu or memory (sysbench 1.0.x output)"),
	OPT_STRING(0, "json", struct import_args, json, "FILE",
		   "where to write the run document (default: standard output)"),
	OPT_END(),
};

const struct cmd_help help_import = {
	"specbench import", "FILE",
	"Turn the output of plain fio or sysbench into a run document.",
	"FILE               the tool's output ('-': standard input)",
	"Exit: 0, or 2 when FILE is not what --as says (the message names the file).\n",
	import_options,
};

int cmd_import(int argc, char **argv, struct sb_error *err)
{
	struct import_args a = { NULL, "-" };
	const char *id, *out, *file;
	const struct bench_ops *b;
	char *text;
	struct sb_error why;
	size_t len;
	json_t *doc, *slot;
	int rc, first;

	first = parse_options(argc, argv, &help_import, &a, err);
	if (first <= 0)
		return first;
	if (first + 1 != argc)
		return sb_usage(err, "exactly one FILE is needed");
	id = a.as;
	out = a.json;
	b = bench_find(id);
	if (!b || !b->parse)
		return sb_usage(err, "--as: '%s' is not one of disk.randwrite, "
				"disk.randread, disk.randrw, cpu, memory", id);
	file = argv[first];
	rc = !strcmp(file, "-") ? read_all(STDIN_FILENO, IMPORT_MAX_FILE, &text, &len) :
				  read_regular(file, IMPORT_MAX_FILE, &text, &len);
	if (rc)
		return sb_fail(err, SB_EXIT_USAGE, "%s: %s", file, safe_strerror(rc));
	doc = rundoc_new(NULL);
	json_object_set_new(doc, "host", json_null());  /* not the machine it was measured on */
	slot = bench_slot(doc, id);
	rc = b->parse(text, len, slot, &why);
	free(text);
	if (rc) {
		json_decref(doc);
		return sb_fail(err, SB_EXIT_USAGE, "%s: cannot read it as %s output for %s: %s", file,
			       b->tool, id, why.msg);
	}
	json_object_set_new(slot, "status", json_string("ok"));
	json_object_set_new(slot, "error", json_null());
	json_object_set_new(slot, "imported_from", json_string(file));
	json_object_set_new(slot, "command", json_null());
	json_object_set_new(slot, "steal_pct", json_null());
	/* the version as the tool itself prints it with --version */
	if (json_object_get(slot, "fio_version"))
		json_object_set(slot, "tool_version", json_object_get(slot, "fio_version"));
	else if (json_object_get(slot, "sysbench_version"))
		json_object_set_new(slot, "tool_version", json_sprintf("sysbench %s",
			json_string_value(json_object_get(slot, "sysbench_version"))));
	else
		json_object_set_new(slot, "tool_version", json_null());
	json_object_set_new(json_object_get(doc, "bench"), "imported", json_true());
	rc = rundoc_write(doc, out, err);
	json_decref(doc);
	return rc ? -1 : 0;
}
