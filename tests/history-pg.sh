#!/bin/sh
# history-pg.sh - the history in PostgreSQL (history/postgres.c), TAP.
# $SPECBENCH is the binary under test.  A real server: Debian's postgresql,
# initdb and pg_ctl in a temporary directory, run as an unprivileged user
# (nobody when the test runs as root), on a private port of 127.0.0.1 and a
# socket in that directory; stopped and removed at the end.  The same runs
# go into SQLite and into PostgreSQL: list, export, show, regress and the
# spec page must say exactly the same of both.
set -u
sb=${SPECBENCH:-build/specbench}
here=$(dirname "$0")
. "$here/tools/pg.sh"
pg_suite pg
. "$here/lib.sh"
py=/usr/bin/python3
export SOURCE_DATE_EPOCH=1795435200 TZ=UTC

if ! pg_find; then
	skip "PostgreSQL" "Debian's postgresql is not installed (make deps)"
	finish
	exit $?
fi
pg_start "$tmp/initdb.log"
ok "initdb and pg_ctl start as an unprivileged user, on 127.0.0.1:$port" $?

# ---- the same runs in both stores ---------------------------------------------------
"$py" "$here/tools/make_history.py" "$tmp/runs" 2 12 7 standard
# host 0's CPU drops by 40 % over its last three runs: a regression
for r in 0009 0010 0011; do
	jq '.bench.cpu.events_per_sec *= 0.6' "$tmp/runs/000-$r.json" > "$tmp/x.json" && mv "$tmp/x.json" "$tmp/runs/000-$r.json"
done
# host 1 records its application's version and its data directory's device
for f in "$tmp"/runs/001-*.json; do
	jq '.host.app_version = "2.4.1" | .bench.device = "nvme0n1"' "$f" > "$tmp/x.json" && mv "$tmp/x.json" "$f"
done
expect 2 "an empty database: no history there yet" "$sb" history list --history "$url"
has "$tmp/err" "no history there" "said so"
! grep -q secret "$tmp/err"
ok "the message does not show the password" $?
# a VM never makes the store (issue 24): its owner does, once
expect 3 "history add into a database no one initialised: exit 3" \
	"$sb" history add --history "$url" "$tmp/runs/000-0000.json"
has "$tmp/err" "specbench history init" "names the command that makes it"
[ -z "$(psql -t -A -c "SELECT to_regnamespace('specbench')")" ]
ok "and made nothing: no schema specbench" $?
expect 0 "history init --print: the SQL, nothing run" "$sb" history init --print
has "$tmp/out" "FORCE ROW LEVEL SECURITY" "row-level security, forced"
[ -z "$(psql -t -A -c "SELECT to_regnamespace('specbench')")" ]
ok "and still nothing made" $?
# what --print writes is what init runs: a DBA may read it and run it with psql
psql -c "CREATE DATABASE printed" > /dev/null
"$sb" history init --print | "$pgbin/psql" -X -q -v ON_ERROR_STOP=1 -h "$pgd" -p "$port" -U specbench -d printed \
	> /dev/null 2>&1
ok "history init --print, run by psql" $?
expect 0 "makes the store: history init finds it up to date" \
	"$sb" history init --history "postgresql://specbench:secret@127.0.0.1:$port/printed"
has "$tmp/out" "already up to date" "says so"
expect 0 "history init by the owner" "$sb" history init --history "$url"
has "$tmp/out" "schema 8 made" "says what it did"
expect 0 "history init again: nothing to migrate" "$sb" history init --history "$url"
has "$tmp/out" "already up to date" "says so"
expect 0 "history add into PostgreSQL" "$sb" history add --history "$url" "$tmp"/runs/*.json
expect 0 "history add into SQLite" "$sb" history add --history "$tmp/h.db" "$tmp"/runs/*.json
expect 0 "the same document again" "$sb" history add --history "$url" "$tmp/runs/000-0000.json"
has "$tmp/out" "already stored, run 1" "stored once"
for cmd in "history list --format json" "history list --spec standard --since 2020-01-05 --format json" \
	"history export --format json" "history show 5" "history list --host app001 --format csv"; do
	# shellcheck disable=SC2086
	"$sb" $cmd --history "$tmp/h.db" > "$tmp/a" 2>&1
	# shellcheck disable=SC2086
	"$sb" $cmd --history "$url" > "$tmp/b" 2>&1
	cmp -s "$tmp/a" "$tmp/b"
	lib_rc=$?
	[ $lib_rc -eq 0 ] || diff "$tmp/a" "$tmp/b" | head -n 5 | sed 's/^/#   /'
	ok "$cmd: the same from both stores" $lib_rc
done
host=$(jq -r .host.machine_id "$tmp/runs/000-0011.json")
"$sb" regress --history "$tmp/h.db" --host "$host" --format json > "$tmp/a" 2>&1
"$sb" regress --history "$url" --host "$host" --format json > "$tmp/b" 2>&1
cmp -s "$tmp/a" "$tmp/b"
ok "regress: the same judgement from both stores" $?
jeq "$tmp/b" '.metrics[] | select(.metric == "events_per_sec") | .state' REGRESSED "the planted step is found in PostgreSQL"
"$sb" page --spec standard --history "$tmp/h.db" -o "$tmp/pa" 2> /dev/null
"$sb" page --spec standard --history "$url" -o "$tmp/pb" 2> /dev/null
diff -r "$tmp/pa" "$tmp/pb" > /dev/null
ok "page: the same pages from both stores" $?
expect 0 "regress ack in PostgreSQL" "$sb" regress ack --history "$url" --host "$host" --benchmark cpu \
	--metric events_per_sec --reason "known"
expect 0 "regress after the acknowledgement" "$sb" regress --history "$url" --host "$host" --format json
jeq "$tmp/out" '.metrics[] | select(.metric == "events_per_sec") | .acknowledged.reason' known "acknowledged, with its reason"

# ---- the server away: runs kept in the spool, shipped exactly once when it is back ----
spool=$tmp/spool
runit() {  # runit: a real run (smoke, CPU only) into the central history; a FAIL of this VM is 0
	"$sb" run --spec standard --profile smoke --only cpu --no-warmup --dir "$tmp" --out "$tmp/runs-out" \
		--history "$url" --spool "$spool" --format json
	rc=$?
	[ $rc -eq 1 ] && return 0
	return $rc
}
expect 0 "a run stored centrally" runit
before=$(psql -t -A -c "SELECT count(*) FROM specbench.runs")
pg_stop
expect 3 "a run while the server is down" runit
has "$tmp/err" "the run is kept in $spool/" "the message says where the run is kept"
! grep -q secret "$tmp/err"
ok "and not the password" $?
expect 3 "another run while the server is down" runit
[ "$(ls "$spool" | wc -l)" -eq 2 ]
ok "two runs wait in the spool" $?
# a full disk under the spool as well: the run document in --out is the one
# copy, and the message says where it is and how to ship it
if [ "$(id -u)" = 0 ] && unshare --mount true 2>/dev/null; then
	mkdir -p "$tmp/fullspool"
	docs=$(ls "$tmp/runs-out" | wc -l)
	unshare --mount sh -c 'mount -t tmpfs -o size=16k tmpfs "$1" && head -c 1M /dev/zero > "$1/filler" 2>/dev/null
		shift; exec "$@"' sh "$tmp/fullspool" "$sb" run --spec standard --profile smoke --only cpu --no-warmup \
		--dir "$tmp" --out "$tmp/runs-out" --history "$url" --spool "$tmp/fullspool" --format json \
		> "$tmp/out" 2> "$tmp/err"
	rc=$?
	[ $rc -eq 3 ]
	ok "a full disk under the spool while the server is down: exit $rc (want 3)" $?
	has "$tmp/err" "No space left on device" "the full disk is named: $(cat "$tmp/err")"
	has "$tmp/err" "the run stays in $tmp/runs-out/" "the message says where the run is"
	has "$tmp/err" "history add --history URL FILE" "and how to ship it (without the password)"
	[ "$(ls "$tmp/runs-out" | wc -l)" -eq $((docs + 1)) ] && jq -e .verdict "$tmp/out" > /dev/null
	ok "the run document is kept in --out, and its verdict printed" $?
else
	skip "a full disk under the spool" "a tmpfs of its own needs root and unshare"
fi
pg_restart
ok "the server is back" $?
# one of them got in before (a run killed between storing and removing)
first=$(ls "$spool" | head -n 1)
"$sb" history add --history "$url" "$spool/$first" > /dev/null
expect 0 "the next run" runit
has "$tmp/err" "2 spooled runs shipped to the history" "ships the spool first"
[ -z "$(ls -A "$spool")" ]
ok "the spool is empty" $?
after=$(psql -t -A -c "SELECT count(*) FROM specbench.runs")
[ "$after" -eq $((before + 3)) ]
ok "each run is in the history exactly once ($before before, $after after: the two spooled and the new one)" $?
psql -t -A -c "SELECT created_at FROM specbench.runs ORDER BY id DESC LIMIT 3" > "$tmp/order"
sort -r "$tmp/order" | cmp -s - "$tmp/order"
ok "shipped oldest first" $?
echo '{"not": "a run"}' > "$spool/0000-junk.json"
expect 0 "a file in the spool that is no run" runit
has "$tmp/err" "0000-junk.json" "is named"
[ -f "$spool/0000-junk.json" ]
ok "and left there" $?
rm -f "$spool/0000-junk.json"

# ---- the fleet: 200 VMs shipped to the central store, one of them slow ------------------
# a quarter of them on a CPU twice as fast: compared among themselves, not
# flagged FAST, and the slow one found among the VMs on its own CPU
rome="AMD EPYC 7702P 64-Core Processor"
milan="AMD EPYC 7763 64-Core Processor"
"$py" "$here/tools/make_history.py" "$tmp/fleet" 200 3 11 standard 137 "$rome=1,$milan=2"
psql -c "CREATE DATABASE fleet" > /dev/null 2>&1
"$sb" history init --history "postgresql://specbench:secret@127.0.0.1:$port/fleet" > /dev/null 2>&1
ls "$tmp"/fleet/*.json | xargs -n 200 "$sb" history add --history "postgresql://specbench:secret@127.0.0.1:$port/fleet" \
	> /dev/null 2>&1
ok "600 runs of 200 VMs shipped" $?
# 6,600 figures: more than one FETCH of the export's cursor (5,000 rows)
ls "$tmp"/fleet/*.json | xargs -n 200 "$sb" history add --history "$tmp/fleet.db" > /dev/null 2>&1
for fmt in json csv; do
	"$sb" history export --format $fmt --history "$tmp/fleet.db" > "$tmp/a.$fmt" 2>&1
	"$sb" history export --format $fmt --history "postgresql://specbench:secret@127.0.0.1:$port/fleet" \
		> "$tmp/b.$fmt" 2>&1
	cmp -s "$tmp/a.$fmt" "$tmp/b.$fmt"
	ok "history export --format $fmt of 6,600 figures (two fetches): the same from both stores" $?
done
jq -e 'length == 6600 and ([.[] | "\(.run_id) \(.benchmark) \(.metric)"] | unique | length) == 6600' \
	"$tmp/b.json" > /dev/null
ok "every figure once, in JSON" $?
[ "$(wc -l < "$tmp/b.csv")" -eq 6601 ]
ok "and in CSV, a line each after the header" $?
expect 1 "fleet --spec standard finds a VM out of line (exit 1)" "$sb" fleet --spec standard \
	--history "postgresql://specbench:secret@127.0.0.1:$port/fleet" --format json
cp "$tmp/out" "$tmp/fleet.json"
jeq "$tmp/fleet.json" '[.hosts, .status] | join(" ")' "200 OUTLIERS" "200 hosts"
jeq "$tmp/fleet.json" '[.metrics[].ranking[] | select(.state != "OK") | "\(.hostname) \(.state)"] | unique | join(",")' \
	"app137 SLOW" "the planted slow host, and no other, in every figure"
jeq "$tmp/fleet.json" '[.metrics[] | select(.cpu == "'"$rome"'") | .ranking[0].hostname] | unique | join(",")' app137 \
	"ranked slowest first"
jeq "$tmp/fleet.json" '[.metrics[] | "\(.cpu) \(.hosts)"] | unique | join(",")' "$rome 150,$milan 50" \
	"each figure compared per CPU: 150 VMs on one, 50 on the other (twice as fast: no FAST)"
"$py" "$here/tools/schema_check.py" "$here/../history/fleet.schema.json" "$tmp/fleet.json" > /dev/null 2>&1
ok "the report is what history/fleet.schema.json describes" $?
expect 1 "fleet as a table" "$sb" fleet --spec standard --history "postgresql://specbench:secret@127.0.0.1:$port/fleet"
has "$tmp/out" "SLOW  app137" "the table names it"
expect 2 "fleet --format csv" "$sb" fleet --spec standard --history "$url" --format csv

# ---- what must be refused --------------------------------------------------------------
expect 3 "a wrong password" "$sb" history list --history "postgresql://specbench:wrong@127.0.0.1:$port/postgres"
has "$tmp/err" "password authentication failed" "libpq's reason"
! grep -q wrong "$tmp/err"
ok "and not the password" $?
expect 3 "a server that is not there" "$sb" history list --history "postgresql://specbench:secret@127.0.0.1:1/postgres"
psql -c "UPDATE specbench.meta SET value = '99' WHERE key = 'schema_version'"
expect 2 "a history of a newer schema" "$sb" history add --history "$url" "$tmp/runs/000-0001.json"
has "$tmp/err" "newer than this specbench knows" "said so"
psql -c "UPDATE specbench.meta SET value = '8' WHERE key = 'schema_version'; UPDATE specbench.meta SET value = 'other' WHERE key = 'application'"
expect 2 "another program's schema of that name" "$sb" history list --history "$url"
psql -c "UPDATE specbench.meta SET value = 'specbench' WHERE key = 'application'"
expect 0 "and back" "$sb" history list --history "$url"
"$sb" history list --history "$url" --format json > "$tmp/checks-before.json"
first=$(jq '.[0].id' "$tmp/checks-before.json")
# schema 4 kept the checks as one JSON text per run; one run's text is garbage
# (the old shared login could write any): passed over, not the migration stopped
psql -c "UPDATE specbench.meta SET value = '4' WHERE key = 'schema_version'; DROP INDEX specbench.runs_time_cover;
	ALTER TABLE specbench.runs DROP COLUMN cpu; ALTER TABLE specbench.run_facts ADD COLUMN checks TEXT;
	ALTER TABLE specbench.run_facts DROP COLUMN app_version, DROP COLUMN device;
	UPDATE specbench.run_facts x SET checks = (SELECT json_object_agg(check_id, status)::text
		FROM specbench.run_checks c WHERE c.run_id = x.run_id);
	UPDATE specbench.run_facts SET checks = '{not json' WHERE run_id = $first;
	DROP TABLE specbench.run_checks"
expect 3 "a store of schema 4: a VM's run is refused" "$sb" history add --history "$url" "$tmp/runs/000-0001.json"
has "$tmp/err" "specbench history init" "naming the owner's command"
[ "$(psql -t -A -c "SELECT value FROM specbench.meta WHERE key = 'schema_version'")" = 4 ]
ok "and nothing is migrated by it" $?
expect 0 "history init brings a store of schema 4 up to date" "$sb" history init --history "$url"
has "$tmp/out" "schema 4, brought up to schema 8" "says from what to what"
expect 0 "and it is read" "$sb" history list --history "$url" --format json
jq -c '[.[1:][] | [.checks, .app_version, .device]]' "$tmp/checks-before.json" > "$tmp/checks-want"
jq -c '[.[1:][] | [.checks, .app_version, .device]]' "$tmp/out" > "$tmp/checks-got"
cmp -s "$tmp/checks-want" "$tmp/checks-got" &&
	[ "$(jq -c '.[0].checks' "$tmp/out")" = "$(jq -c '.[0].checks | if . == null then null else {} end' "$tmp/checks-before.json")" ] &&
	[ "$(jq '[.[].checks | length] | add' "$tmp/out")" -gt 0 ] && grep -q '"app_version": "2.4.1"' "$tmp/out"
ok "schema 8's rows of checks say what the texts said (the garbage text's run has none); each run's app version and device filled from its document" $?
[ -z "$(psql -t -A -c "SELECT 1 FROM information_schema.columns WHERE table_schema = 'specbench' AND table_name = 'run_facts' AND column_name = 'checks'")" ]
ok "and the texts are gone" $?
[ "$(psql -t -A -c "SELECT value FROM specbench.meta WHERE key = 'schema_version'")" = 8 ] &&
	[ -n "$(psql -t -A -c "SELECT to_regclass('specbench.runs_time_cover')")" ]
ok "schema 8, with the index of schema 6" $?
jeq "$tmp/out" '[.[] | select(.cpu != null)] | length' \
	"$(psql -t -A -c "SELECT count(*) FROM specbench.runs WHERE document::jsonb #> '{probe,cpu}' IS NOT NULL")" \
	"the CPU of every run whose document has one filled in (schema 6)"
# ---- issue 23: secrets, stalled servers, the spool (each failed before) -------------------
for bad in 'postgresql://vm:SECRET1@[::1/db' 'postgresql://vm:SECRET1@127.0.0.1:1/db?foo=bar' \
	'postgresql://vm@127.0.0.1:1/db?password=SECRET1&port=x' 'postgresql://vm:SECRET1@127.0.0.1:x/db'; do
	expect 3 "a malformed URL: exit 3" "$sb" history list --history "$bad"
	! grep -q SECRET1 "$tmp/err"
	ok "and its password is in no message ($(sed 's/.*@//' "$tmp/err" | cut -c1-40))" $?
done
# stall MODE: a server that accepts and then keeps silent (tests/tools/hostile_servers.py)
stall() {
	sport=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	/usr/bin/python3 "$here/tools/hostile_servers.py" pg "$1" "$sport" > "$tmp/stall.$1" 2>&1 &
	stall_pid=$!
	w=0
	while [ $w -lt 100 ] && ! grep -q READY "$tmp/stall.$1" 2>/dev/null; do sleep 0.1; w=$((w + 1)); done
}
for mode in silent ssl auth; do
	stall $mode
	t0=$(date +%s)
	SPECBENCH_PG_TIMEOUT=3 "$sb" history list --history "postgresql://vm:pw@127.0.0.1:$sport/db?connect_timeout=3" \
		> "$tmp/out" 2> "$tmp/err"
	rc=$? t1=$(date +%s)
	[ $rc -eq 3 ] && [ $((t1 - t0)) -lt 60 ]
	ok "a server that stalls ($mode): history list ends, exit 3, in $((t1 - t0)) s (was: never)" $?
	kill "$stall_pid" 2>/dev/null
	wait "$stall_pid" 2>/dev/null
done
# a run whose store stalls is in the spool before anything goes out: SIGTERM (systemd's
# TimeoutStartSec) during the hang loses nothing
stall auth
rm -rf "$tmp/stall-spool"
SPECBENCH_PG_TIMEOUT=300 "$sb" run --spec standard --profile smoke --only cpu --no-warmup --dir "$tmp" \
	--out "$tmp/runs-out" --history "postgresql://vm:pw@127.0.0.1:$sport/db" --spool "$tmp/stall-spool" \
	--format json > /dev/null 2>&1 &
rpid=$!
w=0
while [ $w -lt 300 ] && [ -z "$(ls "$tmp/stall-spool" 2>/dev/null)" ]; do sleep 0.1; w=$((w + 1)); done
sleep 1
kill -TERM "$rpid"
wait "$rpid"
rc=$?
[ $rc -eq 143 ] && [ "$(ls "$tmp/stall-spool" | wc -l)" -eq 1 ]
ok "SIGTERM while the store stalls: exit 143 (got $rc), and the run is in the spool" $?
kill "$stall_pid" 2>/dev/null
wait "$stall_pid" 2>/dev/null
# the spool follows no link and reads no other user's file
mkdir -p "$tmp/link-spool"
chmod 700 "$tmp/link-spool"
printf '{"secret": "in a file of root\x27s"}\n' > "$tmp/not-for-the-spool.json"
ln -s "$tmp/not-for-the-spool.json" "$tmp/link-spool/0000-link.json"
"$sb" run --spec standard --profile smoke --only cpu --no-warmup --dir "$tmp" \
	--out "$tmp/runs-out" --history "$url" --spool "$tmp/link-spool" --format json > "$tmp/out" 2> "$tmp/err"
[ $? -le 1 ]
ok "a link in the spool: the run goes on (exit 0 or 1: this VM's verdict)" $?
has "$tmp/err" "a symbolic link, never followed" "is named, not followed"
[ -L "$tmp/link-spool/0000-link.json" ] && [ -f "$tmp/not-for-the-spool.json" ]
ok "and left as it is" $?

# ---- a schema_version specbench did not write: refused, never migrated (issue 23) ---------
for v in abc 99999999999999999999 -3 ''; do
	psql -c "UPDATE specbench.meta SET value = '$v' WHERE key = 'schema_version'"
	expect 2 "schema_version '$v': history list refuses it" "$sb" history list --history "$url"
	[ "$(psql -t -A -c "SELECT value FROM specbench.meta WHERE key = 'schema_version'")" = "$v" ]
	ok "and leaves it as it is" $?
done
psql -c "UPDATE specbench.meta SET value = '8' WHERE key = 'schema_version'"

finish
