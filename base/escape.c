/* escape.c - see escape.h. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"

void esc_markup(FILE *out, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++)
		switch (*p) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		case '\'': fputs("&#39;", out); break;  /* &apos; is XML's, not HTML 4's */
		default:
			if (*p >= 0x20 || *p == '\t' || *p == '\n')
				fputc(*p, out);
			else if (*p == '\r')
				fputc(' ', out);
		}
}

void prom_label(FILE *out, const char *v)
{
	for (; v && *v; v++) {
		if (*v == '\\' || *v == '"')
			fputc('\\', out);
		if (*v == '\n')
			fputs("\\n", out);
		else
			fputc(*v, out);
	}
}

char *shell_word(const char *s)
{
	bool plain = s && *s && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
					  "_@%+=:,./-") == strlen(s);
	size_t n = 2;
	char *out, *o;

	if (plain)
		return strdup(s);
	for (const char *p = s ? s : ""; *p; p++)
		n += *p == '\'' ? 4 : 1;
	if (!(out = o = malloc(n + 1)))
		return NULL;
	*o++ = '\'';
	for (const char *p = s ? s : ""; *p; p++)
		if (*p == '\'') {
			memcpy(o, "'\\''", 4);
			o += 4;
		} else {
			*o++ = *p;
		}
	*o++ = '\'';
	*o = '\0';
	return out;
}
