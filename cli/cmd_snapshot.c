/*
 * cmd_snapshot.c - `specbench snapshot -o DIR`: record what the probes read
 * on this machine (probes/snapshot.c) and say how to replay it.
 */
#include <limits.h>
#include <stdio.h>

#include "base/files.h"
#include "probes/snapshot.h"
#include "cli.h"

struct snapshot_args {
	const char *output, *dir;
};

static const struct opt snapshot_options[] = {
	OPT_STRING_REQ('o', "output", struct snapshot_args, output, "DIR", "where to record (required)"),
	OPT_STRING(0, "dir", struct snapshot_args, dir, "DIR",
		   "directory whose filesystem the storage probe follows\n(default /var/tmp)"),
	OPT_END(),
};

const struct cmd_help help_snapshot = {
	"specbench snapshot", NULL,
	"Record what the probes read on this machine into DIR (created; must be\n"
	"empty), for replay elsewhere with 'specbench probe --sysroot DIR'.",
	NULL,
	"Run as root to include the SMBIOS table.  The snapshot holds host names\n"
	"and addresses: review it before you share it.\n",
	snapshot_options,
};

int cmd_snapshot(int argc, char **argv, struct sb_error *err)
{
	struct snapshot_args a = { NULL, "/var/tmp" };
	struct snapshot_result res;
	char dir_abs[PATH_MAX];
	int rc;

	rc = parse_options(argc, argv, &help_snapshot, &a, err);
	if (rc <= 0)
		return rc;
	if (abs_dir(a.dir, dir_abs, sizeof(dir_abs)))
		return sb_usage(err, "--dir: '%s' cannot be made absolute", a.dir);
	rc = probes_snapshot(a.output, dir_abs, &res, err);
	if (rc > 0) {
		fprintf(stderr, "specbench snapshot: interrupted; %s removed\n", a.output);
		return SB_EXIT_SIGNAL + rc;
	}
	if (rc)
		return -1;
	printf("recorded %u files into %s\n", res.files, res.path);
	printf("replay with: specbench probe --sysroot %s\n", res.path);
	return 0;
}
