/*
 * cmd_probe.c - `specbench probe`: run the four hardware probes and print
 * a table, or the run document with --json.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "base/printable.h"
#include "base/files.h"
#include "base/docpath.h"
#include "model/rundoc.h"
#include "probes/probe.h"
#include "cli.h"

struct probe_args {
	bool json;
	const char *sysroot, *cpuid_raw, *smbios, *dir;
};

static const struct opt probe_options[] = {
	OPT_BOOL(0, "json", struct probe_args, json, "print the run document (JSON) instead of a table"),
	OPT_STRING(0, "sysroot", struct probe_args, sysroot, "DIR",
		   "read /proc, /sys and /etc under DIR (a snapshot or a\n"
		   "recorded machine) instead of this machine; the CPU is\n"
		   "identified from DIR/specbench/cpuid.raw if present, else\n"
		   "from DIR/proc/cpuinfo, never from this machine's CPU"),
	OPT_STRING(0, "cpuid-raw", struct probe_args, cpuid_raw, "FILE",
		   "identify the CPU from a raw CPUID dump (libcpuid format)"),
	OPT_STRING(0, "smbios", struct probe_args, smbios, "FILE",
		   "read the SMBIOS table from FILE (format of\n/sys/firmware/dmi/tables/DMI)"),
	OPT_STRING(0, "dir", struct probe_args, dir, "DIR",
		   "directory whose filesystem and device to report (default /var/tmp)"),
	OPT_END(),
};

const struct cmd_help help_probe = {
	"specbench probe", NULL,
	"Read this machine's CPU, memory, storage and network facts.",
	NULL,
	"Facts that cannot be read are reported as unknown with the reason; facts\n"
	"that need root (the SMBIOS table) say so.  Exit 0, or 2 for bad input.\n",
	probe_options,
};

/* The table a person reads. */
void probe_print_table(const json_t *doc, FILE *out);

void probe_print_table(const json_t *raw, FILE *out)
{
	json_t *doc = sbj_printable(raw);  /* probed strings reach a terminal */
	const json_t *probe = json_object_get(doc, "probe"), *u;
	size_t i;

	for (const struct probe_ops *const *p = probe_table; *p; p++) {
		(*p)->print(json_object_get(probe, (*p)->name), out);
		fputc('\n', out);
	}
	if (json_array_size(json_object_get(probe, "unknown"))) {
		fprintf(out, "Unknown\n");
		json_array_foreach(json_object_get(probe, "unknown"), i, u)
			fprintf(out, "  %-26s %s\n", rd_str(u, "fact"),
				rd_str(u, "reason"));
	}
	if (json_array_size(json_object_get(probe, "needs_root")))
		fprintf(out, "\nSome facts need root: run as root to read them.\n");
	json_decref(doc);
}

int cmd_probe(int argc, char **argv, struct sb_error *err)
{
	struct probe_args a = { false, NULL, NULL, NULL, "/var/tmp" };
	struct sysroot sr = { NULL, NULL };
	struct probe_ctx ctx = { &sr, NULL, NULL, NULL, NULL };
	char dir_abs[PATH_MAX];
	int rc;
	json_t *doc;

	rc = parse_options(argc, argv, &help_probe, &a, err);
	if (rc <= 0)
		return rc;
	if (abs_dir(a.dir, dir_abs, sizeof(dir_abs)))
		return sb_usage(err, "--dir: '%s' cannot be made absolute", a.dir);
	sr.prefix = a.sysroot;
	ctx.cpuid_raw = a.cpuid_raw;
	ctx.smbios = a.smbios;
	ctx.dir = dir_abs;
	if (sr_check(&sr, err))
		return -1;
	doc = rundoc_new(probe_host(&sr));
	if (!doc)
		return sb_fail(err, SB_EXIT_SYSTEM, "out of memory");
	rc = probes_run(&ctx, doc, err);
	if (rc == 0) {
		if (a.json)
			rc = rundoc_write(doc, "-", err);
		else
			probe_print_table(doc, stdout);
	}
	json_decref(doc);
	return rc < 0 ? -1 : 0;
}
