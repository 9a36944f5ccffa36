#!/bin/sh
# mail.sh - the mail and DNS checks against real servers on loopback:
# Debian's nsd serving the test zones (tests/data/mail/example.net.zone.in,
# keys made here with openssl), aiosmtpd as the local mail server (it logs
# every command; DATA must never appear), and servers that misbehave on
# purpose (tests/tools/hostile_servers.py).  The VM is a saved run whose
# global addresses are 198.51.100.7 and 2001:db8:7::7.
# SPECBENCH=path/to/specbench (default build/specbench).
set -u
cd "$(dirname "$0")/.."
sb=${SPECBENCH:-build/specbench}
tmp=$(mktemp -d /tmp/specbench-mail-XXXXXX)
pids=""
mail_pids=""
cleanup() {
	for p in $pids $mail_pids; do kill "$p" 2>/dev/null; done
	for p in $pids $mail_pids; do wait "$p" 2>/dev/null; done
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
. tests/lib.sh
. tests/tools/mail_servers.sh

missing=""
command -v nsd >/dev/null 2>&1 || missing="$missing nsd"
command -v openssl >/dev/null 2>&1 || missing="$missing openssl"
/usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || missing="$missing python3-aiosmtpd"
command -v jq >/dev/null 2>&1 || missing="$missing jq"
if [ -n "$missing" ]; then
	skip "the mail checks against real servers" "missing:$missing (make deps)"
	finish
	exit
fi

# ---- the servers: nsd with the test zones, aiosmtpd --------------------------------
mail_servers_start "$tmp"
ok "test keys made with openssl, the test zone valid (nsd-checkzone)" $?
wait_for "$tmp/nsd.log" "nsd started"
ok "nsd serves the test zones on 127.0.0.1 port $dns_port" $?
wait_for "$tmp/smtp.log" READY
ok "aiosmtpd listens on 127.0.0.1 port $smtp_port" $?

# the VM: a saved run whose global addresses are the test ones; and one
# without IPv6
"$sb" probe --sysroot tests/fixtures/kvm-epyc-milan-2vcpu --json > "$tmp/probe.json"
jq '.probe.network.global_addresses = {"ipv4": ["198.51.100.7"], "ipv6": ["2001:db8:7::7"]}' \
	"$tmp/probe.json" > "$tmp/vm.json"
jq '.probe.network.global_addresses = {"ipv4": ["198.51.100.7"], "ipv6": []}' "$tmp/probe.json" > "$tmp/vm4.json"
# a spec that names the relay's private key
cat > "$tmp/keyed.json" <<EOF
{ "name": "keyed", "version": "1.0.0", "extends": "standard",
  "mail": { "dkim": { "selector": "nexx", "private_key": "$tmp/dkim.pem" } } }
EOF

# mail DOMAIN [EXTRA...]: specbench mail against the test servers, JSON in $tmp/m.json
mail() {
	d=$1
	shift
	"$sb" mail --app-domain "$d" --results "$tmp/vm.json" --dns "127.0.0.1:$dns_port" \
		--smtp "127.0.0.1:$smtp_port" --format json "$@" > "$tmp/m.json" 2> "$tmp/m.err"
	echo $? > "$tmp/m.rc"
}
st() {  # st CHECK-ID STATUS DESCRIPTION
	jeq "$tmp/m.json" ".verdict.checks[] | select(.id == \"$1\") | .status" "$2" "$3"
}
ev() {  # ev CHECK-ID REGEX DESCRIPTION: the check's evidence or observed matches
	jeq "$tmp/m.json" "[.verdict.checks[] | select(.id == \"$1\") | (.evidence + \" \" + .observed) | test(\"$2\")] | .[0]" \
		true "$3"
}

# ---- a correct domain ------------------------------------------------------------------
mail good.example.net --spec "$tmp/keyed.json"
jeq "$tmp/m.rc" . 0 "good: exit 0"
jeq "$tmp/m.json" '[.verdict.checks[].id] | join(",")' \
	"mail.smtp,dns.a,dns.aaaa,mail.spf.ipv4,mail.spf.ipv6,mail.dkim,mail.dmarc" "the mail check ids, in order"
jeq "$tmp/m.json" '[.verdict.checks[] | select(.status != "PASS")] | length' 0 "good: every mail check passes"
ev mail.smtp "no message was sent" "mail.smtp says no message was sent"
ev mail.spf.ipv6 "ip6:2001:db8:7::7" "mail.spf.ipv6 names the term that passed"
ev mail.dkim "rsa, 2048 bits" "mail.dkim: the key's type and size"
ev mail.dkim "public half of $tmp/dkim.pem" "mail.dkim: the published key is the relay's"
ev mail.dmarc "p=reject" "mail.dmarc: the policy"
schema_ok "the run document with its mail facts fits the schema" "$tmp/m.json"
grep -q "^EHLO good.example.net" "$tmp/smtp.log" && grep -q "^MAIL specbench@good.example.net" "$tmp/smtp.log" &&
	grep -q "^RCPT postmaster@good.example.net" "$tmp/smtp.log" && grep -q "^RSET" "$tmp/smtp.log" &&
	grep -q "^QUIT" "$tmp/smtp.log"
ok "the SMTP server saw EHLO, MAIL, RCPT, RSET, QUIT" $?

# ---- SPF -----------------------------------------------------------------------------------
mail noip6.example.net
jeq "$tmp/m.rc" . 1 "SPF without the ip6: exit 1"
st mail.spf.ipv4 PASS "noip6: the IPv4 passes"
st mail.spf.ipv6 FAIL "noip6: the IPv6 fails"
jeq "$tmp/m.json" '.verdict.checks[] | select(.id == "mail.spf.ipv6") | .observed' "softfail by ~all" \
	"noip6: the FAIL names ~all, the term that decided"
st mail.dmarc WARN "p=none is a WARN"
ev mail.dmarc "protects nothing" "p=none: the reason"
for v in a mx include redirect; do
	mail "via-$v.example.net"
	st mail.spf.ipv4 PASS "the VM only through $v: IPv4 passes"
	st mail.spf.ipv6 PASS "the VM only through $v: IPv6 passes"
done
jeq "$tmp/m.json" '.mail.spf.ipv4.decided_by' "redirect=_spf.provider.example.net > ip4:198.51.100.0/24" \
	"redirect: decided by the redirect's ip4"
mail via-include.example.net
jeq "$tmp/m.json" '.mail.spf.ipv6.decided_by' "include:_spf.provider.example.net > ip6:2001:db8:7::/48" \
	"include: decided by the include's ip6"
mail loop.example.net
st mail.spf.ipv4 FAIL "an include loop: FAIL"
ev mail.spf.ipv4 "permerror: more than 10 DNS-querying terms" "an include loop ends at the lookup limit (permerror)"
mail eleven.example.net
ev mail.spf.ipv4 "permerror: more than 10 DNS-querying terms" "11 lookups: permerror"
mail twospf.example.net
ev mail.spf.ipv4 "permerror: twospf.example.net has 2 SPF records" "two SPF records: permerror"
mail voidstorm.example.net
ev mail.spf.ipv4 "permerror: more than 2 void lookups" "a void-lookup storm: permerror"
jeq "$tmp/m.json" '.mail.spf.ipv4.void_lookups' 3 "the third void lookup is the one over the limit"

# ---- DKIM ----------------------------------------------------------------------------------
mail dkimcut.example.net
st mail.dkim FAIL "a truncated DKIM key: FAIL"
ev mail.dkim "does not decode as an rsa public key" "a truncated key: OpenSSL could not read it"
mail nokey.example.net
st mail.dkim FAIL "no DKIM key: FAIL"
ev mail.dkim "nexx._domainkey.nokey.example.net: the name does not exist" "no key: the name asked"
mail dkimcname.example.net --spec "$tmp/keyed.json"
st mail.dkim PASS "a DKIM key through a CNAME: PASS"
ev mail.dkim "a CNAME to nexx._domainkey.provider.example.net" "the CNAME is reported"
mail dkimweak.example.net
st mail.dkim FAIL "a 768-bit RSA key: FAIL"
ev mail.dkim "fewer than 1024" "the weak key: RFC 8301's limit named"
mail dkimed.example.net
st mail.dkim PASS "an Ed25519 key (RFC 8463): PASS"
mail dkimed.example.net --spec "$tmp/keyed.json"
st mail.dkim FAIL "a key that is not the relay's: FAIL"
ev mail.dkim "not the public half" "the mismatch is named"

# ---- DMARC ---------------------------------------------------------------------------------
mail via-a.example.net
st mail.dmarc FAIL "no DMARC record: FAIL"
ev mail.dmarc "_dmarc.via-a.example.net, _dmarc.example.net" "no DMARC: the names asked (the tree walk)"
mail badp.example.net
st mail.dmarc FAIL "p=block: FAIL"
ev mail.dmarc "p=block is not none, quarantine or reject" "the invalid p= is named"
mail twodmarc.example.net
st mail.dmarc FAIL "two DMARC records: FAIL"
ev mail.dmarc "RFC 7489 6.6.3" "two records: receivers apply no DMARC"
mail sub.good.example.net
st mail.dmarc PASS "a subdomain: its parent's record"
jeq "$tmp/m.json" '.verdict.checks[] | select(.id == "mail.dmarc") | .observed' "sp=reject (from a parent)" \
	"the parent's sp= applies"

# ---- the app hostname ------------------------------------------------------------------------
mail cname.example.net
st dns.a WARN "the app hostname as a CNAME: WARN"
ev dns.a "a CNAME to vm7.provider.example.net" "the CNAME chain is reported"
mail via-include.example.net
st dns.a FAIL "no A record: FAIL"
"$sb" mail --app-domain good.example.net --results "$tmp/vm4.json" --dns "127.0.0.1:$dns_port" \
	--smtp "127.0.0.1:$smtp_port" --format json > "$tmp/m.json" 2> "$tmp/m.err"
st dns.aaaa SKIP "no global IPv6: dns.aaaa SKIP"
st mail.spf.ipv6 SKIP "no global IPv6: mail.spf.ipv6 SKIP"
ev mail.spf.ipv6 "no global IPv6 address" "the SKIP says why"

# ---- every format ----------------------------------------------------------------------------
for f in table json junit tap prometheus; do
	"$sb" mail --app-domain noip6.example.net --results "$tmp/vm.json" --dns "127.0.0.1:$dns_port" \
		--smtp "127.0.0.1:$smtp_port" --format "$f" > "$tmp/f.$f" 2> "$tmp/f.err"
	[ $? -eq 1 ] && grep -q "mail.spf.ipv6\|mail_spf_ipv6" "$tmp/f.$f"
	ok "--format $f: exit 1 and the mail checks shown" $?
done
xmllint --noout "$tmp/f.junit"
ok "the JUnit of the mail checks is well-formed" $?

# ---- DNS and SMTP servers that misbehave -------------------------------------------------------
hostile() {  # hostile KIND MODE: start one, its port in $hport
	hport=$(free_port)
	/usr/bin/python3 tests/tools/hostile_servers.py "$1" "$2" "$hport" > "$tmp/h.$1.$2" 2>&1 &
	pids="$pids $!"
	wait_for "$tmp/h.$1.$2" READY
}
hostile dns stall
"$sb" mail --app-domain good.example.net --results "$tmp/vm.json" --dns "127.0.0.1:$hport" \
	--smtp "127.0.0.1:$smtp_port" --format json > "$tmp/m.json" 2> "$tmp/m.err"
jeq "$tmp/m.json" '[.verdict.checks[] | select(.id != "mail.smtp") | .status] | unique | join(",")' WARN \
	"a DNS server that never answers: every DNS check is a WARN, not a FAIL"
ev mail.spf.ipv4 "temperror.*127.0.0.1 port $hport" "the WARN names the server that did not answer"
jeq "$tmp/m.json" '.mail.seconds < 15' true "a stalled DNS server costs less than 15 s in all"
for m in huge badutf8 strings loop; do
	hostile dns "$m"
	"$sb" mail --app-domain good.example.net --results "$tmp/vm.json" --dns "127.0.0.1:$hport" \
		--smtp "127.0.0.1:$smtp_port" --format json > "$tmp/m.json" 2> "$tmp/m.err"
	rc=$?
	[ $rc -le 1 ] && jq -e '.verdict.checks | length == 7' "$tmp/m.json" >/dev/null &&
		jq -e '.mail.seconds < 15' "$tmp/m.json" >/dev/null
	ok "a hostile DNS answer ($m): a verdict, in bounded time (exit $rc)" $?
	[ "$m" != huge ] || jeq "$tmp/m.json" '.mail.dkim.records[0] | length' 51000 \
		"a 51 KB TXT record (truncated over UDP) is read whole over TCP"
done
ev mail.spf.ipv4 "malformed" "a looping answer: the server's answer was malformed"
# the three at once: each costs its 5 s
for m in silent endless slow; do
	hostile smtp "$m"
	"$sb" mail --app-domain good.example.net --results "$tmp/vm.json" --dns "127.0.0.1:$dns_port" \
		--smtp "127.0.0.1:$hport" --format json > "$tmp/smtp.$m.json" 2>&1 &
	checks="${checks:-} $!"
done
for p in $checks; do wait "$p"; done
for m in silent endless slow; do
	jeq "$tmp/smtp.$m.json" '.verdict.checks[] | select(.id == "mail.smtp") | .status' FAIL \
		"an SMTP server that is $m: FAIL"
	jeq "$tmp/smtp.$m.json" '.mail.smtp.seconds <= 6' true "an SMTP server that is $m: given up after 5 s"
done
# every server stalls at once: the section still ends well within 15 s
hostile dns stall
dns_stall=$hport
hostile smtp silent
"$sb" mail --app-domain good.example.net --results "$tmp/vm.json" --dns "127.0.0.1:$dns_stall" \
	--smtp "127.0.0.1:$hport" --format json > "$tmp/m.json" 2> "$tmp/m.err"
jeq "$tmp/m.json" '.mail.seconds < 15' true "every server stalling: the mail section ends within 15 s ($(jq .mail.seconds "$tmp/m.json") s)"
jeq "$tmp/m.json" '[.verdict.checks[] | .status] | join(",")' "FAIL,WARN,WARN,WARN,WARN,WARN,WARN" \
	"every server stalling: the local SMTP server FAIL, the DNS checks WARN"
# Ctrl-C and SIGTERM while the helper waits: the exit says so, no helper is left
for sig in INT TERM; do
	"$sb" mail --app-domain good.example.net --results "$tmp/vm.json" --dns "127.0.0.1:$dns_stall" \
		--smtp "127.0.0.1:$hport" --format json > /dev/null 2> "$tmp/sig.err" &
	p=$!
	sleep 1
	kill -"$sig" "$p"
	wait "$p"
	rc=$?
	sleep 0.2
	[ $rc = "$([ $sig = INT ] && echo 130 || echo 143)" ] && ! pgrep -f "specbench-mail --app-domain good.example.net" >/dev/null
	ok "SIG$sig while asking: exit $rc, and no specbench-mail is left running" $?
done
closed=$(free_port)
mail good.example.net --smtp "127.0.0.1:$closed"
st mail.smtp FAIL "nothing listens: FAIL"
jeq "$tmp/m.json" '.verdict.checks[] | select(.id == "mail.smtp") | .observed' "nothing listens" "nothing listens: said so"

# ---- batched SMTP: the port listens, the firewall (real nftables, in a
# network namespace of the test's own) admits the relay networks ----------------------
cat > "$tmp/batched.json" <<EOF
{ "name": "batched", "version": "1.0.0", "extends": "standard",
  "mail": { "batched_smtp": { "port": 2525, "relay_networks": ["198.51.100.128/25", "192.0.2.128/25", "2001:db8:7::/48"] } } }
EOF
sed 's|"198.51.100.128/25"|"198.51.100.0/24"|' "$tmp/batched.json" > "$tmp/batched-bad.json"
cat > "$tmp/ns.sh" <<'EOF'
# in a network namespace: the ruleset, a listener on 2525 (or none), the check
ip link set lo up && nft -f "$1" || exit 99
/usr/bin/python3 tests/tools/hostile_servers.py dns refused 5300 > /dev/null &
d=$!
sleep 0.3
if [ "$2" = listen ]; then
	/usr/bin/python3 -c 'import socket, time
s = socket.socket(); s.bind(("127.0.0.1", 2525)); s.listen(1); time.sleep(60)' &
	l=$!
	sleep 0.3
fi
shift 2
"$@"
rc=$?
[ -n "${l:-}" ] && kill "$l"
kill "$d"
exit $rc
EOF
if [ "$(id -u)" = 0 ] && command -v nft >/dev/null 2>&1 && unshare -n true 2>/dev/null; then
	nsmail() {  # nsmail RULESET SPEC listen|none: specbench mail inside a namespace
		unshare -n sh "$tmp/ns.sh" "tests/data/mail/nft/$1.nft" "$3" "$sb" mail --app-domain good.example.net \
			--results "$tmp/vm.json" --spec "$tmp/$2.json" --dns 127.0.0.1:5300 --smtp 127.0.0.1:1 --format json \
			> "$tmp/m.json" 2> "$tmp/m.err"
	}
	nsmail relays batched listen
	st mail.batched_smtp PASS "batched SMTP: listening, every relay network admitted by nftables"
	ev mail.batched_smtp "listens on 127.0.0.1" "the listening address is named"
	nsmail relays batched-bad listen
	st mail.batched_smtp FAIL "batched SMTP: a relay network partly dropped: FAIL"
	ev mail.batched_smtp "a relay we do not trust" "the rule that drops it is named, with its comment"
	nsmail relays batched none
	st mail.batched_smtp FAIL "batched SMTP: nothing listens: FAIL"
	nsmail two-tables batched listen
	st mail.batched_smtp FAIL "batched SMTP: a second base chain drops: FAIL"
	if command -v setpriv >/dev/null 2>&1; then
		unshare -n sh "$tmp/ns.sh" tests/data/mail/nft/relays.nft listen setpriv --bounding-set=-net_admin -- \
			"$sb" mail --app-domain good.example.net --results "$tmp/vm.json" --spec "$tmp/batched.json" \
			--dns 127.0.0.1:5300 --smtp 127.0.0.1:1 --format json > "$tmp/m.json" 2> "$tmp/m.err"
		st mail.batched_smtp UNVERIFIABLE "batched SMTP: the firewall cannot be read: UNVERIFIABLE"
		ev mail.batched_smtp "needs root" "UNVERIFIABLE says why"
	else
		skip "batched SMTP: the firewall cannot be read" "no setpriv"
	fi
	# the committed rulesets are what this machine's nft prints for them
	for r in relays open two-tables; do
		unshare -n sh -c "nft -f tests/data/mail/nft/$r.nft && nft -j list ruleset" > "$tmp/$r.json"
		same=0
		for net in 198.51.100.0/24 198.51.100.128/25 192.0.2.0/24 203.0.113.0/24 2001:db8:7::/48; do
			for f in "tests/data/mail/nft/$r.json" "$tmp/$r.json"; do
				"$sb-mail" --app-domain x.example.net --dns "127.0.0.1:$dns_port" --no-smtp --batched-port 2525 \
					--relay-net "$net" --nft-json "$f" 2>/dev/null | jq -c .batched_smtp.networks
			done | uniq | wc -l | grep -qx 1 || same=1
		done
		ok "$r.nft: this machine's nft -j reads the same as the committed $r.json" $same
	done
else
	skip "batched SMTP against real nftables" "needs root, nft and network namespaces"
fi

# ---- a whole run on this machine, with --app-domain: the mail checks in
# the same verdict as the hardware, in every format -----------------------------------------
"$sb" run --spec "$tmp/keyed.json" --profile smoke --only cpu --no-history --out "$tmp/runs" \
	--app-domain good.example.net --dns "127.0.0.1:$dns_port" --smtp "127.0.0.1:$smtp_port" --format json \
	> "$tmp/run.json" 2> "$tmp/run.err"
rc=$?
[ $rc -le 1 ]
ok "run --app-domain on this machine (exit $rc)" $?
jeq "$tmp/run.json" '[.verdict.checks[].id | select(test("^(mail|dns)[.]"))] | length' 7 "the run's verdict holds the 7 mail and DNS checks"
jeq "$tmp/run.json" '[.verdict.checks[] | select(.id == "cpu.model" or .id == "mail.smtp")] | length' 2 \
	"hardware and mail checks in one verdict"
jeq "$tmp/run.json" '.verdict.checks[] | select(.id == "mail.smtp") | .status' PASS "the run's mail.smtp passes"
jeq "$tmp/run.json" '.verdict.checks[] | select(.id == "mail.dkim") | .status' PASS "the run's mail.dkim passes"
if jq -e '.probe.network.global_addresses.ipv4 | length == 0' "$tmp/run.json" >/dev/null; then
	jeq "$tmp/run.json" '.verdict.checks[] | select(.id == "dns.a") | .status' SKIP \
		"this machine has no global IPv4: dns.a is a SKIP that says so"
else
	jeq "$tmp/run.json" '.verdict.checks[] | select(.id == "dns.a") | .status | test("PASS|FAIL|WARN")' true \
		"this machine has a global IPv4: dns.a is judged"
fi
schema_ok "the stored run document with its mail section fits the schema" "$tmp"/runs/*.json
for f in table junit tap prometheus; do
	"$sb" verify --spec "$tmp/keyed.json" --results "$tmp/run.json" --format "$f" > "$tmp/run.$f" 2>&1
	grep -q "mail.dkim\|mail_dkim" "$tmp/run.$f"
	ok "the run's mail checks in --format $f" $?
done

# ---- bad input -----------------------------------------------------------------------------------
expect 2 "--app-domain with a space" "$sb" mail --app-domain "bad domain" --results "$tmp/vm.json"
has "$tmp/err" "'bad domain' is not a domain name" "the bad domain is named"
expect 2 "--dns that is not an address" "$sb" mail --app-domain good.example.net --results "$tmp/vm.json" --dns ns.example.net
has "$tmp/err" "'ns.example.net' is not an IP address" "the bad server is named"
expect 2 "--dns with a bad port" "$sb" mail --app-domain good.example.net --results "$tmp/vm.json" --dns 127.0.0.1:99999
expect 2 "--smtp with a bad port" "$sb" mail --app-domain good.example.net --results "$tmp/vm.json" --smtp localhost:0
expect 2 "--results and --sysroot" "$sb" mail --app-domain good.example.net --results "$tmp/vm.json" --sysroot /
expect 2 "--dns without --app-domain in run" "$sb" run --spec standard --dns 127.0.0.1 --no-history
expect 2 "run: a bad --dns is refused before anything is measured" "$sb" run --spec standard --no-history \
	--app-domain good.example.net --dns "[::1"
has "$tmp/err" "expected ADDR, ADDR:PORT or [IPV6]:PORT" "the bad --dns is named"
expect 2 "--smtp with a space in the host" "$sb" mail --app-domain good.example.net --results "$tmp/vm.json" --smtp "a b:25"
echo '{ "name": "x", "version": "1.0.0", "mail": { "batched_smtp": { "port": 2525, "relay_networks": ["10.0.0.1/8"] } } }' \
	> "$tmp/badnet.json"
expect 2 "a relay network with host bits" "$sb" mail --app-domain good.example.net --results "$tmp/vm.json" --spec "$tmp/badnet.json"
has "$tmp/err" "mail.batched_smtp.relay_networks[0]" "the bad network's place is named"
echo '{ "name": "x", "version": "1.0.0" }' > "$tmp/nomail.json"
expect 2 "a spec without a mail section" "$sb" mail --app-domain good.example.net --results "$tmp/vm.json" --spec "$tmp/nomail.json"

# ---- no message was ever delivered -------------------------------------------------------------------
! grep -q "^DATA" "$tmp/smtp.log"
ok "the SMTP server never received DATA: no message was sent" $?
[ "$(grep -c '^MAIL' "$tmp/smtp.log")" -ge 20 ]
ok "(it was asked $(grep -c '^MAIL' "$tmp/smtp.log") times)" $?
finish
