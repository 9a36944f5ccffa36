/* output.c - see output.h. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "base/printable.h"
#include "base/files.h"
#include "history/print.h"
#include "output.h"

const struct report_ops *output_format(const char *name, struct sb_error *err)
{
	const struct report_ops *r;

	/* the table also when stdout is a pipe or a file: `run | tee run.log`
	 * and a cron mail want the verdict, and scripts say --format json */
	if (!name)
		name = "table";
	r = report_find(name);
	if (!r)
		sb_fail(err, SB_EXIT_USAGE, "--format: unknown format '%s' (table, json, junit, tap, prometheus)", name);
	return r;
}

/* The terminal's width, or $COLUMNS where stdout is no terminal (a
 * script can ask for a width); 0: no limit. */
static int terminal_width(void)
{
	struct winsize ws;
	const char *env = getenv("COLUMNS");
	long cols;
	char *end;

	if (isatty(1) && ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	if (env && (cols = strtol(env, &end, 10)) > 0 && !*end && cols < 10000)
		return (int)cols;
	return 0;
}

int output_write(const struct report_ops *fmt, const json_t *doc, struct sb_error *err)
{
	const char *no_color = getenv("NO_COLOR");
	struct report_opts o = { isatty(1) && !(no_color && *no_color), terminal_width() };
	json_t *shown = fmt->text ? sbj_printable(doc) : json_incref((json_t *)doc);
	int rc;

	if (!shown)
		return sb_fail(err, SB_EXIT_SYSTEM, "out of memory");
	rc = fmt->write(shown, stdout, &o);
	json_decref(shown);
	if (rc || fflush(stdout))
		return sb_fail(err, SB_EXIT_SYSTEM, "cannot write the %s output: %s", fmt->name, strerror(errno));
	return 0;
}

int output_prometheus_file(const char *path, const json_t *doc, const json_t *report, struct sb_error *err)
{
	const struct report_ops *prom = report_find("prometheus");
	struct report_opts o = { false, 0 };
	json_t *shown = sbj_printable(doc);
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);
	int rc = -1;

	if (shown && mem && prom && prom->write(shown, mem, &o) == 0) {
		if (report)
			regress_print_prometheus(report, mem);
		rc = 0;
	}
	if (mem && fclose(mem))
		rc = -1;
	json_decref(shown);
	if (rc) {
		free(text);
		return sb_fail(err, SB_EXIT_SYSTEM, "out of memory");
	}
	/* node_exporter reads it as its own user, whatever the timer's umask */
	rc = write_file_replace_mode(path, text, len, 0644);
	free(text);
	if (rc)
		return sb_fail(err, SB_EXIT_SYSTEM, "--prometheus-file %s: cannot write: %s", path, strerror(-rc));
	return 0;
}
