/*
 * history.h - the history of runs: every `specbench run` of a VM stored, so
 * that the VM can be compared with its own past.
 *
 * A history lives in a store: SQLite (a file, embedded, the default) now,
 * PostgreSQL later, each one file exporting one struct history_ops
 * (store.h), listed in history_stores[] (stores.c), the way fio lists its
 * I/O engines.  What is stored is backend-independent (record.c): one row
 * per run (identity, time, spec, profile, verdict and the whole run
 * document, byte for byte) and one row per headline figure (benchmark,
 * metric, value, CV, steal, cached and unstable flags).
 *
 * Where: --history FILE, else /var/lib/specbench/history.db for root and
 * $XDG_DATA_HOME/specbench/history.db (~/.local/share/...) otherwise.
 */
#ifndef SPECBENCH_HISTORY_H
#define SPECBENCH_HISTORY_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "base/error.h"

struct history;

/* The default place of the history (see above). */
void history_default_path(char *buf, size_t size);

/* Open the history at where (a file name; NULL: the default place);
 * create: make it (and its directory) when missing, else a missing history
 * is an error.  A file
 * that is not a specbench history, is corrupt, or has a newer schema than
 * this specbench knows is refused with exit code 2 and left untouched. */
struct history *history_open(const char *where, bool create, struct sb_error *err);

/* A history of the process's own that keeps nothing (SQLite in memory):
 * the spec page's rows made from --results.  The one way to get one:
 * history_open() refuses ":memory:" and SQLite's "file:" names, which a
 * person gives only by mistake (they said "stored" and kept nothing). */
struct history *history_open_scratch(struct sb_error *err);
void history_close(struct history *h);

/* `history init`: make the store at where, or bring an older one up to
 * this specbench's schema.  For PostgreSQL this is the owner's command,
 * the one that makes tables, roles and policies (pg_schema.c); a VM never
 * makes them.  sql non-NULL: write the SQL there and touch nothing (where
 * may then be NULL).  What was done goes to out, warnings to warn. */
struct history_admin {
	FILE *sql, *out, *warn;
};
int history_init(const char *where, const struct history_admin *io, struct sb_error *err);

/* `history grant`: a role for one VM (host) or for fleet and the page
 * (reader), made when missing; PostgreSQL only. */
struct history_grant {
	const char *host;        /* a VM's role: its certificate's CN */
	const char *hostname;    /* the hostname its runs carry (default: the role's name) */
	const char *machine_id;  /* its machine id, pinned now (default: its first run's) */
	const char *reader;      /* a role that reads every run */
};
int history_grant(const char *where, const struct history_grant *g, const struct history_admin *io,
		  struct sb_error *err);

/* Store a run document: text is its exact bytes (what `history show`
 * gives back), doc the same parsed.  One transaction: all of it or nothing.
 * *id is the run's id; *added is false when the very same document was
 * stored before (then *id is that run's). */
int history_add(struct history *h, const json_t *doc, const char *text, long long *id, bool *added,
		struct sb_error *err);

/* A known regression, acknowledged: the step of one metric of one host
 * that began at run since_run stops alerting, until the metric moves again
 * (a new step begins at another run). */
struct history_ack {
	const char *host;  /* the machine id, or the hostname without one */
	const char *benchmark, *metric;
	long long since_run;
	const char *reason;
};
int history_ack(struct history *h, const struct history_ack *a, struct sb_error *err);
/* The acknowledgements of host, as objects (see store.h). */
int history_acks(struct history *h, const char *host, json_t **rows, struct sb_error *err);

/* The last alert state sent to url per metric of host (notify.c). */
int history_notified(struct history *h, const char *host, const char *url, json_t **rows, struct sb_error *err);
int history_set_notified(struct history *h, const char *host, const char *url, const char *benchmark,
			 const char *metric, const char *alert, long long since_run, struct sb_error *err);

/* The stored document of run id, parsed; NULL with err. */
json_t *history_document(struct history *h, long long id, struct sb_error *err);

/* What list and export select; NULL/0 fields select everything. */
struct history_filter {
	const char *host;   /* a machine id, or a hostname */
	const char *spec;
	const char *since;  /* YYYY-MM-DD or a full UTC time, inclusive */
	int newest;         /* only each host's newest N runs (0: all) */
};

/* One object per run, oldest first: id, created_at, machine_id, hostname,
 * spec, spec_version, profile, verdict. */
int history_list(struct history *h, const struct history_filter *f, json_t **rows, struct sb_error *err);

/* The stored document of run id, byte for byte (malloc'd); exit code 2
 * when there is no such run. */
int history_show(struct history *h, long long id, char **text, struct sb_error *err);

/* A stored figure with what it says of its run (absent facts NULL, or NAN
 * for a number). */
struct history_row {
	long long run_id;
	const char *created_at, *machine_id, *hostname, *profile;
	const char *benchmark, *metric, *command, *tool_version;
	const char *cpu;  /* the run's CPU (struct history_run), or NULL */
	double value, cv_pct, steal_pct;
	bool cached, unstable;
};

/* Each figure, oldest run first, to cb (its strings live until cb
 * returns); a cb that returns non-zero stops the walk and is returned.
 * For 10,000 runs a reader that needs no JSON row per figure. */
int history_each_figure(struct history *h, const struct history_filter *f,
			int (*cb)(const struct history_row *row, void *ctx), void *ctx, struct sb_error *err);

/* The same as one object per figure, to cb one at a time (a year of a
 * fleet is millions of figures: an array of them all took gigabytes):
 * run_id, created_at, machine_id, hostname, profile, benchmark, metric,
 * value, cv_pct, steal_pct, cached, unstable, command, tool_version.  The
 * object is cb's only for the call.  0; -1 with err when the store or
 * memory failed; a cb's non-zero return stops the walk and is returned. */
int history_export(struct history *h, const struct history_filter *f, int (*cb)(const json_t *row, void *ctx),
		   void *ctx, struct sb_error *err);

#endif
