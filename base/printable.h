/*
 * printable.h - text that cannot attack a terminal.
 *
 * Strings specbench prints come from places it does not control: a
 * hostname, a CPU brand string, a disk model, a spec's name, a run
 * document or an imported file.  An ESC in any of them could recolour,
 * clear or retitle the operator's terminal, a CR could overwrite a FAIL
 * with a PASS, a newline could forge a line of TAP.  So every string shown
 * as text is escaped first: C0 controls as \n \r \t or \xNN, DEL as \x7f,
 * the C1 controls (U+0080..U+009F, which some terminals obey) as \u00NN,
 * and bytes that are not UTF-8 as \xNN.  Valid UTF-8 ("Zürich") passes.
 *
 * The run document itself keeps the bytes as they were (JSON escapes them
 * its own way); only what is rendered as text is escaped.
 */
#ifndef SPECBENCH_PRINTABLE_H
#define SPECBENCH_PRINTABLE_H

#include <jansson.h>
#include <stddef.h>

/* Escape s into out (always NUL-terminated, cut at a whole escape); returns
 * the length the whole escaped text would have. */
size_t printable(const char *s, char *out, size_t size);

/* The same into a malloc'd string; NULL when out of memory. */
char *printable_dup(const char *s);

/* A JSON string of text read from the machine or a file: json_string(),
 * except that bytes that are not UTF-8 (which jansson refuses) become
 * \xNN; control characters are kept, JSON escapes them.  NULL only when
 * out of memory or s is NULL. */
json_t *sbj_text(const char *s);

/* A deep copy of a JSON value with every string value escaped, for the
 * text formats; NULL when out of memory. */
json_t *sbj_printable(const json_t *v);

#endif
