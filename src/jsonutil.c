/* jsonutil.c - see jsonutil.h. */
#include <stdio.h>
#include <string.h>

#include "jsonutil.h"

json_t *json_str_or_null(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

json_t *json_int_or_null(long long v, int known)
{
	return known ? json_integer(v) : json_null();
}

const char *jstr(const json_t *obj, const char *key, const char *dflt)
{
	const char *s = json_string_value(json_object_get(obj, key));

	return s ? s : dflt;
}

json_t *json_load_named(const char *path, size_t flags, struct sb_error *err)
{
	json_error_t je;
	json_t *doc = !strcmp(path, "-") ? json_loadf(stdin, flags, &je) : json_load_file(path, flags, &je);

	if (doc)
		return doc;
	if (je.line < 0)
		sb_fail(err, SB_EXIT_USAGE, "%s: %s", path, je.text);
	else
		sb_fail(err, SB_EXIT_USAGE, "%s:%d:%d: %s", path, je.line, je.column, je.text);
	return NULL;
}

json_t *json_path(const json_t *root, const char *dotted)
{
	json_t *cur = (json_t *)root;
	char part[128];

	while (cur && dotted && *dotted) {
		size_t n = strcspn(dotted, ".");

		if (n >= sizeof(part))
			return NULL;
		memcpy(part, dotted, n);
		part[n] = '\0';
		cur = json_object_get(cur, part);
		dotted += n + (dotted[n] == '.');
	}
	return cur;
}
