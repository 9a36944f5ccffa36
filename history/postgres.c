/*
 * postgres.c - the history in PostgreSQL (libpq): one central store for a
 * fleet, `--history postgresql://user@host/db`.
 *
 * The same tables as the SQLite store (sqlite.c), in a schema of their own
 * ("specbench", so that a database shared with other programs is no
 * trouble), found through search_path so that the queries name the tables
 * as SQLite's do.  specbench.meta holds what SQLite keeps in its header:
 * that this is specbench's ("application") and the schema version.
 *
 * A VM never makes or migrates the store: the owner does, once, with
 * `specbench history init` (pg_schema.c: the schema, the roles, row-level
 * security).  A store that is missing or older is an error naming that
 * command (exit 3 for a run, which then stays in the spool); a newer one is
 * refused (exit 2) and left as it is.
 *
 * Each run is stored in one transaction; a run's digest is unique per role,
 * so a document stored twice (a spooled run shipped again) stays one run.
 * A server that cannot be reached or refuses the login is a system failure
 * (exit 3); messages never show the password of the URL (pg_conn.c).
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/jsonutil.h"
#include "pg_conn.h"
#include "pg_schema.h"
#include "sql.h"
#include "store.h"

/* Type oids of the columns read back (server/catalog/pg_type_d.h). */
#define BOOLOID 16
#define INT8OID 20
#define INT4OID 23
#define FLOAT8OID 701

static bool pg_handles(const char *where)
{
	return !strncmp(where, "postgresql://", 13) || !strncmp(where, "postgres://", 11);
}

/* Why this store cannot be used as it is, for a VM and for a reader. */
static int not_ready(struct pg *p, int version, bool create, struct sb_error *err)
{
	if (version == 0 && !create)
		return sb_fail(err, SB_EXIT_USAGE, "%s: no history there (nothing stored yet; its owner makes it with "
			       "'specbench history init')", p->name);
	if (version == 0)
		return sb_fail(err, SB_EXIT_SYSTEM, "%s: no history there: its owner makes it once with "
			       "'specbench history init --history URL' (a VM never does)", p->name);
	return sb_fail(err, SB_EXIT_SYSTEM, "%s: a history of schema %d, older than this specbench's (%d): its owner "
		       "brings it up to date with 'specbench history init --history URL'", p->name, version,
		       PG_SCHEMA_VERSION);
}

static int pg_open(const char *where, bool create, void **state, struct sb_error *err)
{
	struct pg *p;
	int version;

	if (pg_connect(where, &p, err))
		return -1;
	if (pg_schema_version(p, &version, err))
		goto fail;
	if (version > PG_SCHEMA_VERSION) {
		sb_fail(err, SB_EXIT_USAGE, "%s: a history of schema %d, newer than this specbench knows (%d): "
			"left as it is", p->name, version, PG_SCHEMA_VERSION);
		goto fail;
	}
	if (version < PG_SCHEMA_VERSION) {
		not_ready(p, version, create, err);
		goto fail;
	}
	if (pg_exec(p, "SET search_path TO specbench", "cannot set up the session", err))
		goto fail;
	*state = p;
	return 0;
fail:
	pg_disconnect(p);
	return -1;
}

static void pg_close(void *state)
{
	pg_disconnect(state);
}

/* The role this session has, and whether it passes every policy. */
static int session_role(struct pg *p, char *role, size_t size, bool *mighty, struct sb_error *err)
{
	PGresult *r = pg_run(p, "SELECT session_user, rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = session_user",
			     0, NULL, "cannot read", err);

	if (!r)
		return -1;
	snprintf(role, size, "%s", p->pq.ntuples(r) == 1 ? p->pq.getvalue(r, 0, 0) : "?");
	*mighty = p->pq.ntuples(r) == 1 && !strcmp(p->pq.getvalue(r, 0, 1), "t");
	p->pq.clear(r);
	return 0;
}

/* An operator's script (init, grant), sql, malloc'd and freed here: with
 * io->sql written there (1), else run as the session's role (0, *out the
 * connection, *before the schema it found).  grant needs a store of this
 * schema; init makes or migrates it. */
static int print_or_run(const char *where, char *sql, bool need_store, const struct history_admin *io, int *before,
			struct pg **out, struct sb_error *err)
{
	struct pg *p = NULL;
	char role[128];
	bool mighty;
	int rc = -1;

	if (io->sql) {
		rc = fputs(sql, io->sql) == EOF ? sb_fail(err, SB_EXIT_SYSTEM, "cannot write the SQL") : 1;
		free(sql);
		return rc;
	}
	if (pg_connect(where, &p, err))
		goto done;
	if (pg_schema_version(p, before, err) || session_role(p, role, sizeof(role), &mighty, err))
		goto done;
	if (*before > PG_SCHEMA_VERSION) {
		sb_fail(err, SB_EXIT_USAGE, "%s: a history of schema %d, newer than this specbench knows (%d): "
			"left as it is", p->name, *before, PG_SCHEMA_VERSION);
		goto done;
	}
	if (need_store && *before != PG_SCHEMA_VERSION) {
		not_ready(p, *before, true, err);
		goto done;
	}
	if (mighty)
		fprintf(io->warn, "specbench: warning: %s: role %s is a superuser or passes row-level security: "
			"it works, but the owner of a fleet's history should be neither (README: fleet)\n", p->name, role);
	if (pg_exec(p, sql, "refused", err)) {
		pg_rollback(p);
		goto done;
	}
	*out = p;
	p = NULL;
	rc = 0;
done:
	pg_disconnect(p);
	free(sql);
	return rc;
}

static int pg_init(const char *where, const struct history_admin *io, struct sb_error *err)
{
	char *sql = NULL;
	struct pg *p;
	PGresult *r;
	int before, rc;

	if (pg_schema_script(&sql))
		return sb_fail(err, SB_EXIT_SYSTEM, "out of memory");
	if ((rc = print_or_run(where, sql, false, io, &before, &p, err)))
		return rc > 0 ? 0 : -1;
	if (before == PG_SCHEMA_VERSION)
		fprintf(io->out, "%s: a history of schema %d, already up to date; roles and policies set again\n",
			p->name, PG_SCHEMA_VERSION);
	else if (before)
		fprintf(io->out, "%s: a history of schema %d, brought up to schema %d; its runs are the owner's until "
			"'specbench history grant --host ROLE --hostname NAME' gives them to their host\n", p->name, before,
			PG_SCHEMA_VERSION);
	else
		fprintf(io->out, "%s: a history of schema %d made; next, one role per VM: 'specbench history grant "
			"--host ROLE'\n", p->name, PG_SCHEMA_VERSION);
	/* what only the database's owner could take away */
	r = pg_run(p, "SELECT has_database_privilege('specbench_host', current_database(), 'TEMPORARY'), "
		   "coalesce(has_schema_privilege('specbench_host', to_regnamespace('public')::oid, 'CREATE'), false)",
		   0, NULL, "cannot read", err);
	if (r && !strcmp(p->pq.getvalue(r, 0, 0), "t"))
		fprintf(io->warn, "specbench: warning: VMs may still make temporary tables: only the database's owner "
			"can take that away (REVOKE TEMPORARY ON DATABASE ... FROM PUBLIC)\n");
	if (r && !strcmp(p->pq.getvalue(r, 0, 1), "t"))
		fprintf(io->warn, "specbench: warning: VMs may still make objects in schema public: only its owner can "
			"take that away (REVOKE CREATE ON SCHEMA public FROM PUBLIC)\n");
	p->pq.clear(r);
	pg_disconnect(p);
	return r ? 0 : -1;
}

static int pg_grant(const char *where, const struct history_grant *g, const struct history_admin *io,
		    struct sb_error *err)
{
	char *sql = NULL;
	struct pg *p;
	int before, rc;

	if (pg_grant_script(g, &sql, err))
		return -1;
	if ((rc = print_or_run(where, sql, true, io, &before, &p, err)))
		return rc > 0 ? 0 : -1;
	if (g->host)
		fprintf(io->out, "%s: role %s stores and reads the runs of host %s only\n", p->name, g->host,
			g->hostname ? g->hostname : g->host);
	else
		fprintf(io->out, "%s: role %s reads every run (fleet, page) and writes nothing\n", p->name, g->reader);
	pg_disconnect(p);
	return 0;
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

	if (pg_exec(p, "BEGIN", "cannot write", err))
		return -1;
	/* the digest is unique per role (pg_schema.c), and the role is the
	 * server's session_user, as the column's default is */
	r = pg_run(p, SQL_INSERT_RUN_COLUMNS " ON CONFLICT (owner_role, digest) DO NOTHING RETURNING id",
		10, rp, "cannot store the run", err);
	if (!r)
		goto fail;
	*added = p->pq.ntuples(r) == 1;
	if (*added)
		*id = atoll(p->pq.getvalue(r, 0, 0));
	p->pq.clear(r);
	if (!*added) {
		r = pg_run(p, SQL_RUN_BY_DIGEST " AND owner_role = session_user", 1, rp, "cannot read", err);
		if (!r || p->pq.ntuples(r) != 1) {
			if (r)
				sb_fail(err, SB_EXIT_SYSTEM, "%s: a stored run vanished", p->name);
			p->pq.clear(r);
			goto fail;
		}
		*id = atoll(p->pq.getvalue(r, 0, 0));
		p->pq.clear(r);
		return pg_exec(p, "COMMIT", "cannot write", err);
	}
	snprintf(idtext, sizeof(idtext), "%lld", *id);
	{
		const char *fp[] = { idtext, run_->os, run_->kernel, run_->app_version, run_->device };

		r = pg_run(p, SQL_INSERT_FACTS, 5, fp,
			"cannot store the run", err);
		if (!r)
			goto fail;
		p->pq.clear(r);
	}
	for (size_t i = 0; i < run_->n_checks; i++) {
		const char *fp[] = { idtext, run_->checks[i].id, run_->checks[i].status };

		r = pg_run(p, SQL_INSERT_CHECK, 3, fp, "cannot store a check", err);
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
		r = pg_run(p, SQL_INSERT_FIGURE, 10, fp,
			"cannot store a figure", err);
		if (!r)
			goto fail;
		p->pq.clear(r);
	}
	return pg_exec(p, "COMMIT", "cannot write", err);
fail:
	pg_rollback(p);
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

/* Each row as an object of its columns, appended to rows. */
static int rows_of(struct pg *p, const char *sql, int n, const char *const *params, json_t *rows,
		   struct sb_error *err)
{
	PGresult *r = pg_run(p, sql, n, params, "cannot read", err);

	if (!r)
		return -1;
	for (int i = 0; i < p->pq.ntuples(r); i++) {
		json_t *row = json_object();

		for (int c = 0; c < p->pq.nfields(r); c++)
			json_object_set_new(row, p->pq.fname(r, c), value_json(p, r, i, c));
		json_array_append_new(rows, row);
	}
	p->pq.clear(r);
	return 0;
}

/* A filter's parameters: $1 host, $2 spec, $3 since, and for the
 * _NEWEST_ texts $4 (newest text: the caller's buffer); how many. */
static int filter_params(const struct history_filter *f, const char *params[4], char newest[16])
{
	bool some = f && f->newest > 0;

	snprintf(newest, 16, "%d", some ? f->newest : 0);
	params[0] = f ? f->host : NULL;
	params[1] = f ? f->spec : NULL;
	params[2] = f ? f->since : NULL;
	params[3] = newest;
	return some ? 4 : 3;
}

static int pg_list(void *state, const struct history_filter *f, json_t *rows, struct sb_error *err)
{
	const char *params[4];
	char newest[16];
	int n = filter_params(f, params, newest);

	return rows_of(state, SQL_PICK(SQL_LIST, params[0], n == 4), n, params, rows, err);
}

static int pg_each_check(void *state, const struct history_filter *f,
			 int (*cb)(long long run_id, const char *id, const char *status, void *ctx), void *ctx,
			 struct sb_error *err)
{
	struct pg *p = state;
	const char *params[4];
	char newest[16];
	int n = filter_params(f, params, newest), rc = 0;
	PGresult *r = pg_run(p, SQL_PICK(SQL_LIST_CHECKS, params[0], n == 4), n, params, "cannot read", err);

	if (!r)
		return -1;
	for (int i = 0; i < p->pq.ntuples(r) && !rc; i++)
		rc = cb(atoll(p->pq.getvalue(r, i, 0)), p->pq.getvalue(r, i, 1), p->pq.getvalue(r, i, 2), ctx);
	p->pq.clear(r);
	return rc ? -1 : 0;
}

static const char *text_or_null(const struct pg *p, const PGresult *r, int row, int col)
{
	return p->pq.getisnull(r, row, col) ? NULL : p->pq.getvalue(r, row, col);
}

static double real_or_nan(const struct pg *p, const PGresult *r, int row, int col)
{
	return p->pq.getisnull(r, row, col) ? NAN : strtod(p->pq.getvalue(r, row, col), NULL);
}

/* Rows fetched at a time: a VM's year (4,000 figures) in one, and an
 * export of a fleet's year (4 million) never all in memory: a result
 * holds every row it has. */
#define FETCH_ROWS "5000"

/* The rows of one FETCH to cb, until cb asks to stop (*stop, its return);
 * how many rows were handed on. */
static int each_fetched(struct pg *p, PGresult *r, int (*cb)(const struct history_row *row, void *ctx), void *ctx,
			int *stop)
{
	int i;

	for (i = 0; i < p->pq.ntuples(r) && !*stop; i++) {
		struct history_row row = {
			.run_id = atoll(p->pq.getvalue(r, i, 0)), .created_at = text_or_null(p, r, i, 1),
			.machine_id = text_or_null(p, r, i, 2), .hostname = text_or_null(p, r, i, 3),
			.profile = text_or_null(p, r, i, 4), .benchmark = text_or_null(p, r, i, 5),
			.metric = text_or_null(p, r, i, 6), .value = real_or_nan(p, r, i, 7), .cv_pct = real_or_nan(p, r, i, 8),
			.steal_pct = real_or_nan(p, r, i, 9), .cached = !strcmp(p->pq.getvalue(r, i, 10), "t"),
			.unstable = !strcmp(p->pq.getvalue(r, i, 11), "t"), .command = text_or_null(p, r, i, 12),
			.tool_version = text_or_null(p, r, i, 13), .cpu = text_or_null(p, r, i, 14),
		};

		*stop = cb(&row, ctx);
	}
	return i;
}

/* Through a cursor in a read-only transaction (one snapshot for the whole
 * walk, as SQLite's statement reads one), FETCH_ROWS at a time. */
static int pg_each_figure(void *state, const struct history_filter *f,
			  int (*cb)(const struct history_row *row, void *ctx), void *ctx, struct sb_error *err)
{
	struct pg *p = state;
	char newest[16], declare[4096];
	const char *params[4];
	int n = filter_params(f, params, newest), stop = 0, got;
	PGresult *r;

	if ((size_t)snprintf(declare, sizeof(declare), "DECLARE figures NO SCROLL CURSOR FOR %s",
			     SQL_PICK(SQL_EACH_FIGURE, params[0], n == 4)) >= sizeof(declare))
		return sb_fail(err, SB_EXIT_SYSTEM, "%s: the query is longer than its buffer", p->name);
	if (pg_exec(p, "BEGIN READ ONLY", "cannot read", err))
		return -1;
	r = pg_run(p, declare, n, params, "cannot read", err);
	if (!r)
		goto fail;
	p->pq.clear(r);
	do {
		if (!(r = pg_run(p, "FETCH " FETCH_ROWS " FROM figures", 0, NULL, "cannot read", err)))
			goto fail;
		got = each_fetched(p, r, cb, ctx, &stop);
		p->pq.clear(r);
	} while (!stop && got == atoi(FETCH_ROWS));
	if (pg_exec(p, "COMMIT", "cannot read", err))
		return -1;
	return stop;
fail:
	pg_rollback(p);
	return -1;
}

static int pg_show(void *state, long long id, char **text, struct sb_error *err)
{
	struct pg *p = state;
	char idtext[32];
	const char *params[] = { idtext };
	PGresult *r;

	*text = NULL;
	snprintf(idtext, sizeof(idtext), "%lld", id);
	r = pg_run(p, SQL_SHOW, 1, params, "cannot read", err);
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
	r = pg_run(state, SQL_PUT_ACK, 6, params,
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
	r = pg_run(state, SQL_PUT_NOTIFIED, 7, params, "cannot store the alert state", err);
	p->pq.clear(r);
	return r ? 0 : -1;
}

const struct history_ops history_postgres = {
	.name = "postgresql",
	.handles = pg_handles,
	.open = pg_open,
	.close = pg_close,
	.init = pg_init,
	.grant = pg_grant,
	.add = pg_add,
	.list = pg_list,
	.each_check = pg_each_check,
	.show = pg_show,
	.each_figure = pg_each_figure,
	.ack = pg_ack,
	.acks = pg_acks,
	.notified = pg_notified,
	.set_notified = pg_set_notified,
};
