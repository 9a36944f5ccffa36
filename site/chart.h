/*
 * chart.h - one figure over time as inline SVG: the measured points, the
 * median line and the published reference line, with its text alternative
 * (aria-label, and an SVG <title> and <desc>).  No script,
 * no font or image from anywhere: it scales with its box (viewBox), so it
 * reads on a phone and prints.
 */
#ifndef SPECBENCH_SITE_CHART_H
#define SPECBENCH_SITE_CHART_H

#include <jansson.h>
#include <stdio.h>

/* The chart of a model figure (site.h); id: the svg element's, unique in
 * the page. */
void chart_svg(const json_t *figure, const char *id, FILE *out);

/* The text alternative, also printed under the chart. */
void chart_alt(const json_t *figure, char *buf, size_t size);

#endif
