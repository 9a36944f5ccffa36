/*
 * cmd_page.c - `specbench page --spec NAME... -o DIR`: the website's spec
 * page of each package, in Dutch and English, from stored runs (site.h).
 *
 * The runs come from a history (--history, else the default place) or
 * from run documents on the command line (--results), which are stored
 * into a history in memory first, so that both take the same road.  A run
 * document without a verdict is judged against the one --spec given.
 *
 * Everything is made in memory before anything is written (outfiles.h),
 * so a failed or interrupted run leaves the previous pages as they were
 * and no temporary file behind.
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/safeopen.h"
#include "base/text.h"
#include "base/validate.h"
#include "base/files.h"
#include "base/version.h"
#include "bench/session.h"
#include "history/history.h"
#include "base/docpath.h"
#include "model/maintenance.h"
#include "model/rundoc.h"
#include "model/spec.h"
#include "site/i18n.h"
#include "site/site.h"
#include "verify/verify.h"
#include "cli.h"
#include "outfiles.h"

#define MAX_CSS (1024 * 1024)

struct page_args {
	struct opt_list spec, results;
	const char *history, *since, *lang, *out, *css;
};

static const struct opt page_options[] = {
	OPT_LIST(0, "spec", struct page_args, spec, "NAME|FILE",
		 "a package (standard, plus) or app spec (apps/unifi) by name, or a file;\n"
		 "again for more: each gets its pages, all share the package table"),
	HISTORY_OPTION(struct page_args),
	OPT_LIST(0, "results", struct page_args, results, "RUN.json",
		 "read these run documents instead of a history (more may follow\n"
		 "as operands)"),
	OPT_STRING(0, "since", struct page_args, since, "DATE",
		   "only runs from this day on (YYYY-MM-DD; default: every run)"),
	OPT_STRING(0, "lang", struct page_args, lang, "nl|en|all", "the pages' language (default all)"),
	OPT_STRING(0, "css", struct page_args, css, "FILE", "this style sheet instead of the default one"),
	OPT_STRING('o', "out", struct page_args, out, "DIR",
		   "where the pages go: DIR/SPEC.LANG.html, DIR/SPEC.LANG.md, DIR/SPEC.json"),
	OPT_END(),
};

const struct cmd_help help_page = {
	"specbench page", "[RUN.json...]",
	"Write the website's spec page of each package from measured runs: the general\n"
	"specifications and how they were verified, the package table, each benchmark's\n"
	"median and range against the published figure with a chart, the methodology and\n"
	"the maintenance windows. One self-contained HTML file and one Markdown file per\n"
	"language, and SPEC.json with every figure shown.",
	"RUN.json           more run documents, after --results",
	"Exit: 0 (also when no run lies in the period: then a warning), 2 bad usage,\n"
	"spec, style sheet, run document or history, 3 the pages cannot be written.\n",
	page_options,
};

/* YYYY-MM-DD of a day that exists (timegm would take 2026-13-40 for a
 * day of 2027). */
static int check_since(const char *since, struct sb_error *err)
{
	if (strlen(since) != 10 || !utc_time_ok(since))
		return sb_usage(err, "--since %s: not a day on the calendar (YYYY-MM-DD)", since);
	return 0;
}

static char *load_css(const char *path, struct sb_error *err)
{
	char *text = NULL;
	size_t len;
	int rc = read_regular(path, MAX_CSS, &text, &len);

	if (rc) {
		sb_fail(err, SB_EXIT_USAGE, "--css %s: %s", path, rc == -EFBIG ? "larger than 1 MiB" : safe_strerror(rc));
		return NULL;
	}
	if (strlen(text) != len) {
		free(text);
		sb_fail(err, SB_EXIT_USAGE, "--css %s: holds a NUL byte: not a style sheet", path);
		return NULL;
	}
	/* it goes inside <style>: its end tag would end the style sheet and
	 * let the rest in as markup */
	for (const char *p = text; (p = strchr(p, '<')); p++)
		if (!strncasecmp(p, "</style", 7)) {
			int line = 1;

			for (const char *q = text; q < p; q++)
				line += *q == '\n';
			free(text);
			sb_fail(err, SB_EXIT_USAGE, "--css %s:%d: '</style' would end the style sheet inside the page",
				path, line);
			return NULL;
		}
	return text;
}

/* Whether name is the name of one of specs. */
static bool spec_named(const json_t *specs, const char *name)
{
	const json_t *s;
	size_t i;

	json_array_foreach(specs, i, s)
		if (name && !strcmp(rd_str_or(s, "name", ""), name))
			return true;
	return false;
}

/* The run documents of --results, each judged against the one spec when
 * it has no verdict, into a history in memory. */
static struct history *results_history(const struct page_args *a, int argc, char **argv, int first,
				       const json_t *specs, struct sb_error *err)
{
	struct history *h = history_open_scratch(err);
	int total = a->results.n + (argc - first);

	for (int i = 0; h && i < total; i++) {
		const char *path = i < a->results.n ? a->results.v[i] : argv[first + i - a->results.n];
		json_t *doc = verify_load_results(path, err);
		char *text;
		long long id;
		bool added;
		int rc;

		if (doc && !rd_get(doc, "verdict")) {
			if (json_array_size(specs) != 1) {
				sb_fail(err, SB_EXIT_USAGE, "%s: no verdict, and with several --spec the page cannot tell "
					"which package it is of: judge it first (specbench verify --spec NAME "
					"--results %s --format json)", path, path);
				json_decref(doc);
				doc = NULL;
			} else
				json_object_set_new(doc, "verdict", verify_run(json_array_get(specs, 0), doc));
		}
		if (!doc) {
			history_close(h);
			return NULL;
		}
		if (!spec_named(specs, rd_str(doc, "verdict.spec")))
			fprintf(stderr, "specbench page: warning: %s: judged against '%s', not one of the pages' specs: "
				"not shown\n", path, rd_str_or(doc, "verdict.spec", "?"));
		text = rundoc_text(doc);
		rc = text ? history_add(h, doc, text, &id, &added, err) : sb_fail(err, SB_EXIT_SYSTEM, "out of memory");
		free(text);
		json_decref(doc);
		if (rc) {
			sb_append(err, " (%s)", path);
			history_close(h);
			return NULL;
		}
	}
	return h;
}

/* The documented profile's command of each benchmark the spec checks. */
static json_t *commands_of(const json_t *spec)
{
	struct bench_opts o;
	json_t *all, *out = json_object(), *v;
	const char *id;

	bench_opts_defaults(&o);
	o.profile = PROFILE_DOCUMENTED;
	all = bench_commands(&o);
	json_object_foreach(all, id, v)
		for (const struct check_def *c = check_registry; c->id; c++)
			if (!strcmp(c->benchmark, id) && json_object_get(rd_get(spec, "benchmarks"), c->id)) {
				json_object_set(out, id, v);
				break;
			}
	json_decref(all);
	return out;
}

static void now_iso(char *buf, size_t size)
{
	time_t t = page_time();
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int render(const json_t *model, const char *spec_name, const char *lang, const char *css,
		  struct outputs *outs, struct sb_error *err)
{
	static const char *const kinds[] = { "html", "md" };
	char name[PATH_MAX];

	for (size_t k = 0; k < 2; k++) {
		struct out_file *f;
		FILE *mem;
		int rc;

		snprintf(name, sizeof(name), "%s.%s.%s", spec_name, lang, kinds[k]);
		f = outputs_add(outs, name, err);
		if (!f)
			return -1;
		mem = open_memstream(&f->data, &f->len);
		if (!mem)
			return sb_fail(err, SB_EXIT_SYSTEM, "out of memory");
		rc = k == 0 ? site_html(model, lang, css, mem, err) : site_markdown(model, lang, mem, err);
		if (fclose(mem) && rc == 0)
			rc = sb_fail(err, SB_EXIT_SYSTEM, "out of memory");
		if (rc)
			return -1;
	}
	return 0;
}

/* The file name of a spec's pages: its name, with anything but letters,
 * digits, '-', '_' and '.' made '_' (a spec's name is the author's). */
static void file_base(const json_t *spec, char *buf, size_t size)
{
	size_t i;

	snprintf(buf, size, "%s", rd_str_or(spec, "name", "spec"));
	for (i = 0; buf[i]; i++)
		if (!((buf[i] >= 'a' && buf[i] <= 'z') || (buf[i] >= 'A' && buf[i] <= 'Z') ||
		      (buf[i] >= '0' && buf[i] <= '9') || strchr("-_.", buf[i])))
			buf[i] = '_';
	if (buf[0] == '.' || !buf[0])
		buf[0] = '_';
}

/* A figure of the history, to the page being built. */
static int add_figure(const struct history_row *r, void *ctx)
{
	site_add(ctx, &(struct site_figure){ r->run_id, r->benchmark, r->metric, r->command, r->tool_version,
					     r->value, r->steal_pct, r->cached, r->unstable });
	return 0;
}

/* One spec: its model (kept as DIR/SPEC.json) and its pages. */
static int one_spec(struct history *h, const json_t *spec, const json_t *specs, const struct page_args *a,
		    const char *const *langs, const char *css, const char *generated_at, struct outputs *outs,
		    struct sb_error *err)
{
	struct history_filter f = { NULL, rd_str(spec, "name"), a->since, 0 };
	json_t *runs = NULL, *cmds = commands_of(spec), *model = NULL;
	struct site_builder *b = NULL;
	char base[128], name[PATH_MAX];
	struct out_file *file;
	int rc = -1;

	struct site_input in = { spec, specs, NULL, cmds, a->since, generated_at, SPECBENCH_VERSION };

	if (history_list(h, &f, &runs, err))
		goto done;
	in.runs = runs;
	b = site_begin(&in, err);
	if (!b || history_each_figure(h, &f, add_figure, b, err)) {
		if (b)
			json_decref(site_finish(b, err));
		goto done;
	}
	model = site_finish(b, err);
	if (!model)
		goto done;
	file_base(spec, base, sizeof(base));
	if (!rd_int_or(model, "runs", 0))
		fprintf(stderr, "specbench page: warning: %s: no measurements in %s: the pages show the published "
			"figures only\n", rd_str_or(spec, "name", "?"), a->since ? "this period" : "the history");
	snprintf(name, sizeof(name), "%s.json", base);
	file = outputs_add(outs, name, err);
	if (!file)
		goto done;
	file->data = json_dumps(model, JSON_INDENT(2) | JSON_REAL_PRECISION(10));
	if (!file->data) {
		sb_fail(err, SB_EXIT_SYSTEM, "out of memory");
		goto done;
	}
	file->len = strlen(file->data);
	for (const char *const *l = langs; *l; l++)
		if (i18n_use(*l, err) || render(model, base, *l, css, outs, err))
			goto done;
	rc = 0;
done:
	json_decref(runs);
	json_decref(cmds);
	json_decref(model);
	return rc;
}

int cmd_page(int argc, char **argv, struct sb_error *err)
{
	struct page_args a;
	static const char *const all[] = { "en", "nl", NULL };
	const char *one[] = { NULL, NULL };
	const char *const *langs = all;
	struct outputs outs = { NULL, 0 };
	struct history *h = NULL;
	json_t *specs = json_array(), *s;
	char *css = NULL, now[32];
	size_t i;
	int first, rc = -1;

	memset(&a, 0, sizeof(a));
	first = parse_options(argc, argv, &help_page, &a, err);
	if (first <= 0) {
		json_decref(specs);
		return first;
	}
	if (!a.spec.n)
		rc = sb_usage(err, "--spec is required: which package's page");
	else if (!a.out)
		rc = sb_usage(err, "-o DIR is required: where the pages go");
	else if (first < argc && !a.results.n)
		rc = sb_usage(err, "'%s': run documents are given with --results", argv[first]);
	else if (a.results.n && a.history)
		rc = sb_usage(err, "--history and --results: one or the other");
	else if (a.since && check_since(a.since, err))
		rc = -1;
	else if (a.lang && strcmp(a.lang, "all") && !i18n_known(a.lang))
		rc = sb_usage(err, "--lang %s: nl, en or all", a.lang);
	else
		rc = 0;
	if (rc)
		goto done;
	rc = -1;
	if (a.lang && strcmp(a.lang, "all")) {
		one[0] = a.lang;
		langs = one;
	}
	for (int k = 0; k < a.spec.n; k++) {
		json_t *spec = spec_load(a.spec.v[k], err);

		if (!spec)
			goto done;
		json_array_append_new(specs, spec);
	}
	/* every text the pages show, in every language, before anything is read */
	for (const char *const *l = langs; *l; l++) {
		if (i18n_use(*l, err))
			goto done;
		json_array_foreach(specs, i, s)
			if (site_check_texts(s, *l, err))
				goto done;
	}
	if (a.css && !(css = load_css(a.css, err)))
		goto done;
	h = a.results.n ? results_history(&a, argc, argv, first, specs, err) : history_open(a.history, false, err);
	if (!h)
		goto done;
	now_iso(now, sizeof(now));
	json_array_foreach(specs, i, s)
		if (one_spec(h, s, specs, &a, langs, css, now, &outs, err))
			goto done;
	rc = outputs_write(a.out, &outs, err);
done:
	history_close(h);
	outputs_free(&outs);
	free(css);
	json_decref(specs);
	return rc;
}
