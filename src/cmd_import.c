/*
 * cmd_import.c - `specbench import --as ID FILE`: the output of plain fio
 * (--output-format=json, any fio 3.x) or sysbench 1.0.x cpu/memory, taken on
 * a machine without specbench or copied from a published page, as a run
 * document holding that one benchmark.  It goes through the same parsers as
 * `specbench bench`, so an imported figure means what a measured one means.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../bench/bench.h"
#include "cli.h"
#include "rundoc.h"
#include "safeopen.h"

/* Tool outputs are kilobytes (fio with status reports: tens of KiB). */
#define IMPORT_MAX_FILE (16u << 20)

const char usage_import[] =
	"usage: specbench import --as ID [--json FILE] FILE\n"
	"\n"
	"Turn the output of plain fio or sysbench into a run document.\n"
	"\n"
	"  --as ID      what FILE holds: disk.randwrite, disk.randread, disk.randrw (fio 3.x\n"
	"               --output-format=json output), cpu or memory (sysbench 1.0.x output)\n"
	"  --json FILE  where to write the run document (default: standard output)\n"
	"  FILE         the tool's output ('-': standard input)\n"
	"\n"
	"Exit: 0, or 2 when FILE is not what --as says (the message names the file).\n";

int cmd_import(int argc, char **argv, struct sb_error *err)
{
	static const struct option opts[] = {
		{ "as", required_argument, NULL, 'a' }, { "json", required_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
	};
	const char *id = NULL, *out = "-", *file;
	const struct bench_ops *b;
	char *text, why[512];
	size_t len;
	json_t *doc, *slot;
	int c, rc;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		switch (c) {
		case 'a': id = optarg; break;
		case 'j': out = optarg; break;
		case 'h': fputs(usage_import, stdout); return 0;
		default:
			return cli_bad_usage("import", usage_import, "unknown or incomplete option '%s'",
					     argv[optind - 1]);
		}
	}
	if (!id)
		return cli_bad_usage("import", usage_import, "--as ID is required");
	if (optind + 1 != argc)
		return cli_bad_usage("import", usage_import, "exactly one FILE is needed");
	b = bench_find(id);
	if (!b || !b->parse)
		return cli_bad_usage("import", usage_import, "--as: '%s' is not one of disk.randwrite, "
				     "disk.randread, disk.randrw, cpu, memory", id);
	file = argv[optind];
	rc = !strcmp(file, "-") ? read_all(STDIN_FILENO, IMPORT_MAX_FILE, &text, &len) :
				  read_regular(file, IMPORT_MAX_FILE, &text, &len);
	if (rc)
		return sb_fail(err, SB_EXIT_USAGE, "%s: %s", file, safe_strerror(rc));
	doc = rundoc_new(NULL);
	json_object_set_new(doc, "host", json_null());  /* not the machine it was measured on */
	slot = bench_slot(doc, id);
	rc = b->parse(text, len, slot, why, sizeof(why));
	free(text);
	if (rc) {
		json_decref(doc);
		return sb_fail(err, SB_EXIT_USAGE, "%s: cannot read it as %s output for %s: %s", file,
			       b->tool, id, why);
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
