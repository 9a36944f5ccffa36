#!/bin/sh
# Benchmark tests: a smoke run of all six benchmarks (the network one against
# a private nginx on 127.0.0.1 and ::1), the fixed keys of the run document,
# nothing left behind, Ctrl-C, missing and crashing tools, bad --dir, too
# little space, hostile servers, and `import`.  Ends with "N passed, N failed".
set -u
sb=${SPECBENCH:-build/specbench}
tmp=$(mktemp -d /var/tmp/specbench-bench-XXXXXX)  # on a disk: /tmp may be a tmpfs
here=$(cd "$(dirname "$0")" && pwd)
cleanup() {
	"$here/nginx.sh" stop "$tmp/nginx"
	mountpoint -q "$tmp/small" 2>/dev/null && umount "$tmp/small"
	rm -rf "$tmp"
}
trap cleanup EXIT
# a signal ends the script (the EXIT trap cleans up); a trap alone would go on
trap 'exit 130' INT
trap 'exit 143' TERM
. "$here/lib.sh"
abs_sb=$(cd "$(dirname "$sb")" && pwd)/$(basename "$sb")
data=$here/data/import

chmod 0755 "$tmp"  # nginx's workers run as an unprivileged user
port=$("$here/nginx.sh" start "$tmp/nginx")
url=http://127.0.0.1:$port
mkdir -p "$tmp/dir"

# ---- the published parameters ---------------------------------------------------
expect 0 "print the documented commands" "$sb" bench --profile documented --print-commands
has "$tmp/out" "fio --name=randwrite --ioengine=libaio --iodepth=1 --rw=randwrite --bs=4k --direct=0 --size=512M --numjobs=4 --runtime=240 --group_reporting --output-format=json --directory=/var/tmp/specbench-" "randwrite as published"
has "$tmp/out" "fio --randrepeat=1 --ioengine=libaio --direct=1 --gtod_reduce=1 --name=test --filename=random_read_write.fio --bs=4k --iodepth=64 --size=4G --readwrite=randrw --rwmixread=75 --output-format=json" "randrw as published"
has "$tmp/out" "sysbench cpu --threads=2 run" "cpu as published"
has "$tmp/out" "sysbench memory --threads=2 run" "memory as published"
expect 2 "unknown profile" "$sb" bench --profile turbo
expect 2 "unknown benchmark in --only" "$sb" bench --only disk,gpu
has "$tmp/err" "unknown benchmark 'gpu'" "the unknown benchmark is named"
expect 2 "--repeat 0" "$sb" bench --repeat 0

# ---- a smoke run of all six -----------------------------------------------------
expect 0 "smoke run of all six benchmarks" "$sb" bench --profile smoke --dir "$tmp/dir" \
	--download-url "$url/big.bin" --upload-url "$url/upload" --json "$tmp/run.json"
r=$tmp/run.json
! grep -qF "[1/6]" "$tmp/err"
ok "no progress lines when stderr is not a terminal" $?
for k in disk.randwrite.write disk.randread.read disk.randrw.read disk.randrw.write; do
	jeq "$r" ".bench.$k.iops | type == \"number\" and . > 0" true "bench.$k.iops"
	jeq "$r" ".bench.$k.bw_mib_s | type == \"number\" and . > 0" true "bench.$k.bw_mib_s"
done
jeq "$r" '.bench.disk.randwrite.write.lat_us.p99 | type' number "randwrite latency percentiles"
jeq "$r" '.bench.disk.randread.read.lat_us | keys | join(",")' "p50,p95,p99,p99_9" "randread latency percentiles"
jeq "$r" '.bench.disk.randrw.read.lat_us' null "randrw (gtod_reduce) latency is null, not 0"
jeq "$r" '.bench.cpu.events_per_sec > 0' true "bench.cpu.events_per_sec"
jeq "$r" '.bench.memory.mib_per_sec > 0 and .bench.memory.ops_per_sec > 0' true "bench.memory figures"
jeq "$r" '.bench.network.download_mbps > 0 and .bench.network.upload_mbps > 0 and .bench.network.latency_ms > 0' true "bench.network figures"
jeq "$r" '.bench.network.family' ipv4 "network says its family"
for b in disk.randwrite disk.randread disk.randrw cpu memory network; do
	jeq "$r" ".bench.$b | [.status, (.error == null), (.tool_version | type), (.steal_pct | type)] | join(\",\")" \
		"ok,true,string,number" "$b: status, error, tool_version, steal_pct"
done
jeq "$r" '[.bench.disk.randwrite.command[0], .bench.cpu.command[0]] | join(",")' "fio,sysbench" "exact argv recorded"
jeq "$r" '.bench.disk.randwrite | has("cached") and (.device.name | type == "string")' true "disk bytes measured at the device"
jeq "$r" '.schema' specbench.run "a run document"
[ -z "$(ls -A "$tmp/dir")" ]
ok "nothing left in --dir" $?

# ---- repeats, families, JSON on stdout ------------------------------------------
expect 0 "--repeat 3" "$sb" bench --profile smoke --only cpu --repeat 3 --no-warmup --json "$tmp/rep.json"
jeq "$tmp/rep.json" '.bench.cpu.stats.events_per_sec.samples | length' 3 "three samples"
jeq "$tmp/rep.json" '.bench.cpu.stats.events_per_sec | (.median >= .min and .median <= .max and (.cv_pct | type) == "number")' true "median, spread, CV"
jeq "$tmp/rep.json" '.bench.cpu.events_per_sec == .bench.cpu.stats.events_per_sec.median' true "the figure is the median"
expect 0 "network over both families" "$sb" bench --profile smoke --only network --ipv4 --ipv6 \
	--download-url "http://localhost:$port/big.bin" --json -
jeq "$tmp/out" '.bench.network.by_family | keys | join(",")' "ipv4,ipv6" "one result per family"
jeq "$tmp/out" '.bench.network.by_family.ipv6.download_mbps > 0' true "IPv6 measured over ::1"
jeq "$tmp/out" '.bench.network.upload_mbps' null "upload not measured without --upload-url"

# ---- progress: on a terminal from fio's own status reports; else nothing ----------
if command -v script >/dev/null 2>&1; then
	expect 0 "a quick randread on a terminal" script -qec "'$abs_sb' bench --profile quick --only disk.randread --dir '$tmp/dir' --json '$tmp/tty.json'" "$tmp/typescript"
	tr '\r' '\n' < "$tmp/typescript" > "$tmp/progress"
	has "$tmp/progress" "fio lays out its data files (warm-up)" "progress: the warm-up's layout, from fio's report"
	grep -qE "disk.randread +[0-9]+ s, fio: [0-9]+ % done, about [0-9]+ s left" "$tmp/progress"
	ok "progress: how far fio says it got, and what that leaves" $?
	has "$tmp/progress" "disk.randread    done" "progress: the end of the benchmark"
	jeq "$tmp/tty.json" '.bench.disk.randread.read.runtime_ms >= 3900' true "the result is fio's final report, not a status report"
	[ -z "$(ls -A "$tmp/dir")" ]
	ok "nothing left in --dir after the terminal run" $?
else
	skip "a quick randread on a terminal (progress line)" "script (bsdutils) is not installed"
fi

# ---- hostile servers: bounded time, a clear failure -----------------------------
start=$(date +%s)
expect 3 "download URL that answers 404" "$sb" bench --profile smoke --only network,cpu \
	--download-url "$url/missing" --json "$tmp/404.json"
jeq "$tmp/404.json" '.bench.network.status' failed "404 recorded as failed"
jeq "$tmp/404.json" '.bench.network.error | test("HTTP 404")' true "the failure names the HTTP error"
jeq "$tmp/404.json" '.bench.cpu.status' ok "the other benchmarks still run"
expect 3 "a server that trickles one byte a second" "$sb" bench --profile smoke --only network \
	--download-url "$url/stall" --json "$tmp/stall.json"
jeq "$tmp/stall.json" '.bench.network.error | test("Timeout")' true "the stall is named"
[ $(( $(date +%s) - start )) -lt 40 ]
ok "hostile servers cost bounded time" $?
expect 3 "a closed port" "$sb" bench --profile smoke --only network --download-url "http://127.0.0.1:1/x"
# an upload counts only when the server answered it after the whole body (issue 10):
# a listening socket that is never accepted takes megabytes into its buffers
# and never reads a byte
if command -v python3 >/dev/null 2>&1; then
	python3 -c 'import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(16)
print(s.getsockname()[1], flush=True); time.sleep(120)' > "$tmp/noread.port" &
	noread=$!
	i=0
	while [ "$i" -lt 50 ] && [ ! -s "$tmp/noread.port" ]; do sleep 0.1; i=$((i + 1)); done
	expect 0 "an upload to a server that never reads the body" "$sb" bench --profile smoke --only network \
		--download-url "$url/big.bin" --upload-url "http://127.0.0.1:$(cat "$tmp/noread.port")/up" --json "$tmp/noread.json"
	jeq "$tmp/noread.json" '.bench.network.upload_mbps' null "no upload figure from a server that never read the body"
	jeq "$tmp/noread.json" '.bench.network.download_mbps > 0' true "the download figure is kept"
	jeq "$tmp/noread.json" '.bench.network.upload_error | test("answered no request|Timeout|timed out")' true \
		"the failed upload is named"
	kill "$noread" 2>/dev/null
	wait "$noread" 2>/dev/null
	"$sb" verify --spec standard --results "$tmp/noread.json" --format json > "$tmp/noread.v" 2>/dev/null
	jeq "$tmp/noread.v" '.verdict.checks[] | select(.id == "network.upload") | .status' SKIP "verify: the upload is not measured, never PASS"
else
	skip "an upload to a server that never reads the body" "no python3 for the silent server"
fi

# ---- missing and failing tools --------------------------------------------------
mkdir -p "$tmp/bin"
expect 3 "fio missing" env PATH="$tmp/bin" "$abs_sb" bench --profile smoke --only disk --dir "$tmp/dir"
has "$tmp/err" "Debian package 'fio'" "the Debian package is named"
expect 3 "sysbench missing" env PATH="$tmp/bin" "$abs_sb" bench --profile smoke --only memory
has "$tmp/err" "Debian package 'sysbench'" "the Debian package is named"
printf '#!/bin/sh\necho "fio-3.33"\n[ "$1" = --version ] && exit 0\necho "this is not JSON"\n' > "$tmp/bin/fio"
printf '#!/bin/sh\n[ "$1" = --version ] && { echo "sysbench 1.0.20"; exit 0; }\nkill -9 $$\n' > "$tmp/bin/sysbench"
chmod +x "$tmp/bin/fio" "$tmp/bin/sysbench"
expect 3 "a tool printing garbage and one killed" env PATH="$tmp/bin:$PATH" "$abs_sb" bench --profile smoke \
	--only disk.randwrite,cpu --dir "$tmp/dir" --json "$tmp/bad.json"
jeq "$tmp/bad.json" '.bench.disk.randwrite.status' failed "garbage output recorded as failed"
jeq "$tmp/bad.json" '.bench.disk.randwrite.error | test("no report specbench understands")' true "the reason is given"
jeq "$tmp/bad.json" '.bench.cpu.error | test("killed by signal 9")' true "a killed tool is named as killed"
[ -z "$(ls -A "$tmp/dir")" ]
ok "nothing left in --dir after failures" $?

# ---- bad --dir, too little space ------------------------------------------------
touch "$tmp/file"
expect 2 "--dir that is a file" "$sb" bench --profile smoke --only disk --dir "$tmp/file"
has "$tmp/err" "not a directory" "--dir named"
expect 2 "--dir missing" "$sb" bench --profile smoke --only disk --dir "$tmp/none"
mkdir -p "$tmp/small"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=64M tmpfs "$tmp/small" 2>/dev/null; then
	expect 3 "too little space for the quick profile" "$sb" bench --profile quick --only disk --dir "$tmp/small"
	has "$tmp/err" "GiB free, the quick profile needs 2.0 GiB" "free and needed space named"
	umount "$tmp/small"
else
	skip "too little space for the quick profile" "needs root to mount a small tmpfs"
fi

# ---- SIGINT, SIGTERM, SIGKILL in the layout phase and in the measurement: the
# moment specbench (or, after SIGKILL, its reaper) has exited, no fio process is
# left - fio's job processes leave fio's process group (setsid), so this checks
# that the reaper found them too (issue 22) - and the data files are gone (the
# killed run's: by the next run).  Bounds are for a loaded 2-vCPU machine: the
# behaviour is what is checked, not the speed.
fio_count() { pgrep -f "directory=$tmp/dir" | wc -l; }
# in_phase PHASE: is fio in PHASE? "layout": fio's main process alone, writing
# the first of the four 512 MiB files; "measure": the four job processes run
in_phase() {
	if [ "$1" = layout ]; then
		[ "$(fio_count)" -eq 1 ] && [ -n "$(ls -A "$tmp"/dir/specbench-*/data 2>/dev/null)" ]
	else
		[ "$(fio_count)" -ge 5 ]
	fi
}
# start_at PHASE: a documented disk.randread run, waited for until fio is in PHASE
start_at() {
	"$sb" bench --profile documented --only disk.randread --dir "$tmp/dir" > "$tmp/sig.out" 2>&1 &
	pid=$!
	i=0
	while [ "$i" -lt 600 ] && ! in_phase "$1"; do sleep 0.05; i=$((i + 1)); done
	in_phase "$1"
}
for phase in layout measure; do
	for sig in INT TERM; do
		want=130
		[ "$sig" = TERM ] && want=143
		if ! start_at "$phase"; then
			skip "SIG$sig in the $phase phase" "fio never reached the $phase phase here in 30 s"
			kill -KILL "$pid" 2>/dev/null
			wait "$pid" 2>/dev/null
			continue
		fi
		t0=$(date +%s%N)
		kill -"$sig" "$pid"
		wait "$pid"
		rc=$?
		left=$(fio_count)
		t1=$(date +%s%N)
		[ "$rc" -eq "$want" ]
		ok "SIG$sig in the $phase phase: exit $want (got $rc)" $?
		[ "$left" -eq 0 ]
		ok "SIG$sig in the $phase phase: no fio process left the moment specbench exited ($left left)" $?
		[ $(( (t1 - t0) / 1000000 )) -lt 20000 ]
		ok "SIG$sig in the $phase phase: stopped in $(( (t1 - t0) / 1000000 )) ms (bound 20 s)" $?
		[ -z "$(ls -A "$tmp/dir")" ]
		ok "SIG$sig in the $phase phase: data files removed" $?
		pkill -KILL -f "directory=$tmp/dir" 2>/dev/null
	done
	if ! start_at "$phase"; then
		skip "SIGKILL in the $phase phase" "fio never reached the $phase phase here in 30 s"
		kill -KILL "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
		continue
	fi
	kill -KILL "$pid"
	wait "$pid" 2>/dev/null
	# the reaper (specbench-reap, with the killed command's line) stops fio
	# and waits for all of it
	reaper() { pgrep -f -- "--only disk.randread --dir $tmp/dir" >/dev/null; }
	i=0
	while [ "$i" -lt 1200 ] && reaper; do sleep 0.05; i=$((i + 1)); done
	! reaper
	ok "SIGKILL in the $phase phase: the reaper exited" $?
	left=$(fio_count)
	[ "$left" -eq 0 ]
	ok "SIGKILL in the $phase phase: no fio process left the moment the reaper exited ($left left)" $?
done
pkill -KILL -f "directory=$tmp/dir" 2>/dev/null
[ -n "$(ls -A "$tmp/dir")" ]
ok "SIGKILL: the killed run's directory is still there" $?
mkdir "$tmp/dir/specbench-notour"  # not specbench's: no lock file
"$sb" bench --profile smoke --only cpu --dir "$tmp/dir" --json "$tmp/after.json" > "$tmp/out" 2> "$tmp/err"
# (the layout phase's killed run was removed by the next run already)
has "$tmp/err" "removed 1 data directory left by runs that were killed" "the next run removes the dead run's directory"
[ "$(ls -A "$tmp/dir")" = specbench-notour ]
ok "only the dead run's: a directory without specbench's lock stays" $?
rmdir "$tmp/dir/specbench-notour"
# --json onto a device: written into, never replaced (root once turned /dev/null
# into a regular file with `--json /dev/null`); a block device is refused
if [ "$(id -u)" = 0 ] && mknod -m 666 "$tmp/null" c 1 3 2>/dev/null && mknod -m 600 "$tmp/blk" b 7 250 2>/dev/null; then
	expect 0 "--json onto a character device (a copy of /dev/null)" "$sb" bench --profile smoke --only cpu --json "$tmp/null"
	[ -c "$tmp/null" ]
	ok "the character device is still one" $?
	expect 3 "--json onto a block device: refused" "$sb" bench --profile smoke --only cpu --json "$tmp/blk"
	[ -b "$tmp/blk" ]
	ok "the block device is still one" $?
	rm -f "$tmp/null" "$tmp/blk"
else
	skip "--json onto a device" "needs root to make device nodes"
fi
# a local user's look-alike (issue 23): "specbench-XXXXXX" with a free lock and a
# link to a file of root's; the next run (root) leaves it alone, link and target
if [ "$(id -u)" = 0 ]; then
	mkdir -p "$tmp/dir/specbench-evil01/data" "$tmp/victim"
	: > "$tmp/dir/specbench-evil01/specbench.lock"
	: > "$tmp/victim/precious"
	ln -s "$tmp/victim/precious" "$tmp/dir/specbench-evil01/data/link"
	ln -s "$tmp/victim" "$tmp/dir/specbench-evil01/data/dirlink"
	chown -R 65534:65534 "$tmp/dir/specbench-evil01"
	"$sb" bench --profile smoke --only cpu --dir "$tmp/dir" --json "$tmp/after2.json" > "$tmp/out" 2> "$tmp/err"
	[ -d "$tmp/dir/specbench-evil01" ] && [ -f "$tmp/victim/precious" ]
	ok "another user's look-alike data directory is never removed by root" $?
	! grep -q "removed" "$tmp/err"
	ok "and not counted as removed" $?
	rm -rf "$tmp/dir/specbench-evil01" "$tmp/victim"
else
	skip "another user's look-alike data directory" "needs root to make one of another user's"
fi

# ---- two runs at once with the same --out keep both documents (issue 10); the
# host lock (tests/dist.sh) makes the second wait for the first's benchmarks
"$sb" run --spec standard --profile smoke --only cpu --dir "$tmp/dir" --out "$tmp/runs" --format json \
	--history "$tmp/two.db" --lock-wait 120 > "$tmp/r1.out" 2>&1 &
"$sb" run --spec standard --profile smoke --only cpu --dir "$tmp/dir" --out "$tmp/runs" --format json \
	--history "$tmp/two.db" --lock-wait 120 > "$tmp/r2.out" 2>&1
wait
[ "$(ls "$tmp/runs" | wc -l)" -eq 2 ]
ok "two runs at once: two documents stored ($(ls "$tmp/runs" | tr '\n' ' '))" $?
touch "$tmp/notadir"
expect 3 "run with an --out that cannot be written: exit 3" "$sb" run --spec standard --profile smoke --only cpu \
	--dir "$tmp/dir" --out "$tmp/notadir/runs" --history "$tmp/outfail.db" --format json
jeq "$tmp/out" '.verdict.checks | length' 24 "the verdict is still printed"
has "$tmp/err" "cannot create" "the storage failure is named"
# the runs directory and the history are two copies: one failing keeps nothing
# from the other (issue 23: the run was lost from the history too)
has "$tmp/err" "the run is in the history" "and the run is said to be in the history"
"$sb" history list --history "$tmp/outfail.db" --format json > "$tmp/outfail.list" 2>/dev/null
jeq "$tmp/outfail.list" 'length' 1 "the history holds it"
if [ "$(id -u)" = 0 ] && mkdir -p "$tmp/fullout" && mount -t tmpfs -o size=8k tmpfs "$tmp/fullout" 2>/dev/null; then
	head -c 8192 /dev/zero > "$tmp/fullout/filler" 2>/dev/null
	expect 3 "run with a full --out disk: exit 3" "$sb" run --spec standard --profile smoke --only cpu \
		--dir "$tmp/dir" --out "$tmp/fullout" --history "$tmp/outfull.db" --format json
	"$sb" history list --history "$tmp/outfull.db" --format json > "$tmp/outfull.list" 2>/dev/null
	jeq "$tmp/outfull.list" 'length' 1 "a full --out disk: the run is in the history all the same"
	umount "$tmp/fullout"
else
	skip "run with a full --out disk" "needs root to mount a small tmpfs"
fi

# ---- memory: no leak, no invalid access in a whole run (valgrind) ------------------
# valgrind 3.19 does not know openat2(): build/openat2_shim.so walks for it (tests only)
shim=$(pwd)/build/openat2_shim.so
if command -v valgrind >/dev/null 2>&1 && [ -z "${SANITIZED:-}" ] && [ -f "$shim" ]; then
	expect 0 "a smoke run under valgrind" env LD_PRELOAD="$shim" valgrind -q --leak-check=full --errors-for-leak-kinds=definite \
		--error-exitcode=99 "$sb" bench --profile smoke --only disk.randwrite,cpu,network --dir "$tmp/dir" \
		--download-url "$url/big.bin" --upload-url "$url/upload" --json "$tmp/vg.json"
else
	if [ -n "${SANITIZED:-}" ]; then
		skip "a smoke run under valgrind" "this binary is built with sanitizers: valgrind runs the plain one"
	elif [ ! -f "$shim" ]; then
		skip "a smoke run under valgrind" "build/openat2_shim.so is not built (make check builds it)"
	else
		skip "a smoke run under valgrind" "valgrind is not installed"
	fi
fi

# ---- import ---------------------------------------------------------------------
expect 0 "import the published randwrite (fio 3.25 text)" "$sb" import --as disk.randwrite "$data/published-randwrite.txt"
jeq "$tmp/out" '.bench.disk.randwrite.write.iops' 59000 "published IOPS"
jeq "$tmp/out" '.bench.disk.randwrite.tool_version' fio-3.25 "published fio version"
expect 0 "import fio 3.33 JSON with text around it" "$sb" import --as disk.randwrite "$data/fio-with-text-around.txt"
expect 0 "import fio output with status reports before the final one" "$sb" import --as disk.randrw "$data/fio-3.33-randrw-status-reports.json"
jeq "$tmp/out" '.bench.disk.randrw.read.io_bytes' 1062854656 "the final report counts"
expect 0 "import the published sysbench cpu run" "$sb" import --as cpu --json "$tmp/imp.json" "$data/published-sysbench-cpu.txt"
jeq "$tmp/imp.json" '.bench.cpu.events_per_sec' 1807.14 "published events/s"
jeq "$tmp/imp.json" '.bench.cpu.tool_version' "sysbench 1.0.20" "published sysbench version"
expect 0 "import from standard input" sh -c "'$abs_sb' import --as memory - < '$data/published-sysbench-memory.txt'"
jeq "$tmp/out" '.bench.memory.mib_per_sec' 4108.83 "published MiB/s"
expect 0 "import fio 3.1's JSON layout (no clat_ns.N, duplicate keys)" "$sb" import --as disk.randread "$data/fio-3.1-randread-layout.json"
jeq "$tmp/out" '.bench.disk.randread.read.lat_us.p99_9' 6717.44 "fio 3.1's percentiles read"
sed 's/$/\r/' "$data/published-sysbench-cpu.txt" > "$tmp/crlf.txt"
expect 0 "import sysbench output captured with CRLF line ends" "$sb" import --as cpu "$tmp/crlf.txt"
jeq "$tmp/out" '.bench.cpu.latency_ms.p95' 1.27 "CRLF: the latencies read"
expect 2 "import sysbench 0.4" "$sb" import --as cpu "$data/sysbench-0.4.12-cpu.txt"
has "$tmp/err" "sysbench-0.4.12-cpu.txt: cannot read it as sysbench output for cpu: sysbench 0.4.12: only the reports of sysbench 1.x" "the file and the version are named"
expect 2 "import fio 2.x" "$sb" import --as disk.randwrite "$data/fio-2.2.10.json"
has "$tmp/err" "fio-2.2.10.json" "the file is named"
expect 2 "import garbage" "$sb" import --as cpu "$data/garbage.txt"
has "$tmp/err" "garbage.txt: cannot read it as sysbench output for cpu" "the file and the expectation are named"
expect 2 "import a memory report as cpu" "$sb" import --as cpu "$data/published-sysbench-memory.txt"
expect 2 "import a missing file" "$sb" import --as cpu "$tmp/none.txt"
expect 2 "import --as unknown" "$sb" import --as gpu "$data/garbage.txt"
expect 2 "import without --as" "$sb" import "$data/garbage.txt"

# ---- every document written above is one the schema describes ------------------
for f in "$tmp"/*.json "$tmp"/runs/*.json; do
	[ -s "$f" ] && jq -e . "$f" >/dev/null 2>&1 && echo "$f"
done > "$tmp/docs"
[ "$(wc -l < "$tmp/docs")" -ge 10 ]
ok "at least ten documents written by bench, run and import ($(wc -l < "$tmp/docs"))" $?
# shellcheck disable=SC2046
schema_ok "bench --json, stored runs and import --json match model/run.schema.json" $(cat "$tmp/docs")
"$sb" run --spec standard --profile smoke --only cpu --dir "$tmp/dir" --out "$tmp/runs2" --no-history --format json \
	> "$tmp/run-stdout.json" 2>/dev/null
schema_ok "run --format json and the stored run match the schema" "$tmp/run-stdout.json" "$tmp"/runs2/*.json
jq -S . "$tmp/run-stdout.json" > "$tmp/a.sorted" && jq -S . "$tmp"/runs2/*.json > "$tmp/b.sorted" &&
	cmp -s "$tmp/a.sorted" "$tmp/b.sorted"
ok "the stored run is what run printed" $?

finish
