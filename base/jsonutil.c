/* jsonutil.c - see jsonutil.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "jsonutil.h"
#include "printable.h"
#include "safeopen.h"

/* Specs and run documents are kilobytes; a larger file is not one. */
#define JSON_MAX_FILE (64u << 20)

json_t *sbj_str_or_null(const char *s)
{
	return s && *s ? sbj_text(s) : json_null();
}

json_t *sbj_int_or_null(long long v, int known)
{
	return known ? json_integer(v) : json_null();
}

/* Jansson's messages quote the text near an error ("... near 'root'"): for
 * a file that turns out not to be JSON (--spec /etc/shadow) that would print
 * its content, so the quote is cut; line and column say where. */
static void unquote(char *text)
{
	char *near = strstr(text, " near '");

	if (near)
		*near = '\0';
}

json_t *sbj_load_text(const char *path, size_t flags, char **text_out, struct sb_error *err)
{
	json_error_t je;
	json_t *doc;
	char *text;
	size_t len;
	int rc = !strcmp(path, "-") ? read_all(STDIN_FILENO, JSON_MAX_FILE, &text, &len) :
					read_regular(path, JSON_MAX_FILE, &text, &len);

	if (rc) {
		sb_fail(err, SB_EXIT_USAGE, "%s: %s", path,
			rc == -EFBIG ? "larger than any specbench document (64 MiB)" : safe_strerror(rc));
		return NULL;
	}
	doc = json_loadb(text, len, flags, &je);
	if (doc && text_out)
		*text_out = text;
	else
		free(text);
	if (doc)
		return doc;
	unquote(je.text);
	if (je.line < 0)
		sb_fail(err, SB_EXIT_USAGE, "%s: %s", path, je.text);
	else
		sb_fail(err, SB_EXIT_USAGE, "%s:%d:%d: %s", path, je.line, je.column, je.text);
	return NULL;
}

json_t *sbj_load_named(const char *path, size_t flags, struct sb_error *err)
{
	return sbj_load_text(path, flags, NULL, err);
}

const char *jfig(char *buf, size_t size, const char *fmt, const json_t *v)
{
	if (!json_is_number(v))
		snprintf(buf, size, "missing");
	else
		snprintf(buf, size, fmt, json_number_value(v));
	return buf;
}

json_t *jreal_or_null(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}
