/* store_run.h - a run into the history, judged; --recheck; see store_run.c. */
#ifndef SPECBENCH_STORE_RUN_H
#define SPECBENCH_STORE_RUN_H

#include <jansson.h>

#include "base/error.h"
#include "base/options.h"
#include "bench/session.h"

struct store_opts {
	const char *history;  /* NULL: the default */
	const char *outdir;   /* where run documents are stored */
	const char *spool;    /* where runs wait for a central history (NULL: the default) */
	const char *doc_path; /* the stored document, named when even the spool cannot keep it; or NULL */
};

/* doc (stored in outdir already; text its rundoc_text, the bytes the
 * file holds) into the history; with report, judged
 * there against the machine's past.  A central history (a URL) gets the
 * spooled runs first (history/spool.h); when it cannot take doc, doc is
 * spooled, and the error (exit 3) says so. */
int store_in_history(const json_t *doc, const char *text, const struct store_opts *s, const json_t *spec,
		     json_t **report, struct sb_error *err);

/* The benchmarks of report's SUSPECT metrics run again with b (as a run of
 * their own, with doc's probe facts), stored and judged; report takes the
 * new judgement of those metrics.  0 (also when none was SUSPECT), -1 with
 * err, or 128+N when fatal signal N stopped the benchmark. */
int recheck_suspects(const json_t *doc, json_t *report, const struct bench_opts *b, const struct store_opts *s,
		     const json_t *spec, struct sb_error *err);

/* The alerts report calls for (alerts.h), sent once the judgement is final
 * (after a recheck), with the history opened for what was sent before. */
int store_alerts(const struct store_opts *s, const json_t *report, const struct opt_list *urls,
		 const char *mail_from, struct sb_error *err);

#endif
