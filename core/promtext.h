/*
 * promtext.h - Prometheus's text exposition format: the one rule both the
 * run's series (reports/format_prometheus.c) and the regression states
 * (history/print.c) must follow, in one place.
 */
#ifndef SPECBENCH_PROMTEXT_H
#define SPECBENCH_PROMTEXT_H

#include <stdio.h>

/* v as a label value: backslash, double quote and line feed escaped. */
void prom_label(FILE *out, const char *v);

#endif
