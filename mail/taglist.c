/*
 * taglist.c - see taglist.h.  Cut by hand: it is a dozen lines of grammar
 * that no library exposes on its own (OpenDKIM's and OpenDMARC's parsers
 * are internal to libraries that sign, verify and report on messages).
 */
#include <string.h>

#include "taglist.h"

/* FWS: space, tab and the line breaks a TXT record may carry */
static int wsp(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static char *trim_fws(char *s)
{
	char *e;

	while (wsp(*s))
		s++;
	e = s + strlen(s);
	while (e > s && wsp(e[-1]))
		*--e = '\0';
	return s;
}

int taglist_split(char *text, struct tag *tags, int max)
{
	int n = 0;

	for (char *item = text; item;) {
		char *semi = strchr(item, ';'), *eq;

		if (semi)
			*semi = '\0';
		if (!semi && !*trim_fws(item))
			break;  /* a ';' may end the list */
		if (n == max)
			return -1;
		eq = strchr(item, '=');
		if (eq)
			*eq = '\0';
		tags[n].name = trim_fws(item);
		tags[n++].value = eq ? trim_fws(eq + 1) : NULL;
		item = semi ? semi + 1 : NULL;
	}
	return n;
}

const char *taglist_get(const struct tag *tags, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (tags[i].value && !strcmp(tags[i].name, name))
			return tags[i].value;
	return NULL;
}
