#!/bin/sh
# regress.sh - regression detection over synthetic histories made from real
# imported outputs (the published 2022 fio and sysbench runs), TAP.
# $SPECBENCH is the binary under test.
#
#   step      20 runs, a 25 % step down in disk.randread at run 15, where the
#             kernel changed too: REGRESSED for that metric only, dated to
#             run 15, naming the kernel
#   noise     30 runs of pure noise (CV about 10 %; sysbench memory jumping
#             between two modes 2x apart), judged after every run: never
#             REGRESSED
#   one bad   a single bad last run: SUSPECT, not an alert
#   short     4 runs: INSUFFICIENT, never a silent OK
set -u
sb=${SPECBENCH:-build/specbench}
here=$(dirname "$0")
data=$here/data/import
tmp=$(mktemp -d /tmp/specbench-regress-XXXXXX)
trap 'kill $sinks 2>/dev/null; rm -rf "$tmp"' EXIT
sinks=""
trap 'exit 130' INT
trap 'exit 143' TERM
. "$here/lib.sh"

# one run document with every published benchmark, from the real outputs
for pair in disk.randwrite:published-randwrite.txt disk.randread:published-randread.txt \
	    disk.randrw:published-randrw.txt cpu:published-sysbench-cpu.txt memory:published-sysbench-memory.txt; do
	"$sb" import --as "${pair%%:*}" --json "$tmp/imp-${pair%%:*}.json" "$data/${pair#*:}" || exit 1
done
jq -s 'reduce .[] as $d (.[0]; .bench = (.bench * $d.bench)) | .bench.profile = "quick" | del(.bench.imported)' \
	"$tmp"/imp-*.json > "$tmp/base.json"

# noise N SEED CV: N factors around 1 with that coefficient of variation
noise() {
	awk -v n="$1" -v seed="$2" -v cv="$3" 'BEGIN { srand(seed); for (i = 0; i < n; i++) {
		u = rand(); v = rand(); if (u < 1e-12) u = 1e-12
		printf "%.6f\n", 1 + cv * sqrt(-2 * log(u)) * cos(6.283185307 * v) } }'
}

# run OUT DAY KERNEL F_RANDREAD F_OTHER F_MEMORY: one run of machine "app1"
run() {
	jq --arg t "2026-10-$2T12:00:00Z" --arg k "$3" --argjson rr "$4" --argjson o "$5" --argjson mem "$6" '
		.created_at = $t
		| .host = {hostname: "app1", machine_id: "0123456789abcdef0123456789abcdef", kernel: $k,
			   os: "Debian GNU/Linux 12 (bookworm)", sysroot: null}
		| .bench.disk.randread.read.iops *= $rr
		| .bench.disk.randwrite.write.iops *= $o | .bench.disk.randrw.read.iops *= $o
		| .bench.disk.randrw.write.iops *= $o | .bench.cpu.events_per_sec *= $o
		| .bench.memory.mib_per_sec *= $mem' "$tmp/base.json" > "$1"
}

state() {  # state FILE BENCHMARK METRIC
	jq -r --arg b "$2" --arg m "$3" '.metrics[] | select(.benchmark == $b and .metric == $m) | .state' "$1"
}

# ---- a 25 % step down at run 15, with a kernel update there ------------------------
noise 20 7 0.03 > "$tmp/n1"
noise 20 8 0.03 > "$tmp/n2"
i=1
while [ $i -le 20 ]; do
	a=$(sed -n "${i}p" "$tmp/n1") b=$(sed -n "${i}p" "$tmp/n2")
	if [ $i -lt 15 ]; then kernel=6.1.0-26-amd64 step=1; else kernel=6.1.0-28-amd64 step=0.75; fi
	run "$tmp/step-$i.json" "$(printf %02d $i)" $kernel "$(echo "$a * $step" | bc -l)" "$b" "$b"
	i=$((i + 1))
done
"$sb" history add --history "$tmp/step.db" $(i=1; while [ $i -le 20 ]; do echo "$tmp/step-$i.json"; i=$((i + 1)); done) \
	> /dev/null || exit 1
expect 1 "a 25 % step down: regress exits 1" "$sb" regress --history "$tmp/step.db" --host app1 --format json
cp "$tmp/out" "$tmp/step.report"
jeq "$tmp/step.report" '.status' REGRESSED "the report's status is REGRESSED"
[ "$(state "$tmp/step.report" disk.randread read.iops)" = REGRESSED ]
ok "disk.randread read.iops is REGRESSED" $?
jeq "$tmp/step.report" '[.metrics[] | select(.state == "REGRESSED")] | length' 1 "that metric only"
jeq "$tmp/step.report" '.metrics[] | select(.state == "REGRESSED") | .change.since' 2026-10-15T12:00:00Z \
	"dated to the run where the step began (run 15)"
jeq "$tmp/step.report" '.metrics[] | select(.state == "REGRESSED") | .change.step_pct | . < -20 and . > -30' true \
	"the size of the step, about -25 %"
jeq "$tmp/step.report" '.metrics[] | select(.state == "REGRESSED") | .attribution | index("kernel 6.1.0-26-amd64 → 6.1.0-28-amd64") != null' true \
	"the kernel change at that run is named"
jeq "$tmp/step.report" '.metrics[] | select(.state == "REGRESSED") | .baseline | .n >= 5 and .low < .median' true \
	"the baseline and its band are reported"
expect 1 "the table names it too" "$sb" regress --history "$tmp/step.db" --host 0123456789abcdef0123456789abcdef --format table
has "$tmp/out" "changed at that run: kernel 6.1.0-26-amd64 → 6.1.0-28-amd64" "the table shows the attribution"

if /usr/bin/python3 -c 'import jsonschema' 2>/dev/null; then
	/usr/bin/python3 "$here/tools/schema_check.py" "$here/../history/regress.schema.json" "$tmp/step.report" \
		> "$tmp/schema.out" 2>&1
	rc=$?
	grep '^not ok' "$tmp/schema.out" | sed 's/^/#   /'
	ok "the report matches history/regress.schema.json" $rc
else
	skip "the report matches its schema" "python3-jsonschema is not installed"
fi

# ---- alerts: a webhook and a mail, once per change, retried when not delivered ------
# start_sink KIND NAME: a real local receiver (tests/tools/sink.py); its port in $port
start_sink() {
	/usr/bin/python3 "$here/tools/sink.py" "$1" "$tmp/$2.port" "$tmp/$2" &
	sinks="$sinks $!"
	eval "pid_$2=$!"
	w=0  # not n: lib.sh counts the tests in n
	while [ ! -s "$tmp/$2.port" ] && [ $w -lt 100 ]; do sleep 0.1; w=$((w + 1)); done
	port=$(cat "$tmp/$2.port")
}
if /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null; then
	start_sink http hook
	hook="http://127.0.0.1:$port/hook"
	start_sink smtp mail
	mail="smtp://127.0.0.1:$port/?to=ops@unifi.example.net"
	cp "$tmp/step.db" "$tmp/alert.db"
	expect 1 "regress --notify a webhook and a mail: exit 1" "$sb" regress --history "$tmp/alert.db" --host app1 \
		--notify "$hook" --notify "$mail" --mail-from specbench@unifi.example.net --format json
	[ "$(ls "$tmp/hook" | wc -l)" -eq 1 ] && [ "$(ls "$tmp/mail" | wc -l)" -eq 1 ]
	ok "one POST and one mail arrived" $?
	sed '1,2d' "$tmp/hook/0001.txt" > "$tmp/hook.json"
	jeq "$tmp/hook.json" '[.schema, .events[0].event, .events[0].metric.benchmark, .events[0].metric.metric] | join(" ")' \
		"specbench.alert REGRESSED disk.randread read.iops" "the webhook's document names the regression"
	jeq "$tmp/hook.json" '.events[0].metric.attribution | index("kernel 6.1.0-26-amd64 → 6.1.0-28-amd64") != null' true \
		"and what changed at that run"
	has "$tmp/hook/0001.txt" "Content-Type: application/json" "POSTed as JSON"
	if /usr/bin/python3 -c 'import jsonschema' 2>/dev/null; then
		/usr/bin/python3 "$here/tools/schema_check.py" "$here/../history/alert.schema.json" "$tmp/hook.json" > /dev/null 2>&1
		ok "the webhook's document matches history/alert.schema.json" $?
	fi
	has "$tmp/mail/0001.txt" "MAIL FROM: specbench@unifi.example.net" "the mail's sender is the one asked for"
	has "$tmp/mail/0001.txt" "RCPT TO: ops@unifi.example.net" "to the address of the URL"
	has "$tmp/mail/0001.txt" "Subject: specbench on app1: REGRESSED disk.randread read.iops" "the subject says what"
	has "$tmp/mail/0001.txt" "changed at that run: kernel 6.1.0-26-amd64 → 6.1.0-28-amd64" "the mail names the kernel change, its UTF-8 kept"
	expect 1 "regress again with the same places" "$sb" regress --history "$tmp/alert.db" --host app1 \
		--notify "$hook" --notify "$mail" --format json
	[ "$(ls "$tmp/hook" | wc -l)" -eq 1 ] && [ "$(ls "$tmp/mail" | wc -l)" -eq 1 ]
	ok "the same regression is not alerted twice" $?
	# the metric recovers while the webhook is down: exit 3, then delivered on the next run
	kill "$pid_hook"
	wait "$pid_hook" 2>/dev/null
	for i in 24 25; do
		run "$tmp/back-$i.json" $i 6.1.0-29-amd64 1 1 1
		"$sb" history add --history "$tmp/alert.db" "$tmp/back-$i.json" > /dev/null
	done
	expect 3 "a recovery whose webhook is down: exit 3" "$sb" regress --history "$tmp/alert.db" --host app1 \
		--notify "$hook" --format json
	has "$tmp/err" "not delivered" "the failed alert is named"
	jeq "$tmp/out" '.metrics[] | select(.benchmark == "disk.randread" and .metric == "read.iops") | .state' OK \
		"the metric is OK again"
	"$sb" regress --history "$tmp/alert.db" --host app1 --notify "$mail" --format json > /dev/null 2>&1
	"$sb" regress --history "$tmp/alert.db" --host app1 --notify "$mail" --format json > /dev/null 2>&1
	[ "$(ls "$tmp/mail" | wc -l)" -eq 2 ] && grep -q "recovered disk.randread read.iops" "$tmp/mail/0002.txt"
	ok "the mail place hears of the recovery, once" $?
	# not delivered is tried again: a webhook that is down, then up on the same port
	free=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	late="http://127.0.0.1:$free/late"
	cp "$tmp/step.db" "$tmp/late.db"
	expect 1 "a regression whose webhook is down: still exit 1, the failure said" "$sb" regress --history "$tmp/late.db" \
		--host app1 --notify "$late" --format json
	has "$tmp/err" "not delivered" "the undelivered alert is named"
	/usr/bin/python3 "$here/tools/sink.py" http "$tmp/late.port" "$tmp/late" "$free" &
	sinks="$sinks $!"
	w=0
	while [ ! -s "$tmp/late.port" ] && [ $w -lt 100 ]; do sleep 0.1; w=$((w + 1)); done
	"$sb" regress --history "$tmp/late.db" --host app1 --notify "$late" --format json > /dev/null 2>&1
	"$sb" regress --history "$tmp/late.db" --host app1 --notify "$late" --format json > /dev/null 2>&1
	[ "$(ls "$tmp/late" | wc -l)" -eq 1 ]
	ok "once the webhook is up, the alert arrives, once" $?
	# a host name that would add mail headers (issue 23): refused at history add;
	# one already in a store (written by an older specbench) reaches no header
	jq '.host.hostname = "app1\r\nBcc: victim@example.org"' "$tmp/step-20.json" > "$tmp/evil-host.json"
	expect 2 "history add of a host name holding CR LF and a header: refused" \
		"$sb" history add --history "$tmp/alert.db" "$tmp/evil-host.json"
	has "$tmp/err" "is not a host name (RFC 1123" "the refusal says why"
	cp "$tmp/step.db" "$tmp/inject.db"
	/usr/bin/python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); h='app1\r\nBcc: victim@example.org'; c.execute('UPDATE runs SET hostname=?, document=json_set(document, \'$.host.hostname\', ?)', (h, h)); c.commit()" "$tmp/inject.db"
	before=$(ls "$tmp/mail" | wc -l)
	"$sb" regress --history "$tmp/inject.db" --host 0123456789abcdef0123456789abcdef --notify "$mail" --format json \
		> /dev/null 2> "$tmp/inject.err"
	last=$(ls "$tmp/mail" | tail -n 1)
	[ "$(ls "$tmp/mail" | wc -l)" -eq $((before + 1)) ] && ! grep -qi '^Bcc:' "$tmp/mail/$last" &&
		! grep -qi 'RCPT TO: victim' "$tmp/mail/$last"
	ok "a stored host name with CR LF adds no header and no recipient to the mail" $?
	grep -q "MAIL FROM: specbench@localhost" "$tmp/mail/$last"
	ok "and is no default sender" $?
	# a stored machine id that is shell: the mail's command to paste quotes it
	cp "$tmp/step.db" "$tmp/shell.db"
	evil="x \$(touch $tmp/pwned);'y"
	/usr/bin/python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); m=sys.argv[2]; c.execute('UPDATE runs SET machine_id=?, document=json_set(document, \'$.host.machine_id\', ?)', (m, m)); c.commit()" "$tmp/shell.db" "$evil"
	"$sb" regress --history "$tmp/shell.db" --host "$evil" --notify "$mail" --format json > /dev/null 2>&1
	last=$(ls "$tmp/mail" | tail -n 1)
	/usr/bin/python3 - "$tmp/mail/$last" "$evil" <<'PY'
import re, shlex, sys
body = open(sys.argv[1], encoding="utf-8").read()
cmd = re.search(r"^(specbench regress --host .*) shows the whole report\.", body, re.M).group(1)
sys.exit(0 if shlex.split(cmd) == ["specbench", "regress", "--host", sys.argv[2]] else 1)
PY
	[ $? -eq 0 ] && [ ! -e "$tmp/pwned" ]
	ok "a stored machine id that is shell: the mail's command gives it as one quoted word" $?
	# a relay that refuses the recipient: its reply, not libcurl's "Failed sending data"
	cp "$tmp/step.db" "$tmp/refused.db"
	expect 1 "a relay that answers 550 to RCPT: still exit 1 (the regression), the failure said" \
		"$sb" regress --history "$tmp/refused.db" --host app1 --format json \
		--notify "smtp://127.0.0.1:$(cat "$tmp/mail.port")/?to=nobody@refused.example"
	has "$tmp/err" "the mail server refused the mail: SMTP 550" "the relay's code is named"
	! grep -q 'Failed sending data to the peer\|\\n' "$tmp/err"
	ok "not libcurl's generic words, and no literal backslash-n" $?
	expect 2 "--notify of an unknown kind" "$sb" regress --history "$tmp/alert.db" --host app1 --notify ftp://x/
	expect 2 "--notify smtp without ?to=" "$sb" regress --history "$tmp/alert.db" --host app1 --notify smtp://127.0.0.1:25/
else
	skip "alerts by webhook and mail" "python3-aiosmtpd is not installed (make deps)"
fi

# ---- a known regression acknowledged: silent until the metric moves again ---------
cp "$tmp/step.db" "$tmp/ack.db"
expect 2 "ack of a metric that is not REGRESSED" "$sb" regress ack --history "$tmp/ack.db" --host app1 \
	--benchmark cpu --metric events_per_sec --reason "nothing"
has "$tmp/err" "cpu events_per_sec is OK now: nothing to acknowledge" "the state is named"
expect 0 "regress ack" "$sb" regress ack --history "$tmp/ack.db" --host app1 --benchmark disk.randread \
	--metric read.iops --reason "kernel 6.1.0-28 regression, tracked upstream"
has "$tmp/out" "the step since 2026-10-15T12:00:00Z" "the acknowledged step is named"
expect 0 "an acknowledged regression does not alert (exit 0)" "$sb" regress --history "$tmp/ack.db" --host app1 --format json
jeq "$tmp/out" '.metrics[] | select(.metric == "read.iops" and .benchmark == "disk.randread") | [.state, .acknowledged.reason] | join(": ")' \
	"REGRESSED: kernel 6.1.0-28 regression, tracked upstream" "still shown as REGRESSED, with the acknowledgement"
jeq "$tmp/out" '.status' OK "the report's status is OK"
expect 0 "the table of an acknowledged regression" "$sb" regress --history "$tmp/ack.db" --host app1 --format table
has "$tmp/out" "OK (1 REGRESSED acknowledged: known, no alert)" "its header says why OK stands over a REGRESSED row"
has "$tmp/out" ": kernel 6.1.0-28 regression, tracked upstream" "and the acknowledgement's reason is shown"
i=21
while [ $i -le 23 ]; do
	run "$tmp/more-$i.json" $i 6.1.0-28-amd64 "$(echo "0.75 * 0.72" | bc -l)" 1 1
	"$sb" history add --history "$tmp/ack.db" "$tmp/more-$i.json" > /dev/null
	i=$((i + 1))
done
expect 1 "a further step down alerts again (exit 1)" "$sb" regress --history "$tmp/ack.db" --host app1 --format json
jeq "$tmp/out" '.metrics[] | select(.state == "REGRESSED") | [.change.since, (.acknowledged == null | tostring)] | join(" ")' \
	"2026-10-21T12:00:00Z true" "the new step, since run 21, is not acknowledged"

# ---- migrations: a history of schema 1 is taken to the current one, nothing lost -----
cp "$tmp/step.db" "$tmp/v1.db"
/usr/bin/python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('drop table acks'); c.execute('drop table notified'); c.execute('drop table run_checks'); c.execute('drop table run_facts'); c.execute('alter table figures drop column tool_version'); c.execute('drop index runs_time_cover'); c.execute('alter table runs drop column cpu'); c.execute('pragma user_version = 1'); c.commit()" "$tmp/v1.db"
expect 1 "a schema 1 history: migrated and judged" "$sb" regress --history "$tmp/v1.db" --host app1 --format json
/usr/bin/python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute('pragma user_version').fetchone()[0], c.execute('select count(*) from runs').fetchone()[0], c.execute('select count(*) from acks').fetchone()[0], c.execute('select count(*) from run_facts').fetchone()[0])" "$tmp/v1.db" > "$tmp/v1.out"
has "$tmp/v1.out" "8 20 0 20" "now schema 8, its 20 runs kept, the new tables empty, the facts of each run filled in"

# ---- the formats a pipeline reads: JUnit, TAP, Prometheus ---------------------------
expect 1 "regress --format junit" "$sb" regress --history "$tmp/step.db" --host app1 --format junit
cp "$tmp/out" "$tmp/step.xml"
expect 0 "the JUnit is well-formed (xmllint)" xmllint --noout "$tmp/step.xml"
[ "$(xmllint --xpath 'count(//testcase[failure])' "$tmp/step.xml")" = 1 ]
ok "one failing testcase: the regressed metric" $?
has "$tmp/step.xml" "regress.disk.randread.read.iops" "named by benchmark and metric"
expect 1 "regress --format tap" "$sb" regress --history "$tmp/step.db" --host app1 --format tap
cp "$tmp/out" "$tmp/step.tap"
expect 1 "prove fails the TAP of a regression" prove -e cat "$tmp/step.tap"
has "$tmp/out" "Failed 1/" "one failure counted"
if command -v promtool >/dev/null 2>&1; then
	"$sb" regress --history "$tmp/step.db" --host app1 --format prometheus > "$tmp/step.prom"
	expect 0 "the Prometheus text passes promtool check metrics" sh -c "promtool check metrics < '$tmp/step.prom'"
	has "$tmp/step.prom" 'check="regress.disk.randread.read.iops"' "the metric is a check series"
	has "$tmp/step.prom" 'specbench_regression_state{benchmark="disk.randread",metric="read.iops",state="REGRESSED"} 1' \
		"and its regression state a series of its own"
	has "$tmp/step.prom" 'specbench_run_timestamp_seconds ' "with the run's time, for its age"
	expect 0 "the fleet's alert rules pass promtool check rules" promtool check rules "$here/../dist/prometheus/specbench.rules.yml"
	expect 0 "and their unit tests (promtool test rules)" sh -c "cd '$here/prometheus' && promtool test rules specbench.test.yml"
else
	skip "the Prometheus text passes promtool" "promtool is not installed (make deps)"
fi

# ---- the step's first run alone: SUSPECT, not an alert ---------------------------
"$sb" history add --history "$tmp/first.db" $(i=1; while [ $i -le 15 ]; do echo "$tmp/step-$i.json"; i=$((i + 1)); done) \
	> /dev/null
expect 0 "one bad last run: exit 0" "$sb" regress --history "$tmp/first.db" --host app1 --format json
[ "$(state "$tmp/out" disk.randread read.iops)" = SUSPECT ]
ok "one bad last run is SUSPECT" $?
jeq "$tmp/out" '.status' SUSPECT "the report says SUSPECT"

# ---- --run: a document not stored, judged against the history --------------------
run "$tmp/extra.json" 21 6.1.0-28-amd64 0.74 1 1
expect 1 "--run RUN.json against the history" "$sb" regress --history "$tmp/step.db" --run "$tmp/extra.json" --format json
jeq "$tmp/out" '.run.id' null "a document that is not stored has no run id"
[ "$(state "$tmp/out" disk.randread read.iops)" = REGRESSED ]
ok "--run: the step is still REGRESSED" $?

# ---- pure noise, judged after every run: never REGRESSED -------------------------
noise 30 11 0.10 > "$tmp/m1"
noise 30 12 0.10 > "$tmp/m2"
awk 'BEGIN { srand(5); for (i = 0; i < 30; i++) printf "%.4f\n", (rand() < 0.5 ? 0.5 : 1.0) * (1 + 0.03 * (rand() - 0.5)) }' > "$tmp/modes"
i=1 alarms=0 judged=0
while [ $i -le 30 ]; do
	run "$tmp/noise-$i.json" "$(printf %02d $i)" 6.1.0-26-amd64 "$(sed -n "${i}p" "$tmp/m1")" \
		"$(sed -n "${i}p" "$tmp/m2")" "$(sed -n "${i}p" "$tmp/modes")"
	"$sb" history add --history "$tmp/noise.db" "$tmp/noise-$i.json" > /dev/null
	if [ $i -ge 6 ]; then
		"$sb" regress --history "$tmp/noise.db" --host app1 --format json > "$tmp/noise.report"
		rc=$?
		judged=$((judged + 1))
		if [ $rc -ne 0 ] || grep -q '"REGRESSED"' "$tmp/noise.report"; then
			alarms=$((alarms + 1))
			jq -c '.metrics[] | select(.state == "REGRESSED") | [.benchmark, .metric, .change]' "$tmp/noise.report" |
				sed "s/^/#   run $i: /"
		fi
	fi
	i=$((i + 1))
done
[ $alarms -eq 0 ]
ok "30 runs of noise (CV 10 %, memory in two modes 2x apart), judged $judged times: no REGRESSED" $?
jeq "$tmp/noise.report" '[.metrics[] | select(.benchmark == "memory")][0].state | test("OK|SUSPECT|IMPROVED")' true \
	"the bimodal memory figure is no regression"

# ---- maintenance windows, in local time across a daylight-saving change -----------
# standard: Monday 05:00-07:00 OS updates, 07:00-09:00 application updates,
# 60 minutes to settle.  Summer time ends on Sunday 25 October 2026 in the
# Netherlands: Monday the 19th 05:30 is 03:30 UTC, Monday the 26th 05:30 is
# 04:30 UTC; a fixed offset would get one of them wrong.
if [ -f /usr/share/zoneinfo/Europe/Amsterdam ]; then
	for case in "2026-10-19T03:30:00Z inside OS updates (summer time)" "2026-10-26T04:30:00Z inside OS updates (winter time)" \
		    "2026-10-26T08:30:00Z inside settling after the application updates" \
		    "2026-10-26T03:30:00Z outside before the window" "2026-10-26T09:30:00Z outside after settling"; do
		t=${case%% *} rest=${case#* } where=${rest%% *} why=${rest#* }
		jq --arg t "$t" '.created_at = $t' "$tmp/noise-30.json" > "$tmp/window.json"
		TZ=Europe/Amsterdam "$sb" regress --history "$tmp/noise.db" --run "$tmp/window.json" --format json > "$tmp/out" 2>&1
		if [ $where = inside ]; then
			jeq "$tmp/out" '[.status, (.metrics[0].note | test("maintenance window") | tostring)] | join(" ")' \
				"INSUFFICIENT true" "$t, Amsterdam: $why: not judged"
		else
			jeq "$tmp/out" '.metrics[0].note // "judged"' judged "$t, Amsterdam: $why: judged"
		fi
	done
	# a stored run inside a window never enters a baseline
	jq '.created_at = "2026-10-19T04:00:00Z" | .bench.disk.randread.read.iops *= 0.5' "$tmp/noise-30.json" > "$tmp/in-window.json"
	cp "$tmp/noise.db" "$tmp/window.db"
	"$sb" history add --history "$tmp/window.db" "$tmp/in-window.json" > /dev/null
	jq '.created_at = "2026-10-31T12:00:00Z"' "$tmp/noise-30.json" > "$tmp/after.json"
	"$sb" history add --history "$tmp/window.db" "$tmp/after.json" > /dev/null
	TZ=Europe/Amsterdam "$sb" regress --history "$tmp/window.db" --host app1 --format json > "$tmp/out"
	jeq "$tmp/out" '.metrics[] | select(.benchmark == "disk.randread" and .metric == "read.iops") | .baseline.n' 10 \
		"the run inside the window is not in the baseline (10 others are)"
	jeq "$tmp/out" '[.metrics[] | select(.benchmark == "disk.randread" and .metric == "read.iops") | .baseline.low < 0.5 * .baseline.median] | .[0]' \
		false "its halved figure did not widen the band"
else
	skip "maintenance windows across a daylight-saving change" "no time zone data (apt-get install tzdata)"
fi

# ---- too little history: INSUFFICIENT, never a silent OK ---------------------------
"$sb" history add --history "$tmp/short.db" "$tmp/noise-1.json" "$tmp/noise-2.json" "$tmp/noise-3.json" \
	"$tmp/noise-4.json" > /dev/null
expect 0 "four runs: exit 0" "$sb" regress --history "$tmp/short.db" --host app1 --format json
jeq "$tmp/out" '.status' INSUFFICIENT "four runs are INSUFFICIENT"
jeq "$tmp/out" '[.metrics[].state] | unique | join(",")' INSUFFICIENT "every metric says so"

# ---- comparable only: another profile's figures never enter the baseline ------------
jq '.bench.profile = "documented" | .created_at = "2026-10-30T12:00:00Z" | .bench.disk.randread.read.iops *= 0.5' \
	"$tmp/step-14.json" > "$tmp/other-profile.json"
"$sb" history add --history "$tmp/first.db" "$tmp/other-profile.json" > /dev/null
expect 0 "a run of another profile, judged alone" "$sb" regress --history "$tmp/first.db" --host app1 --format json
jeq "$tmp/out" '.status' INSUFFICIENT "it has no comparable past: INSUFFICIENT, not REGRESSED"

# ---- bad input ---------------------------------------------------------------------
expect 2 "regress with an unknown host" "$sb" regress --history "$tmp/step.db" --host nobody
has "$tmp/err" "no stored run with figures for host 'nobody'" "the host named"
expect 2 "regress on a missing history" "$sb" regress --history "$tmp/none.db" --host app1
expect 2 "regress --format xml" "$sb" regress --history "$tmp/step.db" --format xml
echo '{}' > "$tmp/notarun.json"
expect 2 "regress --run of a file that is not a run" "$sb" regress --history "$tmp/step.db" --run "$tmp/notarun.json"

finish
