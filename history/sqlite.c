/*
 * sqlite.c - the history in an SQLite file: embedded, the default store.
 *
 * The file is marked as specbench's (PRAGMA application_id) and carries its
 * schema version (PRAGMA user_version); migrations[] takes an older file to
 * the current version, one step per transaction.  Before anything is
 * written, a file is read: one that is not SQLite, is corrupt, belongs to
 * another program or has a newer schema than this binary knows is refused
 * (exit 2) and left byte for byte as it was - not even WAL mode is switched
 * on before the checks pass.
 *
 * The file may have been shaped by someone else (a VM's own user, a copy
 * from elsewhere), and specbench opens it as root: it is opened with
 * SQLITE_DBCONFIG_DEFENSIVE (no writable_schema, no shadow-table writes)
 * and trusted_schema off (no SQL function with side effects runs from the
 * schema), its user_version must be one this binary wrote (a negative one
 * read outside migrations[]), and its schema must be exactly the one
 * specbench makes at that version - object for object and word for word,
 * compared with a fresh in-memory database taken through the same
 * migrations - so a planted trigger, view or table is refused before
 * anything is written, not run.
 *
 * Several writers at once (a timer and a person, two runs) lose nothing:
 * WAL mode, a busy timeout, and each run stored in one IMMEDIATE
 * transaction, so a run that fails half-way (a full disk) leaves nothing
 * half-written and the history before it intact.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/jsonutil.h"
#include "base/files.h"
#include "record.h"
#include "sql.h"
#include "store.h"

#define APPLICATION_ID 0x53504243  /* "SPBC" */
#define BUSY_TIMEOUT_MS 10000

struct db {
	sqlite3 *db;
	char path[PATH_MAX];
};

/* Schema versions: migrations[i] takes version i to version i + 1. */
static const char *const migrations[] = {
	"CREATE TABLE runs ("
	"  id INTEGER PRIMARY KEY,"
	"  digest TEXT NOT NULL UNIQUE,"
	"  machine_id TEXT, hostname TEXT, created_at TEXT NOT NULL,"
	"  spec TEXT, spec_version TEXT, profile TEXT, verdict TEXT,"
	"  document TEXT NOT NULL);"
	"CREATE INDEX runs_machine ON runs(machine_id, created_at);"
	"CREATE INDEX runs_hostname ON runs(hostname, created_at);"
	"CREATE INDEX runs_time ON runs(created_at);"
	"CREATE TABLE figures ("
	"  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
	"  benchmark TEXT NOT NULL, metric TEXT NOT NULL, value REAL NOT NULL,"
	"  cv_pct REAL, steal_pct REAL, cached INTEGER NOT NULL, unstable INTEGER NOT NULL,"
	"  command TEXT,"
	"  PRIMARY KEY (run_id, benchmark, metric));"
	"CREATE INDEX figures_metric ON figures(benchmark, metric, run_id);",
	/* 2: acknowledged regressions, each of one step of one metric */
	"CREATE TABLE acks ("
	"  host TEXT NOT NULL, benchmark TEXT NOT NULL, metric TEXT NOT NULL,"
	"  since_run INTEGER NOT NULL, reason TEXT NOT NULL, created_at TEXT NOT NULL,"
	"  PRIMARY KEY (host, benchmark, metric, since_run));",
	/* 3: the last alert sent to each place, per metric: never twice the same */
	"CREATE TABLE notified ("
	"  host TEXT NOT NULL, benchmark TEXT NOT NULL, metric TEXT NOT NULL, url TEXT NOT NULL,"
	"  state TEXT NOT NULL, since_run INTEGER, created_at TEXT NOT NULL,"
	"  PRIMARY KEY (host, benchmark, metric, url));",
	/* 4: what the spec page says of each run without parsing its document
	 * (10,000 documents take seconds): OS, kernel, the status of each check
	 * (a JSON object), and the tool behind each figure; older runs are
	 * filled from their stored documents.  A table of their own, not
	 * columns of runs: there they would lie behind the document, and
	 * reading them would read it */
	"CREATE TABLE run_facts ("
	"  run_id INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,"
	"  os TEXT, kernel TEXT, checks TEXT);"
	"INSERT INTO run_facts (run_id, os, kernel, checks) SELECT id, json_extract(document, '$.host.os'),"
	"  json_extract(document, '$.host.kernel'),"
	"  (SELECT json_group_object(json_extract(c.value, '$.id'), json_extract(c.value, '$.status'))"
	"   FROM json_each(runs.document, '$.verdict.checks') c)"
	"  FROM runs WHERE json_valid(document);"
	"ALTER TABLE figures ADD COLUMN tool_version TEXT;"
	/* "disk.randrw" is bench.disk.randrw: the id is the path */
	"UPDATE figures SET tool_version = (SELECT json_extract(r.document, '$.bench.' || figures.benchmark ||"
	"  '.tool_version') FROM runs r WHERE r.id = figures.run_id AND json_valid(r.document));",
	/* 5: what the figure queries read of a run, in an index: walking the
	 * runs in time order then reads no run row (each holds its document,
	 * a page or more); fleet on 10,000 runs 270 -> 170 ms */
	"CREATE INDEX IF NOT EXISTS runs_time_cover ON runs(created_at, id, spec, machine_id, hostname, profile);",
	/* 6: the CPU of each run, so that fleet compares VMs on the same CPU
	 * (a VM slow among its peers points at its host, not at a newer CPU
	 * elsewhere); older runs filled from their documents.  A column of
	 * runs in the covering index of 5, not of run_facts: the figure walk
	 * reads it from the index, with no join (fleet 320 -> 170 ms) */
	"ALTER TABLE runs ADD COLUMN cpu TEXT;"
	"UPDATE runs SET cpu = coalesce(json_extract(document, '$.probe.cpu.brand'),"
	"  json_extract(document, '$.probe.cpu.model_name')) WHERE json_valid(document);"
	"DROP INDEX IF EXISTS runs_time_cover;"
	"CREATE INDEX runs_time_cover ON runs(created_at, id, spec, machine_id, hostname, profile, cpu);",
	/* 7: SHA-256 digests (record_digest), worked out again from the stored
	 * texts: a run stored before is still found when its document comes
	 * again (a spooled run shipped after an upgrade) */
	"UPDATE runs SET digest = specbench_sha256(document);",
	/* 8: the checks as rows (struct history_check), not a JSON text the
	 * page parsed again for every run; a text that is not a JSON object,
	 * and a status no verdict gives, are not carried over.  And the
	 * application's version and the data directory's device of each run,
	 * which the dashboard marks on the time axis when they change */
	"CREATE TABLE run_checks ("
	"  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
	"  check_id TEXT NOT NULL, status TEXT NOT NULL,"
	"  PRIMARY KEY (run_id, check_id));"
	"INSERT OR REPLACE INTO run_checks (run_id, check_id, status) SELECT x.run_id, c.key, c.value"
	"  FROM run_facts x, json_each(x.checks) c WHERE json_valid(x.checks) AND json_type(x.checks) = 'object'"
	"  AND c.type = 'text' AND c.value IN ('PASS', 'FAIL', 'WARN', 'SKIP', 'UNVERIFIABLE');"
	"ALTER TABLE run_facts DROP COLUMN checks;"
	"ALTER TABLE run_facts ADD COLUMN app_version TEXT;"
	"ALTER TABLE run_facts ADD COLUMN device TEXT;"
	"UPDATE run_facts SET (app_version, device) = (SELECT json_extract(r.document, '$.host.app_version'),"
	"  json_extract(r.document, '$.bench.device') FROM runs r WHERE r.id = run_facts.run_id AND json_valid(r.document)"
	"  AND json_type(r.document) = 'object');",
};
#define SCHEMA_VERSION ((int)(sizeof(migrations) / sizeof(migrations[0])))

static bool sqlite_handles(const char *where)
{
	return !strstr(where, "://");
}

static int db_error(struct db *d, struct sb_error *err, const char *what)
{
	int code = sqlite3_errcode(d->db);

	/* a full disk, a read-only file, a lock held too long: the system;
	 * a file that is not a (good) database: bad input */
	return sb_fail(err, code == SQLITE_NOTADB || code == SQLITE_CORRUPT ? SB_EXIT_USAGE : SB_EXIT_SYSTEM,
		       "%s: %s: %s", d->path, what, sqlite3_errmsg(d->db));
}

static int pragma_int(struct db *d, const char *sql, int *out, struct sb_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(d->db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_error(d, err, "cannot read");
	rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(d, err, "cannot read");
	return 0;
}

static int exec(struct db *d, const char *sql, struct sb_error *err)
{
	char *msg = NULL;

	if (sqlite3_exec(d->db, sql, NULL, NULL, &msg) == SQLITE_OK)
		return 0;
	sqlite3_free(msg);
	return db_error(d, err, "cannot write");
}

static int judge_header(struct db *d, int app, int tables, int version, struct sb_error *err);
static int judge_schema(struct db *d, int version, struct sb_error *err);

/* Whose file is it, and which version.  The three are read in one
 * transaction, so that they describe one state of a file another process
 * may be creating at this moment. */
static int read_header(struct db *d, int *app, int *tables, int *version, struct sb_error *err)
{
	if (exec(d, "BEGIN", err))
		return -1;
	if (pragma_int(d, "PRAGMA application_id", app, err) ||
	    pragma_int(d, "SELECT count(*) FROM sqlite_master", tables, err) ||
	    pragma_int(d, "PRAGMA user_version", version, err) ||
	    judge_header(d, *app, *tables, *version, err) ||
	    (*tables && judge_schema(d, *version, err))) {
		sqlite3_exec(d->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return exec(d, "COMMIT", err);
}

static int judge_header(struct db *d, int app, int tables, int version, struct sb_error *err)
{
	if (app != APPLICATION_ID && (app != 0 || tables != 0))
		return sb_fail(err, SB_EXIT_USAGE, "%s: not a specbench history (another program's SQLite "
			       "database); it is left as it is", d->path);
	if (version < 0 || (version == 0 && tables != 0))
		return sb_fail(err, SB_EXIT_USAGE, "%s: history schema version %d with %d schema objects is "
			       "not one specbench wrote (damaged or tampered with); it is left as it is",
			       d->path, version, tables);
	if (version > SCHEMA_VERSION)
		return sb_fail(err, SB_EXIT_USAGE, "%s: history schema version %d is newer than this specbench "
			       "knows (%d): upgrade specbench; the history is left as it is", d->path, version,
			       SCHEMA_VERSION);
	return 0;
}

/* Every schema object as "type name sql" lines, sorted: what a file holds
 * and what specbench makes are compared as text. */
static char *schema_text(sqlite3 *db)
{
	sqlite3_stmt *st;
	char *text = NULL;
	size_t len = 0;

	if (sqlite3_prepare_v2(db, "SELECT type, name, coalesce(sql, '') FROM sqlite_master "
			       "WHERE name NOT LIKE 'sqlite_stat%' ORDER BY type, name", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *cols[3];
		size_t add = 3;
		char *more;

		for (int i = 0; i < 3; i++) {
			cols[i] = (const char *)sqlite3_column_text(st, i);
			cols[i] = cols[i] ? cols[i] : "";
			add += strlen(cols[i]);
		}
		if (!(more = realloc(text, len + add + 1))) {
			free(text);
			sqlite3_finalize(st);
			return NULL;
		}
		text = more;
		len += (size_t)sprintf(text + len, "%s %s %s\n", cols[0], cols[1], cols[2]);
	}
	sqlite3_finalize(st);
	return text ? text : calloc(1, 1);
}

/* specbench_sha256(text): record_digest in SQL, for migration 7. */
static void sha256_sql(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *text = sqlite3_value_text(argv[0]);
	char out[RECORD_DIGEST_SIZE];

	(void)argc;
	if (!text) {
		sqlite3_result_null(ctx);
		return;
	}
	record_digest((const char *)text, out);
	sqlite3_result_text(ctx, out, -1, SQLITE_TRANSIENT);
}

static int add_functions(sqlite3 *db)
{
	return sqlite3_create_function(db, "specbench_sha256", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY,
				       NULL, sha256_sql, NULL, NULL);
}

/* The schema specbench makes at `version`: a fresh in-memory database
 * taken through the same migrations. */
static char *expected_schema(int version)
{
	sqlite3 *mem = NULL;
	char *text = NULL;

	if (sqlite3_open_v2(":memory:", &mem, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK && add_functions(mem) == SQLITE_OK) {
		int i = 0;

		while (i < version && sqlite3_exec(mem, migrations[i], NULL, NULL, NULL) == SQLITE_OK)
			i++;
		if (i == version)
			text = schema_text(mem);
	}
	sqlite3_close(mem);
	return text;
}

/* Is the file's schema exactly specbench's at its version?  Anything else
 * (a trigger, a view, an index or a column added) is refused unrun. */
static int judge_schema(struct db *d, int version, struct sb_error *err)
{
	char *want = expected_schema(version), *have = schema_text(d->db);
	int rc = 0;

	if (!want || !have)
		rc = sb_fail(err, SB_EXIT_SYSTEM, "%s: cannot read the schema", d->path);
	else if (strcmp(want, have)) {
		const char *w = want, *h = have;

		while (*w && *w == *h)  /* name the first object that differs */
			w++, h++;
		while (h > have && h[-1] != '\n')
			h--;
		rc = sb_fail(err, SB_EXIT_USAGE, "%s: the schema holds what specbench did not make at version %d "
			     "(\"%.60s\"...): tampered with; refused and left as it is", d->path, version,
			     *h ? h : "an object is missing");
	}
	free(want);
	free(have);
	return rc;
}

/* One step at a time, each under the write lock with the version read
 * again there: two processes that open a new history at once create it
 * once. */
static int migrate(struct db *d, struct sb_error *err)
{
	char sql[96];
	int app, tables, version;

	for (;;) {
		if (exec(d, "BEGIN IMMEDIATE", err))
			return -1;
		if (pragma_int(d, "PRAGMA application_id", &app, err) ||
		    pragma_int(d, "SELECT count(*) FROM sqlite_master", &tables, err) ||
		    pragma_int(d, "PRAGMA user_version", &version, err) ||
		    judge_header(d, app, tables, version, err))
			break;
		if (version == SCHEMA_VERSION)
			return exec(d, "COMMIT", err);
		snprintf(sql, sizeof(sql), "PRAGMA application_id = %d; PRAGMA user_version = %d;",
			 APPLICATION_ID, version + 1);
		if (exec(d, migrations[version], err) || exec(d, sql, err) || exec(d, "COMMIT", err))
			break;
	}
	sqlite3_exec(d->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

/* WAL, so that readers never wait for the writer.  Switching a file into
 * it takes an exclusive lock that SQLite does not wait for (the busy
 * handler is not used there): while other processes open the same new
 * history, the switch is refused at once with SQLITE_BUSY (one writer in
 * 200 lost its run so, eight at once).  Tried again for up to 2 s, then
 * left to the next open: the mode belongs to the file, and the rollback
 * journal is as safe, only slower for readers. */
static int set_wal(struct db *d, struct sb_error *err)
{
	for (int i = 0; i < 100; i++) {
		int rc = sqlite3_exec(d->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);

		if (rc == SQLITE_OK)
			return 0;
		if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
			return db_error(d, err, "cannot write");
		sqlite3_sleep(20);
	}
	return 0;
}

static int sqlite_open(const char *where, bool create, void **state, struct sb_error *err)
{
	struct db *d = calloc(1, sizeof(*d));
	struct stat st;
	int app, tables, version, rc;

	if (!d)
		return sb_fail(err, SB_EXIT_SYSTEM, "out of memory");
	snprintf(d->path, sizeof(d->path), "%s", where);
	/* history_open_scratch(): SQLite's own name, never a file of that name
	 * in the working directory (history_open() refuses it from users) */
	if (!strcmp(where, ":memory:"))
		goto open;
	if (lstat(where, &st) == 0 && S_ISLNK(st.st_mode)) {
		free(d);
		return sb_fail(err, SB_EXIT_USAGE, "%s: a symbolic link, never followed (SQLite said \"unable to open "
			       "database file\"): name the history file itself", where);
	}
	if (stat(where, &st) == 0 && !S_ISREG(st.st_mode)) {
		free(d);
		return sb_fail(err, SB_EXIT_USAGE, "%s: not a regular file", where);
	}
	if (stat(where, &st) != 0) {
		if (!create) {
			free(d);
			return sb_fail(err, SB_EXIT_USAGE, "%s: no history there (nothing stored yet)", where);
		}
		char dir[PATH_MAX], *slash;

		snprintf(dir, sizeof(dir), "%s", where);
		slash = strrchr(dir, '/');
		if (slash && slash != dir) {
			*slash = '\0';
			rc = mkdir_p(dir, 0755);
			if (rc) {
				free(d);
				return sb_fail(err, SB_EXIT_SYSTEM, "%s: cannot create: %s", dir, strerror(-rc));
			}
		}
	}
	/* a new history is the caller's alone (0600: runs name hosts and
	 * addresses); SQLite gives its -wal and -shm files the same mode */
	if (create && stat(where, &st) != 0) {
		int fd = open(where, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);

		if (fd >= 0)
			close(fd);
		else if (errno != EEXIST) {
			rc = -errno;
			free(d);
			return sb_fail(err, SB_EXIT_SYSTEM, "%s: cannot create: %s", where, strerror(-rc));
		}
	}
open:
	rc = sqlite3_open_v2(where, &d->db, SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) |
			     SQLITE_OPEN_NOFOLLOW, NULL);
	if (rc != SQLITE_OK) {
		sb_fail(err, SB_EXIT_SYSTEM, "%s: cannot open: %s", where,
			d->db ? sqlite3_errmsg(d->db) : sqlite3_errstr(rc));
		sqlite3_close(d->db);
		free(d);
		return -1;
	}
	sqlite3_busy_timeout(d->db, BUSY_TIMEOUT_MS);
	sqlite3_db_config(d->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(d->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	add_functions(d->db);
	/* nothing is written before the file is known to be a history (or new) */
	if (read_header(d, &app, &tables, &version, err) ||
	    (version < SCHEMA_VERSION && set_wal(d, err)) ||
	    exec(d, "PRAGMA foreign_keys = ON", err) || (version < SCHEMA_VERSION && migrate(d, err))) {
		sqlite3_close(d->db);
		free(d);
		return -1;
	}
	*state = d;
	return 0;
}

static void sqlite_close(void *state)
{
	struct db *d = state;

	if (!d)
		return;
	sqlite3_close(d->db);
	free(d);
}

static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

static void bind_real(sqlite3_stmt *st, int i, double v)
{
	if (isnan(v))
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_double(st, i, v);
}

/* The id of the run with this digest: 1 found, 0 not, -1 error. */
static int find_digest(struct db *d, const char *digest, long long *id, struct sb_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(d->db, SQL_RUN_BY_DIGEST, -1, &st, NULL) != SQLITE_OK)
		return db_error(d, err, "cannot read");
	bind_text(st, 1, digest);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(d, err, "cannot read");
	return rc == SQLITE_ROW;
}

static int insert_run(struct db *d, const struct history_run *r, long long *id, struct sb_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(d->db, SQL_INSERT_RUN_COLUMNS, -1, &st, NULL) != SQLITE_OK)
		return db_error(d, err, "cannot write");
	bind_text(st, 1, r->digest);
	bind_text(st, 2, r->machine_id);
	bind_text(st, 3, r->hostname);
	bind_text(st, 4, r->created_at);
	bind_text(st, 5, r->spec);
	bind_text(st, 6, r->spec_version);
	bind_text(st, 7, r->profile);
	bind_text(st, 8, r->verdict);
	bind_text(st, 9, r->document);
	bind_text(st, 10, r->cpu);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_error(d, err, "cannot store the run");
	*id = sqlite3_last_insert_rowid(d->db);
	if (sqlite3_prepare_v2(d->db, SQL_INSERT_FACTS, -1, &st, NULL) != SQLITE_OK)
		return db_error(d, err, "cannot write");
	sqlite3_bind_int64(st, 1, *id);
	bind_text(st, 2, r->os);
	bind_text(st, 3, r->kernel);
	bind_text(st, 4, r->app_version);
	bind_text(st, 5, r->device);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_error(d, err, "cannot store the run");
	if (sqlite3_prepare_v2(d->db, SQL_INSERT_CHECK, -1, &st, NULL) != SQLITE_OK)
		return db_error(d, err, "cannot write");
	for (size_t i = 0; i < r->n_checks; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, *id);
		bind_text(st, 2, r->checks[i].id);
		bind_text(st, 3, r->checks[i].status);
		if (sqlite3_step(st) != SQLITE_DONE) {
			sqlite3_finalize(st);
			return db_error(d, err, "cannot store a check");
		}
	}
	sqlite3_finalize(st);
	return 0;
}

static int insert_figures(struct db *d, long long id, const struct history_figure *figs, size_t n,
			  struct sb_error *err)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(d->db, SQL_INSERT_FIGURE, -1, &st, NULL) != SQLITE_OK)
		return db_error(d, err, "cannot write");
	for (size_t i = 0; i < n; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, id);
		bind_text(st, 2, figs[i].benchmark);
		bind_text(st, 3, figs[i].metric);
		sqlite3_bind_double(st, 4, figs[i].value);
		bind_real(st, 5, figs[i].cv_pct);
		bind_real(st, 6, figs[i].steal_pct);
		sqlite3_bind_int(st, 7, figs[i].cached);
		sqlite3_bind_int(st, 8, figs[i].unstable);
		bind_text(st, 9, figs[i].command);
		bind_text(st, 10, figs[i].tool_version);
		if (sqlite3_step(st) != SQLITE_DONE) {
			sqlite3_finalize(st);
			return db_error(d, err, "cannot store a figure");
		}
	}
	sqlite3_finalize(st);
	return 0;
}

static int sqlite_add(void *state, const struct history_run *run, const struct history_figure *figs, size_t n,
		      long long *id, bool *added, struct sb_error *err)
{
	struct db *d = state;
	int found;

	/* IMMEDIATE: the write lock is taken (waiting out another writer) before
	 * the duplicate check, so two writers of one document store it once */
	if (exec(d, "BEGIN IMMEDIATE", err))
		return -1;
	found = find_digest(d, run->digest, id, err);
	if (found == 0 && (insert_run(d, run, id, err) || insert_figures(d, *id, figs, n, err)))
		found = -1;
	if (found < 0 || exec(d, "COMMIT", err)) {
		sqlite3_exec(d->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	*added = found == 0;
	return 0;
}

/* The parameters of a filter's WHERE clause (sql.h's SQL_FILTER_). */
static void filter_bind(sqlite3_stmt *st, const struct history_filter *f)
{
	bind_text(st, 1, f ? f->host : NULL);
	bind_text(st, 2, f ? f->spec : NULL);
	bind_text(st, 3, f ? f->since : NULL);
	if (f && f->newest > 0)
		sqlite3_bind_int(st, 4, f->newest);  /* the _NEWEST_ texts' $4 */
}

static json_t *column_json(sqlite3_stmt *st, int i)
{
	switch (sqlite3_column_type(st, i)) {
	case SQLITE_INTEGER: return json_integer(sqlite3_column_int64(st, i));
	case SQLITE_FLOAT: return jreal_or_null(sqlite3_column_double(st, i));
	case SQLITE_TEXT: return json_string((const char *)sqlite3_column_text(st, i));
	default: return json_null();
	}
}

/* Each row of a query as an object of its columns, appended to rows. */
static int rows_of(struct db *d, const char *sql, const struct history_filter *f, json_t *rows,
		   struct sb_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(d->db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_error(d, err, "cannot read");
	filter_bind(st, f);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		json_t *row = json_object();

		for (int i = 0; i < sqlite3_column_count(st); i++)
			json_object_set_new(row, sqlite3_column_name(st, i), column_json(st, i));
		json_array_append_new(rows, row);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_error(d, err, "cannot read");
	return 0;
}

static int sqlite_list(void *state, const struct history_filter *f, json_t *rows, struct sb_error *err)
{
	return rows_of(state, SQL_PICK(SQL_LIST, f && f->host, f && f->newest > 0), f, rows, err);
}

static int sqlite_each_check(void *state, const struct history_filter *f,
			     int (*cb)(long long run_id, const char *id, const char *status, void *ctx), void *ctx,
			     struct sb_error *err)
{
	struct db *d = state;
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(d->db, SQL_PICK(SQL_LIST_CHECKS, f && f->host, f && f->newest > 0), -1, &st, NULL) != SQLITE_OK)
		return db_error(d, err, "cannot read");
	filter_bind(st, f);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (cb(sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1),
		       (const char *)sqlite3_column_text(st, 2), ctx)) {
			sqlite3_finalize(st);
			return -1;
		}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_error(d, err, "cannot read");
}

static const char *column_text(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

static double column_real(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? NAN : sqlite3_column_double(st, i);
}

static int sqlite_each_figure(void *state, const struct history_filter *f,
			      int (*cb)(const struct history_row *row, void *ctx), void *ctx, struct sb_error *err)
{
	struct db *d = state;
	sqlite3_stmt *st;
	int rc, stop = 0;

	if (sqlite3_prepare_v2(d->db, SQL_PICK(SQL_EACH_FIGURE, f && f->host, f && f->newest > 0), -1, &st, NULL) !=
	    SQLITE_OK)
		return db_error(d, err, "cannot read");
	filter_bind(st, f);
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct history_row row = {
			.run_id = sqlite3_column_int64(st, 0), .created_at = column_text(st, 1),
			.machine_id = column_text(st, 2), .hostname = column_text(st, 3), .profile = column_text(st, 4),
			.benchmark = column_text(st, 5), .metric = column_text(st, 6), .value = sqlite3_column_double(st, 7),
			.cv_pct = column_real(st, 8), .steal_pct = column_real(st, 9), .cached = sqlite3_column_int(st, 10),
			.unstable = sqlite3_column_int(st, 11), .command = column_text(st, 12),
			.tool_version = column_text(st, 13), .cpu = column_text(st, 14),
		};

		stop = cb(&row, ctx);
	}
	sqlite3_finalize(st);
	if (stop)
		return stop;
	if (rc != SQLITE_DONE)
		return db_error(d, err, "cannot read");
	return 0;
}

static int sqlite_show(void *state, long long id, char **text, struct sb_error *err)
{
	struct db *d = state;
	sqlite3_stmt *st;
	int rc;

	*text = NULL;
	if (sqlite3_prepare_v2(d->db, SQL_SHOW, -1, &st, NULL) != SQLITE_OK)
		return db_error(d, err, "cannot read");
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *doc = (const char *)sqlite3_column_text(st, 0);

		*text = strdup(doc ? doc : "");
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return sb_fail(err, SB_EXIT_USAGE, "%s: no run %lld", d->path, id);
	if (rc != SQLITE_ROW)
		return db_error(d, err, "cannot read");
	return *text ? 0 : sb_fail(err, SB_EXIT_SYSTEM, "out of memory");
}

static int sqlite_ack(void *state, const struct history_ack *a, struct sb_error *err)
{
	struct db *d = state;
	sqlite3_stmt *st;
	char now[32];
	int rc;

	if (sqlite3_prepare_v2(d->db, SQL_PUT_ACK, -1, &st, NULL) != SQLITE_OK)
		return db_error(d, err, "cannot write");
	sql_now(now, sizeof(now));
	bind_text(st, 1, a->host);
	bind_text(st, 2, a->benchmark);
	bind_text(st, 3, a->metric);
	sqlite3_bind_int64(st, 4, a->since_run);
	bind_text(st, 5, a->reason);
	bind_text(st, 6, now);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_error(d, err, "cannot store the acknowledgement");
}

static int sqlite_acks(void *state, const char *host, json_t *rows, struct sb_error *err)
{
	struct history_filter f = { host, NULL, NULL, 0 };

	/* the filter's host is parameter 1 (the others bind to nothing) */
	return rows_of(state, SQL_ACKS, &f, rows, err);
}

static int sqlite_notified(void *state, const char *host, const char *url, json_t *rows, struct sb_error *err)
{
	struct history_filter f = { host, url, NULL, 0 };

	/* host and url are the filter's parameters 1 and 2 */
	return rows_of(state, SQL_NOTIFIED, &f, rows, err);
}

static int sqlite_set_notified(void *state, const char *host, const char *url, const char *benchmark,
			       const char *metric, const char *alert, long long since_run, struct sb_error *err)
{
	struct db *d = state;
	sqlite3_stmt *st;
	char now[32];
	int rc;

	if (sqlite3_prepare_v2(d->db, SQL_PUT_NOTIFIED, -1, &st, NULL) != SQLITE_OK)
		return db_error(d, err, "cannot write");
	sql_now(now, sizeof(now));
	bind_text(st, 1, host);
	bind_text(st, 2, benchmark);
	bind_text(st, 3, metric);
	bind_text(st, 4, url);
	bind_text(st, 5, alert);
	if (since_run)
		sqlite3_bind_int64(st, 6, since_run);
	else
		sqlite3_bind_null(st, 6);
	bind_text(st, 7, now);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_error(d, err, "cannot record the alert");
}

const struct history_ops history_sqlite = {
	.name = "sqlite",
	.handles = sqlite_handles,
	.open = sqlite_open,
	.close = sqlite_close,
	.add = sqlite_add,
	.list = sqlite_list,
	.each_check = sqlite_each_check,
	.show = sqlite_show,
	.each_figure = sqlite_each_figure,
	.ack = sqlite_ack,
	.acks = sqlite_acks,
	.notified = sqlite_notified,
	.set_notified = sqlite_set_notified,
};
