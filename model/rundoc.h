/*
 * rundoc.h - the run document.
 *
 * One JSON object flows through specbench: probes and benchmarks write into
 * it, verify and the reports only read it, and it is also the file
 * format (RUN.json), so any step can be replayed from a saved run.
 *
 *   { "schema": "specbench.run", "schema_version": 1,
 *     "specbench_version": "...", "created_at": "2026-11-22T08:00:00Z",
 *     "host": { "hostname", "machine_id", "kernel", "os", "sysroot",
 *               and, when given, "app_version" },
 *     "probe": {...}, later "bench": {...}, "verdict": {...} }
 *
 * Every field is described by model/run.schema.json (JSON Schema 2020-12);
 * its values are read and written by path through base/docpath.h.
 */
#ifndef SPECBENCH_RUNDOC_H
#define SPECBENCH_RUNDOC_H

#include <jansson.h>
#include <stdbool.h>

#include "base/error.h"
#include "base/sysroot.h"

#define RUNDOC_SCHEMA "specbench.run"
#define RUNDOC_SCHEMA_VERSION 1

/* A new document with schema, version, time and host, the host object the
 * probes read (probe_host, probes/host.c; taken over) or NULL for none (an
 * imported tool's output names no machine). */
json_t *rundoc_new(json_t *host);

/* The document as a file holds it: pretty JSON and a final newline
 * (malloc'd; NULL when out of memory).  A history stores these bytes. */
char *rundoc_text(const json_t *doc);

/* Which machine a document (or a report with a "host" object) is of: its
 * machine id, which stays when the VM is renamed, else its hostname; NULL
 * when it has neither. */
const char *rundoc_host_key(const json_t *doc);

/* Pretty JSON to `path` ("-" = stdout), written to a temporary file and
 * renamed, so a reader never sees half a document. */
int rundoc_write(const json_t *doc, const char *path, struct sb_error *err);

/* A new document in dir as BASE.json, or BASE-2.json, BASE-3.json, ... when
 * that name is taken: written to a temporary file and linked to a name that
 * does not exist yet, so neither a reader nor a run started in the same
 * second ever sees half a document or loses one.  The name is in path. */
#define RUNDOC_MAX_SAME_NAME 1000
int rundoc_store_new(const char *text, const char *dir, const char *base, char *path, size_t size,
		     struct sb_error *err);

/* Where `run` stores its documents: /var/lib/specbench/runs for root,
 * $XDG_DATA_HOME/specbench/runs (~/.local/share/specbench/runs) otherwise. */
void rundoc_runs_dir(char *buf, size_t size);
/* A run document stored in dir (made when missing) as <time>-<host>.json,
 * by rundoc_store_new: never over another's.  The name is in path.  text
 * is rundoc_text(doc): a run is turned into text once, and the file, the
 * spool and the history get the same bytes. */
int rundoc_store_run(const json_t *doc, const char *text, const char *dir, char *path, size_t size,
		     struct sb_error *err);

/* The numbers of a document read from a file are checked before any
 * verdict is drawn from them: every number under "probe" and "bench" is a
 * count, size, rate, latency or share, so it must be finite, not negative
 * and plausible: below RUNDOC_MAX_FACT for the probe (bytes of memory and
 * disks) and RUNDOC_MAX_FIGURE for the benchmarks (1e15 IOPS, events/s or
 * bytes moved in one run is no machine's); a wrong one is an error naming
 * the file and the field, never a PASS.  0 or -1 with err (exit 2). */
/* Is figure (a path inside bench.<benchmark>) a headline figure of the
 * registry (model/registry.h): what a spec may reference and what must be
 * a number when present? */
bool rundoc_figure_known(const char *benchmark, const char *figure);

#define RUNDOC_MAX_FACT 9.2e18
#define RUNDOC_MAX_FIGURE 1e15
int rundoc_check_numbers(const json_t *doc, const char *file, struct sb_error *err);

#endif
