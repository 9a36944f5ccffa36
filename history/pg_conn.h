/*
 * pg_conn.h - one connection to a PostgreSQL history, for the store
 * (postgres.c) and the owner's commands (pg_admin.c): libpq loaded on first
 * use, queries bounded in time, and every message free of the URL's
 * secrets.  Not for any other layer: history.h is the interface.
 */
#ifndef SPECBENCH_HISTORY_PG_CONN_H
#define SPECBENCH_HISTORY_PG_CONN_H

#include <stdbool.h>

#include <libpq-fe.h>

#include "base/error.h"

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

#define MAX_SECRETS 4

struct pg {
	PGconn *conn;
	char name[512];  /* the URL without its password, for messages */
	char secret[MAX_SECRETS][256];  /* passwords in the URL, kept out of every message */
	bool timed_out;  /* the last query's server kept silent */
	struct pq pq;
};

/* Connect to where (a postgresql:// URL) and set the session up; *out the
 * connection, else -1 with err (exit 3: no server, no login). */
int pg_connect(const char *where, struct pg **out, struct sb_error *err);
void pg_disconnect(struct pg *p);

/* A command with parameters (NULL: SQL NULL); its result, or NULL with
 * err naming what failed ("cannot read"). */
PGresult *pg_run(struct pg *p, const char *sql, int n, const char *const *params, const char *what,
		 struct sb_error *err);
/* Commands without parameters, several at once. */
int pg_exec(struct pg *p, const char *sql, const char *what, struct sb_error *err);
/* The open transaction ended without effect (after a failed command). */
void pg_rollback(struct pg *p);

#endif
