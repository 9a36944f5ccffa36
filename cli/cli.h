/*
 * cli.h - the command table, git style: one cmd_* per command, each in its
 * own cmd_*.c with its option table and help (options.h), all listed in
 * commands[] (main.c).
 *
 * A command parses its options, calls one subsystem entry point and prints.
 * It returns an exit code (SB_EXIT_*), or -1 with err filled; only main()
 * prints the error (and, for bad usage, the command's usage) and exits.
 */
#ifndef SPECBENCH_CLI_H
#define SPECBENCH_CLI_H

#include "base/error.h"
#include "base/options.h"

struct command {
	const char *name;
	const char *summary;
	int (*run)(int argc, char **argv, struct sb_error *err);
	const struct cmd_help *help;
};

extern const struct command commands[];

/* --history, for every command that reads or writes the history. */
#define HISTORY_OPTION(T) \
	OPT_STRING(0, "history", T, history, "FILE|URL", \
		   "the history: an SQLite file (default /var/lib/specbench/history.db\n" \
		   "as root, else $XDG_DATA_HOME/specbench/history.db), or a central\n" \
		   "PostgreSQL database, postgresql://USER[:PASSWORD]@HOST[:PORT]/DB")

/* --notify and --mail-from, for regress and run --regress (alerts.h). */
#define ALERT_OPTIONS(T) \
	OPT_LIST(0, "notify", T, notify, "URL", \
		 "alert on a new regression or a recovery: http(s)://... (a JSON POST)\n" \
		 "or smtp://HOST[:PORT]/?to=ADDR (a mail); again for more places"), \
	OPT_STRING(0, "mail-from", T, mail_from, "ADDR", "the sender of alert mails (default specbench@HOSTNAME)")

int cmd_probe(int argc, char **argv, struct sb_error *err);
int cmd_snapshot(int argc, char **argv, struct sb_error *err);
int cmd_bench(int argc, char **argv, struct sb_error *err);
int cmd_import(int argc, char **argv, struct sb_error *err);
int cmd_verify(int argc, char **argv, struct sb_error *err);
int cmd_mail(int argc, char **argv, struct sb_error *err);
int cmd_run(int argc, char **argv, struct sb_error *err);
int cmd_history(int argc, char **argv, struct sb_error *err);
int cmd_regress(int argc, char **argv, struct sb_error *err);
int cmd_page(int argc, char **argv, struct sb_error *err);
int cmd_dashboard(int argc, char **argv, struct sb_error *err);
int cmd_fleet(int argc, char **argv, struct sb_error *err);
/* history init and grant (history_admin.c), subcommands of cmd_history */
int history_init_cmd(int argc, char **argv, struct sb_error *err);
int history_grant_cmd(int argc, char **argv, struct sb_error *err);
extern const struct cmd_help help_probe, help_snapshot, help_bench, help_import, help_verify, help_mail, help_run,
	help_history, help_regress, help_page, help_fleet, help_dashboard;

#endif
