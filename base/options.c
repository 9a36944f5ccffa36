/* options.c - parsing and describing a command's option table; see options.h. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "text.h"

#define HELP_COLUMN 23   /* where the help text of an option starts */
#define SYNOPSIS_WIDTH 100

static void spelling(const struct opt *o, bool both, char *buf, size_t size);

static const struct opt help_opt = { OPT_BOOL_, 'h', "help", 0, NULL, "show this help", 0, 0, NULL, 0 };

/* The entry for "--name" (name without dashes, up to len): an exact match,
 * else the only one it abbreviates; NULL with *ambiguous set when several. */
static const struct opt *find_long(const struct opt *opts, const char *name, size_t len, bool *ambiguous)
{
	const struct opt *found = NULL;

	*ambiguous = false;
	for (const struct opt *o = opts; o->type != OPT_END_; o++) {
		if (strncmp(o->long_name, name, len))
			continue;
		if (strlen(o->long_name) == len)
			return o;
		if (found)
			*ambiguous = true;
		found = o;
	}
	if (!strncmp(help_opt.long_name, name, len) && len == strlen(help_opt.long_name))
		return &help_opt;
	return *ambiguous ? NULL : found;
}

static const struct opt *find_short(const struct opt *opts, char c)
{
	for (const struct opt *o = opts; o->type != OPT_END_; o++)
		if (o->short_name && o->short_name == c)
			return o;
	return c == 'h' ? &help_opt : NULL;
}

int options_apply(const struct opt *o, const char *value, void *args, struct sb_error *err)
{
	char *field = (char *)args + o->offset;
	uint64_t n;

	switch (o->type) {
	case OPT_BOOL_:
		*(bool *)field = !(o->flags & OPT_NEGATE);
		return 0;
	case OPT_STRING_:
		*(const char **)field = value;
		return 0;
	case OPT_INT_:
		if (!parse_u64(value, &n) || n < (uint64_t)o->min || n > (uint64_t)o->max) {
			return sb_usage(err, "--%s: '%s' is not a number from %ld to %ld",
					o->long_name, value, o->min, o->max);
		}
		*(int *)field = (int)n;
		return 0;
	case OPT_CALLBACK_:
		return o->cb(field, value, err);
	case OPT_LIST_: {
		struct opt_list *l = (struct opt_list *)field;

		if (l->n == OPT_LIST_MAX)
			return sb_usage(err, "--%s: at most %d of them", o->long_name, OPT_LIST_MAX);
		l->v[l->n++] = value;
		return 0;
	}
	case OPT_CONFIG_:
		((struct opt_config *)field)->path = value;  /* read by parse(), before the others */
		return 0;
	case OPT_END_:
		break;
	}
	return -1;
}

static int parse(int argc, char **argv, const struct cmd_help *h, void *args, struct sb_error *err);
static int scan_args(int argc, char **argv, const struct cmd_help *h, void *args, bool config_only,
		unsigned long long *given, struct sb_error *err);

int parse_options(int argc, char **argv, const struct cmd_help *h, void *args, struct sb_error *err)
{
	int rc = parse(argc, argv, h, args, err);

	if (rc < 0 && err && err->usage)
		err->help = h;  /* the usage to show is this table's */
	return rc;
}

/* The section of a command's options in a --config file: "run" for
 * "specbench run". */
static const char *section_of(const struct cmd_help *h)
{
	const char *sp = strrchr(h->name, ' ');

	return sp ? sp + 1 : h->name;
}

/* Does argument a (an option) take the next argument as its value? */
static bool takes_next(const struct cmd_help *h, const char *a)
{
	const struct opt *o;
	bool ambiguous = false;

	if (a[1] == '-') {
		if (strchr(a, '='))
			return false;
		o = find_long(h->options, a + 2, strlen(a + 2), &ambiguous);
	} else {
		o = find_short(h->options, a[1]);
		if (o && a[2])
			return false;  /* -oDIR */
	}
	return o && o != &help_opt && o->type != OPT_BOOL_;
}

/* Options after operands are options, as GNU getopt and git read them
 * (`page --results a.json b.json -o site`, `history add x.json --history
 * h.db`): the options, each with its value, are moved before the operands,
 * keeping both orders; "--" ends the options and stays between the two, so
 * that an operand after it that starts with '-' is still an operand.
 * argv is permuted in place, as getopt does. */
static int permute(int argc, char **argv, const struct cmd_help *h)
{
	char **opts = malloc((size_t)argc * sizeof(*opts)), **rest = malloc((size_t)argc * sizeof(*rest));
	int no = 0, nr = 0, i;
	bool dashdash = false;

	if (!opts || !rest) {
		free(opts);
		free(rest);
		return -1;
	}
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (dashdash || a[0] != '-' || !a[1]) {
			rest[nr++] = argv[i];
		} else if (!strcmp(a, "--")) {
			dashdash = true;
		} else {
			opts[no++] = argv[i];
			if (takes_next(h, a) && i + 1 < argc)
				opts[no++] = argv[++i];
		}
	}
	i = 1;
	for (int k = 0; k < no; k++)
		argv[i++] = opts[k];
	if (dashdash)
		argv[i++] = "--";
	for (int k = 0; k < nr && i < argc; k++)
		argv[i++] = rest[k];
	free(opts);
	free(rest);
	return 0;
}

static int parse(int argc, char **argv, const struct cmd_help *h, void *args, struct sb_error *err)
{
	unsigned long long given = 0;  /* a table has fewer than 64 entries */
	int i, rc;
	size_t count = 0;

	if (permute(argc, argv, h))
		return sb_fail(err, SB_EXIT_SYSTEM, "out of memory");
	for (const struct opt *o = h->options; o->type != OPT_END_; o++)
		count++;
	/* a --config file first, so that the command line overrides it: the
	 * first pass reads only that option, the second all the others */
	rc = scan_args(argc, argv, h, args, true, &given, err);
	if (rc <= 0)
		return rc;
	for (const struct opt *o = h->options; o->type != OPT_END_; o++) {
		struct opt_config *c = (struct opt_config *)((char *)args + o->offset);

		if (o->type == OPT_CONFIG_ && c->path &&
		    optfile_read(c->path, section_of(h), h->options, args, c, &given, err))
			return -1;
	}
	i = scan_args(argc, argv, h, args, false, &given, err);
	if (i <= 0)
		return i;
	for (size_t k = 0; k < count; k++)
		if ((h->options[k].flags & OPT_REQUIRED) && !(given & (1ull << k))) {
			char name[96];

			spelling(&h->options[k], false, name, sizeof(name));
			return sb_usage(err, "%s is required", name);
		}
	if (i < argc && !h->operands)
		return sb_usage(err, "unexpected argument '%s'", argv[i]);
	return i;
}

/* One pass over the arguments: only the OPT_CONFIG_ entry when config_only,
 * else every other.  Returns the index of the first operand, 0 after the
 * help, or -1 with err. */
static int scan_args(int argc, char **argv, const struct cmd_help *h, void *args, bool config_only,
		unsigned long long *given, struct sb_error *err)
{
	int i;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *value = NULL, *eq;
		const struct opt *o;
		bool ambiguous = false;

		if (!strcmp(a, "--")) {
			i++;
			break;
		}
		if (a[0] != '-' || !a[1])
			break;  /* the first operand ends the options ("-" is an operand) */
		if (a[1] == '-') {
			eq = strchr(a + 2, '=');
			o = find_long(h->options, a + 2, eq ? (size_t)(eq - a - 2) : strlen(a + 2), &ambiguous);
			if (eq)
				value = eq + 1;
		} else {
			o = find_short(h->options, a[1]);
			if (o && a[2])
				value = a + 2;  /* -oDIR */
		}
		if (!o)
			return sb_usage(err, ambiguous ? "ambiguous option '%s'" : "unknown option '%s'", a);
		if (o == &help_opt) {
			options_help(h, stdout);
			return 0;
		}
		if (o->type == OPT_BOOL_ && value)
			return sb_usage(err, "option '%s' takes no value", a);
		if (o->type != OPT_BOOL_ && !value) {
			if (i + 1 >= argc)
				return sb_usage(err, "option '%s' needs a value", a);
			value = argv[++i];
		}
		if ((o->type == OPT_CONFIG_) != config_only)
			continue;
		if (options_apply(o, value, args, err))
			return -1;
		*given |= 1ull << (o - h->options);
	}
	return i;
}

/* How an option is written: in the synopsis its shortest form ("-o DIR",
 * "--dir DIR"), in the option list both ("-o, --output DIR"). */
static void spelling(const struct opt *o, bool both, char *buf, size_t size)
{
	if (o->short_name && !both)
		snprintf(buf, size, "-%c%s%s", o->short_name, o->argh ? " " : "", o->argh ? o->argh : "");
	else if (o->short_name)
		snprintf(buf, size, "-%c, --%s%s%s", o->short_name, o->long_name, o->argh ? " " : "",
			 o->argh ? o->argh : "");
	else
		snprintf(buf, size, "--%s%s%s", o->long_name, o->argh ? " " : "", o->argh ? o->argh : "");
}

void options_synopsis(const struct cmd_help *h, FILE *out)
{
	char word[128];
	int col, indent;

	col = indent = fprintf(out, "usage: %s", h->name);
	for (const struct opt *o = h->options; o->type != OPT_END_; o++) {
		char s[96];
		int len;

		spelling(o, false, s, sizeof(s));
		snprintf(word, sizeof(word), (o->flags & OPT_REQUIRED) ? "%s" : o->type == OPT_LIST_ ? "[%s]..." : "[%s]", s);
		len = (int)strlen(word);
		if (col + 1 + len > SYNOPSIS_WIDTH) {
			fprintf(out, "\n%*s", indent, "");
			col = indent;
		}
		col += fprintf(out, " %s", word);
	}
	if (h->operands)
		fprintf(out, "%s%s", col + 1 + (int)strlen(h->operands) > SYNOPSIS_WIDTH ? "\n" : " ", h->operands);
	fputc('\n', out);
}

/* One entry of the option list: the spelling, then the help lines at
 * HELP_COLUMN (on the next line when the spelling is longer). */
static void help_entry(const char *spelled, const char *help, FILE *out)
{
	const char *line = help, *nl;
	int col = fprintf(out, "  %s", spelled);

	if (col >= HELP_COLUMN - 1) {
		fputc('\n', out);
		col = 0;
	}
	do {
		nl = strchr(line, '\n');
		fprintf(out, "%*s%.*s\n", HELP_COLUMN - col, "", nl ? (int)(nl - line) : (int)strlen(line), line);
		col = 0;
		line = nl ? nl + 1 : NULL;
	} while (line);
}

void options_help(const struct cmd_help *h, FILE *out)
{
	char s[96];

	options_synopsis(h, out);
	fprintf(out, "\n%s\n\n", h->description);
	for (const struct opt *o = h->options; o->type != OPT_END_; o++) {
		spelling(o, true, s, sizeof(s));
		help_entry(s, o->help, out);
	}
	spelling(&help_opt, true, s, sizeof(s));
	help_entry(s, help_opt.help, out);
	if (h->operand_help)
		for (const char *line = h->operand_help, *nl; line; line = nl ? nl + 1 : NULL) {
			nl = strchr(line, '\n');
			fprintf(out, "  %.*s\n", nl ? (int)(nl - line) : (int)strlen(line), line);
		}
	fprintf(out, "\n%s", h->footer);
}
