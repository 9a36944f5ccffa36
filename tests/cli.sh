#!/bin/sh
# CLI tests: exit codes, usage, bad input, the live probe against lscpu/ip/
# lsblk, and a snapshot replayed.  $SPECBENCH is the binary under test,
# $FIXTURES the built fixture machines.  Ends with "N passed, N failed".
set -u
sb=${SPECBENCH:-build/specbench}
fx=${FIXTURES:?FIXTURES must name the built fixtures}
tmp=$(mktemp -d /tmp/specbench-cli-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
# a signal ends the script (the EXIT trap cleans up); a trap alone would go on
trap 'exit 130' INT
trap 'exit 143' TERM
. "$(dirname "$0")/lib.sh"

# ---- usage and exit codes -----------------------------------------------------
expect 0 "--version" "$sb" --version
has "$tmp/out" "specbench 0." "--version prints the version"
expect 0 "--help" "$sb" --help
has "$tmp/out" "snapshot" "--help lists the commands"
expect 2 "no command" "$sb"
has "$tmp/err" "usage: specbench" "no command: usage on stderr"
expect 2 "unknown command" "$sb" frobnicate
has "$tmp/err" "unknown command 'frobnicate'" "unknown command named"
expect 0 "probe --help" "$sb" probe --help
has "$tmp/out" "--sysroot DIR" "probe --help shows the options"
expect 0 "help probe" "$sb" help probe
expect 2 "probe with an unknown option" "$sb" probe --frobnicate
has "$tmp/err" "unknown option '--frobnicate'" "unknown option named"
has "$tmp/err" "usage: specbench probe" "unknown option: usage on stderr"
expect 2 "probe --sysroot without its value" "$sb" probe --sysroot
expect 2 "probe with a stray argument" "$sb" probe extra
expect 2 "probe --sysroot of a missing directory" "$sb" probe --sysroot "$tmp/none"
has "$tmp/err" "$tmp/none: not a directory" "missing sysroot named"
expect 2 "snapshot without -o" "$sb" snapshot
expect 0 "snapshot --help" "$sb" snapshot --help

# the option parser (cli/options.c): one table per command
expect 2 "an ambiguous abbreviation" "$sb" bench --print-commands --ip
has "$tmp/err" "ambiguous option '--ip'" "ambiguous option named"
expect 0 "an unambiguous abbreviation" "$sb" bench --print-com --only cpu
has "$tmp/out" "sysbench" "--print-com is --print-commands"
expect 0 "--name=VALUE" "$sb" bench --print-commands --only=cpu --profile=documented
has "$tmp/out" "sysbench cpu" "--only=cpu taken"
expect 2 "a flag given a value" "$sb" probe --json=yes
has "$tmp/err" "option '--json=yes' takes no value" "flag with a value named"
expect 2 "a number out of range" "$sb" bench --print-commands --repeat 0
has "$tmp/err" "--repeat: '0' is not a number from 1 to 1000" "range named"
expect 2 "a number with junk" "$sb" bench --print-commands --streams 4x
expect 2 "a required option missing" "$sb" verify --results x.json
has "$tmp/err" "--spec NAME|FILE is required" "missing required option named"
expect 0 "-oDIR" "$sb" snapshot -o"$tmp/snap-attached"
expect 2 "import without FILE" "$sb" import --as cpu
has "$tmp/err" "exactly one FILE is needed" "missing operand named"

# the helper specbench-net parses its arguments with the same table code
net="$(dirname "$sb")/specbench-net"
expect 2 "specbench-net --streams 4x" "$net" --streams 4x
has "$tmp/err" "--streams: '4x' is not a number from 1 to 64" "helper: bad number named (no atoi)"
expect 2 "specbench-net --streams 99999999999999999999" "$net" --streams 99999999999999999999
expect 2 "specbench-net --profile fast" "$net" --profile fast
has "$tmp/err" "unknown profile 'fast'" "helper: bad profile named"
expect 0 "specbench-net --profile smoke without URLs" "$net" --profile smoke
has "$tmp/out" '"skipped"' "helper: skipped without a download URL"

# every command's options, as its table generates them, are the man page's
man=$(dirname "$0")/../man/specbench.1
for c in run verify mail probe snapshot bench import history_add history_list history_show history_export history_init history_grant regress regress_ack page fleet dashboard; do
	cmd=$(echo "$c" | tr _ ' ')
	# shellcheck disable=SC2086
	"$sb" $cmd --help > "$tmp/help" 2>&1
	# the synopsis lines of --help: everything before the first empty line
	sed '/^$/q' "$tmp/help" | grep -oE '(^| |\[)--?[a-z][a-z0-9-]*' | tr -d ' [' | sort -u > "$tmp/opts.help"
	# the man page's SYNOPSIS entry of the command: from ".B specbench CMD" to ".br"
	sed -n "/^\.B specbench $cmd\$/,/^\.br/p" "$man" | sed 's/\\-/-/g' |
		grep -oE '(^| )--?[a-z][a-z0-9-]*' | tr -d ' ' | sort -u > "$tmp/opts.man"
	diff "$tmp/opts.help" "$tmp/opts.man" > "$tmp/opts.diff"
	rc=$?
	[ $rc -eq 0 ] || sed 's/^/#   /' "$tmp/opts.diff"
	[ -s "$tmp/opts.help" ]
	ok "$cmd: the options of --help are the man page's SYNOPSIS" $((rc + $?))
	# the README's usage block: the command's line and the indented ones after it
	awk -v c="$cmd" '/^```/ { block = !block; on = 0; next }
		block && $1 == "specbench" { rest = substr($0, length("specbench " c) + 1)
			on = index($0 " ", "specbench " c " ") == 1 && rest !~ /^ +[a-z]/ }
		block && on' "$(dirname "$0")/../README.md" | grep -oE '(^| |\[)--?[a-z][a-z0-9-]*' | tr -d ' [' |
		sort -u > "$tmp/opts.readme"
	diff "$tmp/opts.help" "$tmp/opts.readme" > "$tmp/opts.diff"
	rc=$?
	[ $rc -eq 0 ] || sed 's/^/#   /' "$tmp/opts.diff"
	ok "$cmd: the options of --help are the README's usage block" $rc
done

# ---- bad input: clear message, exit 2, never a crash --------------------------
expect 2 "truncated SMBIOS table" "$sb" probe --sysroot "$fx/epyc-rome-metal" --smbios "$fx/smbios-truncated.bin"
has "$tmp/err" "smbios-truncated.bin: SMBIOS table truncated" "truncated SMBIOS named with the file"
expect 2 "missing SMBIOS file" "$sb" probe --smbios "$tmp/none.bin"
has "$tmp/err" "$tmp/none.bin: No such file" "missing SMBIOS file named"
printf 'version=0.6.2\nbasic_cpuid[0]=zz\n' > "$tmp/bad.raw"
expect 2 "malformed CPUID dump" "$sb" probe --sysroot "$fx/epyc-rome-metal" --cpuid-raw "$tmp/bad.raw"
has "$tmp/err" "bad.raw: not a CPUID dump" "malformed CPUID dump named"
[ ! -s "$tmp/out" ]
ok "nothing on stdout after an input error" $?
cp -a "$fx/epyc-rome-metal" "$tmp/garbled"
head -c 100 /dev/urandom > "$tmp/garbled/proc/mdstat"
head -c 300 /dev/urandom > "$tmp/garbled/proc/cpuinfo"
expect 0 "random bytes in mdstat and cpuinfo: facts unknown, no crash" "$sb" probe --json --sysroot "$tmp/garbled"
jeq "$tmp/out" '[.probe.unknown[].fact] | index("storage.arrays") != null' true "garbled mdstat reported as unknown"
jeq "$tmp/out" '.probe.storage.arrays | length' 0 "garbled mdstat gives no array"

# ---- reads that cannot hang or escape (issue 10) -------------------------------
# A FIFO with no writer, a device and a socket are refused at once, exit 2,
# naming the file; `timeout` turns a hang into a failure.
mkfifo "$tmp/fifo"
for what in "--cpuid-raw $tmp/fifo" "--smbios $tmp/fifo" "--cpuid-raw /dev/zero" "--smbios /dev/zero"; do
	# shellcheck disable=SC2086
	expect 2 "probe $what: refused at once" timeout 10 "$sb" probe --sysroot "$fx/epyc-rome-metal" $what
	has "$tmp/err" "not a regular file" "probe $what: says it is not a regular file"
done
expect 2 "import of a FIFO: refused at once" timeout 10 "$sb" import --as cpu "$tmp/fifo"
has "$tmp/err" "$tmp/fifo: not a regular file" "import of a FIFO names the file"
expect 2 "verify --results FIFO: refused at once" timeout 10 "$sb" verify --spec standard --results "$tmp/fifo"
expect 2 "verify --spec FIFO: refused at once" timeout 10 "$sb" verify --spec "$tmp/fifo.json" --results "$tmp/fifo"
if command -v python3 >/dev/null 2>&1 &&
   python3 -c "import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])" "$tmp/sock" 2>/dev/null; then
	expect 2 "import of a socket: refused" timeout 10 "$sb" import --as cpu "$tmp/sock"
else
	skip "import of a socket: refused" "no python3 to make a socket"
fi
# a recorded machine whose files are a FIFO and links out of it
cp -a "$fx/epyc-rome-metal" "$tmp/hostile"
rm -f "$tmp/hostile/proc/cpuinfo" "$tmp/hostile/proc/meminfo" "$tmp/hostile/proc/sys/kernel/hostname"
mkfifo "$tmp/hostile/proc/cpuinfo"
ln -s /etc/hostname "$tmp/hostile/proc/sys/kernel/hostname"
ln -s ../../../../../../../../proc/meminfo "$tmp/hostile/proc/meminfo"
mkdir -p "$tmp/hostile/etc"
echo recorded-host > "$tmp/hostile/etc/hostname"
expect 0 "a sysroot with a FIFO and escaping links: no hang" timeout 10 "$sb" probe --json --sysroot "$tmp/hostile"
jeq "$tmp/out" '.host.hostname' recorded-host "an absolute link resolves inside the sysroot, not on this machine"
jeq "$tmp/out" '.probe.memory.total_bytes' null "a ../../.. link stays inside the sysroot (no live /proc/meminfo)"
jeq "$tmp/out" '[.probe.unknown[] | select(.fact == "cpu.cpuinfo") | .reason | test("not a regular file")] | any' true \
	"a FIFO in the sysroot is an unknown fact with the reason"
# no openat2() (an old kernel, a seccomp filter): no user-space walk, nothing
# read, and the reason said, for probe and mail alike
expect 3 "probe --sysroot where openat2() is refused" python3 tests/tools/no_openat2.py "$sb" probe --sysroot "$tmp/hostile"
has "$tmp/err" "openat2() is missing" "the missing openat2() named"
grep -q "recorded-host\|AMD" "$tmp/out"
ok "nothing of the machine is shown" $((1 - $?))
expect 3 "mail --sysroot where openat2() is refused" python3 tests/tools/no_openat2.py "$sb" mail --app-domain example.invalid --sysroot "$tmp/hostile"
has "$tmp/err" "openat2() is missing" "mail names the missing openat2() too"
# a file that is not JSON is never quoted in the message
printf 'root:$y$secret:19000:0:99999:7:::\n' > "$tmp/shadow.json"
expect 2 "verify --spec of a non-JSON file" "$sb" verify --spec "$tmp/shadow.json" --results "$tmp/shadow.json"
grep -q secret "$tmp/err"
[ $? -ne 0 ]
ok "the message does not quote the file's content" $?
has "$tmp/err" "shadow.json:1:" "the message names the file and line"

# ---- output that cannot attack a terminal (issue 10) -------------------------------
# ESC, BEL, CR, a C1 CSI (U+009B) and a byte that is not UTF-8 in the
# hostname and the CPU brand: escaped in the table, the JSON and messages.
cp -a "$fx/epyc-rome-metal" "$tmp/evil"
printf 'host\033]0;pwned\007\377\n' > "$tmp/evil/proc/sys/kernel/hostname"
sed "s/^model name.*/model name\t: AMD EPYC 7302P $(printf '\033')[2J$(printf '\r')16-Core $(printf '\302\233')31m Processor/" \
	"$fx/epyc-rome-metal/proc/cpuinfo" > "$tmp/evil/proc/cpuinfo"
controls() {  # controls FILE: succeeds when FILE holds no C0 (but LF), DEL or C1 control
	! LC_ALL=C grep -q -P '[\x00-\x09\x0b-\x1f\x7f]|\xc2[\x80-\x9f]' "$1"
}
expect 0 "probe table of a machine with control characters" "$sb" probe --sysroot "$tmp/evil"
controls "$tmp/out"
ok "the probe table holds no control character" $?
has "$tmp/out" 'AMD EPYC 7302P \x1b[2J\r16-Core \u009b31m Processor' "the brand is shown escaped"
expect 0 "probe --json of that machine" "$sb" probe --json --sysroot "$tmp/evil"
controls "$tmp/out"
ok "the JSON holds no raw control character" $?
jeq "$tmp/out" '.host.hostname' "$(printf 'host\033]0;pwned\007\\xff')" "the JSON keeps the controls (escaped by JSON), a bad byte as \\xff"
cp "$tmp/out" "$tmp/evil.json"
expect 2 "an unknown command with an ESC in it" "$sb" "$(printf 'frob\033[2J')"
controls "$tmp/err"
ok "the message escapes it" $?
has "$tmp/err" 'frob\x1b[2J' "the message shows it as \\x1b"
expect 2 "a missing file with a CR in its name" "$sb" import --as cpu "$(printf 'x\rPASS')"
controls "$tmp/err"
ok "file names in messages are escaped" $?

# ---- mountinfo through libmount, a relative --dir made absolute (issue 10) --------
cp -a "$fx/epyc-rome-metal" "$tmp/spaces"
printf '21 1 9:0 / / rw,relatime shared:1 - ext4 /dev/md0 rw\n30 21 8:1 / /srv/my\\040data rw,relatime shared:2 - xfs /dev/sda1 rw\n' \
	> "$tmp/spaces/proc/self/mountinfo"
expect 0 "a mount point with a space (\\040 in mountinfo)" "$sb" probe --json --sysroot "$tmp/spaces" --dir "/srv/my data/x"
jeq "$tmp/out" '.probe.storage.filesystem | "\(.mount_point) \(.fstype) \(.dev)"' "/srv/my data xfs 8:1" \
	"the escaped mount point is the one holding --dir"
abs_sb=$(cd "$(dirname "$sb")" && pwd)/$(basename "$sb")
(cd / && "$abs_sb" probe --json --sysroot "$fx/epyc-rome-metal" --dir var/tmp) > "$tmp/rel.json"
jeq "$tmp/rel.json" '.probe.storage.filesystem.dir' /var/tmp "a relative --dir is made absolute once"

# ---- replay of fixture machines through the CLI ---------------------------------
expect 0 "probe the Rome server" "$sb" probe --sysroot "$fx/epyc-rome-metal"
has "$tmp/out" "raid10   4 member(s), 0 spare(s), 0 failed: clean" "table shows the clean RAID10"
has "$tmp/out" "yes (edac)" "table shows ECC from EDAC"
expect 0 "probe --json the degraded Rome server" "$sb" probe --json --sysroot "$fx/rome-degraded"
jeq "$tmp/out" '.schema' specbench.run "run document schema"
jeq "$tmp/out" '.schema_version' 1 "run document schema version"
jeq "$tmp/out" '.probe.storage.arrays[0].state' degraded "degraded array in JSON"
jeq "$tmp/out" '.probe.storage.arrays[0].failed[0]' nvme2n1p2 "failed member named"

# ---- options after operands are options (GNU getopt, git); "--" ends them -------
expect 0 "history add RUN --history H: the option after the operand is read" \
	"$sb" history add "$(dirname "$0")/data/run-published.json" --history "$tmp/perm.db"
[ -f "$tmp/perm.db" ] && [ ! -e ./--history ]
ok "the history went to --history's file, not to a file named --history" $?
expect 0 "page --results A -o DIR --lang en: -o after an operand" \
	"$sb" page --spec standard --results "$(dirname "$0")/data/run-published.json" -o "$tmp/perm-site" --lang en
[ -f "$tmp/perm-site/standard.en.html" ]
ok "the page went to -o's directory" $?
expect 2 "after --, an option-like word is an operand" "$sb" verify --spec standard -- --results x

# ---- the live probe agrees with lscpu, ip and lsblk ----------------------------
# The only tests that read the machine running them: marked "live:"; each
# compares what both sides read from the same source.
live="live: "
expect 0 "probe --json" "$sb" probe --json
cp "$tmp/out" "$tmp/live.json"
jeq "$tmp/live.json" '.probe.cpu.vcpus' "$(nproc --all)" "vCPUs agree with nproc"
# Like with like: lscpu and probe.cpu.model_name both read the kernel's
# /proc/cpuinfo; probe.cpu.brand and cpuid_brand both ask CPUID from user
# space.  In a PVM or nested guest the two sources differ (issue 10).
if command -v lscpu >/dev/null; then
	jeq "$tmp/live.json" '.probe.cpu.model_name' "$(lscpu | sed -n 's/^Model name: *//p' | head -n 1)" "kernel model name agrees with lscpu"
	jeq "$tmp/live.json" '.probe.cpu.vendor_id' "$(lscpu | sed -n 's/^Vendor ID: *//p' | head -n 1)" "vendor agrees with lscpu"
	jeq "$tmp/live.json" '.probe.cpu.family' "$(lscpu | sed -n 's/^CPU family: *//p' | head -n 1)" "family agrees with lscpu"
	jeq "$tmp/live.json" '.probe.cpu.threads_per_core' "$(lscpu | sed -n 's/^Thread(s) per core: *//p' | head -n 1)" "threads per core agree with lscpu"
else
	skip "kernel model name, vendor, family, threads agree with lscpu" "lscpu is not installed"
fi
cpuid=$(dirname "$sb")/cpuid_brand
[ -x "$cpuid" ] || cpuid=build/cpuid_brand
if [ -x "$cpuid" ]; then
	jeq "$tmp/live.json" '.probe.cpu.brand // ""' "$("$cpuid" brand)" "brand agrees with CPUID read by <cpuid.h>"
	case $("$cpuid" hypervisor) in
	-) skip "hypervisor named from CPUID" "no hypervisor bit in CPUID" ;;
	KVMKVMKVM*|"Linux KVM Hv") jeq "$tmp/live.json" '.probe.cpu.hypervisor' KVM "hypervisor named from CPUID" ;;
	"Microsoft Hv") jeq "$tmp/live.json" '.probe.cpu.hypervisor' Hyper-V "hypervisor named from CPUID" ;;
	VMwareVMware) jeq "$tmp/live.json" '.probe.cpu.hypervisor' VMware "hypervisor named from CPUID" ;;
	XenVMMXenVMM) jeq "$tmp/live.json" '.probe.cpu.hypervisor' Xen "hypervisor named from CPUID" ;;
	"bhyve bhyve ") jeq "$tmp/live.json" '.probe.cpu.hypervisor' bhyve "hypervisor named from CPUID" ;;
	*) jeq "$tmp/live.json" '.probe.cpu.hypervisor_source | test("signature|dmi")' true \
		"an unknown signature: the hypervisor named from DMI, or unknown with the signature" ;;
	esac
else
	skip "brand agrees with CPUID read by <cpuid.h>" "build/cpuid_brand not built"
fi
if grep -qw hypervisor /proc/cpuinfo; then
	jeq "$tmp/live.json" '.probe.cpu.hypervisor != null' true "the hypervisor flag is set: a VM, hypervisor not null"
else
	jeq "$tmp/live.json" '.probe.cpu.hypervisor_flag' false "no hypervisor flag in the kernel's view"
fi
if command -v ip >/dev/null; then
	ip -o addr show | awk '{print $2, $4}' | sed 's/@[^ ]*//' | sort > "$tmp/ip.txt"
	jq -r '.probe.network.addresses[] | "\(.interface) \(.address)/\(.prefix)"' "$tmp/live.json" | sort > "$tmp/sb.txt"
	cmp -s "$tmp/ip.txt" "$tmp/sb.txt"
	ok "addresses agree with ip addr" $?
else
	skip "addresses agree with ip addr" "ip (iproute2) is not installed"
fi
if command -v lsblk >/dev/null; then
	# zram (swap in RAM) is no storage the VM was sold: specbench leaves it out
	lsblk -b -d -n -o NAME,SIZE -e 1,7 | awk '$1 !~ /^zram/ {print $1, $2}' | sort > "$tmp/lsblk.txt"
	jq -r '.probe.storage.devices[] | "\(.name) \(.size_bytes)"' "$tmp/live.json" | sort > "$tmp/sbblk.txt"
	cmp -s "$tmp/lsblk.txt" "$tmp/sbblk.txt"
	ok "block devices and sizes agree with lsblk" $?
else
	skip "block devices and sizes agree with lsblk" "lsblk is not installed"
fi
live=""

# ---- addresses and routes from rtnetlink, in the test's own namespaces (issue 10) --
# A tentative or DAD-failed IPv6 address never counts toward dual stack; the
# default route is the main table's with the lowest metric, not the first
# line of /proc/net/route nor another table's.  No traffic leaves the
# namespaces: the addresses are only assigned.
if [ "$(id -u)" = 0 ] && ip netns add "sbcli$$" 2>/dev/null; then
	ns=sbcli$$ ns2=sbcli2$$
	ip netns add "$ns2"
	ip -n "$ns" link add v0 type veth peer name v1 netns "$ns2"
	ip -n "$ns" link set lo up && ip -n "$ns" link set v0 up && ip -n "$ns2" link set v1 up
	ip -n "$ns" addr add 198.51.100.2/24 dev v0
	ip -n "$ns" addr add 94.130.10.20/26 dev v0
	ip -n "$ns" route add default via 198.51.100.1 dev v0 metric 300
	ip -n "$ns" route add default via 198.51.100.3 dev v0 metric 100
	ip -n "$ns" route add default via 198.51.100.9 dev v0 table 100 metric 1
	ip -n "$ns2" addr add 2a01:4f8:10a:1::2/64 dev v1
	i=0
	while [ "$i" -lt 50 ] && ip -n "$ns2" -6 addr show dev v1 | grep -q tentative; do sleep 0.1; i=$((i + 1)); done
	ip -n "$ns" addr add 2a01:4f8:10a:1::2/64 dev v0  # the same address: DAD fails here
	ip -n "$ns" -6 route add default via fe80::1 dev v0 metric 1024
	i=0
	while [ "$i" -lt 50 ] && ! ip -n "$ns" -6 addr show dev v0 | grep -q dadfailed; do sleep 0.1; i=$((i + 1)); done
	expect 0 "probe inside a network namespace" ip netns exec "$ns" "$sb" probe --json
	jeq "$tmp/out" '.probe.network.default_route.ipv4 | "\(.gateway) \(.table) \(.metric)"' "198.51.100.3 main 100" \
		"default route: the main table's lowest metric"
	jeq "$tmp/out" '.probe.network.addresses[] | select(.address == "2a01:4f8:10a:1::2") | .state' dadfailed \
		"an address that failed DAD is marked"
	jeq "$tmp/out" '.probe.network.global_addresses.ipv6 | length' 0 "a DAD-failed address is not a global address"
	jeq "$tmp/out" '.probe.network.dual_stack' false "so the machine is not dual-stack"
	ip -n "$ns2" addr add 2a01:4f8:10a:2::2/64 dev v1
	expect 0 "probe while DAD runs" ip netns exec "$ns2" "$sb" probe --json
	jeq "$tmp/out" '[.probe.network.addresses[] | select(.address == "2a01:4f8:10a:2::2") | .state] | .[0] // "done"' tentative \
		"a tentative address is marked"
	ip netns del "$ns"
	ip netns del "$ns2"
else
	skip "addresses and routes in a network namespace" "needs root and ip netns"
fi

# ---- without root: works, and says which facts needed root -------------------
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1; then
	cp -a "$fx/epyc-rome-metal" "$tmp/rootonly"
	mkdir -p "$tmp/rootonly/sys/firmware/dmi/tables"
	cp "$fx/smbios-ecc.bin" "$tmp/rootonly/sys/firmware/dmi/tables/DMI"
	chmod 0400 "$tmp/rootonly/sys/firmware/dmi/tables/DMI"
	chmod 0755 "$tmp"
	abs=$(cd "$(dirname "$sb")" && pwd)/$(basename "$sb")
	expect 0 "probe as an unprivileged user" setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$abs" probe --json --sysroot "$tmp/rootonly"
	jeq "$tmp/out" '.probe.needs_root | join(",")' memory.smbios "needs_root names the SMBIOS table"
	jeq "$tmp/out" '.probe.memory.ecc' yes "EDAC still answers without root"
	expect 0 "probe table as an unprivileged user" setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$abs" probe --sysroot "$tmp/rootonly"
	has "$tmp/out" "Some facts need root" "the table says root would help"
else
	skip "probe as an unprivileged user (needs_root, EDAC without root)" "needs root and setpriv"
fi

# ---- snapshot and replay --------------------------------------------------------
expect 0 "snapshot" "$sb" snapshot -o "$tmp/snap"
has "$tmp/out" "replay with: specbench probe --sysroot" "snapshot says how to replay"
[ -s "$tmp/snap/specbench/cpuid.raw" ] && [ -s "$tmp/snap/specbench/ip-addr" ] && [ -s "$tmp/snap/proc/cpuinfo" ]
ok "snapshot holds the raw CPUID, the addresses and cpuinfo" $?
expect 0 "replay the snapshot" "$sb" probe --json --sysroot "$tmp/snap"
strip='del(.created_at, .host.sysroot, .probe.cpu.source, .probe.cpu.source_path)'
jq -S "$strip" "$tmp/out" > "$tmp/a.json"
jq -S "$strip" "$tmp/snap/specbench/probe.json" > "$tmp/b.json"
cmp -s "$tmp/a.json" "$tmp/b.json"
ok "the replay prints the same facts as the machine" $?
if [ -s /etc/machine-id ]; then
	live="live: "
	jeq "$tmp/out" '.host.machine_id' "$(cat /etc/machine-id)" "the snapshot keeps /etc/machine-id: runs of a renamed VM stay together"
	live=""
else
	skip "the snapshot keeps /etc/machine-id" "this machine has no /etc/machine-id"
fi
expect 2 "snapshot into a non-empty directory" "$sb" snapshot -o "$tmp/snap"
has "$tmp/err" "not empty" "non-empty snapshot directory refused"

finish
