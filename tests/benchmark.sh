#!/bin/sh
# make benchmark: specbench's speed beside reference tools measured in the
# same run on the same machine, printed as ratios (never a timed assertion:
# the machines are shared and noisy).
set -eu
cd "$(dirname "$0")/.."
timeit=build/timeit
runs=${RUNS:-31}

row() {  # row LABEL RUNS COMMAND...: print median/min/max and remember the median
	label=$1 n=$2
	shift 2
	if ! command -v "$1" >/dev/null 2>&1; then
		printf '  %-26s %s\n' "$label" "not installed"
		return
	fi
	set -- $($timeit "$n" "$@")
	median=$1
	printf '  %-26s %9.2f ms  (min %.2f, max %.2f, %d runs)' "$label" "$1" "$2" "$3" "$n"
	if [ -n "${base:-}" ]; then
		awk -v a="$median" -v b="$base" 'BEGIN { printf "  %.2fx specbench\n", a / b }'
	else
		base=$median
		printf '  1.00x\n'
	fi
}

echo "probe speed: median wall time, same machine, same run"
base=
row "specbench probe --json" "$runs" build/specbench probe --json
sb=$base
row "lscpu -J" "$runs" lscpu -J
row "lshw -json" 7 lshw -json
row "inxi -F" 5 inxi -F
awk -v m="$sb" 'BEGIN { printf "target: specbench probe <= 10 ms median: %s (%.2f ms)\n", m <= 10 ? "met" : "NOT met", m }'
