# pg.sh - a PostgreSQL server of the tests' own, sourced by the suites and
# make benchmark: Debian's postgresql, initdb and pg_ctl in a temporary
# directory, run as an unprivileged user (nobody when the caller is root),
# on the first free port from 54320 up on 127.0.0.1 and a socket in that
# directory.  Never the machine's own cluster, never another address.
#
#   pg_find            sets pgbin; 1 when PostgreSQL is not installed
#   pg_start LOG       initdb + start; sets pgd, port, url (user specbench,
#                      password "secret", database postgres); 1 on failure
#   pg_restart         start it again after pg_stop
#   pg_stop            stop it (immediate); the caller removes $pgd
#   psql ARGS...       psql as specbench on it
#   pg_suite NAME      a suite's own $tmp, and traps that stop the server and
#                      remove both at its end, also on Ctrl-C and SIGTERM
pg_suite() {
	tmp=$(mktemp -d "/tmp/specbench-$1-XXXXXX")
	pgd=""
	trap 'pg_stop; rm -rf "$tmp" "$pgd"' EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
}
pg_find() {
	pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
	[ -n "$pgbin" ] && [ -x "$pgbin/initdb" ]
}
as_user() { if [ "$(id -u)" = 0 ]; then setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"; else "$@"; fi; }
pg_start() {
	# the server's own directory, the unprivileged user's (mktemp's are 0700)
	pgd=$(mktemp -d /tmp/specbench-pgdata-XXXXXX)
	port=54320
	while [ $port -lt 54400 ] &&
		/usr/bin/python3 -c "import socket,sys; s=socket.socket(); s.connect(('127.0.0.1', int(sys.argv[1])))" \
			$port 2>/dev/null; do
		port=$((port + 1))
	done
	[ "$(id -u)" != 0 ] || chown nobody "$pgd"
	printf 'secret\n' > "$pgd/pw" && chmod 600 "$pgd/pw" && { [ "$(id -u)" != 0 ] || chown nobody "$pgd/pw"; }
	url="postgresql://specbench:secret@127.0.0.1:$port/postgres"
	as_user env HOME="$pgd" "$pgbin/initdb" -D "$pgd/data" -U specbench --pwfile="$pgd/pw" \
		--auth-local=trust --auth-host=scram-sha-256 -E UTF8 > "$1" 2>&1 && pg_restart
}
pg_restart() {
	as_user "$pgbin/pg_ctl" -D "$pgd/data" -l "$pgd/log" -w \
		-o "-p $port -k $pgd -c listen_addresses=127.0.0.1" start > /dev/null 2>&1
}
pg_stop() {
	[ -n "${pgd:-}" ] && [ -f "$pgd/data/postmaster.pid" ] &&
		as_user "$pgbin/pg_ctl" -D "$pgd/data" -m immediate stop > /dev/null 2>&1
}
psql() { "$pgbin/psql" -X -q -h "$pgd" -p "$port" -U specbench -d postgres "$@"; }

# ---- TLS and certificate logins (issue 24): a CA, a server certificate for
# 127.0.0.1, client certificates whose CN is the role, all made by openssl here
# (P-256 keys, as the README's recipe: a handshake costs a VM's run less than RSA's)
#   pg_tls_certs DIR ROLE...   DIR/ca.{crt,key}, DIR/server.{crt,key}, DIR/ROLE.{crt,key};
#                              DIR/other-ca.* and DIR/ROLE-other.* signed by another CA
#   pg_tls_on DIR [HBA-LINE]   the server takes TLS with them, and certificate logins
#                              only over TLS from 127.0.0.1 (hostssl ... cert), after
#                              HBA-LINE if given; restarts it
pg_tls_certs() {
	d=$1
	shift
	mkdir -p "$d"
	for ca in ca other-ca; do
		openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj "/CN=specbench test $ca" \
			-keyout "$d/$ca.key" -out "$d/$ca.crt" > /dev/null 2>&1 || return 1
	done
	printf 'subjectAltName=IP:127.0.0.1\n' > "$d/san.ext"
	openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "/CN=127.0.0.1" -keyout "$d/server.key" -out "$d/server.csr" \
		> /dev/null 2>&1 &&
	openssl x509 -req -in "$d/server.csr" -CA "$d/ca.crt" -CAkey "$d/ca.key" -CAcreateserial -days 2 \
		-extfile "$d/san.ext" -out "$d/server.crt" > /dev/null 2>&1 || return 1
	for role in "$@"; do
		for ca in ca other-ca; do
			name=$role
			[ $ca = other-ca ] && name=$role-other
			openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "/CN=$role" -keyout "$d/$name.key" -out "$d/$name.csr" \
				> /dev/null 2>&1 &&
			openssl x509 -req -in "$d/$name.csr" -CA "$d/$ca.crt" -CAkey "$d/$ca.key" -CAcreateserial -days 2 \
				-out "$d/$name.crt" > /dev/null 2>&1 || return 1
			chmod 600 "$d/$name.key"
		done
	done
}
pg_tls_on() {
	d=$1
	cp "$d/server.crt" "$d/server.key" "$d/ca.crt" "$pgd/data/"
	chmod 600 "$pgd/data/server.key"
	[ "$(id -u)" != 0 ] || chown nobody "$pgd/data/server.crt" "$pgd/data/server.key" "$pgd/data/ca.crt"
	cat >> "$pgd/data/postgresql.conf" <<CONF
ssl = on
ssl_cert_file = 'server.crt'
ssl_key_file = 'server.key'
ssl_ca_file = 'ca.crt'
CONF
	# the socket for the owner; over TCP only TLS with a certificate
	printf 'local all all trust\n%s\nhostssl all all 127.0.0.1/32 cert\n' "${2:-}" > "$pgd/data/pg_hba.conf"
	pg_stop && pg_restart
}
