/*
 * store.h - one history backend: an ops struct, like fio's I/O engines.
 *
 * history.c does everything that does not depend on the backend (finding
 * the store for a place, turning a run document into rows, checking the
 * document); a backend only keeps rows.  Each backend is one file
 * exporting one struct history_ops, listed in history_stores[] (stores.c).
 */
#ifndef SPECBENCH_HISTORY_STORE_H
#define SPECBENCH_HISTORY_STORE_H

#include <jansson.h>
#include <stdbool.h>

#include "base/error.h"
#include "history.h"

/* a SHA-256 in hex, and its NUL */
#define RECORD_DIGEST_SIZE 65

/* One check of a run's verdict: a row of run_checks (schema 8), so that
 * the page reads statuses as rows, not a JSON text parsed again. */
struct history_check {
	const char *id, *status;  /* "cpu.model", "PASS" */
};

/* A run as stored (record.c makes it from a run document). */
struct history_run {
	const char *machine_id, *hostname, *created_at, *spec, *spec_version, *profile, *verdict;
	const char *os, *kernel;
	const char *app_version, *device;  /* host.app_version, bench.device: marked when they change */
	const char *cpu;       /* the CPU's name (CPUID brand, else the kernel's model name): fleet groups by it */
	const struct history_check *checks;  /* the verdict's checks, each id once */
	size_t n_checks;
	const char *document;  /* the exact text */
	char digest[RECORD_DIGEST_SIZE];  /* SHA-256 of the text, hex (record_digest) */
};

struct history_figure {
	const char *benchmark, *metric;
	double value;
	double cv_pct, steal_pct;  /* NAN when not measured */
	bool cached, unstable;
	const char *command;       /* the command line, joined: what makes runs comparable */
	const char *tool_version;  /* "fio-3.33", "sysbench 1.0.20" */
};

struct history_ops {
	const char *name;
	/* whether where names a store of this kind */
	bool (*handles)(const char *where);
	/* open (see history_open); state in *state */
	int (*open)(const char *where, bool create, void **state, struct sb_error *err);
	void (*close)(void *state);
	/* history_init, history_grant (NULL: the store has no roles) */
	int (*init)(const char *where, const struct history_admin *io, struct sb_error *err);
	int (*grant)(const char *where, const struct history_grant *g, const struct history_admin *io,
		     struct sb_error *err);
	int (*add)(void *state, const struct history_run *run, const struct history_figure *figs, size_t n,
		   long long *id, bool *added, struct sb_error *err);
	/* the runs of f: one object per run, of SQL_LIST's columns */
	int (*list)(void *state, const struct history_filter *f, json_t *rows, struct sb_error *err);
	/* the checks of the runs of f, to cb (history.c gives them to list's rows) */
	int (*each_check)(void *state, const struct history_filter *f,
			  int (*cb)(long long run_id, const char *id, const char *status, void *ctx), void *ctx,
			  struct sb_error *err);
	int (*show)(void *state, long long id, char **text, struct sb_error *err);
	/* each figure to cb (history_each_figure) */
	int (*each_figure)(void *state, const struct history_filter *f,
			   int (*cb)(const struct history_row *row, void *ctx), void *ctx, struct sb_error *err);
	int (*ack)(void *state, const struct history_ack *a, struct sb_error *err);
	/* one object per acknowledgement of host: host, benchmark, metric,
	 * since_run, reason, created_at */
	int (*acks)(void *state, const char *host, json_t *rows, struct sb_error *err);
	/* the last alert state sent to url per metric of host: objects of
	 * benchmark, metric, state ("REGRESSED", "OK"), since_run */
	int (*notified)(void *state, const char *host, const char *url, json_t *rows, struct sb_error *err);
	int (*set_notified)(void *state, const char *host, const char *url, const char *benchmark, const char *metric,
			    const char *alert, long long since_run, struct sb_error *err);
};

extern const struct history_ops history_sqlite, history_postgres;
extern const struct history_ops *const history_stores[];  /* NULL-terminated */

#endif
