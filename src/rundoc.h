/*
 * rundoc.h - the run document.
 *
 * One JSON object flows through specbench: probes and benchmarks write into
 * it, verify, report and history only read it, and it is also the file
 * format (RUN.json), so any step can be replayed from a saved run.
 *
 *   { "schema": "specbench.run", "schema_version": 1,
 *     "specbench_version": "...", "created_at": "2026-11-22T08:00:00Z",
 *     "host": { "hostname", "kernel", "os", "sysroot" },
 *     "probe": {...}, later "bench": {...}, "verdict": {...} }
 */
#ifndef SPECBENCH_RUNDOC_H
#define SPECBENCH_RUNDOC_H

#include <jansson.h>

#include "error.h"
#include "sysroot.h"

#define RUNDOC_SCHEMA "specbench.run"
#define RUNDOC_SCHEMA_VERSION 1

/* A new document with schema, version, time and the host it describes
 * (read through the sysroot, so a replay names the recorded machine). */
json_t *rundoc_new(const struct sysroot *sr);

/* Pretty JSON to `path` ("-" = stdout), written to a temporary file and
 * renamed, so a reader never sees half a document. */
int rundoc_write(const json_t *doc, const char *path, struct sb_error *err);

#endif
