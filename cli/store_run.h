/* store_run.h - a run into the history, judged; --recheck; see store_run.c. */
#ifndef SPECBENCH_STORE_RUN_H
#define SPECBENCH_STORE_RUN_H

#include <jansson.h>

#include "bench/session.h"
#include "core/error.h"
#include "core/options.h"

struct store_opts {
	const char *history;            /* NULL: the default */
	const struct opt_list *notify;  /* --notify places, or NULL */
	const char *mail_from;          /* NULL: specbench@HOSTNAME */
	const char *outdir;             /* where run documents are stored */
};

/* doc (stored in outdir already) into the history; with report, judged
 * there, and the alerts it calls for sent (a failure in alert_err). */
int store_in_history(const json_t *doc, const struct store_opts *s, const json_t *spec, json_t **report,
		     struct sb_error *alert_err, struct sb_error *err);

/* The benchmarks of report's SUSPECT metrics run again with b (as a run of
 * their own, with doc's probe facts), stored and judged; report takes the
 * new judgement of those metrics. */
void recheck_suspects(const json_t *doc, json_t *report, const struct bench_opts *b, const struct store_opts *s,
		      const json_t *spec, struct sb_error *alert_err, struct sb_error *err);

#endif
