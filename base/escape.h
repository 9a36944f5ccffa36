/*
 * escape.h - text made safe for the formats specbench writes, each rule in
 * one place: markup (the spec page's HTML, JUnit's XML) and Prometheus's
 * text exposition format (the run's series, reports/format_prometheus.c,
 * and the regression states, history/print.c), and a shell's words.  Text from a run, a spec or
 * a host is untrusted: a VM's hostname must not open a tag or a label.
 */
#ifndef SPECBENCH_BASE_ESCAPE_H
#define SPECBENCH_BASE_ESCAPE_H

#include <stdio.h>

/* s as HTML or XML text or attribute value: & < > " ' escaped; control
 * characters other than tab and newline (allowed in neither) dropped, a
 * carriage return made a space.  NULL: nothing. */
void esc_markup(FILE *out, const char *s);

/* v as a Prometheus label value: backslash, double quote and line feed
 * escaped. */
void prom_label(FILE *out, const char *v);

/* s as one word of a POSIX shell command, malloc'd: as it is when it has
 * only characters no shell treats specially, else in single quotes (a '
 * inside as '\''), so that a command shown for a person to copy (the
 * dashboard's "regress ack --host ...") runs with s as one argument, never
 * as more shell; NULL when out of memory. */
char *shell_word(const char *s);

#endif
