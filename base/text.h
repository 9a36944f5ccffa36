/* text.h - the small string helpers the hand-written parsers share: trimming,
 * prefixes, lines and line numbers, one decimal number. */
#ifndef SPECBENCH_TEXT_H
#define SPECBENCH_TEXT_H

#include <stdbool.h>
#include <stdint.h>

/* Remove trailing white space in place; returns s. */
char *rtrim(char *s);
/* Skip leading white space. */
const char *skip_ws(const char *s);
/* Trim both ends in place; returns the first non-blank character. */
char *trim(char *s);

/* Whole string (after trimming) is a decimal number that fits. */
bool parse_u64(const char *s, uint64_t *value);

bool starts_with(const char *s, const char *prefix);

/* 1-based line number of p inside text. */
int line_of(const char *text, const char *p);

/* Next line of a mutable buffer: NUL-terminates it, advances *cursor.
 * NULL at the end. */
char *next_line(char **cursor);

#endif
