# mail_servers.sh - the real servers of the mail tests and of make
# benchmark's mail section, sourced by both: nsd serving the test zones
# (tests/data/mail/example.net.zone.in, with DKIM keys made here by
# openssl) and aiosmtpd (tests/tools/smtp_sink.py), on free loopback ports.
# After mail_servers_start DIR: $dns_port, $smtp_port, the keys in
# DIR/dkim.pem (2048-bit RSA), short.pem, ed.pem; the servers' pids in
# $mail_pids (the caller kills them); DIR/smtp.log lists what the SMTP
# server was asked.
mail_pids=""

free_port() {
	/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
# wait_for FILE TEXT: until a server says it is ready (10 s at most)
wait_for() {
	i=0
	while [ $i -lt 100 ] && ! grep -q "$2" "$1" 2>/dev/null; do
		sleep 0.1
		i=$((i + 1))
	done
	grep -q "$2" "$1" 2>/dev/null
}

# mail_servers_start DIR: 0 when the keys and the zone were made (the
# servers are then starting: wait_for DIR/nsd.log "nsd started" and
# DIR/smtp.log READY)
mail_servers_start() {
	d=$1
	openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$d/dkim.pem" 2>/dev/null &&
	openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:768 -out "$d/short.pem" 2>/dev/null &&
	openssl genpkey -algorithm ED25519 -out "$d/ed.pem" 2>/dev/null || return 1
	key=$(openssl pkey -in "$d/dkim.pem" -pubout -outform DER | base64 -w0)
	short=$(openssl pkey -in "$d/short.pem" -pubout -outform DER | base64 -w0)
	ed=$(openssl pkey -in "$d/ed.pem" -pubout -outform DER | tail -c 32 | base64 -w0)
	cut=$(echo "$key" | cut -c1-200)
	# a TXT string holds 255 bytes: the 2048-bit key is split into several
	strings=$(echo "p=$key" | fold -w 250 | sed 's/.*/"&"/' | tr '\n' ' ')
	sed -e "s|\"p=@DKIM_P@\"|$strings|" -e "s|p=@DKIM_P@\"|\" $strings|" -e "s|@DKIM_SHORT@|$short|" \
		-e "s|@DKIM_ED@|$ed|" -e "s|@DKIM_CUT@|$cut|" tests/data/mail/example.net.zone.in > "$d/example.net.zone"
	dns_port=$(free_port)
	cat > "$d/nsd.conf" <<EOF
server:
  ip-address: 127.0.0.1@$dns_port
  port: $dns_port
  username: ""
  chroot: ""
  zonesdir: "$d"
  database: ""
  zonelistfile: "$d/zone.list"
  xfrdfile: "$d/xfrd.state"
  xfrdir: "$d"
  pidfile: "$d/nsd.pid"
  logfile: "$d/nsd.log"
  server-count: 1
  verbosity: 1
remote-control:
  control-enable: no
zone:
  name: example.net
  zonefile: example.net.zone
EOF
	nsd-checkzone example.net "$d/example.net.zone" > "$d/checkzone" 2>&1 || return 1
	nsd -d -c "$d/nsd.conf" > "$d/nsd.out" 2>&1 &
	mail_pids="$mail_pids $!"
	smtp_port=$(free_port)
	/usr/bin/python3 tests/tools/smtp_sink.py "$smtp_port" "$d/smtp.log" > "$d/smtp.out" 2>&1 &
	mail_pids="$mail_pids $!"
}
