#!/bin/sh
# schema.sh - the JSON Schemas (model/run.schema.json, model/spec.schema.json)
# against what specbench reads and writes (TAP).  $SPECBENCH is the binary,
# $FIXTURES the built fixture machines.  Documents written by benchmark runs
# are checked in bench.sh, where they are made.
#
# Checked: every fixture machine's probe output (with each SMBIOS table),
# every recorded fixture's own probe.json, the committed run documents, the
# verdict of every fixture against every spec, every import; every spec
# file; and both ways round, that the schemas are not weaker than
# specbench: a document or spec broken on purpose is refused by both.
set -u
sb=${SPECBENCH:-build/specbench}
fx=${FIXTURES:?FIXTURES must name the built fixtures}
here=$(dirname "$0")
tmp=$(mktemp -d /tmp/specbench-schema-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
. "$here/lib.sh"
check=$here/tools/schema_check.py

if ! /usr/bin/python3 -c 'import jsonschema' 2>/dev/null; then
	skip "the schemas" "python3-jsonschema is not installed (make deps)"
	finish
	exit
fi

# ---- documents specbench writes ------------------------------------------------
mkdir "$tmp/docs"
i=0
for m in "$fx"/*/ "$here"/fixtures/*/; do
	name=$(basename "$m")
	i=$((i + 1))
	"$sb" probe --json --sysroot "$m" > "$tmp/docs/probe-$name.json" 2>/dev/null
	for s in "$fx"/smbios-ecc.bin "$fx"/smbios-qemu.bin; do
		"$sb" probe --json --sysroot "$m" --smbios "$s" > "$tmp/docs/probe-$name-$(basename "$s" .bin).json" 2>/dev/null
	done
	for spec in standard plus apps/unifi; do
		"$sb" verify --spec "$spec" --results "$tmp/docs/probe-$name.json" --format json \
			> "$tmp/docs/verify-$name-$(echo "$spec" | tr / -).json" 2>/dev/null
	done
	[ -f "$m/specbench/probe.json" ] && cp "$m/specbench/probe.json" "$tmp/docs/recorded-$name.json"
done
for f in "$here"/data/*.json; do
	cp "$f" "$tmp/docs/data-$(basename "$f")"
	"$sb" verify --spec standard --results "$f" --format json > "$tmp/docs/verify-data-$(basename "$f")" 2>/dev/null
done
for pair in disk.randwrite:published-randwrite.txt disk.randread:published-randread.txt \
	    disk.randrw:published-randrw.txt cpu:published-sysbench-cpu.txt memory:published-sysbench-memory.txt \
	    disk.randread:fio-3.33-randread-2jobs.json disk.randrw:fio-3.33-randrw-gtod.json \
	    disk.randwrite:fio-3.33-randwrite-grouped.json disk.randread:fio-3.1-randread-layout.json; do
	"$sb" import --as "${pair%%:*}" --json "$tmp/docs/import-${pair#*:}.json" "$here/data/import/${pair#*:}" 2>/dev/null
done
"$sb" probe --json > "$tmp/docs/probe-live.json" 2>/dev/null
for f in "$tmp"/docs/*.json; do [ -s "$f" ] || rm -f "$f"; done
count=$(ls "$tmp"/docs | wc -l)
[ "$count" -ge 100 ]
ok "at least 100 documents to check ($count)" $?
/usr/bin/python3 "$check" "$here/../model/run.schema.json" "$tmp"/docs/*.json > "$tmp/docs.out" 2>&1
rc=$?
grep '^not ok' "$tmp/docs.out" | sed 's/^/#   /' | head -n 20
ok "every probe, verify and import document matches model/run.schema.json" $rc

# ---- every run-document path the code and the tests spell is in the schema -----
# (test_docpath.c spells made-up documents on purpose)
root=$here/..
grep -ohE '"(probe|bench|host|verdict)\.[A-Za-z0-9_.]*(\[[0-9]+\])*[A-Za-z0-9_.]*"' \
	"$root"/base/*.c "$root"/model/*.c "$root"/probes/*.c "$root"/bench/*.c "$root"/reports/*.c "$root"/verify/*.c \
	"$root"/cli/*.c $(ls "$root"/tests/unit/*.c | grep -v test_docpath.c) | tr -d '"' | grep -v '\.h$' | sort -u > "$tmp/paths"
[ "$(wc -l < "$tmp/paths")" -ge 30 ]
ok "at least 30 paths spelled in the code and the tests ($(wc -l < "$tmp/paths"))" $?
# shellcheck disable=SC2046
/usr/bin/python3 "$check" --paths "$root/model/run.schema.json" $(cat "$tmp/paths") > "$tmp/paths.out" 2>&1
rc=$?
grep '^not ok' "$tmp/paths.out" | sed 's/^/#   /'
ok "each of them names a place model/run.schema.json describes" $rc

# ---- spec files ----------------------------------------------------------------
/usr/bin/python3 "$check" "$here/../model/spec.schema.json" $(find "$here/../specs" -name '*.json' | sort) \
	> "$tmp/specs.out" 2>&1
rc=$?
grep '^not ok' "$tmp/specs.out" | sed 's/^/#   /'
ok "every spec in specs/ matches model/spec.schema.json" $rc

# ---- neither schema is weaker than specbench: broken on purpose, both refuse ----
# break FILE JQ-FILTER NAME: a copy of FILE changed by the filter
brk() {
	jq "$2" "$1" > "$tmp/broken-$3.json"
}
run_doc=$tmp/docs/verify-data-run-published.json
brk "$here/data/run-published.json" '.schema_version = 2' run-version
brk "$here/data/run-published.json" '.bench.cpu.events_per_sec = -1' run-negative
brk "$here/data/run-published.json" '.bench.cpu.events_per_sec = "fast"' run-string
brk "$here/data/run-published.json" '.schema = "other"' run-schema
# both_refuse FILE SCHEMA VERIFY-ARGS...: the schema and `specbench verify` (exit 2) refuse FILE
both_refuse() {
	f=$1 schema=$2
	shift 2
	/usr/bin/python3 "$check" "$schema" "$f" > /dev/null 2>&1
	s=$?
	"$sb" verify "$@" --format json > /dev/null 2>&1
	v=$?
	[ $s -ne 0 ] && [ $v -eq 2 ]
	ok "$(basename "$f" .json): refused by the schema and by specbench (exit $v)" $?
}
for f in "$tmp"/broken-run-*.json; do
	both_refuse "$f" "$here/../model/run.schema.json" --spec standard --results "$f"
done
spec=$here/../specs/standard.json
brk "$spec" '.cpu.vcpus = 0' spec-vcpus
brk "$spec" '.memory.visible_pass_pct = 101' spec-pct
brk "$spec" '.storage.raid = "raid7"' spec-raid
brk "$spec" '.network.ipv4 = "one"' spec-type
brk "$spec" '.cpu.vcpu = 2' spec-typo
brk "$spec" '.version = "1.02.0"' spec-semver
brk "$spec" '.benchmarks["cpu.events"].reference = {"events": 1}' spec-figure
brk "$spec" '.benchmarks["disk.randrw"].pass_pct = 0' spec-zero
for f in "$tmp"/broken-spec-*.json; do
	both_refuse "$f" "$here/../model/spec.schema.json" --spec "$f" --results "$run_doc"
done

finish
