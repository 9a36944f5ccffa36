/*
 * outfiles.h - the files a command makes for a directory (the spec page's,
 * the dashboard's), made in memory first and then written together.
 *
 * Each file replaces the old one whole (write_file_replace: an unnamed
 * file, renamed into place), with SIGINT, SIGTERM and SIGHUP held off until
 * the last rename: a failed or interrupted run leaves the previous files
 * as they were and no temporary file behind; a signal that arrived ends
 * the command after the last rename (128+N).
 */
#ifndef SPECBENCH_CLI_OUTFILES_H
#define SPECBENCH_CLI_OUTFILES_H

#include <limits.h>
#include <stddef.h>

#include "base/error.h"

/* One file to write: its name in DIR and its bytes. */
struct out_file {
	char name[PATH_MAX];
	char *data;
	size_t len;
};

struct outputs {
	struct out_file *v;
	size_t n;
};

struct out_file *outputs_add(struct outputs *o, const char *name, struct sb_error *err);
void outputs_free(struct outputs *o);

/* Write every file into dir (made when missing): 0, 128+N, or -1 with err. */
int outputs_write(const char *dir, const struct outputs *outs, struct sb_error *err);

/* Remove the files of dir whose names begin with prefix and are none of
 * outs' (the pages of a VM no longer in the history): 0 or -1 with err. */
int outputs_prune(const char *dir, const struct outputs *outs, const char *prefix, struct sb_error *err);

#endif
