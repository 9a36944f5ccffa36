/* escape.h - text from a spec, a run or a host, made safe for the page. */
#ifndef SPECBENCH_SITE_ESCAPE_H
#define SPECBENCH_SITE_ESCAPE_H

#include <stdio.h>

/* s as HTML text or attribute value: & < > " ' escaped; control
 * characters other than tab and newline (not allowed in HTML) dropped. */
void esc_html(FILE *out, const char *s);

/* s as text of a CommonMark table cell or paragraph: the characters of
 * inline markup and the cell separator (\ ` * _ [ ] | ~) backslash-escaped
 * everywhere, those that open a block (# - + > = and the "." or ")" of
 * "1.") at the start, '<' and '&' as entities so that no raw HTML gets
 * through, line breaks as spaces. */
void esc_markdown(FILE *out, const char *s);

#endif
