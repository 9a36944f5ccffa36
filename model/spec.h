/*
 * spec.h - package specs: finding, parsing, validating and merging them.
 *
 * A spec is strict: every key must be known (a typo must not silently
 * weaken a check), a malformed file is reported with its line and column,
 * and "extends" chains are followed with cycle detection.  The merged spec
 * is a plain JSON object (the format is in specs/README.md) with
 * "chain": ["unifi 1.0.0", "plus 1.0.0", "standard 1.0.0"] saying where it
 * came from, "file" the top file and "files" the chain's files, child first.
 */
#ifndef SPECBENCH_SPEC_H
#define SPECBENCH_SPEC_H

#include <jansson.h>

#include "base/error.h"
#include "registry.h"

/* The benchmark check ids of a spec and the benchmark each reads are the
 * registry's check_registry[]. */

/* NAME (looked up: "standard", "apps/unifi") or FILE (absolute, ./ or ../,
 * or ending in .json); errors
 * are exit 2 and name the file, line and column where there is one. */
json_t *spec_load(const char *name_or_file, struct sb_error *err);

/* One spec from its text, checked as spec_load checks each file (without
 * following "extends"); `name` names it in messages.  For the fuzzer. */
json_t *spec_parse(const char *name, const char *text, size_t len, struct sb_error *err);

/* Where the value at path (a jsonpos path: "maintenance.windows[2].what")
 * of a merged spec was written: "FILE:LINE:COL" of the file of the chain
 * whose value stayed, in buf; -1 (buf names the top file) when no file
 * has it.  For errors found after the merge (spec_load checks each file). */
int spec_where(const json_t *spec, const char *path, char *buf, size_t size);

#endif
