/*
 * history_admin.c - `specbench history init` and `history grant`: the
 * owner's commands for a fleet's PostgreSQL history (history/pg_schema.c
 * says who may do what).  Each runs its SQL as the role of --history, or
 * with --print writes it out for a DBA to read or run, touching nothing.
 */
#include <stdbool.h>
#include <stdio.h>

#include "history/history.h"
#include "cli.h"

struct admin_args {
	const char *history, *host, *hostname, *machine_id, *reader;
	bool print;
};

#define PRINT_OPTION \
	OPT_BOOL(0, "print", struct admin_args, print, "write the SQL to standard output and run nothing")

static const struct opt init_options[] = { HISTORY_OPTION(struct admin_args), PRINT_OPTION, OPT_END() };
static const struct opt grant_options[] = {
	HISTORY_OPTION(struct admin_args),
	OPT_STRING(0, "host", struct admin_args, host, "ROLE",
		   "a VM's role (its certificate's CN): it stores and reads its own runs only"),
	OPT_STRING(0, "hostname", struct admin_args, hostname, "NAME",
		   "the hostname the VM's runs carry (default: the role's name)"),
	OPT_STRING(0, "machine-id", struct admin_args, machine_id, "ID",
		   "the VM's /etc/machine-id (default: the one its first run carries)"),
	OPT_STRING(0, "reader", struct admin_args, reader, "ROLE",
		   "a role for fleet and the spec page: reads every run, writes nothing"),
	PRINT_OPTION,
	OPT_END(),
};

const struct cmd_help help_history_init = {
	"specbench history init", NULL,
	"Make a fleet's PostgreSQL history, or bring an older one up to this\n"
	"specbench's schema: the tables, the group roles specbench_host and\n"
	"specbench_reader, and row-level security.  Run it once, as the history's\n"
	"owner (a role that may create roles, never a superuser); a VM never\n"
	"makes the schema.  It refuses a store that holds objects specbench did\n"
	"not make (a trigger planted by a VM), naming them.  Runs stored before\n"
	"by one shared login stay the owner's until 'history grant --host' gives\n"
	"them to their host.  For an SQLite history it makes the file.",
	NULL,
	"Exit: 0, 2 bad usage or a store that is not specbench's or is newer,\n"
	"3 the server refused (its message says why).\n",
	init_options,
};

const struct cmd_help help_history_grant = {
	"specbench history grant", NULL,
	"Make a login role for one VM (--host) or for fleet and the page\n"
	"(--reader), or take over one that exists, and register the host's\n"
	"hostname: its role may then store runs of that hostname only, and read\n"
	"and acknowledge its own.  The role logs in with a certificate whose CN\n"
	"is its name (README: fleet).  Runs of that hostname stored before by a\n"
	"shared login become the host's.  A role that is a superuser, passes\n"
	"row-level security or may make roles or databases is refused.",
	NULL,
	"Exit: 0, 2 bad usage, 3 the server refused (its message says why).\n",
	grant_options,
};

static int admin(int argc, char **argv, const struct cmd_help *help, bool grant, struct sb_error *err)
{
	struct admin_args a = { NULL, NULL, NULL, NULL, NULL, false };
	struct history_admin io = { NULL, stdout, stderr };
	int rc = parse_options(argc, argv, help, &a, err);

	if (rc <= 0)
		return rc;
	if (rc != argc) {
		sb_usage(err, "'%s': %s takes options only", argv[rc], help->name);
		err->help = help;
		return -1;
	}
	if (a.print)
		io.sql = stdout;
	if (!grant)
		return history_init(a.history, &io, err);
	{
		struct history_grant g = { a.host, a.hostname, a.machine_id, a.reader };

		return history_grant(a.history, &g, &io, err);
	}
}

int history_init_cmd(int argc, char **argv, struct sb_error *err)
{
	return admin(argc, argv, &help_history_init, false, err);
}

int history_grant_cmd(int argc, char **argv, struct sb_error *err)
{
	return admin(argc, argv, &help_history_grant, true, err);
}
