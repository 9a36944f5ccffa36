#!/bin/sh
# Install the Debian 12 packages specbench needs to build, test and run.
# Only what is missing is installed; without root it says what to run.
set -eu

# build: compiler and the libraries (found with pkg-config); clang and its
#        runtime for the libFuzzer harnesses (make fuzz, replayed by make check)
# run:   fio, sysbench (the benchmarks)
# test:  stress-ng (make check-load: the suite beside a CPU hog),
#        nginx-light (network benchmark target), libxml2-utils (xmllint for JUnit),
#        jq (CLI tests read JSON), valgrind (memory checks), python3 (a socket
#        that is never read, for the upload test), python3-jsonschema (the
#        run document and the specs checked against their schemas), prometheus (promtool
#        checks the metrics output; with prometheus-node-exporter and
#        prometheus-alertmanager the alert chain of tests/alerts-e2e.sh), lshw (reference in make benchmark),
#        iproute2/util-linux (lscpu, ip, lsblk:
#        the live probe is compared with them), gettext (msgfmt: the message
#        catalogues; xgettext and msgcmp: the catalogue is complete),
#        chromium + fonts-dejavu-core (the spec pages rendered headless),
#        tidy (the pages checked as HTML5), postgresql (a real server for the
#        central history, started by the tests themselves), cscope and
#        universal-ctags (tests/xref.sh: the layers checked from the calls)
# mail:  libunbound-dev (DNS; libevent-dev and nettle-dev only because its
#        pkg-config file requires them, which Debian 12 does not declare),
#        libssl-dev (DKIM keys), nsd (a real
#        authoritative server for the test zones, started by the tests),
#        python3-aiosmtpd (the SMTP server that must never see DATA),
#        nftables (nft -j list ruleset: the batched-SMTP firewall check)
# package: dpkg-dev, debhelper, lintian (make deb), debootstrap (a clean
#        Debian 12 to install it in), systemd (systemd-analyze verify and
#        calendar; systemd booted in that chroot)
PACKAGES="build-essential pkg-config libcpuid-dev libjansson-dev libcurl4-openssl-dev
libsqlite3-dev libpq-dev libmount-dev libmnl-dev libinih-dev clang libclang-rt-14-dev fio sysbench stress-ng nginx-light libxml2-utils lshw iproute2 util-linux jq valgrind prometheus prometheus-node-exporter prometheus-alertmanager python3 python3-jsonschema python3-aiosmtpd tzdata gettext chromium fonts-dejavu-core tidy postgresql cscope universal-ctags
dpkg-dev debhelper lintian debootstrap systemd
libunbound-dev libevent-dev nettle-dev libssl-dev nsd nftables"

missing=""
for p in $PACKAGES; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
		missing="$missing $p"
	fi
done
if [ -z "$missing" ]; then
	echo "make deps: all packages present"
	exit 0
fi
if [ "$(id -u)" != 0 ]; then
	echo "make deps: missing packages:$missing" >&2
	echo "make deps: not root; run: sudo apt-get install -y$missing" >&2
	exit 1
fi
echo "make deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
# nginx is started by the tests themselves on loopback; the package's own
# service is not wanted on a test machine.
# nor are Prometheus's server, node_exporter and Alertmanager: promtool is
# used, and tests/alerts-e2e.sh starts its own on 127.0.0.1; nor Debian's
# PostgreSQL cluster: the tests run a server of their own.
for service in nginx prometheus prometheus-node-exporter prometheus-alertmanager postgresql nsd; do
	if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet "$service" 2>/dev/null; then
		systemctl stop "$service" || true
	fi
done
echo "make deps: done"
