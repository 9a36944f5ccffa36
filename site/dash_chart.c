/*
 * dash_chart.c - the dashboard's charts as inline SVG (dash_chart.h).
 *
 * A VM's figure over time: every run a dot (a run inside a maintenance
 * window orange, a cached, unstable or steal-bound one grey: shown apart,
 * as regress leaves them out of its baselines), the baseline band and
 * level regress judged the newest run against, the step marked where it
 * began, and each change of kernel, CPU, application version or device a
 * dashed line across the time axis with its text in a <title>.  Dots are one path each kind ("M x y
 * h0" with round caps): a year of daily runs stays a few kilobytes.
 */
#include <math.h>
#include <string.h>

#include "base/docpath.h"
#include "base/escape.h"
#include "dash_chart.h"
#include "model/maintenance.h"

#define W 640.0
#define H 170.0
#define PAD_L 8.0
#define PAD_R 8.0
#define PAD_T 10.0
#define PAD_B 16.0

struct frame {
	double t0, t1, v0, v1;
};

static double x_of(const struct frame *f, double t)
{
	return PAD_L + (f->t1 > f->t0 ? (t - f->t0) / (f->t1 - f->t0) : 0.5) * (W - PAD_L - PAD_R);
}

static double y_of(const struct frame *f, double v)
{
	return PAD_T + (f->v1 > f->v0 ? (f->v1 - v) / (f->v1 - f->v0) : 0.5) * (H - PAD_T - PAD_B);
}

static void widen(struct frame *f, double t, double v)
{
	if (isfinite(t)) {
		f->t0 = fmin(f->t0, t);
		f->t1 = fmax(f->t1, t);
	}
	if (isfinite(v)) {
		f->v0 = fmin(f->v0, v);
		f->v1 = fmax(f->v1, v);
	}
}

static double num(const json_t *v, const char *path)
{
	double x;

	return rd_num(v, path, &x) ? x : NAN;
}

/* the dots of one kind: flags must hold `want` ("" plain, "w", "x") */
static void dots(FILE *out, const struct frame *f, const json_t *pts, const char *want, const char *cls)
{
	const json_t *p;
	size_t i;
	bool any = false;

	json_array_foreach(pts, i, p) {
		const char *flags = json_string_value(json_array_get(p, 3));
		bool untrusted = flags && strchr(flags, 'x'), window = flags && strchr(flags, 'w');
		bool mine = !strcmp(want, "x") ? untrusted : !strcmp(want, "w") ? window && !untrusted : !window && !untrusted;

		if (!mine)
			continue;
		if (!any)
			fprintf(out, "<path class=\"%s\" d=\"", cls);
		any = true;
		fprintf(out, "M%.1f %.1fh0", x_of(f, (double)json_integer_value(json_array_get(p, 0))),
			y_of(f, json_number_value(json_array_get(p, 1))));
	}
	if (any)
		fputs("\" />", out);
}

void dash_chart_svg(const json_t *fig, const json_t *changes, const char *id, const char *alt, FILE *out)
{
	const json_t *pts = json_object_get(fig, "points"), *p, *c;
	const json_t *base = rd_get(fig, "judged.baseline");
	struct frame f = { INFINITY, -INFINITY, INFINITY, -INFINITY };
	double low = num(base, "low"), high = num(base, "high"), level = num(base, "median");
	const char *since = rd_str(fig, "judged.change.since");
	size_t i;

	json_array_foreach(pts, i, p)
		widen(&f, (double)json_integer_value(json_array_get(p, 0)), json_number_value(json_array_get(p, 1)));
	widen(&f, NAN, low);
	widen(&f, NAN, high);
	if (!isfinite(f.t0))
		return;
	/* a little air above and below, and 0 in view when it is near */
	{
		double span = f.v1 - f.v0 > 0 ? f.v1 - f.v0 : fabs(f.v1) * 0.1 + 1;

		f.v0 -= span * 0.08;
		f.v1 += span * 0.08;
		if (f.v0 > 0 && f.v0 < span)
			f.v0 = 0;
	}
	fprintf(out, "<svg class=\"dash-chart\" id=\"%s\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-label=\"", id, W, H);
	esc_markup(out, alt);
	fputs("\"><title>", out);
	esc_markup(out, alt);
	fputs("</title>", out);
	fprintf(out, "<rect class=\"frame\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" />", PAD_L, PAD_T,
		W - PAD_L - PAD_R, H - PAD_T - PAD_B);
	if (isfinite(low) && isfinite(high))
		fprintf(out, "<rect class=\"band\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" />", PAD_L,
			y_of(&f, high), W - PAD_L - PAD_R, fmax(1.0, y_of(&f, low) - y_of(&f, high)));
	if (isfinite(level))
		fprintf(out, "<line class=\"level\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" />", PAD_L,
			W - PAD_R, y_of(&f, level), y_of(&f, level));
	json_array_foreach(changes, i, c) {
		time_t t;
		double x;

		if (!rd_str(c, "at") || maint_parse_time(rd_str(c, "at"), &t) || (double)t < f.t0 || (double)t > f.t1)
			continue;
		x = x_of(&f, (double)t);
		fprintf(out, "<line class=\"change\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"><title>", x, x,
			PAD_T, H - PAD_B);
		esc_markup(out, rd_str_or(c, "what", ""));
		fputs("</title></line>", out);
	}
	if (since) {
		time_t t;

		if (!maint_parse_time(since, &t)) {
			double x = x_of(&f, (double)t);

			fprintf(out, "<line class=\"step\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" />", x, x,
				PAD_T, H - PAD_B);
		}
	}
	dots(out, &f, pts, "", "pt");
	dots(out, &f, pts, "w", "pt window");
	dots(out, &f, pts, "x", "pt untrusted");
	fputs("</svg>", out);
}

void dash_spark_svg(const json_t *values, const char *alt, FILE *out)
{
	struct frame f = { 0, (double)(json_array_size(values) > 1 ? json_array_size(values) - 1 : 1), INFINITY,
			   -INFINITY };
	const json_t *v;
	size_t i;

	json_array_foreach(values, i, v)
		widen(&f, NAN, json_number_value(v));
	if (!json_array_size(values) || !isfinite(f.v0))
		return;
	fputs("<svg class=\"spark\" viewBox=\"0 0 640 170\" role=\"img\" aria-label=\"", out);
	esc_markup(out, alt);
	fputs("\"><path d=\"", out);
	json_array_foreach(values, i, v)
		fprintf(out, "%c%.1f %.1f", i ? 'L' : 'M', x_of(&f, (double)i), y_of(&f, json_number_value(v)));
	fputs("\" /></svg>", out);
}
