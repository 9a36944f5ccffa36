/*
 * harness.h - a small test harness: every CHECK is one counted test, a
 * failure prints where and what, and main() prints "N passed, N failed".
 */
#ifndef SPECBENCH_TEST_HARNESS_H
#define SPECBENCH_TEST_HARNESS_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct t {
	int passed, failed;
	const char *suite;
	const char *fixtures;   /* built fixture machines (tests/fixtures/build.sh) */
	const char *data;       /* committed test data: tests/ */
};

void t_check(struct t *t, const char *file, int line, const char *expr, bool ok);
void t_check_str(struct t *t, const char *file, int line, const char *expr,
		 const char *got, const char *want);
void t_check_int(struct t *t, const char *file, int line, const char *expr,
		 long long got, long long want);

#define CHECK(t, cond) t_check(t, __FILE__, __LINE__, #cond, (cond))
#define CHECK_STR(t, got, want) t_check_str(t, __FILE__, __LINE__, #got, (got), (want))
#define CHECK_INT(t, got, want) t_check_int(t, __FILE__, __LINE__, #got, (long long)(got), (want))

/* A value at a dotted path with [index] ("probe.storage.arrays[0].state"). */
json_t *jpath(json_t *root, const char *path);
/* want == NULL checks for JSON null */
#define CHECK_JSTR(t, doc, path, want) \
	t_check_str(t, __FILE__, __LINE__, path, json_string_value(jpath(doc, path)), (want))
#define CHECK_JINT(t, doc, path, want) \
	t_check(t, __FILE__, __LINE__, path " == " #want, \
		json_is_integer(jpath(doc, path)) && json_integer_value(jpath(doc, path)) == (want))
#define CHECK_JNULL(t, doc, path) \
	t_check(t, __FILE__, __LINE__, path " is null", json_is_null(jpath(doc, path)))
#define CHECK_JBOOL(t, doc, path, want) \
	t_check(t, __FILE__, __LINE__, path " is " #want, \
		json_is_boolean(jpath(doc, path)) && json_is_true(jpath(doc, path)) == (want))
#define CHECK_JSIZE(t, doc, path, want) \
	t_check_int(t, __FILE__, __LINE__, path " size", \
		    (long long)json_array_size(jpath(doc, path)), (want))

/* Read a test data file (relative to t->data) into a malloc'd string. */
char *t_read(struct t *t, const char *rel);

/* SMBIOS tables built for the tests (smbios_build.c). */
enum smbios_kind { SMBIOS_ECC, SMBIOS_NO_ECC, SMBIOS_QEMU, SMBIOS_WIDTHS_ONLY, SMBIOS_TRUNCATED };
size_t smbios_build(enum smbios_kind kind, uint8_t *buf, size_t size);
int smbios_write_all(const char *dir);

void suite_cpu_model(struct t *t);
void suite_cpuinfo(struct t *t);
void suite_smbios(struct t *t);
void suite_mdstat(struct t *t);
void suite_netclass(struct t *t);
void suite_netsrc(struct t *t);
void suite_sysroot(struct t *t);
void suite_safeopen(struct t *t);
void suite_printable(struct t *t);
void suite_numbers(struct t *t);
void suite_replay(struct t *t);
void suite_bench(struct t *t);
void suite_reaper(struct t *t);
void suite_rmtree(struct t *t);
void suite_cpu_isa(struct t *t);
void suite_docpath(struct t *t);
void suite_jsonpos(struct t *t);
void suite_regress(struct t *t);
void suite_maintenance(struct t *t);
void suite_spf(struct t *t);
void suite_dmarc(struct t *t);
void suite_dkim(struct t *t);
void suite_batched(struct t *t);
void suite_orderstat(struct t *t);
void suite_strbuf(struct t *t);
void suite_registry(struct t *t);

#endif
