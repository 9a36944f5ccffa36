/*
 * optfile.c - a command's options from a file (--config FILE), for the
 * scheduled run: /etc/specbench/specbench.conf holds what an operator sets
 * once per VM (spec, profile, history URL, alert URLs), and the systemd
 * unit's command line stays the same on every VM.
 *
 * The file is INI, read by inih (libinih): one [section] per command,
 * named as the command ("[run]"), holding "option = value" lines whose keys
 * are the command's long option names, so the file and `--help` cannot
 * disagree.  A flag takes true or false; a list option (notify) may be
 * given on several lines; any other key given twice, an unknown key or
 * section, or a line inih cannot read is an error at FILE:LINE, before
 * anything runs: a typo in a file a timer reads must not silently change
 * what is measured.
 *
 * inih reads lines of up to INI_MAX_LINE (200) bytes and would split a
 * longer one; the file is read whole first (no second open: what is
 * checked is what is parsed) and such a line is refused with its number.
 * The values live in strings of their own (inih's are gone after the
 * callback), kept on a list in struct opt_config.
 */
#include <errno.h>
#include <stdarg.h>
#include <ini.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "options.h"
#include "safeopen.h"

#define OPTFILE_MAX_BYTES (64 * 1024)
#define OPTFILE_MAX_LINE 199  /* inih's INI_MAX_LINE less its newline */

struct optfile_value {
	struct optfile_value *next;
	char text[];
};

struct optfile_reader {
	const char *path, *section;
	const struct opt *opts;
	void *args;
	struct opt_config *store;
	unsigned long long seen;   /* options set by the file (lists excluded) */
	unsigned long long *given;
	struct sb_error *err;
	bool failed;
};

void options_release(struct opt_config *c)
{
	while (c->values) {
		struct optfile_value *v = c->values;

		c->values = v->next;
		free(v);
	}
}

static const char *keep(struct opt_config *c, const char *s)
{
	size_t len = strlen(s);
	struct optfile_value *v = malloc(sizeof(*v) + len + 1);

	if (!v)
		return NULL;
	memcpy(v->text, s, len + 1);
	v->next = c->values;
	c->values = v;
	return v->text;
}

/* Only the first error is kept: inih goes on after a bad line, and
 * returns the number of the first.  Returns 0, inih's "this line failed". */
static int refuse(struct optfile_reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int refuse(struct optfile_reader *r, const char *fmt, ...)
{
	va_list ap;
	char msg[600];

	if (r->failed)
		return 0;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* the file is wrong, not the command line: no usage after it */
	sb_fail(r->err, SB_EXIT_USAGE, "%s", msg);
	r->failed = true;
	return 0;
}

static int on_value(void *user, const char *section, const char *name, const char *value)
{
	struct optfile_reader *r = user;
	const struct opt *o;
	unsigned long long bit;
	const char *v = value;
	struct sb_error e = { 0, 0, "", NULL };

	if (*section && strcmp(section, r->section))
		return refuse(r, "[%s]: not a section this command reads (only [%s])", section, r->section);
	if (!*section)
		return refuse(r, "'%s' is outside a section: put it under [%s]", name, r->section);
	for (o = r->opts; o->type != OPT_END_; o++)
		if (!strcmp(o->long_name, name))
			break;
	if (o->type == OPT_END_ || o->type == OPT_CONFIG_)
		return refuse(r, "'%s' is not an option of %s", name, r->section);
	bit = 1ull << (o - r->opts);
	if (o->type != OPT_LIST_ && (r->seen & bit))
		return refuse(r, "'%s' is given twice", name);
	r->seen |= bit;
	if (o->type == OPT_BOOL_) {
		if (!strcasecmp(value, "true") || !strcasecmp(value, "yes") || !strcmp(value, "1"))
			v = NULL;
		else if (strcasecmp(value, "false") && strcasecmp(value, "no") && strcmp(value, "0"))
			return refuse(r, "'%s = %s': a flag is true or false", name, value);
		else
			return 1;  /* false: the option's default */
	} else if (!*value) {
		return refuse(r, "'%s' has no value", name);
	} else if (!(v = keep(r->store, value))) {
		return refuse(r, "out of memory for '%s'", name);
	}
	if (options_apply(o, v, r->args, &e))
		return refuse(r, "%s", e.msg);
	*r->given |= bit;
	return 1;
}

int optfile_read(const char *path, const char *section, const struct opt *opts, void *args,
		 struct opt_config *store, unsigned long long *given, struct sb_error *err)
{
	struct optfile_reader r = { path, section, opts, args, store, 0, given, err, false };
	char *text = NULL;
	size_t len = 0;
	int rc, lineno = 0;

	rc = read_regular(path, OPTFILE_MAX_BYTES, &text, &len);
	if (rc) {
		free(text);
		return sb_fail(err, SB_EXIT_USAGE, "--config %s: %s", path,
			       rc == -EFBIG ? "larger than 64 KiB" : safe_strerror(rc));
	}
	if (memchr(text, '\0', len)) {
		free(text);
		return sb_fail(err, SB_EXIT_USAGE, "--config %s: a binary file, not an INI text", path);
	}
	for (char *p = text, *nl; *p; p = nl ? nl + 1 : p + strlen(p)) {
		nl = strchr(p, '\n');
		lineno++;
		if ((nl ? (size_t)(nl - p) : strlen(p)) > OPTFILE_MAX_LINE) {
			free(text);
			return sb_fail(err, SB_EXIT_USAGE, "%s:%d: longer than %d characters", path, lineno,
				       OPTFILE_MAX_LINE);
		}
		/* inih reads an indented line as the previous value's
		 * continuation ("'spec' is given twice" for an indented
		 * "profile = smoke"): indentation means nothing here, so it is
		 * taken away (the line numbers stay) */
		if (*p == ' ' || *p == '\t') {
			size_t ws = strspn(p, " \t");

			memmove(p, p + ws, strlen(p + ws) + 1);
			nl = strchr(p, '\n');
		}
	}
	/* the number of the first line that failed, ours (r.failed) or inih's */
	rc = ini_parse_string(text, on_value, &r);
	free(text);
	if (rc == 0)
		return 0;
	if (r.failed) {
		char msg[sizeof(err->msg)];

		snprintf(msg, sizeof(msg), "%s", err->msg);
		return sb_fail(err, SB_EXIT_USAGE, "%s:%d: %s", path, rc, msg);
	}
	return sb_fail(err, SB_EXIT_USAGE, "%s:%d: not an INI line (option = value, [section] or # comment)",
		       path, rc);
}
