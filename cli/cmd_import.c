/*
 * cmd_import.c - `specbench import --as ID FILE`: a tool's plain output as a
 * run document (bench/import.c).  Reads FILE, hands it over, writes the
 * document.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/safeopen.h"
#include "bench/import.h"
#include "model/rundoc.h"
#include "cli.h"

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
	const char *file;
	char *text;
	size_t len;
	json_t *doc;
	int rc, first;

	first = parse_options(argc, argv, &help_import, &a, err);
	if (first <= 0)
		return first;
	if (first + 1 != argc)
		return sb_usage(err, "exactly one FILE is needed");
	file = argv[first];
	rc = !strcmp(file, "-") ? read_all(STDIN_FILENO, IMPORT_MAX_FILE, &text, &len) :
				  read_regular(file, IMPORT_MAX_FILE, &text, &len);
	if (rc)
		return sb_fail(err, SB_EXIT_USAGE, "%s: %s", file, safe_strerror(rc));
	doc = bench_import(a.as, text, len, file, err);
	free(text);
	if (!doc)
		return -1;
	rc = rundoc_write(doc, a.json, err);
	json_decref(doc);
	return rc ? -1 : 0;
}
