#!/bin/sh
# The libFuzzer harnesses of tests/fuzz: their seed corpora, fuzzing, replay.
#
#   tests/fuzz/run.sh fuzz SECONDS FIXTURES [RUNS]
#                                             fuzz each harness for SECONDS, or until
#                                             RUNS executions (make fuzz)
#   tests/fuzz/run.sh replay FIXTURES         run every seed and every crash ever found
#                                             once, under ASan+UBSan (make check);
#                                             ends with "N passed, N failed"
#
# Seeds come from the fixtures (FIXTURES: the built fixture machines; the
# recorded ones and tests/data are read from the source tree), so they are
# never committed twice.  A crash found by `make fuzz` is saved in
# build/fuzz/crashes/; copy it into tests/fuzz/regressions/NAME/ with the fix,
# so that every later `make check` replays it.
set -u
cd "$(dirname "$0")/../.."
mode=$1
if [ "$mode" = fuzz ]; then
	seconds=$2
	fx=$3
	runs=${4:-}
else
	fx=$2
fi
bin=build/fuzz
harnesses=$(ls tests/fuzz/fuzz_*.c | sed 's|.*/fuzz_||; s|\.c$||')

# seeds NAME: the seed files of one harness, one per line
seeds() {
	case $1 in
	mdstat) ls tests/data/mdstat/*.txt "$fx"/*/proc/mdstat ;;
	smbios) ls "$fx"/*.bin ;;
	cpuinfo) ls tests/fixtures/*/proc/cpuinfo "$fx"/*/proc/cpuinfo ;;
	ip_addr) ls tests/fixtures/*/specbench/ip-addr "$fx"/*/specbench/ip-addr ;;
	routes) ls tests/fixtures/*/specbench/ip-route tests/fixtures/*/proc/*/net/*route \
		   "$fx"/*/proc/net/*route ;;
	fio_json) ls tests/data/import/*.json ;;
	fio_text) ls tests/data/import/published-rand*.txt ;;
	sysbench) ls tests/data/import/*sysbench*.txt ;;
	spec) ls specs/*.json specs/apps/*.json ;;
	rundoc) ls tests/data/run-published.json tests/data/mail/run-noip6.json "$bin"/rundoc-seeds/*.json ;;
	cpuid) ls tests/fixtures/*/specbench/cpuid.raw ;;
	page) ls tests/data/page/*.json ;;
	optfile) ls dist/specbench.conf tests/data/config/*.conf ;;
	spf) ls tests/data/spf/*.txt ;;
	dkim) ls tests/data/mail/dkim/*.txt ;;
	dmarc) ls tests/data/mail/dmarc/*.txt ;;
	nft) ls tests/data/mail/nft/*.json ;;
	history_header) ls tests/data/history-header/*.bin ;;
	esac 2>/dev/null
	ls tests/fuzz/regressions/"$1"/* 2>/dev/null
}

# run documents of the fixture machines, for the rundoc harness
mkdir -p "$bin/rundoc-seeds"
for m in epyc-rome-metal xeon-gold-vm rome-degraded genoa-masked; do
	[ -d "$fx/$m" ] && build/specbench probe --json --sysroot "$fx/$m" > "$bin/rundoc-seeds/$m.json" 2>/dev/null
done

passed=0
failed=0
for h in $harnesses; do
	if [ ! -x "$bin/fuzz_$h" ]; then
		echo "not ok - fuzz_$h: not built (make fuzz-build needs clang)"
		failed=$((failed + 1))
		continue
	fi
	if [ "$mode" = replay ]; then
		# shellcheck disable=SC2046
		if "$bin/fuzz_$h" $(seeds "$h") > "$bin/replay-$h.log" 2>&1; then
			echo "ok - fuzz_$h: $(seeds "$h" | wc -l) inputs replayed"
			passed=$((passed + 1))
		else
			echo "not ok - fuzz_$h: an input fails (see $bin/replay-$h.log)"
			grep -m 5 -E 'ERROR|SUMMARY|runtime error' "$bin/replay-$h.log" | sed 's/^/#   /'
			failed=$((failed + 1))
		fi
		continue
	fi
	mkdir -p "$bin/corpus/$h" "$bin/crashes"
	seeds "$h" | while read -r f; do cp "$f" "$bin/corpus/$h/seed-$(echo "$f" | tr '/' '_')"; done
	"$bin/fuzz_$h" -max_total_time="$seconds" ${runs:+-runs="$runs"} -print_final_stats=1 -timeout=10 -rss_limit_mb=2048 \
		-artifact_prefix="$bin/crashes/$h-" "$bin/corpus/$h" > "$bin/fuzz-$h.log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$bin/fuzz-$h.log")
	if [ $rc -eq 0 ]; then
		echo "ok - fuzz_$h: ${execs:-?} executions in $(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$bin/fuzz-$h.log" | tail -n 1) s, no finding"
		passed=$((passed + 1))
	else
		echo "not ok - fuzz_$h: a finding after ${execs:-?} executions: $(ls "$bin"/crashes/"$h"-* 2>/dev/null | head -n 1)"
		grep -m 5 -E 'ERROR|SUMMARY|runtime error' "$bin/fuzz-$h.log" | sed 's/^/#   /'
		failed=$((failed + 1))
	fi
done
echo "fuzz $mode: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
