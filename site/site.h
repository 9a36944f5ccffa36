/*
 * site.h - the website's spec page: what each package promises and what
 * was measured, generated from stored runs, in Dutch and English.
 *
 * The page is a view over many runs, so it reads what the history keeps of
 * each run rather than each run document (10,000 documents take seconds to
 * parse): the rows of `history list` (identity, time, spec, profile, OS,
 * kernel, the status of each check) and of `history export` (each headline
 * figure with its flags, command and tool).  The command line gets them
 * from a history, or from run documents given on the command line stored
 * into a history in memory, and hands them here; site/ itself knows no
 * store.
 *
 * Three steps, one file each:
 *   model.c     spec + rows -> the page model, a JSON document
 *               (site/page.schema.json), which is also DIR/<spec>.json:
 *               every figure the page shows, for another site generator;
 *   html.c      model -> one self-contained HTML5 page per language
 *               (inline CSS from style.css or --css, inline SVG charts
 *               from chart.c, no script, no external request);
 *   markdown.c  model -> the same tables in CommonMark for a CMS.
 * Words come from the message catalogue (i18n.h), never from the model,
 * which holds ids, numbers and the spec's own texts.
 */
#ifndef SPECBENCH_SITE_H
#define SPECBENCH_SITE_H

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

#include "base/error.h"

#define SITE_SCHEMA "specbench.page"
#define SITE_SCHEMA_VERSION 1
/* the most points a chart draws: beyond it, the median of each stretch */
#define SITE_MAX_POINTS 160

struct site_input {
	const json_t *spec;      /* the merged spec of the page (spec_load) */
	const json_t *packages;  /* every spec of this generation, for the package table */
	const json_t *runs;      /* history list rows of the spec's runs, oldest first */
	const json_t *commands;  /* benchmark id -> the documented profile's command line */
	const char *since;       /* the period's first day (YYYY-MM-DD), or NULL: all */
	const char *generated_at;/* UTC, ISO 8601 */
	const char *version;     /* specbench's */
};

/* A stored figure of one of those runs (a history export row). */
struct site_figure {
	long long run_id;
	const char *benchmark, *metric, *command, *tool_version;
	double value, steal_pct;  /* steal: NAN when not measured */
	bool cached, unstable;
};

/* The page model is built as the figures stream by (10,000 runs make
 * 90,000 of them: no JSON row each): begin, add each figure, finish.  in
 * and what it points to must live until finish, which frees b and returns
 * the model, or NULL with err. */
struct site_builder;
struct site_builder *site_begin(const struct site_input *in, struct sb_error *err);
void site_add(struct site_builder *b, const struct site_figure *f);
json_t *site_finish(struct site_builder *b, struct sb_error *err);

/* Whether every text of the spec that the page shows can be shown in the
 * current language (i18n_use): a text the catalogue lacks is an error that
 * names its file, line and column (exit 2). */
int site_check_texts(const json_t *spec, const char *lang, struct sb_error *err);

/* The page in the current language, to out.  css: the style sheet's text,
 * or NULL for the default. */
int site_html(const json_t *model, const char *lang, const char *css, FILE *out, struct sb_error *err);
int site_markdown(const json_t *model, const char *lang, FILE *out, struct sb_error *err);

#endif
