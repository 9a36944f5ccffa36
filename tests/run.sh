#!/bin/sh
# The test command behind `make check`: builds the fixture machines, runs
# the unit and replay tests (plain and under ASan+UBSan) and the CLI tests,
# and ends with one line "N passed, N failed".
#   tests/run.sh           the whole suite (make check)
#   tests/run.sh --quick   the edit-test loop's tier (make check-quick): the
#                          layering check, the unit tests and the golden files
#                          of the recorded machines, plain build, under a minute
set -u
quick=false
[ "${1:-}" = --quick ] && quick=true
cd "$(dirname "$0")/.."
work=$(mktemp -d /tmp/specbench-check-XXXXXX)
bg_pid=""
# a suite that runs beside the others (run_bg) is stopped with the script
trap '[ -z "$bg_pid" ] || { kill -TERM "$bg_pid" 2>/dev/null; wait "$bg_pid" 2>/dev/null; }; rm -rf "$work"' EXIT
# a signal ends the script (the EXIT trap cleans up); a trap alone would go on
trap 'exit 130' INT
trap 'exit 143' TERM
passed=0
failed=0
skipped=0
# the host-wide benchmark lock of the tests' runs: theirs, not the machine's
# (a scheduled run on this machine must not make a test wait, nor the tests it)
SPECBENCH_LOCK=$work/host.lock
export SPECBENCH_LOCK

count() {  # count LOGFILE: add the "N passed, N failed" of a log to the totals
	line=$(grep -E '[0-9]+ passed, [0-9]+ failed' "$1" | tail -n 1)
	p=$(echo "$line" | sed -E 's/(.*[^0-9])?([0-9]+) passed.*/\2/')
	f=$(echo "$line" | sed -E 's/.*passed, ([0-9]+) failed.*/\1/')
	s=$(echo "$line" | sed -nE 's/.*failed, ([0-9]+) skipped.*/\1/p')
	if [ -z "$line" ]; then
		echo "  (no result line: counted as 1 failure)"
		p=0 f=1
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	skipped=$((skipped + ${s:-0}))
}

run() {  # run NAME COMMAND...: run a suite, show its failures and its result line
	name=$1
	shift
	t0=$(date +%s)
	"$@" > "$work/$name.log" 2>&1
	report "$name" $? $(($(date +%s) - t0))
}

# run_bg NAME COMMAND...: start a suite beside the rest, one at a time: one
# that waits mostly on others' work (the package: dpkg-buildpackage,
# debootstrap, apt in a chroot), or the unit tests under valgrind; run_wait
# reports it.  It shares nothing the others write: its own build tree,
# chroot and host lock, or temporary files of its own.
run_bg() {
	bg_name=$1
	shift
	bg_t0=$(date +%s)
	"$@" > "$work/$bg_name.log" 2>&1 &
	bg_pid=$!
}
run_wait() {
	wait "$bg_pid"
	rc=$?
	bg_pid=""
	report "$bg_name" $rc $(($(date +%s) - bg_t0))
}

report() {  # report NAME EXIT-CODE SECONDS
	name=$1 rc=$2 took=$3
	log=$work/$name.log
	grep -E '^(FAIL|not ok|#   |     got|==[0-9]+==|.*runtime error)' "$log" | head -n 60
	count "$log"
	if [ $rc -ne 0 ] && ! grep -qE '[0-9]+ passed, [1-9][0-9]* failed' "$log"; then
		echo "  $name exited $rc:"
		tail -n 20 "$log" | sed 's/^/    /'
		failed=$((failed + 1))
	fi
	echo "$name: $(grep -E '[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1) ($took s)"
}

# the machine's own history and runs are the machine's: no suite may write
# there (checked at the end when there was nothing before)
machine_state=/var/lib/specbench
[ -e "$machine_state" ] && machine_before=yes || machine_before=no
run layering tests/layering.sh
run layering-self-test tests/layering.sh --self-test
run xref tests/xref.sh
run xref-self-test tests/xref.sh --self-test
tests/fixtures/build.sh "$work/fixtures"
build/unit --write-smbios "$work/fixtures"

run unit build/unit "$work/fixtures"
if $quick; then
	SPECBENCH=build/specbench FIXTURES=$work/fixtures run golden tests/golden.sh
	echo "the quick tier; make check runs every suite"
	echo "$passed passed, $failed failed, $skipped skipped"
	[ "$failed" -eq 0 ]
	exit $?
fi
ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	run unit-sanitizers build/san/unit "$work/fixtures"
# the unit tests under valgrind: half a minute of one core, beside the CLI,
# verify, golden and schema suites (they passed with a CPU hog beside them;
# none compares two live measurements), reported before history's
if command -v valgrind >/dev/null 2>&1; then
	# valgrind 3.19 does not know openat2(): the shim walks for it (tests only)
	run_bg unit-valgrind env LD_PRELOAD="$PWD/build/openat2_shim.so" valgrind -q --leak-check=full \
		--errors-for-leak-kinds=definite --error-exitcode=99 build/unit "$work/fixtures"
fi
SPECBENCH=build/specbench FIXTURES=$work/fixtures run cli tests/cli.sh
SPECBENCH=build/san/specbench FIXTURES=$work/fixtures run cli-sanitizers tests/cli.sh
SPECBENCH=build/specbench FIXTURES=$work/fixtures run verify tests/verify.sh
SPECBENCH=build/san/specbench FIXTURES=$work/fixtures run verify-sanitizers tests/verify.sh
SPECBENCH=build/specbench FIXTURES=$work/fixtures run golden tests/golden.sh
SPECBENCH=build/specbench FIXTURES=$work/fixtures run schema tests/schema.sh
[ -z "$bg_pid" ] || run_wait
SPECBENCH=build/specbench run history tests/history.sh
SPECBENCH=build/san/specbench run history-sanitizers tests/history.sh
# the package's suite beside the suites that measure nothing live (the
# pages, the dashboard, PostgreSQL): it waits on dpkg-buildpackage,
# debootstrap and apt most of its two minutes, and its load must not fall
# between two runs a live test compares (history's run --regress), nor on
# the mail suite's bounded waits
SPECBENCH_LOCK=$work/deb.lock run_bg deb tests/deb.sh
PAGE_TOOL_OUTPUTS=$work/page-tool-outputs SPECBENCH=build/specbench run page tests/page.sh
PAGE_TOOL_OUTPUTS=$work/page-tool-outputs SANITIZED=1 SPECBENCH=build/san/specbench \
	run page-sanitizers tests/page.sh
SPECBENCH=build/specbench run dashboard tests/dashboard.sh
SANITIZED=1 SPECBENCH=build/san/specbench run dashboard-sanitizers tests/dashboard.sh
SPECBENCH=build/specbench run history-pg tests/history-pg.sh
SPECBENCH=build/san/specbench run history-pg-sanitizers tests/history-pg.sh
SPECBENCH=build/specbench run history-pg-security tests/history-pg-security.sh
SPECBENCH=build/san/specbench run history-pg-security-sanitizers tests/history-pg-security.sh
run_wait
SPECBENCH=build/specbench run mail tests/mail.sh
SPECBENCH=build/san/specbench run mail-sanitizers tests/mail.sh
SPECBENCH=build/specbench run alerts-e2e tests/alerts-e2e.sh
SPECBENCH=build/specbench run regress tests/regress.sh
SPECBENCH=build/san/specbench run regress-sanitizers tests/regress.sh
run fuzz-replay tests/fuzz/run.sh replay "$work/fixtures"
SPECBENCH=build/specbench run bench tests/bench.sh
SPECBENCH=build/san/specbench SANITIZED=1 run bench-sanitizers tests/bench.sh
SPECBENCH=build/specbench run dist tests/dist.sh
SPECBENCH=build/san/specbench run dist-sanitizers tests/dist.sh

# make install honours PREFIX and DESTDIR
install_test() {
	make -s install DESTDIR="$work/dest" PREFIX=/opt/sb >/dev/null &&
	[ -x "$work/dest/opt/sb/bin/specbench" ] && [ -f "$work/dest/opt/sb/share/man/man1/specbench.1" ] &&
	"$work/dest/opt/sb/bin/specbench" --version >/dev/null &&
	[ -f "$work/dest/opt/sb/share/specbench/specs/apps/unifi.json" ] &&
	[ -x "$work/dest/opt/sb/lib/specbench/specbench-net" ] && [ -x "$work/dest/opt/sb/lib/specbench/specbench-mail" ] &&
	[ -f "$work/dest/opt/sb/share/locale/nl/LC_MESSAGES/specbench.mo" ] &&
	"$work/dest/opt/sb/bin/specbench" page --spec standard --lang nl --results tests/data/run-published.json \
		-o "$work/installed-page" 2>/dev/null && grep -q 'Algemene specificaties' "$work/installed-page/standard.nl.html" &&
	"$work/dest/opt/sb/bin/specbench" bench --profile smoke --only network --json - | grep -q '"status": "skipped"' &&
	(cd / && "$work/dest/opt/sb/bin/specbench" verify --spec apps/unifi --format json \
		--results "$OLDPWD/tests/data/run-published.json" >/dev/null; [ $? -le 1 ]) &&
	echo "install: 1 passed, 0 failed"
}
run install install_test

untouched() {
	if [ "$machine_before" = no ] && [ -e "$machine_state" ]; then
		echo "not ok - a suite wrote to the machine's $machine_state: $(ls -A "$machine_state" | head -n 3 | tr '\n' ' ')"
		echo "untouched: 0 passed, 1 failed"
	else
		echo "untouched: 1 passed, 0 failed"
	fi
}
run untouched untouched
grep -h '# SKIP' "$work"/*.log | sed 's/^ok [0-9]* - /  skipped: /' | sort -u
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
