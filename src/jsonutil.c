/* jsonutil.c - see jsonutil.h. */
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
