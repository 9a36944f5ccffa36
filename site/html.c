/*
 * html.c - the page as one self-contained HTML5 file (site.h).
 *
 * Written as polyglot markup (every element closed, every attribute
 * quoted), so a strict XML parser can check it, and with a Content
 * Security Policy that allows nothing from outside: inline style, inline
 * SVG, no script, no font, no image.  Every text that is not the page's
 * own - the spec's description, a version or OS name seen in a run - goes
 * through esc_markup().
 */
#include <string.h>

#include "base/escape.h"
#include "base/docpath.h"
#include "chart.h"
#include "i18n.h"
#include "site.h"
#include "texts.h"
#include "style.h"

static void text(FILE *out, const char *tag, const char *attrs, const char *s)
{
	fprintf(out, "<%s%s%s>", tag, attrs ? " " : "", attrs ? attrs : "");
	esc_markup(out, s);
	fprintf(out, "</%s>", tag);
}

static void head(FILE *out, const json_t *model, const char *lang, const char *css)
{
	fprintf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\" />\n", lang);
	fputs("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n", out);
	/* nothing from outside, ever: no script, font, image or style sheet */
	fputs("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
	      "img-src data:\" />\n", out);
	fputs("<meta name=\"generator\" content=\"specbench ", out);
	esc_markup(out, rd_str_or(model, "specbench_version", ""));
	fputs("\" />\n<title>", out);
	esc_markup(out, _("Technical specifications of the servers"));
	fputs(": ", out);
	esc_markup(out, rd_str_or(model, "spec.name", ""));
	fputs("</title>\n<style>\n", out);
	/* a style sheet cannot close the element early: </style> is refused by
	 * the command line before it gets here */
	fputs(css ? css : site_style_css, out);
	fputs("</style>\n</head>\n<body>\n<main>\n", out);
}

static void intro(FILE *out, const json_t *model)
{
	char buf[1024];
	const char *base = rd_str(model, "spec.base");

	fputs("<header>\n", out);
	text(out, "h1", NULL, _("Technical specifications of the servers"));
	fputs("\n<p class=\"lead\">", out);
	snprintf(buf, sizeof(buf), _("Package %s, version %s"), rd_str_or(model, "spec.name", "?"),
		 rd_str_or(model, "spec.version", "?"));
	esc_markup(out, buf);
	if (base) {
		fputs(" &#183; ", out);
		snprintf(buf, sizeof(buf), _("based on package %s"), base);
		esc_markup(out, buf);
	}
	fputs("</p>\n", out);
	if (rd_str(model, "spec.description"))
		text(out, "p", NULL, _(rd_str(model, "spec.description")));
	fputs("\n</header>\n", out);
	text(out, "p", NULL, text_note(NOTE_INTRO));
	fputs("\n", out);
	text_source(model, buf, sizeof(buf));
	text(out, "p", NULL, buf);
	fputs("\n", out);
}

/* A cell that names itself when the row stacks on a phone. */
static void cell(FILE *out, const char *label, const char *value)
{
	fputs("<td class=\"num\" data-label=\"", out);
	esc_markup(out, label);
	fputs("\">", out);
	esc_markup(out, value);
	fputs("</td>", out);
}

static void general_section(FILE *out, const json_t *model)
{
	const json_t *item;
	size_t i;

	fputs("<section id=\"general\">\n", out);
	text(out, "h2", NULL, _("General specifications"));
	/* on a phone its rows stack (style.c): each cell says what it is */
	fputs("\n<div class=\"table\"><table class=\"stack\">\n<thead><tr>", out);
	text(out, "th", "scope=\"col\"", _("Specification"));
	text(out, "th", "scope=\"col\"", _("What every VM is"));
	text(out, "th", "scope=\"col\"", _("Checked"));
	text(out, "th", "scope=\"col\" class=\"num\"", _("Runs"));
	text(out, "th", "scope=\"col\" class=\"num\"", _("VMs"));
	text(out, "th", "scope=\"col\" class=\"num\"", _("PASS"));
	text(out, "th", "scope=\"col\"", _("Last checked"));
	fputs("</tr></thead>\n<tbody>\n", out);
	json_array_foreach(rd_get(model, "general"), i, item) {
		const char *id = rd_str_or(item, "id", "");
		const char *status = text_general_status(item);
		long long runs = 0, vms = 0, pass = 0;
		char buf[1024], last[16], n[24];
		const char *cls = text_general_class(item);

		rd_int(item, "runs", &runs);
		rd_int(item, "vms", &vms);
		rd_int(item, "pass", &pass);
		text_date(rd_str(item, "last"), last, sizeof(last));
		fputs("<tr>", out);
		text(out, "th", "scope=\"row\"", text_general_label(id));
		text_general_promise(model, id, buf, sizeof(buf));
		text(out, "td", NULL, buf);
		fprintf(out, "<td class=\"%s\">", cls);
		esc_markup(out, status);
		fputs("</td>", out);
		snprintf(n, sizeof(n), "%lld", runs);
		cell(out, _("Runs"), n);
		snprintf(n, sizeof(n), "%lld", vms);
		cell(out, _("VMs"), n);
		snprintf(n, sizeof(n), "%lld", pass);
		cell(out, _("PASS"), n);
		cell(out, _("Last checked"), last);
		fputs("</tr>\n", out);
	}
	fputs("</tbody></table></div>\n", out);
	text(out, "p", "class=\"note\"", text_note(NOTE_GENERAL));
	fputs("\n</section>\n", out);
}

static void packages(FILE *out, const json_t *model)
{
	const json_t *p;
	size_t i;

	fputs("<section id=\"packages\">\n", out);
	text(out, "h2", NULL, _("Specifications of the servers"));
	fputs("\n<div class=\"table\"><table>\n", out);
	text(out, "caption", NULL, text_note(NOTE_PACKAGES));
	fputs("\n<thead><tr>", out);
	text(out, "th", "scope=\"col\"", _("Package"));
	text(out, "th", "scope=\"col\" class=\"num\"", _("vCPUs"));
	text(out, "th", "scope=\"col\" class=\"num\"", _("RAM"));
	text(out, "th", "scope=\"col\" class=\"num\"", _("Storage"));
	fputs("</tr></thead>\n<tbody>\n", out);
	json_array_foreach(rd_get(model, "packages"), i, p) {
		char ram[32], disk[48], vcpus[32] = "-";
		long long n = 0;

		if (rd_int(p, "vcpus", &n))
			snprintf(vcpus, sizeof(vcpus), "%lld", n);
		text_gib(rd_get(p, "ram_gib"), ram, sizeof(ram));
		text_gib(rd_get(p, "storage_gib"), disk, sizeof(disk));
		fputs(rd_true(p, "current") ? "<tr class=\"current\">" : "<tr>", out);
		text(out, "th", "scope=\"row\"", rd_str_or(p, "name", "?"));
		text(out, "td", "class=\"num\"", vcpus);
		text(out, "td", "class=\"num\"", ram);
		text(out, "td", "class=\"num\"", disk);
		fputs("</tr>\n", out);
	}
	fputs("</tbody></table></div>\n</section>\n", out);
}

static void figure_row(FILE *out, const json_t *f)
{
	struct text_figure t;

	text_figure(f, &t);
	fputs("<tr>", out);
	text(out, "th", "scope=\"row\"", text_metric_label(rd_str_or(f, "metric", "")));
	cell(out, _("Published"), t.ref);
	if (!t.measured) {
		fputs("<td colspan=\"5\" class=\"status-na\">", out);
		esc_markup(out, _("no measurements in this period"));
		fputs("</td></tr>\n", out);
		return;
	}
	cell(out, _("Median"), t.med);
	cell(out, _("10th\u201390th percentile"), t.range);
	cell(out, _("Of published"), t.pct);
	cell(out, _("Runs"), t.runs);
	cell(out, _("VMs"), t.vms);
	fputs("</tr>\n", out);
}

static void benchmarks(FILE *out, const json_t *model)
{
	const json_t *list = rd_get(model, "benchmarks"), *f;
	const char *current = NULL;
	size_t i, k;

	fputs("<section id=\"benchmarks\">\n", out);
	text(out, "h2", NULL, _("Benchmarks"));
	fputs("\n", out);
	text(out, "p", NULL, text_note(NOTE_BENCHMARKS));
	fputs("\n", out);
	for (i = 0; i < json_array_size(list); i = k) {
		current = rd_str_or(json_array_get(list, i), "check", "");
		fputs("<h3>", out);
		esc_markup(out, text_check_title(current));
		fputs("</h3>\n<div class=\"table\"><table class=\"stack\">\n<thead><tr>", out);
		text(out, "th", "scope=\"col\"", _("Figure"));
		text(out, "th", "scope=\"col\" class=\"num\"", _("Published"));
		text(out, "th", "scope=\"col\" class=\"num\"", _("Median"));
		text(out, "th", "scope=\"col\" class=\"num\"", _("10th\u201390th percentile"));
		text(out, "th", "scope=\"col\" class=\"num\"", _("Of published"));
		text(out, "th", "scope=\"col\" class=\"num\"", _("Runs"));
		text(out, "th", "scope=\"col\" class=\"num\"", _("VMs"));
		fputs("</tr></thead>\n<tbody>\n", out);
		for (k = i; k < json_array_size(list) && !strcmp(rd_str_or(json_array_get(list, k), "check", ""), current); k++)
			figure_row(out, json_array_get(list, k));
		fputs("</tbody></table></div>\n", out);
		for (size_t j = i; j < k; j++) {
			char id[64], alt[512], left[512];

			f = json_array_get(list, j);
			snprintf(id, sizeof(id), "chart%zu", j);
			fputs("<figure>", out);
			chart_svg(f, id, out);
			chart_alt(f, alt, sizeof(alt));
			fputs("<figcaption>", out);
			esc_markup(out, text_metric_label(rd_str_or(f, "metric", "")));
			fputs(": ", out);
			esc_markup(out, alt);
			fputs("</figcaption></figure>\n", out);
			text_left_out(model, f, left, sizeof(left));
			if (*left)
				text(out, "p", "class=\"note\"", left);
		}
	}
	fputs("</section>\n", out);
}

static void list_of(FILE *out, const json_t *values, const char *none)
{
	const json_t *v;
	size_t i;

	if (!json_array_size(values)) {
		text(out, "p", "class=\"note\"", none);
		return;
	}
	fputs("<ul>", out);
	json_array_foreach(values, i, v)
		text(out, "li", NULL, json_string_value(v));
	fputs("</ul>\n", out);
}

static void methodology(FILE *out, const json_t *model)
{
	const json_t *cmds = rd_get(model, "methodology.commands"), *c;
	const char *id;
	char buf[512];

	fputs("<section id=\"methodology\">\n", out);
	text(out, "h2", NULL, _("Methodology"));
	fputs("\n", out);
	text_period(model, buf, sizeof(buf));
	text(out, "p", NULL, buf);
	fputs("\n", out);
	text(out, "p", NULL, text_note(NOTE_COMMANDS));
	json_object_foreach((json_t *)cmds, id, c) {
		fputs("\n<h3>", out);
		esc_markup(out, text_check_title(id));
		fputs("</h3>\n<pre><code>", out);
		esc_markup(out, json_string_value(c));
		fputs("</code></pre>", out);
	}
	fputs("\n", out);
	text(out, "h3", NULL, _("Tools seen"));
	list_of(out, rd_get(model, "methodology.tools"), _("none in this period"));
	text(out, "h3", NULL, _("Operating systems seen"));
	list_of(out, rd_get(model, "methodology.os"), _("none in this period"));
	text(out, "h3", NULL, _("Kernels seen"));
	list_of(out, rd_get(model, "methodology.kernels"), _("none in this period"));
	for (const char *const *p = text_reference; *p; p++)
		text(out, "p", NULL, _(*p));
	fputs("\n</section>\n", out);
}

static void maintenance(FILE *out, const json_t *model)
{
	const json_t *w;
	size_t i;
	char buf[256];

	fputs("<section id=\"maintenance\">\n", out);
	text(out, "h2", NULL, _("Scheduled maintenance and updates"));
	fputs("\n", out);
	text(out, "p", NULL, _(text_maintenance[0]));
	fputs("\n<div class=\"table\"><table>\n<thead><tr>", out);
	text(out, "th", "scope=\"col\"", _("Day"));
	text(out, "th", "scope=\"col\"", _("From"));
	text(out, "th", "scope=\"col\"", _("To"));
	text(out, "th", "scope=\"col\"", _("What"));
	fputs("</tr></thead>\n<tbody>\n", out);
	json_array_foreach(rd_get(model, "maintenance.windows"), i, w) {
		fputs("<tr>", out);
		text(out, "th", "scope=\"row\"", text_day(rd_str_or(w, "day", "")));
		text(out, "td", NULL, rd_str_or(w, "from", ""));
		text(out, "td", NULL, rd_str_or(w, "to", ""));
		text(out, "td", NULL, _(rd_str_or(w, "what", "")));
		fputs("</tr>\n", out);
	}
	fputs("</tbody></table></div>\n", out);
	for (const char *const *p = text_maintenance + 1; *p; p++)
		text(out, "p", NULL, _(*p));
	text_settle(model, buf, sizeof(buf));
	fputs("\n", out);
	text(out, "p", "class=\"note\"", buf);
	fputs("\n</section>\n<section id=\"versions\">\n", out);
	text(out, "h2", NULL, _("Version numbers"));
	fputs("\n", out);
	text(out, "p", NULL, _(text_semver[0]));
	fputs("\n<ul>", out);
	for (const char *const *p = text_semver + 1; p[1]; p++)
		text(out, "li", NULL, _(*p));
	fputs("</ul>\n", out);
	for (const char *const *p = text_semver + 1; *p; p++)
		if (!p[1])
			text(out, "p", NULL, _(*p));
	fputs("\n</section>\n", out);
}

int site_html(const json_t *model, const char *lang, const char *css, FILE *out, struct sb_error *err)
{
	char buf[256];

	head(out, model, lang, css);
	intro(out, model);
	general_section(out, model);
	packages(out, model);
	benchmarks(out, model);
	methodology(out, model);
	maintenance(out, model);
	text_generated(model, buf, sizeof(buf));
	fputs("<footer>", out);
	text(out, "p", NULL, buf);
	fputs("</footer>\n</main>\n</body>\n</html>\n", out);
	if (ferror(out))
		return sb_fail(err, SB_EXIT_SYSTEM, "cannot write the page: out of memory");
	return 0;
}
