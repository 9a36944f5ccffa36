/* dash_chart.h - the dashboard's inline SVG charts; see dash_chart.c. */
#ifndef SPECBENCH_SITE_DASH_CHART_H
#define SPECBENCH_SITE_DASH_CHART_H

#include <jansson.h>
#include <stdio.h>

/* A figure of a VM's detail (dashboard.h) with its band, level and step,
 * the VM's changes marked; alt: its text alternative. */
void dash_chart_svg(const json_t *fig, const json_t *changes, const char *id, const char *alt, FILE *out);

/* A small line of the last values of a regressed figure, for the index. */
void dash_spark_svg(const json_t *values, const char *alt, FILE *out);

#endif
