/*
 * options.h - one option table per command, git's parse-options style.
 *
 * Each command describes its options once, in a constant table of struct
 * opt; the parser, the `--help` text and the usage printed after a bad
 * option are all made from that table, so they cannot disagree, and
 * tests/cli.sh compares every table with the man page's SYNOPSIS.  It is in
 * base/ because the helper program specbench-net parses its arguments with
 * it too.
 *
 * The table is constant (no global state): an entry names its field by
 * offset into the command's own argument struct, which parse_options()
 * fills.  Options end at the first argument that is not one, or at "--";
 * a long option may be abbreviated while it stays unambiguous, and its
 * value may follow as "--name=VALUE" or as the next argument.
 */
#ifndef SPECBENCH_OPTIONS_H
#define SPECBENCH_OPTIONS_H

#include <stddef.h>
#include <stdio.h>

#include "error.h"

enum opt_type {
	OPT_END_ = 0,
	OPT_BOOL_,      /* bool field set to true (or to false with OPT_NEGATE) */
	OPT_STRING_,    /* const char * field, pointing into argv */
	OPT_INT_,       /* int field, a whole number from min to max */
	OPT_CALLBACK_,  /* cb(field, value, err) turns the text into the field */
	OPT_LIST_,      /* struct opt_list field: the option may be given again */
	OPT_CONFIG_,    /* struct opt_config field: read the command's other options from a file */
};

#define OPT_LIST_MAX 16
struct opt_list {
	const char *v[OPT_LIST_MAX];
	int n;
};

/* --config FILE: the options of an INI file's [command] section
 * (base/optfile.c), applied before those of the command line, so that the
 * command line wins; a list option adds to the file's.  The file's values
 * are copied into strings, which options_release() frees. */
struct optfile_value;
struct opt_config {
	const char *path;
	struct optfile_value *values;
};
void options_release(struct opt_config *c);

#define OPT_REQUIRED 1u  /* the command cannot run without it */
#define OPT_NEGATE 2u    /* OPT_BOOL_: clears the field */

struct opt {
	enum opt_type type;
	char short_name;        /* 0: none */
	const char *long_name;
	size_t offset;          /* of the field in the command's argument struct */
	const char *argh;       /* the value's name in the help ("FILE"); NULL for a flag */
	const char *help;       /* lines separated by '\n' */
	long min, max;          /* OPT_INT_ */
	int (*cb)(void *field, const char *value, struct sb_error *err);
	unsigned flags;
};

#define OPT_BOOL(s, l, T, f, h) { OPT_BOOL_, s, l, offsetof(T, f), NULL, h, 0, 0, NULL, 0 }
#define OPT_NEGBOOL(s, l, T, f, h) { OPT_BOOL_, s, l, offsetof(T, f), NULL, h, 0, 0, NULL, OPT_NEGATE }
#define OPT_STRING(s, l, T, f, a, h) { OPT_STRING_, s, l, offsetof(T, f), a, h, 0, 0, NULL, 0 }
#define OPT_STRING_REQ(s, l, T, f, a, h) { OPT_STRING_, s, l, offsetof(T, f), a, h, 0, 0, NULL, OPT_REQUIRED }
#define OPT_INT(s, l, T, f, a, h, lo, hi) { OPT_INT_, s, l, offsetof(T, f), a, h, lo, hi, NULL, 0 }
#define OPT_CALLBACK(s, l, T, f, a, h, cb) { OPT_CALLBACK_, s, l, offsetof(T, f), a, h, 0, 0, cb, 0 }
#define OPT_LIST(s, l, T, f, a, h) { OPT_LIST_, s, l, offsetof(T, f), a, h, 0, 0, NULL, 0 }
#define OPT_CONFIG(s, l, T, f, a, h) { OPT_CONFIG_, s, l, offsetof(T, f), a, h, 0, 0, NULL, 0 }
#define OPT_END() { OPT_END_, 0, NULL, 0, NULL, NULL, 0, 0, NULL, 0 }

/* What `specbench CMD --help` says, around the option list. */
struct cmd_help {
	const char *name;          /* the program and command: "specbench bench" */
	const char *operands;      /* after the options in the synopsis ("FILE"), or NULL */
	const char *description;   /* one paragraph */
	const char *operand_help;  /* lines like the options' for the operands, or NULL */
	const char *footer;        /* the exit codes */
	const struct opt *options; /* ends with OPT_END(); -h, --help is added */
};

/* Parse argv[1..] into args.  Returns the index of the first operand
 * (argc when none), 0 after printing the help on stdout (`-h`, `--help`),
 * or -1 with err: SB_EXIT_USAGE and err->usage set, so that main() prints
 * the usage after the message. */
int parse_options(int argc, char **argv, const struct cmd_help *h, void *args, struct sb_error *err);

/* One option's value into its field, as on the command line (value NULL
 * for a flag); 0, or -1 with err. */
int options_apply(const struct opt *o, const char *value, void *args, struct sb_error *err);

/* Read the [section] of the INI file path into args with options_apply():
 * each key is the long name of an option of opts (no abbreviation), a flag
 * takes true or false.  Sets bit k of *given for opts[k].  0, or -1 with
 * err naming FILE:LINE (SB_EXIT_USAGE), or the file that cannot be read
 * (SB_EXIT_USAGE too: it is the user's input). */
int optfile_read(const char *path, const char *section, const struct opt *opts, void *args,
		 struct opt_config *store, unsigned long long *given, struct sb_error *err);

/* The whole help: synopsis, description, options, footer. */
void options_help(const struct cmd_help *h, FILE *out);
/* Only the synopsis ("usage: specbench bench [--profile P] ..."), wrapped. */
void options_synopsis(const struct cmd_help *h, FILE *out);

#endif
