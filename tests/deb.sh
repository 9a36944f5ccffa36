#!/bin/sh
# deb.sh - the Debian package.
#
#   tests/deb.sh build   make deb: build build/deb/specbench_VERSION_amd64.deb
#                        with dpkg-buildpackage from a copy of the source tree
#                        (nothing is written outside build/), then lintian
#   tests/deb.sh         the make check suite: build, lintian, the package's
#                        contents, then a clean Debian 12 made with debootstrap
#                        from the machine's own mirror: apt-get install of the
#                        .deb pulls the dependencies, the timer is enabled,
#                        systemd-analyze verify passes, the service's command
#                        runs, and dpkg -r removes specbench and keeps the
#                        history.  The chroot needs root and the mirror: without
#                        them those checks say SKIP and why.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
version=$(sed -n 's/^#define SPECBENCH_VERSION "\(.*\)"$/\1/p' "$root/base/version.h")
deb_dir=$root/build/deb
deb=$deb_dir/specbench_${version}_amd64.deb

# build: the package from a copy of the tree; the log in build/deb/build.log
build() {
	changelog=$(dpkg-parsechangelog -l "$root/debian/changelog" -S Version 2>/dev/null)
	if [ "$changelog" != "$version" ]; then
		echo "make deb: debian/changelog is at version '$changelog', base/version.h at '$version': add a changelog entry" >&2
		return 2
	fi
	for tool in dpkg-buildpackage dh lintian; do
		command -v "$tool" >/dev/null 2>&1 || {
			echo "make deb: $tool is missing: make deps installs it (dpkg-dev, debhelper, lintian)" >&2
			return 3
		}
	done
	rm -rf "$deb_dir"
	src=$deb_dir/specbench-$version
	mkdir -p "$src"
	# the tracked files when this is a git checkout (no build output, no
	# stray files), else the whole tree but build/
	if git -C "$root" rev-parse --git-dir >/dev/null 2>&1; then
		(cd "$root" && git ls-files -co --exclude-standard -z | grep -zv '^build/' |
			xargs -0 tar -cf - --no-recursion) | tar -xf - -C "$src"
	else
		(cd "$root" && tar -cf - --exclude=./build .) | tar -xf - -C "$src"
	fi
	if ! (cd "$src" && dpkg-buildpackage -us -uc -b -j2) > "$deb_dir/build.log" 2>&1; then
		tail -n 30 "$deb_dir/build.log" >&2
		echo "make deb: dpkg-buildpackage failed; the whole log is $deb_dir/build.log" >&2
		return 3
	fi
	rm -rf "$src"
	lintian --tag-display-limit 0 "$deb" > "$deb_dir/lintian.txt" 2>&1
	cat "$deb_dir/lintian.txt"
	if grep -q '^E: ' "$deb_dir/lintian.txt"; then
		echo "make deb: lintian reports errors" >&2
		return 1
	fi
	echo "make deb: $deb"
}

if [ "${1:-}" = build ]; then
	build
	exit $?
fi

# ---- the make check suite ------------------------------------------------------
tmp=$(mktemp -d /tmp/specbench-deb-XXXXXX)
chroot_dir=$tmp/root
cleanup() {
	# a systemd still booted in the chroot is ended with its namespace; the
	# namespaces' mounts go with them, and only files are left
	[ -n "${sd_pid:-}" ] && kill -9 "$sd_pid" 2>/dev/null && wait 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
. "$root/tests/lib.sh"

build > "$tmp/build.out" 2>&1
rc=$?
[ $rc -eq 0 ] || sed 's/^/#   /' "$tmp/build.out" | tail -n 20
ok "make deb builds specbench_${version}_amd64.deb with dpkg-buildpackage" $rc
if [ $rc -ne 0 ]; then
	finish
	exit 1
fi
! grep -q '^E: ' "$deb_dir/lintian.txt"
ok "lintian: no error ($(grep -c '^[EW]: ' "$deb_dir/lintian.txt") errors and warnings)" $?
! grep -q '^W: ' "$deb_dir/lintian.txt"
ok "lintian: no warning either" $?

dpkg-deb -c "$deb" | awk '{ print $6 }' > "$tmp/contents"
for f in ./usr/bin/specbench ./usr/lib/specbench/specbench-net ./usr/lib/specbench/specbench-mail ./usr/share/man/man1/specbench.1.gz \
	./usr/share/bash-completion/completions/specbench ./lib/systemd/system/specbench-regress.service \
	./lib/systemd/system/specbench-regress.timer ./etc/specbench/specbench.conf \
	./usr/share/specbench/specs/standard.json ./usr/share/specbench/specs/apps/unifi.json \
	./usr/share/locale/nl/LC_MESSAGES/specbench.mo ./usr/share/specbench/prometheus/specbench.rules.yml; do
	grep -qx "$f" "$tmp/contents"
	ok "the package holds $f" $?
done
dpkg-deb -c "$deb" | awk '$6 == "./etc/specbench/specbench.conf" { print $1, $2 }' > "$tmp/mode"
[ "$(cat "$tmp/mode")" = "-rw-r----- root/root" ]
ok "specbench.conf is root's, 0640: not the world's to read ($(cat "$tmp/mode"))" $?
dpkg-deb -f "$deb" Depends > "$tmp/depends"
grep -q 'fio' "$tmp/depends" && grep -q 'sysbench' "$tmp/depends" && grep -q 'libpq5' "$tmp/depends"
ok "it depends on fio, sysbench and the libraries ($(cat "$tmp/depends"))" $?
dpkg-deb -I "$deb" conffiles > "$tmp/conffiles" 2>&1
grep -qx /etc/specbench/specbench.conf "$tmp/conffiles"
ok "/etc/specbench/specbench.conf is a conffile (an operator's edits survive upgrades)" $?

# ---- a clean Debian 12: debootstrap from this machine's mirror ------------------
# The first deb URL of the machine's apt sources, else Debian's own.
mirror=$(sed -n 's/^URIs: *\([^ ]*\).*/\1/p; s/^deb \(\[[^]]*\] \)\{0,1\}\(http[^ ]*\) .*/\2/p' \
	/etc/apt/sources.list /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list 2>/dev/null |
	grep -v security | head -n 1)
mirror=${mirror:-http://deb.debian.org/debian}
# a machine whose apt goes through a proxy: debootstrap (wget) and the
# chroot's apt go through it too
proxy=$(apt-config dump 2>/dev/null | sed -n 's/^Acquire::http::Proxy "\(.*\)";$/\1/p' | head -n 1)
if [ -n "$proxy" ]; then
	http_proxy=$proxy
	export http_proxy
fi
why=""
if [ "$(id -u)" != 0 ]; then
	why="a chroot needs root"
elif ! command -v debootstrap >/dev/null 2>&1 || ! command -v unshare >/dev/null 2>&1; then
	why="debootstrap or unshare is missing (make deps installs debootstrap)"
elif ! unshare --mount --pid --fork true 2>/dev/null; then
	why="no mount and pid namespaces here (a container without the privilege)"
fi
# a clean base system, made once and kept in build/ (not committed): later
# runs on the same machine unpack it instead of downloading it again
base=$root/build/deb-chroot/bookworm-minbase.tar
if [ -z "$why" ] && [ ! -f "$base" ]; then
	mkdir -p "$chroot_dir" "$(dirname "$base")"
	if debootstrap --variant=minbase bookworm "$chroot_dir" "$mirror" > "$tmp/debootstrap.log" 2>&1; then
		tar -cf "$base.tmp" -C "$chroot_dir" . && mv "$base.tmp" "$base"
	else
		why="debootstrap from $mirror failed: $(tail -n 1 "$tmp/debootstrap.log")"
	fi
	rm -rf "$chroot_dir"
fi
# in_root SCRIPT: run a shell script in the chroot, in its own mount and pid
# namespaces (/proc, /sys and /run of its own; all unmounted when it ends)
in_root() {
	unshare --mount --pid --fork --mount-proc="$chroot_dir/proc" sh -c '
		mount -t sysfs sysfs "$1/sys" 2>/dev/null || mount --rbind /sys "$1/sys"
		mount -t tmpfs tmpfs "$1/run" && mkdir -p "$1/run/lock"
		exec chroot "$1" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LC_ALL=C.UTF-8 \
			DEBIAN_FRONTEND=noninteractive /bin/sh -c "$2"' sh "$chroot_dir" "$1"
}
# boot_systemd: systemd as pid 1 of new pid and mount namespaces, with the
# chroot as its root (pivot_root, so that the services' own mount
# namespaces work); sd_pid is its pid out here.  1 with why_boot when it
# cannot (a container without the privileges, say).
boot_systemd() {
	sd_pid=""
	cat > "$tmp/boot.sh" <<'BOOT'
#!/bin/sh
r=$1
mount --make-rprivate / && mount --bind "$r" "$r" && mount -t proc proc "$r/proc" &&
	{ mount -t sysfs sysfs "$r/sys" || mount --rbind /sys "$r/sys"; } &&
	mount -t tmpfs tmpfs "$r/run" && mount --rbind /dev "$r/dev" && cd "$r" && mkdir -p oldroot &&
	pivot_root . oldroot || exit 1
exec /usr/bin/env -i container=specbench-test PATH=/usr/sbin:/usr/bin:/sbin:/bin /lib/systemd/systemd --system
BOOT
	unshare --mount --pid --fork sh "$tmp/boot.sh" "$chroot_dir" > "$tmp/boot.log" 2>&1 &
	boot_job=$!
	for _ in $(seq 1 100); do
		sd_pid=$(pgrep -P "$boot_job" 2>/dev/null | head -n 1)
		if [ -n "$sd_pid" ]; then
			state=$(in_systemd systemctl is-system-running 2>/dev/null)
			case $state in running|degraded) return 0 ;; esac
		fi
		kill -0 "$boot_job" 2>/dev/null || break
		sleep 0.2
	done
	why_boot="systemd did not boot in the chroot (state '${state:-none}'): $(tail -n 1 "$tmp/boot.log")"
	stop_systemd
	return 1
}
in_systemd() {  # in_systemd COMMAND...: a command inside the booted chroot
	nsenter -t "$sd_pid" -m -p -r -w /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LC_ALL=C.UTF-8 "$@"
}
stop_systemd() {  # killing the namespace's pid 1 ends every process in it
	[ -n "$sd_pid" ] && kill -9 "$sd_pid" 2>/dev/null
	wait "$boot_job" 2>/dev/null
	sd_pid=""
}
systemd_checks() {
	in_systemd systemctl list-timers --all --no-legend specbench-regress.timer > "$tmp/timers" 2>&1
	grep -q 'specbench-regress.timer *specbench-regress.service' "$tmp/timers" && ! grep -q '^-' "$tmp/timers"
	ok "systemctl list-timers shows the timer with its next run: $(awk '{ print $1, $2, $3, $4 }' "$tmp/timers")" $?
	in_systemd systemctl show -p NextElapseUSecRealtime --value specbench-regress.timer > "$tmp/next1"
	in_systemd systemctl restart specbench-regress.timer && sleep 0.2
	in_systemd systemctl show -p NextElapseUSecRealtime --value specbench-regress.timer > "$tmp/next2"
	[ -s "$tmp/next1" ] && cmp -s "$tmp/next1" "$tmp/next2"
	ok "the VM's time of day is stable across a restart of the timer (FixedRandomDelay): $(cat "$tmp/next1")" $?
	in_systemd systemctl start specbench-regress.service > "$tmp/start.out" 2>&1
	in_systemd systemctl show -p ExecMainStatus --value specbench-regress.service > "$tmp/status"
	in_systemd journalctl -u specbench-regress.service --no-pager > "$tmp/service.out" 2>&1
	grep -qxE '[01]' "$tmp/status" && { grep -q 'verdict:' "$tmp/service.out" ||
		grep -q 'inside the maintenance window' "$tmp/service.out"; }
	rc=$?
	[ $rc -eq 0 ] || tail -n 5 "$tmp/service.out" | sed 's/^/#   /'
	ok "systemctl start specbench-regress.service runs the check (exit $(cat "$tmp/status"), the verdict in the journal)" $rc
}
chroot_checks() {
	mkdir -p "$chroot_dir" && tar -xf "$base" -C "$chroot_dir" || return 1
	cp /etc/resolv.conf "$chroot_dir/etc/resolv.conf" 2>/dev/null
	grep -l -i 'proxy' /etc/apt/apt.conf.d/* 2>/dev/null | xargs -r cp -t "$chroot_dir/etc/apt/apt.conf.d/"
	cp "$deb" "$chroot_dir/tmp/"
	# a server has systemd; debootstrap's minimal base does not
	in_root 'apt-get update -qq && apt-get install -y -qq --no-install-recommends systemd' > "$tmp/apt.log" 2>&1
	ok "the clean Debian 12 gets systemd from $mirror" $? || return 1
	in_root "dpkg -i /tmp/$(basename "$deb")" > "$tmp/dpkg.log" 2>&1
	grep -q 'dependency problems' "$tmp/dpkg.log" || grep -q 'depends on fio' "$tmp/dpkg.log"
	ok "dpkg -i on a machine without fio and sysbench names the missing dependencies" $?
	in_root 'apt-get install -f -y -qq --no-install-recommends' > "$tmp/aptf.log" 2>&1
	rc=$?
	[ $rc -eq 0 ] || tail -n 5 "$tmp/aptf.log" | sed 's/^/#   /'
	ok "apt-get -f install pulls the dependencies and configures specbench" $rc
	in_root 'dpkg-query -W -f="\${Package}: \${Status}; " specbench fio sysbench' > "$tmp/status" 2>&1
	[ "$(grep -o 'install ok installed' "$tmp/status" | wc -l)" -eq 3 ]
	ok "specbench, fio and sysbench are installed ($(cat "$tmp/status"))" $?
	in_root 'specbench --version' > "$tmp/version" 2>&1
	grep -q "$version" "$tmp/version"
	ok "the installed specbench runs ($(cat "$tmp/version"))" $?
	[ -L "$chroot_dir/etc/systemd/system/timers.target.wants/specbench-regress.timer" ]
	ok "the timer is enabled (timers.target.wants/specbench-regress.timer)" $?
	# no man-db in the minimal base: the Documentation= check is made by
	# tests/dist.sh against the built man page
	in_root 'systemd-analyze verify --man=no /lib/systemd/system/specbench-regress.timer \
		/lib/systemd/system/specbench-regress.service' > "$tmp/verify" 2>&1
	rc=$?
	[ $rc -eq 0 ] && ! grep -q . "$tmp/verify"
	rc=$((rc + $?))
	[ $rc -eq 0 ] || sed 's/^/#   /' "$tmp/verify"
	ok "systemd-analyze verify passes on the installed units" $rc
	in_root 'systemctl is-enabled specbench-regress.timer' > "$tmp/enabled" 2>&1
	grep -qx enabled "$tmp/enabled"
	ok "systemctl is-enabled: $(cat "$tmp/enabled")" $?
	# the service's own run, shortened to a smoke run of the CPU and memory:
	# under systemd itself when it can boot in the chroot, else its command
	printf '[run]\nspec = standard\nprofile = smoke\nonly = cpu,memory\n' > "$tmp/smoke.conf"
	cp "$chroot_dir/etc/specbench/specbench.conf" "$tmp/shipped.conf"
	cp "$tmp/smoke.conf" "$chroot_dir/etc/specbench/specbench.conf"
	if boot_systemd; then
		systemd_checks
		stop_systemd
	else
		skip "systemctl list-timers and the service started by systemd" "$why_boot"
		cmd=$(sed -n 's/^ExecStart=//p' "$chroot_dir/lib/systemd/system/specbench-regress.service")
		in_root "$cmd; echo exit=\$?" > "$tmp/service.out" 2>&1
		grep -qE '^exit=[01]$' "$tmp/service.out" || grep -q 'inside the maintenance window' "$tmp/service.out"
		rc=$?
		[ $rc -eq 0 ] || tail -n 5 "$tmp/service.out" | sed 's/^/#   /'
		ok "the service's command runs ($(tail -n 1 "$tmp/service.out"))" $rc
	fi
	cp "$tmp/shipped.conf" "$chroot_dir/etc/specbench/specbench.conf"
	in_root 'specbench history list --format json' > "$tmp/list.json" 2>&1
	grep -q 'inside the maintenance window' "$tmp/service.out" ||
		[ "$(jq 'length' "$tmp/list.json" 2>/dev/null)" = 1 ]
	ok "the run is in /var/lib/specbench/history.db" $?
	in_root 'dpkg -r specbench' > "$tmp/remove.log" 2>&1
	ok "dpkg -r specbench" $?
	[ ! -e "$chroot_dir/usr/bin/specbench" ] && [ ! -e "$chroot_dir/lib/systemd/system/specbench-regress.timer" ]
	ok "dpkg -r removes the program and the units" $?
	grep -q 'inside the maintenance window' "$tmp/service.out" || [ -s "$chroot_dir/var/lib/specbench/history.db" ]
	ok "dpkg -r leaves the history (/var/lib/specbench/history.db)" $?
	[ -f "$chroot_dir/etc/specbench/specbench.conf" ]
	ok "dpkg -r leaves the operator's specbench.conf" $?
	in_root 'dpkg --purge specbench' > "$tmp/purge.log" 2>&1
	[ ! -e "$chroot_dir/etc/specbench/specbench.conf" ] &&
		[ ! -L "$chroot_dir/etc/systemd/system/timers.target.wants/specbench-regress.timer" ]
	ok "dpkg --purge removes the configuration and the timer's link" $?
	[ -d "$chroot_dir/var/lib/specbench" ]
	ok "dpkg --purge keeps the measured history too (removed by hand only)" $?
}
if [ -n "$why" ]; then
	skip "apt-get install of the .deb on a clean Debian 12" "$why"
else
	chroot_checks
fi
finish
