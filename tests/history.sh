#!/bin/sh
# history.sh - the history of runs (history/, `specbench history`, `run
# --history`), TAP.  $SPECBENCH is the binary under test.  Real SQLite
# files; other programs' databases, corrupt files and held locks are made
# with Python's sqlite3 module.
set -u
sb=${SPECBENCH:-build/specbench}
here=$(dirname "$0")
tmp=$(mktemp -d /tmp/specbench-history-XXXXXX)
trap '[ -n "${sink:-}" ] && kill "$sink" 2>/dev/null; rm -rf "$tmp"; [ -n "${mnt:-}" ] && umount "$mnt" 2>/dev/null' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
. "$here/lib.sh"
db=$tmp/h/history.db
py=/usr/bin/python3

# three run documents of one machine (a day apart) and one of another
mkdoc() {  # mkdoc OUT MACHINE HOST DAY EVENTS
	jq --arg m "$2" --arg h "$3" --arg t "2026-11-$4T06:00:00Z" --argjson e "$5" \
		'.created_at = $t | .host = {hostname: $h, machine_id: $m, kernel: "6.1.0-26-amd64", os: "Debian GNU/Linux 12 (bookworm)", sysroot: null}
		 | .bench.cpu.events_per_sec = $e' "$here/data/run-published.json" > "$1"
}
a=0123456789abcdef0123456789abcdef
b=fedcba9876543210fedcba9876543210
mkdoc "$tmp/r1.json" $a app1 20 1800
mkdoc "$tmp/r2.json" $a app1 21 1810
mkdoc "$tmp/r3.json" $a app1-renamed 22 1790
mkdoc "$tmp/r4.json" $b app2 22 1500

# ---- add, list, show, export ----------------------------------------------------
expect 0 "history add of four run documents" "$sb" history add --history "$db" "$tmp/r1.json" "$tmp/r2.json" \
	"$tmp/r3.json" "$tmp/r4.json"
has "$tmp/out" "r4.json: stored as run 4" "each file is named with its run id"
[ -f "$db" ]
ok "the history file and its directory were made" $?
[ "$(stat -c %a "$db")" = 600 ]
ok "a new history file is the caller's alone (mode 600: runs name hosts and addresses)" $?
expect 0 "history list --format json" "$sb" history list --history "$db" --format json
jeq "$tmp/out" 'length' 4 "four runs listed"
jeq "$tmp/out" '[.[].id] | join(",")' "1,2,3,4" "oldest first, with their ids"
jeq "$tmp/out" '.[0] | [.machine_id, .hostname, .created_at] | join(" ")' "$a app1 2026-11-20T06:00:00Z" "identity of a run"
jeq "$tmp/out" '.[0] | [.spec, .verdict] | map(tostring) | join(" ")' "null null" "a run with no verdict: spec and verdict null"
expect 0 "list --host MACHINE_ID keeps a renamed VM's runs together" "$sb" history list --history "$db" --host $a --format json
jeq "$tmp/out" '[.[].hostname] | join(",")' "app1,app1,app1-renamed" "three runs, across the rename"
expect 0 "list --host HOSTNAME" "$sb" history list --history "$db" --host app2 --format json
jeq "$tmp/out" 'length' 1 "one run of app2"
expect 0 "list --since" "$sb" history list --history "$db" --since 2026-11-22 --format json
jeq "$tmp/out" 'length' 2 "two runs from the 22nd on"
expect 0 "list as a table" "$sb" history list --history "$db"
has "$tmp/out" "app1-renamed" "the table names the host"
expect 0 "list as CSV" "$sb" history list --history "$db" --format csv
[ "$(head -n 1 "$tmp/out" | tr -d '\r')" = "id,created_at,machine_id,hostname,spec,profile,verdict" ]
ok "CSV header" $?
expect 0 "history show 3" "$sb" history show --history "$db" 3
cmp -s "$tmp/out" "$tmp/r3.json"
ok "show gives the stored document back byte for byte" $?
expect 0 "history export (CSV)" "$sb" history export --history "$db"
[ "$(grep -c ',cpu,events_per_sec,' "$tmp/out")" -eq 4 ]
ok "one line per figure: four cpu figures" $?
expect 0 "history export --format json --host" "$sb" history export --history "$db" --format json --host $b
jeq "$tmp/out" '.[0] | [.benchmark, .metric, .value, .cached] | map(tostring) | join(" ")' "cpu events_per_sec 1500 false" \
	"a figure with its flags"
for fmt in json csv; do
	"$sb" history export --history "$db" --format $fmt > /dev/full 2> "$tmp/err"
	[ $? -eq 3 ]
	ok "history export --format $fmt into a full disk: exit 3" $?
	has "$tmp/err" "cannot write the $fmt output: No space left on device" "says why"
done

"$sb" history list --history "$db" --format json > "$tmp/list.json"
"$sb" history export --history "$db" --format json > "$tmp/export.json"
if /usr/bin/python3 -c 'import jsonschema' 2>/dev/null; then
	/usr/bin/python3 "$here/tools/schema_check.py" "$here/../history/history.schema.json" "$tmp/list.json" \
		"$tmp/export.json" > "$tmp/schema.out" 2>&1
	rc=$?
	grep '^not ok' "$tmp/schema.out" | sed 's/^/#   /'
	ok "list and export --format json match history/history.schema.json" $rc
else
	skip "list and export match their schema" "python3-jsonschema is not installed"
fi

# ---- bad input: named, skipped, exit 2; nothing lost ---------------------------
echo '{"schema": "something.else"}' > "$tmp/other.json"
printf 'not json' > "$tmp/garbage.json"
jq '.bench.cpu.events_per_sec = -5' "$tmp/r1.json" > "$tmp/negative.json"
mkdoc "$tmp/r5.json" $b app2 23 1490
expect 2 "add with three bad files among good ones" "$sb" history add --history "$db" "$tmp/other.json" \
	"$tmp/r5.json" "$tmp/garbage.json" "$tmp/negative.json" "$tmp/r1.json"
has "$tmp/err" "other.json: not a specbench run document (skipped)" "a foreign document named"
has "$tmp/err" "garbage.json:1:" "a file that is not JSON named, with its position"
has "$tmp/err" "negative.json: bench.cpu.events_per_sec is -5" "an impossible figure named"
has "$tmp/err" "3 of 5 file(s) skipped" "the count at the end"
has "$tmp/out" "r5.json: stored as run 5" "the good file is stored"
has "$tmp/out" "r1.json: already stored, run 1" "the same document twice is one run"
expect 2 "show a run that is not there" "$sb" history show --history "$db" 99
has "$tmp/err" "no run 99" "the missing run named"
expect 2 "show a run id that is not a number" "$sb" history show --history "$db" 1x
expect 2 "list --since with a bad date" "$sb" history list --history "$db" --since yesterday
expect 2 "list --format xml" "$sb" history list --history "$db" --format xml
expect 2 "list a history that does not exist" "$sb" history list --history "$tmp/none.db"
[ ! -e "$tmp/none.db" ]
ok "listing does not create a history" $?
expect 2 "an unknown subcommand" "$sb" history frobnicate
expect 0 "history --help" "$sb" history --help

# ---- foreign, corrupt and newer files: refused, exit 2, left byte for byte --------
refused() {  # refused FILE DESCRIPTION TEXT
	sum=$(sha256sum "$1")
	expect 2 "$2" "$sb" history add --history "$1" "$tmp/r1.json"
	has "$tmp/err" "$3" "$2: the reason"
	[ "$(sha256sum "$1")" = "$sum" ] && [ ! -e "$1-wal" ] && [ ! -e "$1-journal" ]
	ok "$2: the file is left byte for byte, no journal made" $?
	expect 2 "$2: list refuses it too" "$sb" history list --history "$1"
}
$py -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('create table t(x)'); c.execute('insert into t values (1)'); c.commit()" "$tmp/foreign.db"
refused "$tmp/foreign.db" "another program's SQLite database" "not a specbench history"
head -c 8192 /dev/urandom > "$tmp/random.db"
refused "$tmp/random.db" "random bytes" "file is not a database"
cp "$db" "$tmp/newer.db"
$py -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('pragma user_version = 99'); c.commit(); c.execute('pragma journal_mode = delete')" "$tmp/newer.db"
rm -f "$tmp/newer.db-wal" "$tmp/newer.db-shm"
refused "$tmp/newer.db" "a history of a newer specbench" "schema version 99 is newer than this specbench knows"
cp "$db" "$tmp/torn.db"
$py -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('pragma journal_mode = delete')" "$tmp/torn.db"
size=$(stat -c %s "$tmp/torn.db")
head -c $((size / 2)) "$tmp/torn.db" > "$tmp/half.db"
sum=$(sha256sum "$tmp/half.db")
"$sb" history list --history "$tmp/half.db" > "$tmp/out" 2> "$tmp/err"
rc=$?
[ $rc -eq 2 ] || [ $rc -eq 3 ]
ok "a history cut in half: refused (exit $rc), not read as empty" $?
[ "$(sha256sum "$tmp/half.db")" = "$sum" ]
ok "a history cut in half is left as it is" $?

# ---- several writers at once lose nothing ---------------------------------------
for i in 1 2 3 4 5 6 7 8; do
	mkdoc "$tmp/p$i.json" $b app2 0$i $((1000 + i))
done
for i in 1 2 3 4 5 6 7 8; do
	"$sb" history add --history "$tmp/par.db" "$tmp/p$i.json" > "$tmp/par$i.out" 2>&1 &
done
wait
"$sb" history list --history "$tmp/par.db" --format json > "$tmp/out"
jeq "$tmp/out" 'length' 8 "eight writers at once: eight runs"
# what a writer that lost said (a busy timeout under load, or worse)
[ "$(jq length "$tmp/out")" = 8 ] || grep -h . "$tmp"/par[1-8].out | sed 's/^/#   writer: /'
# hold_lock DB SECONDS: another process holds DB's write lock for a while
hold_lock() {
	rm -f "$1.locked"
	$py - "$1" "$2" <<'EOF' &
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("begin exclusive")
open(sys.argv[1] + ".locked", "w").close()
time.sleep(float(sys.argv[2]))
c.execute("rollback")
EOF
	while [ ! -e "$1.locked" ]; do sleep 0.1; done
}
# a writer waits for a lock held by another (the busy timeout), then stores
hold_lock "$tmp/par.db" 2
mkdoc "$tmp/p9.json" $b app2 09 1009
expect 0 "a writer waits out a lock held for 2 s" "$sb" history add --history "$tmp/par.db" "$tmp/p9.json"
wait
# ... and gives up clearly after its busy timeout (10 s), storing nothing
hold_lock "$tmp/par.db" 14
mkdoc "$tmp/p10.json" $b app2 10 1010
expect 3 "a lock held past the busy timeout: exit 3" "$sb" history add --history "$tmp/par.db" "$tmp/p10.json"
has "$tmp/err" "database is locked" "the lock is named"
wait
"$sb" history list --history "$tmp/par.db" --format json > "$tmp/out"
jeq "$tmp/out" 'length' 9 "nothing of the locked-out run was stored"

# ---- a full disk rolls back: the history before it is intact -----------------------
if [ "$(id -u)" = 0 ] && mkdir "$tmp/small" && mount -t tmpfs -o size=400k tmpfs "$tmp/small" 2>/dev/null; then
	mnt=$tmp/small
	"$sb" history add --history "$mnt/h.db" "$tmp/r1.json" > /dev/null 2>&1
	# everything that is left taken
	dd if=/dev/zero of="$mnt/fill" bs=1k count=1000 2>/dev/null
	expect 3 "add on a full disk: exit 3" "$sb" history add --history "$mnt/h.db" "$tmp/r2.json"
	rm -f "$mnt/fill"
	expect 0 "after the full disk: the history is readable" "$sb" history list --history "$mnt/h.db" --format json
	jeq "$tmp/out" 'length' 1 "the run stored before is intact, nothing half-written"
	$py -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('pragma integrity_check').fetchone()[0])" "$mnt/h.db" > "$tmp/ic"
	has "$tmp/ic" "ok" "SQLite's integrity check passes"
	umount "$mnt" && mnt=""
else
	skip "add on a full disk rolls back" "needs root to mount a small tmpfs"
fi

# ---- run: every run is added to the history; --no-history; --app-version ----------
# a spec that asks for nothing: the run passes on any machine
printf '{ "name": "nothing", "version": "1.0.0" }\n' > "$tmp/nothing.json"
if command -v sysbench >/dev/null 2>&1; then
	expect 0 "run --history --app-version" "$sb" run --spec "$tmp/nothing.json" --profile smoke \
		--only cpu --dir "$tmp" --out "$tmp/runs" --history "$tmp/run.db" --app-version 2.4.0 --format json
	jeq "$tmp/out" '.host.app_version' 2.4.0 "the application version is in the run document"
	"$sb" history list --history "$tmp/run.db" --format json > "$tmp/list.json"
	jeq "$tmp/list.json" 'length' 1 "run added the run to the history"
	"$sb" history show --history "$tmp/run.db" 1 > "$tmp/shown.json"
	cmp -s "$tmp/shown.json" "$tmp"/runs/*.json
	ok "the history holds the very bytes of the stored run document" $?
	expect 0 "run --no-history" "$sb" run --spec "$tmp/nothing.json" --profile smoke --only cpu --dir "$tmp" \
		--out "$tmp/runs" --history "$tmp/run.db" --no-history --format json
	"$sb" history list --history "$tmp/run.db" --format json > "$tmp/list.json"
	jeq "$tmp/list.json" 'length' 1 "--no-history added nothing"
	expect 3 "run with a history that cannot be written: exit 3, the verdict printed" "$sb" run --spec "$tmp/nothing.json" \
		--profile smoke --only cpu --dir "$tmp" --out "$tmp/runs" --history /proc/specbench.db --format json
	jeq "$tmp/out" '.verdict.spec' nothing "the verdict is printed all the same"
	# run --regress: stored, then judged against the past in one go
	expect 0 "run --regress" "$sb" run --spec "$tmp/nothing.json" --profile smoke --only cpu --dir "$tmp" \
		--out "$tmp/runs" --history "$tmp/run.db" --regress --format table
	has "$tmp/out" "events_per_sec   INSUFFICIENT" "the regression table follows the verdict (two runs: too few)"
	"$sb" history list --history "$tmp/run.db" --format json > "$tmp/list.json"
	jeq "$tmp/list.json" 'length' 2 "run --regress stored the run"
	# inside a maintenance window (one that covers today): nothing measured, nothing stored
	day=$(LC_ALL=C date +%a | tr 'A-Z' 'a-z')
	printf '{ "name": "w", "version": "1.0.0", "maintenance": { "windows": [ { "day": "%s", "from": "00:00", "to": "24:00", "what": "all day" } ] } }\n' \
		"$day" > "$tmp/window.json"
	ls "$tmp/runs" > "$tmp/runs.before"
	expect 0 "run --regress inside a maintenance window: exit 0" "$sb" run --spec "$tmp/window.json" --profile smoke \
		--only cpu --dir "$tmp" --out "$tmp/runs" --history "$tmp/run.db" --regress
	has "$tmp/err" "inside the maintenance window" "the window is named"
	ls "$tmp/runs" | cmp -s - "$tmp/runs.before"
	ok "nothing stored inside the window" $?
	expect 2 "run --regress --no-history" "$sb" run --spec "$tmp/nothing.json" --regress --no-history
	# --recheck: a SUSPECT metric's benchmark runs again at once; two bad runs are a regression
	doc=$(ls "$tmp"/runs/*.json | head -n 1)
	i=1
	while [ $i -le 10 ]; do
		jq --arg t "2026-01-$(printf %02d $i)T12:00:00Z" '.created_at = $t | .bench.cpu.events_per_sec *= 3' "$doc" \
			> "$tmp/fast-$i.json"
		i=$((i + 1))
	done
	"$sb" history add --history "$tmp/recheck.db" "$tmp"/fast-*.json > /dev/null
	# and a webhook, to see that the alert goes out once, on the final judgement
	/usr/bin/python3 "$here/tools/sink.py" http "$tmp/hook.port" "$tmp/hook" &
	sink=$!
	w=0  # not n: lib.sh counts the tests in n
	while [ ! -s "$tmp/hook.port" ] && [ $w -lt 100 ]; do sleep 0.1; w=$((w + 1)); done
	expect 1 "run --regress --recheck: a slower cpu, confirmed" "$sb" run --spec "$tmp/nothing.json" --profile smoke \
		--only cpu --dir "$tmp" --out "$tmp/runs3" --history "$tmp/recheck.db" --regress --recheck --format table \
		--notify "http://127.0.0.1:$(cat "$tmp/hook.port")/hook"
	has "$tmp/err" "SUSPECT cpu: running it again" "the recheck is announced"
	has "$tmp/out" "events_per_sec   REGRESSED" "two slow runs in a row: REGRESSED"
	[ "$(ls "$tmp/runs3" | wc -l)" -eq 2 ]
	ok "both runs are stored" $?
	[ "$(ls "$tmp/hook" | wc -l)" -eq 1 ] && sed '1,2d' "$tmp/hook/0001.txt" > "$tmp/hook.json" &&
		[ "$(jq -r '[.events[] | .event + " " + .metric.benchmark] | join(",")' "$tmp/hook.json")" = "REGRESSED cpu" ]
	ok "run --regress --notify: one alert, of the confirmed regression" $?
	kill "$sink" 2>/dev/null
	sink=""
	expect 2 "--recheck without --regress" "$sb" run --spec "$tmp/nothing.json" --recheck
	# regress --recheck: the newest stored run alone is slow (SUSPECT); run again here, it is confirmed
	"$sb" history add --history "$tmp/recheck2.db" "$tmp"/fast-*.json "$doc" > /dev/null
	expect 1 "regress --recheck on this machine" "$sb" regress --history "$tmp/recheck2.db" --recheck \
		--out "$tmp/runs4" --spec "$tmp/nothing.json" --format json
	has "$tmp/err" "SUSPECT cpu: running it again" "the recheck is announced"
	jeq "$tmp/out" '.metrics[] | select(.benchmark == "cpu") | .state' REGRESSED "confirmed: REGRESSED"
	[ "$(ls "$tmp/runs4" | wc -l)" -eq 1 ]
	ok "the recheck's run is stored where --out says" $?
else
	skip "run adds to the history" "sysbench is not installed (make deps)"
fi
expect 2 "run --app-version that is not semantic" "$sb" run --spec standard --app-version 2.4 --no-history
has "$tmp/err" "'2.4' is not a semantic version" "the bad version named"

# ---- an older history is brought up to date, its runs filled in from their documents --
"$sb" verify --spec standard --results "$tmp/r1.json" --format json > "$tmp/judged.json"
"$sb" history add --history "$tmp/old.db" "$tmp/judged.json" > /dev/null 2>&1
"$py" -c "
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute('drop table run_checks')
c.execute('drop table run_facts')
c.execute('alter table figures drop column tool_version')
c.execute('drop index runs_time_cover')
c.execute('alter table runs drop column cpu')
# the 64-bit FNV-1a digest of the text, as every version before 7 wrote it
for rid, doc in c.execute('select id, document from runs').fetchall():
    h = 0xcbf29ce484222325
    for b in doc.encode():
        h = ((h ^ b) * 0x100000001b3) & 0xffffffffffffffff
    c.execute('update runs set digest = ? where id = ?', ('%016x' % h, rid))
c.execute('pragma user_version = 3'); c.commit(); c.execute('pragma journal_mode = delete')" "$tmp/old.db"
expect 0 "a schema-3 history is read" "$sb" history list --history "$tmp/old.db" --format json
jeq "$tmp/out" '.[0] | [.os, .kernel, .checks["cpu.events"]] | join(" ")' \
	"Debian GNU/Linux 12 (bookworm) 6.1.0-26-amd64 PASS" "its run has OS, kernel and check statuses from its document"
jeq "$tmp/out" '.[0].cpu' "$(jq -r '.probe.cpu.brand // .probe.cpu.model_name' "$tmp/judged.json")" \
	"and its CPU (schema 6)"
expect 0 "and exported" "$sb" history export --history "$tmp/old.db" --format json
jeq "$tmp/out" '.[0].tool_version' "sysbench 1.0.20" "its figures have their tool from the document"
"$py" -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('pragma user_version').fetchone()[0])" \
	"$tmp/old.db" > "$tmp/v"
[ "$(cat "$tmp/v")" = 8 ]
ok "the file is at schema 8 now" $?
"$py" -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select digest from runs').fetchone()[0])" \
	"$tmp/old.db" > "$tmp/digest"
[ "$(cat "$tmp/digest")" = "$(printf '%s' "$(cat "$tmp/judged.json")" | sha256sum | cut -d' ' -f1)" ] ||
	[ "$(cat "$tmp/digest")" = "$(sha256sum < "$tmp/judged.json" | cut -d' ' -f1)" ]
ok "its run's digest is the SHA-256 of its document now (schema 7)" $?
expect 0 "the same document again, after the upgrade" "$sb" history add --history "$tmp/old.db" "$tmp/judged.json"
has "$tmp/out" "already stored" "is the run stored before, not a second one"

# ---- a history file someone else shaped (issue 23): refused, unchanged, never run --
# tamper NAME PY-STATEMENTS: a copy of the history with Python's sqlite3 doing
# what an attacker would; $tmp/t-NAME.db and its checksum
tamper() {
	cp "$db" "$tmp/t-$1.db"
	rm -f "$tmp/t-$1.db-wal" "$tmp/t-$1.db-shm"
	"$py" -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.isolation_level=None; $2; c.close()" "$tmp/t-$1.db"
	sha256sum "$tmp/t-$1.db" | cut -d' ' -f1 > "$tmp/t-$1.sum"
}
unchanged() {  # unchanged NAME DESCRIPTION: the file, and nothing in a WAL beside it
	[ "$(sha256sum "$tmp/t-$1.db" | cut -d' ' -f1)" = "$(cat "$tmp/t-$1.sum")" ] && [ ! -s "$tmp/t-$1.db-wal" ]
	ok "$2" $?
}
"$sb" history list --history "$db" > /dev/null 2>&1  # the WAL checkpointed into the file
for v in -1 -100 -100000 -2147483648; do
	tamper "uv$v" "c.execute('PRAGMA user_version = $v')"
	expect 2 "user_version $v: history list refuses it" "$sb" history list --history "$tmp/t-uv$v.db"
	has "$tmp/err" "schema version $v" "user_version $v named"
	unchanged "uv$v" "user_version $v: the file is unchanged"
done
tamper uv0 "c.execute('PRAGMA user_version = 0')"
expect 2 "user_version 0 on a file with tables: exit 2, not 3" "$sb" history list --history "$tmp/t-uv0.db"
unchanged uv0 "user_version 0: the file is unchanged"
tamper trigger "c.execute(\"CREATE TRIGGER evil AFTER INSERT ON runs BEGIN DELETE FROM runs WHERE id <> new.id; END\")"
mkdoc "$tmp/r9.json" $b app2 27 1400  # a run the history does not hold yet
expect 2 "a planted trigger: history add refuses the file" "$sb" history add --history "$tmp/t-trigger.db" "$tmp/r9.json"
has "$tmp/err" "trigger evil" "the planted object is named"
unchanged trigger "a planted trigger never ran: the file is unchanged"
tamper view "c.execute('CREATE VIEW v AS SELECT 1')"
expect 2 "a planted view: history list refuses the file" "$sb" history list --history "$tmp/t-view.db"
unchanged view "a planted view: the file is unchanged"
tamper extra "c.execute('CREATE TABLE extra (x)')"
expect 2 "a table specbench did not make: refused" "$sb" history list --history "$tmp/t-extra.db"
unchanged extra "an extra table: the file is unchanged"
tamper dropidx "c.execute('ALTER TABLE runs ADD COLUMN x DEFAULT 1')"
expect 2 "a column added to runs: refused" "$sb" history list --history "$tmp/t-dropidx.db"
unchanged dropidx "an added column: the file is unchanged"

# ---- one figure that is not finite breaks nothing (issue 23) -----------------------------
cp "$db" "$tmp/inf.db"
"$py" -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('UPDATE figures SET value = 9e999 WHERE rowid = (SELECT min(rowid) FROM figures)'); c.execute('UPDATE figures SET value = -9e999 WHERE rowid = (SELECT max(rowid) FROM figures)'); c.commit()" "$tmp/inf.db"
expect 0 "an infinite figure in the store: history export --format json" "$sb" history export --history "$tmp/inf.db" --format json
jq -e . "$tmp/out" > /dev/null
ok "and the export is JSON (the figure null), not 'out of memory'" $?
expect 0 "and as CSV" "$sb" history export --history "$tmp/inf.db"
"$sb" page --spec standard --history "$tmp/inf.db" --lang en -o "$tmp/inf-site" > /dev/null 2> "$tmp/err"
[ $? -le 1 ] && [ -f "$tmp/inf-site/standard.en.html" ]
ok "page from that history is made" $?
"$sb" fleet --spec standard --history "$tmp/inf.db" --format json > "$tmp/out" 2> "$tmp/err"
[ $? -le 1 ] && jq -e . "$tmp/out" > /dev/null
ok "fleet from that history: a report, no failure" $?

# ---- schema 7 kept each run's checks as one JSON text: 8 makes them rows -------------
"$sb" history add --history "$tmp/v7.db" "$tmp/judged.json" > /dev/null 2>&1
"$sb" verify --spec standard --results "$tmp/r2.json" --format json > "$tmp/judged2.json"
"$sb" history add --history "$tmp/v7.db" "$tmp/judged2.json" > /dev/null 2>&1
"$sb" history list --history "$tmp/v7.db" --format json > "$tmp/v7-before.json"
cat > "$tmp/v7.py" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("alter table run_facts add column checks TEXT")
c.execute("update run_facts set checks = (select json_group_object(check_id, status) from run_checks k"
          " where k.run_id = run_facts.run_id)")
# the second run's text: a status no verdict gives, a number, an id twice
c.execute("""update run_facts set checks = '{"cpu.model":"<b>PWNED</b>","x":"WARN","x":"FAIL","n":1}'"""
          " where run_id = 2")
# a third run whose text is not JSON
c.execute("insert into runs (digest, created_at, verdict, document) values ('g', '2030-01-01T00:00:00Z', 'PASS', '{}')")
c.execute("insert into run_facts (run_id, checks) values (last_insert_rowid(), '{garbage')")
c.execute("drop table run_checks")
c.execute("alter table run_facts drop column app_version")
c.execute("alter table run_facts drop column device")
c.execute("pragma user_version = 7")
c.commit()
c.execute("pragma journal_mode = delete")
PY
"$py" "$tmp/v7.py" "$tmp/v7.db"
expect 0 "a schema-7 history is read" "$sb" history list --history "$tmp/v7.db" --format json
[ "$(jq -c '.[] | select(.id == 1) | .checks' "$tmp/out")" = "$(jq -c '.[] | select(.id == 1) | .checks' "$tmp/v7-before.json")" ] &&
	[ "$(jq '.[] | select(.id == 1) | .checks | length' "$tmp/out")" -gt 3 ]
ok "a run's checks, rows now, say what its text said" $?
jeq "$tmp/out" '.[] | select(.id == 2) | .checks | tojson' '{"x":"FAIL"}' \
	"a status no verdict gives and a number are not carried over; of an id given twice, the last"
jeq "$tmp/out" '.[] | select(.id == 3) | .checks | tojson' '{}' "a text that is not JSON: no checks, and the migration went on"
"$py" -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute('pragma user_version').fetchone()[0], [r[1] for r in c.execute('pragma table_info(run_facts)')])" \
	"$tmp/v7.db" > "$tmp/v"
[ "$(cat "$tmp/v")" = "8 ['run_id', 'os', 'kernel', 'app_version', 'device']" ]
ok "schema 8, the texts gone, each run's application version and device there ($(cat "$tmp/v"))" $?
"$py" "$here/tools/schema_check.py" "$here/../history/history.schema.json" "$tmp/out" > /dev/null 2>&1
ok "history list of it is what history/history.schema.json describes" $?

# ---- names that keep nothing are refused, not "stored" (issue 23) -------------------------
for h in "" ":memory:" "file:mem.db?mode=memory" "file:kept.db"; do
	expect 2 "--history '$h': refused" sh -c 'cd "$1" && "$2" history add --history "$3" "$4"' sh "$tmp" "$(cd "$(dirname "$sb")" && pwd)/$(basename "$sb")" "$h" "$tmp/r1.json"
	! grep -q "stored as run" "$tmp/out"
	ok "and not said to be stored" $?
done
[ -z "$(ls -d "$tmp"/file:* 2>/dev/null)" ]
ok "no directory named file:... made" $?
# the page's scratch history (from --results) is SQLite's in-memory one, not a
# file named ":memory:" left in the working directory
mkdir "$tmp/cwd"
abs_sb=$(cd "$(dirname "$sb")" && pwd)/$(basename "$sb")
results=$(pwd)/tests/data/run-published.json
spec=$(pwd)/specs/standard.json
(cd "$tmp/cwd" && "$abs_sb" page --spec "$spec" --lang en --results "$results" -o out > /dev/null 2>&1)
[ "$(ls -A "$tmp/cwd")" = out ]
ok "page --results leaves nothing in the working directory but its output" $?

# ---- CSV of hostile strings: no terminal escape, no spreadsheet formula (issue 23) --------
cp "$db" "$tmp/csv.db"
cat > "$tmp/plant.py" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("UPDATE runs SET hostname = ? WHERE id = 1", ('=HYPERLINK("http://evil.example/","x")',))
c.execute("UPDATE runs SET hostname = ? WHERE id = 2", ("a\x1b]52;c;aGk=\x07b",))
c.commit()
PY
"$py" "$tmp/plant.py" "$tmp/csv.db"
for what in list export; do
	expect 0 "history $what --format csv of hostile host names" "$sb" history $what --history "$tmp/csv.db" --format csv
	! grep -q "$(printf '\033')" "$tmp/out" && ! grep -q "$(printf '\007')" "$tmp/out"
	ok "$what: no ESC or BEL byte reaches the CSV (an OSC 52 clipboard write)" $?
	! grep -q '^=\|,=\|,"=' "$tmp/out" && grep -q "'=HYPERLINK" "$tmp/out"
	ok "$what: a cell that would be a formula is quoted with an apostrophe" $?
done

# ---- messages (issue 23) -------------------------------------------------------------------
ln -s "$db" "$tmp/link.db"
expect 2 "a history that is a symbolic link: exit 2, said so" "$sb" history list --history "$tmp/link.db"
has "$tmp/err" "a symbolic link, never followed" "not SQLite's 'unable to open database file'"
for d in 2020-13-45 2023-02-29 2026-11-31 2026-11-20T24:00:00Z; do
	expect 2 "--since $d: no such day" "$sb" history list --history "$db" --since "$d"
done
expect 0 "--since 2024-02-29, a leap day" "$sb" history list --history "$db" --since 2024-02-29

finish
