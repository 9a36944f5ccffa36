/*
 * pg_schema.h - the PostgreSQL history's schema, roles and policies (see
 * pg_schema.c): for postgres.c only.
 */
#ifndef SPECBENCH_HISTORY_PG_SCHEMA_H
#define SPECBENCH_HISTORY_PG_SCHEMA_H

#include "history.h"
#include "pg_conn.h"

/* The schema this specbench writes and reads. */
#define PG_SCHEMA_VERSION 8

/* The whole of `history init`, one transaction (malloc'd). */
int pg_schema_script(char **sql);
/* The whole of one `history grant` (malloc'd); a role or hostname that is
 * not a plain name is refused (exit 2), never quoted into SQL. */
int pg_grant_script(const struct history_grant *g, char **sql, struct sb_error *err);
/* What specbench.meta says: 0 no store yet, else its schema version. */
int pg_schema_version(struct pg *p, int *version, struct sb_error *err);

#endif
