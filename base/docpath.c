/* docpath.c - paths into a JSON document; see docpath.h. */
#include <stdlib.h>
#include <string.h>

#include "docpath.h"

/* The next part of *path: a key (copied into key) or, after '[', an index.
 * Returns 1 for a key, 2 for an index, 0 at the end, -1 when malformed. */
static int next_part(const char **path, char *key, size_t *index)
{
	const char *p = *path;
	size_t n;

	if (*p == '.')
		p++;
	if (!*p)
		return 0;
	if (*p == '[') {
		char *end;
		unsigned long long v;

		if (p[1] < '0' || p[1] > '9')
			return -1;
		v = strtoull(p + 1, &end, 10);
		if (*end != ']')
			return -1;
		*index = (size_t)v;
		*path = end + 1;
		return 2;
	}
	n = strcspn(p, ".[");
	if (n == 0 || n >= RD_MAX_KEY)
		return -1;
	memcpy(key, p, n);
	key[n] = '\0';
	*path = p + n;
	return 1;
}

json_t *rd_get_mut(json_t *doc, const char *path)
{
	char key[RD_MAX_KEY];
	size_t index = 0;
	json_t *cur = doc;
	int kind;

	while (cur && (kind = next_part(&path, key, &index)) != 0) {
		if (kind < 0)
			return NULL;
		cur = kind == 1 ? json_object_get(cur, key) : json_array_get(cur, index);
	}
	return cur;
}

const json_t *rd_get(const json_t *doc, const char *path)
{
	/* jansson's getters take const and hand back non-const; the cast only
	 * lets one walker serve both */
	return rd_get_mut((json_t *)doc, path);
}

const char *rd_str(const json_t *doc, const char *path)
{
	return json_string_value(rd_get(doc, path));
}

const char *rd_str_or(const json_t *doc, const char *path, const char *dflt)
{
	const char *s = rd_str(doc, path);

	return s ? s : dflt;
}

bool rd_int(const json_t *doc, const char *path, long long *out)
{
	const json_t *v = rd_get(doc, path);

	if (!json_is_integer(v))
		return false;
	*out = json_integer_value(v);
	return true;
}

bool rd_num(const json_t *doc, const char *path, double *out)
{
	const json_t *v = rd_get(doc, path);

	if (!json_is_number(v))
		return false;
	*out = json_number_value(v);
	return true;
}

long long rd_int_or(const json_t *doc, const char *path, long long dflt)
{
	long long v;

	return rd_int(doc, path, &v) ? v : dflt;
}

double rd_num_or(const json_t *doc, const char *path, double dflt)
{
	double v;

	return rd_num(doc, path, &v) ? v : dflt;
}

bool rd_true(const json_t *doc, const char *path)
{
	return json_is_true(rd_get(doc, path));
}

/* Walk to the object holding the last key, making objects on the way;
 * the last key is left in last. */
static json_t *holder(json_t *doc, const char *path, char *last, bool make_last)
{
	char key[RD_MAX_KEY];
	size_t index;
	json_t *cur = doc;
	int kind;

	last[0] = '\0';
	while ((kind = next_part(&path, key, &index)) == 1) {
		json_t *next;

		if (!*path && !make_last) {
			memcpy(last, key, strlen(key) + 1);
			return cur;
		}
		next = json_object_get(cur, key);
		if (!next) {
			next = json_object();
			if (!next || json_object_set_new(cur, key, next))
				return NULL;
		}
		if (!json_is_object(next))
			return NULL;
		cur = next;
	}
	return kind == 0 ? cur : NULL;
}

json_t *rd_object(json_t *doc, const char *path)
{
	char last[RD_MAX_KEY];

	if (!json_is_object(doc))
		return NULL;
	return holder(doc, path, last, true);
}

int rd_set(json_t *doc, const char *path, json_t *value)
{
	char last[RD_MAX_KEY];
	json_t *h = json_is_object(doc) ? holder(doc, path, last, false) : NULL;

	if (!h || !last[0] || !json_is_object(h)) {
		json_decref(value);
		return -1;
	}
	return json_object_set_new(h, last, value) ? -1 : 0;
}
