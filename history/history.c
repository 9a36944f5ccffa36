/* history.c - a history, whatever its store; see history.h. */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/docpath.h"
#include "base/jsonutil.h"
#include "base/files.h"
#include "record.h"
#include "store.h"

struct history {
	const struct history_ops *ops;
	void *state;
};

void history_default_path(char *buf, size_t size)
{
	data_path("history.db", buf, size);
}

static struct history *open_store(const char *where, bool create, struct sb_error *err);

struct history *history_open(const char *where, bool create, struct sb_error *err)
{
	char path[PATH_MAX];

	if (!where) {
		history_default_path(path, sizeof(path));
		where = path;
	}
	/* SQLite's own names keep nothing: "stored as run 1" would be a lie,
	 * and "file:..." made a directory of that name */
	if (!*where || !strcmp(where, ":memory:") || !strncmp(where, "file:", 5)) {
		sb_fail(err, SB_EXIT_USAGE, "--history '%.200s': %s", where, !*where ? "empty: name a file" :
			"SQLite's in-memory and URI names are no history (nothing would be kept): name a file");
		return NULL;
	}
	return open_store(where, create, err);
}

struct history *history_open_scratch(struct sb_error *err)
{
	return open_store(":memory:", true, err);
}

static struct history *open_store(const char *where, bool create, struct sb_error *err)
{
	struct history *h;
	const struct history_ops *const *o = history_stores;

	while (*o && !(*o)->handles(where))
		o++;
	if (!*o) {
		sb_fail(err, SB_EXIT_USAGE, "--history %s: no history store knows this kind of place", where);
		return NULL;
	}
	h = calloc(1, sizeof(*h));
	if (!h) {
		sb_fail(err, SB_EXIT_SYSTEM, "out of memory");
		return NULL;
	}
	h->ops = *o;
	if (h->ops->open(where, create, &h->state, err)) {
		free(h);
		return NULL;
	}
	return h;
}

static const struct history_ops *admin_ops(const char *where, const struct history_admin *io,
					   struct sb_error *err)
{
	const struct history_ops *const *o = history_stores;

	if (!where && !io->sql) {
		sb_usage(err, "--history URL is needed: the store to set up");
		return NULL;
	}
	/* the SQL of a store that is not named: PostgreSQL's, the one that has any */
	while (*o && !(where ? (*o)->handles(where) : !!(*o)->grant))
		o++;
	if (!*o)
		sb_fail(err, SB_EXIT_USAGE, "--history %s: no history store knows this kind of place", where);
	return *o;
}

int history_init(const char *where, const struct history_admin *io, struct sb_error *err)
{
	const struct history_ops *o = admin_ops(where, io, err);
	struct history *h;

	if (!o)
		return -1;
	if (o->init)
		return o->init(where, io, err);
	/* a store without roles (SQLite): made as its first run would */
	if (io->sql)
		return sb_fail(err, SB_EXIT_USAGE, "%s: a %s history runs no SQL of an operator's: it is made as it is "
			       "opened", where, o->name);
	if (!(h = history_open(where, true, err)))
		return -1;
	history_close(h);
	fprintf(io->out, "%s: a specbench history (%s), ready\n", where, o->name);
	return 0;
}

int history_grant(const char *where, const struct history_grant *g, const struct history_admin *io,
		  struct sb_error *err)
{
	const struct history_ops *o = admin_ops(where, io, err);

	if (o && !o->grant)
		return sb_fail(err, SB_EXIT_USAGE, "%s: a %s history is one machine's own file: it has no roles to "
			       "grant (roles are a PostgreSQL history's)", where, o->name);
	return o ? o->grant(where, g, io, err) : -1;
}

void history_close(struct history *h)
{
	if (!h)
		return;
	h->ops->close(h->state);
	free(h);
}

int history_add(struct history *h, const json_t *doc, const char *text, long long *id, bool *added,
		struct sb_error *err)
{
	struct record *r = malloc(sizeof(*r));
	int rc;

	if (!r)
		return sb_fail(err, SB_EXIT_SYSTEM, "out of memory");
	rc = record_from(doc, text, r, err);
	if (rc == 0)
		rc = h->ops->add(h->state, &r->run, r->figs, r->n, id, added, err);
	record_clear(r);
	free(r);
	return rc;
}

/* A run's checks go into its row's "checks" object, found by id.  A run
 * stored between the two queries is not in the rows, and its checks are
 * passed over. */
static int add_check(long long run_id, const char *id, const char *status, void *ctx)
{
	char key[24];
	json_t *row;

	snprintf(key, sizeof(key), "%lld", run_id);
	row = json_object_get(ctx, key);
	if (row && json_is_object(json_object_get(row, "checks")))
		json_object_set_new(json_object_get(row, "checks"), id, json_string(status));
	return 0;
}

int history_list(struct history *h, const struct history_filter *f, json_t **rows, struct sb_error *err)
{
	json_t *by_id = json_object(), *row;
	size_t i;
	int rc;

	*rows = json_array();
	rc = h->ops->list(h->state, f, *rows, err);
	/* a run with a verdict has an object of checks (perhaps empty), one
	 * without has null: history.schema.json */
	json_array_foreach(*rows, i, row) {
		char key[24];

		snprintf(key, sizeof(key), "%lld", (long long)rd_int_or(row, "id", 0));
		json_object_set(by_id, key, row);
		json_object_set_new(row, "checks", rd_str(row, "verdict") ? json_object() : json_null());
	}
	if (!rc)
		rc = h->ops->each_check(h->state, f, add_check, by_id, err);
	json_decref(by_id);
	if (rc) {
		json_decref(*rows);
		*rows = NULL;
		return -1;
	}
	return 0;
}

int history_show(struct history *h, long long id, char **text, struct sb_error *err)
{
	return h->ops->show(h->state, id, text, err);
}

int history_ack(struct history *h, const struct history_ack *a, struct sb_error *err)
{
	return h->ops->ack(h->state, a, err);
}

int history_acks(struct history *h, const char *host, json_t **rows, struct sb_error *err)
{
	*rows = json_array();
	if (h->ops->acks(h->state, host, *rows, err)) {
		json_decref(*rows);
		*rows = NULL;
		return -1;
	}
	return 0;
}

int history_notified(struct history *h, const char *host, const char *url, json_t **rows, struct sb_error *err)
{
	*rows = json_array();
	if (h->ops->notified(h->state, host, url, *rows, err)) {
		json_decref(*rows);
		*rows = NULL;
		return -1;
	}
	return 0;
}

int history_set_notified(struct history *h, const char *host, const char *url, const char *benchmark,
			 const char *metric, const char *alert, long long since_run, struct sb_error *err)
{
	return h->ops->set_notified(h->state, host, url, benchmark, metric, alert, since_run, err);
}

json_t *history_document(struct history *h, long long id, struct sb_error *err)
{
	json_error_t je;
	char *text;
	json_t *doc;

	if (history_show(h, id, &text, err))
		return NULL;
	doc = json_loads(text, 0, &je);
	free(text);
	if (!doc)
		sb_fail(err, SB_EXIT_SYSTEM, "the stored document of run %lld cannot be read: %s", id, je.text);
	return doc;
}

int history_each_figure(struct history *h, const struct history_filter *f,
			int (*cb)(const struct history_row *row, void *ctx), void *ctx, struct sb_error *err)
{
	return h->ops->each_figure(h->state, f, cb, ctx, err);
}

struct export_walk {
	int (*cb)(const json_t *row, void *ctx);
	void *ctx;
	int stopped;  /* the cb's own stop, told apart from running out of memory */
};

static int export_row(const struct history_row *r, void *ctx)
{
	struct export_walk *w = ctx;
	/* a value that is not finite (a store someone wrote into) is null */
	json_t *row = json_pack("{s:I, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:o, s:o, s:o, s:b, s:b, s:s?, s:s?}",
		"run_id", (json_int_t)r->run_id, "created_at", r->created_at, "machine_id", r->machine_id,
		"hostname", r->hostname, "profile", r->profile, "benchmark", r->benchmark, "metric", r->metric,
		"value", jreal_or_null(r->value), "cv_pct", jreal_or_null(r->cv_pct), "steal_pct", jreal_or_null(r->steal_pct),
		"cached", r->cached, "unstable", r->unstable, "command", r->command, "tool_version", r->tool_version);

	/* 1 (not -1, which is the store's error): out of memory */
	if (!row)
		return 1;
	w->stopped = w->cb(row, w->ctx);
	json_decref(row);
	return w->stopped ? 1 : 0;
}

int history_export(struct history *h, const struct history_filter *f, int (*cb)(const json_t *row, void *ctx),
		   void *ctx, struct sb_error *err)
{
	struct export_walk w = { cb, ctx, 0 };
	int rc = history_each_figure(h, f, export_row, &w, err);

	if (rc > 0 && w.stopped)
		return w.stopped;
	if (rc > 0)
		return sb_fail(err, SB_EXIT_SYSTEM, "out of memory");
	return rc ? -1 : 0;
}
