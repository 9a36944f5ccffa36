/* attribute.h - what changed under a machine at a run; see attribute.c. */
#ifndef SPECBENCH_ATTRIBUTE_H
#define SPECBENCH_ATTRIBUTE_H

#include <jansson.h>

#include "history.h"

/* Append to out one string per recorded fact that differs between run
 * before_id and run at_id ("kernel 6.1.0-26 → 6.1.0-28").  A run whose id
 * is judged_id (0: a document not stored) is judged_doc.  benchmark names
 * the tool whose version counts ("disk.randrw": fio). */
void attribute_change(struct history *h, long long before_id, long long at_id, long long judged_id,
		      const json_t *judged_doc, const char *benchmark, json_t *out);

#endif
