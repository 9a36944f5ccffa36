/* snapshot.h - this machine's probe inputs recorded for replay; see snapshot.c. */
#ifndef SPECBENCH_SNAPSHOT_H
#define SPECBENCH_SNAPSHOT_H

#include <limits.h>

#include "base/error.h"

struct snapshot_result {
	char path[PATH_MAX];  /* the snapshot, made absolute */
	unsigned files;       /* files recorded */
};

/* Record into out (created; must be new or empty), following the
 * filesystem of dir.  0; -1 with err (nothing left behind); or N > 0 when
 * fatal signal N arrived during the recording (the snapshot is removed, the
 * signal stays blocked and pending: exit with 128+N). */
int probes_snapshot(const char *out, const char *dir, struct snapshot_result *res, struct sb_error *err);

#endif
