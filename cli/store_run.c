/*
 * store_run.c - a finished run into the history, judged against the
 * machine's past, alerts sent; and --recheck, which runs the benchmarks of
 * a SUSPECT metric again at once.  Shared by `run --regress` and `regress
 * --recheck`.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/exec.h"
#include "base/strbuf.h"
#include "history/history.h"
#include "history/judge.h"
#include "history/spool.h"
#include "base/docpath.h"
#include "model/rundoc.h"
#include "probes/probe.h"
#include "verify/verify.h"
#include "alerts.h"
#include "store_run.h"

/* The stored run into the history too: the same bytes as the file; with
 * report, judged there against the machine's past (history/judge.c).
 *
 * For a central history the run goes into the spool first and reaches the
 * store by being shipped from there, oldest first: a server that stalls,
 * a SIGTERM from systemd meanwhile, a crash - the run is on the VM's disk
 * before any byte goes out, and leaves the spool only once the store has
 * it.  Only when the spool cannot keep it (a full disk) is it sent
 * directly. */
int store_in_history(const json_t *doc, const char *text, const struct store_opts *a, const json_t *spec,
		     json_t **report, struct sb_error *err)
{
	char spool[PATH_MAX], kept[PATH_MAX] = "";
	bool central = a->history && strstr(a->history, "://"), spooled = false;
	struct history *h;
	struct sb_error why, keep_why;
	long long id = 0;
	bool added, stored = false;
	size_t shipped = 0, waited;
	int rc = -1;

	/* err->code says below whether something failed yet */
	memset(err, 0, sizeof(*err));
	memset(&keep_why, 0, sizeof(keep_why));
	if (a->spool)
		snprintf(spool, sizeof(spool), "%s", a->spool);
	else
		spool_default_dir(spool, sizeof(spool));
	if (central)
		spooled = spool_keep(spool, doc, text, kept, sizeof(kept), &keep_why) == 0;
	h = history_open(a->history, true, err);
	/* the runs that waited go first, oldest first, this one last: the
	 * history's order is the order they were measured in */
	if (h && central) {
		memset(&why, 0, sizeof(why));
		if (spool_ship(h, spool, &shipped, &why)) {
			if (why.code == SB_EXIT_USAGE)  /* a file there that is no run: said, left */
				fprintf(stderr, "specbench: warning: %s\n", why.msg);
			else
				*err = why;
		}
		stored = spooled && access(kept, F_OK) != 0;
		waited = shipped - (stored ? 1 : 0);
		if (waited)
			fprintf(stderr, "specbench: %zu spooled run%s shipped to the history\n", waited,
				waited == 1 ? "" : "s");
		if (stored && !err->code)
			rc = 0;
	}
	if (h && !stored && !(central && (spooled || err->code))) {
		rc = history_add(h, doc, text, &id, &added, err);
		stored = rc == 0;
	}
	if (rc == 0 && report)
		/* the document in hand, when this run was stored here (a shipped
		 * spool's id is not known: the newest stored run is this one) */
		rc = history_judge(h, rundoc_host_key(doc) ? rundoc_host_key(doc) : "", id > 0 ? doc : NULL, id, spec,
				   report, err);
	history_close(h);
	/* a central history that cannot take the run: nothing is lost */
	if (!h && !err->code)
		rc = sb_fail(err, SB_EXIT_SYSTEM, "out of memory");
	if (rc && central && !stored && err->code == SB_EXIT_SYSTEM) {
		if (spooled || spool_keep(spool, doc, text, kept, sizeof(kept), &keep_why) == 0)
			sb_append(err, "; the run is kept in %.1000s and goes to the history with the next run", kept);
		else if (a->doc_path)
			/* a full or broken disk under the spool: the document in
			 * the runs directory is the one copy; say how to ship it */
			sb_append(err, "; the spool cannot keep it either (%.400s): the run stays in %.400s; ship it "
				  "with specbench history add --history URL FILE", keep_why.msg, a->doc_path);
		else
			sb_append(err, "; and it cannot be kept either: %.1000s", keep_why.msg);
	}
	return rc;
}

/* --recheck: the benchmarks of the SUSPECT metrics run again at once, as a
 * run of their own (the probe facts of the first, seconds old), stored and
 * judged; their metrics in the report are the second judgement's.  A real
 * step is then two bad runs (REGRESSED); a blip is followed by a good one. */
int recheck_suspects(const json_t *doc, json_t *report, const struct bench_opts *bo, const struct store_opts *a,
		     const json_t *spec, struct sb_error *err)
{
	char only[512] = "", path[PATH_MAX + 64];
	struct bench_opts b = *bo;
	json_t *again, *report2 = NULL, *m, *metrics;
	char *text = NULL;
	struct strbuf ids;
	size_t i;
	int outcome, rc = -1;

	strbuf_fixed(&ids, only, sizeof(only));
	json_array_foreach(rd_get(report, "metrics"), i, m) {
		const char *bench = rd_str_or(m, "benchmark", "");

		if (strcmp(rd_str_or(m, "state", ""), "SUSPECT") || strstr(only, bench))
			continue;
		if (!strbuf_addf_whole(&ids, "%s%s", ids.len ? "," : "", bench))
			return 0;  /* more ids than there are benchmarks: cannot be */
	}
	if (!only[0])
		return 0;
	fprintf(stderr, "specbench: SUSPECT %s: running it again to confirm or clear it\n", only);
	b.only = only;
	again = rundoc_new(probe_host(NULL));
	json_object_set(again, "probe", json_object_get(doc, "probe"));
	if (rd_str(doc, "host.app_version"))
		rd_set(again, "host.app_version", json_string(rd_str(doc, "host.app_version")));
	outcome = bench_session_run(again, &b, err);
	if (outcome == BENCH_INTERRUPTED)
		rc = exec_interrupt_status();
	if (outcome >= 0 && outcome != BENCH_INTERRUPTED) {
		json_object_set_new(again, "verdict", verify_run(spec, again));
		text = rundoc_text(again);
		if (!text)
			sb_fail(err, SB_EXIT_SYSTEM, "out of memory");
		else if (rundoc_store_run(again, text, a->outdir, path, sizeof(path), err) == 0 &&
			 store_in_history(again, text, a, spec, &report2, err) == 0) {
			metrics = json_object_get(report, "metrics");
			json_array_foreach(rd_get(report2, "metrics"), i, m) {
				size_t j;
				json_t *old;

				json_array_foreach(metrics, j, old)
					if (!strcmp(rd_str_or(old, "benchmark", ""), rd_str_or(m, "benchmark", "")) &&
					    !strcmp(rd_str_or(old, "metric", ""), rd_str_or(m, "metric", "")))
						json_array_set(metrics, j, m);
			}
			json_object_set_new(report, "status", json_string(regress_status(metrics)));
			rc = 0;
		}
	}
	free(text);
	json_decref(report2);
	json_decref(again);
	return rc;
}

int store_alerts(const struct store_opts *s, const json_t *report, const struct opt_list *urls,
		 const char *mail_from, struct sb_error *err)
{
	struct history *h;
	int rc;

	if (!urls->n)
		return 0;
	h = history_open(s->history, false, err);
	rc = h ? alerts_send(h, report, urls, mail_from, err) : -1;
	history_close(h);
	return rc;
}
