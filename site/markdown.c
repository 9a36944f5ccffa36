/*
 * markdown.c - the page in CommonMark with pipe tables (site.h), for a
 * website's CMS: the same sections and tables as the HTML page, the charts
 * as their text alternative.  Every text that is not the page's own is
 * escaped (escape.h), so that no input becomes markup or raw HTML.
 */
#include <string.h>

#include "base/escape.h"
#include "base/docpath.h"
#include "base/strbuf.h"
#include "chart.h"
#include "i18n.h"
#include "site.h"
#include "texts.h"

/* s as text of a CommonMark table cell or paragraph: the characters of
 * inline markup and the cell separator (\ ` * _ [ ] | ~) backslash-escaped
 * everywhere, those that open a block (# - + > = and the "." or ")" of
 * "1.") at the start, '<' and '&' as entities so that no raw HTML gets
 * through, line breaks as spaces. */
static void esc_markdown(FILE *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	const unsigned char *digits = p;

	/* what starts a block only at the start of a line: a heading, a list
	 * item, a quote, a setext underline, "1." or "1)" */
	if (*p && strchr("#-+>=", *p))
		fputc('\\', out);
	while (*digits >= '0' && *digits <= '9')
		digits++;
	for (; *p; p++) {
		if (*p == '<')
			fputs("&lt;", out);
		else if (*p == '&')
			fputs("&amp;", out);
		else if (*p == '\n' || *p == '\r' || *p == '\t')
			fputc(' ', out);
		else if (*p < 0x20 || *p == 0x7f)
			continue;
		else {
			/* inline markup anywhere, and the table's cell separator */
			if (strchr("\\`*_[]|~", *p) || (p == digits && p != (const unsigned char *)s &&
							  (*p == '.' || *p == ')')))
				fputc('\\', out);
			fputc(*p, out);
		}
	}
}

static void para(FILE *out, const char *s)
{
	esc_markdown(out, s);
	fputs("\n\n", out);
}

static void heading(FILE *out, int level, const char *s)
{
	fprintf(out, "%.*s ", level, "####");
	esc_markdown(out, s);
	fputs("\n\n", out);
}

/* A table row of cells; right: which columns are numbers (for the
 * delimiter row). */
static void row(FILE *out, const char *const *cells, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		fputs("| ", out);
		esc_markdown(out, cells[i]);
		fputs(" ", out);
	}
	fputs("|\n", out);
}

static void delimiter(FILE *out, const char *align)
{
	for (const char *a = align; *a; a++)
		fputs(*a == 'r' ? "| ---: " : "| --- ", out);
	fputs("|\n", out);
}

static void general_section(FILE *out, const json_t *model)
{
	const char *head[] = { _("Specification"), _("What every VM is"), _("Checked"), _("Runs"), _("VMs"),
			       _("PASS"), _("Last checked") };
	const json_t *item;
	size_t i;

	heading(out, 2, _("General specifications"));
	row(out, head, 7);
	delimiter(out, "lllrrrl");
	json_array_foreach(rd_get(model, "general"), i, item) {
		char promise[1024], runs[24], vms[24], pass[24], last[16];
		long long n = 0;
		const char *cells[7];

		text_general_promise(model, rd_str_or(item, "id", ""), promise, sizeof(promise));
		rd_int(item, "runs", &n);
		snprintf(runs, sizeof(runs), "%lld", n);
		rd_int(item, "vms", &n);
		snprintf(vms, sizeof(vms), "%lld", n);
		rd_int(item, "pass", &n);
		snprintf(pass, sizeof(pass), "%lld", n);
		text_date(rd_str(item, "last"), last, sizeof(last));
		cells[0] = text_general_label(rd_str_or(item, "id", ""));
		cells[1] = promise;
		cells[2] = text_general_status(item);
		cells[3] = runs;
		cells[4] = vms;
		cells[5] = pass;
		cells[6] = last;
		row(out, cells, 7);
	}
	fputs("\n", out);
	para(out, text_note(NOTE_GENERAL));
}

static void packages(FILE *out, const json_t *model)
{
	const char *head[] = { _("Package"), _("vCPUs"), _("RAM"), _("Storage") };
	const json_t *p;
	size_t i;

	heading(out, 2, _("Specifications of the servers"));
	row(out, head, 4);
	delimiter(out, "lrrr");
	json_array_foreach(rd_get(model, "packages"), i, p) {
		char vcpus[24] = "-", ram[32], disk[48];
		long long n = 0;
		const char *cells[4];

		if (rd_int(p, "vcpus", &n))
			snprintf(vcpus, sizeof(vcpus), "%lld", n);
		text_gib(rd_get(p, "ram_gib"), ram, sizeof(ram));
		text_gib(rd_get(p, "storage_gib"), disk, sizeof(disk));
		cells[0] = rd_str_or(p, "name", "?");
		cells[1] = vcpus;
		cells[2] = ram;
		cells[3] = disk;
		row(out, cells, 4);
	}
	fputs("\n", out);
	para(out, text_note(NOTE_PACKAGES));
}

static void benchmarks(FILE *out, const json_t *model)
{
	const char *head[] = { _("Figure"), _("Published"), _("Median"), _("10th\u201390th percentile"),
			       _("Of published"), _("Runs"), _("VMs") };
	const json_t *list = rd_get(model, "benchmarks");
	size_t i, k;

	heading(out, 2, _("Benchmarks"));
	para(out, text_note(NOTE_BENCHMARKS));
	for (i = 0; i < json_array_size(list); i = k) {
		const char *check = rd_str_or(json_array_get(list, i), "check", "");

		heading(out, 3, text_check_title(check));
		row(out, head, 7);
		delimiter(out, "lrrrrrr");
		for (k = i; k < json_array_size(list) && !strcmp(rd_str_or(json_array_get(list, k), "check", ""), check); k++) {
			const json_t *f = json_array_get(list, k);
			struct text_figure t;
			const char *cells[7];

			text_figure(f, &t);
			cells[0] = text_metric_label(rd_str_or(f, "metric", ""));
			cells[1] = t.ref;
			cells[2] = t.measured ? t.med : _("no measurements in this period");
			cells[3] = t.range;
			cells[4] = t.pct;
			cells[5] = t.runs;
			cells[6] = t.vms;
			row(out, cells, 7);
		}
		fputs("\n", out);
		for (size_t j = i; j < k; j++) {
			char alt[512], left[512];

			chart_alt(json_array_get(list, j), alt, sizeof(alt));
			fputs("*", out);
			esc_markdown(out, text_metric_label(rd_str_or(json_array_get(list, j), "metric", "")));
			fputs("*: ", out);
			para(out, alt);
			text_left_out(model, json_array_get(list, j), left, sizeof(left));
			if (*left)
				para(out, left);
		}
	}
}

static void list_of(FILE *out, const json_t *values, const char *none)
{
	const json_t *v;
	size_t i;

	if (!json_array_size(values)) {
		para(out, none);
		return;
	}
	json_array_foreach(values, i, v) {
		fputs("- ", out);
		esc_markdown(out, json_string_value(v));
		fputs("\n", out);
	}
	fputs("\n", out);
}

static void methodology(FILE *out, const json_t *model)
{
	const json_t *c;
	const char *id;
	char buf[512];

	heading(out, 2, _("Methodology"));
	text_period(model, buf, sizeof(buf));
	para(out, buf);
	para(out, text_note(NOTE_COMMANDS));
	json_object_foreach((json_t *)rd_get(model, "methodology.commands"), id, c) {
		heading(out, 3, text_check_title(id));
		/* an indented code block: nothing in it is markup, and a command
		 * holds no line break */
		fputs("    ", out);
		fputs(json_string_value(c), out);
		fputs("\n\n", out);
	}
	heading(out, 3, _("Tools seen"));
	list_of(out, rd_get(model, "methodology.tools"), _("none in this period"));
	heading(out, 3, _("Operating systems seen"));
	list_of(out, rd_get(model, "methodology.os"), _("none in this period"));
	heading(out, 3, _("Kernels seen"));
	list_of(out, rd_get(model, "methodology.kernels"), _("none in this period"));
	for (const char *const *p = text_reference; *p; p++)
		para(out, _(*p));
}

static void maintenance(FILE *out, const json_t *model)
{
	const char *head[] = { _("Day"), _("From"), _("To"), _("What") };
	const json_t *w;
	size_t i;
	char buf[256];

	heading(out, 2, _("Scheduled maintenance and updates"));
	para(out, _(text_maintenance[0]));
	row(out, head, 4);
	delimiter(out, "llll");
	json_array_foreach(rd_get(model, "maintenance.windows"), i, w) {
		const char *cells[] = { text_day(rd_str_or(w, "day", "")), rd_str_or(w, "from", ""),
					rd_str_or(w, "to", ""), _(rd_str_or(w, "what", "")) };

		row(out, cells, 4);
	}
	fputs("\n", out);
	for (const char *const *p = text_maintenance + 1; *p; p++)
		para(out, _(*p));
	text_settle(model, buf, sizeof(buf));
	para(out, buf);
	heading(out, 2, _("Version numbers"));
	for (const char *const *p = text_semver; *p; p++) {
		if (p != text_semver && p[1])
			fputs("- ", out);
		para(out, _(*p));
	}
}

int site_markdown(const json_t *model, const char *lang, FILE *out, struct sb_error *err)
{
	char buf[1024];
	const char *base = rd_str(model, "spec.base");
	struct strbuf sb;

	(void)lang;
	heading(out, 1, _("Technical specifications of the servers"));
	strbuf_fixed(&sb, buf, sizeof(buf));
	strbuf_addf(&sb, _("Package %s, version %s"), rd_str_or(model, "spec.name", "?"),
		    rd_str_or(model, "spec.version", "?"));
	if (base) {
		strbuf_addstr(&sb, " \u00b7 ");
		strbuf_addf(&sb, _("based on package %s"), base);
	}
	para(out, buf);
	if (rd_str(model, "spec.description"))
		para(out, _(rd_str(model, "spec.description")));
	para(out, text_note(NOTE_INTRO));
	text_source(model, buf, sizeof(buf));
	para(out, buf);
	general_section(out, model);
	packages(out, model);
	benchmarks(out, model);
	methodology(out, model);
	maintenance(out, model);
	text_generated(model, buf, sizeof(buf));
	fputs("---\n\n", out);
	para(out, buf);
	if (ferror(out))
		return sb_fail(err, SB_EXIT_SYSTEM, "cannot write the page: out of memory");
	return 0;
}
