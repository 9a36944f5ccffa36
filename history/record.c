/*
 * record.c - what of a run document a history keeps as rows, whatever the
 * store: the run's identity and judgement, and its headline figures (the
 * ones a spec may reference, model/rundoc.h) with what says whether they can
 * be trusted: CV over --repeat runs, CPU steal, the cached and unstable
 * flags.  A benchmark that did not end "ok" gives no figure.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/sha.h>

#include "base/validate.h"
#include "base/docpath.h"
#include "base/strbuf.h"
#include "model/registry.h"
#include "model/rundoc.h"
#include "record.h"

/* SHA-256, not a 64-bit hash: two documents with one digest would be
 * stored as one run, the second silently dropped. */
void record_digest(const char *text, char out[RECORD_DIGEST_SIZE])
{
	unsigned char md[SHA256_DIGEST_LENGTH];

	SHA256((const unsigned char *)text, strlen(text), md);
	for (int i = 0; i < SHA256_DIGEST_LENGTH; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
}

static double num_or_nan(const json_t *v, const char *path)
{
	double x;

	return rd_num(v, path, &x) ? x : NAN;
}

static void join_command(const json_t *cmd, char *out, size_t size)
{
	struct strbuf sb;
	const json_t *w;
	size_t i;

	strbuf_fixed(&sb, out, size);
	json_array_foreach(cmd, i, w)
		if (!strbuf_addf_whole(&sb, "%s%s", i ? " " : "", rd_str_or(w, "", "")))
			break;
}

/* A status a verdict gives: anything else a document says is not stored
 * (the page and `history list` promise one of these). */
static bool status_ok(const char *s)
{
	static const char *const known[] = { "PASS", "FAIL", "WARN", "SKIP", "UNVERIFIABLE", NULL };

	for (const char *const *k = known; s && *k; k++)
		if (!strcmp(s, *k))
			return true;
	return false;
}

/* The verdict's checks as rows, each id once (the last one a document
 * gives, as a JSON object of them kept it before schema 8).  -1 when out
 * of memory. */
static int checks_of(const json_t *doc, struct record *r)
{
	const json_t *checks = rd_get(doc, "verdict.checks"), *c;
	size_t i, n = json_array_size(checks);

	if (!n)
		return 0;
	r->checks = calloc(n, sizeof(*r->checks));
	if (!r->checks)
		return -1;
	json_array_foreach(checks, i, c) {
		const char *id = rd_str(c, "id"), *status = rd_str(c, "status");
		bool later = false;

		for (size_t j = i + 1; id && j < n && !later; j++)
			later = !strcmp(rd_str_or(json_array_get(checks, j), "id", ""), id);
		if (id && status_ok(status) && !later)
			r->checks[r->run.n_checks++] = (struct history_check){ id, status };
	}
	r->run.checks = r->checks;
	return 0;
}

void record_clear(struct record *r)
{
	free(r->checks);
	r->checks = NULL;
}

int record_from(const json_t *doc, const char *text, struct record *r, struct sb_error *err)
{
	const json_t *bench = rd_get(doc, "bench");

	memset(r, 0, sizeof(*r));
	if (!json_is_object(doc) || strcmp(rd_str_or(doc, "schema", ""), RUNDOC_SCHEMA) ||
	    !rd_str(doc, "created_at"))
		return sb_fail(err, SB_EXIT_USAGE, "not a specbench run document");
	r->run.machine_id = rd_str(doc, "host.machine_id");
	r->run.hostname = rd_str(doc, "host.hostname");
	/* what a VM wrote reaches mail headers, CSV cells and terminals: a host
	 * name is RFC 1123's characters or it is not stored */
	if (r->run.hostname && !hostname_ok(r->run.hostname))
		return sb_fail(err, SB_EXIT_USAGE, "host.hostname \"%.80s\" is not a host name (RFC 1123: "
			       "letters, digits, hyphens and dots); the run is not stored", r->run.hostname);
	r->run.created_at = rd_str(doc, "created_at");
	r->run.spec = rd_str(doc, "verdict.spec");
	r->run.spec_version = rd_str(doc, "verdict.spec_version");
	r->run.profile = rd_str(doc, "bench.profile");
	r->run.verdict = rd_str(doc, "verdict.status");
	r->run.os = rd_str(doc, "host.os");
	r->run.kernel = rd_str(doc, "host.kernel");
	r->run.app_version = rd_str(doc, "host.app_version");
	r->run.device = rd_str(doc, "bench.device");
	/* the same expression as schema 6's migration in both stores */
	r->run.cpu = rd_str(doc, "probe.cpu.brand") ? rd_str(doc, "probe.cpu.brand") : rd_str(doc, "probe.cpu.model_name");
	if (checks_of(doc, r))
		return sb_fail(err, SB_EXIT_SYSTEM, "out of memory");
	r->run.document = text;
	record_digest(text, r->run.digest);
	for (const struct benchmark_def *b = benchmark_registry; b->id; b++) {
		const json_t *slot = rd_get(bench, b->id);
		char cmd[1024];

		if (strcmp(rd_str_or(slot, "status", ""), "ok"))
			continue;
		join_command(rd_get(slot, "command"), cmd, sizeof(cmd));
		for (const struct figure_def *f = b->figures; f->path && r->n < RECORD_MAX_FIGURES; f++) {
			struct history_figure *fig = &r->figs[r->n];
			/* stats are keyed by the metric's whole name ("read.iops") */
			const json_t *stats = json_object_get(rd_get(slot, "stats"), f->path);
			double v;

			if (!(f->flags & FIG_HEADLINE) || !rd_num(slot, f->path, &v))
				continue;
			memcpy(r->commands[r->n], cmd, sizeof(cmd));
			*fig = (struct history_figure){
				.benchmark = b->id, .metric = f->path, .value = v,
				.cv_pct = num_or_nan(stats, "cv_pct"),
				.steal_pct = num_or_nan(slot, "steal_pct"),
				.cached = rd_true(slot, "cached"),
				.unstable = rd_true(stats, "unstable"),
				.command = r->commands[r->n],
				.tool_version = rd_str(slot, "tool_version"),
			};
			r->n++;
		}
	}
	return 0;
}
