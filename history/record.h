/* record.h - a run document as the rows of a history; see record.c. */
#ifndef SPECBENCH_HISTORY_RECORD_H
#define SPECBENCH_HISTORY_RECORD_H

#include <jansson.h>
#include <stddef.h>

#include "store.h"

#define RECORD_MAX_FIGURES 32

struct record {
	struct history_run run;
	struct history_figure figs[RECORD_MAX_FIGURES];
	size_t n;
	char commands[RECORD_MAX_FIGURES][1024];
	struct history_check *checks;  /* run.checks, malloc'd */
};

/* Fill r from doc (which must outlive r) and its text: 0, or -1 with err
 * (exit code 2) when doc is not a run document. */
/* A run document's digest: SHA-256 of its exact text, hex (the same
 * document twice is one run). */
void record_digest(const char *text, char out[RECORD_DIGEST_SIZE]);
int record_from(const json_t *doc, const char *text, struct record *r, struct sb_error *err);
/* What record_from allocated. */
void record_clear(struct record *r);

#endif
