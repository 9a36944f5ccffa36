/*
 * sql.h - the history's queries, one text for both stores.
 *
 * SQLite and PostgreSQL read the same SQL here: parameters are written
 * $1, $2 ... (PostgreSQL's own; for SQLite a named parameter, numbered in
 * order of first appearance, which is why each query names them in
 * order), a parameter that may be NULL is compared through CAST($n AS
 * TEXT) (PostgreSQL must know its type), and an upsert is INSERT ... ON
 * CONFLICT ... DO UPDATE SET x = excluded.x (SQLite since 3.24; Debian 12
 * has 3.40).  What stays in one store's file is what the dialects cannot
 * share: the schema's types (BIGSERIAL, BOOLEAN, DOUBLE PRECISION), the
 * migrations that read documents (json_extract against jsonb), and how a
 * new run's id comes back.  tests/history-pg.sh checks that both stores
 * answer the same of the same runs.
 */
#ifndef SPECBENCH_HISTORY_SQL_H
#define SPECBENCH_HISTORY_SQL_H

#include <stddef.h>
#include <time.h>

#define SQL_RUN_BY_DIGEST "SELECT id FROM runs WHERE digest = $1"

#define SQL_INSERT_RUN_COLUMNS \
	"INSERT INTO runs (digest, machine_id, hostname, created_at, spec, spec_version, profile, verdict, document, " \
	"cpu) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"

#define SQL_INSERT_FACTS \
	"INSERT INTO run_facts (run_id, os, kernel, app_version, device) VALUES ($1, $2, $3, $4, $5)"

#define SQL_INSERT_CHECK "INSERT INTO run_checks (run_id, check_id, status) VALUES ($1, $2, $3)"

#define SQL_INSERT_FIGURE \
	"INSERT INTO figures (run_id, benchmark, metric, value, cv_pct, steal_pct, cached, unstable, command, " \
	"tool_version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"

/* The runs of a history_filter: $1 host (machine id or hostname), $2 spec,
 * $3 since; each NULL for "any".  Two texts, picked by whether there is a
 * host: with one, its runs are found through each of its
 * two indexes and only they are sorted.  One text for both, "$1 IS NULL
 * OR r.id IN (...)", let SQLite walk the time index of every run of every
 * host and test each one (no sort): the dashboard's 1,000 VMs read a
 * 365,000-run index three times each, quadratic in the fleet, and
 * "machine_id = $1 OR hostname = $1" would scan the runs as well. */
#define SQL_WHERE_HOST \
	" WHERE r.id IN (SELECT id FROM runs WHERE machine_id = $1 UNION SELECT id FROM runs WHERE hostname = $1)"
#define SQL_WHERE_ANY " WHERE CAST($1 AS TEXT) IS NULL"
#define SQL_FILTER_(where) \
	where " AND (CAST($2 AS TEXT) IS NULL OR r.spec = $2) AND (CAST($3 AS TEXT) IS NULL OR r.created_at >= $3)"

/* Each query of a filter in four texts: SQL_PICK(SQL_LIST, host, newest)
 * is SQL_LIST_ or SQL_LIST_NEWEST_ with the host's WHERE or the other. */
#define SQL_PICK(q, host, newest) \
	((newest) ? ((host) ? q##_NEWEST_(SQL_WHERE_HOST) : q##_NEWEST_(SQL_WHERE_ANY)) \
		  : ((host) ? q##_(SQL_WHERE_HOST) : q##_(SQL_WHERE_ANY)))

/* The ids of each host's newest $4 runs of the filter, picked from the
 * runs alone (the covering index) before anything is joined to them: fleet
 * reads 200 hosts x 10 runs, not all 10,000 (on PostgreSQL the sort of
 * every figure of every run cost 250 ms). */
#define SQL_NEWEST_(where) \
	"(SELECT id FROM (SELECT r.id AS id, ROW_NUMBER() OVER (PARTITION BY COALESCE(r.machine_id, r.hostname) " \
	"ORDER BY r.created_at DESC, r.id DESC) AS newest FROM runs r" SQL_FILTER_(where) ") ranked " \
	"WHERE newest <= CAST($4 AS INTEGER)) recent JOIN runs r ON r.id = recent.id"

#define SQL_LIST_COLUMNS \
	"SELECT r.id AS id, r.created_at AS created_at, r.machine_id AS machine_id, r.hostname AS hostname, " \
	"r.spec AS spec, r.spec_version AS spec_version, r.profile AS profile, r.verdict AS verdict, x.os AS os, " \
	"x.kernel AS kernel, r.cpu AS cpu, x.app_version AS app_version, x.device AS device "
#define SQL_LIST_(where) \
	SQL_LIST_COLUMNS "FROM runs r LEFT JOIN run_facts x ON x.run_id = r.id" SQL_FILTER_(where) \
	" ORDER BY r.created_at, r.id"
#define SQL_LIST_NEWEST_(where) \
	SQL_LIST_COLUMNS "FROM " SQL_NEWEST_(where) " LEFT JOIN run_facts x ON x.run_id = r.id ORDER BY r.created_at, r.id"

/* The checks of the same runs: run id, check id, status. */
#define SQL_LIST_CHECKS_(where) \
	"SELECT c.run_id, c.check_id, c.status FROM runs r JOIN run_checks c ON c.run_id = r.id" SQL_FILTER_(where) \
	" ORDER BY r.created_at, r.id, c.check_id"
#define SQL_LIST_CHECKS_NEWEST_(where) \
	"SELECT c.run_id, c.check_id, c.status FROM " SQL_NEWEST_(where) " JOIN run_checks c ON c.run_id = r.id" \
	" ORDER BY r.created_at, r.id, c.check_id"

/* Columns in the order of struct history_row's reading in each store. */
#define SQL_EACH_FIGURE_COLUMNS \
	"SELECT r.id, r.created_at, r.machine_id, r.hostname, r.profile, f.benchmark, f.metric, f.value, f.cv_pct, " \
	"f.steal_pct, f.cached, f.unstable, f.command, f.tool_version, r.cpu "
#define SQL_EACH_FIGURE_(where) \
	SQL_EACH_FIGURE_COLUMNS "FROM runs r JOIN figures f ON f.run_id = r.id" SQL_FILTER_(where) \
	" ORDER BY r.created_at, r.id, f.benchmark, f.metric"
#define SQL_EACH_FIGURE_NEWEST_(where) \
	SQL_EACH_FIGURE_COLUMNS "FROM " SQL_NEWEST_(where) " JOIN figures f ON f.run_id = r.id" \
	" ORDER BY r.created_at, r.id, f.benchmark, f.metric"

#define SQL_SHOW "SELECT document FROM runs WHERE id = $1"

#define SQL_PUT_ACK \
	"INSERT INTO acks (host, benchmark, metric, since_run, reason, created_at) VALUES ($1, $2, $3, $4, $5, $6) " \
	"ON CONFLICT (host, benchmark, metric, since_run) " \
	"DO UPDATE SET reason = excluded.reason, created_at = excluded.created_at"

#define SQL_ACKS \
	"SELECT host, benchmark, metric, since_run, reason, created_at FROM acks WHERE host = $1 ORDER BY created_at"

#define SQL_NOTIFIED "SELECT benchmark, metric, state, since_run FROM notified WHERE host = $1 AND url = $2"

#define SQL_PUT_NOTIFIED \
	"INSERT INTO notified (host, benchmark, metric, url, state, since_run, created_at) " \
	"VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (host, benchmark, metric, url) " \
	"DO UPDATE SET state = excluded.state, since_run = excluded.since_run, created_at = excluded.created_at"

/* The time an acknowledgement or an alert is recorded, as the runs' are
 * written: 2026-11-23T04:12:09Z. */
static inline void sql_now(char *buf, size_t size)
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

#endif
