/*
 * pg_conn.c - a connection to a PostgreSQL history; see pg_conn.h.
 *
 * libpq is opened with dlopen when a postgresql:// history is used (it
 * costs every other command 7 ms to load).  Every query is sent
 * asynchronously and waited for no longer than SPECBENCH_PG_TIMEOUT: a
 * server that took the login and then says nothing must not hold a run, or
 * a timer's unit, for ever.  Messages name the URL without its password.
 */
#include <dlfcn.h>
#include <errno.h>
#include <poll.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pg_conn.h"

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
PGresult *pg_run(struct pg *p, const char *sql, int n, const char *const *params, const char *what,
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
int pg_exec(struct pg *p, const char *sql, const char *what, struct sb_error *err)
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

int pg_connect(const char *where, struct pg **out, struct sb_error *err)
{
	struct pg *p = calloc(1, sizeof(*p));
	char url[4096];

	*out = NULL;
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
		pg_disconnect(p);
		return -1;
	}
	/* work_mem: the figure walk's ORDER BY of 20,000 rows spilled to disk at
	 * the default 4 MB (fleet on PostgreSQL: a sort of 22,000 figure rows) */
	snprintf(url, sizeof(url), "SET client_min_messages TO warning; SET work_mem TO '64MB'; "
		 "SET statement_timeout TO '%ds'", query_timeout_s() > 10 ? query_timeout_s() - 5 : query_timeout_s());
	if (pg_exec(p, url, "cannot set up the session", err)) {
		pg_disconnect(p);
		return -1;
	}
	*out = p;
	return 0;
}

void pg_disconnect(struct pg *p)
{
	if (p) {
		p->pq.finish(p->conn);
		dlclose(p->pq.lib);
		free(p);
	}
}

void pg_rollback(struct pg *p)
{
	p->pq.clear(p->timed_out ? NULL : bounded_exec(p, "ROLLBACK"));
}
