#!/bin/sh
# alerts-e2e.sh - the fleet's alert chain with Debian's real programs, TAP.
#
# What a VM writes with `run --regress --prometheus-file` goes, as on the
# fleet, through prometheus-node-exporter's textfile collector (nothing else
# collected, a directory of the test's own), Prometheus with the shipped
# rules (dist/prometheus/specbench.rules.yml) evaluated every second, and
# prometheus-alertmanager to a webhook (tests/tools/sink.py), each on a free
# port of 127.0.0.1.  Checked: a confirmed regression fires
# SpecbenchRegressed and reaches the webhook once; `regress ack` and the next
# run's file resolve it; a failed spec check fires SpecbenchSpecFailed; a VM
# whose file is removed stops its series and its alerts resolve.  The rules
# follow the monitoring-mixin conventions, each runbook_url pointing at a
# section of the README.  Everything started is stopped at the end, also on
# Ctrl-C and SIGTERM.  $SPECBENCH is the binary under test.
set -u
sb=${SPECBENCH:-build/specbench}
here=$(dirname "$0")
root=$(cd "$here/.." && pwd)
rules=$root/dist/prometheus/specbench.rules.yml
tmp=$(mktemp -d /tmp/specbench-alerts-XXXXXX)
. "$here/lib.sh"
py=/usr/bin/python3
pids=""
cleanup() {
	for p in $pids; do
		kill "$p" 2>/dev/null
	done
	for p in $pids; do
		wait "$p" 2>/dev/null
	done
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---- the rules: monitoring-mixin conventions, runbooks that exist --------------------
alerts=$(grep -c '^ *- alert: Specbench[A-Z][A-Za-z]*$' "$rules")
for field in 'severity:' 'summary:' 'description:' 'runbook_url:'; do
	[ "$(grep -c "^ *$field" "$rules")" = "$alerts" ]
	ok "each of the $alerts alerts has $field" $?
done
[ "$(grep -c '^ *- alert: ' "$rules")" = "$alerts" ]
ok "every alert's name is CamelCase with the Specbench prefix" $?
for url in $(sed -n 's/^ *runbook_url: "\(.*\)"$/\1/p' "$rules"); do
	anchor=${url#*#}
	grep -qix "#### $anchor" "$root/README.md"
	ok "runbook $anchor: a section of the README" $?
done

ne=/usr/bin/prometheus-node-exporter
prom=/usr/bin/prometheus
am=/usr/bin/prometheus-alertmanager
for prog in "$ne" "$prom" "$am" /usr/bin/sysbench; do
	if [ ! -x "$prog" ]; then
		skip "the alert chain with real programs" "$prog is not installed (make deps)"
		finish
		exit $?
	fi
done

free_port() {
	"$py" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
# until CONDITION (a shell command) holds, up to $2 seconds
until_true() {
	w=0
	while [ $w -lt $(($2 * 10)) ]; do
		sh -c "$1" > /dev/null 2>&1 && return 0
		sleep 0.1
		w=$((w + 1))
	done
	return 1
}
# the webhook's requests that are a notification of alert $1 in state $2
notes() {
	for f in "$tmp"/hook/*.txt; do
		[ -f "$f" ] || continue
		sed '1,2d' "$f" | jq -r --arg a "$1" --arg s "$2" \
			'select(.status == $s and (.alerts | map(.labels.alertname) | index($a))) | 1' 2> /dev/null
	done | wc -l
}
# wait_notes ALERT STATE: until the webhook has one of them (60 s at most); $w: tenths waited
wait_notes() {
	w=0
	while [ $w -lt 600 ] && [ "$(notes "$1" "$2")" -lt 1 ]; do
		sleep 0.1
		w=$((w + 1))
	done
	[ "$(notes "$1" "$2")" -ge 1 ]
}
# a PromQL instant query: the number of series it answers
series() {
	"$py" - "$prom_port" "$1" <<'PY'
import json, sys, urllib.parse, urllib.request
url = "http://127.0.0.1:%s/api/v1/query?query=%s" % (sys.argv[1], urllib.parse.quote(sys.argv[2]))
print(len(json.load(urllib.request.urlopen(url, timeout=5))["data"]["result"]))
PY
}

# ---- the VM: this machine, its past 3x faster, a spec it fails --------------------------
mkdir -p "$tmp/textfile" "$tmp/hook" "$tmp/work"
printf '{ "name": "huge", "version": "1.0.0", "memory": { "gib": 1000000 } }\n' > "$tmp/huge.json"
"$sb" run --spec "$tmp/huge.json" --profile smoke --only cpu --dir "$tmp/work" --out "$tmp/runs" \
	--no-history --format json > /dev/null 2> "$tmp/run.err"
doc=$(ls "$tmp"/runs/*.json 2> /dev/null | head -n 1)
[ -n "$doc" ]
ok "a smoke run of this machine (the slow run of the step)" $?
host=$(jq -r '.host.machine_id // .host.hostname' "$doc")
i=1
while [ $i -le 10 ]; do
	jq --arg t "2026-01-$(printf %02d $i)T12:00:00Z" '.created_at = $t | .bench.cpu.events_per_sec *= 3' "$doc" \
		> "$tmp/fast-$i.json"
	i=$((i + 1))
done
"$sb" history add --history "$tmp/h.db" "$tmp"/fast-*.json "$doc" > /dev/null
run_regress() {
	"$sb" run --spec "$tmp/huge.json" --profile smoke --only cpu --dir "$tmp/work" --out "$tmp/runs" \
		--history "$tmp/h.db" --regress --recheck --prometheus-file "$tmp/textfile/specbench.prom" \
		--format json > "$tmp/run.json" 2> "$tmp/run.err"
}
run_regress
rc=$?
[ $rc -eq 1 ] && grep -q '^specbench_regression_state{.*benchmark="cpu".*state="REGRESSED".* 1$' \
	"$tmp/textfile/specbench.prom"
ok "run --regress --prometheus-file: cpu REGRESSED (exit $rc), written for the textfile collector" $?
grep -q '^specbench_check_status{.*status="fail".* 1$' "$tmp/textfile/specbench.prom"
ok "and a failed spec check in the same file" $?

# ---- the chain: node_exporter, Prometheus, Alertmanager, the webhook -------------------
"$py" "$here/tools/sink.py" http "$tmp/hook.port" "$tmp/hook" &
pids="$pids $!"
until_true "[ -s '$tmp/hook.port' ]" 10
ne_port=$(free_port)
"$ne" --collector.disable-defaults --collector.textfile --collector.textfile.directory="$tmp/textfile" \
	--web.listen-address="127.0.0.1:$ne_port" > "$tmp/ne.log" 2>&1 &
pids="$pids $!"
am_port=$(free_port)
cat > "$tmp/am.yml" <<EOF
route:
  receiver: hook
  group_by: [alertname, instance]
  group_wait: 1s
  group_interval: 1s
  repeat_interval: 24h
receivers:
  - name: hook
    webhook_configs:
      - url: http://127.0.0.1:$(cat "$tmp/hook.port")/hook
        send_resolved: true
EOF
"$am" --config.file="$tmp/am.yml" --storage.path="$tmp/am" --web.listen-address="127.0.0.1:$am_port" \
	--cluster.listen-address= > "$tmp/am.log" 2>&1 &
pids="$pids $!"
prom_port=$(free_port)
cat > "$tmp/prom.yml" <<EOF
global:
  scrape_interval: 1s
  evaluation_interval: 1s
rule_files:
  - $rules
alerting:
  alertmanagers:
    - static_configs:
        - targets: ['127.0.0.1:$am_port']
scrape_configs:
  - job_name: node
    static_configs:
      - targets: ['127.0.0.1:$ne_port']
EOF
"$prom" --config.file="$tmp/prom.yml" --storage.tsdb.path="$tmp/prom" --web.listen-address="127.0.0.1:$prom_port" \
	--rules.alert.resend-delay=1s > "$tmp/prom.log" 2>&1 &
pids="$pids $!"
until_true "grep -q 'Server is ready to receive web requests' '$tmp/prom.log'" 30
ok "node_exporter (textfile only), Prometheus and Alertmanager on 127.0.0.1:$ne_port, $prom_port, $am_port" $?

wait_notes SpecbenchRegressed firing
ok "SpecbenchRegressed fired and reached the webhook ($((w / 10)) s)" $?
wait_notes SpecbenchSpecFailed firing
ok "SpecbenchSpecFailed fired for the failed memory check" $?
for f in "$tmp"/hook/*.txt; do sed '1,2d' "$f"; done |
	jq -e -s '[.[] | .alerts[] | select(.labels.alertname == "SpecbenchRegressed")][0] |
		.labels.severity == "warning" and .labels.benchmark == "cpu" and
		(.annotations.runbook_url | endswith("#specbenchregressed"))' > /dev/null 2>&1
ok "with its severity, benchmark and runbook_url" $?
sleep 3
[ "$(notes SpecbenchRegressed firing)" -eq 1 ]
ok "once: a firing alert is not sent again ($(notes SpecbenchRegressed firing) notification(s) in 3 s more)" $?

# ---- acknowledged: the next run's file resolves it ---------------------------------------
expect 0 "regress ack of the cpu step" "$sb" regress ack --history "$tmp/h.db" --host "$host" --benchmark cpu \
	--metric events_per_sec --reason "a slower host accepted"
run_regress
grep -q '^specbench_regression_acknowledged{.*benchmark="cpu".* 1$' "$tmp/textfile/specbench.prom"
ok "the next run's file says it is acknowledged" $?
wait_notes SpecbenchRegressed resolved
ok "SpecbenchRegressed resolved at the webhook ($((w / 10)) s)" $?
[ "$(notes SpecbenchSpecFailed resolved)" -eq 0 ]
ok "the spec failure still fires (not resolved by the acknowledgement)" $?

# ---- the VM is gone: its file removed, its series stop ----------------------------------
[ "$(series specbench_run_timestamp_seconds)" -ge 1 ]
ok "Prometheus has the VM's run time series" $?
rm -f "$tmp/textfile/specbench.prom"
w=0
while [ $w -lt 300 ] && [ "$(series specbench_run_timestamp_seconds)" -ne 0 ]; do
	sleep 0.1
	w=$((w + 1))
done
[ "$(series specbench_run_timestamp_seconds)" -eq 0 ] && [ "$(series 'specbench_check_status')" -eq 0 ]
ok "its file removed: its series stop ($((w / 10)) s)" $?
wait_notes SpecbenchSpecFailed resolved
ok "and its spec failure resolves ($((w / 10)) s)" $?
[ "$(notes SpecbenchStale firing)" -eq 0 ]
ok "a removed VM is not a stale one (no SpecbenchStale)" $?
finish
