/*
 * main.c - specbench's entry point and command table.
 *
 * specbench checks that a VM is what its hosting package promises: probes
 * read the hardware, benchmarks measure it, verify compares both with a
 * spec.  Everything passes through one run document (model/rundoc.h).
 *
 * The tree is in layers (README, Architecture): base/ at the bottom, the
 * model/ (the run document, specs) on it; the subsystems probes/, bench/,
 * reports/, verify/, history/, site/, mail/, each using model/ and base/
 * only; cli/ on top.  This file only dispatches: `specbench CMD ...` runs
 * commands[CMD], and prints the error a command returns, with the
 * command's usage (made from its option table) after bad usage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/printable.h"
#include "base/version.h"
#include "cli.h"

const struct command commands[] = {
	{ "run", "probe, benchmark and verify against a package spec (the main job)", cmd_run, &help_run },
	{ "verify", "judge a saved run document against a package spec", cmd_verify, &help_verify },
	{ "mail", "check the mail server, A/AAAA, SPF, DKIM and DMARC of the app domain", cmd_mail, &help_mail },
	{ "probe", "read the hardware: CPU, memory, storage, network", cmd_probe, &help_probe },
	{ "snapshot", "record what the probes read, for replay with --sysroot", cmd_snapshot, &help_snapshot },
	{ "bench", "run the published disk, CPU, memory and network benchmarks", cmd_bench, &help_bench },
	{ "import", "turn plain fio or sysbench output into a run document", cmd_import, &help_import },
	{ "history", "the stored runs: add, list, show, export", cmd_history, &help_history },
	{ "regress", "compare a machine's newest run with its own past", cmd_regress, &help_regress },
	{ "fleet", "every VM of a package against the fleet's median", cmd_fleet, &help_fleet },
	{ "page", "write the website's spec page from measured runs (nl, en)", cmd_page, &help_page },
	{ "dashboard", "write the operators' site: every VM, worst first, and its series", cmd_dashboard,
	  &help_dashboard },
	{ NULL, NULL, NULL, NULL },
};

static void main_usage(FILE *out)
{
	fprintf(out,
		"usage: specbench <command> [options]\n"
		"       specbench --help | --version\n"
		"\n"
		"specbench checks that a server VM is what its package promises.\n"
		"\n"
		"commands:\n");
	for (const struct command *c = commands; c->name; c++)
		fprintf(out, "  %-10s %s\n", c->name, c->summary);
	fprintf(out,
		"\n"
		"Run 'specbench <command> --help' for a command's options.\n"
		"Exit codes: 0 pass, 1 spec not met, 2 usage or bad input, 3 a tool or the system failed.\n");
}

int main(int argc, char **argv)
{
	struct sb_error err = { 0, 0, "", NULL };
	char *shown;
	int rc;

	if (argc < 2) {
		main_usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		if (argc > 2 && strcmp(argv[1], "help") == 0) {
			for (const struct command *c = commands; c->name; c++)
				if (!strcmp(c->name, argv[2])) {
					options_help(c->help, stdout);
					return 0;
				}
			shown = printable_dup(argv[2]);
			fprintf(stderr, "specbench: unknown command '%s'\n\n", shown ? shown : "?");
			free(shown);
			main_usage(stderr);
			return 2;
		}
		main_usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
		printf("specbench %s\n", SPECBENCH_VERSION);
		return 0;
	}
	for (const struct command *c = commands; c->name; c++) {
		if (strcmp(c->name, argv[1]))
			continue;
		rc = c->run(argc - 1, argv + 1, &err);
		if (rc < 0) {
			fprintf(stderr, "specbench %s: %s\n", c->name, err.msg);
			if (err.usage) {
				fputc('\n', stderr);
				options_help(err.help ? err.help : c->help, stderr);
			}
			return err.code ? err.code : 3;
		}
		return rc;
	}
	shown = printable_dup(argv[1]);
	fprintf(stderr, "specbench: unknown command '%s'\n\n", shown ? shown : "?");
	free(shown);
	main_usage(stderr);
	return 2;
}
