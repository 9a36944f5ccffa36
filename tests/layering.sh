#!/bin/sh
# layering.sh [ROOT] - the layers of the tree, checked from its includes (TAP).
#
#   cli/                                     top: commands
#   probes/ bench/ reports/ verify/
#   history/ site/ mail/                     subsystems: model and base only, never each other
#   model/                                   the run document, specs, maintenance windows:
#                                            base only
#   base/                                    bottom (strings, files, options, errors,
#                                            child processes, the sysroot path layer):
#                                            includes nothing above it
#
# Every `#include "DIR/file.h"` names the layer it reaches into (the build
# has -I. at the root); `#include "file.h"` stays in its own folder.  An
# include from a lower layer to a higher one, between two subsystems, or of
# a file that is not there is a failure.  `--self-test` builds trees with a
# wrong include and checks that each one is caught.
set -u
subsystems="probes bench reports verify history site mail"

rank() {
	case $1 in
	base) echo 0 ;;
	model) echo 1 ;;
	cli) echo 3 ;;
	*) for s in $subsystems; do [ "$1" = "$s" ] && { echo 2; return; }; done; echo -1 ;;
	esac
}

# check ROOT: print "ok"/"not ok" per source file, return the failures
check() {
	root=$1 n=0 bad=0
	for layer in base model $subsystems cli; do
		[ -d "$root/$layer" ] || continue
		for f in "$root/$layer"/*.c "$root/$layer"/*.h; do
			[ -f "$f" ] || continue
			n=$((n + 1))
			why=""
			for inc in $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f"); do
				case $inc in
				*/*) to=${inc%%/*} ;;
				*) to=$layer ;;
				esac
				if [ "$to" = "$layer" ]; then
					[ -f "$root/$layer/${inc##*/}" ] || why="$why $inc (no such file)"
					continue
				fi
				[ -f "$root/$inc" ] || why="$why $inc (no such file)"
				r_from=$(rank "$layer") r_to=$(rank "$to")
				if [ "$r_to" -lt 0 ]; then
					why="$why $inc (not a layer)"
				elif [ "$r_to" -ge "$r_from" ]; then
					why="$why $inc (${layer} may not use ${to})"
				fi
			done
			if [ -z "$why" ]; then
				echo "ok $n - ${f#"$root"/}"
			else
				echo "not ok $n - ${f#"$root"/}:$why"
				bad=$((bad + 1))
			fi
		done
	done
	# no source outside the layers (the old src/ and core/ must not come back)
	for f in "$root"/*/*.c; do
		[ -f "$f" ] || continue
		d=$(basename "$(dirname "$f")")
		[ "$(rank "$d")" -ge 0 ] || [ "$d" = tests ] || {
			n=$((n + 1)) bad=$((bad + 1))
			echo "not ok $n - ${f#"$root"/}: outside every layer"
		}
	done
	# one basename per source file across the layers: a name that says what
	# the file holds (cscope and ctags tell files apart by it too)
	for name in $(for l in base model $subsystems cli; do ls "$root/$l" 2>/dev/null; done | grep '\.c$' | sort | uniq -d); do
		n=$((n + 1)) bad=$((bad + 1))
		echo "not ok $n - $name: the same file name in two layers ($(cd "$root" && ls -d */"$name" | tr '\n' ' '))"
	done
	echo "# $n files, $bad with a wrong include or a name used twice"
	return $bad
}

if [ "${1:-}" = "--self-test" ]; then
	tmp=$(mktemp -d /tmp/specbench-layering-XXXXXX)
	trap 'rm -rf "$tmp"' EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
	t=0 fails=0
	# case NAME FILE CONTENT: a tree whose one file has CONTENT must fail
	case_() {
		rm -rf "$tmp/t" && mkdir -p "$tmp/t/base" "$tmp/t/model" "$tmp/t/bench" "$tmp/t/probes" "$tmp/t/cli" "$tmp/t/src"
		: > "$tmp/t/base/util.h"; : > "$tmp/t/base/util.c"; : > "$tmp/t/model/rundoc.h"
		: > "$tmp/t/bench/bench.h"; : > "$tmp/t/probes/probe.h"; : > "$tmp/t/cli/cli.h"
		mkdir -p "$(dirname "$tmp/t/$2")"
		printf '%s\n' "$3" > "$tmp/t/$2"
		t=$((t + 1))
		if check "$tmp/t" > "$tmp/out"; then
			echo "not ok $t - caught: $1"; fails=$((fails + 1))
		else
			echo "ok $t - caught: $1"
		fi
	}
	case_ "base including the model" base/a.c '#include "model/rundoc.h"'
	case_ "base including a subsystem" base/a.c '#include "bench/bench.h"'
	case_ "the model including a subsystem" model/a.c '#include "bench/bench.h"'
	case_ "the model including cli" model/a.c '#include "cli/cli.h"'
	case_ "a subsystem including another" bench/a.c '#include "probes/probe.h"'
	case_ "a subsystem including cli" probes/a.c '#include "cli/cli.h"'
	case_ "a relative path up" bench/a.c '#include "../probes/probe.h"'
	case_ "a missing header" cli/a.c '#include "base/nothing.h"'
	case_ "a source outside the layers" src/a.c '#include "base/util.h"'
	case_ "the old core/ back" core/a.c '#include "base/util.h"'
	case_ "a file name used in two layers" bench/util.c '#include "base/util.h"'
	rm -rf "$tmp/t" && mkdir -p "$tmp/t/base" "$tmp/t/model" "$tmp/t/bench" "$tmp/t/cli"
	: > "$tmp/t/base/util.h"; : > "$tmp/t/model/rundoc.h"; : > "$tmp/t/bench/bench.h"
	printf '#include "base/util.h"\n#include "model/rundoc.h"\n#include "bench/bench.h"\n' > "$tmp/t/cli/c.c"
	printf '#include "base/util.h"\n#include "model/rundoc.h"\n#include "bench.h"\n' > "$tmp/t/bench/b.c"
	printf '#include "base/util.h"\n' > "$tmp/t/model/m.c"
	t=$((t + 1))
	if check "$tmp/t" > "$tmp/out"; then echo "ok $t - a right tree passes"; else
		echo "not ok $t - a right tree passes"; sed 's/^/#   /' "$tmp/out"; fails=$((fails + 1)); fi
	echo "1..$t"
	echo "$t tests: $((t - fails)) passed, $fails failed"
	[ $fails -eq 0 ]
	exit
fi

root=${1:-$(dirname "$0")/..}
out=$(check "$root")
bad=$?
echo "$out"
total=$(echo "$out" | grep -c '^\(not \)\{0,1\}ok ')
echo "1..$total"
echo "$total tests: $((total - bad)) passed, $bad failed"
[ $bad -eq 0 ]
