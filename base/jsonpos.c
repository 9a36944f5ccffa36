/* jsonpos.c - positions of the values of a JSON text; see jsonpos.h for why
 * this is hand-written.  The text has been accepted by jansson, so the
 * scanner only has to follow it, not to judge it; on anything unexpected it
 * stops, keeping what it found. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonpos.h"
#include "strbuf.h"

struct scan {
	const char *p;
	int line, column;
	struct jsonpos *out;
	int failed;
};

static void advance(struct scan *s)
{
	if (*s->p == '\n') {
		s->line++;
		s->column = 1;
	} else {
		s->column++;
	}
	s->p++;
}

static void skip_blanks(struct scan *s)
{
	while (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r')
		advance(s);
}

static void note_position(struct scan *s, const char *path, int line, int column)
{
	struct jsonpos *o = s->out;

	if (o->n == o->cap) {
		size_t cap = o->cap ? o->cap * 2 : 32;
		struct jsonpos_entry *v = realloc(o->v, cap * sizeof(*v));

		if (!v) {
			s->failed = 1;
			return;
		}
		o->v = v;
		o->cap = cap;
	}
	o->v[o->n].path = strdup(path);
	if (!o->v[o->n].path) {
		s->failed = 1;
		return;
	}
	o->v[o->n].line = line;
	o->v[o->n].column = column;
	o->n++;
}

/* A string at s->p (its opening quote); its raw text (escapes kept, which
 * is what a key's path needs for the keys specbench knows) goes into buf. */
static int string(struct scan *s, char *buf, size_t size)
{
	size_t n = 0;

	if (*s->p != '"')
		return -1;
	advance(s);
	while (*s->p && *s->p != '"') {
		if (*s->p == '\\' && s->p[1]) {
			if (n + 1 < size)
				buf[n++] = *s->p;
			advance(s);
		}
		if (n + 1 < size)
			buf[n++] = *s->p;
		advance(s);
	}
	if (!*s->p)
		return -1;
	advance(s);
	buf[n] = '\0';
	return 0;
}

static int value(struct scan *s, struct strbuf *path, int depth);

/* After a member or an element: its comma, if any, and the blanks around it. */
static void next_item(struct scan *s)
{
	skip_blanks(s);
	if (*s->p == ',') {
		advance(s);
		skip_blanks(s);
	}
}

static int closing(struct scan *s, char c)
{
	if (*s->p != c)
		return -1;
	advance(s);
	return 0;
}

static int members(struct scan *s, struct strbuf *path, int depth)
{
	size_t used = path->len;
	char key[256];

	advance(s);  /* { */
	for (skip_blanks(s); *s->p && *s->p != '}';) {
		int line = s->line, column = s->column;

		if (string(s, key, sizeof(key)))
			return -1;
		if (!strbuf_addf_whole(path, "%s%s", used ? "." : "", key))
			return -1;  /* too long a path for any message */
		if (depth < JSONPOS_MAX_DEPTH)
			note_position(s, path->buf, line, column);
		skip_blanks(s);
		if (*s->p != ':')
			return -1;
		advance(s);
		if (value(s, path, depth + 1))
			return -1;
		strbuf_setlen(path, used);
		next_item(s);
	}
	return closing(s, '}');
}

static int elements(struct scan *s, struct strbuf *path, int depth)
{
	size_t i = 0, used = path->len;

	advance(s);  /* [ */
	for (skip_blanks(s); *s->p && *s->p != ']'; i++) {
		if (!strbuf_addf_whole(path, "[%zu]", i))
			return -1;
		if (depth < JSONPOS_MAX_DEPTH)
			note_position(s, path->buf, s->line, s->column);
		if (value(s, path, depth + 1))
			return -1;
		strbuf_setlen(path, used);
		next_item(s);
	}
	return closing(s, ']');
}

static int value(struct scan *s, struct strbuf *path, int depth)
{
	char scratch[2];

	skip_blanks(s);
	if (depth > 2 * JSONPOS_MAX_DEPTH)
		return -1;  /* jansson's own limit is far below what a spec needs anyway */
	switch (*s->p) {
	case '{': return members(s, path, depth);
	case '[': return elements(s, path, depth);
	case '"': return string(s, scratch, sizeof(scratch));
	case '\0': return -1;
	default:
		/* a number, true, false or null: up to the next delimiter */
		while (*s->p && !strchr(",]} \t\r\n", *s->p))
			advance(s);
		return 0;
	}
}

int jsonpos_scan(struct jsonpos *p, const char *text)
{
	struct scan s = { text, 1, 1, p, 0 };
	char buf[1024];
	struct strbuf path;

	strbuf_fixed(&path, buf, sizeof(buf));
	memset(p, 0, sizeof(*p));
	value(&s, &path, 0);
	return s.failed ? -1 : 0;
}

int jsonpos_find(const struct jsonpos *p, const char *path, int *line, int *column)
{
	for (size_t i = p->n; i-- > 0;)
		if (!strcmp(p->v[i].path, path)) {
			*line = p->v[i].line;
			*column = p->v[i].column;
			return 0;
		}
	return -1;
}

void jsonpos_free(struct jsonpos *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->v[i].path);
	free(p->v);
	memset(p, 0, sizeof(*p));
}
