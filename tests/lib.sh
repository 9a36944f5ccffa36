# lib.sh - the shell test helpers: each check prints "ok N - ..." or
# "not ok N - ..." and the caller ends with `finish`.  Needs $tmp.
n=0
fails=0
skips=0

ok() {  # ok DESCRIPTION EXIT-CODE-OF-THE-CONDITION
	n=$((n + 1))
	if [ "$2" -eq 0 ]; then
		echo "ok $n - ${live:-}$1"
	else
		echo "not ok $n - ${live:-}$1"
		fails=$((fails + 1))
	fi
}
skip() {  # skip DESCRIPTION REASON: a check that cannot run on this machine
	n=$((n + 1))
	skips=$((skips + 1))
	echo "ok $n - ${live:-}$1 # SKIP $2"
}
# expect CODE DESCRIPTION COMMAND...: the command exits with CODE
expect() {
	want=$1 desc=$2
	shift 2
	"$@" > "$tmp/out" 2> "$tmp/err"
	got=$?
	[ "$got" -eq "$want" ]
	lib_rc=$?
	[ $lib_rc -eq 0 ] || sed 's/^/#   stderr: /' "$tmp/err" | head -n 5
	ok "$desc (exit $got, want $want)" $lib_rc
}
has() {  # has FILE TEXT DESCRIPTION
	grep -qF -- "$2" "$1"
	ok "$3" $?
}
jeq() {  # jeq FILE JQ-FILTER EXPECTED DESCRIPTION
	got=$(jq -r "$2" "$1" 2>&1)
	[ "$got" = "$3" ]
	lib_rc=$?
	[ $lib_rc -eq 0 ] || echo "#   $2: got '$got', want '$3'"
	ok "$4" $lib_rc
}
# schema_ok DESCRIPTION FILE...: every file is a run document the schema
# (model/run.schema.json) accepts
schema_ok() {
	desc=$1
	shift
	/usr/bin/python3 "$(dirname "$0")/tools/schema_check.py" "$(dirname "$0")/../model/run.schema.json" "$@" \
		> "$tmp/schema.out" 2>&1
	lib_rc=$?
	[ $lib_rc -eq 0 ] || grep -v '^ok ' "$tmp/schema.out" | sed 's/^/#   /' | head -n 10
	ok "$desc" $lib_rc
}
finish() {
	echo "1..$n"
	echo "$n tests: $((n - fails - skips)) passed, $fails failed, $skips skipped"
	[ "$fails" -eq 0 ]
}
