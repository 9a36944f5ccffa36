/*
 * postgres.c - the history in PostgreSQL (libpq): one central store for a
 * fleet, `--history postgresql://user@host/db`.
 *
 * The same tables as the SQLite store (sqlite.c), in a schema of their own
 * ("specbench", so that a database shared with other programs is no
 * trouble), found through search_path so that the queries name the tables
 * as SQLite's do.  specbench.meta holds what SQLite keeps in its header:
 * that this is specbench's ("application") and the schema version.  A
 * store of a newer schema is refused (exit 2) and left as it is; creating
 * and migrating run under a transaction-scoped advisory lock, so two VMs
 * that meet an empty database at once create it once.
 *
 * Each run is stored in one transaction; the run's digest is UNIQUE, so a
 * document stored twice (a spooled run shipped again) stays one run.
 * A server that cannot be reached or refuses the login is a system failure
 * (exit 3); messages never show the password of the URL.
 */
#include <dlfcn.h>
#include <errno.h>
#include <poll.h>
#include <stdbool.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libpq-fe.h>

#include "core/jsonutil.h"
#include "sql.h"
#include "store.h"

#define SCHEMA_VERSION 6
#define STR_(x) #x
#define STR(x) STR_(x)
/* pg_advisory_xact_lock's key: "SPBC" */
#define LOCK_KEY "1397768771"

/* Type oids of the columns read back (server/catalog/pg_type_d.h). */
#define BOOLOID 16
#define INT8OID 20
#define INT4OID 23
#define FLOAT8OID 701

/* libpq's functions, looked up when a PostgreSQL history is opened: the
 * library (with GSSAPI, LDAP and the rest it brings) costs every specbench
 * command 7 ms to load, and only a postgresql:// history needs it.  The
 * types are libpq-fe.h's own. */
struct pq {
	void *lib;
	PGconn *(*connectdb)(const char *conninfo);
	ConnStatusType (*status)(const PGconn *conn);
	char *(*errorMessage)(const PGconn *conn);
	void (*finish)(PGconn *conn);
	PGresult *(*exec)(PGconn *conn, const char *query);
	PGresult *(*execParams)(PGconn *conn, const char *command, int nParams, const Oid *paramTypes,
				const char *const *paramValues, const int *paramLengths, const int *paramFormats,
				int resultFormat);
	ExecStatusType (*resultStatus)(const PGresult *res);
	char *(*resultErrorMessage)(const PGresult *res);
	void (*clear)(PGresult *res);
	int (*ntuples)(const PGresult *res);
	int (*nfields)(const PGresult *res);
	char *(*fname)(const PGresult *res, int field_num);
	Oid (*ftype)(const PGresult *res, int field_num);
	char *(*getvalue)(const PGresult *res, int tup_num, int field_num);
	int (*getisnull)(const PGresult *res, int tup_num, int field_num);
	char *(*user)(const PGconn *conn);
	char *(*host)(const PGconn *conn);
	char *(*port)(const PGconn *conn);
	char *(*db)(const PGconn *conn);
	int (*sendQuery)(PGconn *conn, const char *query);
	int (*sendQueryParams)(PGconn *conn, const char *command, int nParams, const Oid *paramTypes,
			       const char *const *paramValues, const int *paramLengths, const int *paramFormats,
			       int resultFormat);
	PGresult *(*getResult)(PGconn *conn);
	int (*isBusy)(PGconn *conn);
	int (*consumeInput)(PGconn *conn);
	int (*socket)(const PGconn *conn);
};

static const struct {
	const char *name;
	size_t offset;
} pq_symbols[] = {
	{ "PQconnectdb", offsetof(struct pq, connectdb) }, { "PQstatus", offsetof(struct pq, status) },
	{ "PQerrorMessage", offsetof(struct pq, errorMessage) }, { "PQfinish", offsetof(struct pq, finish) },
	{ "PQexec", offsetof(struct pq, exec) }, { "PQexecParams", offsetof(struct pq, execParams) },
	{ "PQresultStatus", offsetof(struct pq, resultStatus) },
	{ "PQresultErrorMessage", offsetof(struct pq, resultErrorMessage) }, { "PQclear", offsetof(struct pq, clear) },
	{ "PQntuples", offsetof(struct pq, ntuples) }, { "PQnfields", offsetof(struct pq, nfields) },
	{ "PQfname", offsetof(struct pq, fname) }, { "PQftype", offsetof(struct pq, ftype) },
	{ "PQgetvalue", offsetof(struct pq, getvalue) }, { "PQgetisnull", offsetof(struct pq, getisnull) },
	{ "PQuser", offsetof(struct pq, user) }, { "PQhost", offsetof(struct pq, host) },
	{ "PQport", offsetof(struct pq, port) }, { "PQdb", offsetof(struct pq, db) },
	{ "PQsendQuery", offsetof(struct pq, sendQuery) }, { "PQsendQueryParams", offsetof(struct pq, sendQueryParams) },
	{ "PQgetResult", offsetof(struct pq, getResult) }, { "PQisBusy", offsetof(struct pq, isBusy) },
	{ "PQconsumeInput", offsetof(struct pq, consumeInput) }, { "PQsocket", offsetof(struct pq, socket) },
};

static int pq_load(struct pq *pq, struct sb_error *err)
{
	/* never unloaded: libpq's libraries (Kerberos, thread-local state) do
	 * not survive being unmapped before exit (LeakSanitizer crashed on it) */
	pq->lib = dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
	if (!pq->lib)
		return sb_fail(err, SB_EXIT_SYSTEM, "a PostgreSQL history needs libpq (Debian's libpq5): %s", dlerror());
	for (size_t i = 0; i < sizeof(pq_symbols) / sizeof(pq_symbols[0]); i++) {
		void *f = dlsym(pq->lib, pq_symbols[i].name);

		if (!f) {
			dlclose(pq->lib);
			return sb_fail(err, SB_EXIT_SYSTEM, "libpq.so.5 has no %s: not the libpq specbench was built for",
				       pq_symbols[i].name);
		}
		/* POSIX: a data pointer from dlsym converts to the function's */
		memcpy((char *)pq + pq_symbols[i].offset, &f, sizeof(f));
	}
	return 0;
}

#define MAX_SECRETS 4

struct pg {
	PGconn *conn;
	char name[512];  /* the URL without its password, for messages */
	char secret[MAX_SECRETS][256];  /* passwords in the URL, kept out of every message */
	bool timed_out;  /* the last query's server kept silent */
	struct pq pq;
};

/* The secrets a URL holds: the password of its userinfo and the values of
 * password= and sslpassword=, raw as written (libpq quotes the URL as
 * written in some of its messages). */
static void find_secrets(struct pg *p, const char *url)
{
	const char *scheme = strstr(url, "://"), *auth, *at = NULL, *q;
	int n = 0;

	if (scheme) {
		auth = scheme + 3;
		for (const char *c = auth; *c && *c != '/' && *c != '?'; c++)
			if (*c == '@')
				at = c;  /* the last '@' before the host: a raw '@' may sit in the password */
		if (at) {
			const char *colon = memchr(auth, ':', (size_t)(at - auth));

			if (colon && at > colon + 1)
				snprintf(p->secret[n++], sizeof(p->secret[0]), "%.*s", (int)(at - colon - 1), colon + 1);
		}
	}
	for (q = strchr(url, '?'); q && n < MAX_SECRETS; q = strchr(q + 1, '&')) {
		const char *kv = q + 1, *key = strncmp(kv, "password=", 9) ? strncmp(kv, "sslpassword=", 12) ? NULL :
					     kv + 12 : kv + 9;
		size_t len;

		if (!key)
			continue;
		len = strcspn(key, "&");
		if (len)
			snprintf(p->secret[n++], sizeof(p->secret[0]), "%.*s", (int)len, key);
	}
}

/* Every secret of the URL in buf replaced by "***". */
static void redact(const struct pg *p, char *buf, size_t size)
{
	for (int i = 0; i < MAX_SECRETS; i++) {
		size_t len = strlen(p->secret[i]);
		char *hit;

		while (len && (hit = strstr(buf, p->secret[i]))) {
			size_t rest = strlen(hit + len);

			if (hit + 3 + rest >= buf + size)
				rest = (size_t)(buf + size - hit - 4);
			memmove(hit + 3, hit + len, rest);
			memcpy(hit, "***", 3);
			hit[3 + rest] = '\0';
		}
	}
}

static const char create_sql[] =
	"CREATE SCHEMA IF NOT EXISTS specbench;"
	"SET search_path TO specbench;"
	"CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
	"CREATE TABLE IF NOT EXISTS runs ("
	"  id BIGSERIAL PRIMARY KEY,"
	"  digest TEXT NOT NULL UNIQUE,"
	"  machine_id TEXT, hostname TEXT, created_at TEXT NOT NULL,"
	"  spec TEXT, spec_version TEXT, profile TEXT, verdict TEXT,"
	"  document TEXT NOT NULL);"
	"CREATE INDEX IF NOT EXISTS runs_machine ON runs(machine_id, created_at);"
	"CREATE INDEX IF NOT EXISTS runs_hostname ON runs(hostname, created_at);"
	"CREATE INDEX IF NOT EXISTS runs_time ON runs(created_at);"
	/* schema 6 (sqlite.c): the CPU, filled in for older runs, in the
	 * covering index of schema 5 */
	"ALTER TABLE runs ADD COLUMN IF NOT EXISTS cpu TEXT;"
	"UPDATE runs SET cpu = coalesce(document::jsonb #>> '{probe,cpu,brand}', document::jsonb #>> '{probe,cpu,model_name}')"
	"  WHERE cpu IS NULL AND document::jsonb #> '{probe,cpu}' IS NOT NULL;"
	"DROP INDEX IF EXISTS runs_time_cover;"
	"CREATE INDEX runs_time_cover ON runs(created_at, id, spec, machine_id, hostname, profile, cpu);"
	"CREATE TABLE IF NOT EXISTS figures ("
	"  run_id BIGINT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
	"  benchmark TEXT NOT NULL, metric TEXT NOT NULL, value DOUBLE PRECISION NOT NULL,"
	"  cv_pct DOUBLE PRECISION, steal_pct DOUBLE PRECISION, cached BOOLEAN NOT NULL, unstable BOOLEAN NOT NULL,"
	"  command TEXT, tool_version TEXT,"
	"  PRIMARY KEY (run_id, benchmark, metric));"
	"CREATE INDEX IF NOT EXISTS figures_metric ON figures(benchmark, metric, run_id);"
	"CREATE TABLE IF NOT EXISTS run_facts ("
	"  run_id BIGINT PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,"
	"  os TEXT, kernel TEXT, checks TEXT);"
	"CREATE TABLE IF NOT EXISTS acks ("
	"  host TEXT NOT NULL, benchmark TEXT NOT NULL, metric TEXT NOT NULL,"
	"  since_run BIGINT NOT NULL, reason TEXT NOT NULL, created_at TEXT NOT NULL,"
	"  PRIMARY KEY (host, benchmark, metric, since_run));"
	"CREATE TABLE IF NOT EXISTS notified ("
	"  host TEXT NOT NULL, benchmark TEXT NOT NULL, metric TEXT NOT NULL, url TEXT NOT NULL,"
	"  state TEXT NOT NULL, since_run BIGINT, created_at TEXT NOT NULL,"
	"  PRIMARY KEY (host, benchmark, metric, url));"
	"INSERT INTO meta (key, value) VALUES ('application', 'specbench'), ('schema_version', '" STR(SCHEMA_VERSION) "')"
	"  ON CONFLICT (key) DO NOTHING;";

static bool pg_handles(const char *where)
{
	return !strncmp(where, "postgresql://", 13) || !strncmp(where, "postgres://", 11);
}

/* libpq's message, one line. */
static const char *pg_message(const struct pg *p, char *buf, size_t size)
{
	snprintf(buf, size, "%s", p->conn ? p->pq.errorMessage(p->conn) : "out of memory");
	buf[strcspn(buf, "\n")] = '\0';
	redact(p, buf, size);
	return buf;
}

static int pg_error(struct pg *p, struct sb_error *err, const char *what)
{
	char msg[512];

	return sb_fail(err, SB_EXIT_SYSTEM, "%s: %s: %s", p->name, what, pg_message(p, msg, sizeof(msg)));
}

/* The longest a query may wait for its server: a server that took the
 * login and then says nothing must not hold a run for ever.  The server's
 * own statement_timeout (set a little shorter) ends a slow query first,
 * with its own message; this bounds a server that does not answer at all.
 * SPECBENCH_PG_TIMEOUT (seconds) sets it, for the tests and slow stores. */
#define QUERY_TIMEOUT_S 120

static int query_timeout_s(void)
{
	const char *env = getenv("SPECBENCH_PG_TIMEOUT");
	long v = env ? strtol(env, NULL, 10) : 0;

	return v > 0 && v < 86400 ? (int)v : QUERY_TIMEOUT_S;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The result of the query just sent, waited for no longer than the query
 * timeout: its last result (the first error when one failed), or NULL
 * with p->timed_out set when the server kept silent. */
static PGresult *await(struct pg *p)
{
	double deadline = now_s() + query_timeout_s();
	PGresult *keep = NULL, *r;

	p->timed_out = false;
	for (;;) {
		while (p->pq.isBusy(p->conn)) {
			struct pollfd fd = { p->pq.socket(p->conn), POLLIN, 0 };
			double left = deadline - now_s();
			int n;

			if (left <= 0 || fd.fd < 0) {
				p->timed_out = true;
				p->pq.clear(keep);
				return NULL;
			}
			n = poll(&fd, 1, (int)(left * 1000) + 1);
			if (n < 0 && errno != EINTR) {
				p->pq.clear(keep);
				return NULL;
			}
			if (n > 0 && !p->pq.consumeInput(p->conn)) {
				p->pq.clear(keep);
				return NULL;
			}
		}
		if (!(r = p->pq.getResult(p->conn)))
			return keep;
		if (!keep || (p->pq.resultStatus(keep) != PGRES_FATAL_ERROR))
			p->pq.clear(keep), keep = r;
		else
			p->pq.clear(r);
	}
}

static PGresult *bounded_exec(struct pg *p, const char *sql)
{
	return p->pq.sendQuery(p->conn, sql) ? await(p) : NULL;
}

static PGresult *bounded_params(struct pg *p, const char *sql, int n, const char *const *params)
{
	return p->pq.sendQueryParams(p->conn, sql, n, NULL, params, NULL, NULL, 0) ? await(p) : NULL;
}

/* The words for a query that failed: the server's, libpq's, or the wait's. */
static void query_error(struct pg *p, const PGresult *r, char *msg, size_t size)
{
	if (p->timed_out)
		snprintf(msg, size, "the server did not answer within %d s (SPECBENCH_PG_TIMEOUT)", query_timeout_s());
	else
		snprintf(msg, size, "%s", r ? p->pq.resultErrorMessage(r) : p->pq.errorMessage(p->conn));
	msg[strcspn(msg, "\n")] = '\0';
	redact(p, msg, size);
}

/* A command with parameters (NULL: SQL NULL); its result, or NULL with err. */
static PGresult *run(struct pg *p, const char *sql, int n, const char *const *params, const char *what,
		     struct sb_error *err)
{
	PGresult *r = bounded_params(p, sql, n, params);
	ExecStatusType st = p->pq.resultStatus(r);

	if (r && (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK))
		return r;
	{
		char msg[512];

		query_error(p, r, msg, sizeof(msg));
		sb_fail(err, SB_EXIT_SYSTEM, "%s: %s: %s", p->name, what, msg);
	}
	p->pq.clear(r);
	return NULL;
}

/* Commands without parameters, several at once (PQexec: the extended
 * protocol of PQexecParams takes one). */
static int exec(struct pg *p, const char *sql, const char *what, struct sb_error *err)
{
	PGresult *r = bounded_exec(p, sql);
	int ok = r && (p->pq.resultStatus(r) == PGRES_COMMAND_OK || p->pq.resultStatus(r) == PGRES_TUPLES_OK);

	if (!ok) {
		char msg[512];

		query_error(p, r, msg, sizeof(msg));
		sb_fail(err, SB_EXIT_SYSTEM, "%s: %s: %s", p->name, what, msg);
	}
	p->pq.clear(r);
	return ok ? 0 : -1;
}

/* What the meta table says: 0 no specbench store yet, else its version;
 * -1 with err for another program's table of that name. */
static int stored_version(struct pg *p, int *version, struct sb_error *err)
{
	PGresult *r = run(p, "SELECT to_regclass('specbench.meta') IS NOT NULL", 0, NULL, "cannot read", err);
	bool have;

	if (!r)
		return -1;
	have = !strcmp(p->pq.getvalue(r, 0, 0), "t");
	p->pq.clear(r);
	*version = 0;
	if (!have)
		return 0;
	r = run(p, "SELECT (SELECT value FROM specbench.meta WHERE key = 'application'), "
		"(SELECT value FROM specbench.meta WHERE key = 'schema_version')", 0, NULL, "cannot read", err);
	if (!r)
		return -1;
	if (p->pq.getisnull(r, 0, 0) || strcmp(p->pq.getvalue(r, 0, 0), "specbench")) {
		p->pq.clear(r);
		return sb_fail(err, SB_EXIT_USAGE, "%s: schema specbench holds another program's tables", p->name);
	}
	{
		const char *v = p->pq.getisnull(r, 0, 1) ? "" : p->pq.getvalue(r, 0, 1);
		char *end;
		long n = strtol(v, &end, 10);

		/* what specbench wrote, or refused: atoi read "abc" as 0 (nothing
		 * stored yet) and an overflow as a version to migrate from */
		if (!*v || *end || n < 1 || n > 1000000) {
			char shown[64];

			snprintf(shown, sizeof(shown), "%.40s", v);
			p->pq.clear(r);
			return sb_fail(err, SB_EXIT_USAGE, "%s: schema_version '%s' is not one specbench wrote; left as "
				       "it is", p->name, shown);
		}
		*version = (int)n;
	}
	p->pq.clear(r);
	return 0;
}

/* The URL for messages: user, host, port and database, no password. */
static void describe(const struct pg *p, const char *where, char *buf, size_t size)
{
	PGconn *c = p->conn;
	const char *user = c ? p->pq.user(c) : NULL, *host = c ? p->pq.host(c) : NULL, *port = c ? p->pq.port(c) : NULL;
	const char *db = c ? p->pq.db(c) : NULL;

	if (host && db)
		snprintf(buf, size, "postgresql://%s%s%s%s%s/%s", user ? user : "", user ? "@" : "", host,
			 port && *port ? ":" : "", port ? port : "", db);
	else
		snprintf(buf, size, "%.*s", (int)strcspn(where, "?"), where);
	redact(p, buf, size);
}

/* A server that accepts and then says nothing must not hold a run (or a
 * timer's unit) for ever: libpq's connect_timeout bounds the connection,
 * its TLS and its login, unless the URL sets its own. */
#define CONNECT_TIMEOUT_S "10"

static const char *with_timeout(const char *where, char *buf, size_t size)
{
	if (strstr(where, "connect_timeout=") ||
	    (size_t)snprintf(buf, size, "%s%sconnect_timeout=" CONNECT_TIMEOUT_S, where,
			     strchr(where, '?') ? "&" : "?") >= size)
		return where;
	return buf;
}

static int pg_open(const char *where, bool create, void **state, struct sb_error *err)
{
	struct pg *p = calloc(1, sizeof(*p));
	char url[4096];
	int version;

	if (!p)
		return sb_fail(err, SB_EXIT_SYSTEM, "out of memory");
	if (pq_load(&p->pq, err)) {
		free(p);
		return -1;
	}
	find_secrets(p, where);
	p->conn = p->pq.connectdb(with_timeout(where, url, sizeof(url)));
	describe(p, where, p->name, sizeof(p->name));
	if (!p->conn || p->pq.status(p->conn) != CONNECTION_OK) {
		pg_error(p, err, "cannot connect");
		goto fail;
	}
	/* work_mem: the figure walk's ORDER BY of 20,000 rows spilled to disk at
	 * the default 4 MB (fleet on PostgreSQL: a sort of 22,000 figure rows) */
	snprintf(url, sizeof(url), "SET client_min_messages TO warning; SET work_mem TO '64MB'; "
		 "SET statement_timeout TO '%ds'", query_timeout_s() > 10 ? query_timeout_s() - 5 : query_timeout_s());
	if (exec(p, url, "cannot set up the session", err) ||
	    stored_version(p, &version, err))
		goto fail;
	if (version > SCHEMA_VERSION) {
		sb_fail(err, SB_EXIT_USAGE, "%s: a history of schema %d, newer than this specbench knows (%d): "
			"left as it is", p->name, version, SCHEMA_VERSION);
		goto fail;
	}
	if (version == 0 && !create) {
		sb_fail(err, SB_EXIT_USAGE, "%s: no history there (nothing stored yet)", p->name);
		goto fail;
	}
	/* made once, even by two VMs meeting an empty database at once; an
	 * older store is brought up to date the same way (every statement of
	 * create_sql is IF NOT EXISTS) */
	if (version < SCHEMA_VERSION && (exec(p, "BEGIN", "cannot create", err) ||
			     exec(p, "SELECT pg_advisory_xact_lock(" LOCK_KEY ")", "cannot create", err) ||
			     exec(p, create_sql, "cannot create", err) ||
			     exec(p, "UPDATE meta SET value = '" STR(SCHEMA_VERSION) "' WHERE key = 'schema_version'", "cannot create", err) ||
			     exec(p, "COMMIT", "cannot create", err))) {
		p->pq.clear(p->timed_out ? NULL : bounded_exec(p, "ROLLBACK"));
		goto fail;
	}
	if (exec(p, "SET search_path TO specbench", "cannot set up the session", err))
		goto fail;
	*state = p;
	return 0;
fail:
	p->pq.finish(p->conn);
	dlclose(p->pq.lib);
	free(p);
	return -1;
}

static void pg_close(void *state)
{
	struct pg *p = state;

	if (p) {
		p->pq.finish(p->conn);
		dlclose(p->pq.lib);
		free(p);
	}
}

static void real_text(double v, char *buf, size_t size)
{
	snprintf(buf, size, "%.17g", v);
}

static int pg_add(void *state, const struct history_run *run_, const struct history_figure *figs, size_t n,
		  long long *id, bool *added, struct sb_error *err)
{
	struct pg *p = state;
	const char *rp[] = { run_->digest, run_->machine_id, run_->hostname, run_->created_at, run_->spec,
			     run_->spec_version, run_->profile, run_->verdict, run_->document, run_->cpu };
	char idtext[32];
	PGresult *r;

	if (exec(p, "BEGIN", "cannot write", err))
		return -1;
	r = run(p, SQL_INSERT_RUN_COLUMNS " ON CONFLICT (digest) DO NOTHING RETURNING id",
		10, rp, "cannot store the run", err);
	if (!r)
		goto fail;
	*added = p->pq.ntuples(r) == 1;
	p->pq.clear(r);
	if (!*added) {
		r = run(p, SQL_RUN_BY_DIGEST, 1, rp, "cannot read", err);
		if (!r || p->pq.ntuples(r) != 1) {
			if (r)
				sb_fail(err, SB_EXIT_SYSTEM, "%s: a stored run vanished", p->name);
			p->pq.clear(r);
			goto fail;
		}
		*id = atoll(p->pq.getvalue(r, 0, 0));
		p->pq.clear(r);
		return exec(p, "COMMIT", "cannot write", err);
	}
	r = run(p, "SELECT currval('runs_id_seq')", 0, NULL, "cannot read", err);
	if (!r)
		goto fail;
	*id = atoll(p->pq.getvalue(r, 0, 0));
	p->pq.clear(r);
	snprintf(idtext, sizeof(idtext), "%lld", *id);
	{
		const char *fp[] = { idtext, run_->os, run_->kernel, run_->checks };

		r = run(p, SQL_INSERT_FACTS, 4, fp,
			"cannot store the run", err);
		if (!r)
			goto fail;
		p->pq.clear(r);
	}
	for (size_t i = 0; i < n; i++) {
		char value[40], cv[40], steal[40];
		const char *fp[] = { idtext, figs[i].benchmark, figs[i].metric, value, isnan(figs[i].cv_pct) ? NULL : cv,
				     isnan(figs[i].steal_pct) ? NULL : steal, figs[i].cached ? "t" : "f",
				     figs[i].unstable ? "t" : "f", figs[i].command, figs[i].tool_version };

		real_text(figs[i].value, value, sizeof(value));
		real_text(figs[i].cv_pct, cv, sizeof(cv));
		real_text(figs[i].steal_pct, steal, sizeof(steal));
		r = run(p, SQL_INSERT_FIGURE, 10, fp,
			"cannot store a figure", err);
		if (!r)
			goto fail;
		p->pq.clear(r);
	}
	return exec(p, "COMMIT", "cannot write", err);
fail:
	p->pq.clear(p->timed_out ? NULL : bounded_exec(p, "ROLLBACK"));
	return -1;
}

/* The filter's WHERE clause: the same as SQLite's (sqlite.c), with the
 * parameters typed for PostgreSQL. */
static json_t *value_json(const struct pg *p, const PGresult *r, int row, int col)
{
	const char *v = p->pq.getvalue(r, row, col);

	if (p->pq.getisnull(r, row, col))
		return json_null();
	switch (p->pq.ftype(r, col)) {
	case INT8OID:
	case INT4OID: return json_integer(atoll(v));
	case FLOAT8OID: return jreal_or_null(strtod(v, NULL));  /* NaN, Infinity: null */
	case BOOLOID: return json_boolean(!strcmp(v, "t"));
	default: return json_string(v);
	}
}

/* Each row as an object of its columns (a "checks" column as the JSON it
 * holds), appended to rows. */
static int rows_of(struct pg *p, const char *sql, int n, const char *const *params, json_t *rows,
		   struct sb_error *err)
{
	PGresult *r = run(p, sql, n, params, "cannot read", err);

	if (!r)
		return -1;
	for (int i = 0; i < p->pq.ntuples(r); i++) {
		json_t *row = json_object();

		for (int c = 0; c < p->pq.nfields(r); c++) {
			json_t *v = value_json(p, r, i, c);

			if (!strcmp(p->pq.fname(r, c), "checks") && json_is_string(v)) {
				json_t *parsed = json_loads(json_string_value(v), 0, NULL);

				json_decref(v);
				v = parsed ? parsed : json_null();
			}
			json_object_set_new(row, p->pq.fname(r, c), v);
		}
		json_array_append_new(rows, row);
	}
	p->pq.clear(r);
	return 0;
}

static int pg_list(void *state, const struct history_filter *f, json_t *rows, struct sb_error *err)
{
	const char *params[] = { f ? f->host : NULL, f ? f->spec : NULL, f ? f->since : NULL };

	return rows_of(state, SQL_LIST, 3, params, rows, err);
}

static const char *text_or_null(const struct pg *p, const PGresult *r, int row, int col)
{
	return p->pq.getisnull(r, row, col) ? NULL : p->pq.getvalue(r, row, col);
}

static double real_or_nan(const struct pg *p, const PGresult *r, int row, int col)
{
	return p->pq.getisnull(r, row, col) ? NAN : strtod(p->pq.getvalue(r, row, col), NULL);
}

static int pg_each_figure(void *state, const struct history_filter *f,
			  int (*cb)(const struct history_row *row, void *ctx), void *ctx, struct sb_error *err)
{
	struct pg *p = state;
	char newest[16];
	const char *params[] = { f ? f->host : NULL, f ? f->spec : NULL, f ? f->since : NULL, newest };
	bool some = f && f->newest > 0;
	PGresult *r;
	int stop = 0;

	snprintf(newest, sizeof(newest), "%d", some ? f->newest : 0);
	r = run(state, some ? SQL_EACH_FIGURE_NEWEST : SQL_EACH_FIGURE, some ? 4 : 3, params, "cannot read", err);

	if (!r)
		return -1;
	for (int i = 0; i < p->pq.ntuples(r) && !stop; i++) {
		struct history_row row = {
			.run_id = atoll(p->pq.getvalue(r, i, 0)), .created_at = text_or_null(p, r, i, 1),
			.machine_id = text_or_null(p, r, i, 2), .hostname = text_or_null(p, r, i, 3),
			.profile = text_or_null(p, r, i, 4), .benchmark = text_or_null(p, r, i, 5),
			.metric = text_or_null(p, r, i, 6), .value = real_or_nan(p, r, i, 7), .cv_pct = real_or_nan(p, r, i, 8),
			.steal_pct = real_or_nan(p, r, i, 9), .cached = !strcmp(p->pq.getvalue(r, i, 10), "t"),
			.unstable = !strcmp(p->pq.getvalue(r, i, 11), "t"), .command = text_or_null(p, r, i, 12),
			.tool_version = text_or_null(p, r, i, 13), .cpu = text_or_null(p, r, i, 14),
		};

		stop = cb(&row, ctx);
	}
	p->pq.clear(r);
	return stop;
}

static int pg_show(void *state, long long id, char **text, struct sb_error *err)
{
	struct pg *p = state;
	char idtext[32];
	const char *params[] = { idtext };
	PGresult *r;

	*text = NULL;
	snprintf(idtext, sizeof(idtext), "%lld", id);
	r = run(p, SQL_SHOW, 1, params, "cannot read", err);
	if (!r)
		return -1;
	if (p->pq.ntuples(r) != 1) {
		p->pq.clear(r);
		return sb_fail(err, SB_EXIT_USAGE, "%s: no run %lld", p->name, id);
	}
	*text = strdup(p->pq.getvalue(r, 0, 0));
	p->pq.clear(r);
	return *text ? 0 : sb_fail(err, SB_EXIT_SYSTEM, "out of memory");
}

static int pg_ack(void *state, const struct history_ack *a, struct sb_error *err)
{
	struct pg *p = state;
	char since[32], now[32];
	const char *params[] = { a->host, a->benchmark, a->metric, since, a->reason, now };
	PGresult *r;

	snprintf(since, sizeof(since), "%lld", a->since_run);
	sql_now(now, sizeof(now));
	r = run(state, SQL_PUT_ACK, 6, params,
		"cannot store the acknowledgement", err);
	p->pq.clear(r);
	return r ? 0 : -1;
}

static int pg_acks(void *state, const char *host, json_t *rows, struct sb_error *err)
{
	const char *params[] = { host };

	return rows_of(state, SQL_ACKS, 1, params, rows, err);
}

static int pg_notified(void *state, const char *host, const char *url, json_t *rows, struct sb_error *err)
{
	const char *params[] = { host, url };

	return rows_of(state, SQL_NOTIFIED, 2, params, rows, err);
}

static int pg_set_notified(void *state, const char *host, const char *url, const char *benchmark,
			   const char *metric, const char *alert, long long since_run, struct sb_error *err)
{
	struct pg *p = state;
	char since[32], now[32];
	const char *params[] = { host, benchmark, metric, url, alert, since_run ? since : NULL, now };
	PGresult *r;

	snprintf(since, sizeof(since), "%lld", since_run);
	sql_now(now, sizeof(now));
	r = run(state, SQL_PUT_NOTIFIED, 7, params, "cannot store the alert state", err);
	p->pq.clear(r);
	return r ? 0 : -1;
}

const struct history_ops history_postgres = {
	.name = "postgresql",
	.handles = pg_handles,
	.open = pg_open,
	.close = pg_close,
	.add = pg_add,
	.list = pg_list,
	.show = pg_show,
	.each_figure = pg_each_figure,
	.ack = pg_ack,
	.acks = pg_acks,
	.notified = pg_notified,
	.set_notified = pg_set_notified,
};
