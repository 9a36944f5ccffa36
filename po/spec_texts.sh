#!/bin/sh
# spec_texts.sh SPEC.json... - the texts of specs that a page shows (the
# description, each maintenance window's "what") as C, N_("...") a line,
# for xgettext: so that po/specbench.pot asks for them too.
set -eu
echo '/* made by po/spec_texts.sh: the texts of the shipped specs */'
for f in "$@"; do
	jq -r --arg f "$f" '[.description, (.maintenance.windows // [] | .[].what)] | .[] | select(. != null) |
		"/* \($f) */ N_(\(. | tojson));"' "$f"
done
