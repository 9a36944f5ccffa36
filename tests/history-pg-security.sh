#!/bin/sh
# history-pg-security.sh - the fleet store's certificates (issue 24), TAP.
# $SPECBENCH is the binary under test.  A real PostgreSQL (tests/tools/pg.sh)
# with TLS and certificate logins: a CA, a server certificate for
# 127.0.0.1 and the VMs' client certificates, all made by openssl here;
# pg_hba takes only "hostssl ... cert" over TCP.  What a VM holds must get
# it in, and nothing else may: no certificate, another VM's certificate with
# this VM's key, a certificate of another CA, a role that was dropped.
# (The roles' rights and row-level security come with history init/grant.)
set -u
sb=${SPECBENCH:-build/specbench}
here=$(dirname "$0")
tmp=$(mktemp -d /tmp/specbench-pgsec-XXXXXX)
. "$here/tools/pg.sh"
pgd=""
trap 'pg_stop; rm -rf "$tmp" "$pgd"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
. "$here/lib.sh"

if ! pg_find || ! command -v openssl > /dev/null; then
	skip "PostgreSQL with TLS" "Debian's postgresql or openssl is not installed (make deps)"
	finish
	exit $?
fi
pg_start "$tmp/initdb.log"
ok "a PostgreSQL of the test's own on 127.0.0.1:$port" $?
pg_tls_certs "$tmp/tls" vm_a vm_b
ok "a CA, a server certificate and two VMs' certificates made by openssl" $?
psql -c "CREATE ROLE vm_a LOGIN; CREATE ROLE vm_b LOGIN" > /dev/null
pg_tls_on "$tmp/tls"
ok "TLS on, certificate logins only (hostssl ... cert)" $?

# url ROLE CERT KEY [CA]: a VM's URL, verify-full against the test's CA
url() {
	echo "postgresql://$1@127.0.0.1:$port/postgres?sslmode=verify-full&sslrootcert=$tmp/tls/${4:-ca}.crt&sslcert=$tmp/tls/$2.crt&sslkey=$tmp/tls/$3.key&connect_timeout=5"
}
expect 2 "vm_a with its own certificate: in (an empty store: no history there yet)" \
	"$sb" history list --history "$(url vm_a vm_a vm_a)"
has "$tmp/err" "no history there" "connected and read"
expect 3 "no client certificate: refused" \
	"$sb" history list --history "postgresql://vm_a@127.0.0.1:$port/postgres?sslmode=verify-full&sslrootcert=$tmp/tls/ca.crt&connect_timeout=5"
expect 3 "vm_a's name with vm_b's certificate: refused" "$sb" history list --history "$(url vm_a vm_b vm_b)"
expect 3 "vm_b's certificate with vm_a's key: refused" "$sb" history list --history "$(url vm_b vm_b vm_a)"
expect 3 "a certificate of another CA: refused" "$sb" history list --history "$(url vm_a vm_a-other vm_a-other)"
expect 3 "the server checked against another CA (verify-full): refused" \
	"$sb" history list --history "$(url vm_a vm_a vm_a other-ca)"
expect 3 "without TLS (sslmode=disable): no pg_hba line lets it in" \
	"$sb" history list --history "postgresql://vm_a@127.0.0.1:$port/postgres?sslmode=disable&connect_timeout=5"
psql -c "DROP ROLE vm_b" > /dev/null
expect 3 "a role that was dropped: refused" "$sb" history list --history "$(url vm_b vm_b vm_b)"
expect 2 "and vm_a, untouched by it, still gets in" "$sb" history list --history "$(url vm_a vm_a vm_a)"
finish
