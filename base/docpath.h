/*
 * docpath.h - the one way specbench reads a JSON value by its path: a run
 * document, a spec, and the JSON other programs hand us (fio, nft, the
 * alert manager) alike.  Typed, const-correct getters and a setter that
 * makes the objects on the way.  It is in base/ because it knows no
 * document: every layer reads with it, none with jansson's
 * json_string_value(json_object_get(...)) chains.
 *
 * A path is keys joined by '.', with [N] for an array element:
 * "probe.storage.arrays[0].state"; the empty path "" is the value itself
(rd_str_or(element, "", "?") for an array's element).  A key that itself holds a dot (the
 * metric names of bench.<id>.stats, "read.iops") is taken from its parent
 * object with json_object_get.  Every path the code spells is a path of
 * model/run.schema.json (tests/schema.sh checks that each literal given to
 * these functions with a whole run document names a place the schema
 * describes), so a renamed field cannot leave a reader behind silently.
 *
 * Getters never fail loudly: a part that is missing, or of another type,
 * gives NULL / false, which callers report as "not measured" or "unknown".
 */
#ifndef SPECBENCH_DOCPATH_H
#define SPECBENCH_DOCPATH_H

#include <jansson.h>
#include <stdbool.h>

#define RD_MAX_KEY 128  /* longer keys are never found */

/* The value at path, or NULL. */
const json_t *rd_get(const json_t *doc, const char *path);
/* The same for a document the caller may change. */
json_t *rd_get_mut(json_t *doc, const char *path);

/* A string, or NULL when absent or not a string. */
const char *rd_str(const json_t *doc, const char *path);
/* The same, dflt instead of NULL. */
const char *rd_str_or(const json_t *doc, const char *path, const char *dflt);
/* An integer: true and *out, or false when absent or not an integer. */
bool rd_int(const json_t *doc, const char *path, long long *out);
/* A number (integer or real): true and *out, or false. */
bool rd_num(const json_t *doc, const char *path, double *out);
/* The same with dflt for what is absent or of another type: for figures
 * that are summed or shown, where "missing" reads as 0. */
long long rd_int_or(const json_t *doc, const char *path, long long dflt);
double rd_num_or(const json_t *doc, const char *path, double dflt);
/* True only for JSON true. */
bool rd_true(const json_t *doc, const char *path);

/* The object at path, made (with every object on the way) when missing;
 * NULL when a part exists but is not an object, or on out of memory. */
json_t *rd_object(json_t *doc, const char *path);
/* Set the value at path (its last part a key), stealing the reference to
 * value; the objects on the way are made.  0, or -1 (value released) when a
 * part is not an object or the path ends in an index. */
int rd_set(json_t *doc, const char *path, json_t *value);

#endif
