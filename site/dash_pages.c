/*
 * dash_pages.c - the operators' index and VM pages (dash_pages.h).
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/docpath.h"
#include "base/escape.h"
#include "base/strbuf.h"
#include "dash_chart.h"
#include "dash_pages.h"
#include "i18n.h"
#include "style.h"

/* What the dashboard adds to the page's style sheet: the states' colours
 * (each also said in words: colour is never the only sign) and the charts. */
static const char dash_css[] =
	"main { max-width: 72rem; }\n"
	".state { display: inline-block; padding: 0 .45rem; border-radius: .3rem; font-size: .85rem; font-weight: 600;"
	" border: 1px solid currentColor; white-space: nowrap; }\n"
	".s-REGRESSED, .s-FAIL { color: #b91c1c; } .s-SLOW, .s-SUSPECT, .s-STALE { color: #b45309; }\n"
	".s-FAST, .s-ACKED, .s-INSUFFICIENT { color: #5b6475; } .s-OK { color: #15803d; }\n"
	".counts { display: flex; flex-wrap: wrap; gap: .5rem; padding: 0; list-style: none; }\n"
	".counts a { text-decoration: none; }\n"
	"svg.spark { width: 8rem; height: 2rem; vertical-align: middle; }\n"
	"svg.spark path { fill: none; stroke: #b91c1c; stroke-width: 6; }\n"
	"svg.dash-chart { width: 100%; height: auto; max-width: 48rem; display: block; }\n"
	".dash-chart .frame { fill: none; stroke: var(--line); }\n"
	".dash-chart .band { fill: #0b5fff; opacity: .12; }\n"
	".dash-chart .level { stroke: #0b5fff; stroke-width: 1.5; }\n"
	".dash-chart .step { stroke: #b91c1c; stroke-width: 2; }\n"
	".dash-chart .change { stroke: #5b6475; stroke-dasharray: 4 3; }\n"
	".dash-chart .pt { fill: none; stroke: var(--ink); stroke-width: 5; stroke-linecap: round; }\n"
	".dash-chart .pt.window { stroke: #b45309; }\n"
	".dash-chart .pt.untrusted { stroke: #b8bfcc; }\n"
	"code.cmd { display: block; white-space: pre-wrap; word-break: break-all; background: #f3f5f8;"
	" padding: .4rem .6rem; margin: .3rem 0; }\n"
	"@media print { svg.spark path { stroke: #000; } }\n";

static const char *state_label(const char *s)
{
	static const struct { const char *id, *label; } labels[] = {
		{ "REGRESSED", N_("Regressed") }, { "FAIL", N_("Spec check failed") },
		{ "SLOW", N_("Slow among its peers") }, { "SUSPECT", N_("Suspect: one bad run") },
		{ "STALE", N_("Stale: no run for two days") }, { "FAST", N_("Fast among its peers") },
		{ "ACKED", N_("Acknowledged") }, { "INSUFFICIENT", N_("Too few runs to judge") },
		{ "OK", N_("OK") },
	};

	for (size_t i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
		if (!strcmp(s, labels[i].id))
			return _(labels[i].label);
	return s;
}

static void esc(FILE *out, const char *s)
{
	esc_markup(out, s ? s : "");
}

static void badge(FILE *out, const char *state)
{
	/* the state's id is one of dashboard.c's, never a VM's text; still escaped */
	fputs("<span class=\"state s-", out);
	esc(out, state);
	fputs("\">", out);
	esc(out, state_label(state));
	fputs("</span>", out);
}

static void head(FILE *out, const char *lang, const char *title)
{
	fprintf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\" />\n", lang);
	fputs("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n", out);
	fputs("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
	      "img-src data:\" />\n<meta name=\"robots\" content=\"noindex\" />\n<title>", out);
	esc(out, title);
	fputs("</title>\n<style>\n", out);
	fputs(site_style_css, out);
	fputs(dash_css, out);
	fputs("</style>\n</head>\n<body>\n<main>\n", out);
}

static void foot(FILE *out, long long generated_at)
{
	char when[32];
	time_t t = (time_t)generated_at;
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(when, sizeof(when), "%Y-%m-%d %H:%M UTC", &tm);
	fputs("<footer><p class=\"lead\">", out);
	esc(out, _("Made by specbench dashboard at"));
	fputc(' ', out);
	esc(out, when);
	fputs("</p></footer>\n</main>\n</body>\n</html>\n", out);
}

/* "2026-03-14T06:00:00Z" as "2026-03-14 06:00" */
static void when(FILE *out, const char *iso)
{
	char buf[20];

	if (!iso) {
		fputs("&#8211;", out);
		return;
	}
	snprintf(buf, sizeof(buf), "%.16s", iso);
	if (strlen(buf) > 10)
		buf[10] = ' ';
	esc(out, buf);
}

static void pct(FILE *out, const json_t *v, const char *path)
{
	double x;
	char buf[48];

	if (!rd_num(v, path, &x))
		return;
	i18n_number(x, 1, buf, sizeof(buf));
	fprintf(out, " (%s%s %%)", x > 0 ? "+" : "", buf);
}

/* s into sb with each byte but letters, digits, '.' and those of `keep`
 * written "_xx": one name per text (a VM's key "a:b" is not "a_b"'s) */
static void file_part(struct strbuf *sb, const char *s, const char *keep)
{
	for (const unsigned char *c = (const unsigned char *)s; *c; c++)
		if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') || *c == '.' ||
		    (*c && strchr(keep, *c)))
			strbuf_addch(sb, (char)*c);
		else
			strbuf_addf(sb, "_%02x", *c);
}

void dash_host_file(const json_t *host, const char *spec, char *buf, size_t size)
{
	struct strbuf sb;

	/* the spec's part has no '-': the first one after "host-" ends it */
	strbuf_fixed(&sb, buf, size);
	strbuf_addstr(&sb, "host-");
	file_part(&sb, spec, "");
	strbuf_addch(&sb, '-');
	file_part(&sb, rd_str_or(host, "key", "unknown"), "-");
}

/* A section's id: the spec's name made safe, and the state. */
static void dash_section_id(FILE *out, const char *spec, const char *state)
{
	for (const char *c = spec; *c; c++)
		fputc((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ? *c : '_', out);
	fputc('-', out);
	esc(out, state);
}

static const char *host_name(const json_t *host)
{
	return rd_str_or(host, "hostname", rd_str_or(host, "key", "?"));
}

/* "<li>STATE benchmark metric" of a finding; the caller ends the item. */
static void item_start(FILE *out, const char *state, const json_t *m)
{
	fputs("<li>", out);
	badge(out, state);
	fputc(' ', out);
	esc(out, rd_str(m, "benchmark"));
	fputc(' ', out);
	esc(out, rd_str(m, "metric"));
}

/* What an operator reads first of a VM: its regressions with the change
 * they are put down to, failed checks, its place among its peers. */
static void findings(FILE *out, const json_t *host, bool sparks)
{
	const json_t *m;
	size_t i;

	fputs("<ul class=\"findings\">", out);
	json_array_foreach(json_object_get(host, "regressed"), i, m) {
		const json_t *a;
		size_t k;

		item_start(out, "REGRESSED", m);
		pct(out, m, "change.step_pct");
		fputs(", ", out);
		esc(out, _("since"));
		fputc(' ', out);
		when(out, rd_str(m, "change.since"));
		json_array_foreach(json_object_get(m, "attribution"), k, a) {
			fputs(k ? "; " : ": ", out);
			esc(out, json_string_value(a));
		}
		if (sparks) {
			fputc(' ', out);
			dash_spark_svg(json_object_get(m, "spark"), _("the last runs of this figure"), out);
		}
		fputs("</li>", out);
	}
	json_array_foreach(json_object_get(host, "fails"), i, m) {
		fputs("<li>", out);
		badge(out, "FAIL");
		fputc(' ', out);
		esc(out, json_string_value(m));
		fputs("</li>", out);
	}
	/* SLOW or FAST: one line each, its figures with their ratio to the
	 * median of the VMs on the same CPU (a slow host is slow in most) */
	for (const char *const *kind = (const char *const[]){ "SLOW", "FAST", NULL }; *kind; kind++) {
		bool any = false;

		json_array_foreach(json_object_get(host, "fleet"), i, m) {
			char buf[48];
			double r;

			if (strcmp(rd_str_or(m, "state", ""), *kind))
				continue;
			if (!any) {
				fputs("<li>", out);
				badge(out, *kind);
				fputc(' ', out);
				esc(out, _("against the median of VMs on the same CPU:"));
			}
			fputs(any ? ", " : " ", out);
			any = true;
			esc(out, rd_str(m, "benchmark"));
			fputc(' ', out);
			esc(out, rd_str(m, "metric"));
			if (rd_num(m, "ratio", &r)) {
				i18n_number(r, 2, buf, sizeof(buf));
				fprintf(out, " %s&#215;", buf);
			}
		}
		if (any)
			fputs("</li>", out);
	}
	json_array_foreach(json_object_get(host, "suspect"), i, m) {
		item_start(out, "SUSPECT", m);
		pct(out, m, "change.step_pct");
		fputs("</li>", out);
	}
	json_array_foreach(json_object_get(host, "acked"), i, m) {
		item_start(out, "ACKED", m);
		fputs(": ", out);
		esc(out, rd_str(m, "acknowledged.reason"));
		fputs("</li>", out);
	}
	fputs("</ul>", out);
}

/* One package: its counts, then a section per state, worst first. */
static void package(FILE *out, const json_t *index, const char *lang)
{
	const json_t *host, *counts = json_object_get(index, "counts");
	const char *prev = NULL, *spec = rd_str_or(index, "spec", "?");
	char title[256], file[300];
	size_t i;

	snprintf(title, sizeof(title), _("Package %s"), spec);
	fputs("<section>\n<h2>", out);
	esc(out, title);
	fputs("</h2>\n<p class=\"lead\">", out);
	fprintf(out, i18n_ntext("%zu VM", "%zu VMs", json_array_size(json_object_get(index, "hosts"))),
		json_array_size(json_object_get(index, "hosts")));
	if (rd_str(index, "since")) {
		fputs(" &#183; ", out);
		esc(out, _("runs since"));
		fputc(' ', out);
		esc(out, rd_str(index, "since"));
	}
	fputs("</p>\n<ul class=\"counts\">", out);
	json_array_foreach(json_object_get(index, "hosts"), i, host) {
		const char *s = rd_str_or(host, "state", "OK");

		if (prev && !strcmp(prev, s))
			continue;
		prev = s;
		fputs("<li><a href=\"#", out);
		dash_section_id(out, spec, s);
		fputs("\">", out);
		badge(out, s);
		fprintf(out, " %lld</a></li>", (long long)rd_int_or(counts, s, 0));
	}
	fputs("</ul>\n", out);
	prev = NULL;
	json_array_foreach(json_object_get(index, "hosts"), i, host) {
		const char *s = rd_str_or(host, "state", "OK");
		const json_t *st;
		size_t k;

		if (!prev || strcmp(prev, s)) {
			if (prev)
				fputs("</tbody></table></div>\n", out);
			fputs("<h3 id=\"", out);
			dash_section_id(out, spec, s);
			fputs("\">", out);
			esc(out, state_label(s));
			fprintf(out, " (%lld)</h3>\n<div class=\"table\"><table><thead><tr><th>", (long long)rd_int_or(counts, s, 0));
			esc(out, _("VM"));
			fputs("</th><th>", out);
			esc(out, _("Last run"));
			fputs("</th><th>", out);
			esc(out, _("What is wrong"));
			fputs("</th></tr></thead><tbody>\n", out);
			prev = s;
		}
		dash_host_file(host, spec, file, sizeof(file));
		fputs("<tr><td><a href=\"", out);
		esc(out, file);
		fprintf(out, ".%s.html\">", lang);
		esc(out, host_name(host));
		fputs("</a>", out);
		json_array_foreach(json_object_get(host, "states"), k, st)
			if (strcmp(json_string_value(st), s)) {
				fputc(' ', out);
				badge(out, json_string_value(st));
			}
		fputs("</td><td>", out);
		when(out, rd_str(host, "last_run.created_at"));
		fputs(" ", out);
		esc(out, rd_str(host, "last_run.verdict"));
		fputs("</td><td>", out);
		findings(out, host, true);
		fputs("</td></tr>\n", out);
	}
	if (prev)
		fputs("</tbody></table></div>\n", out);
	fputs("</section>\n", out);
}

int dash_index_html(const json_t *indexes, const char *lang, FILE *out, struct sb_error *err)
{
	const json_t *index;
	long long generated_at = 0;
	size_t i;

	(void)err;
	head(out, lang, _("Fleet dashboard"));
	fputs("<header>\n<h1>", out);
	esc(out, _("Fleet dashboard"));
	fputs("</h1>\n<p class=\"lead\">", out);
	esc(out, _("Every VM of each package, worst first: a regression against its own past, a failed spec check, "
		   "slow among VMs on the same CPU, a suspect run, no run for two days, an acknowledged regression."));
	fputs("</p>\n</header>\n", out);
	json_array_foreach(indexes, i, index) {
		package(out, index, lang);
		generated_at = rd_int_or(index, "generated_at", 0);
	}
	foot(out, generated_at);
	return 0;
}

/* A word of a command an operator copies into a shell: the VM wrote it
 * (its machine id, a benchmark's name), so it is quoted for the shell,
 * then escaped for the page. */
static void esc_word(FILE *out, const char *s)
{
	char *word = shell_word(s);

	esc(out, word ? word : "''");
	free(word);
}

/* What to type: regress, and an acknowledgement of each regression. */
static void commands(FILE *out, const json_t *host)
{
	const json_t *m;
	size_t i;

	fputs("<section id=\"commands\">\n<h2>", out);
	esc(out, _("Commands"));
	fputs("</h2>\n<code class=\"cmd\">specbench regress --host ", out);
	esc_word(out, rd_str(host, "key"));
	fputs("</code>\n", out);
	json_array_foreach(json_object_get(host, "regressed"), i, m) {
		fputs("<code class=\"cmd\">specbench regress ack --host ", out);
		esc_word(out, rd_str(host, "key"));
		fputs(" --benchmark ", out);
		esc_word(out, rd_str(m, "benchmark"));
		fputs(" --metric ", out);
		esc_word(out, rd_str(m, "metric"));
		fputs(" --reason '&#8230;'</code>\n", out);
	}
	fputs("</section>\n", out);
}

/* A section of a VM's page with a table: its heading, then the table's
 * head (heads: translated, NULL-terminated); or, with no rows, the
 * sentence that says so, and the section closed (0: nothing to add). */
static int table_section(FILE *out, const char *id, const char *title, size_t rows, const char *none,
			 const char *const *heads)
{
	fprintf(out, "<section id=\"%s\">\n<h2>", id);
	esc(out, title);
	fputs("</h2>\n", out);
	if (!rows) {
		fputs("<p>", out);
		esc(out, none);
		fputs("</p>\n</section>\n", out);
		return 0;
	}
	fputs("<div class=\"table\"><table><thead><tr>", out);
	for (; *heads; heads++) {
		fputs("<th>", out);
		esc(out, *heads);
		fputs("</th>", out);
	}
	fputs("</tr></thead><tbody>\n", out);
	return 1;
}

static void table_section_end(FILE *out)
{
	fputs("</tbody></table></div>\n</section>\n", out);
}

static void checks_table(FILE *out, const json_t *checks)
{
	const char *const heads[] = { _("Check"), _("Status"), NULL };
	const char *id;
	const json_t *st;

	if (!table_section(out, "checks", _("The last verdict's checks"), json_object_size(checks),
			   _("The last run has no verdict."), heads))
		return;
	json_object_foreach((json_t *)checks, id, st) {
		fputs("<tr><td>", out);
		esc(out, id);
		fputs("</td><td>", out);
		esc(out, json_string_value(st));
		fputs("</td></tr>\n", out);
	}
	table_section_end(out);
}

/* Every acknowledgement of the VM, newest first: when, the figure, since
 * which run, and the reason someone gave (text a person typed: escaped). */
static void acks_table(FILE *out, const json_t *acks)
{
	const char *const heads[] = { _("When"), _("Figure"), _("Since run"), _("Reason"), NULL };
	size_t n = json_array_size(acks);

	if (!table_section(out, "acks", _("Acknowledgements"), n, _("No regression of this VM has been acknowledged."),
			   heads))
		return;
	for (size_t i = n; i-- > 0;) {
		const json_t *a = json_array_get(acks, i);

		fputs("<tr><td>", out);
		when(out, rd_str(a, "created_at"));
		fputs("</td><td>", out);
		esc(out, rd_str(a, "benchmark"));
		fputc(' ', out);
		esc(out, rd_str(a, "metric"));
		fprintf(out, "</td><td>%lld</td><td>", (long long)rd_int_or(a, "since_run", 0));
		esc(out, rd_str_or(a, "reason", ""));
		fputs("</td></tr>\n", out);
	}
	table_section_end(out);
}

static void figure(FILE *out, const json_t *fig, const json_t *changes, size_t n)
{
	const json_t *pts = json_object_get(fig, "points");
	char alt[600], id[32], buf[48];
	const char *state = rd_str_or(fig, "judged.state", "");
	double v = json_number_value(json_array_get(json_array_get(pts, json_array_size(pts) - 1), 1));

	i18n_number(v, 1, buf, sizeof(buf));
	snprintf(alt, sizeof(alt), _("%s %s: %zu runs, the last %s"), rd_str_or(fig, "benchmark", "?"),
		 rd_str_or(fig, "metric", "?"), json_array_size(pts), buf);
	fputs("<h3>", out);
	esc(out, rd_str(fig, "benchmark"));
	fputc(' ', out);
	esc(out, rd_str(fig, "metric"));
	if (*state) {
		fputc(' ', out);
		badge(out, !strcmp(state, "REGRESSED") && rd_get(fig, "judged.acknowledged") ? "ACKED" :
			   !strcmp(state, "IMPROVED") ? "OK" : state);
	}
	fputs("</h3>\n", out);
	if (rd_str(fig, "command") && *rd_str(fig, "command")) {
		fputs("<p class=\"lead\"><code>", out);
		esc(out, rd_str(fig, "command"));
		fputs("</code></p>\n", out);
	}
	snprintf(id, sizeof(id), "fig-%zu", n);
	fputs("<figure>", out);
	dash_chart_svg(fig, changes, id, alt, out);
	fputs("\n<figcaption>", out);
	esc(out, alt);
	if (rd_get(fig, "judged.baseline.median") && !json_is_null(rd_get(fig, "judged.baseline.median"))) {
		i18n_number(json_number_value(rd_get(fig, "judged.baseline.median")), 1, buf, sizeof(buf));
		fputs("; ", out);
		esc(out, _("baseline"));
		fprintf(out, " %s", buf);
	}
	fputs("</figcaption></figure>\n", out);
}

int dash_host_html(const json_t *host, const char *spec, long long generated_at, const char *lang, FILE *out,
		   struct sb_error *err)
{
	const json_t *c, *fig, *st;
	char title[300];
	size_t i;

	(void)err;
	snprintf(title, sizeof(title), "%.200s: %s", host_name(host), _("fleet dashboard"));
	head(out, lang, title);
	fprintf(out, "<nav><a href=\"index.%s.html\">", lang);
	esc(out, _("All VMs of the package"));
	fputs(" ", out);
	esc(out, spec);
	fputs("</a></nav>\n<header>\n<h1>", out);
	esc(out, host_name(host));
	fputs("</h1>\n<p class=\"lead\">", out);
	json_array_foreach(json_object_get(host, "states"), i, st) {
		badge(out, json_string_value(st));
		fputc(' ', out);
	}
	esc(out, _("machine id"));
	fputc(' ', out);
	esc(out, rd_str_or(host, "machine_id", "-"));
	fputs(" &#183; ", out);
	esc(out, _("last run"));
	fputc(' ', out);
	when(out, rd_str(host, "last_run.created_at"));
	fputc(' ', out);
	esc(out, rd_str(host, "last_run.verdict"));
	fputs("</p>\n</header>\n<section id=\"findings\">\n", out);
	findings(out, host, false);
	fputs("</section>\n", out);
	commands(out, host);
	fputs("<section id=\"figures\">\n<h2>", out);
	esc(out, _("Figures over time"));
	fputs("</h2>\n<p>", out);
	esc(out, _("Each dot is a run; orange: inside a maintenance window; grey: cached, unstable or under too "
		   "much CPU steal (never in a baseline). The band and the line are the baseline the last run was "
		   "judged against; a red line marks where a step began, a dashed one a change of kernel, CPU, application version or device."));
	fputs("</p>\n", out);
	json_array_foreach(json_object_get(host, "figures"), i, fig)
		figure(out, fig, json_object_get(host, "changes"), i);
	fputs("</section>\n<section id=\"changes\">\n<h2>", out);
	esc(out, _("Changes"));
	fputs("</h2>\n<ul>", out);
	json_array_foreach(json_object_get(host, "changes"), i, c) {
		fputs("<li>", out);
		when(out, rd_str(c, "at"));
		fputs(": ", out);
		esc(out, rd_str(c, "what"));
		fputs("</li>", out);
	}
	fputs("</ul>\n</section>\n", out);
	acks_table(out, json_object_get(host, "acks"));
	checks_table(out, json_object_get(host, "checks"));
	foot(out, generated_at);
	return 0;
}
