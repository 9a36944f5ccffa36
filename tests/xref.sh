#!/bin/sh
# xref.sh [--self-test] - the layers checked from the calls (TAP): a
# cross-reference of the tree made by cscope and universal-ctags
# (tests/tools/xref.py says what is checked), agreeing with
# tests/layering.sh, which checks the includes.  --self-test builds small
# trees that break one rule each and checks that each one is caught.
set -u
here=$(cd "$(dirname "$0")" && pwd)
xref=$here/tools/xref.py
for tool in cscope ctags; do
	if ! command -v $tool > /dev/null 2>&1; then
		echo "1..0 # SKIP $tool is not installed (make deps installs it)"
		echo "0 tests: 0 passed, 0 failed, 1 skipped"
		exit 0
	fi
done

if [ "${1:-}" != --self-test ]; then
	out=$(/usr/bin/python3 "$xref" "$here/..")
	rc=$?
	echo "$out"
	n=$(echo "$out" | grep -c '^ok ')
	bad=$(echo "$out" | grep -c '^not ok ')
	echo "$((n + bad)) tests: $n passed, $bad failed"
	exit $rc
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
t=0 fails=0
# tree NAME: an empty tree with one right file per layer
tree() {
	rm -rf "$tmp/t"
	mkdir -p "$tmp/t/base" "$tmp/t/model" "$tmp/t/bench" "$tmp/t/probes" "$tmp/t/cli"
	printf 'int base_fn(void) { return 0; }\n' > "$tmp/t/base/b.c"
	printf 'int base_fn(void);\nint model_fn(void) { return base_fn(); }\n' > "$tmp/t/model/m.c"
	printf 'int model_fn(void);\nint bench_fn(void) { return model_fn(); }\n' > "$tmp/t/bench/x.c"
	printf 'int base_fn(void);\nint probe_fn(void) { return base_fn(); }\n' > "$tmp/t/probes/p.c"
	printf 'int bench_fn(void);\nint probe_fn(void);\nint cli_fn(void) { return bench_fn() + probe_fn(); }\n' \
		> "$tmp/t/cli/c.c"
}
# expect WHAT RC [PATTERN]: the checker's exit code on the tree is RC, and a
# failure names what broke the rule (PATTERN, a fixed string), not anything
expect() {
	t=$((t + 1))
	/usr/bin/python3 "$xref" "$tmp/t" > "$tmp/out" 2>&1
	rc=$?
	if [ $rc -eq "$2" ] && { [ "$2" -eq 0 ] || grep -qF "#   ${3:-}" "$tmp/out"; } &&
	   [ "$(grep -c '^#   ' "$tmp/out")" -eq $((rc == 0 ? 0 : 1)) ]; then
		echo "ok $t - $1"
	else
		echo "not ok $t - $1 (exit $rc)"
		sed 's/^/#   /' "$tmp/out"
		fails=$((fails + 1))
	fi
}
tree
expect "a right tree passes" 0
tree
printf 'int cli_fn(void);\nint base_fn(void) { return cli_fn(); }\n' > "$tmp/t/base/b.c"
expect "base calling cli (a hand-written prototype, no include) is caught" 1 "base/b.c:2: base_fn calls cli_fn of cli/"
tree
printf 'int bench_fn(void);\nint probe_fn(void) { return bench_fn(); }\n' > "$tmp/t/probes/p.c"
expect "one subsystem calling another is caught" 1 "probes/p.c:2: probe_fn calls bench_fn of bench/"
tree
printf 'int probe_fn(void);\nint model_fn(void) { return probe_fn(); }\n' > "$tmp/t/model/m.c"
expect "the model calling a subsystem is caught" 1 "model/m.c:2: model_fn calls probe_fn of probes/"
tree
printf 'int base_fn(void) { return 1; }\n' > "$tmp/t/cli/dup.c"
expect "a function defined in two files is caught" 1 "base_fn is defined in"
tree
printf 'static int base_fn(int x) { return x; }\nint probe_fn(void) { return base_fn(1); }\n' > "$tmp/t/probes/p.c"
expect "a static function named like another file's function is caught" 1 "probes/p.c: static base_fn() is named like base/b.c's base_fn"
tree
printf 'struct record { int a; };\nint base_fn(void) { return 0; }\n' > "$tmp/t/base/b.c"
printf 'static int record(void) { return 0; }\nint cli_fn(void) { return record(); }\n' > "$tmp/t/cli/c.c"
expect "a static function named like another module's struct is caught" 1 "cli/c.c: static record() is named like base/b.c's record"
tree
printf 'struct row { int a; };\n' > "$tmp/t/bench/row.h"
printf 'struct row { int b; };\n' > "$tmp/t/probes/row.h"
expect "a struct name used by two folders is caught" 1 "struct/type row is defined in bench/row.h and probes/row.h"
echo "1..$t"
echo "$t tests: $((t - fails)) passed, $fails failed"
[ $fails -eq 0 ]
