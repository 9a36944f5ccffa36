/*
 * cmd_probe.c - `specbench probe`: run the four hardware probes and print
 * a table, or the run document with --json.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "../probes/probe.h"
#include "cli.h"
#include "printable.h"
#include "rundoc.h"
#include "util.h"

const char usage_probe[] =
	"usage: specbench probe [--json] [--sysroot DIR] [--cpuid-raw FILE] [--smbios FILE] [--dir DIR]\n"
	"\n"
	"Read this machine's CPU, memory, storage and network facts.\n"
	"\n"
	"  --json            print the run document (JSON) instead of a table\n"
	"  --sysroot DIR     read /proc, /sys and /etc under DIR (a snapshot or a\n"
	"                    recorded machine) instead of this machine; the CPU is\n"
	"                    identified from DIR/specbench/cpuid.raw if present, else\n"
	"                    from DIR/proc/cpuinfo, never from this machine's CPU\n"
	"  --cpuid-raw FILE  identify the CPU from a raw CPUID dump (libcpuid format)\n"
	"  --smbios FILE     read the SMBIOS table from FILE (format of\n"
	"                    /sys/firmware/dmi/tables/DMI)\n"
	"  --dir DIR         directory whose filesystem and device to report (default /var/tmp)\n"
	"  -h, --help        show this help\n"
	"\n"
	"Facts that cannot be read are reported as unknown with the reason; facts\n"
	"that need root (the SMBIOS table) say so.  Exit 0, or 2 for bad input.\n";

/* Shared with snapshot: the table a person reads. */
void probe_print_table(const json_t *doc, FILE *out);

void probe_print_table(const json_t *raw, FILE *out)
{
	json_t *doc = json_printable(raw);  /* probed strings reach a terminal */
	const json_t *probe = json_object_get(doc, "probe"), *u;
	size_t i;

	for (const struct probe_ops *const *p = probe_table; *p; p++) {
		(*p)->print(json_object_get(probe, (*p)->name), out);
		fputc('\n', out);
	}
	if (json_array_size(json_object_get(probe, "unknown"))) {
		fprintf(out, "Unknown\n");
		json_array_foreach(json_object_get(probe, "unknown"), i, u)
			fprintf(out, "  %-26s %s\n", json_string_value(json_object_get(u, "fact")),
				json_string_value(json_object_get(u, "reason")));
	}
	if (json_array_size(json_object_get(probe, "needs_root")))
		fprintf(out, "\nSome facts need root: run as root to read them.\n");
	json_decref(doc);
}

int cmd_probe(int argc, char **argv, struct sb_error *err)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "sysroot", required_argument, NULL, 'r' },
		{ "cpuid-raw", required_argument, NULL, 'c' },
		{ "smbios", required_argument, NULL, 's' },
		{ "dir", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct sysroot sr = { NULL, NULL };
	struct probe_ctx ctx = { &sr, NULL, NULL, "/var/tmp", NULL };
	char dir_abs[4096];
	struct stat st;
	int json = 0, c, rc;
	json_t *doc;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		switch (c) {
		case 'j': json = 1; break;
		case 'r': sr.prefix = optarg; break;
		case 'c': ctx.cpuid_raw = optarg; break;
		case 's': ctx.smbios = optarg; break;
		case 'd':
			if (abs_dir(optarg, dir_abs, sizeof(dir_abs)))
				return cli_bad_usage("probe", usage_probe, "--dir: '%s' cannot be made absolute", optarg);
			ctx.dir = dir_abs;
			break;
		case 'h': fputs(usage_probe, stdout); return 0;
		default:
			return cli_bad_usage("probe", usage_probe, "unknown or incomplete option '%s'",
					     argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_bad_usage("probe", usage_probe, "unexpected argument '%s'", argv[optind]);
	if (sr.prefix && (stat(sr.prefix, &st) || !S_ISDIR(st.st_mode)))
		return sb_fail(err, SB_EXIT_USAGE, "--sysroot %s: not a directory", sr.prefix);
	if (ctx.dir[0] != '/')
		return sb_fail(err, SB_EXIT_USAGE, "--dir %s: must be an absolute path", ctx.dir);
	doc = rundoc_new(&sr);
	if (!doc)
		return sb_fail(err, SB_EXIT_SYSTEM, "out of memory");
	rc = probes_run(&ctx, doc, err);
	if (rc == 0) {
		if (json)
			rc = rundoc_write(doc, "-", err);
		else
			probe_print_table(doc, stdout);
	}
	json_decref(doc);
	return rc < 0 ? -1 : 0;
}
