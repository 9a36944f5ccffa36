/* spec.c - see spec.h. */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/jsonpos.h"
#include "base/jsonutil.h"
#include "base/validate.h"
#include "base/docpath.h"
#include "base/strbuf.h"
#include "maintenance.h"
#include "rundoc.h"
#include "spec.h"

#ifndef SPECBENCH_DATADIR
#define SPECBENCH_DATADIR "/usr/local/share/specbench"
#endif
#define MAX_CHAIN 8

enum ftype { F_STR, F_NUM, F_INT, F_BOOL, F_OBJ, F_ACCEPT, F_REFS, F_CHECKS, F_WINDOWS, F_NETS };

/* A key of a spec, its type and, for numbers, the range it must lie in:
 * every number is checked, so that no value can make a check pass by
 * accident ("ipv4": -1 asks for no address at all, a reference of 0 makes
 * every figure infinitely good).  min_open: the minimum itself is refused. */
struct field {
	const char *key;
	enum ftype type;
	const struct field *sub;
	double min, max;
	bool min_open;
};

#define NUM(k, lo, hi) { k, F_NUM, NULL, lo, hi, false }
#define POS(k, hi) { k, F_NUM, NULL, 0, hi, true }
#define INT(k, lo, hi) { k, F_INT, NULL, lo, hi, false }

static const struct field accept_fields[] = {
	{ "line", F_STR, NULL, 0, 0, false }, INT("generation", 1, 20), { NULL, 0, NULL, 0, 0, false },
};
static const struct field cpu_fields[] = {
	{ "accept", F_ACCEPT, accept_fields, 0, 0, false }, POS("min_mhz", 20000),
	INT("vcpus", 1, 65536), { NULL, 0, NULL, 0, 0, false },
};
static const struct field memory_fields[] = {
	POS("gib", 1 << 24), POS("visible_pass_pct", 100), POS("visible_warn_pct", 100),
	{ "ecc", F_BOOL, NULL, 0, 0, false }, { NULL, 0, NULL, 0, 0, false },
};
static const struct field storage_fields[] = {
	{ "nvme", F_BOOL, NULL, 0, 0, false }, { "raid", F_STR, NULL, 0, 0, false },
	POS("min_gib", 1 << 30), { NULL, 0, NULL, 0, 0, false },
};
static const struct field network_fields[] = {
	INT("ipv4", 0, 1024), INT("ipv6", 0, 1024), { NULL, 0, NULL, 0, 0, false },
};
static const struct field limits_fields[] = {
	NUM("max_steal_pct", 0, 100), { NULL, 0, NULL, 0, 0, false },
};
static const struct field check_fields[] = {
	{ "reference", F_REFS, NULL, 0, 1e15, true }, POS("pass_pct", 1000), POS("warn_pct", 1000),
	{ NULL, 0, NULL, 0, 0, false },
};
static const struct field window_fields[] = {
	{ "day", F_STR, NULL, 0, 0, false }, { "from", F_STR, NULL, 0, 0, false },
	{ "to", F_STR, NULL, 0, 0, false }, { "what", F_STR, NULL, 0, 0, false }, { NULL, 0, NULL, 0, 0, false },
};
static const struct field maintenance_fields[] = {
	{ "windows", F_WINDOWS, window_fields, 0, 0, false }, INT("settle_minutes", 0, 1440),
	{ NULL, 0, NULL, 0, 0, false },
};
static const struct field smtp_fields[] = {
	{ "host", F_STR, NULL, 0, 0, false }, INT("port", 1, 65535), { NULL, 0, NULL, 0, 0, false },
};
static const struct field dkim_fields[] = {
	{ "selector", F_STR, NULL, 0, 0, false }, { "private_key", F_STR, NULL, 0, 0, false },
	{ NULL, 0, NULL, 0, 0, false },
};
static const struct field dmarc_fields[] = {
	{ "required", F_BOOL, NULL, 0, 0, false }, { NULL, 0, NULL, 0, 0, false },
};
static const struct field batched_fields[] = {
	INT("port", 1, 65535), { "relay_networks", F_NETS, NULL, 0, 0, false }, { NULL, 0, NULL, 0, 0, false },
};
static const struct field mail_fields[] = {
	{ "smtp", F_OBJ, smtp_fields, 0, 0, false }, { "dkim", F_OBJ, dkim_fields, 0, 0, false },
	{ "dmarc", F_OBJ, dmarc_fields, 0, 0, false }, { "batched_smtp", F_OBJ, batched_fields, 0, 0, false },
	{ NULL, 0, NULL, 0, 0, false },
};
static const struct field top_fields[] = {
	{ "name", F_STR, NULL, 0, 0, false }, { "version", F_STR, NULL, 0, 0, false },
	{ "description", F_STR, NULL, 0, 0, false }, { "extends", F_STR, NULL, 0, 0, false },
	{ "cpu", F_OBJ, cpu_fields, 0, 0, false }, { "memory", F_OBJ, memory_fields, 0, 0, false },
	{ "storage", F_OBJ, storage_fields, 0, 0, false }, { "network", F_OBJ, network_fields, 0, 0, false },
	{ "limits", F_OBJ, limits_fields, 0, 0, false }, { "benchmarks", F_CHECKS, check_fields, 0, 0, false },
	{ "maintenance", F_OBJ, maintenance_fields, 0, 0, false }, { "mail", F_OBJ, mail_fields, 0, 0, false },
	{ NULL, 0, NULL, 0, 0, false },
};

/* The figures a benchmark check may name in its reference (bench.<id>.<path>). */
static const char *const raid_levels[] = { "raid0", "raid1", "raid4", "raid5", "raid6", "raid10", NULL };

static const char *const type_names[] = {
	"a string", "a number", "a whole number", "true or false", "an object",
	"a list of {line, generation}", "an object of figure: number", "an object of check id: {...}",
	"a list of {day, from, to, what}", "a list of networks (\"198.51.100.0/24\", \"2001:db8::/48\")",
};

/* A number outside its field's range: the message names the range. */
static int out_of_range(const struct field *f, double v)
{
	return !isfinite(v) || v > f->max || (f->min_open ? v <= f->min : v < f->min);
}

static int range_error(const struct field *f, const char *path, double v, const char *file,
		       const char *pos, struct sb_error *err)
{
	if (f->min_open)
		return sb_fail(err, SB_EXIT_USAGE, "%s%s: '%s' is %g: it must be above %g and at most %.15g",
			       file, pos, path, v, f->min, f->max);
	return sb_fail(err, SB_EXIT_USAGE, "%s%s: '%s' is %g: it must be from %g to %.15g", file, pos, path,
		       v, f->min, f->max);
}

static int type_ok(const json_t *v, enum ftype t)
{
	switch (t) {
	case F_STR: return json_is_string(v);
	case F_NUM: return json_is_number(v);
	case F_INT: return json_is_integer(v);
	case F_BOOL: return json_is_boolean(v);
	case F_ACCEPT:
	case F_NETS:
	case F_WINDOWS: return json_is_array(v);
	default: return json_is_object(v);
	}
}

/* The file being checked and where its values are (NULL after a merge:
 * the merged spec is no one file's). */
struct src {
	const char *file;
	const struct jsonpos *pos;
};

/* ":LINE:COL" of the value at path in the file, from the scanner's record
 * of the text (jsonpos.h), or "" when there is none. */
static const char *at(const struct src *src, const char *path, char *buf, size_t size)
{
	int line, column;

	buf[0] = '\0';
	if (src->pos && jsonpos_find(src->pos, path, &line, &column) == 0)
		snprintf(buf, size, ":%d:%d", line, column);
	return buf;
}

static int validate(const json_t *obj, const struct field *fields, const char *prefix,
		    const struct src *src, struct sb_error *err);

/* warn_pct above pass_pct would make the band upside down: a figure could
 * fail at 70 % yet pass at 60 %. */
static int check_band(const json_t *obj, const char *pass_key, const char *warn_key, const char *path,
		      const struct src *src, struct sb_error *err)
{
	const json_t *pass = json_object_get(obj, pass_key), *warn = json_object_get(obj, warn_key);
	char pos[32], sub[300];

	if (!json_is_number(pass) || !json_is_number(warn) || json_number_value(warn) <= json_number_value(pass))
		return 0;
	snprintf(sub, sizeof(sub), "%s.%s", path, warn_key);
	at(src, sub, pos, sizeof(pos));
	return sb_fail(err, SB_EXIT_USAGE, "%s%s: '%s.%s' (%g) is above '%s' (%g): the warning band "
		       "must lie below the pass mark", src->file, pos, path, warn_key,
		       json_number_value(warn), pass_key, json_number_value(pass));
}

static int validate_refs(const json_t *v, const struct field *f, const char *path, const char *check,
			 const struct src *src, struct sb_error *err)
{
	const struct check_def *c = check_registry;
	char pos[32], sub[300];
	const char *k;
	json_t *x;

	while (c->id && strcmp(c->id, check))
		c++;
	if (!json_object_size(v)) {
		at(src, path, pos, sizeof(pos));
		return sb_fail(err, SB_EXIT_USAGE, "%s%s: '%s' is empty: a check needs at least one "
			       "reference figure (it would pass with nothing measured)", src->file, pos, path);
	}
	json_object_foreach((json_t *)v, k, x) {
		snprintf(sub, sizeof(sub), "%s.%s", path, k);
		at(src, sub, pos, sizeof(pos));
		if (!json_is_number(x))
			return sb_fail(err, SB_EXIT_USAGE, "%s%s: '%s.%s' must be a number", src->file, pos, path, k);
		if (c->id && !rundoc_figure_known(c->benchmark, k))
			return sb_fail(err, SB_EXIT_USAGE, "%s%s: '%s.%s': %s measures no figure '%s'",
				       src->file, pos, path, k, c->benchmark, k);
		if (out_of_range(f, json_number_value(x)))
			return range_error(f, sub, json_number_value(x), src->file, pos, err);
	}
	return 0;
}

/* A host name, an IP address or a DNS label sequence, 1-253 characters. */
static bool name_ok(const char *s)
{
	size_t n = strlen(s);

	if (!n || n > 253)
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr("-_.:", *s))
			return false;
	return true;
}

/* ADDR or ADDR/LEN, IPv4 or IPv6, without host bits past the length. */
static bool network_ok(const char *s)
{
	char addr[64], *slash, *end;
	unsigned char a[16];
	bool v6 = strchr(s, ':') != NULL;
	long len;

	if (strlen(s) >= sizeof(addr))
		return false;
	snprintf(addr, sizeof(addr), "%s", s);
	slash = strchr(addr, '/');
	if (slash)
		*slash = '\0';
	if (inet_pton(v6 ? AF_INET6 : AF_INET, addr, a) != 1)
		return false;
	if (!slash)
		return true;
	len = strtol(slash + 1, &end, 10);
	if (end == slash + 1 || *end || len < 0 || len > (v6 ? 128 : 32))
		return false;
	for (long bit = len; bit < (v6 ? 128 : 32); bit++)
		if (a[bit / 8] & (0x80 >> (bit % 8)))
			return false;
	return true;
}

static int validate_value(const json_t *v, const struct field *f, const char *path,
			  const struct src *src, struct sb_error *err)
{
	char pos[32], sub[400];
	const char *k;
	json_t *x;
	size_t i;

	at(src, path, pos, sizeof(pos));
	if (!type_ok(v, f->type))
		return sb_fail(err, SB_EXIT_USAGE, "%s%s: '%s' must be %s", src->file, pos, path, type_names[f->type]);
	switch (f->type) {
	case F_NUM:
	case F_INT:
		if (out_of_range(f, json_number_value(v)))
			return range_error(f, path, json_number_value(v), src->file, pos, err);
		return 0;
	case F_STR:
		if ((!strcmp(path, "mail.dkim.selector") || !strcmp(path, "mail.smtp.host")) &&
		    !name_ok(json_string_value(v)))
			return sb_fail(err, SB_EXIT_USAGE, "%s%s: '%s' is '%s': not a host or DNS name (letters, digits, "
				       "'-', '_', '.', ':')", src->file, pos, path, json_string_value(v));
		if (!strcmp(path, "storage.raid")) {
			const char *const *l = raid_levels;

			while (*l && strcmp(*l, json_string_value(v)))
				l++;
			if (!*l)
				return sb_fail(err, SB_EXIT_USAGE, "%s%s: 'storage.raid' must be one of raid0, "
					       "raid1, raid4, raid5, raid6, raid10", src->file, pos);
		}
		return 0;
	case F_OBJ:
		if (validate(v, f->sub, path, src, err))
			return -1;
		if (!strcmp(path, "mail.batched_smtp") &&
		    (!json_object_get(v, "port") || !json_object_get(v, "relay_networks")))
			return sb_fail(err, SB_EXIT_USAGE, "%s%s: 'mail.batched_smtp' needs both port and relay_networks",
				       src->file, pos);
		return strcmp(path, "memory") ? 0 :
			check_band(v, "visible_pass_pct", "visible_warn_pct", path, src, err);
	case F_ACCEPT:
		json_array_foreach(v, i, x) {
			snprintf(sub, sizeof(sub), "%s[%zu]", path, i);
			if (!json_is_object(x) || !json_is_string(json_object_get(x, "line")))
				return sb_fail(err, SB_EXIT_USAGE, "%s%s: '%s' must be {\"line\": ..., \"generation\": ...}",
					       src->file, at(src, sub, pos, sizeof(pos)), sub);
			if (validate(x, f->sub, sub, src, err))
				return -1;
		}
		return 0;
	case F_NETS:
		json_array_foreach(v, i, x) {
			snprintf(sub, sizeof(sub), "%s[%zu]", path, i);
			if (!json_is_string(x) || !network_ok(json_string_value(x)))
				return sb_fail(err, SB_EXIT_USAGE, "%s%s: '%s' must be a network such as \"198.51.100.0/24\" "
					       "or \"2001:db8::/48\"", src->file, at(src, sub, pos, sizeof(pos)), sub);
		}
		return 0;
	case F_WINDOWS:
		json_array_foreach(v, i, x) {
			struct sb_error why;

			snprintf(sub, sizeof(sub), "%s[%zu]", path, i);
			if (!json_is_object(x))
				return sb_fail(err, SB_EXIT_USAGE, "%s%s: '%s' must be {\"day\": ..., \"from\": ..., "
					       "\"to\": ...}", src->file, at(src, sub, pos, sizeof(pos)), sub);
			if (validate(x, f->sub, sub, src, err))
				return -1;
			if (maint_check_window(x, &why))
				return sb_fail(err, SB_EXIT_USAGE, "%s%s: '%s': %s", src->file,
					       at(src, sub, pos, sizeof(pos)), sub, why.msg);
		}
		return 0;
	case F_CHECKS:
		json_object_foreach((json_t *)v, k, x) {
			const struct check_def *c = check_registry;

			while (c->id && strcmp(c->id, k))
				c++;
			snprintf(sub, sizeof(sub), "%s.%s", path, k);
			at(src, sub, pos, sizeof(pos));
			if (!c->id) {
				char known[256];
				struct strbuf sb;

				strbuf_fixed(&sb, known, sizeof(known));
				for (c = check_registry; c->id; c++) {
					strbuf_sep(&sb, ", ");
					strbuf_addstr(&sb, c->id);
				}
				return sb_fail(err, SB_EXIT_USAGE, "%s%s: unknown benchmark check '%s' (known: %s)", src->file,
					       pos, sub, known);
			}
			if (!json_is_object(x))
				return sb_fail(err, SB_EXIT_USAGE, "%s%s: '%s' must be an object", src->file, pos, sub);
			if (validate(x, f->sub, sub, src, err) ||
			    check_band(x, "pass_pct", "warn_pct", sub, src, err))
				return -1;
		}
		return 0;
	default:
		return 0;
	}
}

static int validate(const json_t *obj, const struct field *fields, const char *prefix,
		    const struct src *src, struct sb_error *err)
{
	const char *key;
	json_t *v;

	json_object_foreach((json_t *)obj, key, v) {
		const struct field *f = fields;
		char path[160], pos[32];

		while (f->key && strcmp(f->key, key))
			f++;
		snprintf(path, sizeof(path), "%s%s%s", prefix, *prefix ? "." : "", key);
		if (!f->key) {
			at(src, path, pos, sizeof(pos));
			return sb_fail(err, SB_EXIT_USAGE, "%s%s: unknown key '%s'", src->file, pos, path);
		}
		if (f->type == F_REFS) {
			if (!type_ok(v, F_REFS))
				return sb_fail(err, SB_EXIT_USAGE, "%s%s: '%s' must be %s", src->file,
					       at(src, path, pos, sizeof(pos)), path, type_names[F_REFS]);
			if (validate_refs(v, f, path, strchr(prefix, '.') ? strchr(prefix, '.') + 1 : prefix, src, err))
				return -1;
			continue;
		}
		if (validate_value(v, f, path, src, err))
			return -1;
	}
	return 0;
}


/* A file name ("x.json", "/etc/x", "./x") rather than a spec name
 * ("standard", "apps/unifi"). */
static int is_path(const char *s)
{
	size_t n = strlen(s);

	return s[0] == '/' || !strncmp(s, "./", 2) || !strncmp(s, "../", 3) ||
	       (n > 5 && !strcmp(s + n - 5, ".json"));
}

/* The directories of installed specs, in the order they are searched:
 * $SPECBENCH_SPECS, the data directory, an installation moved elsewhere,
 * the source tree's specs/ beside build/, and ./specs. */
static int installed_dirs(char dirs[][PATH_MAX])
{
	char exe[PATH_MAX];
	const char *env = getenv("SPECBENCH_SPECS");
	ssize_t n;
	int count = 0;

	if (env && *env)
		snprintf(dirs[count++], PATH_MAX, "%.4000s", env);
	snprintf(dirs[count++], PATH_MAX, "%s/specs", SPECBENCH_DATADIR);
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		*strrchr(exe, '/') = '\0';
		snprintf(dirs[count++], PATH_MAX, "%.4000s/../share/specbench/specs", exe);
		snprintf(dirs[count++], PATH_MAX, "%.4000s/../specs", exe);
	}
	snprintf(dirs[count++], PATH_MAX, "specs");
	return count;
}

#define MAX_DIRS 7

/* Where a spec NAME is looked for, in order: beside the spec that extends
 * it and one level up (apps/x.json extends "standard"), then the installed
 * specs. */
static int find_spec(const char *name, const char *near, char *out, size_t size)
{
	char dirs[MAX_DIRS][PATH_MAX];
	int count = 0;

	if (near) {
		snprintf(dirs[count++], PATH_MAX, "%.4000s", near);
		snprintf(dirs[count++], PATH_MAX, "%.4000s/..", near);
	}
	count += installed_dirs(dirs + count);
	for (int i = 0; i < count; i++) {
		if (snprintf(out, size, "%s/%s.json", dirs[i], name) < (int)size && access(out, R_OK) == 0)
			return 0;
	}
	return -1;
}

/* Whether the real path `file` lies below the directory `dir`. */
static int below(const char *dir, const char *file)
{
	char real[PATH_MAX];
	size_t n;

	if (!realpath(dir, real))
		return 0;
	n = strlen(real);
	return !strncmp(real, file, n) && (file[n] == '/' || (n == 1 && real[0] == '/'));
}

/* What `extends` may reach: the extending spec's own directory, or the
 * installed specs; never any other file of the machine. */
static int may_extend(const char *own_dir, const char *real)
{
	char dirs[MAX_DIRS][PATH_MAX];
	int count = installed_dirs(dirs);

	if (below(own_dir, real))
		return 1;
	for (int i = 0; i < count; i++)
		if (below(dirs[i], real))
			return 1;
	return 0;
}

/* A spec's checks on its parsed document; text is the file's, for positions. */
static json_t *checked(json_t *doc, const char *path, const char *text, struct sb_error *err)
{
	struct jsonpos pos;
	const char *version;
	int rc;

	if (!json_is_object(doc)) {
		json_decref(doc);
		sb_fail(err, SB_EXIT_USAGE, "%s: a spec is a JSON object", path);
		return NULL;
	}
	version = rd_str(doc, "version");
	if (!json_is_string(json_object_get(doc, "name")) || !version || !semver_ok(version)) {
		/* not a spec at all, perhaps: say nothing of what it holds */
		sb_fail(err, SB_EXIT_USAGE, "%s: not a spec: a spec needs a \"name\" and a semantic "
			"\"version\" (MAJOR.MINOR.PATCH)", path);
		json_decref(doc);
		return NULL;
	}
	if (jsonpos_scan(&pos, text)) {
		jsonpos_free(&pos);
		json_decref(doc);
		sb_fail(err, SB_EXIT_SYSTEM, "out of memory");
		return NULL;
	}
	rc = validate(doc, top_fields, "", &(struct src){ path, &pos }, err);
	jsonpos_free(&pos);
	if (rc) {
		json_decref(doc);
		return NULL;
	}
	return doc;
}

json_t *spec_parse(const char *name, const char *text, size_t len, struct sb_error *err)
{
	json_error_t je;
	char *copy = malloc(len + 1);
	json_t *doc;

	if (!copy) {
		sb_fail(err, SB_EXIT_SYSTEM, "out of memory");
		return NULL;
	}
	memcpy(copy, text, len);
	copy[len] = '\0';
	doc = json_loadb(copy, len, JSON_REJECT_DUPLICATES, &je);
	if (!doc)
		sb_fail(err, SB_EXIT_USAGE, "%s:%d:%d: malformed JSON", name, je.line, je.column);
	else
		doc = checked(doc, name, copy, err);
	free(copy);
	return doc;
}

static json_t *load_one(const char *path, struct sb_error *err)
{
	char *text = NULL;
	json_t *doc = sbj_load_text(path, JSON_REJECT_DUPLICATES, &text, err);

	if (doc)
		doc = checked(doc, path, text, err);
	free(text);
	return doc;
}

/* Objects merge key by key; anything else in `over` replaces. */
static void merge(json_t *base, const json_t *over)
{
	const char *key;
	json_t *v;

	json_object_foreach((json_t *)over, key, v) {
		json_t *b = json_object_get(base, key);

		if (json_is_object(b) && json_is_object(v))
			merge(b, v);
		else
			json_object_set_new(base, key, json_deep_copy(v));
	}
}

/* Each file's bands are checked as it is read; a child that changes only
 * pass_pct can still turn its parent's band upside down, so the merged
 * spec is checked once more. */
static int check_merged(const json_t *merged, const char *top, struct sb_error *err)
{
	const struct src src = { top, NULL };
	const char *k;
	json_t *x;

	if (check_band(json_object_get(merged, "memory"), "visible_pass_pct", "visible_warn_pct",
		       "memory (after extends)", &src, err))
		return -1;
	json_object_foreach(json_object_get(merged, "benchmarks"), k, x) {
		char path[200];

		snprintf(path, sizeof(path), "benchmarks.%s (after extends)", k);
		if (check_band(x, "pass_pct", "warn_pct", path, &src, err))
			return -1;
	}
	return 0;
}

json_t *spec_load(const char *name_or_file, struct sb_error *err)
{
	char paths[MAX_CHAIN][PATH_MAX], real[MAX_CHAIN][PATH_MAX], dir[PATH_MAX];
	json_t *docs[MAX_CHAIN], *merged, *chain, *files;
	const char *want = name_or_file;
	int n = 0;

	for (;;) {
		const char *ext;

		if (n == MAX_CHAIN) {
			sb_fail(err, SB_EXIT_USAGE, "%s: \"extends\" goes deeper than %d specs", paths[0], MAX_CHAIN);
			goto fail;
		}
		if (is_path(want) && n == 0) {
			snprintf(paths[n], PATH_MAX, "%s", want);
		} else if (is_path(want)) {
			snprintf(paths[n], PATH_MAX, "%.2000s/%.2000s", dir, want);
		} else if (find_spec(want, n ? dir : NULL, paths[n], PATH_MAX)) {
			if (n)
				sb_fail(err, SB_EXIT_USAGE, "%s: extends '%s', and there is no spec of that name",
					paths[n - 1], want);
			else
				sb_fail(err, SB_EXIT_USAGE, "--spec %s: no spec of that name (looked in the "
					"installed data directory and the source tree; give a path to use a file)", want);
			goto fail;
		}
		if (!realpath(paths[n], real[n])) {
			sb_fail(err, SB_EXIT_USAGE, "%s: %s", paths[n], strerror(errno));
			goto fail;
		}
		if (n && !may_extend(dir, real[n])) {
			sb_fail(err, SB_EXIT_USAGE, "%s: extends '%s', which is outside the spec's own "
				"directory and the installed specs", paths[n - 1], want);
			goto fail;
		}
		for (int i = 0; i < n; i++)
			if (!strcmp(real[i], real[n])) {
				sb_fail(err, SB_EXIT_USAGE, "%s: extends '%s', which leads back to %s (a cycle)",
					paths[n - 1], want, paths[i]);
				goto fail;
			}
		docs[n] = load_one(paths[n], err);
		if (!docs[n])
			goto fail;
		memcpy(dir, real[n], strlen(real[n]) + 1);
		*strrchr(dir, '/') = '\0';
		ext = rd_str(docs[n], "extends");
		n++;
		if (!ext)
			break;
		want = ext;
	}
	/* the root of the chain first, then each child over it */
	merged = json_deep_copy(docs[n - 1]);
	chain = json_array();
	for (int i = n - 2; i >= 0; i--)
		merge(merged, docs[i]);
	for (int i = 0; i < n; i++) {
		json_array_append_new(chain, json_sprintf("%s %s", rd_str(docs[i], "name"),
			rd_str(docs[i], "version")));
		json_decref(docs[i]);
	}
	json_object_del(merged, "extends");
	if (n > 1 && check_merged(merged, paths[0], err)) {
		json_decref(merged);
		json_decref(chain);
		return NULL;
	}
	json_object_set_new(merged, "chain", chain);
	json_object_set_new(merged, "file", json_string(real[0]));
	files = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(files, json_string(real[i]));
	json_object_set_new(merged, "files", files);
	return merged;
fail:
	for (int i = 0; i < n; i++)
		json_decref(docs[i]);
	return NULL;
}

int spec_where(const json_t *spec, const char *path, char *buf, size_t size)
{
	const json_t *files = json_object_get(spec, "files"), *f;
	size_t i;

	snprintf(buf, size, "%s", rd_str(spec, "file") ?
		 rd_str(spec, "file") : "the spec");
	/* the child first: its values are the ones that stayed */
	json_array_foreach(files, i, f) {
		struct sb_error ignored;
		struct jsonpos pos;
		char *text = NULL;
		json_t *doc = sbj_load_text(json_string_value(f), 0, &text, &ignored);
		int line, column, found;

		json_decref(doc);
		if (!text)
			continue;
		found = jsonpos_scan(&pos, text) == 0 && jsonpos_find(&pos, path, &line, &column) == 0;
		jsonpos_free(&pos);
		free(text);
		if (found) {
			snprintf(buf, size, "%s:%d:%d", json_string_value(f), line, column);
			return 0;
		}
	}
	return -1;
}
