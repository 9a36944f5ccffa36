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
tmp=$(mktemp -d /tmp/specbench-pg-XXXXXX)
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
as_user() { if [ "$(id -u)" = 0 ]; then setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"; else "$@"; fi; }
# the server's own directory, the unprivileged user's (mktemp's are 0700)
pgd=$(mktemp -d /tmp/specbench-pgdata-XXXXXX)
stop_pg() { [ -f "$pgd/data/postmaster.pid" ] && as_user "$pgbin/pg_ctl" -D "$pgd/data" -m immediate stop > /dev/null 2>&1; }
trap 'stop_pg; rm -rf "$tmp" "$pgd"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
. "$here/lib.sh"
py=/usr/bin/python3
export SOURCE_DATE_EPOCH=1795435200 TZ=UTC

if [ -z "$pgbin" ] || [ ! -x "$pgbin/initdb" ]; then
	skip "PostgreSQL" "Debian's postgresql is not installed (make deps)"
	finish
	exit $?
fi
# a port of our own: the first free one from 54320 up
port=54320
while [ $port -lt 54400 ] && "$py" -c "import socket,sys; s=socket.socket(); s.connect(('127.0.0.1', int(sys.argv[1])))" $port 2>/dev/null; do
	port=$((port + 1))
done
[ "$(id -u)" != 0 ] || chown nobody "$pgd"
printf 'secret\n' > "$pgd/pw" && chmod 600 "$pgd/pw" && { [ "$(id -u)" != 0 ] || chown nobody "$pgd/pw"; }
as_user env HOME="$pgd" "$pgbin/initdb" -D "$pgd/data" -U specbench --pwfile="$pgd/pw" \
	--auth-local=trust --auth-host=scram-sha-256 -E UTF8 > "$tmp/initdb.log" 2>&1
ok "initdb as an unprivileged user" $?
as_user "$pgbin/pg_ctl" -D "$pgd/data" -l "$pgd/log" -w \
	-o "-p $port -k $pgd -c listen_addresses=127.0.0.1" start > /dev/null 2>&1
ok "the server runs on 127.0.0.1:$port" $?
url="postgresql://specbench:secret@127.0.0.1:$port/postgres"
psql() { "$pgbin/psql" -X -q -h "$pgd" -p "$port" -U specbench -d postgres "$@"; }

# ---- the same runs in both stores ---------------------------------------------------
"$py" "$here/tools/make_history.py" "$tmp/runs" 2 12 7 standard
# host 0's CPU drops by 40 % over its last three runs: a regression
for r in 0009 0010 0011; do
	jq '.bench.cpu.events_per_sec *= 0.6' "$tmp/runs/000-$r.json" > "$tmp/x.json" && mv "$tmp/x.json" "$tmp/runs/000-$r.json"
done
expect 2 "an empty database: no history there yet" "$sb" history list --history "$url"
has "$tmp/err" "no history there" "said so"
! grep -q secret "$tmp/err"
ok "the message does not show the password" $?
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
stop_pg
expect 3 "a run while the server is down" runit
has "$tmp/err" "the run is kept in $spool/" "the message says where the run is kept"
! grep -q secret "$tmp/err"
ok "and not the password" $?
expect 3 "another run while the server is down" runit
[ "$(ls "$spool" | wc -l)" -eq 2 ]
ok "two runs wait in the spool" $?
as_user "$pgbin/pg_ctl" -D "$pgd/data" -l "$pgd/log" -w -o "-p $port -k $pgd -c listen_addresses=127.0.0.1" \
	start > /dev/null 2>&1
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
"$py" "$here/tools/make_history.py" "$tmp/fleet" 200 3 11 standard 137
psql -c "CREATE DATABASE fleet" > /dev/null 2>&1
ls "$tmp"/fleet/*.json | xargs -n 200 "$sb" history add --history "postgresql://specbench:secret@127.0.0.1:$port/fleet" \
	> /dev/null 2>&1
ok "600 runs of 200 VMs shipped" $?
expect 1 "fleet --spec standard finds a VM out of line (exit 1)" "$sb" fleet --spec standard \
	--history "postgresql://specbench:secret@127.0.0.1:$port/fleet" --format json
cp "$tmp/out" "$tmp/fleet.json"
jeq "$tmp/fleet.json" '[.hosts, .status] | join(" ")' "200 OUTLIERS" "200 hosts"
jeq "$tmp/fleet.json" '[.metrics[].ranking[] | select(.state != "OK") | "\(.hostname) \(.state)"] | unique | join(",")' \
	"app137 SLOW" "the planted slow host, and no other, in every figure"
jeq "$tmp/fleet.json" '[.metrics[] | .ranking[0].hostname] | unique | join(",")' app137 "ranked slowest first"
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
psql -c "UPDATE specbench.meta SET value = '5' WHERE key = 'schema_version'; UPDATE specbench.meta SET value = 'other' WHERE key = 'application'"
expect 2 "another program's schema of that name" "$sb" history list --history "$url"
psql -c "UPDATE specbench.meta SET value = 'specbench' WHERE key = 'application'"
expect 0 "and back" "$sb" history list --history "$url"
psql -c "UPDATE specbench.meta SET value = '4' WHERE key = 'schema_version'; DROP INDEX specbench.runs_time_cover"
expect 0 "a store of schema 4 is brought up to date" "$sb" history list --history "$url"
[ "$(psql -t -A -c "SELECT value FROM specbench.meta WHERE key = 'schema_version'")" = 5 ] &&
	[ -n "$(psql -t -A -c "SELECT to_regclass('specbench.runs_time_cover')")" ]
ok "schema 5, with its index" $?
finish
