/* printable.c - see printable.h for why and what is escaped. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "printable.h"

/* Length of the valid UTF-8 sequence at s (2..4), or 0. */
static size_t utf8_len(const unsigned char *s)
{
	size_t n = s[0] >= 0xf0 && s[0] <= 0xf4 ? 4 : s[0] >= 0xe0 ? 3 : s[0] >= 0xc2 ? 2 : 0;

	if (s[0] >= 0xf5)
		return 0;
	for (size_t i = 1; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	/* overlong three- and four-byte forms and UTF-16 surrogates */
	if ((n == 3 && s[0] == 0xe0 && s[1] < 0xa0) || (n == 3 && s[0] == 0xed && s[1] >= 0xa0) ||
	    (n == 4 && s[0] == 0xf0 && s[1] < 0x90) || (n == 4 && s[0] == 0xf4 && s[1] >= 0x90))
		return 0;
	return n;
}

/* controls: escape control characters too, not only bytes that are not UTF-8 */
static size_t escape(const char *s, char *out, size_t size, int controls)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t total = 0, used = 0;
	int full = 0;

	while (*p) {
		char esc[8];
		const char *piece = esc;
		size_t n = utf8_len(p), len;

		if (controls && (*p == '\n' || *p == '\r' || *p == '\t'))
			snprintf(esc, sizeof(esc), "\\%c", *p == '\n' ? 'n' : *p == '\r' ? 'r' : 't');
		else if (controls && (*p < 0x20 || *p == 0x7f))
			snprintf(esc, sizeof(esc), "\\x%02x", *p);
		else if (*p < 0x80)
			snprintf(esc, sizeof(esc), "%c", *p);
		else if (controls && n == 2 && p[0] == 0xc2 && p[1] < 0xa0)  /* C1 control */
			snprintf(esc, sizeof(esc), "\\u00%02x", p[1]);
		else if (n)
			piece = (const char *)p;
		else
			snprintf(esc, sizeof(esc), "\\x%02x", *p);
		len = piece == esc ? strlen(esc) : n;
		p += n ? n : 1;
		if (out && !full && used + len < size) {
			memcpy(out + used, piece, len);
			used += len;
		} else {
			full = 1;  /* nothing after a piece that did not fit */
		}
		total += len;
	}
	if (out && size)
		out[used] = '\0';
	return total;
}

size_t printable(const char *s, char *out, size_t size)
{
	return escape(s, out, size, 1);
}

static char *escape_dup(const char *s, int controls)
{
	size_t n = escape(s, NULL, 0, controls) + 1;
	char *out = malloc(n);

	if (out)
		escape(s, out, n, controls);
	return out;
}

char *printable_dup(const char *s)
{
	return escape_dup(s, 1);
}

json_t *sbj_text(const char *s)
{
	json_t *v = json_string(s);
	char *fixed;

	if (v || !s)
		return v;
	fixed = escape_dup(s, 0);
	v = fixed ? json_string(fixed) : NULL;
	free(fixed);
	return v;
}

json_t *sbj_printable(const json_t *v)
{
	json_t *copy, *item;
	const char *key;
	size_t i;

	if (json_is_string(v)) {
		char *text = printable_dup(json_string_value(v));

		copy = text ? json_string(text) : NULL;
		free(text);
		return copy;
	}
	if (json_is_object(v)) {
		copy = json_object();
		json_object_foreach((json_t *)v, key, item)
			if (json_object_set_new(copy, key, sbj_printable(item))) {
				json_decref(copy);
				return NULL;
			}
		return copy;
	}
	if (json_is_array(v)) {
		copy = json_array();
		json_array_foreach(v, i, item)
			if (json_array_append_new(copy, sbj_printable(item))) {
				json_decref(copy);
				return NULL;
			}
		return copy;
	}
	return json_deep_copy(v);
}
