/*
 * cmd_history.c - `specbench history add|list|show|export`: the stored runs
 * (init and grant, the owner's, are history_admin.c's)
 * (history/).  Each subcommand has its own option table, as a command has;
 * this file picks the subcommand, opens the history, calls it, prints.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/jsonutil.h"
#include "base/text.h"
#include "base/validate.h"
#include "history/history.h"
#include "history/print.h"
#include "model/rundoc.h"
#include "cli.h"

struct history_args {
	const char *history, *host, *spec, *since, *format;
};

#define FILTER_OPTIONS(T) \
	OPT_STRING(0, "host", T, host, "ID", "only this machine id or hostname"), \
	OPT_STRING(0, "spec", T, spec, "NAME", "only runs judged against this spec"), \
	OPT_STRING(0, "since", T, since, "DATE", "only runs from this day on (YYYY-MM-DD, UTC)")

static const struct opt no_options[] = { OPT_END() };
static const struct opt add_options[] = { HISTORY_OPTION(struct history_args), OPT_END() };
static const struct opt show_options[] = { HISTORY_OPTION(struct history_args), OPT_END() };
static const struct opt list_options[] = {
	HISTORY_OPTION(struct history_args), FILTER_OPTIONS(struct history_args),
	OPT_STRING(0, "format", struct history_args, format, "FORMAT", "table (default), json or csv"),
	OPT_END(),
};
static const struct opt export_options[] = {
	HISTORY_OPTION(struct history_args), FILTER_OPTIONS(struct history_args),
	OPT_STRING(0, "format", struct history_args, format, "FORMAT", "csv (default) or json"),
	OPT_END(),
};

static const struct cmd_help help_add = {
	"specbench history add", "RUN.json...",
	"Store saved run documents in the history (backfill).  A file that is not\n"
	"a run document is named and skipped; the others are stored.",
	"RUN.json           run documents ('-': standard input)",
	"Exit: 0, 2 when a file was skipped, 3 when the history cannot be written.\n",
	add_options,
};
static const struct cmd_help help_list = {
	"specbench history list", NULL,
	"One line per stored run: its id, time, machine id, hostname, spec,\n"
	"profile and verdict, oldest first.",
	NULL, "Exit: 0, 2 bad usage or not a history, 3 the history cannot be read.\n",
	list_options,
};
static const struct cmd_help help_show = {
	"specbench history show", "RUN_ID",
	"Print a stored run document, byte for byte as it was stored.",
	"RUN_ID             a run's id, as history list shows it",
	"Exit: 0, 2 no such run or not a history, 3 the history cannot be read.\n",
	show_options,
};
static const struct cmd_help help_export = {
	"specbench history export", NULL,
	"One line per stored figure (run, time, host, profile, benchmark, metric,\n"
	"value, CV, steal, cached, unstable), for spreadsheets and other tools.",
	NULL, "Exit: 0, 2 bad usage or not a history, 3 the history cannot be read.\n",
	export_options,
};

const struct cmd_help help_history = {
	"specbench history", "add|list|show|export|init|grant ...",
	"The history of runs: every 'specbench run' is stored there, to be\n"
	"compared with the same machine's past.\n"
	"\n"
	"  add RUN.json...    store saved run documents (backfill)\n"
	"  list               one line per run\n"
	"  show RUN_ID        a stored run document, byte for byte\n"
	"  export             one line per figure (CSV or JSON)\n"
	"  init               make or migrate a fleet's history (its owner, once)\n"
	"  grant              a role for one VM (--host) or for readers (--reader)\n"
	"\n"
	"Run 'specbench history SUBCOMMAND --help' for its options.",
	NULL, "Exit: 0, 2 bad usage or input, 3 the history cannot be read or written.\n",
	no_options,
};

/* formats: a description ("csv or json"), then the names */
static int check_filter(const struct history_args *a, const char *const *formats, struct sb_error *err)
{
	const char *const *f = formats + 1;

	if (a->since && !utc_time_ok(a->since))
		return sb_usage(err, "--since: '%s' is not a day on the calendar (YYYY-MM-DD)", a->since);
	while (*f && strcmp(*f, a->format))
		f++;
	if (!*f)
		return sb_usage(err, "--format: '%s' is not one of %s", a->format, formats[0]);
	return 0;
}

static int add_one(struct history *h, const char *file, struct sb_error *err)
{
	char *text = NULL;
	json_t *doc = sbj_load_text(file, JSON_REJECT_DUPLICATES, &text, err);
	long long id = 0;
	bool added = false;
	int rc;

	if (!doc)
		return -1;
	rc = rundoc_check_numbers(doc, file, err);
	if (rc == 0 && history_add(h, doc, text, &id, &added, err) == 0)
		printf(added ? "%s: stored as run %lld\n" : "%s: already stored, run %lld\n", file, id);
	else
		rc = -1;
	if (rc && err->code == SB_EXIT_USAGE && strncmp(err->msg, file, strlen(file))) {
		struct sb_error named = *err;

		sb_fail(err, SB_EXIT_USAGE, "%s: %s", file, named.msg);
	}
	json_decref(doc);
	free(text);
	return rc;
}

static int history_add_cmd(int argc, char **argv, struct sb_error *err)
{
	struct history_args a = { NULL, NULL, NULL, NULL, NULL };
	struct history *h;
	int first = parse_options(argc, argv, &help_add, &a, err), skipped = 0;

	if (first <= 0)
		return first;
	if (first == argc) {
		sb_usage(err, "no RUN.json given");
		err->help = &help_add;
		return -1;
	}
	h = history_open(a.history, true, err);
	if (!h)
		return -1;
	for (int i = first; i < argc; i++) {
		struct sb_error one = { 0, 0, "", NULL };

		if (add_one(h, argv[i], &one) == 0)
			continue;
		if (one.code != SB_EXIT_USAGE) {  /* the history failed: stop, name it */
			history_close(h);
			*err = one;
			return -1;
		}
		/* a file that is not a run document: named, skipped */
		fprintf(stderr, "specbench history add: %s (skipped)\n", one.msg);
		skipped++;
	}
	history_close(h);
	if (skipped)
		return sb_fail(err, SB_EXIT_USAGE, "%d of %d file(s) skipped", skipped, argc - first);
	return 0;
}

static int history_show_cmd(int argc, char **argv, struct sb_error *err)
{
	struct history_args a = { NULL, NULL, NULL, NULL, NULL };
	struct history *h;
	uint64_t id;
	char *text;
	int first = parse_options(argc, argv, &help_show, &a, err), rc;

	if (first <= 0)
		return first;
	if (first + 1 != argc || !parse_u64(argv[first], &id) || id > INT64_MAX) {
		if (first + 1 != argc)
			sb_usage(err, "one RUN_ID is needed");
		else
			sb_usage(err, "'%s' is not a run id", argv[first]);
		err->help = &help_show;
		return -1;
	}
	h = history_open(a.history, false, err);
	if (!h)
		return -1;
	rc = history_show(h, (long long)id, &text, err);
	history_close(h);
	if (rc)
		return -1;
	rc = fputs(text, stdout) == EOF || fflush(stdout);
	free(text);
	return rc ? sb_fail(err, SB_EXIT_SYSTEM, "cannot write the document") : 0;
}

/* list and export: filters, a format, rows printed */
struct rows_kind {
	const struct cmd_help *help;
	const char *default_format;
	const char *const *formats;  /* a description, then the names */
	const char *const *columns;
	/* list: every row, then printed (a table's widths need them all) */
	int (*get)(struct history *h, const struct history_filter *f, json_t **rows, struct sb_error *err);
	/* export: printed as each row comes */
	int (*each)(struct history *h, const struct history_filter *f, int (*cb)(const json_t *row, void *ctx),
		    void *ctx, struct sb_error *err);
};

static int write_row(const json_t *row, void *ctx)
{
	return rows_write(ctx, row) ? 1 : 0;
}

/* The rows of k printed as they come; a write error is told after the
 * store is closed (stdout gone: exit 3, not a store error). */
static int stream_rows(struct history *h, const struct history_filter *f, const struct rows_kind *k,
		       const char *format, struct sb_error *err)
{
	struct rows_writer w;
	int rc;

	rows_begin(&w, k->columns, format, stdout);
	rc = k->each(h, f, write_row, &w, err);
	if (rc < 0)
		return -1;
	return rows_end(&w, err);
}

static int rows_cmd(int argc, char **argv, const struct rows_kind *k, struct sb_error *err)
{
	struct history_args a = { NULL, NULL, NULL, NULL, k->default_format };
	struct history_filter f;
	struct history *h;
	json_t *rows;
	int rc = parse_options(argc, argv, k->help, &a, err);

	if (rc <= 0)
		return rc;
	if (check_filter(&a, k->formats, err)) {
		err->help = k->help;
		return -1;
	}
	h = history_open(a.history, false, err);
	if (!h)
		return -1;
	f = (struct history_filter){ a.host, a.spec, a.since, 0 };
	if (k->each) {
		rc = stream_rows(h, &f, k, a.format, err);
		history_close(h);
		return rc;
	}
	rc = k->get(h, &f, &rows, err);
	history_close(h);
	if (rc)
		return -1;
	rc = history_print(rows, k->columns, a.format, stdout, err);
	json_decref(rows);
	return rc ? -1 : 0;
}

static int history_list_cmd(int argc, char **argv, struct sb_error *err)
{
	static const char *const formats[] = { "table, json or csv", "table", "json", "csv", NULL };
	static const char *const columns[] = { "id", "created_at", "machine_id", "hostname", "spec", "profile",
					       "verdict", NULL };
	static const struct rows_kind k = { &help_list, "table", formats, columns, history_list, NULL };

	return rows_cmd(argc, argv, &k, err);
}

static int history_export_cmd(int argc, char **argv, struct sb_error *err)
{
	static const char *const formats[] = { "csv or json", "csv", "json", NULL };
	static const char *const columns[] = { "run_id", "created_at", "machine_id", "hostname", "profile",
					       "benchmark", "metric", "value", "cv_pct", "steal_pct", "cached",
					       "unstable", "command", NULL };
	static const struct rows_kind k = { &help_export, "csv", formats, columns, NULL, history_export };

	return rows_cmd(argc, argv, &k, err);
}

int cmd_history(int argc, char **argv, struct sb_error *err)
{
	static const struct {
		const char *name;
		int (*run)(int argc, char **argv, struct sb_error *err);
	} subcommands[] = {
		{ "add", history_add_cmd }, { "list", history_list_cmd },
		{ "show", history_show_cmd }, { "export", history_export_cmd },
		{ "init", history_init_cmd }, { "grant", history_grant_cmd },
	};

	if (argc < 2)
		return sb_usage(err, "a subcommand is needed (add, list, show, export, init, grant)");
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		options_help(&help_history, stdout);
		return 0;
	}
	for (size_t i = 0; i < sizeof(subcommands) / sizeof(subcommands[0]); i++)
		if (!strcmp(argv[1], subcommands[i].name))
			return subcommands[i].run(argc - 1, argv + 1, err);
	return sb_usage(err, "unknown subcommand '%s' (add, list, show, export, init, grant)", argv[1]);
}
