/*
 * i18n.h - the page's two languages: GNU gettext for the words, a table
 * for the numbers.
 *
 * Every sentence of the page is written in English in the code and
 * translated through the message catalogue po/<lang>.po (compiled with
 * msgfmt into <localedir>/<lang>/LC_MESSAGES/specbench.mo), so that a
 * translator edits po/nl.po and never the C.  One run writes both
 * languages, so the language is switched between pages: see i18n.c for
 * how gettext is made to do that.
 *
 * Numbers are not left to the C library's locales (a CI machine has none
 * but C.UTF-8): Dutch writes 1.807,14 and English 1,807.14, from a
 * constant table.
 */
#ifndef SPECBENCH_SITE_I18N_H
#define SPECBENCH_SITE_I18N_H

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"

#define I18N_DOMAIN "specbench"
#define _(s) i18n_text(s)
/* a string the catalogue must hold, not translated where it stands */
#define N_(s) (s)

/* The languages a page is written in, "en" first: the source language. */
extern const char *const i18n_langs[];  /* NULL-terminated */
bool i18n_known(const char *lang);

/* Use lang for _() from now on: 0, or -1 with err when its catalogue
 * cannot be found (exit 3: the installation is broken).  English needs
 * none. */
int i18n_use(const char *lang, struct sb_error *err);
const char *i18n_text(const char *msgid) __attribute__((format_arg(1)));
/* The form of a text for the number n (ngettext): "1 run", "2 runs". */
const char *i18n_ntext(const char *singular, const char *plural, unsigned long n)
	__attribute__((format_arg(1))) __attribute__((format_arg(2)));
/* Whether the current language has msgid: English has every text. */
bool i18n_has(const char *msgid);

/* v with `decimals` decimals and the current language's separators. */
void i18n_number(double v, int decimals, char *buf, size_t size);

#endif
