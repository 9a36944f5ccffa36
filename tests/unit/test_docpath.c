/* test_docpath.c - the run-document path API (base/docpath.h) and the
 * positions of a JSON text (base/jsonpos.h). */
#include <string.h>

#include "base/jsonpos.h"
#include "base/docpath.h"
#include "harness.h"

static void getters(struct t *t)
{
	json_t *doc = json_loads("{\"probe\": {\"cpu\": {\"brand\": \"AMD EPYC\", \"vcpus\": 2, \"mhz\": 2445.5,"
				 " \"ok\": true, \"no\": false, \"none\": null},"
				 " \"storage\": {\"arrays\": [{\"name\": \"md0\"}, {\"name\": \"md1\", \"m\": [[1, 2]]}]}}}",
				 0, NULL);
	long long n = 0;
	double d = 0;

	CHECK(t, doc != NULL);
	CHECK_STR(t, rd_str(doc, "probe.cpu.brand"), "AMD EPYC");
	CHECK_STR(t, rd_str(doc, "probe.storage.arrays[1].name"), "md1");
	CHECK(t, rd_int(doc, "probe.storage.arrays[1].m[0][1]", &n) && n == 2);
	CHECK(t, rd_int(doc, "probe.cpu.vcpus", &n) && n == 2);
	CHECK(t, !rd_int(doc, "probe.cpu.mhz", &n));            /* a real is not an integer */
	CHECK(t, rd_num(doc, "probe.cpu.mhz", &d) && d == 2445.5);
	CHECK(t, rd_num(doc, "probe.cpu.vcpus", &d) && d == 2);  /* an integer is a number */
	CHECK(t, !rd_num(doc, "probe.cpu.brand", &d));
	CHECK(t, rd_true(doc, "probe.cpu.ok"));
	CHECK(t, !rd_true(doc, "probe.cpu.no"));
	CHECK(t, !rd_true(doc, "probe.cpu.missing"));
	CHECK(t, json_is_null(rd_get(doc, "probe.cpu.none")));
	CHECK(t, rd_str(doc, "probe.cpu.none") == NULL);
	CHECK_STR(t, rd_str_or(doc, "probe.cpu.none", "unknown"), "unknown");
	CHECK(t, rd_get(doc, "probe.storage.arrays[2]") == NULL);   /* past the end */
	CHECK(t, rd_get(doc, "probe.cpu.brand.x") == NULL);         /* through a string */
	CHECK(t, rd_get(doc, "probe.cpu[0]") == NULL);              /* an index into an object */
	CHECK(t, rd_get(doc, "probe.storage.arrays[x]") == NULL);   /* malformed index */
	CHECK(t, rd_get(doc, "probe.storage.arrays[1") == NULL);    /* unclosed */
	CHECK(t, rd_get(doc, "probe..cpu") == NULL);                /* empty key */
	CHECK(t, rd_get(doc, "") == doc);                           /* the root itself */
	CHECK(t, rd_get(NULL, "probe") == NULL);
	CHECK(t, rd_int_or(doc, "probe.cpu.vcpus", -1) == 2);
	CHECK(t, rd_int_or(doc, "probe.cpu.mhz", -1) == -1);       /* a real is no integer */
	CHECK(t, rd_num_or(doc, "probe.cpu.mhz", -1) == 2445.5);
	CHECK(t, rd_num_or(doc, "probe.cpu.brand", -1) == -1);
	CHECK(t, rd_num_or(NULL, "probe", 7) == 7);
	CHECK_STR(t, rd_str_or(rd_get(doc, "probe.storage.arrays[0].name"), "", "?"), "md0");  /* a value itself */
	CHECK_STR(t, rd_str_or(rd_get(doc, "probe.cpu.vcpus"), "", "?"), "?");
	{
		char long_key[RD_MAX_KEY + 10];

		memset(long_key, 'k', sizeof(long_key) - 1);
		long_key[sizeof(long_key) - 1] = '\0';
		CHECK(t, rd_get(doc, long_key) == NULL);
	}
	json_decref(doc);
}

static void setters(struct t *t)
{
	json_t *doc = json_object(), *slot;

	CHECK_INT(t, rd_set(doc, "bench.disk.randwrite.status", json_string("ok")), 0);
	CHECK_STR(t, rd_str(doc, "bench.disk.randwrite.status"), "ok");
	CHECK_INT(t, rd_set(doc, "bench.disk.randwrite.status", json_string("failed")), 0);  /* replaced */
	CHECK_STR(t, rd_str(doc, "bench.disk.randwrite.status"), "failed");
	slot = rd_object(doc, "bench.cpu");
	CHECK(t, json_is_object(slot));
	CHECK(t, rd_object(doc, "bench.cpu") == slot);   /* the same object, not a new one */
	CHECK_INT(t, rd_set(doc, "bench.disk.randwrite.status.x", json_true()), -1);  /* through a string */
	CHECK(t, rd_object(doc, "bench.disk.randwrite.status") == NULL);
	CHECK_INT(t, rd_set(doc, "bench.list[0]", json_true()), -1);  /* no index as the last part */
	CHECK_INT(t, rd_set(doc, "", json_true()), -1);
	CHECK_INT(t, rd_set(NULL, "a", json_true()), -1);
	CHECK(t, rd_object(doc, "") == doc);
	json_decref(doc);
}

void suite_docpath(struct t *t)
{
	getters(t);
	setters(t);
}

/* base/jsonpos.h: line and column by path */
void suite_jsonpos(struct t *t)
{
	const char *text = "{\n  \"a\": 1,\n  \"b\": {\"c\": [10,\n    {\"d\": \"x\\\"y\"}, [1, 2]]},\n  \"e.f\": {\"g\": null}\n}\n";
	struct jsonpos p;
	int line = 0, col = 0;

	CHECK_INT(t, jsonpos_scan(&p, text), 0);
	CHECK(t, jsonpos_find(&p, "a", &line, &col) == 0 && line == 2 && col == 3);
	CHECK(t, jsonpos_find(&p, "b.c", &line, &col) == 0 && line == 3 && col == 9);
	CHECK(t, jsonpos_find(&p, "b.c[0]", &line, &col) == 0 && line == 3 && col == 15);
	CHECK(t, jsonpos_find(&p, "b.c[1]", &line, &col) == 0 && line == 4 && col == 5);
	CHECK(t, jsonpos_find(&p, "b.c[1].d", &line, &col) == 0 && line == 4 && col == 6);
	CHECK(t, jsonpos_find(&p, "b.c[2][1]", &line, &col) == 0 && line == 4 && col == 24);
	CHECK(t, jsonpos_find(&p, "e.f.g", &line, &col) == 0 && line == 5 && col == 11);
	CHECK(t, jsonpos_find(&p, "b.x", &line, &col) == -1);
	jsonpos_free(&p);
	/* deeper than JSONPOS_MAX_DEPTH: scanned without recording, no crash */
	{
		char deep[4 * JSONPOS_MAX_DEPTH + 16];
		size_t n = 0;

		for (int i = 0; i < 2 * JSONPOS_MAX_DEPTH; i++)
			deep[n++] = '[';
		for (int i = 0; i < 2 * JSONPOS_MAX_DEPTH; i++)
			deep[n++] = ']';
		deep[n] = '\0';
		CHECK_INT(t, jsonpos_scan(&p, deep), 0);
		CHECK(t, jsonpos_find(&p, "[0][0]", &line, &col) == 0 && line == 1 && col == 3);
		jsonpos_free(&p);
	}
}
