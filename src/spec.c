/* spec.c - see spec.h. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jsonutil.h"
#include "spec.h"
#include "util.h"

#ifndef SPECBENCH_DATADIR
#define SPECBENCH_DATADIR "/usr/local/share/specbench"
#endif
#define MAX_CHAIN 8

const struct spec_bench_check spec_bench_checks[] = {
	{ "disk.randwrite", "disk.randwrite" }, { "disk.randread", "disk.randread" },
	{ "disk.randrw", "disk.randrw" }, { "cpu.events", "cpu" },
	{ "memory.bandwidth", "memory" }, { "network.download", "network" },
	{ "network.upload", "network" }, { NULL, NULL },
};

enum ftype { F_STR, F_NUM, F_INT, F_BOOL, F_OBJ, F_ACCEPT, F_REFS, F_CHECKS };

struct field {
	const char *key;
	enum ftype type;
	const struct field *sub;
};

static const struct field accept_fields[] = {
	{ "line", F_STR, NULL }, { "generation", F_INT, NULL }, { NULL, 0, NULL },
};
static const struct field cpu_fields[] = {
	{ "accept", F_ACCEPT, accept_fields }, { "min_mhz", F_NUM, NULL }, { "vcpus", F_INT, NULL },
	{ NULL, 0, NULL },
};
static const struct field memory_fields[] = {
	{ "gib", F_NUM, NULL }, { "visible_pass_pct", F_NUM, NULL }, { "visible_warn_pct", F_NUM, NULL },
	{ "ecc", F_BOOL, NULL }, { NULL, 0, NULL },
};
static const struct field storage_fields[] = {
	{ "nvme", F_BOOL, NULL }, { "raid", F_STR, NULL }, { "min_gib", F_NUM, NULL }, { NULL, 0, NULL },
};
static const struct field network_fields[] = {
	{ "ipv4", F_INT, NULL }, { "ipv6", F_INT, NULL }, { NULL, 0, NULL },
};
static const struct field limits_fields[] = {
	{ "max_steal_pct", F_NUM, NULL }, { NULL, 0, NULL },
};
static const struct field check_fields[] = {
	{ "reference", F_REFS, NULL }, { "pass_pct", F_NUM, NULL }, { "warn_pct", F_NUM, NULL },
	{ NULL, 0, NULL },
};
static const struct field top_fields[] = {
	{ "name", F_STR, NULL }, { "version", F_STR, NULL }, { "description", F_STR, NULL },
	{ "extends", F_STR, NULL }, { "cpu", F_OBJ, cpu_fields }, { "memory", F_OBJ, memory_fields },
	{ "storage", F_OBJ, storage_fields }, { "network", F_OBJ, network_fields },
	{ "limits", F_OBJ, limits_fields }, { "benchmarks", F_CHECKS, check_fields },
	{ NULL, 0, NULL },
};

static const char *const type_names[] = {
	"a string", "a number", "a whole number", "true or false", "an object",
	"a list of {line, generation}", "an object of figure: number", "an object of check id: {...}",
};

/* Line and column of the first `"key"` in the file's text, for messages
 * about keys (jansson keeps no positions once parsed). */
static void where(const char *text, const char *key, char *buf, size_t size)
{
	char quoted[128];
	const char *p;
	int line = 1, col = 1;

	snprintf(quoted, sizeof(quoted), "\"%s\"", key);
	p = text ? strstr(text, quoted) : NULL;
	if (!p) {
		buf[0] = '\0';
		return;
	}
	for (const char *q = text; q < p; q++) {
		if (*q == '\n') {
			line++;
			col = 1;
		} else {
			col++;
		}
	}
	snprintf(buf, size, ":%d:%d", line, col);
}

static int type_ok(const json_t *v, enum ftype t)
{
	switch (t) {
	case F_STR: return json_is_string(v);
	case F_NUM: return json_is_number(v);
	case F_INT: return json_is_integer(v);
	case F_BOOL: return json_is_boolean(v);
	case F_ACCEPT: return json_is_array(v);
	default: return json_is_object(v);
	}
}

static int validate(const json_t *obj, const struct field *fields, const char *prefix,
		    const char *file, const char *text, struct sb_error *err);

static int validate_value(const json_t *v, const struct field *f, const char *path,
			  const char *file, const char *text, struct sb_error *err)
{
	char pos[32], sub[400];
	const char *k;
	json_t *x;
	size_t i;

	if (!type_ok(v, f->type)) {
		where(text, f->key, pos, sizeof(pos));
		return sb_fail(err, SB_EXIT_USAGE, "%s%s: '%s' must be %s", file, pos, path, type_names[f->type]);
	}
	switch (f->type) {
	case F_OBJ:
		return validate(v, f->sub, path, file, text, err);
	case F_ACCEPT:
		json_array_foreach(v, i, x) {
			snprintf(sub, sizeof(sub), "%s[%zu]", path, i);
			if (!json_is_object(x) || !json_is_string(json_object_get(x, "line"))) {
				where(text, f->key, pos, sizeof(pos));
				return sb_fail(err, SB_EXIT_USAGE, "%s%s: '%s' must be {\"line\": ..., \"generation\": ...}",
					       file, pos, sub);
			}
			if (validate(x, f->sub, sub, file, text, err))
				return -1;
		}
		return 0;
	case F_REFS:
		json_object_foreach((json_t *)v, k, x)
			if (!json_is_number(x)) {
				where(text, k, pos, sizeof(pos));
				return sb_fail(err, SB_EXIT_USAGE, "%s%s: '%s.%s' must be a number", file, pos, path, k);
			}
		return 0;
	case F_CHECKS:
		json_object_foreach((json_t *)v, k, x) {
			const struct spec_bench_check *c = spec_bench_checks;

			while (c->id && strcmp(c->id, k))
				c++;
			snprintf(sub, sizeof(sub), "%s.%s", path, k);
			if (!c->id) {
				where(text, k, pos, sizeof(pos));
				return sb_fail(err, SB_EXIT_USAGE, "%s%s: unknown benchmark check '%s' (known: "
					       "disk.randwrite, disk.randread, disk.randrw, cpu.events, "
					       "memory.bandwidth, network.download, network.upload)", file, pos, sub);
			}
			if (!json_is_object(x) || validate(x, f->sub, sub, file, text, err)) {
				if (!json_is_object(x))
					return sb_fail(err, SB_EXIT_USAGE, "%s: '%s' must be an object", file, sub);
				return -1;
			}
		}
		return 0;
	default:
		return 0;
	}
}

static int validate(const json_t *obj, const struct field *fields, const char *prefix,
		    const char *file, const char *text, struct sb_error *err)
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
			where(text, key, pos, sizeof(pos));
			return sb_fail(err, SB_EXIT_USAGE, "%s%s: unknown key '%s'", file, pos, path);
		}
		if (validate_value(v, f, path, file, text, err))
			return -1;
	}
	return 0;
}

static int semver_ok(const char *v)
{
	int parts = 0;

	while (*v) {
		if (*v < '0' || *v > '9')
			return 0;
		while (*v >= '0' && *v <= '9')
			v++;
		parts++;
		if (*v == '.')
			v++;
		else if (*v)
			return 0;
	}
	return parts == 3;
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

static json_t *load_one(const char *path, struct sb_error *err)
{
	char *text = NULL;
	json_t *doc = json_load_text(path, JSON_REJECT_DUPLICATES, &text, err);
	const char *version;

	if (!doc)
		return NULL;
	if (!json_is_object(doc)) {
		json_decref(doc);
		free(text);
		sb_fail(err, SB_EXIT_USAGE, "%s: a spec is a JSON object", path);
		return NULL;
	}
	version = json_string_value(json_object_get(doc, "version"));
	if (!json_is_string(json_object_get(doc, "name")) || !version || !semver_ok(version)) {
		/* not a spec at all, perhaps: say nothing of what it holds */
		sb_fail(err, SB_EXIT_USAGE, "%s: not a spec: a spec needs a \"name\" and a semantic "
			"\"version\" (MAJOR.MINOR.PATCH)", path);
		json_decref(doc);
		free(text);
		return NULL;
	}
	if (validate(doc, top_fields, "", path, text, err)) {
		free(text);
		json_decref(doc);
		return NULL;
	}
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

json_t *spec_load(const char *name_or_file, struct sb_error *err)
{
	char paths[MAX_CHAIN][PATH_MAX], real[MAX_CHAIN][PATH_MAX], dir[PATH_MAX];
	json_t *docs[MAX_CHAIN], *merged, *chain;
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
		ext = json_string_value(json_object_get(docs[n], "extends"));
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
		json_array_append_new(chain, json_sprintf("%s %s", json_string_value(json_object_get(docs[i], "name")),
			json_string_value(json_object_get(docs[i], "version"))));
		json_decref(docs[i]);
	}
	json_object_del(merged, "extends");
	json_object_set_new(merged, "chain", chain);
	json_object_set_new(merged, "file", json_string(real[0]));
	return merged;
fail:
	for (int i = 0; i < n; i++)
		json_decref(docs[i]);
	return NULL;
}
