/* judge.h - a host's latest run against its own past; see judge.c. */
#ifndef SPECBENCH_JUDGE_H
#define SPECBENCH_JUDGE_H

#include <jansson.h>

#include "base/error.h"
#include "history.h"

/* The regression report of host's newest stored run, or of run_doc (a
 * document, stored or not: run_id its id in the history, or 0) against
 * host's past: one entry per metric with
 * its state (OK, IMPROVED, SUSPECT, REGRESSED, INSUFFICIENT), baseline,
 * change and attribution, and the overall status.  spec: figures measured
 * under more CPU steal than its limits.max_steal_pct, or inside its
 * maintenance windows, never enter a baseline. */
int history_judge(struct history *h, const char *host, const json_t *run_doc, long long run_id,
		  const json_t *spec, json_t **report, struct sb_error *err);

/* history_judge of host's newest stored run, handing cb each figure of
 * host it reads (oldest first), as history_each_figure would: the
 * dashboard draws a VM's series from the one reading.  A cb that returns
 * non-zero stops it (-1, out of memory). */
int history_judge_each(struct history *h, const char *host, const json_t *spec,
		       int (*cb)(const struct history_row *row, void *ctx), void *ctx, json_t **report,
		       struct sb_error *err);

/* The overall status of a report's metrics (after some were judged again):
 * REGRESSED (unacknowledged), SUSPECT, INSUFFICIENT (all of them) or OK. */
const char *regress_status(const json_t *metrics);

#endif
