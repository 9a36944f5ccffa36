/*
 * texts.c - see texts.h.  The Dutch of the catalogue (po/nl.po) follows the
 * provider's own pages (the source documents): their headings, their terms
 * ("opslagruimte", "RAM-geheugen", "onderhoudsvenster").
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "base/docpath.h"
#include "base/strbuf.h"
#include "model/registry.h"
#include "model/spec.h"
#include "site.h"
#include "i18n.h"
#include "texts.h"

static const struct {
	const char *id, *label;
} general_labels[] = {
	{ "processor", N_("Processor") }, { "clock", N_("Clock speed") }, { "hyperthread", N_("vCPU") },
	{ "ecc", N_("RAM") }, { "storage", N_("Storage") }, { "addresses", N_("IP addresses") },
	{ "uplink", N_("Network") },
};

static const struct {
	const char *day, *name;
} days[] = {
	{ "mon", N_("Monday") }, { "tue", N_("Tuesday") }, { "wed", N_("Wednesday") }, { "thu", N_("Thursday") },
	{ "fri", N_("Friday") }, { "sat", N_("Saturday") }, { "sun", N_("Sunday") },
};

#define LOOKUP(table, field, key, text, fallback) do { \
	for (size_t i_ = 0; i_ < sizeof(table) / sizeof(table[0]); i_++) \
		if (!strcmp(table[i_].field, key)) \
			return _(table[i_].text); \
	return fallback; \
} while (0)

const char *text_general_label(const char *id) { LOOKUP(general_labels, id, id, label, id); }
/* A spec's check, or a benchmark (for its commands): the registry's words. */
const char *text_check_title(const char *check)
{
	const struct benchmark_def *b = registry_benchmark(check);

	for (const struct check_def *c = check_registry; c->id; c++)
		if (!strcmp(c->id, check))
			return _(c->title);
	return b ? _(b->title) : check;
}

/* A figure ("read.iops"): the registry's words for the first figure of that
 * path that has them. */
const char *text_metric_label(const char *metric)
{
	for (const struct benchmark_def *b = benchmark_registry; b->id; b++)
		for (const struct figure_def *f = b->figures; f->path; f++)
			if (f->label && !strcmp(f->path, metric))
				return _(f->label);
	return metric;
}
const char *text_day(const char *day) { LOOKUP(days, day, day, name, day); }

/* "AMD EPYC 2nd Gen": the makers' own names of their lines (not
 * translated: they are product names). */
static void line_name(const json_t *accept, char *buf, size_t size)
{
	const char *line = rd_str_or(accept, "line", "?");
	long long gen = 0;
	const char *maker = !strcmp(line, "EPYC") ? "AMD " : !strncmp(line, "Xeon", 4) ? "Intel\u00ae " : "";
	char name[96];

	snprintf(name, sizeof(name), "%s", line);
	if (!strncmp(line, "Xeon", 4))
		snprintf(name, sizeof(name), "Xeon\u00ae%s", line + 4);
	if (rd_int(accept, "generation", &gen) && gen > 0)
		snprintf(buf, size, "%s%s %lld%s Gen", maker, name, gen,
			 gen % 100 / 10 == 1 ? "th" : gen % 10 == 1 ? "st" : gen % 10 == 2 ? "nd" : gen % 10 == 3 ? "rd" : "th");
	else
		snprintf(buf, size, "%s%s", maker, name);
}

void text_general_promise(const json_t *model, const char *id, char *buf, size_t size)
{
	char n1[160], n2[64];
	size_t i;

	if (!strcmp(id, "processor")) {
		struct strbuf sb;
		const json_t *a;

		strbuf_fixed(&sb, buf, size);
		json_array_foreach(rd_get(model, "promises.accept"), i, a) {
			char name[256];

			line_name(a, name, sizeof(name));
			strbuf_addf(&sb, "%s%s", i == 0 ? "" : i + 1 == json_array_size(rd_get(model, "promises.accept")) ?
				    _(" or ") : ", ", name);
		}
		snprintf(n1, sizeof(n1), "%s", buf);
		snprintf(buf, size, _("Always an %s."), n1);
	} else if (!strcmp(id, "clock")) {
		double mhz = 0;

		rd_num(model, "promises.min_mhz", &mhz);
		i18n_number(mhz / 1000, mhz == (double)(long long)(mhz / 1000) * 1000 ? 0 : 1, n1, sizeof(n1));
		snprintf(buf, size, _("The exact CPU GHz can differ, but is always at least %s GHz."), n1);
	} else if (!strcmp(id, "hyperthread")) {
		snprintf(buf, size, "%s", _("1 vCPU = 1 hyper-thread. The processor and RAM are shared with other "
					    "virtual machines; dedicated vCPUs are available on request."));
	} else if (!strcmp(id, "ecc")) {
		snprintf(buf, size, "%s", _("The memory is always ECC memory."));
	} else if (!strcmp(id, "storage")) {
		const char *raid = rd_str_or(model, "promises.raid", "");

		for (i = 0; raid[i] && i + 1 < sizeof(n1); i++)
			n1[i] = (char)(raid[i] >= 'a' && raid[i] <= 'z' ? raid[i] - 32 : raid[i]);
		n1[i] = '\0';
		snprintf(buf, size, _("Local NVMe SSDs in %s."), n1);
	} else if (!strcmp(id, "addresses")) {
		long long v4 = 0, v6 = 0;

		rd_int(model, "promises.ipv4", &v4);
		rd_int(model, "promises.ipv6", &v6);
		snprintf(n1, sizeof(n1), "%lld", v4);
		snprintf(n2, sizeof(n2), "%lld", v6);
		snprintf(buf, size, _("Always %s IPv4 and %s IPv6 address. Extra IPv4 addresses are available at "
				      "extra cost; extra IPv6 addresses are assigned free of charge when needed."), n1, n2);
	} else if (!strcmp(id, "uplink")) {
		snprintf(buf, size, "%s", _("The server is connected to the internet by a redundant connection. The "
					    "network speed can vary with how busy it is at that time of day."));
	} else
		snprintf(buf, size, "%s", id);
}

/* How a general specification stands: its words and its style class. */
static const struct {
	const char *text, *cls;
} statuses[] = {
	[GENERAL_UNVERIFIABLE] = { N_("not verifiable from inside a VM"), "status-na" },
	[GENERAL_UNMEASURED] = { N_("not measured in this period"), "status-na" },
	[GENERAL_NOT_MET] = { N_("not met in some runs"), "status-no" },
	[GENERAL_VERIFIED_VISIBLE] = { N_("verified where a VM can see it"), "status-ok" },
	[GENERAL_VERIFIED_WARN] = { N_("verified, with warnings"), "status-warn" },
	[GENERAL_VERIFIED] = { N_("verified"), "status-ok" },
};

enum general_status text_general_state(const json_t *item)
{
	long long runs = 0, fail = 0, unver = 0, warn = 0;

	rd_int(item, "runs", &runs);
	rd_int(item, "warn", &warn);
	rd_int(item, "fail", &fail);
	rd_int(item, "unverifiable", &unver);
	if (!rd_true(item, "verifiable"))
		return GENERAL_UNVERIFIABLE;
	if (!runs)
		return GENERAL_UNMEASURED;
	if (fail)
		return GENERAL_NOT_MET;
	if (unver == runs)
		return GENERAL_UNVERIFIABLE;
	if (unver)
		return GENERAL_VERIFIED_VISIBLE;
	/* a WARN is not a plain PASS: a newer CPU generation than published,
	 * a figure inside the tolerance band */
	return warn ? GENERAL_VERIFIED_WARN : GENERAL_VERIFIED;
}

const char *text_general_status(const json_t *item)
{
	return _(statuses[text_general_state(item)].text);
}

const char *text_general_class(const json_t *item)
{
	return statuses[text_general_state(item)].cls;
}

void text_value(const json_t *figure, double v, char *buf, size_t size)
{
	long long decimals = 2;
	char n[64];

	rd_int(figure, "decimals", &decimals);
	i18n_number(v, (int)decimals, n, sizeof(n));
	snprintf(buf, size, "%s %s", n, rd_str_or(figure, "unit", ""));
}

void text_figure(const json_t *figure, struct text_figure *t)
{
	const json_t *m = rd_get(figure, "measured");
	double v = 0;
	long long n = 0;

	memset(t, 0, sizeof(*t));
	rd_num(figure, "reference", &v);
	text_value(figure, v, t->ref, sizeof(t->ref));
	snprintf(t->pct, sizeof(t->pct), "-");
	snprintf(t->range, sizeof(t->range), "-");
	snprintf(t->runs, sizeof(t->runs), "0");
	snprintf(t->vms, sizeof(t->vms), "0");
	t->measured = json_is_object(m);
	if (!t->measured)
		return;
	rd_num(m, "median", &v);
	text_value(figure, v, t->med, sizeof(t->med));
	rd_num(m, "p10", &v);
	text_value(figure, v, t->lo, sizeof(t->lo));
	rd_num(m, "p90", &v);
	text_value(figure, v, t->hi, sizeof(t->hi));
	snprintf(t->range, sizeof(t->range), "%s \u2013 %s", t->lo, t->hi);
	if (rd_num(m, "pct_of_reference", &v)) {
		char pct[24];

		i18n_number(v, 0, pct, sizeof(pct));
		snprintf(t->pct, sizeof(t->pct), "%s %%", pct);
	}
	rd_int(m, "runs", &n);
	snprintf(t->runs, sizeof(t->runs), "%lld", n);
	rd_int(m, "vms", &n);
	snprintf(t->vms, sizeof(t->vms), "%lld", n);
	text_date(rd_str(m, "first"), t->first, sizeof(t->first));
	text_date(rd_str(m, "last"), t->last, sizeof(t->last));
}

void text_date(const char *iso, char *buf, size_t size)
{
	if (iso && strlen(iso) >= 10)
		snprintf(buf, size, "%.10s", iso);
	else
		snprintf(buf, size, "-");
}

const char *const text_maintenance[] = {
	N_("We maintain the server your application runs on. For that, the server and the application are "
	   "updated regularly, in fixed maintenance windows (local time):"),
	N_("When a vulnerability is found in an application or in the operating system, it must be closed as "
	   "soon as possible: then an update is scheduled on any day, if at all possible early in the morning."),
	NULL,
};

const char *const text_semver[] = {
	N_("All applications have a version number of three parts separated by dots, such as 24.8.13: "
	   "MAJOR.MINOR.PATCH (semantic versioning, semver.org)."),
	N_("A higher MAJOR means very large changes that may not be compatible with the previous version and "
	   "may need configuration changes."),
	N_("A higher MINOR means functions added or changed in a way that stays compatible with previous "
	   "versions."),
	N_("A higher PATCH means bugs fixed."),
	N_("Before a major or minor update you get an e-mail at least a week in advance, with what changes and "
	   "what you may need to do. A patch update is tested, but announced by no e-mail."),
	NULL,
};

const char *const text_reference[] = {
	N_("The published reference figures were measured by the provider in May 2022 on a virtual server with "
	   "2 vCPUs and 4 GB RAM, with Debian 11.3 (Linux kernel 5.10.0-14), fio 3.25 and sysbench 1.0.20."),
	NULL,
};

void text_left_out(const json_t *model, const json_t *figure, char *buf, size_t size)
{
	static const struct {
		const char *key, *text;
	} reasons[] = {
		{ "cached", N_("%lld served from the page cache") }, { "unstable", N_("%lld unstable over their repeats") },
		{ "steal", N_("%lld measured under more CPU steal than %s %%") },
		{ "maintenance", N_("%lld taken in or just after a maintenance window") },
	};
	struct strbuf sb;
	char steal[32];
	double max_steal = 0;

	rd_num(model, "methodology.max_steal_pct", &max_steal);
	i18n_number(max_steal, max_steal == (double)(long long)max_steal ? 0 : 1, steal, sizeof(steal));
	strbuf_fixed(&sb, buf, size);
	for (size_t i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++) {
		long long count = 0;
		char part[160];

		if (!rd_int(rd_get(figure, "left_out"), reasons[i].key, &count) || !count)
			continue;
		snprintf(part, sizeof(part), _(reasons[i].text), count, steal);
		strbuf_addf(&sb, "%s%s", sb.len ? "; " : _("Left out: "), part);
	}
	if (sb.len)
		strbuf_addch(&sb, '.');
}

void text_gib(const json_t *v, char *buf, size_t size)
{
	char n[32];
	double x = json_number_value(v);

	if (!json_is_number(v)) {
		snprintf(buf, size, "-");
		return;
	}
	i18n_number(x, x == (double)(long long)x ? 0 : 1, n, sizeof(n));
	snprintf(buf, size, "%s GiB", n);
}

void text_source(const json_t *model, char *buf, size_t size)
{
	long long runs = 0, vms = 0, other = 0;
	char first[16], last[16], extra[256] = "";

	rd_int(model, "runs", &runs);
	rd_int(model, "vms", &vms);
	rd_int(model, "left_out.other_profile", &other);
	text_date(rd_str(model, "period.first"), first, sizeof(first));
	text_date(rd_str(model, "period.last"), last, sizeof(last));
	if (other)
		snprintf(extra, sizeof(extra), i18n_ntext(" %lld run of the quick or smoke profile is left out: its "
							  "commands differ from the published ones.",
							  " %lld runs of the quick or smoke profile are left out: their "
							  "commands differ from the published ones.", (unsigned long)other), other);
	if (!runs)
		snprintf(buf, size, _("No measurements in this period: the page shows the published figures only.%s"),
			 extra);
	else {
		char on[64];

		snprintf(on, sizeof(on), i18n_ntext("%lld VM", "%lld VMs", (unsigned long)vms), vms);
		snprintf(buf, size, i18n_ntext("The measured figures on this page come from %lld run on %s, from %s to %s.%s",
					       "The measured figures on this page come from %lld runs on %s, from %s to %s.%s",
					       (unsigned long)runs), runs, on, first, last, extra);
	}
}

void text_generated(const json_t *model, char *buf, size_t size)
{
	char day[16];

	text_date(rd_str(model, "generated_at"), day, sizeof(day));
	snprintf(buf, size, _("Generated by specbench %s on %s."), rd_str_or(model, "specbench_version", "?"), day);
}

const char *text_note(enum text_note which)
{
	static const char *const notes[] = {
		[NOTE_INTRO] = N_("Our applications come in the packages 'standard' and 'plus'. The application has "
				  "exactly the same functions in both; the difference is in the hardware of the server."),
		[NOTE_GENERAL] = N_("A promise is verified only by the checks of stored runs. ECC memory and the RAID "
				    "array behind a virtual disk cannot be seen from inside a VM: the page says so and "
				    "never claims them."),
		[NOTE_PACKAGES] = N_("Per package; the plus package can be upgraded from standard, CPU and RAM only or "
				     "storage too (then no downgrade is possible)."),
		[NOTE_BENCHMARKS] = N_("Per figure: the published reference, and of the runs of the period the median, "
				       "the range from the 10th to the 90th percentile (eight in ten runs lie inside it), "
				       "the median as a share of the reference, and how many runs on how many VMs."),
		[NOTE_COMMANDS] = N_("The commands of the documented profile: the published commands, with only the "
				     "output format and the data directory added. Runs of the quick and smoke profiles "
				     "use other sizes and are not shown."),
	};

	return _(notes[which]);
}

void text_period(const json_t *model, char *buf, size_t size)
{
	char first[16], last[16];

	text_date(rd_str(model, "period.first"), first, sizeof(first));
	text_date(rd_str(model, "period.last"), last, sizeof(last));
	if (rd_str(model, "period.since"))
		snprintf(buf, size, _("Period: runs from %s on; measured from %s to %s."), rd_str(model, "period.since"),
			 first, last);
	else
		snprintf(buf, size, _("Period: every stored run; measured from %s to %s."), first, last);
}

void text_settle(const json_t *model, char *buf, size_t size)
{
	long long settle = 0;

	rd_int(model, "maintenance.settle_minutes", &settle);
	snprintf(buf, size, _("Benchmarks taken in a maintenance window or less than %lld minutes after one measure "
			      "the update, not the VM: they are left out of this page."), settle);
}

/* site_check_texts: see site.h.  Here because it is about the texts. */
static int check_text(const json_t *spec, const char *path, const char *text, const char *lang,
		      struct sb_error *err)
{
	char where[PATH_MAX + 32];

	if (!text || i18n_has(text))
		return 0;
	spec_where(spec, path, where, sizeof(where));
	return sb_fail(err, SB_EXIT_USAGE, "%s: '%s': the page cannot show this text in '%s': the message "
		       "catalogue (po/%s.po) has no translation of \"%.200s\"; add one there and rebuild, or "
		       "write only --lang en", where, path, lang, lang, text);
}

int site_check_texts(const json_t *spec, const char *lang, struct sb_error *err)
{
	const json_t *w;
	size_t i;

	if (!strcmp(lang, "en"))
		return 0;
	if (check_text(spec, "description", rd_str(spec, "description"), lang, err))
		return -1;
	json_array_foreach(rd_get(spec, "maintenance.windows"), i, w) {
		char path[64];

		snprintf(path, sizeof(path), "maintenance.windows[%zu].what", i);
		if (check_text(spec, path, rd_str(w, "what"), lang, err))
			return -1;
	}
	return 0;
}
