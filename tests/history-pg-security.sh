#!/bin/sh
# history-pg-security.sh - the fleet store a compromised VM cannot harm
# (issue 24), TAP.  $SPECBENCH is the binary under test.
#
# A real PostgreSQL (tests/tools/pg.sh) with TLS and certificate logins
# only: a CA, a server certificate for 127.0.0.1 and the roles' client
# certificates, all made by openssl here; pg_hba takes "hostssl ... cert"
# over TCP.  The owner (sbowner: CREATEROLE, owns the database, no
# superuser) runs history init and grant; vm_a and vm_b are two VMs, ops a
# reader.  Then vm_a, with its own certificate and psql, tries everything
# a broken-into VM would against vm_b and the store: each attempt must be
# refused, and vm_b's rows must stay byte for byte what they were.
# vm_a's own run, regress, ack and spool replay must still work, the
# reader's fleet and page must be byte for byte the single login's, and a
# store made by the single-login version (schema 6) must be taken over.
set -u
sb=${SPECBENCH:-build/specbench}
here=$(dirname "$0")
. "$here/tools/pg.sh"
pg_suite pgsec
. "$here/lib.sh"
py=/usr/bin/python3
export SOURCE_DATE_EPOCH=1795435200 TZ=UTC

if ! pg_find || ! command -v openssl > /dev/null; then
	skip "PostgreSQL with TLS" "Debian's postgresql or openssl is not installed (make deps)"
	finish
	exit $?
fi
pg_start "$tmp/initdb.log"
ok "a PostgreSQL of the test's own on 127.0.0.1:$port" $?
pg_tls_certs "$tmp/tls" sbowner vm_a vm_b ops
ok "a CA, a server certificate and the roles' certificates made by openssl" $?
# what a DBA does once: the owner may make roles, owns the database, is no superuser
psql -c "CREATE ROLE sbowner LOGIN CREATEROLE" > /dev/null &&
	psql -c "CREATE DATABASE fleet OWNER sbowner" > /dev/null &&
	psql -c "CREATE DATABASE legacy" > /dev/null
ok "an owner role and its database" $?
pg_tls_on "$tmp/tls"
ok "TLS on, certificate logins only (hostssl ... cert)" $?

# url ROLE [CERT KEY CA DB]: a role's URL, verify-full against the test's CA
url() {
	echo "postgresql://$1@127.0.0.1:$port/${5:-fleet}?sslmode=verify-full&sslrootcert=$tmp/tls/${4:-ca}.crt&sslcert=$tmp/tls/${2:-$1}.crt&sslkey=$tmp/tls/${3:-$1}.key&connect_timeout=5"
}
# as ROLE SQL: psql as that role, over TLS with its certificate; stops at the first error
as() {
	role=$1
	shift
	"$pgbin/psql" -X -q -t -A -v ON_ERROR_STOP=1 \
		"host=127.0.0.1 port=$port dbname=fleet user=$role sslmode=verify-full sslrootcert=$tmp/tls/ca.crt sslcert=$tmp/tls/$role.crt sslkey=$tmp/tls/$role.key" \
		-c "$@"
}
# the server's own view, over its socket (the test's superuser)
su() { "$pgbin/psql" -X -q -t -A -h "$pgd" -p "$port" -U specbench -d "${db:-fleet}" -c "$@"; }
A=$(url vm_a)
B=$(url vm_b)
O=$(url sbowner)
R=$(url ops)

# ---- who gets in --------------------------------------------------------------------------
psql -c "CREATE ROLE vm_c LOGIN" > /dev/null
expect 2 "sbowner with its own certificate: in (an empty store: no history there yet)" "$sb" history list --history "$O"
has "$tmp/err" "history init" "and the message names the command that makes it"
expect 3 "no client certificate: refused" \
	"$sb" history list --history "postgresql://sbowner@127.0.0.1:$port/fleet?sslmode=verify-full&sslrootcert=$tmp/tls/ca.crt&connect_timeout=5"
expect 3 "vm_a's name with vm_b's certificate: refused" "$sb" history list --history "$(url vm_a vm_b vm_b)"
expect 3 "vm_b's certificate with vm_a's key: refused" "$sb" history list --history "$(url vm_b vm_b vm_a)"
expect 3 "a certificate of another CA: refused" "$sb" history list --history "$(url vm_a vm_a-other vm_a-other)"
expect 3 "the server checked against another CA (verify-full): refused" \
	"$sb" history list --history "$(url vm_a vm_a vm_a other-ca)"
expect 3 "without TLS (sslmode=disable): no pg_hba line lets it in" \
	"$sb" history list --history "postgresql://vm_a@127.0.0.1:$port/fleet?sslmode=disable&connect_timeout=5"

# ---- a VM never makes the store ------------------------------------------------------------
"$sb" run --spec standard --profile smoke --only cpu --no-warmup --dir "$tmp" --out "$tmp/first" \
	--history "$tmp/local.db" --format json > /dev/null 2>&1
me=$(jq -r .host.hostname "$tmp"/first/*.json)
mid=$(jq -r .host.machine_id "$tmp"/first/*.json)
[ -n "$me" ] && [ "$me" != null ]
ok "this machine is host '$me' (machine id $mid): vm_a" $?
psql -c "CREATE ROLE vm_a LOGIN" > /dev/null
vmrun() {  # vmrun URL SPOOL: vm_a's smoke run into the central history; its verdict (exit 1) is no failure here
	"$sb" run --spec standard --profile smoke --only cpu --no-warmup --dir "$tmp" --out "$tmp/runs-out" \
		--history "$1" --spool "$2" --format json
	rc=$?
	[ $rc -eq 1 ] && return 0
	return $rc
}
expect 3 "vm_a's run into a store no one initialised: exit 3" vmrun "$A" "$tmp/spool"
has "$tmp/err" "specbench history init" "names the owner's command"
[ "$(ls "$tmp/spool" | wc -l)" -eq 1 ]
ok "and the run is spooled" $?
[ -z "$(su "SELECT to_regnamespace('specbench')")" ]
ok "nothing made by the VM: no schema specbench" $?

# ---- the owner's commands -------------------------------------------------------------------
expect 3 "history grant before init: exit 3" "$sb" history grant --history "$O" --host vm_a --hostname "$me"
has "$tmp/err" "history init" "names init"
expect 0 "history init as the owner (no superuser)" "$sb" history init --history "$O"
! grep -q warning "$tmp/err"
ok "no warning: the owner owns the database, so VMs lose temporary tables and public" $?
expect 0 "history grant --host vm_a (the role exists)" "$sb" history grant --history "$O" --host vm_a --hostname "$me"
expect 0 "history grant --host vm_b (made by it)" "$sb" history grant --history "$O" --host vm_b --hostname app001
expect 0 "history grant --reader ops" "$sb" history grant --history "$O" --reader ops
expect 0 "history grant --print: the SQL only" "$sb" history grant --print --host vm_x --hostname x.example
has "$tmp/out" 'GRANT specbench_host TO "vm_x"' "the grant it would run"
[ -z "$(su "SELECT 1 FROM pg_roles WHERE rolname = 'vm_x'")" ]
ok "and no role made" $?
for bad in "vm_a'; DROP SCHEMA specbench CASCADE; --" 'x"y' 'pg_monitor' 'specbench_reader' ''; do
	expect 2 "a role named '$bad': refused, never quoted into SQL" "$sb" history grant --history "$O" --host "$bad"
done
expect 2 "a hostname that is not one" "$sb" history grant --history "$O" --host vm_z --hostname "a'b"
psql -c "CREATE ROLE mighty LOGIN BYPASSRLS" > /dev/null
expect 3 "a role that passes row-level security: not made a host" "$sb" history grant --history "$O" --host mighty
has "$tmp/err" "could pass the policies" "says why"
[ "$(su "SELECT count(*) FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member WHERE r.rolname = 'mighty'")" = 0 ]
ok "and it is in no group" $?
expect 3 "the owner cannot be a host" "$sb" history grant --history "$O" --host sbowner
expect 3 "a host cannot be a reader too" "$sb" history grant --history "$O" --reader vm_b
expect 3 "a VM cannot grant" "$sb" history grant --history "$A" --host vm_c --hostname c.example
expect 3 "nor init" "$sb" history init --history "$A"
su "SELECT rolname FROM pg_roles WHERE rolname IN ('sbowner', 'vm_a', 'vm_b', 'ops') AND (rolsuper OR rolbypassrls)" > "$tmp/x"
[ ! -s "$tmp/x" ]
ok "no role of the fleet is a superuser or passes row-level security" $?
[ "$(su "SELECT count(*) FROM pg_class WHERE relnamespace = 'specbench'::regnamespace AND relkind = 'r' AND relrowsecurity AND relforcerowsecurity")" = 7 ]
ok "row-level security on and forced on the seven tables of hosts' rows" $?
su "SELECT tablename || ' ' || policyname FROM pg_policies WHERE schemaname = 'specbench' AND cmd = 'ALL'" > "$tmp/x"
[ ! -s "$tmp/x" ]
ok "one policy per command: none FOR ALL" $?

# ---- two VMs' histories ----------------------------------------------------------------------
"$py" "$here/tools/make_history.py" "$tmp/runs" 2 12 7 standard
for h in 000 001; do  # each host's CPU drops by 40 % over its last three runs
	for r in 0009 0010 0011; do
		jq '.bench.cpu.events_per_sec *= 0.6' "$tmp/runs/$h-$r.json" > "$tmp/x.json" && mv "$tmp/x.json" "$tmp/runs/$h-$r.json"
	done
done
for f in "$tmp"/runs/000-*.json; do  # host 0 is this machine, vm_a
	jq --arg h "$me" --arg m "$mid" '.host.hostname = $h | .host.machine_id = $m' "$f" > "$tmp/x.json" && mv "$tmp/x.json" "$f"
done
bid=$(jq -r .host.machine_id "$tmp/runs/001-0000.json")
expect 0 "vm_b stores its runs" "$sb" history add --history "$B" "$tmp"/runs/001-*.json
expect 0 "vm_a stores its runs" "$sb" history add --history "$A" "$tmp"/runs/000-*.json
expect 1 "vm_b's regress finds its regression" "$sb" regress --history "$B" --host "$bid" --format json
expect 0 "vm_b acknowledges it" "$sb" regress ack --history "$B" --host "$bid" --benchmark cpu --metric events_per_sec \
	--reason "vm_b's own"
as vm_b "INSERT INTO specbench.notified (host, benchmark, metric, url, state, since_run, created_at)
	VALUES ('$bid', 'cpu', 'events_per_sec', 'http://alerts.example/hook', 'REGRESSED', 10, '2026-01-01T00:00:00Z')"
ok "vm_b keeps its alert state" $?
bruns=$(su "SELECT string_agg(id::text, ',') FROM specbench.runs WHERE owner_role = 'vm_b'")
b1=${bruns%%,*}
# everything of vm_b's, and every object of the store, as the server sees them
state() {
	su "SELECT md5(string_agg(x, '|' ORDER BY x)) FROM (
		SELECT t::text AS x FROM specbench.runs t WHERE owner_role = 'vm_b'
		UNION ALL SELECT t::text FROM specbench.figures t WHERE owner_role = 'vm_b'
		UNION ALL SELECT t::text FROM specbench.run_facts t WHERE owner_role = 'vm_b'
		UNION ALL SELECT t::text FROM specbench.run_checks t WHERE owner_role = 'vm_b'
		UNION ALL SELECT t::text FROM specbench.acks t WHERE owner_role = 'vm_b'
		UNION ALL SELECT t::text FROM specbench.notified t WHERE owner_role = 'vm_b'
		UNION ALL SELECT t::text FROM specbench.hosts t WHERE role = 'vm_b'
		UNION ALL SELECT 'object ' || c.oid::regclass || ' ' || c.relkind::text FROM pg_class c
			WHERE c.relnamespace IN ('specbench'::regnamespace, 'public'::regnamespace)
		UNION ALL SELECT 'function ' || p.oid::regprocedure FROM pg_proc p
			WHERE p.pronamespace IN ('specbench'::regnamespace, 'public'::regnamespace)
		UNION ALL SELECT 'trigger ' || tgname FROM pg_trigger WHERE NOT tgisinternal
		UNION ALL SELECT 'policy ' || tablename || ' ' || policyname || ' ' || cmd || ' ' || coalesce(qual, '') || ' ' || coalesce(with_check, '')
			FROM pg_policies
		UNION ALL SELECT 'rls ' || relname || relrowsecurity || relforcerowsecurity FROM pg_class
			WHERE relnamespace = 'specbench'::regnamespace
		UNION ALL SELECT 'role ' || rolname || rolsuper || rolbypassrls || rolcreaterole || rolcreatedb FROM pg_roles
		UNION ALL SELECT 'member ' || m.member::regrole || ' ' || m.roleid::regrole FROM pg_auth_members m
		UNION ALL SELECT 'acl ' || c.relname || ' ' || coalesce(c.relacl::text, '') FROM pg_class c
			WHERE c.relnamespace = 'specbench'::regnamespace
	) s"
}
before=$(state)
[ -n "$before" ]
ok "vm_b's rows and the store's objects, fingerprinted" $?

# ---- vm_a attacks (each must be refused; vm_b's rows must not change) --------------------------
# refused WHAT SQL: psql as vm_a fails; zero WHAT SQL: it answers 0 (row-level security hides the rows)
refused() {
	as vm_a "$2" > "$tmp/out" 2> "$tmp/err"
	lib_rc=$?
	# the server's refusal ("ERROR:"), not a connection that failed (psql says "error:")
	[ $lib_rc -ne 0 ] && grep -q '^ERROR: ' "$tmp/err"
	ok "vm_a: $1: refused ($(head -n 1 "$tmp/err" | cut -c1-90))" $?
}
zero() {
	got=$(as vm_a "$2" 2> "$tmp/err")
	[ "$got" = 0 ]
	ok "vm_a: $1: sees nothing (got '$got')" $?
}
zero "SELECT vm_b's runs" "SELECT count(*) FROM specbench.runs WHERE hostname = 'app001' OR machine_id = '$bid'"
zero "SELECT vm_b's run by id" "SELECT count(*) FROM specbench.runs WHERE id = $b1"
zero "SELECT vm_b's figures" "SELECT count(*) FROM specbench.figures WHERE run_id IN ($bruns)"
zero "SELECT vm_b's facts" "SELECT count(*) FROM specbench.run_facts WHERE run_id IN ($bruns)"
zero "SELECT vm_b's checks" "SELECT count(*) FROM specbench.run_checks WHERE run_id IN ($bruns)"
zero "SELECT vm_b's acknowledgements" "SELECT count(*) FROM specbench.acks WHERE host = '$bid'"
zero "SELECT vm_b's alert state" "SELECT count(*) FROM specbench.notified WHERE host = '$bid'"
zero "SELECT the other hosts" "SELECT count(*) FROM specbench.hosts WHERE role <> 'vm_a'"
zero "SELECT anything of another owner's" "SELECT count(*) FROM specbench.runs WHERE owner_role <> session_user"
zero "SET ROLE to the hosts' group, then SELECT vm_b's runs" \
	"SET ROLE specbench_host; SELECT count(*) FROM specbench.runs WHERE hostname = 'app001'"
expect 2 "vm_a: history show of vm_b's run: no such run" "$sb" history show --history "$A" "$b1"
expect 0 "vm_a: history list --host vm_b" "$sb" history list --history "$A" --host "$bid" --format json
jeq "$tmp/out" 'length' 0 "an empty list"
expect 2 "vm_a: regress of vm_b: no runs of it" "$sb" regress --history "$A" --host "$bid"
doc=$(jq -c . "$tmp/runs/000-0000.json" | sed "s/'/''/g")
ins="INSERT INTO specbench.runs (digest, machine_id, hostname, created_at, document)"
refused "INSERT a run claiming vm_b's machine id" "$ins VALUES ('f1', '$bid', '$me', '2030-01-01T00:00:00Z', '{}')"
refused "INSERT a run claiming vm_b's hostname" "$ins VALUES ('f2', '$mid', 'app001', '2030-01-01T00:00:00Z', '{}')"
refused "INSERT a run with vm_b's role as its owner" \
	"INSERT INTO specbench.runs (digest, machine_id, hostname, created_at, document, owner_role) VALUES ('f3', '$mid', '$me', '2030-01-01T00:00:00Z', '{}', 'vm_b')"
jq --arg m "$bid" '.host.machine_id = $m | .created_at = "2030-01-01T00:00:00Z"' "$tmp/runs/000-0000.json" > "$tmp/forged.json"
expect 3 "vm_a: history add of a run document claiming vm_b's machine" "$sb" history add --history "$A" "$tmp/forged.json"
has "$tmp/err" "not of $bid" "the server says whose it is not"
jq '.host.hostname = "app001" | .created_at = "2030-01-01T00:00:00Z"' "$tmp/runs/000-0000.json" > "$tmp/forged.json"
expect 3 "vm_a: history add of a run document claiming vm_b's hostname" "$sb" history add --history "$A" "$tmp/forged.json"
refused "INSERT a figure into vm_b's run" \
	"INSERT INTO specbench.figures (run_id, benchmark, metric, value, cached, unstable) VALUES ($b1, 'cpu', 'x', 1, false, false)"
refused "INSERT facts of vm_b's run" "INSERT INTO specbench.run_facts (run_id, os) VALUES ($b1, 'forged')"
refused "INSERT a check into vm_b's run (a FAIL on its page)" \
	"INSERT INTO specbench.run_checks (run_id, check_id, status) VALUES ($b1, 'forged', 'FAIL')"
refused "INSERT a check into vm_b's run, owned as vm_b" \
	"INSERT INTO specbench.run_checks (run_id, check_id, status, owner_role) VALUES ($b1, 'forged', 'FAIL', 'vm_b')"
refused "UPDATE checks (vm_b's FAILs to PASS)" "UPDATE specbench.run_checks SET status = 'PASS'"
refused "DELETE checks" "DELETE FROM specbench.run_checks"
refused "UPDATE vm_b's runs" "UPDATE specbench.runs SET verdict = 'FAIL' WHERE id = $b1"
refused "UPDATE its own past runs" "UPDATE specbench.runs SET verdict = 'PASS'"
refused "UPDATE vm_b's figures" "UPDATE specbench.figures SET value = 1 WHERE run_id = $b1"
refused "UPDATE its own figures" "UPDATE specbench.figures SET value = value * 2"
refused "DELETE vm_b's runs" "DELETE FROM specbench.runs WHERE id = $b1"
refused "DELETE its own past runs" "DELETE FROM specbench.runs"
refused "DELETE figures" "DELETE FROM specbench.figures"
refused "DELETE vm_b's acknowledgement" "DELETE FROM specbench.acks"
refused "UPDATE vm_b's acknowledgement's host" "UPDATE specbench.acks SET host = 'x'"
refused "INSERT an acknowledgement of vm_b's regression" \
	"INSERT INTO specbench.acks (host, benchmark, metric, since_run, reason, created_at) VALUES ('$bid', 'cpu', 'events_per_sec', 10, 'silenced', 'x')"
refused "UPSERT over vm_b's acknowledgement" \
	"INSERT INTO specbench.acks (host, benchmark, metric, since_run, reason, created_at) SELECT '$bid', 'cpu', 'events_per_sec', since_run, 'x', 'x' FROM (VALUES ($b1)) v(since_run) ON CONFLICT (host, benchmark, metric, since_run) DO UPDATE SET reason = 'x'"
expect 2 "vm_a: regress ack of vm_b's regression: no run of vm_b's to be seen" "$sb" regress ack --history "$A" \
	--host "$bid" --benchmark cpu --metric events_per_sec --reason silenced
refused "clear vm_b's alert state (DELETE)" "DELETE FROM specbench.notified"
zero "clear vm_b's alert state (UPDATE: no row of vm_b's is there to change)" \
	"WITH u AS (UPDATE specbench.notified SET state = 'OK' WHERE host = '$bid' RETURNING 1) SELECT count(*) FROM u"
refused "write vm_b's alert state" \
	"INSERT INTO specbench.notified (host, benchmark, metric, url, state, created_at) VALUES ('$bid', 'cpu', 'events_per_sec', 'http://alerts.example/hook', 'OK', 'x') ON CONFLICT (host, benchmark, metric, url) DO UPDATE SET state = 'OK'"
refused "register itself as vm_b's hostname" "UPDATE specbench.hosts SET hostname = 'app001'"
refused "register a host" "INSERT INTO specbench.hosts (role, hostname, created_at) VALUES ('vm_a2', 'app001', 'x')"
for t in runs figures run_facts run_checks acks notified hosts meta; do
	refused "TRUNCATE $t" "TRUNCATE specbench.$t"
	refused "DROP TABLE $t" "DROP TABLE specbench.$t CASCADE"
	refused "ALTER TABLE $t" "ALTER TABLE specbench.$t DISABLE ROW LEVEL SECURITY"
done
refused "DROP SCHEMA specbench" "DROP SCHEMA specbench CASCADE"
refused "DROP a policy" "DROP POLICY host_select ON specbench.runs"
refused "ALTER its role to pass the policies" "ALTER ROLE vm_a BYPASSRLS"
refused "grant itself the readers' group" "GRANT specbench_reader TO vm_a"
refused "UPDATE meta (the schema version)" "UPDATE specbench.meta SET value = '99'"
refused "CREATE TABLE in the schema" "CREATE TABLE specbench.planted (x int)"
refused "CREATE FUNCTION in the schema" \
	"CREATE FUNCTION specbench.planted() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END'"
refused "CREATE TRIGGER on acks" \
	"CREATE TRIGGER planted BEFORE INSERT ON specbench.acks FOR EACH ROW EXECUTE FUNCTION specbench.bind_run()"
refused "CREATE TABLE in public" "CREATE TABLE public.planted (x int)"
refused "CREATE FUNCTION in public" "CREATE FUNCTION public.lower(text) RETURNS text LANGUAGE sql AS 'SELECT 1::text'"
refused "CREATE TEMP TABLE" "CREATE TEMP TABLE planted (x int)"
refused "CREATE a function in pg_temp" "CREATE FUNCTION pg_temp.f() RETURNS int LANGUAGE sql AS 'SELECT 1'"
refused "CREATE SCHEMA" "CREATE SCHEMA planted"
refused "call the binding trigger's function" "SELECT specbench.bind_run()"
refused "COPY ... TO PROGRAM" "COPY (SELECT 1) TO PROGRAM 'touch $tmp/pwned'"
refused "read a server file" "SELECT pg_read_file('postgresql.conf')"
after=$(state)
[ "$before" = "$after" ] && [ ! -e "$tmp/pwned" ]
ok "vm_b's rows, the store's objects, roles and rights: byte for byte unchanged" $?

# ---- vm_a's own work, under its certificate ------------------------------------------------------
expect 1 "vm_a's regress of itself finds its regression" "$sb" regress --history "$A" --host "$mid" --format json
jeq "$tmp/out" '.metrics[] | select(.metric == "events_per_sec") | .state' REGRESSED "the planted step"
expect 0 "vm_a acknowledges its own" "$sb" regress ack --history "$A" --host "$mid" --benchmark cpu \
	--metric events_per_sec --reason "vm_a's own"
expect 0 "and again (an upsert of its own row)" "$sb" regress ack --history "$A" --host "$mid" --benchmark cpu \
	--metric events_per_sec --reason "vm_a's own, again"
expect 0 "vm_a's regress: acknowledged" "$sb" regress --history "$A" --host "$mid" --format json
jeq "$tmp/out" '.metrics[] | select(.metric == "events_per_sec") | .acknowledged.reason' "vm_a's own, again" "with its reason"
expect 0 "vm_a's run ships the spooled one first" vmrun "$A" "$tmp/spool"
has "$tmp/err" "1 spooled run shipped to the history" "the spool replayed"
[ -z "$(ls -A "$tmp/spool")" ]
ok "the spool is empty" $?
[ "$(su "SELECT count(*) FROM specbench.runs WHERE owner_role = 'vm_a'")" = 14 ]
ok "vm_a's 12 runs, the spooled one and the new one are vm_a's" $?
[ "$(su "SELECT machine_id FROM specbench.hosts WHERE role = 'vm_a'")" = "$mid" ]
ok "vm_a's machine id bound on its first run" $?
expect 0 "the same document again: one run" "$sb" history add --history "$A" "$tmp/runs/000-0000.json"
has "$tmp/out" "already stored" "stored once"
[ "$before" = "$(state)" ]
ok "and vm_b's rows still unchanged" $?

# ---- the reader: fleet and the page, byte for byte the single login's -----------------------------
# the single login saw every row, as the server's superuser does
SU="postgresql://specbench@127.0.0.1:$port/fleet?host=$pgd"
expect 0 "history init run again by a DBA's superuser" "$sb" history init --history "$SU"
has "$tmp/err" "superuser" "warns that the owner should be no superuser"
expect 0 "the owner still reads every run (its policies name the tables' owner)" \
	"$sb" history list --history "$O" --format json
jeq "$tmp/out" length "$(su "SELECT count(*) FROM specbench.runs")" "all of them"
expect 0 "fleet as the reader" "$sb" fleet --spec standard --history "$R" --format json
cp "$tmp/out" "$tmp/fleet-reader"
"$sb" fleet --spec standard --history "$SU" --format json > "$tmp/fleet-single" 2> /dev/null
cmp -s "$tmp/fleet-reader" "$tmp/fleet-single"
ok "fleet: the reader's report is byte for byte the single login's" $?
jeq "$tmp/fleet-reader" .hosts 2 "both hosts in it"
"$sb" page --spec standard --history "$R" -o "$tmp/page-reader" 2> /dev/null &&
	"$sb" page --spec standard --history "$SU" -o "$tmp/page-single" 2> /dev/null &&
	diff -r "$tmp/page-reader" "$tmp/page-single" > /dev/null
ok "page: the reader's pages are byte for byte the single login's" $?
expect 0 "dashboard as the reader" "$sb" dashboard --spec standard --history "$R" -o "$tmp/dash-reader"
[ "$(ls "$tmp"/dash-reader/host-*.en.html | wc -l)" -eq 2 ] && grep -q '>app001</a>' "$tmp/dash-reader/index.en.html"
ok "the reader's dashboard has both VMs" $?
grep -q 'class="state s-ACKED"' "$tmp/dash-reader/index.en.html" && grep -q "vm_b&#39;s own" "$tmp/dash-reader/index.en.html"
ok "and vm_b's acknowledged regression in it, with its reason" $?
grep -A 3 '<section id="acks">' "$tmp"/dash-reader/host-standard-"$bid".en.html | grep -q "vm_b&#39;s own"
ok "and in the acknowledgements of vm_b's page" $?
expect 0 "dashboard as vm_a" "$sb" dashboard --spec standard --history "$A" -o "$tmp/dash-a"
[ "$(ls "$tmp"/dash-a/host-*.en.html | wc -l)" -eq 1 ] && ! grep -q 'app001' "$tmp"/dash-a/*.html
ok "a VM's dashboard shows itself alone: nothing of vm_b's" $?
expect 3 "the reader cannot store a run" "$sb" history add --history "$R" "$tmp/runs/001-0000.json"
expect 3 "nor acknowledge" "$sb" regress ack --history "$R" --host "$bid" --benchmark cpu --metric events_per_sec \
	--reason x
"$pgbin/psql" -X -q -t -A "host=127.0.0.1 port=$port dbname=fleet user=ops sslmode=verify-full sslrootcert=$tmp/tls/ca.crt sslcert=$tmp/tls/ops.crt sslkey=$tmp/tls/ops.key" \
	-c "SELECT count(*) FROM specbench.notified" > /dev/null 2>&1
[ $? -ne 0 ]
ok "nor read the alert state (its URLs may hold tokens)" $?

# ---- DROP ROLE of vm_a stops vm_a alone ------------------------------------------------------
psql -c "DROP ROLE vm_a" > /dev/null
ok "DROP ROLE vm_a" $?
expect 3 "vm_a: refused" "$sb" history list --history "$A"
jq '.created_at = "2030-02-01T00:00:00Z"' "$tmp/runs/001-0011.json" > "$tmp/b-new.json"
expect 0 "vm_b: stores a new run" "$sb" history add --history "$B" "$tmp/b-new.json"
expect 0 "the reader: fleet still reads both" "$sb" fleet --spec standard --history "$R" --format json
jeq "$tmp/out" .hosts 2 "vm_a's runs stay, for the operators"

# ---- a store of the single-login version (schema 6), taken over -------------------------------
# tests/data/pg-legacy-v6.*: a store the last single-login version made, and what it
# printed of it (see pg-legacy-v6.README)
db=legacy su "CREATE ROLE legacy LOGIN CREATEROLE" > /dev/null &&
	db=legacy su "ALTER DATABASE legacy OWNER TO legacy" > /dev/null &&
	gzip -dc "$here/data/pg-legacy-v6.sql.gz" |
	"$pgbin/psql" -X -q -h "$pgd" -p "$port" -U legacy -d legacy -v ON_ERROR_STOP=1 > /dev/null 2>&1
ok "the single-login store restored, owned by its login" $?
# sum NAME FILE: FILE's bytes are what the single-login version printed as NAME
sum() { [ "$(sha256sum < "$2" | cut -d' ' -f1)" = "$(awk -v n="$1" '$2 == n { print $1 }' "$here/data/pg-legacy-v6.sha256")" ]; }
L="postgresql://legacy@127.0.0.1:$port/legacy?host=$pgd"
expect 3 "a VM's run into it before init: exit 3" "$sb" history add --history "$L" "$tmp/runs/001-0000.json"
has "$tmp/err" "schema 6" "names the old schema"
# a trigger a VM planted with the shared login: init must not run it, nor go on
db=legacy su "SET ROLE legacy; CREATE FUNCTION specbench.planted() RETURNS trigger LANGUAGE plpgsql AS
	\$\$ BEGIN RAISE EXCEPTION 'the planted trigger ran'; END \$\$;
	CREATE TRIGGER planted BEFORE UPDATE ON specbench.runs FOR EACH ROW EXECUTE FUNCTION specbench.planted()" > /dev/null
expect 3 "history init: refuses a store with a planted trigger" "$sb" history init --history "$L"
has "$tmp/err" "trigger planted on specbench.runs" "naming it"
has "$tmp/err" "function specbench.planted()" "and its function"
[ "$(db=legacy su "SELECT value FROM specbench.meta WHERE key = 'schema_version'")" = 6 ]
ok "and changes nothing" $?
db=legacy su "DROP TRIGGER planted ON specbench.runs; DROP FUNCTION specbench.planted()" > /dev/null
expect 0 "history init takes it over" "$sb" history init --history "$L"
has "$tmp/out" "schema 6, brought up to schema 8" "says so"
[ "$(db=legacy su "SELECT count(*) FROM specbench.runs WHERE owner_role <> 'legacy'")" = 0 ]
ok "its runs are the owner's until granted" $?
# its documents again (make_history.py is deterministic): each is the run stored before,
# found by its digest, SHA-256 now
"$py" "$here/tools/make_history.py" "$tmp/legacy-runs" 2 8 7 standard
expect 0 "a legacy run's document stored again after the takeover" \
	"$sb" history add --history "$L" "$tmp/legacy-runs/001-0003.json"
has "$tmp/out" "already stored" "is the run stored before (its digest recomputed as SHA-256)"
"$sb" history export --format json --history "$L" > "$tmp/legacy-owner.json" 2> /dev/null
# the mapping the operator gives: one grant per host, by hostname
db=legacy su "CREATE ROLE legacy_a LOGIN; CREATE ROLE legacy_ops LOGIN" > /dev/null
lh0=$(db=legacy su "SELECT min(hostname) FROM specbench.runs")
lh1=$(db=legacy su "SELECT max(hostname) FROM specbench.runs")
expect 0 "history grant --host: the first host's runs become its own" \
	"$sb" history grant --history "$L" --host legacy_a --hostname "$lh0"
expect 0 "history grant --reader" "$sb" history grant --history "$L" --reader legacy_ops
[ "$(db=legacy su "SELECT count(DISTINCT owner_role) || ' ' || min(owner_role) FROM specbench.runs WHERE hostname = '$lh0'")" = "1 legacy_a" ] &&
	[ "$(db=legacy su "SELECT count(*) FROM specbench.runs WHERE hostname = '$lh1' AND owner_role <> 'legacy'")" = 0 ] &&
	[ "$(db=legacy su "SELECT count(*) FROM specbench.figures f JOIN specbench.runs r ON r.id = f.run_id WHERE f.owner_role <> r.owner_role")" = 0 ]
ok "the first host's runs and figures are legacy_a's, the other's still the owner's" $?
[ "$(db=legacy su "SELECT owner_role FROM specbench.acks")" = legacy_a ]
ok "its acknowledgement too" $?
LR="postgresql://legacy_ops@127.0.0.1:$port/legacy?host=$pgd"
"$sb" history export --format json --history "$LR" > "$tmp/legacy-reader.json" 2> /dev/null
cmp -s "$tmp/legacy-owner.json" "$tmp/legacy-reader.json" && sum history-export.json "$tmp/legacy-reader.json"
ok "history export: the reader's and the owner's are byte for byte what the single login's was" $?
"$sb" fleet --spec standard --format json --history "$LR" > "$tmp/legacy-fleet.json" 2> /dev/null
sum fleet.json "$tmp/legacy-fleet.json"
ok "fleet: the reader's report is byte for byte what the single login's was" $?
LA="postgresql://legacy_a@127.0.0.1:$port/legacy?host=$pgd"
own=$(db=legacy su "SELECT count(*) FROM specbench.runs WHERE hostname = '$lh0'")
expect 0 "legacy_a reads its own runs" "$sb" history list --history "$LA" --format json
jeq "$tmp/out" length "$own" "all $own of them, and none of the other host's"
finish
