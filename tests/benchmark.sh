#!/bin/sh
# make benchmark: specbench's figures beside references measured in the same
# run on the same machine, printed as ratios (never a timed assertion: the
# machines are shared and noisy).  Sections (SECTIONS=probe,fidelity,quick,network,history,fleet,page,pg,mail,
# dashboard):
#   probe     median wall time of `specbench probe --json` beside lscpu and lshw
#   fidelity  each benchmark through specbench / the same command run directly,
#             in pairs A B, B A (PROFILE=documented, RUNS=5 pairs for cpu and
#             memory, DISK_RUNS=4 pairs for each disk job); specbench's own
#             CPU time and peak RSS; each disk comparison starts with one
#             unrecorded run (see primed)
#   quick     the quick profile / the documented one in pairs (same counts),
#             and how long quick disk+cpu+memory takes
#   network   loopback download through specbench / curl -o /dev/null
#   history   history add of 1,000 run documents (the cost of one), and
#             regress of one host on a history of 20 runs and on one of
#             10,000 runs of 200 hosts (the second / the first); with
#             REF=an older specbench binary, the judging of run --regress
#             (a stored run, a document in hand) by this build / by REF
#   fleet     fleet --spec standard over a history of 10,000 runs of 200 hosts
#             (SQLite), beside history export of the same history
#   pg        a central PostgreSQL (started here, tests/tools/pg.sh): 200 runs
#             shipped one process each (history add of one run, as a VM's run
#             does) beside psql inserting the same documents one process each;
#             then 200 hosts x 50 runs, fleet and regress over them beside the
#             same commands on SQLite
#   mail      specbench mail (all mail and DNS checks of a correct domain)
#             against nsd and aiosmtpd on loopback (tests/tools/mail_servers.sh),
#             beside specbench verify of the same run document (the same
#             process without asking anyone) and the helper specbench-mail alone
#   page      the spec pages of standard and plus (both languages) from a
#             history of 10,000 runs, beside `history export` of the same
#             history (reading the figures alone), and the size of a page
#   dashboard the operators' site of DASH_HOSTS=1000 VMs x DASH_RUNS=365 runs
#             beside `history export` of the same history (target: at most
#             3x), and the size of the index (target: under 1 MB); from
#             SQLite, then the same rows copied into a PostgreSQL of its own
set -eu
cd "$(dirname "$0")/.."
sb=build/specbench
timeit=build/timeit
sections=${SECTIONS:-probe,fidelity,quick,network,history,fleet,page,pg,mail,dashboard}
profile=${PROFILE:-documented}
runs=${RUNS:-5}
disk_runs=${DISK_RUNS:-4}
tmp=$(mktemp -d /var/tmp/specbench-benchmark-XXXXXX)
chmod 0755 "$tmp"
pgd=""
. tests/tools/pg.sh
. tests/tools/mail_servers.sh
# every step whatever the one before did (set -e holds in a trap too: a
# pg_stop with no server to stop would end it before the rest)
trap 'for p in $mail_pids; do kill "$p" 2>/dev/null || true; done; tests/nginx.sh stop "$tmp/nginx" 2>/dev/null || true
	pg_stop || true; rm -rf "$tmp" "$pgd"' EXIT
# a signal ends the script (the EXIT trap cleans up); a trap alone would go on
trap 'exit 130' INT
trap 'exit 143' TERM

want() { case ",$sections," in *",$1,"*) return 0 ;; esac; return 1; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "nan"; else printf "%.3f", a / b }'; }
# verdict MEDIAN MIN MAX LO HI: the median of the pair ratios against the band.
# The range of the pair ratios is the median's confidence interval (about 94 %
# for 5 pairs, 97 % for 6); when it reaches into the band, a median outside
# it says the machine was too noisy to tell, not that specbench is off.
verdict() {
	awk -v r="$1" -v mn="$2" -v mx="$3" -v lo="$4" -v hi="$5" 'BEGIN {
		if (r >= lo && r <= hi) print "ok"
		else if (mx >= lo && mn <= hi) print "OUTSIDE, not significant (pair ratios reach into the band)"
		else print "OUTSIDE" }'
}

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
# Paired comparisons.  Each pair runs its two sides back to back, in the order
# A B, then B A, so that whatever the first run of a pair suffers (or the
# machine's slow drift) both sides suffer equally.  The figure judged is the
# median of the per-pair ratios A/B; the medians of each side and their
# coefficients of variation are printed beside it, so a ratio outside the band
# can be told apart from a noisy machine.
settle() {  # both sides start from the same state: dirty pages written, caches dropped (root)
	sync
	[ -w /proc/sys/vm/drop_caches ] && echo 3 > /proc/sys/vm/drop_caches || true
}
cv() { awk '{ s += $1; q += $1 * $1; n++ } END { if (n < 2 || s == 0) print "nan"; else { m = s / n; v = (q - n * m * m) / (n - 1); printf "%.1f", 100 * sqrt(v > 0 ? v : 0) / m } }'; }

runs() { awk '{ printf "%s%.0f", (NR > 1) ? " " : "", $1 }'; }
heading() { printf '  %-22s %25s  %25s\n' "" "$1 (cv)" "$2 (cv)"; }

# paired LABELS N LO HI SIDE_A SIDE_B ID JQPATHS: SIDE_x ID JQPATHS prints one
# line with a figure per comma-separated JQPATH; LABELS names them in the same
# order.  Both directions of randrw come from the same runs, as in one report.
paired() {
	labels=$1 n=$2 lo=$3 hi=$4 side_a=$5 side_b=$6
	shift 6
	: > "$tmp/A"
	: > "$tmp/B"
	i=0
	while [ "$i" -lt "$n" ]; do
		if [ $((i % 2)) -eq 0 ]; then
			"$side_a" "$@" >> "$tmp/A"
			"$side_b" "$@" >> "$tmp/B"
		else
			"$side_b" "$@" >> "$tmp/B"
			"$side_a" "$@" >> "$tmp/A"
		fi
		i=$((i + 1))
	done
	k=1
	echo "$labels" | tr ',' '\n' | while IFS= read -r label; do
		cut -f "$k" "$tmp/A" > "$tmp/Ak"
		cut -f "$k" "$tmp/B" > "$tmp/Bk"
		a=$(median < "$tmp/Ak")
		b=$(median < "$tmp/Bk")
		paste "$tmp/Ak" "$tmp/Bk" | awk '$2 > 0 { printf "%.6f\n", $1 / $2 }' | sort -g > "$tmp/R"
		r=$(median < "$tmp/R")
		rlo=$(head -n 1 "$tmp/R")
		rhi=$(tail -n 1 "$tmp/R")
		printf '  %-22s %12.2f (cv %5s %%)  %12.2f (cv %5s %%)  ratio %.3f  %s\n' \
			"$label" "$a" "$(cv < "$tmp/Ak")" "$b" "$(cv < "$tmp/Bk")" "$r" "$(verdict "$r" "$rlo" "$rhi" "$lo" "$hi")"
		printf '  %-22s %d pairs, pair ratios %.3f-%.3f, ratio of medians %s\n' "" "$n" "$rlo" "$rhi" "$(ratio "$a" "$b")"
		# a noisy side: show each run, so a single outlier can be seen as one
		if awk -v a="$(cv < "$tmp/Ak")" -v b="$(cv < "$tmp/Bk")" 'BEGIN { exit !((a != "nan" && a > 10) || (b != "nan" && b > 10)) }'; then
			printf '  %-22s runs: %s / %s\n' "" "$(runs < "$tmp/Ak")" "$(runs < "$tmp/Bk")"
		fi
		k=$((k + 1))
	done
}

# primed: the same as paired, after one unrecorded run of side B.  In four
# make benchmark runs the first randwrite of the block (after the memory
# pairs) came out at 0.5-0.76x the others; three times before a primer
# existed, once (specbench's side) right after one.  Reproduced by hand only
# partly: after sysbench memory a direct run once gave 271k against 355k IOPS,
# twelve other runs in that position (specbench and direct) did not; a
# shortened make benchmark did not.  The primer at least keeps the first pair
# from measuring that machine state against whichever side goes first.
primed() {
	(side=$6; shift 6; "$side" "$@" > /dev/null)
	paired "$@"
}

# figures ID JQPATHS FILE: one tab-separated line, a figure per JQPATH
figures() {
	jq -r --arg id "$1" --arg paths "$2" '(.bench | getpath($id | split("."))) as $b
		| [$paths | split(",")[] | . as $p | $b | getpath($p | split("."))] | @tsv' "$3"
}

# A: specbench's figure; B: the command it prints, run directly, parsed the same way
through_specbench() {  # ID JQPATHS; keeps specbench's own cost in $tmp/self.tsv
	settle
	$sb bench --profile "$profile" --only "$1" --no-warmup --dir "$tmp" --json "$tmp/a.json" >/dev/null
	figures "$1" "$2" "$tmp/a.json"
	jq -r --arg id "$1" '[(.bench | getpath($id | split("."))) as $b | $b.self_cpu_s, .bench.self.max_rss_kib,
		$b.duration_s] | @tsv' "$tmp/a.json" >> "$tmp/self.tsv"
}
run_directly() {  # ID JQPATHS
	settle
	mkdir -p "$tmp/direct"
	cmd=$($sb bench --profile "$profile" --only "$1" --print-commands | sed "s#--directory=[^ ]*#--directory=$tmp/direct#")
	(cd "$tmp/direct" && eval "$cmd") > "$tmp/b.out" 2>/dev/null
	rm -rf "$tmp/direct"
	$sb import --as "$1" "$tmp/b.out" > "$tmp/b.json"
	figures "$1" "$2" "$tmp/b.json"
}

if want fidelity; then
	echo "benchmark fidelity ($profile profile): specbench / the same command run directly"
	echo "  target: every ratio within 0.97-1.03"
	heading specbench direct
	: > "$tmp/self.tsv"
	paired "cpu events/s" "$runs" 0.97 1.03 through_specbench run_directly cpu events_per_sec
	paired "memory MiB/s" "$runs" 0.97 1.03 through_specbench run_directly memory mib_per_sec
	primed "randwrite write IOPS" "$disk_runs" 0.97 1.03 through_specbench run_directly disk.randwrite write.iops
	primed "randread read IOPS" "$disk_runs" 0.97 1.03 through_specbench run_directly disk.randread read.iops
	primed "randrw read IOPS,randrw write IOPS" "$disk_runs" 0.97 1.03 through_specbench run_directly disk.randrw read.iops,write.iops
	echo
	echo "specbench's own cost while the benchmarks ran (children excluded)"
	awk -F'\t' '{ if ($3 > 0 && $1 / $3 > cpu) cpu = $1 / $3; if ($2 > rss) rss = $2 }
		END { printf "  CPU time / wall time  %.3f %% (the most of any run)   target < 1 %%: %s\n", 100 * cpu, cpu < 0.01 ? "met" : "NOT met";
		      printf "  peak RSS              %.1f MB  target < 10 MB: %s\n\n", rss * 1024 / 1e6, rss * 1024 < 10e6 ? "met" : "NOT met" }' "$tmp/self.tsv"
fi

# ---------------------------------------------------------------------------------
# The quick profile against the documented one, both as a user runs them
# (warm-up included), in pairs on the same machine.
profile_figure() {  # PROFILE ID JQPATHS
	settle
	$sb bench --profile "$1" --only "$2" --dir "$tmp" --json "$tmp/p.json" >/dev/null
	figures "$2" "$3" "$tmp/p.json"
}
quick_side() { profile_figure quick "$@"; }
documented_side() { profile_figure documented "$@"; }

if want quick; then
	echo "quick profile / documented profile, as a user runs them (warm-up included)"
	echo "  target: every ratio within 0.85-1.15"
	heading quick documented
	paired "cpu events/s" "$runs" 0.85 1.15 quick_side documented_side cpu events_per_sec
	paired "memory MiB/s" "$runs" 0.85 1.15 quick_side documented_side memory mib_per_sec
	primed "randwrite write IOPS" "$disk_runs" 0.85 1.15 quick_side documented_side disk.randwrite write.iops
	primed "randread read IOPS" "$disk_runs" 0.85 1.15 quick_side documented_side disk.randread read.iops
	primed "randrw read IOPS,randrw write IOPS" "$disk_runs" 0.85 1.15 quick_side documented_side disk.randrw read.iops,write.iops
	: > "$tmp/quick.durations"
	for i in 1 2 3; do
		settle
		$sb bench --profile quick --only disk,cpu,memory --dir "$tmp" --json "$tmp/q$i.json" >/dev/null
		jq -r '(.bench.ended_at | fromdate) - (.bench.started_at | fromdate)' "$tmp/q$i.json" >> "$tmp/quick.durations"
	done
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

# ---------------------------------------------------------------------------------
if want history; then
	echo "history: SQLite, synthetic runs (tests/tools/make_history.py, 5 % noise)"
	/usr/bin/python3 tests/tools/make_history.py "$tmp/h20" 1 20 1
	/usr/bin/python3 tests/tools/make_history.py "$tmp/h10k" 200 50 2
	/usr/bin/python3 tests/tools/make_history.py "$tmp/h1k" 1 1000 3
	start=$(date +%s.%N)
	$sb history add --history "$tmp/add.db" "$tmp"/h1k/*.json > /dev/null
	end=$(date +%s.%N)
	add_ms=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", (b - a) * 1000 / 1000 }')
	printf '  history add of 1,000 runs      %8.2f ms a run (whole command / 1000)  target <= 10 ms: %s\n' "$add_ms" \
		"$(awk -v m="$add_ms" 'BEGIN { print m <= 10 ? "met" : "NOT met" }')"
	$sb history add --history "$tmp/20.db" "$tmp"/h20/*.json > /dev/null
	# 10,000 runs, added in batches (one command line would be too long)
	ls "$tmp"/h10k/*.json | xargs -n 1000 $sb history add --history "$tmp/10k.db" > /dev/null
	host=$(jq -r .host.machine_id "$tmp/h10k/007-0049.json")
	host20=$(jq -r .host.machine_id "$tmp/h20/000-0019.json")
	set -- $($timeit 21 $sb regress --history "$tmp/20.db" --host "$host20" --format json)
	small=$1
	set -- $($timeit 21 $sb regress --history "$tmp/10k.db" --host "$host" --format json)
	big=$1
	r=$(ratio "$big" "$small")
	printf '  regress, one host, 20 runs     %8.2f ms median\n' "$small"
	printf '  regress, one host of 200, 10,000 runs %8.2f ms median  ratio %s  target <= 2: %s\n' "$big" "$r" \
		"$(awk -v r="$r" 'BEGIN { print ((r <= 2) ? "met" : "NOT met") }')"
	# REF=an older build of specbench: the judging `run --regress` does after
	# storing (regress of the newest stored run; regress --run of a document
	# in hand), this build / REF, in alternating blocks of 5
	if [ -n "${REF:-}" ]; then
		for what in stored given; do
			: > "$tmp/ref.new"
			: > "$tmp/ref.old"
			for i in 1 2 3 4 5 6; do
				for side in new old; do
					bin=$sb
					[ $side = old ] && bin=$REF
					if [ $what = stored ]; then
						set -- $($timeit 5 $bin regress --history "$tmp/10k.db" --host "$host" --format json)
					else
						set -- $($timeit 5 $bin regress --history "$tmp/10k.db" --run "$tmp/h10k/007-0049.json" \
							--format json)
					fi
					echo "$1" >> "$tmp/ref.$side"
				done
			done
			a=$(median < "$tmp/ref.new")
			b=$(median < "$tmp/ref.old")
			printf '  regress (%s run), 10,000 runs: this %8.2f ms  REF %8.2f ms  this / REF %s\n' "$what" "$a" "$b" \
				"$(ratio "$a" "$b")"
		done
	fi
fi

# ---------------------------------------------------------------------------------
if want page; then
	echo "page: the spec pages of standard and plus from 10,000 synthetic runs of 200 hosts"
	/usr/bin/python3 tests/tools/make_history.py "$tmp/p10k" 200 50 4 standard,plus
	ls "$tmp"/p10k/*.json | xargs -n 1000 $sb history add --history "$tmp/p10k.db" > /dev/null
	set -- $($timeit 7 $sb page --spec standard --spec plus --history "$tmp/p10k.db" -o "$tmp/pages")
	page=$1
	set -- $($timeit 7 $sb history export --history "$tmp/p10k.db" --format json)
	export=$1
	size=$(wc -c < "$tmp/pages/standard.nl.html")
	printf '  page, 2 specs x 2 languages   %8.2f ms median  target <= 1000 ms: %s\n' "$page" \
		"$(awk -v m="$page" 'BEGIN { print m <= 1000 ? "met" : "NOT met" }')"
	printf '  history export, same history  %8.2f ms median  page / export %s\n' "$export" "$(ratio "$page" "$export")"
	printf '  one page (standard.nl.html)   %8d bytes      target <= 153600: %s\n' "$size" \
		"$(awk -v s="$size" 'BEGIN { print s <= 153600 ? "met" : "NOT met" }')"
fi

# ---------------------------------------------------------------------------------
if want fleet; then
	echo "fleet: 10,000 synthetic runs of 200 hosts (SQLite; PostgreSQL in the pg section)"
	/usr/bin/python3 tests/tools/make_history.py "$tmp/f10k" 200 50 6 standard
	ls "$tmp"/f10k/*.json | xargs -n 1000 $sb history add --history "$tmp/f10k.db" > /dev/null
	set -- $($timeit 7 $sb fleet --spec standard --history "$tmp/f10k.db" --format json)
	fleet=$1
	set -- $($timeit 7 $sb history export --history "$tmp/f10k.db" --format json)
	printf '  fleet, 200 hosts, 10,000 runs %8.2f ms median  target <= 200 ms: %s\n' "$fleet" \
		"$(awk -v m="$fleet" 'BEGIN { print m <= 200 ? "met" : "NOT met" }')"
	printf '  history export, same history  %8.2f ms median  fleet / export %s\n' "$1" "$(ratio "$fleet" "$1")"
fi

# ---------------------------------------------------------------------------------
if want pg; then
	if ! pg_find || ! pg_start "$tmp/initdb.log"; then
		echo "pg: skipped: PostgreSQL is not installed or did not start (make deps)"
	else
		echo "pg: a PostgreSQL server of its own on 127.0.0.1:$port; 200 hosts x 50 runs"
		/usr/bin/python3 tests/tools/make_history.py "$tmp/pg10k" 200 50 6 standard
		ls "$tmp"/pg10k/*.json | head -n 200 > "$tmp/one-by-one"
		# issue 24: the same store with a role per VM, row-level security and
		# TLS with certificate logins (database "secure", owned by sbowner),
		# beside the single superuser login without TLS of before (postgres)
		pg_tls_certs "$tmp/tls" sbowner vmbench ops > /dev/null 2>&1
		psql -c "CREATE ROLE sbowner LOGIN CREATEROLE" && psql -c "CREATE DATABASE secure OWNER sbowner"
		pg_tls_on "$tmp/tls" "host all specbench 127.0.0.1/32 scram-sha-256"
		plain="$url?sslmode=disable"
		cert() { echo "postgresql://$1@127.0.0.1:$port/secure?sslmode=verify-full&sslrootcert=$tmp/tls/ca.crt&sslcert=$tmp/tls/$1.crt&sslkey=$tmp/tls/$1.key"; }
		$sb history init --history "$plain" > /dev/null 2>&1
		$sb history init --history "$(cert sbowner)" > /dev/null
		$sb history grant --history "$(cert sbowner)" --host vmbench --hostname app000 > /dev/null
		$sb history grant --history "$(cert sbowner)" --reader ops > /dev/null
		psql -c "CREATE TABLE reference (id BIGSERIAL PRIMARY KEY, document TEXT NOT NULL)"
		now_ms() { date +%s%N | awk '{ printf "%.3f", $1 / 1e6 }'; }
		t0=$(now_ms)
		while read -r f; do
			$sb history add --history "$plain" "$f" > /dev/null
		done < "$tmp/one-by-one"
		t1=$(now_ms)
		while read -r f; do
			# psql interpolates variables in what it reads, not in -c
			echo "INSERT INTO reference (document) VALUES (:'doc');" | psql -v doc="$(cat "$f")"
		done < "$tmp/one-by-one"
		t2=$(now_ms)
		ship=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", (b - a) / 200 }')
		ref=$(awk -v a="$t1" -v b="$t2" 'BEGIN { printf "%.2f", (b - a) / 200 }')
		printf '  ship one run (a process each) %8.2f ms mean    target <= 20 ms: %s\n' "$ship" \
			"$(awk -v m="$ship" 'BEGIN { print m <= 20 ? "met" : "NOT met" }')"
		printf '  psql INSERT of the same       %8.2f ms mean    ship / psql %s\n' "$ref" "$(ratio "$ship" "$ref")"
		# a new connection (a backend started, SCRAM) is most of both: what
		# specbench adds is the difference
		printf '  ship - psql (specbench own)   %8.2f ms\n' "$(awk -v a="$ship" -v b="$ref" 'BEGIN { printf "%.2f", a - b }')"
		# host 0's 50 runs, each by a process of its own: the single login
		# without TLS, then the VM's role with its certificate under RLS
		ls "$tmp"/pg10k/000-*.json > "$tmp/host0"
		psql -c "CREATE DATABASE plain0" > /dev/null
		$sb history init --history "postgresql://specbench:secret@127.0.0.1:$port/plain0?sslmode=disable" > /dev/null 2>&1
		t0=$(now_ms)
		while read -r f; do
			$sb history add --history "postgresql://specbench:secret@127.0.0.1:$port/plain0?sslmode=disable" "$f" > /dev/null
		done < "$tmp/host0"
		t1=$(now_ms)
		while read -r f; do
			$sb history add --history "$(cert vmbench)" "$f" > /dev/null
		done < "$tmp/host0"
		t2=$(now_ms)
		s0=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", (b - a) / 50 }')
		s1=$(awk -v a="$t1" -v b="$t2" 'BEGIN { printf "%.2f", (b - a) / 50 }')
		printf '  ship a run, one login, no TLS %8.2f ms mean\n' "$s0"
		printf '  ship a run, VM role, RLS+TLS  %8.2f ms mean    secure / plain %s  target <= 1.2: %s\n' "$s1" \
			"$(ratio "$s1" "$s0")" "$(awk -v a="$s1" -v b="$s0" 'BEGIN { print a <= 1.2 * b ? "met" : "NOT met" }')"
		t0=$(now_ms)
		ls "$tmp"/pg10k/*.json | tail -n +201 | xargs -n 1000 $sb history add --history "$plain" > /dev/null
		t1=$(now_ms)
		printf '  the other 9,800 runs, 1,000 a process %6.2f ms a run\n' \
			"$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", (b - a) / 9800 }')"
		# the other hosts' runs into the secure store, by its owner
		ls "$tmp"/pg10k/*.json | grep -v '/000-' | xargs -n 1000 $sb history add --history "$(cert sbowner)" > /dev/null
		ls "$tmp"/pg10k/*.json | xargs -n 1000 $sb history add --history "$tmp/pg10k.db" > /dev/null
		# a fleet store is read long after its runs arrived: autovacuum has
		# vacuumed and analyzed it by then (the index-only scans need it)
		psql -c "VACUUM ANALYZE"
		"$pgbin/psql" -X -q -h "$pgd" -p "$port" -U specbench -d secure -c "VACUUM ANALYZE"
		set -- $($timeit 7 $sb fleet --spec standard --history "$plain" --format json)
		fleet=$1
		set -- $($timeit 7 $sb fleet --spec standard --history "$tmp/pg10k.db" --format json)
		printf '  fleet on PostgreSQL           %8.2f ms median  target <= 200 ms: %s\n' "$fleet" \
			"$(awk -v m="$fleet" 'BEGIN { print m <= 200 ? "met" : "NOT met" }')"
		printf '  fleet on SQLite, same runs    %8.2f ms median  PostgreSQL / SQLite %s\n' "$1" "$(ratio "$fleet" "$1")"
		set -- $($timeit 7 $sb fleet --spec standard --history "$(cert ops)" --format json)
		printf '  fleet, reader role, RLS+TLS   %8.2f ms median  secure / plain %s\n' "$1" "$(ratio "$1" "$fleet")"
		host=$(jq -r .host.machine_id "$(head -n 1 "$tmp/one-by-one")")
		set -- $($timeit 7 $sb regress --host "$host" --history "$plain" --format json)
		regress=$1
		set -- $($timeit 7 $sb regress --host "$host" --history "$tmp/pg10k.db" --format json)
		printf '  regress of one host on PG     %8.2f ms median\n' "$regress"
		printf '  regress on SQLite, same runs  %8.2f ms median  PostgreSQL / SQLite %s\n' "$1" "$(ratio "$regress" "$1")"
		set -- $($timeit 7 $sb regress --host "$host" --history "$(cert vmbench)" --format json)
		printf '  regress, VM role, RLS+TLS     %8.2f ms median  secure / plain %s  target <= 1.2: %s\n' "$1" \
			"$(ratio "$1" "$regress")" "$(awk -v a="$1" -v b="$regress" 'BEGIN { print a <= 1.2 * b ? "met" : "NOT met" }')"
	fi
fi

# ---------------------------------------------------------------------------------
if want mail; then
	mkdir -p "$tmp/mail"
	if ! command -v nsd > /dev/null || ! mail_servers_start "$tmp/mail" || ! wait_for "$tmp/mail/nsd.log" "nsd started" ||
		! wait_for "$tmp/mail/smtp.log" READY; then
		echo "mail: skipped: nsd or aiosmtpd is missing or did not start (make deps)"
	else
		echo "mail: the 7 mail and DNS checks of a correct domain, nsd and aiosmtpd on loopback"
		$sb probe --sysroot tests/fixtures/kvm-epyc-milan-2vcpu --json |
			jq '.probe.network.global_addresses = {"ipv4": ["198.51.100.7"], "ipv6": ["2001:db8:7::7"]}' > "$tmp/mail/vm.json"
		set -- $($timeit 11 $sb mail --app-domain good.example.net --results "$tmp/mail/vm.json" \
			--dns "127.0.0.1:$dns_port" --smtp "127.0.0.1:$smtp_port" --format json)
		m=$1
		set -- $($timeit 11 build/specbench-mail --app-domain good.example.net --dns "127.0.0.1:$dns_port" \
			--smtp "127.0.0.1:$smtp_port" --ipv4 198.51.100.7 --ipv6 2001:db8:7::7)
		h=$1
		set -- $($timeit 11 $sb verify --spec standard --results "$tmp/mail/vm.json" --format json)
		v=$1
		# what starting a program costs here: libcurl's thirty libraries
		# alone (curl --version), and nothing (true)
		set -- $($timeit 11 curl --version)
		c=$1
		set -- $($timeit 11 /bin/true)
		printf '  specbench mail                %8.2f ms median  target <= 50 ms: %s\n' "$m" \
			"$(awk -v m="$m" 'BEGIN { print m <= 50 ? "met" : "NOT met" }')"
		printf '  the helper specbench-mail     %8.2f ms median  mail / helper %s\n' "$h" "$(ratio "$m" "$h")"
		printf '  specbench verify, same run    %8.2f ms median  mail / verify %s\n' "$v" "$(ratio "$m" "$v")"
		printf '  curl --version (a start)      %8.2f ms median  helper / curl %s\n' "$c" "$(ratio "$h" "$c")"
		printf '  /bin/true                     %8.2f ms median\n' "$1"
		printf '  mail - verify - curl start    %8.2f ms (the asking itself)\n' \
			"$(awk -v m="$m" -v v="$v" -v c="$c" 'BEGIN { printf "%.2f", m - v - c }')"
		! grep -q '^DATA' "$tmp/mail/smtp.log" && echo "  no DATA reached the SMTP server" ||
			echo "  DATA REACHED THE SMTP SERVER"
	fi
fi

# ---------------------------------------------------------------------------------
if want dashboard; then
	dh=${DASH_HOSTS:-1000}
	dr=${DASH_RUNS:-365}
	echo "dashboard: $dh VMs x $dr runs, one with a step put down to a new kernel, one slow"
	/usr/bin/python3 tests/tools/make_history.py "$tmp/dash" "$dh" "$dr" 8 standard 7
	n=$(printf '%04d' $((dr - 1)))
	m=$(printf '%04d' $((dr - 2)))
	for r in $m $n; do
		jq '.bench.cpu.events_per_sec *= 0.6 | .host.kernel = "6.1.0-99-amd64"' "$tmp/dash/000-$r.json" > "$tmp/x" &&
			mv "$tmp/x" "$tmp/dash/000-$r.json"
	done
	last=$(jq -r .created_at "$tmp/dash/000-$n.json")
	find "$tmp/dash" -name '*.json' | sort | xargs -n 2000 $sb history add --history "$tmp/dash.db" > /dev/null
	rm -rf "$tmp/dash"
	export SOURCE_DATE_EPOCH=$(($(date -d "$last" +%s) + 3600))
	set -- $($timeit 3 $sb dashboard --spec standard --history "$tmp/dash.db" -o "$tmp/dash-site")
	d=$1
	set -- $($timeit 3 $sb history export --history "$tmp/dash.db" --format json)
	e=$1
	size=$(wc -c < "$tmp/dash-site/index.en.html")
	printf '  dashboard, SQLite             %8.2f ms median  %d pages\n' "$d" "$(ls "$tmp/dash-site" | wc -l)"
	printf '  history export, same history  %8.2f ms median  dashboard / export %s  target <= 3: %s\n' "$e" \
		"$(ratio "$d" "$e")" "$(awk -v a="$d" -v b="$e" 'BEGIN { print a <= 3 * b ? "met" : "NOT met" }')"
	printf '  index.en.html                 %8d bytes      target < 1048576: %s\n' "$size" \
		"$(awk -v s="$size" 'BEGIN { print s < 1048576 ? "met" : "NOT met" }')"
	grep -q 'kernel 6.1.0-26-amd64 → 6.1.0-99-amd64' "$tmp/dash-site/index.en.html" &&
		echo "  the step is in the index with its kernel" || echo "  THE STEP IS NOT IN THE INDEX"
	if pg_find && { [ -n "$pgd" ] || pg_start "$tmp/initdb-dash.log"; }; then
		psql -c "CREATE DATABASE dash" > /dev/null
		durl="postgresql://specbench:secret@127.0.0.1:$port/dash?sslmode=disable"
		$sb history init --history "$durl" > /dev/null 2>&1
		# the same rows, copied as they are (a store filled by its VMs over a year)
		for t in runs figures run_facts run_checks acks; do
			cols=$(/usr/bin/python3 -c "import sqlite3,sys; print(','.join(r[1] for r in sqlite3.connect(sys.argv[1]).execute('pragma table_info(' + sys.argv[2] + ')')))" "$tmp/dash.db" "$t")
			/usr/bin/python3 -c "
import csv, sqlite3, sys
w = csv.writer(sys.stdout)
for row in sqlite3.connect(sys.argv[1]).execute('SELECT ' + sys.argv[3] + ' FROM ' + sys.argv[2]):
    w.writerow(['t' if v is True else v for v in row])" "$tmp/dash.db" "$t" "$cols" > "$tmp/$t.csv"
			"$pgbin/psql" -X -q -h "$pgd" -p "$port" -U specbench -d dash \
				-c "\\copy specbench.$t ($cols) FROM '$tmp/$t.csv' CSV" > /dev/null
		done
		"$pgbin/psql" -X -q -h "$pgd" -p "$port" -U specbench -d dash \
			-c "SELECT setval('specbench.runs_id_seq', (SELECT max(id) FROM specbench.runs))" -c "VACUUM ANALYZE" > /dev/null
		set -- $($timeit 3 $sb dashboard --spec standard --history "$durl" -o "$tmp/dash-pg")
		d=$1
		set -- $($timeit 3 $sb history export --history "$durl" --format json)
		printf '  dashboard, PostgreSQL         %8.2f ms median\n' "$d"
		printf '  history export, same history  %8.2f ms median  dashboard / export %s  target <= 3: %s\n' "$1" \
			"$(ratio "$d" "$1")" "$(awk -v a="$d" -v b="$1" 'BEGIN { print a <= 3 * b ? "met" : "NOT met" }')"
		diff -r "$tmp/dash-site" "$tmp/dash-pg" > /dev/null && echo "  the same site from both stores" ||
			echo "  THE SITES FROM THE TWO STORES DIFFER"
	else
		echo "  PostgreSQL: skipped (not installed or did not start)"
	fi
fi
