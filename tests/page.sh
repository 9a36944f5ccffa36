#!/bin/sh
# page.sh - the website's spec page (site/, `specbench page`), TAP.
# $SPECBENCH is the binary under test.  The runs are real: fio and sysbench
# run here, briefly, and their plain output is imported, judged and stored
# in a history; the medians and ranges the pages show are checked against
# Python's statistics module, the HTML with xmllint (strict XML) and tidy
# (HTML5), and the pages are rendered in headless Chromium (no console
# errors, no network request, layout at a desktop and a phone width; the
# screenshots are kept in $SCREENSHOTS, default build/page-screenshots).
set -u
sb=${SPECBENCH:-build/specbench}
here=$(dirname "$0")
tmp=$(mktemp -d /tmp/specbench-page-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
. "$here/lib.sh"
py=/usr/bin/python3
shots=${SCREENSHOTS:-build/page-screenshots}
db=$tmp/history.db
out=$tmp/pages
# maintenance windows are local time: the test's runs are placed in UTC
export TZ=UTC
# the pages say when they were made: fixed, so two runs can be compared
export SOURCE_DATE_EPOCH=1795435200

# ---- the catalogue: complete, and asking for every text of the code and specs ----
root=$here/..
msgfmt --check --statistics -o /dev/null "$root/po/nl.po" > "$tmp/stat" 2>&1
grep -qE '^[0-9]+ translated messages\.$' "$tmp/stat"
ok "po/nl.po: every message translated, none fuzzy, formats checked ($(cat "$tmp/stat"))" $?
"$root/po/spec_texts.sh" "$root"/specs/*.json "$root"/specs/apps/*.json > "$tmp/spec_texts.c" &&
	xgettext --from-code=UTF-8 -k_ -kN_ -ki18n_ntext:1,2 --language=C -o "$tmp/now.pot" "$root"/site/*.c \
		"$tmp/spec_texts.c" 2>/dev/null &&
	msgcmp "$root/po/nl.po" "$tmp/now.pot" > "$tmp/cmp" 2>&1
lib_rc=$?
[ $lib_rc -eq 0 ] || head -n 5 "$tmp/cmp" | sed 's/^/#   /'
ok "po/nl.po has every text the code and the shipped specs show (else: make po)" $lib_rc

# ---- real runs: 8 of the standard package on 3 VMs, 3 of plus on 1 --------------
mkdir -p "$tmp/fio" "$tmp/runs"
made=0
# what this machine's probes say: every run carries it, so the general
# specifications are verified (or not) as on a real VM
"$sb" probe --json > "$tmp/probe.json" 2>/dev/null || echo '{"probe": {}}' > "$tmp/probe.json"
# PAGE_TOOL_OUTPUTS=DIR keeps the tools' outputs there, and takes them from
# there when they are (make check: the sanitized run imports what the
# plain run measured, and does not measure again)
keep=${PAGE_TOOL_OUTPUTS:-}
measure() {  # measure NAME: the three tools' outputs in $tmp
	if [ -n "$keep" ] && [ -s "$keep/$1/rw.json" ]; then
		cp "$keep/$1/cpu.txt" "$keep/$1/mem.txt" "$keep/$1/rw.json" "$tmp/"
		return
	fi
	sysbench cpu --threads=2 --time=1 run > "$tmp/cpu.txt" 2>&1 &&
	sysbench memory --threads=2 --time=1 run > "$tmp/mem.txt" 2>&1 &&
	fio --name=randwrite --ioengine=libaio --iodepth=1 --rw=randwrite --bs=4k --direct=0 --size=8M \
		--numjobs=2 --runtime=1 --time_based --group_reporting --output-format=json \
		--directory="$tmp/fio" > "$tmp/rw.json" 2>/dev/null || return 1
	[ -z "$keep" ] || { mkdir -p "$keep/$1" && cp "$tmp/cpu.txt" "$tmp/mem.txt" "$tmp/rw.json" "$keep/$1/"; }
}
mkrun() {  # mkrun NAME SPEC HOST TIME [JQ]: measure, import, merge, judge
	measure "$1" &&
	"$sb" import --as cpu --json "$tmp/c.json" "$tmp/cpu.txt" &&
	"$sb" import --as memory --json "$tmp/m.json" "$tmp/mem.txt" &&
	"$sb" import --as disk.randwrite --json "$tmp/w.json" "$tmp/rw.json" &&
	jq -s --arg h "$3" --arg t "$4" --arg m "$(printf '%s' "$3" | md5sum | cut -c1-32)" \
		--slurpfile p "$tmp/probe.json" \
		'.[0] * {bench: (.[0].bench * .[1].bench * .[2].bench)} | .probe = $p[0].probe | .created_at = $t
		 | .host = {hostname: $h, machine_id: $m, kernel: "6.1.0-28-amd64",
			    os: "Debian GNU/Linux 12 (bookworm)", sysroot: null} | '"${5:-.}" \
		"$tmp/c.json" "$tmp/m.json" "$tmp/w.json" > "$tmp/merged.json" &&
	{ "$sb" verify --spec "$2" --results "$tmp/merged.json" --format json > "$tmp/runs/$1.json"; [ $? -le 1 ]; } &&
	made=$((made + 1))
}
for i in 1 2 3 4 5 6 7 8; do
	mkrun "std$i" standard "vm$((i % 3))" "2026-11-0${i}T12:00:00Z"
done
# Monday 2026-11-09 06:00 UTC: inside the OS update window, left out
mkrun std-maint standard vm1 "2026-11-09T06:00:00Z"
# a quick-profile run: other commands, left out
mkrun std-quick standard vm2 "2026-11-10T12:00:00Z" '.bench.profile = "quick"'
# served from the page cache, and measured under 20 % CPU steal: left out
mkrun std-cached standard vm0 "2026-11-11T12:00:00Z" '.bench.disk.randwrite.cached = true'
mkrun std-steal standard vm1 "2026-11-12T12:00:00Z" '.bench.cpu.steal_pct = 20'
for i in 1 2 3; do
	mkrun "plus$i" plus plusvm "2026-11-1${i}T12:00:00Z"
done
[ "$made" -eq 15 ]
ok "15 real runs measured with fio and sysbench, imported, given this machine's probe and judged" $?
expect 0 "the runs stored in a history" "$sb" history add --history "$db" "$tmp"/runs/*.json

# ---- the pages --------------------------------------------------------------------
expect 0 "page --spec standard --spec plus" "$sb" page --spec standard --spec plus --history "$db" -o "$out"
ls "$out" | sort | tr '\n' ' ' > "$tmp/files"
[ "$(cat "$tmp/files")" = "plus.en.html plus.en.md plus.json plus.nl.html plus.nl.md standard.en.html standard.en.md standard.json standard.nl.html standard.nl.md " ]
ok "html and md per spec and language, json per spec ($(cat "$tmp/files"))" $?
[ -z "$(find "$out" -name '.*' -type f)" ]
ok "no temporary file left" $?
"$py" "$here/tools/schema_check.py" "$here/../site/page.schema.json" "$out/standard.json" "$out/plus.json" > "$tmp/s" 2>&1
ok "the page data is what site/page.schema.json describes" $?

# the figures, computed outside specbench from the run documents themselves
cat > "$tmp/expect.py" <<'PY'
import json, statistics, sys, glob, os
runs, model_path, lang_pages = sys.argv[1], sys.argv[2], sys.argv[3:]
model = json.load(open(model_path))
import datetime
docs = [json.load(open(f)) for f in sorted(glob.glob(os.path.join(runs, "std*.json")))]
def counted(d, slot):
    """What the page must count, decided here from the document: not the
    quick profile, not cached, not under more than 5 % steal, not Monday
    05:00-10:00 UTC (the windows 05-09 and the settle hour after)."""
    t = datetime.datetime.strptime(d["created_at"], "%Y-%m-%dT%H:%M:%SZ")
    return (d["bench"].get("profile") != "quick" and not slot.get("cached")
            and not (slot.get("steal_pct") or 0) > 5 and not (t.weekday() == 0 and 5 <= t.hour < 10))
paths = {("cpu", "events_per_sec"): ("cpu", "events_per_sec"), ("memory", "mib_per_sec"): ("memory", "mib_per_sec"),
         ("disk.randwrite", "write.iops"): ("disk", "randwrite", "write", "iops")}
def fmt(v, decimals, lang):
    s = "{:,.{}f}".format(v, decimals)
    return s.replace(",", "_").replace(".", ",").replace("_", ".") if lang == "nl" else s
bad = 0
for f in model["benchmarks"]:
    key = (f["benchmark"], f["metric"])
    if key not in paths:
        continue
    vals, vms = [], set()
    for d in docs:
        x = d["bench"]
        for p in paths[key][:-1]:
            x = x[p]
        slot = d["bench"]
        for p in key[0].split("."):
            slot = slot[p]
        if counted(d, slot):
            vals.append(x[paths[key][-1]])
            vms.add(d["host"]["machine_id"])
    q = statistics.quantiles(vals, n=10, method="inclusive")
    want = {"median": statistics.median(vals), "p10": q[0], "p90": q[8], "runs": len(vals), "vms": len(vms)}
    m = f["measured"]
    for k, v in want.items():
        if abs(m[k] - v) > 1e-9 * max(1, abs(v)):
            print("not ok - %s %s: %s is %r, want %r" % (key[0], key[1], k, m[k], v)); bad += 1
    if f["left_out"]["maintenance"] != 1:
        print("not ok - %s: %d left out for the window, want 1" % (key, f["left_out"]["maintenance"])); bad += 1
    for page in lang_pages:
        lang = page.split(".")[-2]
        text = open(page).read()
        for v in (want["median"], want["p10"], want["p90"]):
            # two ways of interpolating may land on either side of a
            # rounding edge (x.xx5): either rounding is right
            shown = {fmt(v * (1 + e), f["decimals"], lang) + " " + f["unit"] for e in (-1e-12, 0, 1e-12)}
            if not any(s in text for s in shown):
                print("not ok - %s does not show %r" % (page, shown)); bad += 1
print("checked %d figures" % sum(1 for f in model["benchmarks"] if (f["benchmark"], f["metric"]) in paths))
sys.exit(1 if bad else 0)
PY
"$py" "$tmp/expect.py" "$tmp/runs" "$out/standard.json" "$out/standard.en.html" "$out/standard.nl.html" \
	"$out/standard.en.md" "$out/standard.nl.md" > "$tmp/e" 2>&1
ok "medians, 10th-90th percentiles, runs and VMs as Python's statistics computes them from the documents, shown in both languages ($(tail -n 1 "$tmp/e"))" $?
grep '^not ok' "$tmp/e" | head -n 5 | sed 's/^/#   /'
jeq "$out/standard.json" '.left_out.other_profile' 1 "the quick-profile run is left out, counted"
jeq "$out/standard.json" '[.runs, .vms] | join(" ")' "11 3" "runs and VMs of the period (the left-out figures' runs are runs)"
jeq "$out/standard.json" '.benchmarks[] | select(.benchmark == "disk.randwrite") | .left_out.cached' 1 \
	"the figure served from the page cache is left out, counted"
jeq "$out/standard.json" '.benchmarks[] | select(.benchmark == "cpu") | .left_out.steal' 1 \
	"the figure measured under 20 % steal is left out, counted"
has "$out/standard.en.html" "1 served from the page cache" "the page says which were left out"
has "$out/standard.nl.html" "1 gemeten met meer CPU steal dan 5 %" "in Dutch too"
# the general specifications, as the stored runs' checks say, computed here
cat > "$tmp/general.py" <<'PY'
import glob, json, os, sys
runs, model = sys.argv[1], json.load(open(sys.argv[2]))
docs = [json.load(open(f)) for f in glob.glob(os.path.join(runs, "std*.json"))]
bad = 0
for item in model["general"]:
    n = {"runs": 0, "pass": 0, "warn": 0, "fail": 0, "unverifiable": 0}
    for d in docs:
        st = [c["status"] for c in d["verdict"]["checks"] if c["id"] in item["checks"] and c["status"] != "SKIP"]
        if not st:
            continue
        n["runs"] += 1
        key = "fail" if "FAIL" in st else "unverifiable" if "UNVERIFIABLE" in st else "warn" if "WARN" in st else "pass"
        n[key] += 1
    for k, v in n.items():
        if item[k] != v:
            print("not ok - %s: %s is %s, want %s" % (item["id"], k, item[k], v)); bad += 1
    print("# %s: %s" % (item["id"], n))
sys.exit(1 if bad else 0)
PY
"$py" "$tmp/general.py" "$tmp/runs" "$out/standard.json" > "$tmp/g" 2>&1
lib_rc=$?
grep '^not ok' "$tmp/g" | sed 's/^/#   /'
ok "the general specifications: runs, PASS, WARN, FAIL, UNVERIFIABLE as the stored checks say" $lib_rc
# ECC: on a VM every run says UNVERIFIABLE, and the page must not claim it
ecc=$(jq -r '.general[] | select(.id == "ecc") | "\(.runs) \(.unverifiable)"' "$out/standard.json")
if [ "${ecc% *}" -gt 0 ] && [ "${ecc% *}" = "${ecc#* }" ]; then
	"$py" -c "
import re, sys
t = open(sys.argv[1]).read()
row = re.search(r'<tr><th scope=\"row\">RAM</th>.*?</tr>', t, re.S).group(0)
sys.exit(0 if 'not verifiable from inside a VM' in row and '>verified<' not in row else 1)" "$out/standard.en.html"
	ok "ECC, UNVERIFIABLE in all $ecc runs, is 'not verifiable from inside a VM', never verified" $?
else
	skip "ECC not verifiable" "this machine's probe could judge ECC ($ecc)"
fi
jeq "$out/plus.json" '.benchmarks[] | select(.benchmark == "cpu") | .measured.runs' 3 "plus has its own runs"
jeq "$out/standard.json" '[.packages[] | "\(.name):\(.vcpus):\(.ram_gib)"] | join(" ")' "standard:2:4 plus:4:8" \
	"the package table holds both packages"
jeq "$out/standard.json" '.general[] | select(.id == "ecc") | .verifiable' true "ECC has a check"
jeq "$out/standard.json" '.general[] | select(.id == "hyperthread") | [.verifiable, (.checks | length)] | map(tostring) | join(" ")' \
	"false 0" "1 vCPU = 1 hyper-thread: no VM can check it"
has "$out/standard.en.html" "not verifiable from inside a VM" "the English page says what a VM cannot see"
has "$out/standard.nl.html" "niet te controleren vanuit een VM" "and so does the Dutch one"
has "$out/standard.nl.html" '<html lang="nl">' "the Dutch page says its language"
has "$out/standard.nl.html" "Gepland onderhoud en updates" "the provider's own Dutch headings"
has "$out/standard.nl.html" "maandag" "the windows' days in Dutch"
has "$out/standard.nl.html" "Updates van het besturingssysteem" "the spec's window texts in Dutch"
has "$out/standard.en.html" "fio --name=randwrite --ioengine=libaio --iodepth=1 --rw=randwrite --bs=4k --direct=0 --size=512M --numjobs=4 --runtime=240 --group_reporting" \
	"the methodology quotes the published command"
has "$out/standard.en.html" "sysbench 1.0" "the tool versions seen"
has "$out/standard.en.html" "Debian GNU/Linux 12 (bookworm)" "the OS seen"
has "$out/standard.en.html" "Generated by specbench" "who made it"
has "$out/standard.en.html" "on 2026-11-23" "and when (SOURCE_DATE_EPOCH)"
has "$out/standard.en.md" "| --- |" "the Markdown has pipe tables"
has "$out/standard.nl.md" "## Algemene specificaties" "and the Dutch headings"
size=$(wc -c < "$out/standard.nl.html")
[ "$size" -le 153600 ]
ok "one page is at most 150 KB ($size bytes)" $?
! grep -qiE '(src|href)=|@import|url\(' "$out/standard.en.html" "$out/standard.nl.html"
ok "nothing in the pages refers to anything outside them" $?

# ---- strict parsers -----------------------------------------------------------------
for f in "$out"/*.html; do
	xmllint --noout "$f" > "$tmp/x" 2>&1
	ok "$(basename "$f"): well-formed (xmllint, strict XML)" $?
	if command -v tidy >/dev/null 2>&1; then
		tidy -errors -q "$f" > "$tmp/x" 2>&1
		lib_rc=$?
		[ $lib_rc -eq 0 ] || head -n 5 "$tmp/x" | sed 's/^/#   /'
		ok "$(basename "$f"): no error or warning from tidy (HTML5)" $lib_rc
	else
		skip "$(basename "$f"): tidy" "tidy is not installed"
	fi
done

# ---- the same input, the same pages -------------------------------------------------
expect 0 "made again" "$sb" page --spec standard --spec plus --history "$db" -o "$tmp/again"
for f in standard.en.html standard.nl.md plus.json; do
	cmp -s "$out/$f" "$tmp/again/$f"
	ok "$f: byte for byte the same" $?
done

# ---- input that must stay text --------------------------------------------------------
jq '.name = "hostile" | .description = "<script>alert(1)</script> & \"quotes\" | pipes | **bold** [link](x)"' \
	"$here/../specs/standard.json" > "$tmp/hostile.json"
jq '.host.os = "<img src=x onerror=alert(1)>|os" | .host.kernel = "</pre><script>x</script>"' \
	"$tmp/runs/std1.json" | jq '.verdict.spec = "hostile"' > "$tmp/hostile-run.json"
expect 0 "a spec and a run full of markup, --lang en" "$sb" page --spec "$tmp/hostile.json" --lang en \
	--results "$tmp/hostile-run.json" -o "$tmp/hostile"
! grep -qi '<script\|<img' "$tmp/hostile/hostile.en.html"
ok "no markup of the input in the HTML" $?
has "$tmp/hostile/hostile.en.html" "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;" "the description is shown as text"
has "$tmp/hostile/hostile.en.html" "&lt;img src=x onerror=alert(1)&gt;|os" "an OS name is shown as text"
! grep -qi '<script\|<img' "$tmp/hostile/hostile.en.md"
ok "no raw HTML in the Markdown" $?
has "$tmp/hostile/hostile.en.md" '\*\*bold\*\* \[link\](x)' "Markdown markup of the input is escaped"
has "$tmp/hostile/hostile.en.md" '\|os' "a pipe cannot split a table cell"

# ---- a real browser ---------------------------------------------------------------------
chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -n "${SANITIZED:-}" ]; then
	skip "headless Chromium" "the sanitized build writes the same pages: Chromium reads the plain build's"
elif [ -n "$chromium" ]; then
	mkdir -p "$shots"
	tab=$(printf '\t')
	"$py" "$here/tools/browser_check.py" "$chromium" "$shots" \
		"$out/standard.en.html${tab}en${tab}Technical specifications of the servers${tab}General specifications${tab}not verifiable from inside a VM" \
		"$out/standard.nl.html${tab}nl${tab}Technische specificaties van de servers${tab}Algemene specificaties${tab}niet te controleren vanuit een VM" \
		"$out/plus.en.html${tab}en${tab}Technical specifications of the servers${tab}Package plus, version" \
		"$out/plus.nl.html${tab}nl${tab}Technische specificaties van de servers${tab}Pakket plus, versie" \
		"$tmp/hostile/hostile.en.html${tab}en${tab}Technical specifications of the servers${tab}<script>alert(1)</script>${tab}<img src=x onerror=alert(1)>|os" \
		> "$tmp/b" 2>&1
	rc=$?
	total=$(grep -c '^ok\|^not ok' "$tmp/b")
	grep '^not ok' "$tmp/b" | head -n 10 | sed 's/^/#   /'
	[ $rc -eq 0 ] || tail -n 5 "$tmp/b" | sed 's/^/#   /'
	ok "headless Chromium: $total checks of 5 pages at 1280 and 390 px (console, network, layout, screenshots in $shots)" $rc
else
	skip "headless Chromium" "chromium is not installed (make deps)"
fi

# ---- interrupted: the previous pages, or the new ones whole, and nothing else --------
"$py" "$here/tools/make_history.py" "$tmp/synth" 20 100 5 standard > /dev/null
ls "$tmp"/synth/*.json | xargs -n 500 "$sb" history add --history "$tmp/big.db" > /dev/null
"$sb" page --spec standard --lang en --history "$db" -o "$tmp/intr" 2> /dev/null
cp -r "$tmp/intr" "$tmp/intr-before"
"$sb" page --spec standard --lang en --history "$tmp/big.db" -o "$tmp/intr-new" 2> /dev/null
start=$(date +%s%N)
"$sb" page --spec standard --lang en --history "$tmp/big.db" -o "$tmp/intr-time" 2> /dev/null
took=$(( ($(date +%s%N) - start) / 1000000 ))
bad=0
for sig in TERM INT KILL; do
	# from the start to past the end of a run ($took ms)
	for delay in $(awk -v t="$took" 'BEGIN { for (i = 0; i < 6; i++) printf "%.3f ", t * i / 4000 }'); do
		"$sb" page --spec standard --lang en --history "$tmp/big.db" -o "$tmp/intr" 2> /dev/null &
		pid=$!
		sleep "$delay"
		kill -s "$sig" "$pid" 2> /dev/null
		wait "$pid" 2> /dev/null
		rc=$?
		case $rc in 0|130|137|143) ;; *) echo "#   $sig after $delay s: exit $rc"; bad=1 ;; esac
		[ -z "$(find "$tmp/intr" -name '.*' -type f)" ] || { echo "#   $sig after $delay s: a temporary file left"; bad=1; }
		for f in standard.en.html standard.en.md standard.json; do
			cmp -s "$tmp/intr/$f" "$tmp/intr-before/$f" || cmp -s "$tmp/intr/$f" "$tmp/intr-new/$f" ||
				{ echo "#   $sig after $delay s: $f is neither the old nor the new one"; bad=1; }
		done
		rm -rf "$tmp/intr" && cp -r "$tmp/intr-before" "$tmp/intr"
	done
done
ok "SIGTERM, SIGINT, SIGKILL at 6 moments of a $took ms run: each page the old or the new one, whole; no temporary file; exit 0 or 128+N" $bad

# ---- bad input ------------------------------------------------------------------------
cp -r "$out" "$tmp/before"
jq '.description = "A description nobody translated"' "$here/../specs/standard.json" | jq '.name = "untranslated"' \
	> "$tmp/untranslated.json"
expect 2 "a spec text without a Dutch translation" "$sb" page --spec "$tmp/untranslated.json" --history "$db" -o "$out"
has "$tmp/err" "$tmp/untranslated.json:4:" "the error names the file and line"
has "$tmp/err" "'description'" "and the key"
expect 0 "the same spec with --lang en" "$sb" page --spec "$tmp/untranslated.json" --lang en --history "$db" -o "$tmp/en-only"
jq '.maintenance.windows[1].what = "backups"' "$here/../specs/standard.json" > "$tmp/window.json"
expect 2 "a window text without a translation" "$sb" page --spec "$tmp/window.json" --history "$db" -o "$out"
has "$tmp/err" "maintenance.windows[1].what" "the error names the window"
diff -r "$tmp/before" "$out" > /dev/null
ok "the failed runs left the previous pages as they were" $?
expect 0 "no run in the period" "$sb" page --spec standard --since 2027-01-01 --history "$db" -o "$tmp/empty"
has "$tmp/err" "warning: standard: no measurements" "a warning says so"
jeq "$tmp/empty/standard.json" '[.runs, (.benchmarks[0].measured | tostring)] | join(" ")' "0 null" "no figures measured"
has "$tmp/empty/standard.nl.html" "Geen metingen in deze periode" "the page says so, with the published figures"
"$py" -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('create table t (x)'); c.commit()" "$tmp/other.db"
expect 2 "a database of another program" "$sb" page --spec standard --history "$tmp/other.db" -o "$tmp/x1"
printf 'not a database at all, just text\n%.0s' 1 2 3 4 5 6 7 8 > "$tmp/text.db"
expect 2 "a file that is not a database" "$sb" page --spec standard --history "$tmp/text.db" -o "$tmp/x2"
"$py" -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('pragma user_version = 99'); c.commit()" "$tmp/newer.db"
cp "$db" "$tmp/newer.db"
"$py" -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('pragma user_version = 99'); c.commit(); c.execute('pragma journal_mode = delete')" "$tmp/newer.db"
expect 2 "a history of a newer schema" "$sb" page --spec standard --history "$tmp/newer.db" -o "$tmp/x3"
expect 2 "--since that is not a day" "$sb" page --spec standard --since 2026-13-40 --history "$db" -o "$tmp/x4"
expect 2 "--lang de" "$sb" page --spec standard --lang de --history "$db" -o "$tmp/x5"
expect 2 "--history and --results" "$sb" page --spec standard --history "$db" --results "$tmp/runs/std1.json" -o "$tmp/x6"
expect 2 "no --spec" "$sb" page --history "$db" -o "$tmp/x7"
expect 2 "no -o" "$sb" page --spec standard --history "$db"
expect 2 "a run document without a verdict and two specs" "$sb" page --spec standard --spec plus \
	--results "$tmp/merged.json" -o "$tmp/x8"
has "$tmp/err" "merged.json" "the error names the file"
expect 0 "a run document of another spec" "$sb" page --spec plus --results "$tmp/runs/std1.json" -o "$tmp/other-spec"
has "$tmp/err" "std1.json: judged against 'standard', not one of the pages' specs" "a warning names it"
expect 0 "an app spec" "$sb" page --spec apps/unifi --history "$db" -o "$tmp/app"
has "$tmp/app/unifi.nl.html" "gebaseerd op pakket plus" "its page names the package it is based on"
printf 'body { color: red }\n</style><script>x</script>\n' > "$tmp/bad.css"
expect 2 "a style sheet that would end the style element" "$sb" page --spec standard --history "$db" \
	--css "$tmp/bad.css" -o "$tmp/x9"
has "$tmp/err" "bad.css:2:" "the error names the file and line"
printf 'body { font-family: serif; color: #123456 }\n' > "$tmp/site.css"
expect 0 "--css FILE" "$sb" page --spec standard --history "$db" --css "$tmp/site.css" --lang nl -o "$tmp/css"
has "$tmp/css/standard.nl.html" "color: #123456" "the page carries the given style sheet"
! grep -q -- "--ink" "$tmp/css/standard.nl.html"
ok "and not the default one" $?
[ ! -e "$tmp/css/standard.en.html" ]
ok "--lang nl writes only Dutch" $?
: > "$tmp/file"
expect 3 "-o at a file" "$sb" page --spec standard --history "$db" -o "$tmp/file/sub"
for d in x1 x2 x3 x4 x5 x6 x7 x8 x9; do
	[ ! -e "$tmp/$d" ] || { echo "#   $d was made"; false; }
done
ok "nothing written by the refused runs" $?
finish
