/*
 * texts.h - the page's sentences, shared by the HTML and the Markdown
 * page: each in English in the code, translated by the catalogue (i18n.h).
 * Those with a number or name in them are built here, so that the two
 * pages cannot say different things.
 */
#ifndef SPECBENCH_SITE_TEXTS_H
#define SPECBENCH_SITE_TEXTS_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

/* A general specification (model "general" item): its name, the promise
 * (as published, with the spec's figures) and how it was verified. */
const char *text_general_label(const char *id);
void text_general_promise(const json_t *model, const char *id, char *buf, size_t size);
enum general_status {
	GENERAL_UNVERIFIABLE, GENERAL_UNMEASURED, GENERAL_NOT_MET, GENERAL_VERIFIED_VISIBLE,
	GENERAL_VERIFIED_WARN, GENERAL_VERIFIED,
};
enum general_status text_general_state(const json_t *item);
const char *text_general_status(const json_t *item);
/* The HTML page's style class of that status ("status-ok", ...). */
const char *text_general_class(const json_t *item);

/* A benchmark check's heading, a figure's name. */
const char *text_check_title(const char *check);
const char *text_metric_label(const char *metric);
/* "Monday" of "mon". */
const char *text_day(const char *day);

/* A figure with its unit in the current language ("1.807,14 events/s"). */
void text_value(const json_t *figure, double v, char *buf, size_t size);
/* What a figure's row says, each part in the current language: the
 * reference, and when measured the median, the 10th and 90th percentile,
 * the range ("a – b"), the share of the reference, runs and VMs, the
 * first and last day. */
struct text_figure {
	bool measured;
	char ref[64], med[64], lo[64], hi[64], range[140], pct[32], runs[24], vms[24], first[16], last[16];
};
void text_figure(const json_t *figure, struct text_figure *t);

/* "2026-11-23" of an ISO time, or "-". */
void text_date(const char *iso, char *buf, size_t size);

/* The paragraphs both pages say in the same place. */
enum text_note { NOTE_INTRO, NOTE_GENERAL, NOTE_PACKAGES, NOTE_BENCHMARKS, NOTE_COMMANDS };
const char *text_note(enum text_note which);
/* "Period: ..." of the methodology; the sentence on the settle time. */
void text_period(const json_t *model, char *buf, size_t size);
void text_settle(const json_t *model, char *buf, size_t size);

/* The static sections, as paragraphs (NULL-terminated). */
extern const char *const text_maintenance[];
extern const char *const text_semver[];
extern const char *const text_reference[];



/* "Left out: 2 served from the page cache, 1 in a maintenance window." of
 * a figure, or "" when nothing was. */
void text_left_out(const json_t *model, const json_t *figure, char *buf, size_t size);
/* "4 GiB", "-" when unknown. */
void text_gib(const json_t *v, char *buf, size_t size);
/* The opening paragraph: what the page was made from. */
void text_source(const json_t *model, char *buf, size_t size);
/* The footer line. */
void text_generated(const json_t *model, char *buf, size_t size);
#endif
