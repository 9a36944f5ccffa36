#!/bin/sh
# dist.sh - what is shipped around the program for the scheduled run: the
# systemd units (systemd-analyze verify and calendar), the run's options
# file (run --config), the host-wide benchmark lock (--lock-wait), and the
# bash completion.  The package itself is tests/deb.sh's.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
sb=${SPECBENCH:-$root/build/specbench}
case $sb in /*) ;; *) sb=$root/$sb ;; esac
tmp=$(mktemp -d /tmp/specbench-dist-XXXXXX)
cleanup() {
	for pid in $(jobs -p); do kill -9 "$pid" 2>/dev/null; done
	wait 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
. "$here/lib.sh"
SPECBENCH_LOCK=$tmp/host.lock
export SPECBENCH_LOCK
mkdir -p "$tmp/dir"

# ---- the units, as make install writes them (with this install's paths) --------
inst=$tmp/inst
make -s -C "$root" install PREFIX="$inst" SYSCONFDIR="$inst/etc" UNITDIR="$inst/units" > "$tmp/install.log" 2>&1
ok "make install writes the units, the configuration and the completion" $?
service=$inst/units/specbench-regress.service
timer=$inst/units/specbench-regress.timer
grep -qx "ExecStart=$inst/bin/specbench run --config $inst/etc/specbench/specbench.conf --regress --lock-wait 3600 --format table" "$service"
ok "the service runs the installed specbench with the installed specbench.conf" $?
if command -v systemd-analyze >/dev/null 2>&1; then
	MANPATH=$inst/share/man systemd-analyze verify "$service" "$timer" > "$tmp/verify" 2>&1
	rc=$?
	[ $rc -eq 0 ] && ! grep -q . "$tmp/verify"
	rc=$((rc + $?))
	[ $rc -eq 0 ] || sed 's/^/#   /' "$tmp/verify"
	ok "systemd-analyze verify: the units, their command and their man page" $rc
	# the check is live: a unit with a missing program fails it
	sed 's|^ExecStart=[^ ]*|ExecStart=/nonexistent/specbench|' "$service" > "$tmp/specbench-regress.service"
	cp "$timer" "$tmp/"
	! MANPATH=$inst/share/man systemd-analyze verify "$tmp/specbench-regress.service" > "$tmp/verify" 2>&1 &&
		grep -q 'not executable' "$tmp/verify"
	ok "systemd-analyze verify fails a unit whose program is missing (the check above is live)" $?
	cal=$(sed -n 's/^OnCalendar=//p' "$timer")
	systemd-analyze calendar "$cal" > "$tmp/calendar" 2>&1
	grep -q 'Normalized form: \*-\*-\* 00:00:00' "$tmp/calendar"
	ok "systemd-analyze calendar: OnCalendar=$cal is every day at 00:00, before the VM's own delay" $?
	systemd-analyze timespan "$(sed -n 's/^RandomizedDelaySec=//p' "$timer")" > "$tmp/span" 2>&1
	grep -q 'μs: 86400000000' "$tmp/span"
	ok "RandomizedDelaySec spreads the VMs over the whole day (24 h)" $?
else
	skip "systemd-analyze verify and calendar" "no systemd-analyze on this machine (make deps installs systemd)"
fi
grep -qx 'FixedRandomDelay=true' "$timer" && grep -qx 'AccuracySec=1us' "$timer" && grep -qx 'Persistent=true' "$timer"
ok "the timer: a stable offset per VM (FixedRandomDelay), never coalesced (AccuracySec=1us), Persistent" $?
grep -qx 'Type=oneshot' "$service" && ! grep -qE '^(Nice|IOSchedulingClass|CPUSchedulingPolicy)=' "$service"
ok "the service is a oneshot at the default CPU and I/O priority (README: why)" $?
grep -q 'IOSchedulingClass=idle' "$root/README.md"
ok "the README says why not IOSchedulingClass=idle" $?

# ---- the service's command with the shipped configuration ----------------------
# as the timer runs it, shortened for a test: the command line wins over the
# file (profile), the file gives the rest (spec)
cmd=$(sed -n 's/^ExecStart=//p' "$service" | sed "s|^[^ ]*|$sb|")
# shellcheck disable=SC2086
(umask 077 && $cmd --profile smoke --only cpu --history "$tmp/h.db" --out "$tmp/runs" --dir "$tmp/dir" \
	--prometheus-file "$tmp/specbench.prom") > "$tmp/service.out" 2> "$tmp/service.err"
rc=$?
if grep -q 'inside the maintenance window' "$tmp/service.err"; then
	skip "the service's command measures and stores" "this moment is in a maintenance window of the shipped spec"
else
	[ $rc -le 1 ] && grep -q 'verdict:' "$tmp/service.out"
	ok "the service's command runs (exit $rc; 1 is a failed check of this VM)" $?
	jeq "$(ls "$tmp"/runs/*.json | head -n 1)" '[.verdict.spec, .bench.profile] | join(" ")' "standard smoke" \
		"spec from specbench.conf, profile from the command line (it wins over the file)"
	grep -q '^specbench_regression_state{' "$tmp/specbench.prom" && grep -q '^specbench_run_timestamp_seconds' "$tmp/specbench.prom"
	ok "--prometheus-file: the run's series and its regression states for the textfile collector" $?
	# node_exporter runs as its own user: the file is world-readable whatever the umask
	[ "$(stat -c %a "$tmp/specbench.prom")" = 644 ]
	ok "--prometheus-file is 0644 (node_exporter's user reads it; got $(stat -c %a "$tmp/specbench.prom"))" $?
	if command -v promtool > /dev/null 2>&1; then
		promtool check metrics < "$tmp/specbench.prom" > "$tmp/promtool.out" 2>&1
		ok "promtool check metrics accepts the file" $?
	fi
	[ -z "$(find "$tmp" -maxdepth 1 -name '*.prom?*' -o -maxdepth 1 -name '.specbench.prom*')" ]
	ok "no temporary file beside it" $?
fi

# ---- run --config: the file's errors, at FILE:LINE, exit 2, nothing run ----------
conf() {  # conf NAME LINE...: a config file with these lines
	f=$tmp/$1.conf
	shift
	printf '%s\n' "$@" > "$f"
}
bad_conf() {  # bad_conf NAME TEXT: run with $tmp/NAME.conf fails with TEXT
	expect 2 "--config: $1" "$sb" run --config "$tmp/$1.conf" --no-history --dir "$tmp/dir" --out "$tmp/bad-runs"
	has "$tmp/err" "$2" "--config: $1 is named: $(head -n 1 "$tmp/err")"
}
conf unknown '# a comment' '[run]' 'spec = standard' 'profil = smoke'
bad_conf unknown "unknown.conf:4: 'profil' is not an option of run"
conf twice '[run]' 'spec = standard' 'spec = plus'
bad_conf twice "twice.conf:3: 'spec' is given twice"
conf flag '[run]' 'spec = standard' 'regress = sometimes'
bad_conf flag "flag.conf:3: 'regress = sometimes': a flag is true or false"
conf nosection 'spec = standard'
bad_conf nosection "nosection.conf:1: 'spec' is outside a section: put it under [run]"
conf section '[run]' 'spec = standard' '[fleet]' 'all = true'
bad_conf section "section.conf:4: [fleet]: not a section this command reads (only [run])"
conf notini '[run]' 'spec standard'
bad_conf notini "notini.conf:2: not an INI line"
conf long '[run]' "history = /tmp/$(printf '%0300d' 0).db"
bad_conf long "long.conf:2: longer than 199 characters"
conf value '[run]' 'spec = standard' 'profile = fast'
bad_conf value "value.conf:3: --profile: unknown profile 'fast'"
conf empty '[run]' 'spec ='
bad_conf empty "empty.conf:2: 'spec' has no value"
# an indented line is an option like any other (inih read it as the previous
# value's continuation: "'spec' is given twice"); its line number stays right
conf indented '[run]' 'spec = standard' '  profile = nonesuch'
bad_conf indented "indented.conf:3: --profile: unknown profile 'nonesuch'"
conf config '[run]' 'config = /etc/other.conf'
bad_conf config "config.conf:2: 'config' is not an option of run"
head -c 100 /dev/urandom | tr -d '\n' > "$tmp/binary.conf"
printf '\0' >> "$tmp/binary.conf"
bad_conf binary "binary.conf: a binary file"
expect 2 "--config of a file that is not there" "$sb" run --config "$tmp/nothere.conf"
has "$tmp/err" "--config $tmp/nothere.conf: No such file or directory" "the missing file is named"
expect 2 "--config of a directory" "$sb" run --config "$tmp"
has "$tmp/err" "--config $tmp: Is a directory" "a directory is not read as a file"
[ ! -e "$tmp/bad-runs" ]
ok "no bad configuration measured or stored anything" $?
conf nospec '[run]' 'profile = smoke'
expect 2 "--spec is still required when neither the file nor the command line gives it" \
	"$sb" run --config "$tmp/nospec.conf" --no-history
has "$tmp/err" "--spec NAME|FILE is required" "the missing --spec is named"
conf notify '[run]' 'spec = standard' 'notify = http://127.0.0.1:9/a' 'notify = http://127.0.0.1:9/b'
expect 2 "a list option (notify) is read from the file, on several lines" "$sb" run --config "$tmp/notify.conf"
has "$tmp/err" "--notify goes with --regress" "the file's notify is checked like the command line's"
# flags: true sets, false keeps the default; values with spaces and '#' stay whole
conf flags '[run]' 'spec = standard' 'profile = smoke' 'only = cpu' 'no-warmup = true' 'no-history = yes' \
	'regress = false' "app-version = 1.2.3"
expect_json() { "$sb" run --config "$tmp/flags.conf" --dir "$tmp/dir" --out "$tmp/flag-runs" --format json "$@"; }
expect_json > "$tmp/flags.json" 2> "$tmp/err"
rc=$?
[ $rc -le 1 ]
ok "a file of flags runs (exit $rc)" $?
jeq "$tmp/flags.json" '[.bench.warmup, .host.app_version, .bench.profile] | map(tostring) | join(" ")' \
	"false 1.2.3 smoke" "no-warmup = true cleared the warm-up; app-version and profile read"
# regress = false above went with no-history = yes; true cannot
conf regress '[run]' 'spec = standard' 'no-history = yes' 'regress = yes'
expect 2 "regress = yes is read as the flag (it cannot go with no-history = yes)" \
	"$sb" run --config "$tmp/regress.conf" --dir "$tmp/dir" --out "$tmp/bad-runs"
has "$tmp/err" "--regress needs the history" "the file's regress = yes is checked like --regress"
"$sb" run --help > "$tmp/help"
has "$tmp/help" "--config FILE" "run --help shows --config"

# ---- the host-wide lock: one benchmark at a time ---------------------------------
locked() { ! flock -n "$SPECBENCH_LOCK" true; }
wait_for() {  # wait_for COMMAND...: up to 10 s for the command to succeed
	for _ in $(seq 1 100); do "$@" && return 0; sleep 0.1; done
	return 1
}
flock -o "$SPECBENCH_LOCK" sleep 60 &  # -o: the lock is flock's own, not sleep's
holder=$!
wait_for locked
expect 3 "bench while another process holds the lock: exit 3 at once" \
	"$sb" bench --profile smoke --only cpu --dir "$tmp/dir"
has "$tmp/err" "another benchmark runs on this host (a process that did not say who it is holds $SPECBENCH_LOCK)" \
	"the message says why and names the lock"
has "$tmp/err" "--lock-wait SECONDS waits for it" "the message says how to wait instead"
expect 3 "run takes the same lock" "$sb" run --spec standard --profile smoke --only cpu --no-history \
	--dir "$tmp/dir" --out "$tmp/lock-runs"
start=$(date +%s)
expect 3 "--lock-wait 1: a bounded wait" "$sb" bench --profile smoke --only cpu --dir "$tmp/dir" --lock-wait 1
has "$tmp/err" "waited 1 s for the benchmark that runs on this host" "the bounded wait ends with a message"
[ $(($(date +%s) - start)) -le 5 ]
ok "the bounded wait ends in time" $?
# a signal ends the wait at once: exit 143, no data directory
"$sb" bench --profile smoke --only cpu --dir "$tmp/dir" --lock-wait 60 > "$tmp/term.out" 2> "$tmp/term.err" &
waiter=$!
wait_for grep -q 'waiting up to 60 s' "$tmp/term.err"
kill -TERM "$waiter"
wait "$waiter"
rc=$?
[ $rc -eq 143 ]
ok "SIGTERM while waiting for the lock: exit $rc (want 143)" $?
[ -z "$(ls -A "$tmp/dir")" ]
ok "nothing left in --dir after SIGTERM in the wait" $?
# the holder ends while a run waits: the run goes on
"$sb" bench --profile smoke --only cpu --dir "$tmp/dir" --lock-wait 60 > "$tmp/wait.out" 2> "$tmp/wait.err" &
waiter=$!
wait_for grep -q 'waiting up to 60 s' "$tmp/wait.err"
kill "$holder" 2>/dev/null
wait "$holder" 2>/dev/null
wait "$waiter"
rc=$?
[ $rc -eq 0 ] && grep -q 'cpu *ok' "$tmp/wait.out"
ok "the waiting run measures once the lock is free (exit $rc)" $?
# a specbench that holds the lock says who it is; SIGKILL frees the lock
"$sb" bench --profile quick --only cpu --dir "$tmp/dir" > /dev/null 2>&1 &
first=$!
wait_for grep -q "^pid $first, since " "$SPECBENCH_LOCK"
ok "the holder writes its pid and start time into the lock: $(cat "$SPECBENCH_LOCK")" $?
expect 3 "a second specbench while the first benchmarks" "$sb" bench --profile smoke --only cpu --dir "$tmp/dir"
has "$tmp/err" "(pid $first, since " "the second names the first by its pid"
kill -KILL "$first"
wait "$first" 2>/dev/null
expect 0 "after the holder was killed (SIGKILL) the lock is free" "$sb" bench --profile smoke --only cpu --dir "$tmp/dir"
SPECBENCH_LOCK=$tmp/no/such/dir/specbench.lock expect 3 "a lock file that cannot be made" \
	"$sb" bench --profile smoke --only cpu --dir "$tmp/dir"
has "$tmp/err" "the host's benchmark lock $tmp/no/such/dir/specbench.lock cannot be opened" "its path is named"
# what a local user could do to the lock (issue 23): each refused at once, named
mkfifo "$tmp/fifo.lock"
t0=$(date +%s)
SPECBENCH_LOCK=$tmp/fifo.lock expect 3 "a FIFO at the lock's path: refused, not waited on" \
	"$sb" bench --profile smoke --only cpu --dir "$tmp/dir"
[ $(( $(date +%s) - t0 )) -lt 30 ]
ok "at once (root's open blocked for ever there, SIGTERM blocked)" $?
has "$tmp/err" "not a regular file" "said why"
ln -s "$tmp/elsewhere" "$tmp/link.lock"
SPECBENCH_LOCK=$tmp/link.lock expect 3 "a link at the lock's path: not followed" \
	"$sb" bench --profile smoke --only cpu --dir "$tmp/dir"
[ ! -e "$tmp/elsewhere" ]
ok "and nothing made where it points" $?
if [ "$(id -u)" = 0 ]; then
	: > "$tmp/theirs.lock"
	chown 65534:65534 "$tmp/theirs.lock"
	SPECBENCH_LOCK=$tmp/theirs.lock expect 3 "another user's lock file: not taken" \
		"$sb" bench --profile smoke --only cpu --dir "$tmp/dir"
	# root's own lock: in a directory of root's, mode 0600, so no user can hold it
	(unset SPECBENCH_LOCK; "$sb" bench --profile smoke --only cpu --dir "$tmp/dir" > /dev/null 2>&1)
	[ "$(stat -c '%U %a' /run/specbench)" = "root 755" ] && [ "$(stat -c '%U %a' /run/specbench/host.lock)" = "root 600" ]
	ok "root's lock: /run/specbench (root 755) /host.lock (root 600)" $?
	! setpriv --reuid=nobody --regid=nogroup --clear-groups flock -n /run/specbench/host.lock true 2>/dev/null
	ok "a local user cannot open, so cannot hold, root's lock" $?
else
	skip "another user's lock file" "needs root"
fi

# ---- bash completion: the commands and options come from specbench itself --------
mkdir -p "$tmp/bin"
ln -s "$sb" "$tmp/bin/specbench"
complete_words() {  # complete_words WORD...: what completing the last word offers
	PATH="$tmp/bin:$PATH" bash -c '
		. "$0"
		COMP_WORDS=("$@")
		COMP_CWORD=$(($# - 1))
		_specbench
		printf "%s\n" "${COMPREPLY[@]}"' "$root/dist/bash-completion/specbench" specbench "$@" 2>&1 | sort | tr '\n' ' '
}
[ "$(complete_words ru)" = "run " ]
ok "completion: specbench ru -> run" $?
[ "$(complete_words run --con)" = "--config " ]
ok "completion: specbench run --con -> --config" $?
[ "$(complete_words run --profile '')" = "documented quick smoke " ]
ok "completion: --profile offers quick, documented, smoke" $?
[ "$(complete_words history '')" = "add export grant init list show " ]
ok "completion: history's subcommands ($(complete_words history ''))" $?
case "$(complete_words history list --)" in *--since*) true ;; *) false ;; esac
ok "completion: a subcommand's own options (history list --since)" $?
[ "$(complete_words regress a)" = "ack " ]
ok "completion: regress ack" $?
case "$(complete_words fleet --)" in *--all*--spec*) true ;; *) false ;; esac
ok "completion: fleet's own options ($(complete_words fleet --))" $?
PATH="$inst/bin:$PATH" bash -c '. "$0"; COMP_WORDS=(specbench run --spec ""); COMP_CWORD=3; _specbench;
	printf "%s\n" "${COMPREPLY[@]}"' "$inst/share/bash-completion/completions/specbench" | sort | tr '\n' ' ' > "$tmp/specs"
grep -q 'apps/unifi plus standard' "$tmp/specs"
ok "completion: --spec offers the installed specs ($(cat "$tmp/specs"))" $?
finish
