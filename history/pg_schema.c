/*
 * pg_schema.c - the PostgreSQL history's schema, its roles and its
 * row-level security: the SQL `specbench history init` and `history grant`
 * run (or print), and the check every connection makes of the version.
 *
 * Who may do what (issue 24).  A fleet's VMs run customers' applications,
 * so a VM's login is an attacker's login the day one application is broken
 * into.  Three kinds of role:
 *   - the owner: the role that runs `history init`, owns the schema and its
 *     tables, and alone makes or changes objects (never a superuser);
 *   - specbench_host, a group: each VM logs in as a role of its own (its
 *     certificate's CN) that is a member.  It may insert its own runs,
 *     figures and facts and read only those, and read and write its own
 *     acknowledgements and alert state; nothing else: no UPDATE or DELETE
 *     of runs, no DDL, no temporary objects;
 *   - specbench_reader, a group: SELECT of every run, figure, fact and
 *     acknowledgement, for `fleet` and the spec page; nothing else.
 * Rows are bound to the role that wrote them by the server: each table has
 * owner_role, defaulting to session_user, and the policies check it.
 * session_user rather than current_user: a host may SET ROLE to the group
 * it belongs to (PostgreSQL 15 has no GRANT ... WITH SET FALSE), which
 * changes current_user to one name every host shares; the login it
 * connected with (session_user) only a superuser can change.
 *
 * Every table has row-level security, FORCEd so that even the owner goes
 * through a policy, with one policy per command and role (a FOR ALL policy
 * with USING (true) and a narrow WITH CHECK lets the wide side through).
 * What a policy cannot say, one SECURITY DEFINER trigger does (bind_run):
 * a host's runs carry the hostname the owner registered for it (`history
 * grant --hostname`), and the machine id it first stored (or the one given
 * with --machine-id), which no other host may then claim.  It runs with a
 * fixed search_path and is executable by no one directly.
 *
 * init is one idempotent script, run in one transaction under an advisory
 * lock: a new store is made, an older one (the single-login stores before
 * schema 7) migrated, and objects that specbench did not make (a trigger a
 * VM planted with the old shared login) refused by name before anything
 * is changed, so that the owner's migration never runs a VM's code.
 */
#define _GNU_SOURCE  /* asprintf */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/validate.h"
#include "pg_schema.h"
#include "sql.h"

#define STR_(x) #x
#define STR(x) STR_(x)
/* pg_advisory_xact_lock's key: "SPBC" */
#define LOCK_KEY "1397768771"

/* Refuse, by name, every object in the schema that specbench did not make. */
static const char check_strays_sql[] =
	"DO $check$ DECLARE found text; BEGIN\n"
	"  SELECT string_agg(o, ', ') INTO found FROM (\n"
	"    SELECT format('trigger %I on %s', t.tgname, t.tgrelid::regclass) FROM pg_trigger t\n"
	"      JOIN pg_class c ON c.oid = t.tgrelid\n"
	"      WHERE c.relnamespace = to_regnamespace('specbench') AND NOT t.tgisinternal AND t.tgname <> 'runs_bind'\n"
	"    UNION ALL SELECT format('function %s', p.oid::regprocedure) FROM pg_proc p\n"
	"      WHERE p.pronamespace = to_regnamespace('specbench') AND p.proname <> 'bind_run'\n"
	"    UNION ALL SELECT format('rule %I on %s', r.rulename, r.ev_class::regclass) FROM pg_rewrite r\n"
	"      JOIN pg_class c ON c.oid = r.ev_class\n"
	"      WHERE c.relnamespace = to_regnamespace('specbench') AND r.rulename <> '_RETURN'\n"
	"    UNION ALL SELECT format('relation %s', c.oid::regclass) FROM pg_class c\n"
	"      WHERE c.relnamespace = to_regnamespace('specbench') AND c.relkind NOT IN ('i', 'S')\n"
	"      AND c.relname NOT IN ('meta', 'runs', 'figures', 'run_facts', 'run_checks', 'acks', 'notified', 'hosts')\n"
	"    UNION ALL SELECT format('type %s', t.oid::regtype) FROM pg_type t\n"
	"      WHERE t.typnamespace = to_regnamespace('specbench') AND t.typrelid = 0 AND t.typelem = 0\n"
	"  ) strays(o);\n"
	"  IF found IS NOT NULL THEN\n"
	"    RAISE EXCEPTION 'schema specbench holds what specbench did not make: %', found\n"
	"      USING HINT = 'look at them and drop them (a VM with the old shared login could plant them), '\n"
	"                   'then run specbench history init again';\n"
	"  END IF;\n"
	"END $check$;\n";

/* The tables, as every schema up to 6 made them (the SQLite store's, in a
 * schema of their own), then schema 7: the roles' rows, and 8: the checks
 * as rows. */
static const char tables_sql[] =
	"CREATE SCHEMA IF NOT EXISTS specbench;\n"
	"SET search_path TO specbench;\n"
	"CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);\n"
	"CREATE TABLE IF NOT EXISTS runs (\n"
	"  id BIGSERIAL PRIMARY KEY,\n"
	"  digest TEXT NOT NULL,\n"
	"  machine_id TEXT, hostname TEXT, created_at TEXT NOT NULL,\n"
	"  spec TEXT, spec_version TEXT, profile TEXT, verdict TEXT,\n"
	"  document TEXT NOT NULL);\n"
	"CREATE INDEX IF NOT EXISTS runs_machine ON runs(machine_id, created_at);\n"
	"CREATE INDEX IF NOT EXISTS runs_hostname ON runs(hostname, created_at);\n"
	"CREATE INDEX IF NOT EXISTS runs_time ON runs(created_at);\n"
	/* schema 6 (sqlite.c): the CPU, filled in for older runs, in the
	 * covering index of schema 5 */
	"ALTER TABLE runs ADD COLUMN IF NOT EXISTS cpu TEXT;\n"
	"UPDATE runs SET cpu = coalesce(document::jsonb #>> '{probe,cpu,brand}', document::jsonb #>> '{probe,cpu,model_name}')\n"
	"  WHERE cpu IS NULL AND document::jsonb #> '{probe,cpu}' IS NOT NULL;\n"
	"DROP INDEX IF EXISTS runs_time_cover;\n"
	"CREATE INDEX runs_time_cover ON runs(created_at, id, spec, machine_id, hostname, profile, cpu);\n"
	"CREATE TABLE IF NOT EXISTS figures (\n"
	"  run_id BIGINT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,\n"
	"  benchmark TEXT NOT NULL, metric TEXT NOT NULL, value DOUBLE PRECISION NOT NULL,\n"
	"  cv_pct DOUBLE PRECISION, steal_pct DOUBLE PRECISION, cached BOOLEAN NOT NULL, unstable BOOLEAN NOT NULL,\n"
	"  command TEXT, tool_version TEXT,\n"
	"  PRIMARY KEY (run_id, benchmark, metric));\n"
	"CREATE INDEX IF NOT EXISTS figures_metric ON figures(benchmark, metric, run_id);\n"
	/* before schema 8 it had checks TEXT too: see 8 below */
	"CREATE TABLE IF NOT EXISTS run_facts (\n"
	"  run_id BIGINT PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,\n"
	"  os TEXT, kernel TEXT);\n"
	"ALTER TABLE run_facts ADD COLUMN IF NOT EXISTS app_version TEXT;\n"
	"ALTER TABLE run_facts ADD COLUMN IF NOT EXISTS device TEXT;\n"
	"CREATE TABLE IF NOT EXISTS acks (\n"
	"  host TEXT NOT NULL, benchmark TEXT NOT NULL, metric TEXT NOT NULL,\n"
	"  since_run BIGINT NOT NULL, reason TEXT NOT NULL, created_at TEXT NOT NULL,\n"
	"  PRIMARY KEY (host, benchmark, metric, since_run));\n"
	"CREATE TABLE IF NOT EXISTS notified (\n"
	"  host TEXT NOT NULL, benchmark TEXT NOT NULL, metric TEXT NOT NULL, url TEXT NOT NULL,\n"
	"  state TEXT NOT NULL, since_run BIGINT, created_at TEXT NOT NULL,\n"
	"  PRIMARY KEY (host, benchmark, metric, url));\n"
	"INSERT INTO meta (key, value) VALUES ('application', 'specbench'), ('schema_version', '7')\n"
	"  ON CONFLICT (key) DO NOTHING;\n"
	/* schema 7: the hosts, and who wrote each row.  Rows stored before
	 * (one shared login) are left to the owner until `history grant`
	 * gives them to the host whose hostname they carry. */
	"CREATE TABLE IF NOT EXISTS hosts (\n"
	"  role TEXT PRIMARY KEY, hostname TEXT NOT NULL UNIQUE, machine_id TEXT UNIQUE, created_at TEXT NOT NULL);\n"
	"DO $own$ DECLARE t text;\n"
	"  owner name := (SELECT tableowner FROM pg_tables WHERE schemaname = 'specbench' AND tablename = 'runs');\n"
	"BEGIN\n"
	"  FOREACH t IN ARRAY ARRAY['runs', 'figures', 'run_facts', 'acks', 'notified'] LOOP\n"
	"    EXECUTE format('ALTER TABLE specbench.%I ADD COLUMN IF NOT EXISTS owner_role TEXT', t);\n"
	"    EXECUTE format('UPDATE specbench.%I SET owner_role = %L WHERE owner_role IS NULL', t, owner);\n"
	"    EXECUTE format('ALTER TABLE specbench.%I ALTER COLUMN owner_role SET DEFAULT session_user, '\n"
	"                   'ALTER COLUMN owner_role SET NOT NULL', t);\n"
	"  END LOOP;\n"
	"END $own$;\n"
	/* the same document stored twice by one host is one run; another
	 * host's digest (which it cannot see) is no conflict of its own */
	"ALTER TABLE runs DROP CONSTRAINT IF EXISTS runs_digest_key;\n"
	"CREATE UNIQUE INDEX IF NOT EXISTS runs_owner_digest ON runs(owner_role, digest);\n"
	/* SHA-256 digests (record.c), worked out again from the stored texts:
	 * a run stored before is still found when its document comes again */
	"UPDATE runs SET digest = encode(sha256(convert_to(document, 'UTF8')), 'hex') WHERE length(digest) <> 64;\n"
	/* schema 8: the checks as rows (sqlite.c's 8), each the run's owner's,
	 * and each run's application version and device filled in; a text
	 * that is not JSON (the old shared login could write any) is passed
	 * over rather than stopping the migration */
	"CREATE TABLE IF NOT EXISTS run_checks (\n"
	"  run_id BIGINT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,\n"
	"  check_id TEXT NOT NULL, status TEXT NOT NULL,\n"
	"  owner_role TEXT NOT NULL DEFAULT session_user,\n"
	"  PRIMARY KEY (run_id, check_id));\n"
	"DO $checks$ DECLARE x record; j jsonb;\n"
	"BEGIN\n"
	"  IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = 'specbench'\n"
	"                 AND table_name = 'run_facts' AND column_name = 'checks') THEN\n"
	"    RETURN;\n"
	"  END IF;\n"
	"  FOR x IN SELECT run_id, checks, owner_role FROM specbench.run_facts WHERE checks IS NOT NULL LOOP\n"
	"    BEGIN\n"
	"      j := x.checks::jsonb;\n"
	"    EXCEPTION WHEN others THEN\n"
	"      CONTINUE;\n"
	"    END;\n"
	"    IF jsonb_typeof(j) = 'object' THEN\n"
	"      INSERT INTO specbench.run_checks (run_id, check_id, status, owner_role)\n"
	"        SELECT x.run_id, e.key, e.value #>> '{}', x.owner_role FROM jsonb_each(j) e\n"
	"        WHERE jsonb_typeof(e.value) = 'string'\n"
	"        AND e.value #>> '{}' IN ('PASS', 'FAIL', 'WARN', 'SKIP', 'UNVERIFIABLE')\n"
	"        ON CONFLICT DO NOTHING;\n"
	"    END IF;\n"
	"  END LOOP;\n"
	"  FOR x IN SELECT f.run_id, r.document FROM specbench.run_facts f JOIN specbench.runs r ON r.id = f.run_id LOOP\n"
	"    BEGIN\n"
	"      j := x.document::jsonb;\n"
	"    EXCEPTION WHEN others THEN\n"
	"      CONTINUE;\n"
	"    END;\n"
	"    UPDATE specbench.run_facts SET app_version = j #>> '{host,app_version}', device = j #>> '{bench,device}'\n"
	"      WHERE run_id = x.run_id;\n"
	"  END LOOP;\n"
	"  ALTER TABLE specbench.run_facts DROP COLUMN checks;\n"
	"END $checks$;\n"
	"UPDATE meta SET value = '8' WHERE key = 'schema_version';\n";

/* The roles and what each may touch.  Every policy is dropped and made
 * again, so a policy someone added by hand does not survive an init. */
static const char rights_sql[] =
	"DO $roles$ BEGIN\n"
	"  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'specbench_host') THEN\n"
	"    CREATE ROLE specbench_host NOLOGIN;\n"
	"  END IF;\n"
	"  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'specbench_reader') THEN\n"
	"    CREATE ROLE specbench_reader NOLOGIN;\n"
	"  END IF;\n"
	"END $roles$;\n"
	"REVOKE ALL ON SCHEMA specbench FROM PUBLIC;\n"
	"REVOKE ALL ON ALL TABLES IN SCHEMA specbench FROM PUBLIC, specbench_host, specbench_reader;\n"
	"REVOKE ALL ON ALL SEQUENCES IN SCHEMA specbench FROM PUBLIC, specbench_host, specbench_reader;\n"
	"GRANT USAGE ON SCHEMA specbench TO specbench_host, specbench_reader;\n"
	"GRANT SELECT ON meta, runs, figures, run_facts, run_checks, acks TO specbench_reader;\n"
	"GRANT SELECT ON meta, hosts TO specbench_host;\n"
	"GRANT SELECT, INSERT ON runs, figures, run_facts, run_checks TO specbench_host;\n"
	"GRANT SELECT, INSERT ON acks, notified TO specbench_host;\n"
	/* an upsert's DO UPDATE SET, and nothing else of a row */
	"GRANT UPDATE (reason, created_at) ON acks TO specbench_host;\n"
	"GRANT UPDATE (state, since_run, created_at) ON notified TO specbench_host;\n"
	"GRANT USAGE ON SEQUENCE runs_id_seq TO specbench_host;\n"
	"REVOKE ALL ON ALL FUNCTIONS IN SCHEMA specbench FROM PUBLIC;\n"
	/* the owner's policies name the tables' owner, not whoever runs this
	 * (a DBA's superuser running init must not lock the owner out) */
	"DO $rls$ DECLARE t text; p record;\n"
	"  owner name := (SELECT tableowner FROM pg_tables WHERE schemaname = 'specbench' AND tablename = 'runs');\n"
	"BEGIN\n"
	"  FOR p IN SELECT policyname, tablename FROM pg_policies WHERE schemaname = 'specbench' LOOP\n"
	"    EXECUTE format('DROP POLICY %I ON specbench.%I', p.policyname, p.tablename);\n"
	"  END LOOP;\n"
	"  FOREACH t IN ARRAY ARRAY['runs', 'figures', 'run_facts', 'run_checks', 'acks', 'notified', 'hosts'] LOOP\n"
	"    EXECUTE format('ALTER TABLE specbench.%I ENABLE ROW LEVEL SECURITY', t);\n"
	"    EXECUTE format('ALTER TABLE specbench.%I FORCE ROW LEVEL SECURITY', t);\n"
	"    EXECUTE format('CREATE POLICY owner_select ON specbench.%I FOR SELECT TO %I USING (true)', t, owner);\n"
	"    EXECUTE format('CREATE POLICY owner_insert ON specbench.%I FOR INSERT TO %I WITH CHECK (true)', t, owner);\n"
	"    EXECUTE format('CREATE POLICY owner_update ON specbench.%I FOR UPDATE TO %I USING (true) '\n"
	"                   'WITH CHECK (true)', t, owner);\n"
	"    EXECUTE format('CREATE POLICY owner_delete ON specbench.%I FOR DELETE TO %I USING (true)', t, owner);\n"
	"  END LOOP;\n"
	"  FOREACH t IN ARRAY ARRAY['runs', 'figures', 'run_facts', 'run_checks', 'acks'] LOOP\n"
	"    EXECUTE format('CREATE POLICY reader_select ON specbench.%I FOR SELECT TO specbench_reader USING (true)', t);\n"
	"  END LOOP;\n"
	"  FOREACH t IN ARRAY ARRAY['runs', 'figures', 'run_facts', 'run_checks', 'acks', 'notified'] LOOP\n"
	"    EXECUTE format('CREATE POLICY host_select ON specbench.%I FOR SELECT TO specbench_host '\n"
	"                   'USING (owner_role = session_user)', t);\n"
	"  END LOOP;\n"
	"END $rls$;\n"
	"CREATE POLICY host_select ON hosts FOR SELECT TO specbench_host USING (role = session_user);\n"
	"CREATE POLICY host_insert ON runs FOR INSERT TO specbench_host WITH CHECK (owner_role = session_user);\n"
	"CREATE POLICY host_insert ON figures FOR INSERT TO specbench_host WITH CHECK (owner_role = session_user\n"
	"  AND EXISTS (SELECT 1 FROM specbench.runs r WHERE r.id = figures.run_id AND r.owner_role = session_user));\n"
	"CREATE POLICY host_insert ON run_facts FOR INSERT TO specbench_host WITH CHECK (owner_role = session_user\n"
	"  AND EXISTS (SELECT 1 FROM specbench.runs r WHERE r.id = run_facts.run_id AND r.owner_role = session_user));\n"
	"CREATE POLICY host_insert ON run_checks FOR INSERT TO specbench_host WITH CHECK (owner_role = session_user\n"
	"  AND EXISTS (SELECT 1 FROM specbench.runs r WHERE r.id = run_checks.run_id AND r.owner_role = session_user));\n"
	/* an acknowledgement or alert state names its host as the commands
	 * do: by machine id, or hostname; only the role's own */
	"CREATE POLICY host_insert ON acks FOR INSERT TO specbench_host WITH CHECK (owner_role = session_user\n"
	"  AND EXISTS (SELECT 1 FROM specbench.hosts h WHERE h.role = session_user AND acks.host IN (h.hostname, h.machine_id)));\n"
	"CREATE POLICY host_update ON acks FOR UPDATE TO specbench_host USING (owner_role = session_user)\n"
	"  WITH CHECK (owner_role = session_user);\n"
	"CREATE POLICY host_insert ON notified FOR INSERT TO specbench_host WITH CHECK (owner_role = session_user\n"
	"  AND EXISTS (SELECT 1 FROM specbench.hosts h WHERE h.role = session_user\n"
	"              AND notified.host IN (h.hostname, h.machine_id)));\n"
	"CREATE POLICY host_update ON notified FOR UPDATE TO specbench_host USING (owner_role = session_user)\n"
	"  WITH CHECK (owner_role = session_user);\n"
	/* what a policy cannot say: the run is of the host's own machine,
	 * which it binds on its first run */
	"CREATE OR REPLACE FUNCTION specbench.bind_run() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER\n"
	"SET search_path = pg_catalog, pg_temp AS $bind$\n"
	"DECLARE h specbench.hosts%ROWTYPE;\n"
	"BEGIN\n"
	"  SELECT * INTO h FROM specbench.hosts WHERE role = session_user;\n"
	"  IF NOT FOUND THEN\n"
	"    IF pg_has_role(session_user, 'specbench_host', 'MEMBER')\n"
	"       AND NOT (SELECT rolsuper FROM pg_roles WHERE rolname = session_user) THEN\n"
	"      RAISE EXCEPTION 'role % is not a registered host of this history', session_user\n"
	"        USING ERRCODE = 'insufficient_privilege', HINT = 'the owner runs: specbench history grant --host ' || session_user;\n"
	"    END IF;\n"
	"    RETURN NEW;  -- the owner's (a superuser is a member of every role)\n"
	"  END IF;\n"
	"  IF NEW.hostname IS DISTINCT FROM h.hostname THEN\n"
	"    RAISE EXCEPTION 'role % stores runs of host %, not of %', session_user, h.hostname,\n"
	"      coalesce(NEW.hostname, '(none)') USING ERRCODE = 'insufficient_privilege';\n"
	"  END IF;\n"
	"  IF h.machine_id IS NULL AND NEW.machine_id IS NOT NULL THEN\n"
	"    BEGIN\n"
	"      UPDATE specbench.hosts SET machine_id = NEW.machine_id WHERE role = session_user;\n"
	"    EXCEPTION WHEN unique_violation THEN\n"
	"      RAISE EXCEPTION 'machine id % is another host''s', NEW.machine_id USING ERRCODE = 'insufficient_privilege';\n"
	"    END;\n"
	"  ELSIF NEW.machine_id IS DISTINCT FROM h.machine_id THEN\n"
	"    RAISE EXCEPTION 'role % stores runs of machine %, not of %', session_user, h.machine_id,\n"
	"      coalesce(NEW.machine_id, '(none)') USING ERRCODE = 'insufficient_privilege';\n"
	"  END IF;\n"
	"  RETURN NEW;\n"
	"END $bind$;\n"
	"REVOKE ALL ON FUNCTION specbench.bind_run() FROM PUBLIC;\n"
	"DROP TRIGGER IF EXISTS runs_bind ON runs;\n"
	"CREATE TRIGGER runs_bind BEFORE INSERT ON runs FOR EACH ROW EXECUTE FUNCTION specbench.bind_run();\n"
	/* no objects of the VMs' anywhere: the public schema and temporary
	 * ones (the database's owner can take these; else init warns) */
	"DO $db$ BEGIN\n"
	"  IF to_regnamespace('public') IS NOT NULL THEN\n"
	"    REVOKE CREATE ON SCHEMA public FROM PUBLIC;\n"
	"  END IF;\n"
	"  EXECUTE format('REVOKE CREATE, TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());\n"
	"END $db$;\n";

int pg_schema_script(char **sql)
{
	return asprintf(sql, "SET client_min_messages TO error;\nBEGIN;\nSELECT pg_advisory_xact_lock(" LOCK_KEY ");\n"
			"%s%s%sCOMMIT;\n", check_strays_sql, tables_sql, rights_sql) < 0 ? -1 : 0;
}

/* A role's name as it may be written in SQL unquoted-safe: a certificate's
 * CN as fleets name VMs.  Anything else is refused, not quoted. */
static bool role_ok(const char *name)
{
	size_t n = strlen(name);

	if (n == 0 || n > 63 || !isalnum((unsigned char)name[0]))
		return false;
	for (const char *c = name; *c; c++)
		if (!isalnum((unsigned char)*c) && !strchr("._-", *c))
			return false;
	return strncmp(name, "pg_", 3) && strncmp(name, "specbench_", 10);
}

static bool machine_id_ok(const char *id)
{
	size_t n = strlen(id);

	if (n == 0 || n > 64)
		return false;
	for (const char *c = id; *c; c++)
		if (!isalnum((unsigned char)*c) && !strchr("._-", *c))
			return false;
	return true;
}

/* The checks on a role a grant makes or takes over: no way around the
 * policies, and no rights of its own to make objects. */
static const char role_sql[] =
	"DO $role$ BEGIN\n"
	"  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '%1$s') THEN\n"
	"    CREATE ROLE \"%1$s\" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;\n"
	"  END IF;\n"
	"  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '%1$s'\n"
	"             AND (rolsuper OR rolbypassrls OR rolcreaterole OR rolcreatedb OR rolreplication)) THEN\n"
	"    RAISE EXCEPTION 'role %1$s could pass the policies or make roles and databases: not for a %2$s'\n"
	"      USING HINT = 'ALTER ROLE \"%1$s\" NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB NOREPLICATION';\n"
	"  END IF;\n"
	"  IF '%1$s' = (SELECT tableowner FROM pg_tables WHERE schemaname = 'specbench' AND tablename = 'runs') THEN\n"
	"    RAISE EXCEPTION 'role %1$s owns the history: a %2$s has a role of its own';\n"
	"  END IF;\n"
	"  IF pg_has_role('%1$s', '%3$s', 'MEMBER') THEN\n"
	"    RAISE EXCEPTION 'role %1$s is a %4$s too: one role, one kind';\n"
	"  END IF;\n"
	"END $role$;\n"
	"GRANT specbench_%2$s TO \"%1$s\";\n";

/* A host's runs stored before schema 7 (left to the owner by init) are
 * given to it by their hostname; its machine id is theirs when they agree
 * on one. */
static const char adopt_sql[] =
	"INSERT INTO specbench.hosts (role, hostname, machine_id, created_at) VALUES ('%1$s', '%2$s', %3$s, '%4$s')\n"
	"  ON CONFLICT (role) DO UPDATE SET hostname = excluded.hostname,\n"
	"  machine_id = coalesce(excluded.machine_id, specbench.hosts.machine_id);\n"
	"UPDATE specbench.runs SET owner_role = '%1$s' WHERE hostname = '%2$s'\n"
	"  AND owner_role = (SELECT tableowner FROM pg_tables WHERE schemaname = 'specbench' AND tablename = 'runs');\n"
	"UPDATE specbench.figures f SET owner_role = '%1$s' FROM specbench.runs r\n"
	"  WHERE r.id = f.run_id AND r.owner_role = '%1$s' AND f.owner_role <> '%1$s';\n"
	"UPDATE specbench.run_facts x SET owner_role = '%1$s' FROM specbench.runs r\n"
	"  WHERE r.id = x.run_id AND r.owner_role = '%1$s' AND x.owner_role <> '%1$s';\n"
	"UPDATE specbench.run_checks x SET owner_role = '%1$s' FROM specbench.runs r\n"
	"  WHERE r.id = x.run_id AND r.owner_role = '%1$s' AND x.owner_role <> '%1$s';\n"
	"UPDATE specbench.hosts SET machine_id = (SELECT min(machine_id) FROM specbench.runs WHERE owner_role = '%1$s')\n"
	"  WHERE role = '%1$s' AND machine_id IS NULL\n"
	"  AND (SELECT count(DISTINCT machine_id) FROM specbench.runs WHERE owner_role = '%1$s') = 1;\n"
	"UPDATE specbench.acks SET owner_role = '%1$s' WHERE owner_role <> '%1$s'\n"
	"  AND host IN (SELECT hostname FROM specbench.hosts WHERE role = '%1$s'\n"
	"               UNION SELECT machine_id FROM specbench.hosts WHERE role = '%1$s')\n"
	"  AND owner_role = (SELECT tableowner FROM pg_tables WHERE schemaname = 'specbench' AND tablename = 'acks');\n"
	"UPDATE specbench.notified SET owner_role = '%1$s' WHERE owner_role <> '%1$s'\n"
	"  AND host IN (SELECT hostname FROM specbench.hosts WHERE role = '%1$s'\n"
	"               UNION SELECT machine_id FROM specbench.hosts WHERE role = '%1$s')\n"
	"  AND owner_role = (SELECT tableowner FROM pg_tables WHERE schemaname = 'specbench' AND tablename = 'notified');\n";

int pg_grant_script(const struct history_grant *g, char **sql, struct sb_error *err)
{
	const char *role = g->host ? g->host : g->reader;
	const char *hostname = g->hostname ? g->hostname : g->host;
	char *checks = NULL, *adopt = NULL, machine[80], now[32];
	int rc;

	if (!role || (g->host && g->reader))
		return sb_usage(err, "one of --host ROLE or --reader ROLE is needed");
	if (!role_ok(role))
		return sb_usage(err, "--%s '%.80s': a role's name is 1 to 63 letters, digits, '.', '_' or '-', "
				"begins with a letter or digit, and not with pg_ or specbench_", g->host ? "host" : "reader",
				role);
	if (g->reader && (g->hostname || g->machine_id))
		return sb_usage(err, "--hostname and --machine-id are a host's, not a reader's");
	if (g->host && !hostname_ok(hostname))
		return sb_usage(err, "--hostname '%.80s' is not a hostname", hostname);
	if (g->machine_id && !machine_id_ok(g->machine_id))
		return sb_usage(err, "--machine-id '%.80s': letters, digits, '.', '_' or '-', at most 64", g->machine_id);
	if (asprintf(&checks, role_sql, role, g->host ? "host" : "reader", g->host ? "specbench_reader" : "specbench_host",
		     g->host ? "reader" : "host") < 0)
		return sb_fail(err, SB_EXIT_SYSTEM, "out of memory");
	if (g->host) {
		if (g->machine_id)
			snprintf(machine, sizeof(machine), "'%s'", g->machine_id);
		else
			snprintf(machine, sizeof(machine), "NULL");
		sql_now(now, sizeof(now));
		if (asprintf(&adopt, adopt_sql, role, hostname, machine, now) < 0)
			adopt = NULL;
	}
	rc = (!g->host || adopt) ? asprintf(sql, "SET client_min_messages TO error;\nBEGIN;\n%s%sCOMMIT;\n", checks,
					    adopt ? adopt : "") : -1;
	free(checks);
	free(adopt);
	return rc < 0 ? sb_fail(err, SB_EXIT_SYSTEM, "out of memory") : 0;
}

int pg_schema_version(struct pg *p, int *version, struct sb_error *err)
{
	PGresult *r = pg_run(p, "SELECT to_regclass('specbench.meta') IS NOT NULL", 0, NULL, "cannot read", err);
	bool have;

	if (!r)
		return -1;
	have = !strcmp(p->pq.getvalue(r, 0, 0), "t");
	p->pq.clear(r);
	*version = 0;
	if (!have)
		return 0;
	r = pg_run(p, "SELECT (SELECT value FROM specbench.meta WHERE key = 'application'), "
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
