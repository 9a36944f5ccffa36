/*
 * fuzz_history_header.c - a SQLite history file someone else shaped:
 * history_open() over a real file whose application_id and user_version
 * are the input's, and whose schema the input edits (a trigger, a view, a
 * table, an index, a column, objects dropped), must refuse it with a clear
 * error or open it; never crash, never read outside migrations[], never
 * run what was planted (a planted trigger deletes every run: the count
 * must not drop).
 *
 * Input bytes: 4 application_id, 4 user_version (both little-endian,
 * chosen from useful values by the low bits half the time), then one
 * byte per schema edit.  The file is made by specbench itself first (a
 * history with one run), so the edits start from the real schema.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <unistd.h>

#include "history/history.h"
#include "model/rundoc.h"
#include "fuzz.h"

static const char *const edits[] = {
	"CREATE TRIGGER t1 AFTER INSERT ON runs BEGIN DELETE FROM runs; END",
	"CREATE TRIGGER t2 BEFORE DELETE ON figures BEGIN SELECT 1; END",
	"CREATE VIEW v1 AS SELECT * FROM runs",
	"CREATE TABLE extra (x)",
	"CREATE INDEX i1 ON runs(hostname)",
	"ALTER TABLE runs ADD COLUMN x DEFAULT 1",
	"DROP TABLE acks",
	"DROP INDEX figures_metric",
	"CREATE TABLE sqlite_stat1(tbl, idx, stat)",
	"DROP TABLE run_facts",
	"CREATE TEMP TABLE tmp1 (x)",
	"PRAGMA journal_mode = DELETE",
};

static const int32_t useful[] = { 0, 1, 5, 6, 7, -1, -100, -100000, INT32_MIN, INT32_MAX, 0x53504243, 2 };

static int32_t pick(const uint8_t *p)
{
	uint32_t v = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;

	return (v & 0x80000000u) ? (int32_t)v : useful[v % (sizeof(useful) / sizeof(useful[0]))];
}

/* An exported row of a mangled store is still an object of a run. */
static int count_row(const json_t *row, void *ctx)
{
	if (!json_is_integer(json_object_get(row, "run_id")))
		abort();
	++*(long *)ctx;
	return 0;
}

static int count_runs(const char *path)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	int n = -1;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, "SELECT count(*) FROM runs", -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			n = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[64], sql[96], text[] = "{\"schema\": \"" RUNDOC_SCHEMA "\", \"schema_version\": 1, "
		"\"created_at\": \"2026-11-20T06:00:00Z\", \"host\": {\"hostname\": \"h\", \"machine_id\": \"m\"}}";
	char text2[] = "{\"schema\": \"" RUNDOC_SCHEMA "\", \"schema_version\": 1, "
		"\"created_at\": \"2026-11-21T06:00:00Z\", \"host\": {\"hostname\": \"h\", \"machine_id\": \"m\"}}";
	char wal[80], shm[80];
	struct sb_error err = { 0, 0, "", NULL };
	struct history *h;
	json_t *doc;
	sqlite3 *db;
	long long id;
	bool added;
	int before;

	if (size < 8)
		return 0;
	snprintf(path, sizeof(path), "/tmp/fuzz_history-%ld.db", (long)getpid());
	snprintf(wal, sizeof(wal), "%s-wal", path);
	snprintf(shm, sizeof(shm), "%s-shm", path);
	unlink(path);
	unlink(wal);
	unlink(shm);
	doc = json_loads(text, 0, NULL);
	h = history_open(path, true, &err);
	if (h && doc)
		history_add(h, doc, text, &id, &added, &err);
	history_close(h);
	json_decref(doc);
	if (sqlite3_open(path, &db) != SQLITE_OK) {
		sqlite3_close(db);
		return 0;
	}
	snprintf(sql, sizeof(sql), "PRAGMA application_id = %d; PRAGMA user_version = %d;", pick(data), pick(data + 4));
	sqlite3_exec(db, sql, NULL, NULL, NULL);
	for (size_t i = 8; i < size && i < 24; i++)
		sqlite3_exec(db, edits[data[i] % (sizeof(edits) / sizeof(edits[0]))], NULL, NULL, NULL);
	sqlite3_close(db);
	before = count_runs(path);
	/* a second run, a day later: added only where the file is a history */
	doc = json_loads(text2, 0, NULL);
	h = history_open(path, false, &err);
	if (h && doc) {
		long rows = 0;

		history_add(h, doc, text2, &id, &added, &err);
		history_export(h, &(struct history_filter){ NULL, NULL, NULL, 0 }, count_row, &rows, &err);
	}
	history_close(h);
	json_decref(doc);
	/* nothing planted ran: the runs did not go down */
	if (before >= 0 && count_runs(path) >= 0 && count_runs(path) < before)
		abort();
	unlink(path);
	unlink(wal);
	unlink(shm);
	return 0;
}
