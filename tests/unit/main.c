/*
 * main.c - the unit and replay test runner.
 *   build/unit FIXTURES_DIR [SUITE...] run every suite, or the ones named
 *   build/unit --write-smbios DIR      write the SMBIOS test tables as files
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/docpath.h"
#include "harness.h"

static const struct { const char *name; void (*run)(struct t *); } suites[] = {
	{ "cpu_model", suite_cpu_model },
	{ "cpu_isa", suite_cpu_isa },
	{ "cpuinfo", suite_cpuinfo },
	{ "smbios", suite_smbios },
	{ "mdstat", suite_mdstat },
	{ "netclass", suite_netclass },
	{ "netsrc", suite_netsrc },
	{ "sysroot", suite_sysroot },
	{ "safeopen", suite_safeopen },
	{ "printable", suite_printable },
	{ "numbers", suite_numbers },
	{ "replay", suite_replay },
	{ "bench", suite_bench },
	{ "reaper", suite_reaper },
	{ "rmtree", suite_rmtree },
	{ "docpath", suite_docpath },
	{ "jsonpos", suite_jsonpos },
	{ "regress", suite_regress },
	{ "maintenance", suite_maintenance },
	{ "orderstat", suite_orderstat },
	{ "strbuf", suite_strbuf },
	{ "registry", suite_registry },
	{ "spf", suite_spf },
	{ "dmarc", suite_dmarc },
	{ "dkim", suite_dkim },
	{ "batched", suite_batched },
};

void t_check(struct t *t, const char *file, int line, const char *expr, bool ok)
{
	if (ok) {
		t->passed++;
		return;
	}
	t->failed++;
	printf("FAIL %s:%d [%s] %s\n", file, line, t->suite, expr);
}

void t_check_str(struct t *t, const char *file, int line, const char *expr,
		 const char *got, const char *want)
{
	bool ok = (!got && !want) || (got && want && !strcmp(got, want));

	t_check(t, file, line, expr, ok);
	if (!ok)
		printf("     got \"%s\", want \"%s\"\n", got ? got : "(null)", want ? want : "(null)");
}

void t_check_int(struct t *t, const char *file, int line, const char *expr,
		 long long got, long long want)
{
	t_check(t, file, line, expr, got == want);
	if (got != want)
		printf("     got %lld, want %lld\n", got, want);
}

json_t *jpath(json_t *root, const char *path)
{
	return rd_get_mut(root, path);
}

char *t_read(struct t *t, const char *rel)
{
	char path[512];
	FILE *f;
	long n;
	char *buf;

	snprintf(path, sizeof(path), "%s/%s", t->data, rel);
	f = fopen(path, "rb");
	if (!f) {
		printf("FAIL cannot open test data %s\n", path);
		t->failed++;
		return strdup("");
	}
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n)
		n = 0;
	fclose(f);
	if (buf)
		buf[n] = '\0';
	return buf;
}

int main(int argc, char **argv)
{
	struct t t = { 0, 0, NULL, NULL, "tests" };

	if (argc == 3 && !strcmp(argv[1], "--write-smbios"))
		return smbios_write_all(argv[2]) ? 1 : 0;
	if (argc < 2 || argv[1][0] == '-') {
		fprintf(stderr, "usage: unit FIXTURES_DIR [SUITE...] | --write-smbios DIR\n");
		return 2;
	}
	t.fixtures = argv[1];
	for (int a = 2; a < argc; a++) {
		size_t i = 0;

		while (i < sizeof(suites) / sizeof(suites[0]) && strcmp(suites[i].name, argv[a]))
			i++;
		if (i == sizeof(suites) / sizeof(suites[0])) {
			fprintf(stderr, "unit: no suite '%s'; the suites:", argv[a]);
			for (i = 0; i < sizeof(suites) / sizeof(suites[0]); i++)
				fprintf(stderr, " %s", suites[i].name);
			fprintf(stderr, "\n");
			return 2;
		}
	}
	for (size_t i = 0; i < sizeof(suites) / sizeof(suites[0]); i++) {
		int chosen = argc == 2;

		for (int a = 2; a < argc && !chosen; a++)
			chosen = !strcmp(suites[i].name, argv[a]);
		if (!chosen)
			continue;
		t.suite = suites[i].name;
		suites[i].run(&t);
	}
	printf("unit: %d passed, %d failed\n", t.passed, t.failed);
	return t.failed ? 1 : 0;
}
