#!/bin/sh
# Verify and run tests: every check id in its statuses on run documents
# built from the fixture machines and imported benchmark outputs, the five
# formats read by real consumers (xmllint, prove, promtool, jq), broken
# specs and results, every exit code.  Ends with "N passed, N failed".
set -u
sb=${SPECBENCH:-build/specbench}
fx=${FIXTURES:?FIXTURES must name the built fixtures}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d /tmp/specbench-verify-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
# a signal ends the script (the EXIT trap cleans up); a trap alone would go on
trap 'exit 130' INT
trap 'exit 143' TERM
. "$here/lib.sh"
data=$here/data/import
abs_sb=$(cd "$(dirname "$sb")" && pwd)/$(basename "$sb")

# The published 2022 figures as a bench section (documented profile).
for id in disk.randwrite disk.randread disk.randrw; do
	"$sb" import --as "$id" "$data/published-${id#disk.}.txt" > "$tmp/$id.json"
done
"$sb" import --as cpu "$data/published-sysbench-cpu.txt" > "$tmp/cpu.json"
"$sb" import --as memory "$data/published-sysbench-memory.txt" > "$tmp/memory.json"
jq -s '{bench: (reduce .[].bench as $b ({}; . * $b) | del(.imported)
	| .network = {status: "ok", error: null, tool_version: "speedtest-cli", download_mbps: 1200.87,
		      upload_mbps: 1046.51, latency_ms: 18.881, family: "ipv4"}
	| (.. | objects | select(has("status"))) |= (.profile = "documented" | .steal_pct = 0.5))}' \
	"$tmp"/disk.*.json "$tmp/cpu.json" "$tmp/memory.json" > "$tmp/bench.json"

# mkrun NAME MACHINE [SMBIOS] [JQ-EDIT]: a run document of a fixture machine
# (a built one by name, a recorded one by its absolute path)
mkrun() {
	case $2 in /*) root=$2 ;; *) root=$fx/$2 ;; esac
	if [ "${3:-}" ]; then
		"$sb" probe --json --sysroot "$root" --smbios "$fx/$3" > "$tmp/probe.json"
	else
		"$sb" probe --json --sysroot "$root" > "$tmp/probe.json"
	fi
	jq -s ".[0] + .[1] | ${4:-.}" "$tmp/probe.json" "$tmp/bench.json" > "$tmp/$1.json"
}
# status RUN CHECK [SPEC]: the status of one check
verdict() {
	"$sb" verify --spec "${2:-standard}" --results "$tmp/$1.json" --format json > "$tmp/v.json" 2> "$tmp/v.err"
	echo $? > "$tmp/v.rc"
}
check() {  # check RUN CHECK-ID WANT-STATUS [SPEC]
	verdict "$1" "${4:-standard}"
	jeq "$tmp/v.json" ".verdict.checks[] | select(.id == \"$2\") | .status" "$3" "$1: $2 is $3"
}

# ---- a bare-metal Rome server with healthy RAID10: all pass -----------------------
mkrun rome epyc-rome-metal smbios-ecc.bin
verdict rome
jeq "$tmp/v.json" '.verdict.status' PASS "Rome server: verdict PASS"
jeq "$tmp/v.json" '[.verdict.checks[] | select(.status == "PASS")] | length' 17 "Rome server: all 17 checks pass"
jeq "$tmp/v.json" '[.verdict.checks[].id] | join(",")' \
	"cpu.model,cpu.clock,cpu.vcpus,memory.size,memory.ecc,storage.nvme,storage.raid10,storage.size,network.ipv4,network.ipv6,disk.randwrite,disk.randread,disk.randrw,cpu.events,memory.bandwidth,network.download,network.upload,mail.smtp,dns.a,dns.aaaa,mail.spf.ipv4,mail.spf.ipv6,mail.dkim,mail.dmarc" \
	"the fixed check ids, in order"
jeq "$tmp/v.json" '[.verdict.checks[] | select(.id | test("^(mail|dns)[.]")) | select(.status == "SKIP" and (.evidence | test("--app-domain")))] | length' 7 \
	"without --app-domain the 7 mail and DNS checks of the spec are SKIP, and say what is missing"
jeq "$tmp/v.json" '.verdict.checks[0] | keys | join(",")' "evidence,expected,id,observed,status" "each check has id, status, expected, observed, evidence"
jeq "$tmp/v.json" '.verdict.checks[] | select(.id == "memory.ecc") | .evidence | test("EDAC")' true "ECC evidence names EDAC"
[ "$(cat "$tmp/v.rc")" = 0 ]
ok "verify exits 0 on a pass" $?
for s in degraded recovering inactive; do
	mkrun "rome-$s" "rome-$s"
	check "rome-$s" storage.raid10 FAIL
done
# the filesystem on LVM over md0, or on a partition of md0, is judged by md0 (issue 10)
mkrun rome-lvm rome-lvm smbios-ecc.bin
check rome-lvm storage.raid10 PASS
jeq "$tmp/v.json" '.verdict.checks[] | select(.id == "storage.raid10") | .observed | startswith("md0 raid10, clean")' true \
	"rome-lvm: the array under dm-0 is named"
mkrun rome-mdpart rome-mdpart smbios-ecc.bin
check rome-mdpart storage.raid10 PASS
mkrun rome-lvm-degraded rome-lvm-degraded smbios-ecc.bin
check rome-lvm-degraded storage.raid10 FAIL
[ "$(cat "$tmp/v.rc")" = 1 ]
ok "verify exits 1 on a failure" $?
mkrun rome-resyncing rome-resyncing
check rome-resyncing storage.raid10 WARN
mkrun rome-inconsistent rome-inconsistent
check rome-inconsistent storage.raid10 FAIL

# ---- a Xeon Gold VM: what a VM cannot see is UNVERIFIABLE --------------------------
mkrun gold xeon-gold-vm smbios-qemu.bin
check gold cpu.model PASS
check gold cpu.clock PASS
check gold memory.ecc UNVERIFIABLE
jeq "$tmp/v.json" '.verdict.checks[] | select(.id == "memory.ecc") | .evidence | test("QEMU|VMware")' true "ECC evidence names the hypervisor's claim"
check gold storage.nvme UNVERIFIABLE
jeq "$tmp/v.json" '.verdict.checks[] | select(.id == "storage.nvme") | .evidence | test("latency")' true "NVMe evidence: the random-read latency"
check gold storage.raid10 UNVERIFIABLE
check gold network.ipv4 PASS
check gold network.ipv6 PASS
[ "$(cat "$tmp/v.rc")" = 0 ]
ok "UNVERIFIABLE does not fail the verdict" $?

# ---- network and storage failures -------------------------------------------------
mkrun v4 rome-ipv4-only
check v4 network.ipv4 PASS
check v4 network.ipv6 FAIL
check v4 storage.size PASS
check v4 storage.size FAIL plus
mkrun kvm kvm-milan-cpuinfo-only
check kvm network.ipv4 FAIL
jeq "$tmp/v.json" '.verdict.checks[] | select(.id == "network.ipv4") | .observed | test("documentation")' true "the address class is named"
check kvm network.ipv6 FAIL
check kvm cpu.model WARN
check kvm cpu.vcpus PASS
check kvm cpu.vcpus FAIL plus
check kvm memory.ecc UNVERIFIABLE

# ---- CPU lines and generations ----------------------------------------------------
for m in naples-vm xeon-silver-vm ryzen-desktop; do
	mkrun "$m" "$m"
	check "$m" cpu.model FAIL
done
mkrun genoa genoa-masked
check genoa cpu.model WARN
# the recorded nested Turin guest: a newer generation, judged by the
# kernel's brand and saying so
mkrun turin "$here/fixtures/pvm-epyc-turin-2vcpu"
check turin cpu.model WARN
jeq "$tmp/v.json" '.verdict.checks[] | select(.id == "cpu.model") | .observed' "AMD EPYC (EPYC, generation Turin)" \
	"turin: cpu.model observed shows the kernel's brand that was used"
mkrun cl cascadelake-qemu
check cl cpu.model UNVERIFIABLE
mkrun slowclock epyc-rome-metal "" '.probe.cpu.base_mhz = 1800'
check slowclock cpu.clock FAIL
mkrun noclock epyc-rome-metal "" '.probe.cpu.base_mhz = null'
check noclock cpu.clock UNVERIFIABLE
mkrun mem38 rome-ipv4-only "" '.probe.memory.total_bytes = (3.8 * 1073741824 | floor)'
check mem38 memory.size PASS
mkrun mem35 rome-ipv4-only "" '.probe.memory.total_bytes = (3.5 * 1073741824 | floor)'
check mem35 memory.size WARN
mkrun mem30 rome-ipv4-only "" '.probe.memory.total_bytes = (3.0 * 1073741824 | floor)'
check mem30 memory.size FAIL
mkrun noecc ryzen-desktop smbios-no-ecc.bin
check noecc memory.ecc FAIL
mkrun sata xeon-gold-vm "" '.probe.cpu.hypervisor = null'
check sata storage.nvme FAIL
check sata storage.raid10 FAIL

# ---- benchmark figures ------------------------------------------------------------
mkrun slow epyc-rome-metal "" '.bench.disk.randread.read.iops = 5000 | .bench.disk.randwrite.write.iops = 45000'
check slow disk.randread FAIL
check slow disk.randwrite WARN
jeq "$tmp/v.json" '.verdict.checks[] | select(.id == "disk.randread") | .observed | test("5000 IOPS")' true "the slow figure is shown"
mkrun cached epyc-rome-metal "" '.bench.disk.randwrite.cached = true'
check cached disk.randwrite WARN
jeq "$tmp/v.json" '.verdict.checks[] | select(.id == "disk.randwrite") | .evidence | test("cached")' true "cached named"
mkrun unstable epyc-rome-metal "" '.bench.memory.unstable = true | .bench.memory.runs = 5'
check unstable memory.bandwidth WARN
mkrun steal epyc-rome-metal "" '.bench.cpu.steal_pct = 12.5'
check steal cpu.events WARN
jeq "$tmp/v.json" '.verdict.checks[] | select(.id == "cpu.events") | .evidence | test("steal 12.5")' true "steal figure named"
mkrun nonet epyc-rome-metal "" 'del(.bench.network)'
check nonet network.download SKIP
check nonet network.upload SKIP
mkrun failed epyc-rome-metal "" '.bench.cpu = {status: "failed", error: "sysbench killed by signal 9"}'
check failed cpu.events SKIP
jeq "$tmp/v.json" '.verdict.checks[] | select(.id == "cpu.events") | .evidence | test("killed")' true "the failure is the evidence"
check rome disk.randrw PASS
mkrun probeonly epyc-rome-metal "" 'del(.bench)'
check probeonly disk.randwrite SKIP
verdict probeonly
[ "$(cat "$tmp/v.rc")" = 0 ]
ok "a missing benchmark is SKIP, never PASS or FAIL" $?

# ---- formats read by their consumers ------------------------------------------------
expect 0 "junit output" "$sb" verify --spec standard --results "$tmp/rome.json" --format junit
cp "$tmp/out" "$tmp/pass.xml"
expect 0 "JUnit is well-formed XML (xmllint)" xmllint --noout "$tmp/pass.xml"
expect 1 "junit output of a failing run" "$sb" verify --spec standard --results "$tmp/kvm.json" --format junit
cp "$tmp/out" "$tmp/fail.xml"
expect 0 "failing JUnit is well-formed XML (xmllint)" xmllint --noout "$tmp/fail.xml"
xcount() { xmllint --xpath "count($1)" "$tmp/fail.xml"; }
[ "$(xcount //testcase)" = 24 ]
ok "one testcase per check" $?
[ "$(xcount //failure)" = 2 ]
ok "FAIL as <failure>" $?
"$sb" verify --spec standard --results "$tmp/kvm.json" --format json > "$tmp/kvmv.json"
[ "$(xcount //skipped)" = "$(jq '[.verdict.checks[] | select(.status == "SKIP" or .status == "UNVERIFIABLE")] | length' "$tmp/kvmv.json")" ]
ok "SKIP and UNVERIFIABLE as <skipped>" $?
expect 0 "tap output" "$sb" verify --spec standard --results "$tmp/gold.json" --format tap
cp "$tmp/out" "$tmp/gold.tap"
expect 0 "TAP of a passing run: prove passes it" prove -e cat "$tmp/gold.tap"
"$sb" verify --spec standard --results "$tmp/kvm.json" --format tap > "$tmp/kvm.tap"
expect 1 "TAP of a failing run: prove fails it" prove -e cat "$tmp/kvm.tap"
has "$tmp/out" "Failed 2/24" "prove counts the two failures"
has "$tmp/gold.tap" "TAP version 13" "TAP version 13"
if command -v promtool >/dev/null 2>&1; then
	"$sb" verify --spec standard --results "$tmp/rome.json" --format prometheus > "$tmp/rome.prom"
	expect 0 "Prometheus text is valid (promtool check metrics)" sh -c "promtool check metrics < '$tmp/rome.prom'"
	has "$tmp/rome.prom" 'specbench_disk_iops{benchmark="disk.randwrite",direction="write"} 59000' "IOPS gauge"
	has "$tmp/rome.prom" 'specbench_check_status{spec="standard",check="storage.raid10",status="pass"} 1' "check status gauge"
	has "$tmp/rome.prom" 'specbench_network_download_bytes_per_second{benchmark="network"} 150108750' "base units"
else
	ok "promtool installed (make deps installs prometheus)" 1
fi
expect 0 "json output" "$sb" verify --spec standard --results "$tmp/rome.json" --format json
jeq "$tmp/out" '.verdict.spec_chain | join(",")' "standard 1.0.0" "json holds the verdict"
expect 0 "table output" "$sb" verify --spec standard --results "$tmp/rome.json" --format table
has "$tmp/out" "verdict: PASS" "table ends with the verdict"
! grep -q "$(printf '\033')" "$tmp/out"
ok "no colours when not a terminal" $?
if command -v script >/dev/null 2>&1; then
	script -qec "'$abs_sb' verify --spec standard --results '$tmp/rome.json'" /dev/null > "$tmp/tty.out" 2>&1
	grep -q "$(printf '\033')\[32m" "$tmp/tty.out"
	ok "colours on a terminal, table by default" $?
	NO_COLOR=1 script -qec "'$abs_sb' verify --spec standard --results '$tmp/rome.json'" /dev/null > "$tmp/tty.out" 2>&1
	! grep -q "$(printf '\033')" "$tmp/tty.out"
	ok "NO_COLOR respected" $?
else
	skip "colours on a terminal, NO_COLOR" "script (bsdutils) is not installed"
fi

# ---- output that cannot attack a terminal (issue 10) -------------------------------
cp -a "$fx/epyc-rome-metal" "$tmp/evil"
printf 'host\033]0;pwned\007\r\n' > "$tmp/evil/proc/sys/kernel/hostname"
sed "s/^model name.*/model name\t: AMD EPYC 7302P $(printf '\033')[2J$(printf '\r')16-Core $(printf '\302\233')31m Processor/" \
	"$fx/epyc-rome-metal/proc/cpuinfo" > "$tmp/evil/proc/cpuinfo"
mkrun evil "$tmp/evil"
for f in table tap junit prometheus json; do
	"$sb" verify --spec standard --results "$tmp/evil.json" --format "$f" > "$tmp/evil.$f" 2>&1
	! LC_ALL=C grep -q -P '[\x00-\x09\x0b-\x1f\x7f]|\xc2[\x80-\x9f]' "$tmp/evil.$f"
	ok "--format $f: control characters from the machine are escaped" $?
done
has "$tmp/evil.table" 'on host\x1b]0;pwned\x07' "the table shows the hostname escaped"
has "$tmp/evil.tap" '\x1b[2J\r16-Core' "TAP shows the brand escaped"
[ "$(grep -c '^not ok\|^ok' "$tmp/evil.tap")" -eq 24 ]
ok "TAP still has one line per check (no forged lines)" $?

# ---- specs: inheritance and bad specs -----------------------------------------------
expect 0 "an application spec extending plus" "$sb" verify --spec apps/unifi --results "$tmp/rome.json" --format json
jeq "$tmp/out" '.verdict.spec_chain | join(",")' "unifi 1.0.0,plus 1.0.0,standard 1.0.0" "the chain is recorded"
jeq "$tmp/out" '.verdict.checks[] | select(.id == "storage.size") | .expected' ">= 120 GiB" "the app's own figure"
jeq "$tmp/out" '.verdict.checks[] | select(.id == "cpu.vcpus") | .expected' ">= 4" "the package's figure"
jeq "$tmp/out" '.verdict.checks[] | select(.id == "disk.randwrite") | .expected' "write.iops >= 50150 IOPS" "the base spec's figure"
mkdir -p "$tmp/specs"
printf '{\n  "name": "x",\n  "version": "1.0.0",\n  "cpu": { "min_mhz": 2000,, }\n}\n' > "$tmp/specs/malformed.json"
expect 2 "a malformed spec" "$sb" verify --spec "$tmp/specs/malformed.json" --results "$tmp/rome.json"
has "$tmp/err" "malformed.json:4:" "file and line named"
printf '{\n  "name": "x",\n  "version": "1.0.0",\n  "cpu": {\n    "min_mhzz": 2000\n  }\n}\n' > "$tmp/specs/typo.json"
expect 2 "an unknown key" "$sb" verify --spec "$tmp/specs/typo.json" --results "$tmp/rome.json"
has "$tmp/err" "typo.json:5:5: unknown key 'cpu.min_mhzz'" "the unknown key, with its position"
printf '{ "name": "x", "version": "1.0.0", "benchmarks": { "disk.seqwrite": {} } }\n' > "$tmp/specs/check.json"
expect 2 "an unknown benchmark check" "$sb" verify --spec "$tmp/specs/check.json" --results "$tmp/rome.json"
printf '{ "name": "x", "version": "1.0.0", "memory": { "gib": "four" } }\n' > "$tmp/specs/type.json"
expect 2 "a value of the wrong type" "$sb" verify --spec "$tmp/specs/type.json" --results "$tmp/rome.json"
has "$tmp/err" "'memory.gib' must be a number" "the wrong type named"
printf '{ "name": "x", "version": "1.0", "cpu": {} }\n' > "$tmp/specs/version.json"
expect 2 "a version that is not semantic" "$sb" verify --spec "$tmp/specs/version.json" --results "$tmp/rome.json"
printf '{ "name": "x", "version": "1.0.0", "extends": "nosuch" }\n' > "$tmp/specs/orphan.json"
expect 2 "extends a missing spec" "$sb" verify --spec "$tmp/specs/orphan.json" --results "$tmp/rome.json"
has "$tmp/err" "extends 'nosuch'" "the missing parent named"
printf '{ "name": "self", "version": "1.0.0", "extends": "self" }\n' > "$tmp/specs/self.json"
expect 2 "extends itself" "$sb" verify --spec "$tmp/specs/self.json" --results "$tmp/rome.json"
has "$tmp/err" "cycle" "a cycle named"
printf '{ "name": "a", "version": "1.0.0", "extends": "b" }\n' > "$tmp/specs/a.json"
printf '{ "name": "b", "version": "1.0.0", "extends": "a" }\n' > "$tmp/specs/b.json"
expect 2 "a cycle of two specs" "$sb" verify --spec "$tmp/specs/a.json" --results "$tmp/rome.json"
# extends stays in the spec's own directory or the installed specs (issue 10)
mkdir -p "$tmp/outside"
printf '{ "name": "leak", "version": "1.0.0", "cpu": { "vcpus": 1 } }\n' > "$tmp/outside/leak.json"
printf '{ "name": "x", "version": "1.0.0", "extends": "../outside/leak.json" }\n' > "$tmp/specs/up.json"
expect 2 "extends a file outside the spec's directory" "$sb" verify --spec "$tmp/specs/up.json" --results "$tmp/rome.json"
has "$tmp/err" "outside the spec's own directory and the installed specs" "the escape is named"
ln -s "$tmp/outside/leak.json" "$tmp/specs/linked.json"
printf '{ "name": "x", "version": "1.0.0", "extends": "linked" }\n' > "$tmp/specs/vialink.json"
expect 2 "extends through a link that leaves the directory" "$sb" verify --spec "$tmp/specs/vialink.json" --results "$tmp/rome.json"
printf '{ "name": "x", "version": "1.0.0", "extends": "standard" }\n' > "$tmp/specs/installed.json"
expect 0 "extends an installed spec by name" "$sb" verify --spec "$tmp/specs/installed.json" --results "$tmp/rome.json" --format json
printf '{ "password": "hunter2", "version": 7 }\n' > "$tmp/specs/notaspec.json"
expect 2 "a JSON file that is not a spec" "$sb" verify --spec "$tmp/specs/notaspec.json" --results "$tmp/rome.json"
has "$tmp/err" "not a spec" "said to be no spec"
! grep -q -e hunter2 -e password "$tmp/err"
ok "nothing of its content is quoted" $?
# every number of a spec has a range; errors name file, line and column (issue 10)
badspec() {  # badspec NAME BODY MESSAGE: the spec {name, version, BODY} is refused with MESSAGE
	printf '{\n  "name": "x",\n  "version": "1.0.0",\n  %s\n}\n' "$2" > "$tmp/specs/$1.json"
	expect 2 "spec $1 refused" "$sb" verify --spec "$tmp/specs/$1.json" --results "$tmp/rome.json"
	has "$tmp/err" "$3" "spec $1: $3"
}
badspec ipv4neg '"network": { "ipv4": -1 }' "ipv4neg.json:4:16: 'network.ipv4' is -1: it must be from 0 to 1024"
badspec emptyref '"benchmarks": { "cpu.events": { "reference": {} } }' "'benchmarks.cpu.events.reference' is empty"
badspec zeroref '"benchmarks": { "cpu.events": { "reference": { "events_per_sec": 0 } } }' "'benchmarks.cpu.events.reference.events_per_sec' is 0: it must be above 0"
badspec unknownfig '"benchmarks": { "cpu.events": { "reference": { "iops": 5 } } }' "cpu measures no figure 'iops'"
badspec negpct '"benchmarks": { "cpu.events": { "reference": { "events_per_sec": 9 }, "pass_pct": -5 } }' "'benchmarks.cpu.events.pass_pct' is -5"
badspec band '"benchmarks": { "cpu.events": { "reference": { "events_per_sec": 9 }, "pass_pct": 80, "warn_pct": 90 } }' "is above 'pass_pct' (80)"
badspec membnd '"memory": { "gib": 4, "visible_pass_pct": 80, "visible_warn_pct": 95 }' "'memory.visible_warn_pct' (95) is above"
badspec gib0 '"memory": { "gib": 0 }' "'memory.gib' is 0: it must be above 0"
badspec steal '"limits": { "max_steal_pct": 150 }' "'limits.max_steal_pct' is 150"
badspec raid '"storage": { "raid": "raid11" }' "'storage.raid' must be one of"
badspec vcpus '"cpu": { "vcpus": 0 }' "'cpu.vcpus' is 0"
# the position is the key's own, not the first key of that name in the file
printf '{\n  "name": "x",\n  "version": "1.0.0",\n  "benchmarks": {\n    "cpu.events": { "reference": { "events_per_sec": 9 }, "pass_pct": 90 },\n    "memory.bandwidth": { "reference": { "mib_per_sec": 9 }, "pass_pct": 0 }\n  }\n}\n' > "$tmp/specs/pos.json"
expect 2 "a bad pass_pct in the second check" "$sb" verify --spec "$tmp/specs/pos.json" --results "$tmp/rome.json"
has "$tmp/err" "pos.json:6:62: 'benchmarks.memory.bandwidth.pass_pct' is 0" "the second check's line and column"
# an element of a list: its own line, not the first element's (positions
# come from the scanner of the text, base/jsonpos.c, not from a text search)
printf '{\n  "name": "x",\n  "version": "1.0.0",\n  "cpu": {\n    "accept": [\n      { "line": "EPYC", "generation": 2 },\n      { "line": "Xeon Gold", "generation": 99 }\n    ]\n  }\n}\n' > "$tmp/specs/list.json"
expect 2 "a bad generation in the second accepted CPU" "$sb" verify --spec "$tmp/specs/list.json" --results "$tmp/rome.json"
has "$tmp/err" "list.json:7:30: 'cpu.accept[1].generation' is 99" "the second element's line and column"
printf '{ "name": "x", "version": "01.0.0" }\n' > "$tmp/specs/zero.json"
expect 2 "a semantic version with a leading zero" "$sb" verify --spec "$tmp/specs/zero.json" --results "$tmp/rome.json"
printf '{ "name": "c", "version": "1.0.0", "extends": "standard", "benchmarks": { "cpu.events": { "pass_pct": 70 } } }\n' > "$tmp/specs/child.json"
expect 2 "a child that turns the inherited band upside down" "$sb" verify --spec "$tmp/specs/child.json" --results "$tmp/rome.json"
has "$tmp/err" "(after extends)" "the merged band is checked"

# a long accept list: the expected text is cut, never written past its buffer
# (an out-of-bounds write before; ASan in verify-sanitizers)
jq -n '{name: "long", version: "1.0.0", cpu: {accept: [range(60) | {line: "Some Very Long Product Line Name \(.)", generation: 3}]}}' \
	> "$tmp/specs/long.json"
expect 1 "a spec with 60 accepted CPU lines (none of them EPYC: FAIL)" "$sb" verify --spec "$tmp/specs/long.json" --results "$tmp/rome.json" --format json
jeq "$tmp/out" '.verdict.checks[] | select(.id == "cpu.model") | .expected | length < 256' true "the expected text is cut to its buffer"

# unknown facts are never a FAIL; absurd figures are refused (issue 10)
jq '.probe |= walk(if type == "object" then with_entries(if (.value | type) != "object" then .value = null else . end) else . end)' \
	"$tmp/rome.json" > "$tmp/nullfacts.json"
expect 0 "a run whose facts are all unknown" "$sb" verify --spec standard --results "$tmp/nullfacts.json" --format json
jeq "$tmp/out" '[.verdict.checks[] | select(.id | test("^(cpu|memory|storage|network)\\.(model|clock|vcpus|size|ecc|nvme|raid10|ipv4|ipv6)$")) | .status] | map(select(. == "FAIL" or . == "PASS")) | length' 0 \
	"unknown facts: every probe check is SKIP or UNVERIFIABLE"
for edit in '.bench.cpu.events_per_sec = -5' '.bench.cpu.events_per_sec = 1e300' '.bench.cpu.events_per_sec = 1e16' \
	    '.probe.memory.total_bytes = -1'; do
	jq "$edit" "$tmp/rome.json" > "$tmp/absurd.json"
	expect 2 "an absurd figure ($edit) is refused" "$sb" verify --spec standard --results "$tmp/absurd.json"
	has "$tmp/err" "not a plausible figure" "($edit): the field is named"
done
expect 2 "an unknown spec name" "$sb" verify --spec nosuch --results "$tmp/rome.json"
expect 2 "an unknown format" "$sb" verify --spec standard --results "$tmp/rome.json" --format html
expect 2 "verify without --results" "$sb" verify --spec standard

# ---- bad results files ---------------------------------------------------------------
printf '{ "schema": "specbench.run", "schema_version": 1,\n  "probe": { oops }\n}\n' > "$tmp/bad.json"
expect 2 "malformed results" "$sb" verify --spec standard --results "$tmp/bad.json"
has "$tmp/err" "bad.json:2:" "results file and line named"
printf '{ "schema": "something.else", "schema_version": 1 }\n' > "$tmp/other.json"
expect 2 "results of another schema" "$sb" verify --spec standard --results "$tmp/other.json"
printf '{ "schema": "specbench.run", "schema_version": 2 }\n' > "$tmp/v2.json"
expect 2 "results of another schema version" "$sb" verify --spec standard --results "$tmp/v2.json"
has "$tmp/err" "schema version 2" "the version named"
expect 2 "a missing results file" "$sb" verify --spec standard --results "$tmp/none.json"

# ---- specbench run ---------------------------------------------------------------------
expect 1 "run on this VM (its documentation addresses fail)" "$sb" run --spec standard --profile smoke \
	--only cpu,memory --out "$tmp/runs" --history "$tmp/history.db" --dir "$tmp" --format json
jeq "$tmp/out" '.verdict.checks[] | select(.id == "cpu.events") | .status' WARN "smoke figures are WARN at best"
jeq "$tmp/out" '.verdict.checks[] | select(.id == "disk.randwrite") | .status' SKIP "benchmarks not run are SKIP"
jeq "$tmp/out" '.probe.cpu.vcpus > 0' true "run probes"
ls "$tmp/runs"/*.json > /dev/null 2>&1
ok "run stores the run document in --out" $?
jeq "$(ls "$tmp/runs"/*.json | head -n 1)" '.verdict.status' FAIL "the stored document holds the verdict"
expect 1 "run --format junit" "$sb" run --spec standard --profile smoke --only cpu --out "$tmp/runs" --history "$tmp/history.db" --format junit
cp "$tmp/out" "$tmp/run.xml"
expect 0 "its JUnit is well-formed" xmllint --noout "$tmp/run.xml"
printf '{ "name": "cpu-only", "version": "1.0.0", "cpu": { "vcpus": 1 } }\n' > "$tmp/specs/cpu-only.json"
mkdir -p "$tmp/bin"
printf '#!/bin/sh\n[ "$1" = --version ] && { echo "sysbench 1.0.20"; exit 0; }\nkill -9 $$\n' > "$tmp/bin/sysbench"
chmod +x "$tmp/bin/sysbench"
expect 3 "run with a tool killed: exit 3" env PATH="$tmp/bin:$PATH" "$abs_sb" run --spec "$tmp/specs/cpu-only.json" \
	--profile smoke --only cpu --out "$tmp/runs" --history "$tmp/history.db" --format json
expect 0 "run that meets its spec: exit 0" "$sb" run --spec "$tmp/specs/cpu-only.json" --profile smoke \
	--only cpu --out "$tmp/runs" --history "$tmp/history.db" --format tap
has "$tmp/out" "ok 3 - cpu.vcpus" "the TAP line of the check"
"$sb" run --spec "$tmp/specs/cpu-only.json" --profile documented --only disk.randread --dir "$tmp" \
	--out "$tmp/int-runs" --history "$tmp/history.db" --format json > "$tmp/int.out" 2>&1 &
pid=$!
sleep 3
kill -INT "$pid"
wait "$pid"
rc=$?
[ "$rc" -eq 130 ]
ok "run interrupted: exit 130 (got $rc)" $?
[ ! -d "$tmp/int-runs" ] || [ -z "$(ls -A "$tmp/int-runs")" ]
ok "run interrupted: nothing stored" $?
[ -z "$(ls -d "$tmp"/specbench-* 2>/dev/null)" ]
ok "run interrupted: no data files left" $?
expect 2 "run without --spec" "$sb" run --profile smoke
expect 2 "run with a broken spec" "$sb" run --spec "$tmp/specs/typo.json" --profile smoke

# ---- the table: fits the width, never cuts a value, says shared evidence once --
"$sb" probe --json --sysroot "$fx/kvm-xeon-masked-spr" > "$tmp/masked.json"
COLUMNS=80 "$sb" verify --spec standard --results "$tmp/masked.json" > "$tmp/t80.txt"
[ -z "$(awk 'length > 80' "$tmp/t80.txt")" ]
ok "table at 80 columns: no line longer" $?
has "$tmp/t80.txt" "write.iops >= 10455 IOPS" "a long expected value wraps whole, not cut mid-word"
[ "$(grep -c "need the application's domain" "$tmp/t80.txt")" -eq 1 ]
ok "identical evidence said once for the seven mail checks" $?
has "$tmp/t80.txt" "mail.smtp, dns.a, dns.aaaa, mail.spf.ipv4, mail.spf.ipv6, mail.dkim, mail.dmarc" "the checks it belongs to named together"
"$sb" verify --spec standard --results "$tmp/masked.json" | tee "$tmp/piped.txt" > /dev/null
has "$tmp/piped.txt" "verdict: FAIL" "into a pipe the default format is still the table"

finish
