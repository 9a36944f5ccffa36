#!/bin/sh
# make benchmark: specbench's figures beside references measured in the same
# run on the same machine, printed as ratios (never a timed assertion: the
# machines are shared and noisy).  Sections (SECTIONS=probe,fidelity,quick,network):
#   probe     median wall time of `specbench probe --json` beside lscpu and lshw
#   fidelity  each benchmark through specbench / the same command run directly,
#             interleaved A B B A (PROFILE=documented, RUNS=5 for cpu and
#             memory, DISK_RUNS=2); specbench's own CPU time and peak RSS
#   quick     the quick profile against the documented medians, and its duration
#   network   loopback download through specbench / curl -o /dev/null
set -eu
cd "$(dirname "$0")/.."
sb=build/specbench
timeit=build/timeit
sections=${SECTIONS:-probe,fidelity,quick,network}
profile=${PROFILE:-documented}
runs=${RUNS:-5}
disk_runs=${DISK_RUNS:-4}
tmp=$(mktemp -d /var/tmp/specbench-benchmark-XXXXXX)
chmod 0755 "$tmp"
trap 'tests/nginx.sh stop "$tmp/nginx" 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM

want() { case ",$sections," in *",$1,"*) return 0 ;; esac; return 1; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "nan"; else printf "%.3f", a / b }'; }
within() { awk -v r="$1" -v lo="$2" -v hi="$3" 'BEGIN { print (r >= lo && r <= hi) ? "ok" : "OUTSIDE" }'; }

# ---------------------------------------------------------------------------------
if want probe; then
	echo "probe speed: median wall time, same machine, same run"
	base=
	row() {
		label=$1 n=$2
		shift 2
		if ! command -v "$1" >/dev/null 2>&1; then
			printf '  %-26s %s\n' "$label" "not installed"
			return
		fi
		set -- $($timeit "$n" "$@")
		printf '  %-26s %9.2f ms  (min %.2f, max %.2f, %d runs)' "$label" "$1" "$2" "$3" "$n"
		if [ -n "$base" ]; then
			awk -v a="$1" -v b="$base" 'BEGIN { printf "  %.2fx specbench\n", a / b }'
		else
			base=$1
			printf '  1.00x\n'
		fi
	}
	row "specbench probe --json" 31 $sb probe --json
	sb_ms=$base
	row "lscpu -J" 31 lscpu -J
	row "lshw -json" 7 lshw -json
	row "inxi -F" 5 inxi -F
	awk -v m="$sb_ms" 'BEGIN { printf "  target: specbench probe <= 10 ms median: %s (%.2f ms)\n\n", m <= 10 ? "met" : "NOT met", m }'
fi

# ---------------------------------------------------------------------------------
# A: specbench's figure; B: the command it prints, run directly, parsed the same way
# Both sides start from the same state: dirty pages written, caches dropped (root).
settle() {
	sync
	[ -w /proc/sys/vm/drop_caches ] && echo 3 > /proc/sys/vm/drop_caches || true
}
figure_specbench() {  # ID JQPATH -> one figure, and the run document kept as $tmp/a.json
	settle
	$sb bench --profile "$profile" --only "$1" --no-warmup --dir "$tmp" --json "$tmp/a.json" >/dev/null
	jq -r ".bench.$1.$2" "$tmp/a.json"
	jq -r --arg id "$1" '[(.bench | getpath($id | split("."))) as $b | $b.self_cpu_s, .bench.self.max_rss_kib,
		$b.duration_s] | @tsv' "$tmp/a.json" >> "$tmp/self.tsv"
}
figure_direct() {  # ID JQPATH
	settle
	mkdir -p "$tmp/direct"
	cmd=$($sb bench --profile "$profile" --only "$1" --print-commands | sed "s#--directory=[^ ]*#--directory=$tmp/direct#")
	(cd "$tmp/direct" && eval "$cmd") > "$tmp/b.out" 2>/dev/null
	rm -rf "$tmp/direct"
	$sb import --as "$1" "$tmp/b.out" | jq -r ".bench.$1.$2"
}

fidelity_row() {  # ID JQPATH LABEL N
	: > "$tmp/A"
	: > "$tmp/B"
	i=0
	while [ "$i" -lt "$4" ]; do
		# A B, then B A: whatever the first run of a pair suffers, both sides suffer equally
		if [ $((i % 2)) -eq 0 ]; then
			figure_specbench "$1" "$2" >> "$tmp/A"
			figure_direct "$1" "$2" >> "$tmp/B"
		else
			figure_direct "$1" "$2" >> "$tmp/B"
			figure_specbench "$1" "$2" >> "$tmp/A"
		fi
		i=$((i + 1))
	done
	a=$(median < "$tmp/A")
	b=$(median < "$tmp/B")
	r=$(ratio "$a" "$b")
	printf '  %-26s specbench %12.2f  direct %12.2f  ratio %s  %s (%d+%d runs)\n' "$3" "$a" "$b" "$r" \
		"$(within "$r" 0.97 1.03)" "$4" "$4"
	echo "$1 $2 $a" >> "$tmp/documented"
}

if want fidelity; then
	echo "benchmark fidelity: specbench / the same command run directly, interleaved A B B A ($profile profile)"
	echo "  target: every ratio within 0.97-1.03"
	: > "$tmp/self.tsv"
	: > "$tmp/documented"
	fidelity_row cpu events_per_sec "cpu events/s" "$runs"
	fidelity_row memory mib_per_sec "memory MiB/s" "$runs"
	fidelity_row disk.randwrite write.iops "randwrite write IOPS" "$disk_runs"
	fidelity_row disk.randread read.iops "randread read IOPS" "$disk_runs"
	fidelity_row disk.randrw read.iops "randrw read IOPS" "$disk_runs"
	echo
	echo "specbench's own cost while the benchmarks ran (children excluded)"
	awk -F'\t' '{ if ($3 > 0 && $1 / $3 > cpu) cpu = $1 / $3; if ($2 > rss) rss = $2 }
		END { printf "  CPU time / wall time  %.3f %%   target < 1 %%: %s\n", 100 * cpu, cpu < 0.01 ? "met" : "NOT met";
		      printf "  peak RSS              %.1f MB  target < 10 MB: %s\n\n", rss * 1024 / 1e6, rss * 1024 < 10e6 ? "met" : "NOT met" }' "$tmp/self.tsv"
fi

# ---------------------------------------------------------------------------------
if want quick; then
	settle
	echo "quick profile against the documented one (target: within 0.85-1.15; disk+cpu+memory <= 40 s)"
	: > "$tmp/quick.durations"
	for i in 1 2 3; do
		$sb bench --profile quick --only disk,cpu,memory --dir "$tmp" --json "$tmp/q$i.json" >/dev/null
		jq -r '(.bench.ended_at | fromdate) - (.bench.started_at | fromdate)' "$tmp/q$i.json" >> "$tmp/quick.durations"
	done
	if [ ! -s "$tmp/documented" ] || [ "$profile" != documented ]; then
		echo "  (no documented medians: run with SECTIONS=fidelity,quick and PROFILE=documented)"
	else
		while read -r id path doc; do
			q=$(for i in 1 2 3; do jq -r ".bench.$id.$path" "$tmp/q$i.json"; done | median)
			r=$(ratio "$q" "$doc")
			printf '  %-26s quick %12.2f  documented %12.2f  ratio %s  %s\n' "$id $path" "$q" "$doc" "$r" \
				"$(within "$r" 0.85 1.15)"
		done < "$tmp/documented"
	fi
	d=$(median < "$tmp/quick.durations")
	awk -v d="$d" 'BEGIN { printf "  quick disk+cpu+memory took %.0f s (median of 3, warm-ups included): %s\n\n", d, d <= 40 ? "met" : "NOT met" }'
fi

# ---------------------------------------------------------------------------------
if want network; then
	echo "network: loopback download of a 1 GiB file, specbench (1 stream) / curl -o /dev/null"
	port=$(tests/nginx.sh start "$tmp/nginx")
	truncate -s 1G "$tmp/nginx/www/big.bin"
	url=http://127.0.0.1:$port/big.bin
	: > "$tmp/A"
	: > "$tmp/B"
	for i in 1 2 3; do
		$sb bench --profile quick --only network --streams 1 --download-url "$url" --json - |
			jq -r '.bench.network.download_mbps' >> "$tmp/A"
		curl -s -o /dev/null -w '%{speed_download}\n' "$url" | awk '{ print $1 * 8 / 1e6 }' >> "$tmp/B"
	done
	a=$(median < "$tmp/A")
	b=$(median < "$tmp/B")
	r=$(ratio "$a" "$b")
	printf '  download Mbit/s            specbench %12.1f  curl %12.1f  ratio %s  target >= 0.90: %s\n' \
		"$a" "$b" "$r" "$(awk -v r="$r" 'BEGIN { print ((r >= 0.9) ? "met" : "NOT met") }')"
fi
