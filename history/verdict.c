/*
 * verdict.c - a regression report in the shape of a verdict, so that the
 * report formats a pipeline already reads (JUnit, TAP, Prometheus; reports/)
 * render regressions too, one check per metric:
 *   REGRESSED -> FAIL (acknowledged: WARN, with the reason), SUSPECT -> WARN,
 *   OK and IMPROVED -> PASS, INSUFFICIENT -> SKIP.
 * The check ids are "regress.<benchmark>.<metric>".
 */
#include <stdio.h>
#include <string.h>

#include "base/docpath.h"
#include "base/strbuf.h"
#include "verdict.h"

static const char *status_of(const json_t *m)
{
	const char *s = rd_str_or(m, "state", "");

	if (!strcmp(s, "REGRESSED"))
		return rd_get(m, "acknowledged") ? "WARN" : "FAIL";
	if (!strcmp(s, "SUSPECT"))
		return "WARN";
	if (!strcmp(s, "INSUFFICIENT"))
		return "SKIP";
	return "PASS";
}

static json_t *check_of(const json_t *m)
{
	char id[256], expected[128], observed[192], evidence[1024];
	double v = 0, med = 0, low = 0, high = 0, pct = 0;
	const json_t *a;
	struct strbuf sb;
	size_t i;

	snprintf(id, sizeof(id), "regress.%s.%s", rd_str_or(m, "benchmark", "?"), rd_str_or(m, "metric", "?"));
	if (rd_num(m, "baseline.median", &med) && rd_num(m, "baseline.low", &low) && rd_num(m, "baseline.high", &high))
		snprintf(expected, sizeof(expected), "%.6g to %.6g (median %.6g of %lld runs)", low, high, med,
			 (long long)json_integer_value(rd_get(m, "baseline.n")));
	else
		snprintf(expected, sizeof(expected), "a baseline of 5 comparable runs or more");
	rd_num(m, "value", &v);
	if (rd_num(m, "change.step_pct", &pct))
		snprintf(observed, sizeof(observed), "%.6g (%s, %+.1f %% since %s)", v, rd_str_or(m, "state", "?"), pct,
			 rd_str_or(m, "change.since", "?"));
	else
		snprintf(observed, sizeof(observed), "%.6g (%s)", v, rd_str_or(m, "state", "?"));
	strbuf_fixed(&sb, evidence, sizeof(evidence));
	strbuf_addstr(&sb, rd_str_or(m, "note", ""));
	if (rd_get(m, "acknowledged")) {
		strbuf_sep(&sb, "; ");
		strbuf_addf(&sb, "acknowledged: %s", rd_str_or(m, "acknowledged.reason", ""));
	}
	json_array_foreach(rd_get(m, "attribution"), i, a) {
		strbuf_sep(&sb, "; ");
		strbuf_addf(&sb, "changed at that run: %s", rd_str_or(a, "", ""));
	}
	return json_pack("{s:s, s:s, s:s, s:s, s:s}", "id", id, "status", status_of(m), "expected", expected,
			 "observed", observed, "evidence", evidence);
}

json_t *regress_verdict(const json_t *report)
{
	json_t *checks = json_array(), *counts = json_pack("{s:i, s:i, s:i, s:i, s:i}", "PASS", 0, "FAIL", 0,
							       "WARN", 0, "SKIP", 0, "UNVERIFIABLE", 0);
	const char *overall = "PASS";
	const json_t *m;
	size_t i;

	json_array_foreach(rd_get(report, "metrics"), i, m) {
		json_t *c = check_of(m);
		const char *s = rd_str_or(c, "status", "SKIP");

		json_object_set_new(counts, s, json_integer(rd_int_or(counts, s, 0) + 1));
		if (!strcmp(s, "FAIL") || (!strcmp(s, "WARN") && strcmp(overall, "FAIL")))
			overall = s;
		json_array_append_new(checks, c);
	}
	return json_pack("{s:s, s:s, s:[s], s:s, s:o, s:o}", "spec", "regress", "spec_version", "1.0.0",
			 "spec_chain", "regress", "status", overall, "counts", counts, "checks", checks);
}
