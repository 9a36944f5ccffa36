/* chart.c - see chart.h. */
#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "base/escape.h"
#include "base/docpath.h"
#include "model/maintenance.h"
#include "chart.h"
#include "i18n.h"
#include "texts.h"

/* The drawing area inside the viewBox, in SVG units. */
#define W 640.0
#define H 240.0
#define LEFT 84.0
#define RIGHT 12.0
#define TOP 14.0
#define BOTTOM 30.0

void chart_alt(const json_t *figure, char *buf, size_t size)
{
	struct text_figure t;
	long long runs = 0;

	text_figure(figure, &t);
	if (!t.measured) {
		snprintf(buf, size, _("No measurements in this period; the published reference is %s."), t.ref);
		return;
	}
	rd_int(rd_get(figure, "measured"), "runs", &runs);
	snprintf(buf, size, i18n_ntext("%lld run from %s to %s: median %s, 10th-90th percentile %s to %s; the "
				       "published reference is %s.%s",
				       "%lld runs from %s to %s: median %s, 10th-90th percentile %s to %s; the "
				       "published reference is %s.%s", (unsigned long)runs), runs, t.first, t.last,
		 t.med, t.lo, t.hi, t.ref,
		 rd_true(figure, "points_binned") ? _(" Each point is the median of the runs of one stretch of time.") : "");
}

static double y_of(double v, double top)
{
	return TOP + (H - TOP - BOTTOM) * (1 - v / top);
}

/* A round top for the value axis, above every point and the reference
 * (by 5 %, so that no point sits on the frame). */
static double axis_top(double max)
{
	static const double nice[] = { 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10 };
	double want = max * 1.05, step;

	if (!(want > 0) || !isfinite(want))
		return 1;
	/* want / step lies in [1, 10): one of the steps is above it */
	step = pow(10, floor(log10(want)));
	for (size_t i = 0; i < sizeof(nice) / sizeof(nice[0]); i++)
		if (nice[i] * step >= want)
			return nice[i] * step;
	return 10 * step;
}

/* A horizontal line with its label: the reference's at the left end, the
 * median's at the right, so that two lines close together keep both
 * labels readable; below the line when above it would touch the other
 * one (below: the label's baseline 14 units down). */
static void hline(FILE *out, double y, bool left, bool below, const char *cls, const char *label,
		  const char *value)
{
	fprintf(out, "<line class=\"%s\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>", cls, LEFT, y, W - RIGHT, y);
	fprintf(out, "<text class=\"%s-label\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">", cls,
		left ? LEFT + 4 : W - RIGHT - 4, below ? y + 14 : y - 4, left ? "start" : "end");
	esc_markup(out, label);
	fputs(" ", out);
	esc_markup(out, value);
	fputs("</text>", out);
}

void chart_svg(const json_t *figure, const char *id, FILE *out)
{
	const json_t *pts = rd_get(figure, "points"), *m = rd_get(figure, "measured"), *p;
	double ref = 0, max = 0, med = NAN, top;
	long long decimals = 0;
	time_t t0 = 0, t1 = 0;
	char alt[512], a[64], b[64];
	size_t i, n = json_array_size(pts);

	rd_num(figure, "reference", &ref);
	max = ref;
	json_array_foreach(pts, i, p) {
		double v = json_number_value(json_array_get(p, 1));
		time_t t;

		if (v > max)
			max = v;
		if (maint_parse_time(json_string_value(json_array_get(p, 0)), &t) == 0) {
			if (i == 0)
				t0 = t;
			t1 = t;
		}
	}
	rd_num(m, "median", &med);
	top = axis_top(max);
	/* the axis steps (a quarter... a half of a round top of 10 or more) are
	 * whole numbers then */
	rd_int(figure, "decimals", &decimals);
	if (top >= 10)
		decimals = 0;
	chart_alt(figure, alt, sizeof(alt));
	/* the text alternative as aria-label, and as <title>/<desc> for
	 * whatever reads the SVG alone (ids on them are not HTML5 to every
	 * checker, so no aria-labelledby) */
	fprintf(out, "<svg class=\"chart\" id=\"%s\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-label=\"", id, W, H);
	esc_markup(out, text_metric_label(rd_str_or(figure, "metric", "")));
	fputs(": ", out);
	esc_markup(out, alt);
	fputs("\" xmlns=\"http://www.w3.org/2000/svg\"><title>", out);
	esc_markup(out, text_metric_label(rd_str_or(figure, "metric", "")));
	fputs("</title><desc>", out);
	esc_markup(out, alt);
	fputs("</desc>", out);
	/* the value axis: 0, half and the top */
	for (int k = 0; k <= 2; k++) {
		double v = top * k / 2, y = y_of(v, top);

		/* the number alone: the unit is in the lines' labels and the title */
		i18n_number(v, (int)decimals, a, sizeof(a));
		fprintf(out, "<line class=\"grid\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>", LEFT, y, W - RIGHT, y);
		fprintf(out, "<text class=\"axis\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">", LEFT - 6, y + 4);
		esc_markup(out, a);
		fputs("</text>", out);
	}
	/* the time axis: the first and the last day */
	text_date(json_string_value(json_array_get(json_array_get(pts, 0), 0)), a, sizeof(a));
	text_date(json_string_value(json_array_get(json_array_get(pts, n ? n - 1 : 0), 0)), b, sizeof(b));
	if (n) {
		fprintf(out, "<text class=\"axis\" x=\"%.1f\" y=\"%.1f\">%s</text>", LEFT, H - 8, a);
		fprintf(out, "<text class=\"axis\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%s</text>", W - RIGHT, H - 8, b);
	} else {
		fprintf(out, "<text class=\"axis\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">", (LEFT + W - RIGHT) / 2,
			(H - BOTTOM + TOP) / 2);
		esc_markup(out, _("no measurements in this period"));
		fputs("</text>", out);
	}
	text_value(figure, ref, a, sizeof(a));
	hline(out, y_of(ref, top), true, false, "reference", _("reference"), a);
	if (!isnan(med)) {
		text_value(figure, med, a, sizeof(a));
		/* the median's label goes below its line when the reference's
		 * line lies just above it */
		double ym = y_of(med, top), yr = y_of(ref, top);

		hline(out, ym, false, yr < ym && ym - yr < 16, "median", _("median"), a);
	}
	json_array_foreach(pts, i, p) {
		double v = json_number_value(json_array_get(p, 1)), x;
		time_t t = t0;

		maint_parse_time(json_string_value(json_array_get(p, 0)), &t);
		x = t1 > t0 ? LEFT + (W - LEFT - RIGHT) * (double)(t - t0) / (double)(t1 - t0) : (LEFT + W - RIGHT) / 2;
		fprintf(out, "<circle class=\"point\" cx=\"%.1f\" cy=\"%.1f\" r=\"3\"/>", x, y_of(v, top));
	}
	fputs("</svg>", out);
}
