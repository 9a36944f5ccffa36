/*
 * cmd_dashboard.c - `specbench dashboard --spec NAME... -o DIR`: the
 * operators' static site of the fleet (history/dashboard.h builds it,
 * site/dashboard.h writes it).
 *
 * DIR gets index.LANG.html (index.html: the English one) and one page per
 * VM and package, host-SPEC-KEY.LANG.html.  Everything is made in memory,
 * then written at once (outfiles.h); the pages of VMs no longer in the
 * history are removed afterwards, so DIR is always one run's whole site.
 * A reader role is enough: the dashboard only reads.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/clock.h"
#include "base/docpath.h"
#include "base/validate.h"
#include "history/dashboard.h"
#include "history/history.h"
#include "model/spec.h"
#include "site/dash_pages.h"
#include "site/i18n.h"
#include "cli.h"
#include "outfiles.h"

struct dashboard_args {
	struct opt_list spec;
	const char *history, *since, *lang, *out;
};

static const struct opt dashboard_options[] = {
	OPT_LIST(0, "spec", struct dashboard_args, spec, "NAME|FILE",
		 "a package (standard, plus) or a spec file; again for more"),
	HISTORY_OPTION(struct dashboard_args),
	OPT_STRING(0, "since", struct dashboard_args, since, "DATE",
		   "only runs from this day on (YYYY-MM-DD; default: every run)"),
	OPT_STRING(0, "lang", struct dashboard_args, lang, "nl|en|all", "the pages' language (default all)"),
	OPT_STRING('o', "out", struct dashboard_args, out, "DIR",
		   "where the site goes: DIR/index.LANG.html, DIR/host-SPEC-KEY.LANG.html"),
	OPT_END(),
};

const struct cmd_help help_dashboard = {
	"specbench dashboard", NULL,
	"Write the operators' site of the fleet: every VM of each package, worst first\n"
	"(regressed with the change it is put down to, a failed spec check, slow or fast\n"
	"among VMs on the same CPU, suspect, stale, acknowledged), and one page per VM with\n"
	"every figure's series, its baseline band, the steps, maintenance-window runs,\n"
	"changes of kernel, CPU, app version and disk, and the commands to run. Self-contained HTML.",
	NULL,
	"Exit: 0, 2 bad usage, spec or history, 3 the history cannot be read or the site\n"
	"cannot be written.\n",
	dashboard_options,
};

struct render_ctx {
	const char *const *langs;
	const char *spec;
	long long now;
	struct outputs *outs;
	struct sb_error *err;
};

/* A VM's pages, one per language, as its detail is built. */
static int host_pages(const json_t *detail, void *ctx)
{
	struct render_ctx *r = ctx;
	char base[300], name[400];

	dash_host_file(detail, r->spec, base, sizeof(base));
	for (const char *const *l = r->langs; *l; l++) {
		struct out_file *f;
		FILE *mem;
		int rc;

		snprintf(name, sizeof(name), "%s.%s.html", base, *l);
		if (i18n_use(*l, r->err) || !(f = outputs_add(r->outs, name, r->err)))
			return -1;
		mem = open_memstream(&f->data, &f->len);
		if (!mem)
			return sb_fail(r->err, SB_EXIT_SYSTEM, "out of memory");
		rc = dash_host_html(detail, r->spec, r->now, *l, mem, r->err);
		if (fclose(mem) && rc == 0)
			rc = sb_fail(r->err, SB_EXIT_SYSTEM, "out of memory");
		if (rc)
			return -1;
	}
	return 0;
}

static int index_pages(const json_t *indexes, const char *const *langs, struct outputs *outs,
		       struct sb_error *err)
{
	char name[64];

	for (const char *const *l = langs; *l; l++)
		for (int plain = 0; plain < (strcmp(*l, "en") ? 1 : 2); plain++) {
			struct out_file *f;
			FILE *mem;
			int rc;

			snprintf(name, sizeof(name), plain ? "index.html" : "index.%s.html", *l);
			if (i18n_use(*l, err) || !(f = outputs_add(outs, name, err)))
				return -1;
			mem = open_memstream(&f->data, &f->len);
			if (!mem)
				return sb_fail(err, SB_EXIT_SYSTEM, "out of memory");
			rc = dash_index_html(indexes, *l, mem, err);
			if (fclose(mem) && rc == 0)
				rc = sb_fail(err, SB_EXIT_SYSTEM, "out of memory");
			if (rc)
				return -1;
		}
	return 0;
}

int cmd_dashboard(int argc, char **argv, struct sb_error *err)
{
	static const char *const all[] = { "en", "nl", NULL };
	const char *one[] = { NULL, NULL };
	struct dashboard_args a;
	struct outputs outs = { NULL, 0 };
	struct history *h = NULL;
	json_t *indexes = json_array();
	int first, rc;

	memset(&a, 0, sizeof(a));
	first = parse_options(argc, argv, &help_dashboard, &a, err);
	if (first <= 0) {
		json_decref(indexes);
		return first;
	}
	rc = -1;
	if (first < argc)
		sb_usage(err, "'%s': dashboard takes no operands", argv[first]);
	else if (!a.spec.n)
		sb_usage(err, "--spec is required: which package's VMs");
	else if (!a.out)
		sb_usage(err, "-o DIR is required: where the site goes");
	else if (a.since && (strlen(a.since) != 10 || !utc_time_ok(a.since)))
		sb_usage(err, "--since %s: not a day on the calendar (YYYY-MM-DD)", a.since);
	else if (a.lang && strcmp(a.lang, "all") && !i18n_known(a.lang))
		sb_usage(err, "--lang %s: nl, en or all", a.lang);
	else
		rc = 0;
	if (rc)
		goto done;
	rc = -1;
	one[0] = a.lang;
	h = history_open(a.history, false, err);
	if (!h)
		goto done;
	for (int k = 0; k < a.spec.n; k++) {
		json_t *spec = spec_load(a.spec.v[k], err), *index = NULL;
		struct render_ctx r = { a.lang && strcmp(a.lang, "all") ? one : all, NULL, (long long)page_time(),
					&outs, err };

		if (!spec)
			goto done;
		r.spec = rd_str_or(spec, "name", "spec");
		if (dashboard_build(h, spec, a.since, (time_t)r.now, host_pages, &r, &index, err)) {
			json_decref(spec);
			goto done;
		}
		json_array_append_new(indexes, index);
		json_decref(spec);
	}
	if (index_pages(indexes, a.lang && strcmp(a.lang, "all") ? one : all, &outs, err))
		goto done;
	rc = outputs_write(a.out, &outs, err);
	if (rc == 0)
		rc = outputs_prune(a.out, &outs, "host-", err);
done:
	history_close(h);
	outputs_free(&outs);
	json_decref(indexes);
	return rc;
}
