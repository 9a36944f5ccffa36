/*
 * verify.h - comparing a run document with a package spec.
 *
 * One check per requirement, each {id, status, expected, observed,
 * evidence}.  Statuses are honest: PASS; FAIL when observed and wrong; WARN
 * inside the tolerance band, or when a figure was cached, unstable or taken
 * under high steal, or a newer CPU generation than the published text;
 * SKIP when not measured (a missing benchmark is never a PASS);
 * UNVERIFIABLE when the fact cannot be seen from inside this VM (the
 * host's ECC, NVMe and RAID behind a virtio disk), with the evidence that
 * was used instead.
 */
#ifndef SPECBENCH_VERIFY_H
#define SPECBENCH_VERIFY_H

#include <jansson.h>

#include "base/error.h"

/* The verdict object: {spec, spec_version, spec_chain, status, counts, checks[]}. */
json_t *verify_run(const json_t *spec, const json_t *run);

/* The same verdict with the mail and DNS checks alone (specbench mail). */
json_t *verify_mail_only(const json_t *spec, const json_t *run);

/* Load a results file: a run document of this schema and version, else
 * exit 2 naming the file (and line and column for malformed JSON). */
json_t *verify_load_results(const char *path, struct sb_error *err);

/* Does the verdict hold a FAIL? */
int verify_failed(const json_t *verdict);

#endif
