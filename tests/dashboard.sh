#!/bin/sh
# dashboard.sh - `specbench dashboard` (history/dashboard.c, site/dash_pages.c), TAP.
#
# The held-out kind of history, 100 VMs: one with a step down put down to a new
# kernel, one slow among its peers on the same CPU, one acknowledged, one whose
# runs stopped, one whose last verdict failed, one whose last run has no
# figures at all (every benchmark failed), and quiet ones.  Each must
# be where an operator looks first; the pages are strict XML, tidy-clean,
# and read in headless Chromium at desktop and phone widths and in print.
# Hostile strings a VM could store (a check id, an acknowledgement's
# reason) must come out as text, never as markup.  $SPECBENCH is the binary.
set -u
sb=${SPECBENCH:-build/specbench}
here=$(dirname "$0")
tmp=$(mktemp -d /tmp/specbench-dashboard-XXXXXX)
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
. "$here/lib.sh"
py=/usr/bin/python3
export TZ=UTC

# ---- the history -------------------------------------------------------------------------
# 100 VMs x 30 runs, a day apart from 2020-01-01; app003 half as fast as the others
"$py" "$here/tools/make_history.py" "$tmp/runs" 100 30 7 standard 3
cat > "$tmp/shape.py" <<'PY'
import glob, json, os, sys
runs = sys.argv[1]
def edit(host, run, change):
    path = os.path.join(runs, "%03d-%04d.json" % (host, run))
    d = json.load(open(path))
    change(d)
    json.dump(d, open(path, "w"), indent=2)
# every verdict passes (make_history fails 2 % of checks at random)
for path in glob.glob(os.path.join(runs, "*.json")):
    d = json.load(open(path))
    d["verdict"]["status"] = "PASS"
    for c in d["verdict"]["checks"]:
        c["status"] = "PASS" if c["status"] == "FAIL" else c["status"]
    json.dump(d, open(path, "w"), indent=2)
# app000: its cpu falls by 40 % with a new kernel in its last three runs
def slower_kernel(d):
    d["bench"]["cpu"]["events_per_sec"] *= 0.6
    d["host"]["kernel"] = "6.1.0-99-amd64"
for r in (27, 28, 29):
    edit(0, r, slower_kernel)
# app005: its memory halves in its last two runs (too few to make it slow
# among its peers), acknowledged below, with a reason that is markup
for r in (28, 29):
    edit(5, r, lambda d: d["bench"]["memory"].update(mib_per_sec=d["bench"]["memory"]["mib_per_sec"] * 0.5))
# app006: its last run failed a check whose id is markup
def failed(d):
    d["verdict"]["status"] = "FAIL"
    d["verdict"]["checks"].append({"id": "<img src=x onerror=alert(1)>", "status": "FAIL",
                                   "expected": "", "observed": "", "evidence": ""})
edit(6, 29, failed)
# app010: every benchmark of its last run failed: a run without figures
def no_figures(d):
    d["bench"] = {}
    d["verdict"]["status"] = "FAIL"
    d["verdict"]["checks"].append({"id": "bench.ran", "status": "FAIL", "expected": "", "observed": "", "evidence": ""})
edit(10, 29, no_figures)
# app007: no run for its last five days
for r in range(25, 30):
    os.remove(os.path.join(runs, "007-%04d.json" % r))
# app008 and app009: machine ids that a file name made safe the old way would
# have made one ("vm:8" and "vm_8"): each must keep a page of its own
for r in range(30):
    edit(8, r, lambda d: d["host"].update(machine_id="vm:8"))
    edit(9, r, lambda d: d["host"].update(machine_id="vm_8"))
# app011: a machine id that is shell if pasted unquoted (the page shows
# commands for an operator to copy)
for r in range(30):
    edit(11, r, lambda d: d["host"].update(machine_id="vm'11 $(touch /tmp/specbench-pwned);x"))
# app002: a new application version from run 15 on; app004: another disk from run 20 on
for r in range(30):
    edit(2, r, lambda d: d["host"].update(app_version="2.5.0" if r >= 15 else "2.4.0"))
    edit(4, r, lambda d: d["bench"].update(device="nvme1n1" if r >= 20 else "nvme0n1"))
PY
"$py" "$tmp/shape.py" "$tmp/runs"
db=$tmp/h.db
"$sb" history add --history "$db" "$tmp"/runs/*.json > /dev/null
ok "a history of 100 VMs" $?
last=$(jq -r .created_at "$tmp/runs/000-0029.json")
export SOURCE_DATE_EPOCH=$(($(date -d "$last" +%s) + 3600))
expect 0 "regress ack of app005's step, with markup in the reason" "$sb" regress ack --history "$db" --host app005 \
	--benchmark memory --metric mib_per_sec --reason '<script>alert("ack")</script> new host'
# and one from long ago, of a step that has passed: the VM's page lists it too
key5=$(jq -r .host.machine_id "$tmp/runs/005-0000.json")
"$py" -c '
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("INSERT INTO acks (host, benchmark, metric, since_run, reason, created_at) VALUES (?, ?, ?, ?, ?, ?)",
           (sys.argv[2], "disk.randread", "read.iops", 3, "RAID <b>rebuild</b> & resync", "2020-01-04T09:00:00Z"))
db.commit()' "$db" "$key5"
ok "an acknowledgement of long ago, stored" $?

# ---- the site ----------------------------------------------------------------------------
out=$tmp/site
mkdir -p "$out"
echo stale > "$out/host-standard-gone.en.html"
echo mine > "$out/notes.txt"
expect 0 "dashboard --spec standard" "$sb" dashboard --spec standard --history "$db" -o "$out"
for f in index.html index.en.html index.nl.html; do
	[ -s "$out/$f" ]
	ok "$f written" $?
done
[ "$(ls "$out"/host-standard-*.en.html | wc -l)" -eq 100 ] && [ "$(ls "$out"/host-standard-*.nl.html | wc -l)" -eq 100 ]
ok "one page per VM and language (two VMs whose ids differ in a byte a file name cannot hold, too)" $?
[ ! -e "$out/host-standard-gone.en.html" ] && [ -f "$out/notes.txt" ]
ok "the page of a VM no longer in the history is removed, another file kept" $?
cmp -s "$out/index.html" "$out/index.en.html"
ok "index.html is the English index" $?

# where each VM is: the section it is listed under (the h3 before its row)
section_of() {
	"$py" - "$out/index.en.html" "$1" <<'PY'
import re, sys
html, host = open(sys.argv[1]).read(), sys.argv[2]
row = html.index('">%s</a>' % host)
print(re.findall(r'<h3 id="standard-([A-Z]+)"', html[:row])[-1])
PY
}
for pair in app000:REGRESSED app006:FAIL app010:FAIL app003:SLOW app007:STALE app005:ACKED app001:OK app002:OK; do
	host=${pair%%:*} want=${pair#*:}
	got=$(section_of "$host" 2> /dev/null)
	[ "$got" = "$want" ]
	ok "$host is listed under $want (got '$got')" $?
done
"$py" - "$out/index.en.html" <<'PY'
import re, sys
order = re.findall(r'<h3 id="standard-([A-Z]+)"', open(sys.argv[1]).read())
rank = ["REGRESSED", "FAIL", "SLOW", "SUSPECT", "STALE", "FAST", "ACKED", "INSUFFICIENT", "OK"]
sys.exit(0 if order == sorted(order, key=rank.index) and order[0] == "REGRESSED" else 1)
PY
ok "sections worst first, REGRESSED at the top" $?
has "$out/index.en.html" 'kernel 6.1.0-26-amd64 → 6.1.0-99-amd64' "the step is put down to the new kernel"
grep -q 'cpu events_per_sec (-4[0-9],[0-9] %)\|cpu events_per_sec (-4[0-9].[0-9] %)' "$out/index.en.html"
ok "with its size" $?
grep -c '<svg class="spark"' "$out/index.en.html" > "$tmp/n"
[ "$(cat "$tmp/n")" -ge 1 ]
ok "and a small chart of the regressed figure ($(cat "$tmp/n"))" $?
has "$out/index.en.html" '<a href="#standard-REGRESSED"><span class="state s-REGRESSED">Regressed</span> 1</a>' \
	"the counts at the top link to their sections"
has "$out/index.nl.html" 'Achteruitgegaan' "the Dutch index speaks Dutch"
has "$out/index.nl.html" '<html lang="nl">' "and says so"

# ---- hostile strings stay text ------------------------------------------------------------
! grep -q '<img src=x\|<script' "$out"/*.html
ok "no markup from the store in any page" $?
has "$out/index.en.html" '&lt;img src=x onerror=alert(1)&gt;' "the hostile check id is shown as text"
grep -q '&lt;script&gt;alert(&quot;ack&quot;)&lt;/script&gt; new host\|&lt;script&gt;alert("ack")&lt;/script&gt; new host' \
	"$out/index.en.html"
ok "the acknowledgement's reason is shown as text" $?

# ---- a VM's page -----------------------------------------------------------------------------
key=$(jq -r .host.machine_id "$tmp/runs/000-0000.json")
vm=$out/host-standard-$key.en.html
has "$vm" "specbench regress --host $key" "the command to look closer"
has "$vm" "specbench regress ack --host $key --benchmark cpu --metric events_per_sec" "and to acknowledge"
"$py" - "$out" <<'PY'
import glob, html, re, shlex, sys
want = "vm'11 $(touch /tmp/specbench-pwned);x"
for path in glob.glob(sys.argv[1] + "/host-standard-*.en.html"):
    page = open(path).read()
    if "app011" not in page:
        continue
    cmd = html.unescape(re.search(r'<code class="cmd">(specbench regress --host [^<]*)</code>', page).group(1))
    sys.exit(0 if shlex.split(cmd) == ["specbench", "regress", "--host", want] else 1)
sys.exit(1)
PY
ok "a machine id that is shell: the command to copy gives it as one word, quoted" $?
grep -q 'class="step"' "$vm" && grep -q 'class="change"' "$vm" && grep -q 'class="band"' "$vm"
ok "its cpu chart marks the step, the kernel change and the baseline band" $?
[ "$(grep -o '<svg class="dash-chart"' "$vm" | wc -l)" -eq 11 ]
ok "a chart of each of its 11 figures" $?
has "$vm" '<td>memory.ecc</td><td>UNVERIFIABLE</td>' "the last verdict's checks"
has "$vm" 'No regression of this VM has been acknowledged.' "no acknowledgement of app000: said so"
"$py" - "$out/host-standard-$key5.en.html" <<'PY'
import re, sys
html = open(sys.argv[1]).read()
acks = html[html.index('<section id="acks">'):]
acks = acks[:acks.index('</section>')]
rows = re.findall(r'<tr><td>([^<]*)</td><td>([^<]*)</td><td>(\d+)</td><td>([^<]*)</td></tr>', acks)
sys.exit(0 if len(rows) == 2 and rows[0][1] == "memory mib_per_sec" and rows[1][:3] == ("2020-01-04 09:00",
         "disk.randread read.iops", "3") and rows[1][3] == "RAID &lt;b&gt;rebuild&lt;/b&gt; &amp; resync" and
         "&lt;script&gt;" in rows[0][3] else 1)
PY
ok "app005's page lists both acknowledgements, newest first, the reasons as text" $?
has "$out/host-standard-$key5.nl.html" '<h2>Erkenningen</h2>' "in Dutch too"
has "$out/host-standard-$(jq -r .host.machine_id "$tmp/runs/002-0000.json").en.html" 'app 2.4.0 → 2.5.0' \
	"a new application version is marked on its VM's page"
has "$out/host-standard-$(jq -r .host.machine_id "$tmp/runs/004-0000.json").en.html" 'device nvme0n1 → nvme1n1' \
	"and another disk"

# ---- strict markup, and a real browser -------------------------------------------------------
for f in "$out/index.en.html" "$out/index.nl.html" "$vm" "$out/host-standard-$key.nl.html"; do
	xmllint --noout "$f" > "$tmp/x" 2>&1
	ok "$(basename "$f"): well-formed (xmllint)" $?
	if command -v tidy > /dev/null 2>&1; then
		tidy -errors -q "$f" > "$tmp/x" 2>&1
		lib_rc=$?
		[ $lib_rc -eq 0 ] || head -n 3 "$tmp/x" | sed 's/^/#   /'
		ok "$(basename "$f"): no error or warning from tidy" $lib_rc
	else
		skip "$(basename "$f"): tidy" "tidy is not installed"
	fi
done
chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -n "${SANITIZED:-}" ]; then
	skip "headless Chromium" "the sanitized build writes the same pages: Chromium reads the plain build's"
elif [ -n "$chromium" ]; then
	tab=$(printf '\t')
	shots=${SCREENSHOTS:-$tmp/shots}
	BROWSER_SECTIONS= BROWSER_CHART= "$py" "$here/tools/browser_check.py" "$chromium" "$shots" \
		"$out/index.en.html${tab}en${tab}Fleet dashboard${tab}app000${tab}<img src=x onerror=alert(1)>" \
		"$out/index.nl.html${tab}nl${tab}Dashboard van de vloot${tab}Achteruitgegaan" > "$tmp/b" 2>&1
	rc=$?
	BROWSER_SECTIONS=findings,commands,figures,changes,checks BROWSER_CHART=svg.dash-chart \
		"$py" "$here/tools/browser_check.py" "$chromium" "$shots" \
		"$vm${tab}en${tab}app000${tab}kernel 6.1.0-26-amd64" >> "$tmp/b" 2>&1
	rc=$((rc + $?))
	grep '^not ok' "$tmp/b" | head -n 10 | sed 's/^/#   /'
	ok "headless Chromium: $(grep -c '^ok\|^not ok' "$tmp/b") checks of 3 pages at 1280 and 390 px and in print" $rc
else
	skip "headless Chromium" "chromium is not installed (make deps)"
fi

# ---- --since: only the runs from that day on ---------------------------------------------------
since=$(jq -r .created_at "$tmp/runs/000-0020.json" | cut -c1-10)
expect 0 "dashboard --since $since (the last ten days)" "$sb" dashboard --spec standard --history "$db" \
	--since "$since" -o "$tmp/since"
[ "$(ls "$tmp"/since/host-standard-*.en.html | wc -l)" -eq 100 ]
ok "every VM with a run since then: all 100 (app007's last run is day 25)" $?
has "$tmp/since/host-standard-$key.en.html" 'cpu events_per_sec: 10 runs' "app000's charts hold its last 10 runs"
has "$tmp/since/host-standard-$(jq -r .host.machine_id "$tmp/runs/007-0000.json").en.html" \
	'cpu events_per_sec: 5 runs' "app007's the 5 from that day until it stopped"
[ "$(out=$tmp/since section_of app000)" = REGRESSED ] && grep -q 'kernel 6.1.0-26-amd64 → 6.1.0-99-amd64' "$tmp/since/index.en.html"
ok "app000's step is still found, and put down to the kernel" $?

# ---- bad input, and nothing half-written -------------------------------------------------------
expect 2 "dashboard without --spec" "$sb" dashboard --history "$db" -o "$out"
expect 2 "dashboard without -o" "$sb" dashboard --spec standard --history "$db"
expect 2 "dashboard --since 2026-13-40" "$sb" dashboard --spec standard --history "$db" --since 2026-13-40 -o "$out"
expect 2 "dashboard of a history that is not there" "$sb" dashboard --spec standard --history "$tmp/none.db" -o "$tmp/o2"
[ ! -e "$tmp/o2" ]
ok "and no directory made" $?
expect 0 "dashboard --lang nl" "$sb" dashboard --spec standard --history "$db" --lang nl -o "$tmp/nl"
[ -f "$tmp/nl/index.nl.html" ] && [ ! -e "$tmp/nl/index.en.html" ] && [ ! -e "$tmp/nl/index.html" ]
ok "only the Dutch pages" $?
if [ "$(id -u)" -ne 0 ]; then
	mkdir "$tmp/ro" && chmod 555 "$tmp/ro"
	expect 3 "an -o that cannot be written: exit 3" "$sb" dashboard --spec standard --history "$db" -o "$tmp/ro"
	[ -z "$(ls -A "$tmp/ro")" ]
	ok "and nothing left in it" $?
else
	expect 3 "an -o below a file: exit 3" "$sb" dashboard --spec standard --history "$db" -o "$out/notes.txt/x"
fi
cmp -s "$out/index.html" "$out/index.en.html" && [ "$(ls "$out" | grep -c '^\.')" -eq 0 ]
ok "the site before is as it was, no temporary file" $?
finish
