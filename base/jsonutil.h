/* jsonutil.h - small jansson helpers: null for what is not known.  They are
 * named sbj_* (and printable.h's too), never json_*: that prefix is
 * jansson's, and a reader should not have to guess which library a call
 * goes to. */
#ifndef SPECBENCH_JSONUTIL_H
#define SPECBENCH_JSONUTIL_H

#include <jansson.h>

#include "error.h"

json_t *sbj_str_or_null(const char *s);
json_t *sbj_int_or_null(long long v, int known);
/* A real number, or null when it is not finite: jansson refuses NaN and
 * infinity (json_real returns NULL), and one such value read from a store
 * must not fail a whole fleet's output. */
json_t *jreal_or_null(double v);
/* A figure as text with a printf format for one double ("%.2f"), or
 * "missing" when v is not a number: a figure that was not measured is never
 * shown as 0.00.  Returns buf. */
const char *jfig(char *buf, size_t size, const char *fmt, const json_t *v);


/* Parse a JSON file ("-": standard input), a regular file only (safeopen.h);
 * on error exit code 2 and a message naming the file, line and column but
 * never quoting its text. */
json_t *sbj_load_named(const char *path, size_t flags, struct sb_error *err);
/* The same, also handing back the file's text (malloc'd) on success, for
 * messages that point at a line. */
json_t *sbj_load_text(const char *path, size_t flags, char **text, struct sb_error *err);

#endif
