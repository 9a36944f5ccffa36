/*
 * i18n.c - see i18n.h.
 *
 * gettext picks the language from the locale of LC_MESSAGES and the
 * LANGUAGE variable, both process-wide, and a page generator writes
 * Dutch and English in one run.  So i18n_use() sets LC_MESSAGES to
 * C.UTF-8 (glibc's built-in locale: present on every machine, and, unlike
 * "C", one in which gettext honours LANGUAGE), sets LANGUAGE to the page's
 * language and bumps _nl_msg_cat_cntr, which is how the GNU gettext manual
 * says a program that changes language tells the library to forget the
 * translations it has cached.  This is the one piece of process state the
 * page changes, and only `specbench page` calls it.
 *
 * The catalogue is looked for next to the binary (build/locale in the
 * source tree), in ../share/locale from it (an installation moved to
 * another prefix), then in SPECBENCH_LOCALEDIR.
 */
#include <libintl.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"

#ifndef SPECBENCH_LOCALEDIR
#define SPECBENCH_LOCALEDIR "/usr/local/share/locale"
#endif

extern int _nl_msg_cat_cntr;

const char *const i18n_langs[] = { "en", "nl", NULL };

/* Decimal mark and thousands separator of each language. */
static const struct {
	const char *lang;
	char decimal, thousands;
} number_styles[] = {
	{ "en", '.', ',' },
	{ "nl", ',', '.' },
};

bool i18n_known(const char *lang)
{
	for (const char *const *l = i18n_langs; *l; l++)
		if (!strcmp(*l, lang))
			return true;
	return false;
}

static bool catalogue_in(const char *dir, const char *lang)
{
	char mo[PATH_MAX];

	snprintf(mo, sizeof(mo), "%.3000s/%s/LC_MESSAGES/" I18N_DOMAIN ".mo", dir, lang);
	return access(mo, R_OK) == 0;
}

static int find_localedir(const char *lang, char *dir, size_t size)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	static const char *const relative[] = { "locale", "../locale", "../share/locale", NULL };

	if (n > 0) {
		exe[n] = '\0';
		*strrchr(exe, '/') = '\0';
		for (const char *const *r = relative; *r; r++) {
			snprintf(dir, size, "%.3000s/%s", exe, *r);
			if (catalogue_in(dir, lang))
				return 0;
		}
	}
	snprintf(dir, size, "%s", SPECBENCH_LOCALEDIR);
	return catalogue_in(dir, lang) ? 0 : -1;
}

static const char *current(void)
{
	const char *l = getenv("LANGUAGE");

	return l && i18n_known(l) ? l : "en";
}

int i18n_use(const char *lang, struct sb_error *err)
{
	char dir[PATH_MAX];

	if (!i18n_known(lang))
		return sb_fail(err, SB_EXIT_USAGE, "no language '%s' (there are: en, nl)", lang);
	if (strcmp(lang, "en")) {
		if (find_localedir(lang, dir, sizeof(dir)))
			return sb_fail(err, SB_EXIT_SYSTEM, "no message catalogue for '%s' (%s/%s/LC_MESSAGES/"
				       I18N_DOMAIN ".mo): the installation is incomplete", lang, dir, lang);
		if (!setlocale(LC_MESSAGES, "C.UTF-8"))
			return sb_fail(err, SB_EXIT_SYSTEM, "the C.UTF-8 locale is missing: gettext cannot "
				       "switch language");
		bindtextdomain(I18N_DOMAIN, dir);
		bind_textdomain_codeset(I18N_DOMAIN, "UTF-8");
	}
	setenv("LANGUAGE", lang, 1);
	++_nl_msg_cat_cntr;
	return 0;
}

const char *i18n_text(const char *msgid)
{
	return strcmp(current(), "en") ? dgettext(I18N_DOMAIN, msgid) : msgid;
}

const char *i18n_ntext(const char *singular, const char *plural, unsigned long n)
{
	if (!strcmp(current(), "en"))
		return n == 1 ? singular : plural;
	return dngettext(I18N_DOMAIN, singular, plural, n);
}

bool i18n_has(const char *msgid)
{
	return !strcmp(current(), "en") || dgettext(I18N_DOMAIN, msgid) != msgid;
}

void i18n_number(double v, int decimals, char *buf, size_t size)
{
	char raw[64], *dot, out[96];
	size_t k = 0, digits, lead;
	char decimal = '.', thousands = ',';
	const char *lang = current();

	for (size_t i = 0; i < sizeof(number_styles) / sizeof(number_styles[0]); i++)
		if (!strcmp(number_styles[i].lang, lang)) {
			decimal = number_styles[i].decimal;
			thousands = number_styles[i].thousands;
		}
	if (!isfinite(v) || fabs(v) >= 1e18) {
		snprintf(buf, size, "%g", v);
		return;
	}
	snprintf(raw, sizeof(raw), "%.*f", decimals < 0 ? 0 : decimals > 6 ? 6 : decimals, v);
	if (raw[0] == '-')
		out[k++] = '-';
	dot = strchr(raw, '.');
	digits = (dot ? (size_t)(dot - raw) : strlen(raw)) - (raw[0] == '-');
	lead = digits % 3 ? digits % 3 : 3;
	for (size_t i = 0; i < digits; i++) {
		if (i && (i - lead) % 3 == 0 && i >= lead)
			out[k++] = thousands;
		out[k++] = raw[(raw[0] == '-') + i];
	}
	if (dot) {
		out[k++] = decimal;
		for (const char *p = dot + 1; *p; p++)
			out[k++] = *p;
	}
	out[k] = '\0';
	snprintf(buf, size, "%s", out);
}
