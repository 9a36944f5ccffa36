#!/bin/sh
# golden.sh [--update] - every fixture machine's whole output, compared with
# its golden file (TAP), as util-linux's lscpu tests do.
#
# For each machine of tests/fixtures (recorded) and of the built fixtures
# ($FIXTURES, tests/fixtures/build.sh), and for two with an SMBIOS table:
#   tests/golden/NAME.probe.json   specbench probe --json
#   tests/golden/NAME.probe.txt    specbench probe (the table)
#   tests/golden/NAME.verify.txt   specbench verify --spec standard --format table
# with what changes from run to run made constant: the time, the version,
# and the directory the machine was built in.  A difference fails and is
# shown; after an intended change, `make golden` writes the files anew
# (review the diff before committing it).
set -u
sb=${SPECBENCH:-build/specbench}
fx=${FIXTURES:?FIXTURES must name the built fixtures}
here=$(cd "$(dirname "$0")" && pwd)
golden=$here/golden
update=0
[ "${1:-}" = "--update" ] && update=1
tmp=$(mktemp -d /tmp/specbench-golden-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
. "$here/lib.sh"

# normalize FILE: the varying parts made constant
normalize() {
	sed -e "s|$fx/|@FIXTURES@/|g" -e "s|$here/fixtures/|@RECORDED@/|g" \
	    -e 's|"created_at": "[^"]*"|"created_at": "@TIME@"|' \
	    -e 's|"specbench_version": "[^"]*"|"specbench_version": "@VERSION@"|' "$1"
}

# one NAME SYSROOT [PROBE-ARGS...]: the three outputs of one machine
one() {
	name=$1 root=$2
	shift 2
	NO_COLOR=1 "$sb" probe --json --sysroot "$root" "$@" > "$tmp/$name.probe.json.raw" 2>&1
	NO_COLOR=1 "$sb" probe --sysroot "$root" "$@" > "$tmp/$name.probe.txt.raw" 2>&1
	NO_COLOR=1 "$sb" verify --spec standard --results "$tmp/$name.probe.json.raw" --format table \
		> "$tmp/$name.verify.txt.raw" 2>&1
	for kind in probe.json probe.txt verify.txt; do
		normalize "$tmp/$name.$kind.raw" > "$tmp/$name.$kind"
		if [ $update -eq 1 ]; then
			cp "$tmp/$name.$kind" "$golden/$name.$kind"
			continue
		fi
		if [ ! -f "$golden/$name.$kind" ]; then
			ok "$name.$kind: no golden file (make golden)" 1
			continue
		fi
		diff -u "$golden/$name.$kind" "$tmp/$name.$kind" > "$tmp/diff"
		rc=$?
		[ $rc -eq 0 ] || head -n 30 "$tmp/diff" | sed 's/^/#   /'
		ok "$name.$kind is its golden file" $rc
	done
}

for m in "$here"/fixtures/*/ "$fx"/*/; do
	one "$(basename "$m")" "${m%/}"
done
one epyc-rome-metal+smbios-ecc "$fx/epyc-rome-metal" --smbios "$fx/smbios-ecc.bin"
one xeon-gold-vm+smbios-qemu "$fx/xeon-gold-vm" --smbios "$fx/smbios-qemu.bin"

if [ $update -eq 1 ]; then
	# a machine that is gone leaves no golden file behind
	for g in "$golden"/*; do
		[ -f "$tmp/$(basename "$g")" ] || rm -f "$g"
	done
	echo "golden files written to $golden: review them with git diff"
	exit 0
fi
# and no golden file without its machine
for g in "$golden"/*; do
	[ -f "$tmp/$(basename "$g")" ]
	ok "$(basename "$g") belongs to a fixture machine" $?
done
finish
