/* escape.c - see escape.h. */
#include <string.h>

#include "escape.h"

void esc_html(FILE *out, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++)
		switch (*p) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		case '\'': fputs("&#39;", out); break;
		default:
			if (*p >= 0x20 || *p == '\t' || *p == '\n')
				fputc(*p, out);
			else if (*p == '\r')
				fputc(' ', out);
		}
}

void esc_markdown(FILE *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	const unsigned char *digits = p;

	/* what starts a block only at the start of a line: a heading, a list
	 * item, a quote, a setext underline, "1." or "1)" */
	if (*p && strchr("#-+>=", *p))
		fputc('\\', out);
	while (*digits >= '0' && *digits <= '9')
		digits++;
	for (; *p; p++) {
		if (*p == '<')
			fputs("&lt;", out);
		else if (*p == '&')
			fputs("&amp;", out);
		else if (*p == '\n' || *p == '\r' || *p == '\t')
			fputc(' ', out);
		else if (*p < 0x20 || *p == 0x7f)
			continue;
		else {
			/* inline markup anywhere, and the table's cell separator */
			if (strchr("\\`*_[]|~", *p) || (p == digits && p != (const unsigned char *)s &&
							  (*p == '.' || *p == ')')))
				fputc('\\', out);
			fputc(*p, out);
		}
	}
}
