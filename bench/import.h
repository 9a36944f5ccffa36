/* import.h - a tool's plain output as a run document; see import.c. */
#ifndef SPECBENCH_IMPORT_H
#define SPECBENCH_IMPORT_H

#include <jansson.h>
#include <stddef.h>

#include "base/error.h"

/* A run document holding benchmark id ("disk.randwrite", ..., "cpu",
 * "memory") read from text, the output of its tool (file names it in
 * messages and in imported_from); NULL with err (exit code 2) when id is
 * not importable or text is not that tool's report. */
json_t *bench_import(const char *id, const char *text, size_t len, const char *file, struct sb_error *err);

#endif
