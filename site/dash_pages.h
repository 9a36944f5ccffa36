/*
 * dash_pages.h - the operators' pages of `specbench dashboard`: the index
 * of every VM of a package, worst first, and one page per VM, from the
 * model history/dashboard.h builds (cli/ hands it over; site/ knows no
 * store).
 *
 * The same machinery and rules as the spec page (html.c): one
 * self-contained HTML5 file each, polyglot markup, a Content Security
 * Policy that allows nothing from outside, inline SVG charts, no script
 * (the index is sorted into sections by state: that is the filter), the
 * words from the message catalogue in English and Dutch.  Every string
 * that came from the store - a host name, a check id, a kernel, the reason
 * of an acknowledgement - was written by a VM or a person and goes through
 * esc_markup(): one VM's document cannot put markup into the operators'
 * pages.
 */
#ifndef SPECBENCH_SITE_DASH_PAGES_H
#define SPECBENCH_SITE_DASH_PAGES_H

#include <jansson.h>
#include <stdio.h>

#include "base/error.h"

/* The file name of a VM's page of a package (without ".LANG.html"):
 * "host-SPEC-KEY", each byte of SPEC and KEY but letters, digits, '.' (and
 * '-' in KEY) written "_xx", so that two VMs never share a page.  A name
 * too long for buf is cut (buf of 300 bytes: keys up to 64 are whole). */
void dash_host_file(const json_t *host, const char *spec, char *buf, size_t size);

/* The index of every package: indexes holds dashboard_build's model of
 * each; in the current language. */
int dash_index_html(const json_t *indexes, const char *lang, FILE *out, struct sb_error *err);

/* One VM's page (dashboard_build's detail); generated_at: UTC seconds. */
int dash_host_html(const json_t *host, const char *spec, long long generated_at, const char *lang, FILE *out,
		   struct sb_error *err);

#endif
