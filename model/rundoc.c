/* rundoc.c - creating and writing the run document; see rundoc.h. */
#include <errno.h>
#include <math.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/printable.h"
#include "base/files.h"
#include "base/version.h"
#include "base/docpath.h"
#include "base/strbuf.h"
#include "registry.h"
#include "rundoc.h"

json_t *rundoc_new(json_t *host)
{
	char stamp[32];
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return json_pack("{s:s, s:i, s:s, s:s, s:o}",
		"schema", RUNDOC_SCHEMA, "schema_version", RUNDOC_SCHEMA_VERSION,
		"specbench_version", SPECBENCH_VERSION, "created_at", stamp,
		"host", host ? host : json_null());
}

const char *rundoc_host_key(const json_t *doc)
{
	const char *id = rd_str(doc, "host.machine_id");

	return id ? id : rd_str(doc, "host.hostname");
}

char *rundoc_text(const json_t *doc)
{
	char *s = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER), *t;
	size_t n;

	if (!s)
		return NULL;
	n = strlen(s);
	t = realloc(s, n + 2);
	if (!t) {
		free(s);
		return NULL;
	}
	t[n] = '\n';
	t[n + 1] = '\0';
	return t;
}

/* The document's text into a new temporary file beside `path` (its name
 * in tmp). */
static int write_tmp(const char *text, const char *path, char *tmp, size_t size, struct sb_error *err)
{
	FILE *f;
	int fd, bad, e;

	if (snprintf(tmp, size, "%s.XXXXXX", path) >= (int)size)
		return sb_fail(err, SB_EXIT_USAGE, "%s: path too long", path);
	fd = mkstemp(tmp);
	if (fd < 0) {
		e = errno;
		return sb_fail(err, SB_EXIT_SYSTEM, "%s: cannot create: %s", path, strerror(e));
	}
	f = fdopen(fd, "w");
	if (!f) {
		e = errno;
		close(fd);
		unlink(tmp);
		return sb_fail(err, SB_EXIT_SYSTEM, "%s: cannot write: %s", path, strerror(e));
	}
	bad = fputs(text, f) == EOF;
	e = errno;
	if (fclose(f) && !bad) {
		bad = 1;
		e = errno;
	}
	if (bad) {
		unlink(tmp);
		return sb_fail(err, SB_EXIT_SYSTEM, "%s: cannot write: %s", path, strerror(e));
	}
	return 0;
}

int rundoc_write(const json_t *doc, const char *path, struct sb_error *err)
{
	char *text;
	int rc;

	if (!strcmp(path, "-")) {
		if (json_dumpf(doc, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII) ||
		    fputc('\n', stdout) == EOF || fflush(stdout))
			return sb_fail(err, SB_EXIT_SYSTEM, "cannot write to standard output: %s",
				       strerror(errno));
		return 0;
	}
	text = rundoc_text(doc);
	if (!text)
		return sb_fail(err, SB_EXIT_SYSTEM, "out of memory");
	rc = write_file_replace(path, text, strlen(text));
	free(text);
	return rc ? sb_fail(err, SB_EXIT_SYSTEM, "%s: cannot write: %s", path, strerror(-rc)) : 0;
}

int rundoc_store_new(const char *text, const char *dir, const char *base, char *path, size_t size,
		     struct sb_error *err)
{
	char tmp[PATH_MAX];
	int e = 0;

	if ((size_t)snprintf(path, size, "%s/%s.json", dir, base) >= size)
		return sb_fail(err, SB_EXIT_USAGE, "%s/%s: path too long", dir, base);
	if (write_tmp(text, path, tmp, sizeof(tmp), err))
		return -1;
	for (int n = 1; n <= RUNDOC_MAX_SAME_NAME; n++) {
		if (n > 1 && (size_t)snprintf(path, size, "%s/%s-%d.json", dir, base, n) >= size)
			break;
		/* link() never replaces a file: another run's document stays */
		if (link(tmp, path) == 0) {
			unlink(tmp);
			return 0;
		}
		e = errno;
		if (e != EEXIST)
			break;
	}
	unlink(tmp);
	return sb_fail(err, SB_EXIT_SYSTEM, "%s: cannot store the run document: %s", path,
		       e == EEXIST ? "too many runs of that second and host" : strerror(e));
}

static int check_numbers(const json_t *v, struct strbuf *path, double max, const char *file,
			 struct sb_error *err)
{
	size_t used = path->len;
	const char *key;
	json_t *item;
	size_t i;

	if (json_is_number(v)) {
		double x = json_number_value(v);

		if (isfinite(x) && x >= 0 && x < max)
			return 0;
		return sb_fail(err, SB_EXIT_USAGE, "%s: %s is %g: not a plausible figure (a finite number "
			       "from 0 to %g)", file, path->buf, x, max);
	}
	if (json_is_object(v)) {
		json_object_foreach((json_t *)v, key, item) {
			if (!strbuf_addf_whole(path, ".%s", key))
				continue;  /* too deep to name: no document of specbench's is */
			if (check_numbers(item, path, max, file, err))
				return -1;
			strbuf_setlen(path, used);
		}
	} else if (json_is_array(v)) {
		json_array_foreach(v, i, item) {
			if (!strbuf_addf_whole(path, "[%zu]", i))
				continue;
			if (check_numbers(item, path, max, file, err))
				return -1;
			strbuf_setlen(path, used);
		}
	}
	return 0;
}

bool rundoc_figure_known(const char *benchmark, const char *figure)
{
	const struct figure_def *f = registry_figure(benchmark, figure);

	return f && (f->flags & FIG_HEADLINE);
}

/* A headline figure of another type ("fast", true) is a broken document,
 * not a figure that was not measured. */
static int check_figure_types(const json_t *doc, const char *file, struct sb_error *err)
{
	static const char *const type_names[] = {
		"an object", "a list", "a string", "", "", "true", "false", "null",
	};
	char path[256];

	for (const struct benchmark_def *b = benchmark_registry; b->id; b++)
		for (const struct figure_def *f = b->figures; f->path; f++) {
			const json_t *v;

			if (!(f->flags & FIG_HEADLINE))
				continue;
			snprintf(path, sizeof(path), "bench.%s.%s", b->id, f->path);
			v = rd_get(doc, path);
			if (v && !json_is_number(v) && !json_is_null(v))
				return sb_fail(err, SB_EXIT_USAGE, "%s: %s is %s, not a number", file, path,
					       type_names[json_typeof(v)]);
		}
	return 0;
}

int rundoc_check_numbers(const json_t *doc, const char *file, struct sb_error *err)
{
	static const struct { const char *name; double max; } sections[] = {
		{ "probe", RUNDOC_MAX_FACT }, { "bench", RUNDOC_MAX_FIGURE },
	};
	char buf[512];
	struct strbuf path;

	if (check_figure_types(doc, file, err))
		return -1;
	for (size_t i = 0; i < sizeof(sections) / sizeof(sections[0]); i++) {
		strbuf_fixed(&path, buf, sizeof(buf));
		strbuf_addstr(&path, sections[i].name);
		if (check_numbers(json_object_get(doc, sections[i].name), &path, sections[i].max, file, err))
			return -1;
	}
	return 0;
}

void rundoc_runs_dir(char *buf, size_t size)
{
	data_path("runs", buf, size);
}

int rundoc_store_run(const json_t *doc, const char *text, const char *dir, char *path, size_t size,
		     struct sb_error *err)
{
	char base[128];
	const char *host = rd_str_or(doc, "host.hostname", "host");
	int rc = mkdir_p(dir, 0755);
	size_t n;

	if (rc)
		return sb_fail(err, SB_EXIT_SYSTEM, "--out %s: cannot create: %s", dir, strerror(-rc));
	snprintf(base, sizeof(base), "%s-%.64s", rd_str_or(doc, "created_at", "run"), host);
	/* ':' is awkward in file names; a hostname is not trusted to be a name */
	for (n = 0; base[n]; n++)
		if (!((base[n] >= 'a' && base[n] <= 'z') || (base[n] >= 'A' && base[n] <= 'Z') ||
		      (base[n] >= '0' && base[n] <= '9') || base[n] == '.' || base[n] == '_' ||
		      (base[n] == '-' && n > 0)))
			base[n] = base[n] == ':' ? '-' : '_';
	return rundoc_store_new(text, dir, base, path, size, err);
}
