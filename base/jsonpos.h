/*
 * jsonpos.h - where each value of a JSON text is: line and column by path.
 *
 * jansson checks the syntax and builds the values, but keeps no positions
 * once it has parsed, and no library at hand does; a message about a bad
 * value of a spec must still name the line it is on.  So this is a small
 * scanner, run over a text that jansson has already accepted, which
 * records, for every member and every array element, its path (keys
 * joined by '.', "[N]" for an element: "cpu.accept[1].generation") and the
 * line and column where it starts (a member at its key).  A key that
 * appears twice is found at its last place, as jansson keeps the last
 * value.
 */
#ifndef SPECBENCH_JSONPOS_H
#define SPECBENCH_JSONPOS_H

#include <stddef.h>

struct jsonpos_entry {
	char *path;
	int line, column;
};

struct jsonpos {
	struct jsonpos_entry *v;
	size_t n, cap;
};

/* Scan text; 0, or -1 on out of memory (what was found stays usable).
 * Nesting deeper than JSONPOS_MAX_DEPTH is skipped, not recorded. */
#define JSONPOS_MAX_DEPTH 64
int jsonpos_scan(struct jsonpos *p, const char *text);
/* Line and column of path: 0, or -1 when it was not recorded. */
int jsonpos_find(const struct jsonpos *p, const char *path, int *line, int *column);
void jsonpos_free(struct jsonpos *p);

#endif
