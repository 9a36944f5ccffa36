/* rundoc.c - creating and writing the run document; see rundoc.h. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "printable.h"
#include "rundoc.h"
#include "util.h"
#include "version.h"

static json_t *os_pretty_name(const struct sysroot *sr)
{
	char *text, *cursor, *line;
	json_t *name = json_null();

	if (sr_read(sr, "/etc/os-release", &text, NULL))
		return name;
	cursor = text;
	while ((line = next_line(&cursor))) {
		if (starts_with(line, "PRETTY_NAME=")) {
			char *v = line + strlen("PRETTY_NAME=");
			size_t n = strlen(v);

			if (n >= 2 && (v[0] == '"' || v[0] == '\'') && v[n - 1] == v[0]) {
				v[n - 1] = '\0';
				v++;
			}
			json_decref(name);
			name = json_text(v);
			break;
		}
	}
	free(text);
	return name;
}

static json_t *line_or_null(const struct sysroot *sr, const char *path)
{
	char buf[256];

	return sr_read_line(sr, path, buf, sizeof(buf)) == 0 ? json_text(buf) : json_null();
}

json_t *rundoc_new(const struct sysroot *sr)
{
	char stamp[32];
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return json_pack("{s:s, s:i, s:s, s:s, s:{s:o, s:o, s:o, s:o}}",
		"schema", RUNDOC_SCHEMA, "schema_version", RUNDOC_SCHEMA_VERSION,
		"specbench_version", SPECBENCH_VERSION, "created_at", stamp,
		"host",
		"hostname", line_or_null(sr, "/proc/sys/kernel/hostname"),
		"kernel", line_or_null(sr, "/proc/sys/kernel/osrelease"),
		"os", os_pretty_name(sr),
		"sysroot", sr_is_live(sr) ? json_null() : json_text(sr->prefix));
}

int rundoc_write(const json_t *doc, const char *path, struct sb_error *err)
{
	char tmp[PATH_MAX];
	FILE *f;
	int fd, bad, e;

	if (!strcmp(path, "-")) {
		if (json_dumpf(doc, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII) ||
		    fputc('\n', stdout) == EOF || fflush(stdout))
			return sb_fail(err, SB_EXIT_SYSTEM, "cannot write to standard output: %s",
				       strerror(errno));
		return 0;
	}
	if (snprintf(tmp, sizeof(tmp), "%s.XXXXXX", path) >= (int)sizeof(tmp))
		return sb_fail(err, SB_EXIT_USAGE, "%s: path too long", path);
	fd = mkstemp(tmp);
	if (fd < 0)
		return sb_fail(err, SB_EXIT_SYSTEM, "%s: cannot create: %s", path, strerror(errno));
	f = fdopen(fd, "w");
	if (!f) {
		int e = errno;

		close(fd);
		unlink(tmp);
		return sb_fail(err, SB_EXIT_SYSTEM, "%s: cannot write: %s", path, strerror(e));
	}
	bad = json_dumpf(doc, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER) || fputc('\n', f) == EOF;
	e = errno;
	if (fclose(f) && !bad) {
		bad = 1;
		e = errno;
	}
	if (bad) {
		unlink(tmp);
		return sb_fail(err, SB_EXIT_SYSTEM, "%s: cannot write: %s", path, strerror(e));
	}
	if (rename(tmp, path)) {
		int e = errno;

		unlink(tmp);
		return sb_fail(err, SB_EXIT_SYSTEM, "%s: cannot write: %s", path, strerror(e));
	}
	return 0;
}
