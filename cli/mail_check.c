/* mail_check.c - the mail facts through the helper specbench-mail (which
 * alone links libunbound and libcurl); see mail_check.h. */
#include <ctype.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include "base/exec.h"
#include "base/jsonutil.h"
#include "base/text.h"
#include "base/files.h"
#include "mail/hostport.h"
#include "base/docpath.h"
#include "mail_check.h"

/* The helper bounds each part itself (about 15 s when every server
 * stalls); this is the last resort against a helper that hangs. */
#define HELPER_TIMEOUT_S 60
#define MAX_ARGS 64

int mail_options_check(const struct mail_opts *o, struct sb_error *err)
{
	const char *d = o->app_domain;
	size_t label = 0;

	char host[256];
	int port;

	if (!d)
		return o->dns || o->smtp ? sb_usage(err, "--%s needs --app-domain DOMAIN", o->dns ? "dns" : "smtp") : 0;
	/* checked here too, so that a run does not measure for minutes first */
	if ((o->dns && server_parse("--dns", o->dns, 53, true, host, sizeof(host), &port, err)) ||
	    (o->smtp && server_parse("--smtp", o->smtp, 25, false, host, sizeof(host), &port, err)))
		return -1;
	if (!*d || strlen(d) > 253 || *d == '.' || d[strlen(d) - 1] == '.')
		return sb_usage(err, "--app-domain: '%s' is not a domain name", d);
	for (const char *p = d; *p; p++) {
		if (*p == '.') {
			if (!label)
				return sb_usage(err, "--app-domain: '%s' has an empty label", d);
			label = 0;
			continue;
		}
		if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_')
			return sb_usage(err, "--app-domain: '%s' is not a domain name (the character '%c')", d, *p);
		if (++label > 63)
			return sb_usage(err, "--app-domain: '%s' has a label longer than 63 characters", d);
	}
	return 0;
}

/* The VM's first global address of a family in the run, or NULL. */
static const char *global_address(const json_t *run, const char *fam)
{
	char path[64];

	snprintf(path, sizeof(path), "probe.network.global_addresses.%s", fam);
	return json_string_value(json_array_get(rd_get(run, path), 0));
}

int mail_collect(const json_t *spec, json_t *run, const struct mail_opts *o, struct sb_error *err)
{
	const json_t *m = json_object_get(spec, "mail"), *smtp = json_object_get(m, "smtp"),
		*dkim = json_object_get(m, "dkim"), *batched = json_object_get(m, "batched_smtp"), *net;
	char helper[PATH_MAX], server[300], port[16], how[128];
	const char *argv[MAX_ARGS];
	struct exec_opts eo = { NULL, -1, HELPER_TIMEOUT_S, NULL, NULL };
	struct child_result r;
	sigset_t saved;
	json_error_t je;
	json_t *facts;
	size_t i;
	int n = 0, rc;

	if (helper_path("specbench-mail", helper, sizeof(helper)))
		return sb_fail(err, SB_EXIT_SYSTEM, "specbench-mail, specbench's helper program, is not installed: "
			       "reinstall specbench");
	argv[n++] = helper;
	argv[n++] = "--app-domain";
	argv[n++] = o->app_domain;
	if (o->dns) {
		argv[n++] = "--dns";
		argv[n++] = o->dns;
	}
	if (o->smtp || smtp) {
		if (!o->smtp)
			snprintf(server, sizeof(server), strchr(rd_str_or(smtp, "host", ""), ':') ? "[%s]:%lld" : "%s:%lld",
				 rd_str_or(smtp, "host", "localhost"), rd_int_or(smtp, "port", 0) ?
				 rd_int_or(smtp, "port", 0) : 25);
		argv[n++] = "--smtp";
		argv[n++] = o->smtp ? o->smtp : server;
	} else {
		argv[n++] = "--no-smtp";
	}
	if (global_address(run, "ipv4")) {
		argv[n++] = "--ipv4";
		argv[n++] = global_address(run, "ipv4");
	}
	if (global_address(run, "ipv6")) {
		argv[n++] = "--ipv6";
		argv[n++] = global_address(run, "ipv6");
	}
	if (json_is_string(json_object_get(dkim, "selector"))) {
		argv[n++] = "--selector";
		argv[n++] = rd_str_or(dkim, "selector", "nexx");
	}
	if (json_is_string(json_object_get(dkim, "private_key"))) {
		argv[n++] = "--dkim-key";
		argv[n++] = rd_str_or(dkim, "private_key", "");
	}
	if (batched) {
		snprintf(port, sizeof(port), "%lld", rd_int_or(batched, "port", 0));
		argv[n++] = "--batched-port";
		argv[n++] = port;
		json_array_foreach(json_object_get(batched, "relay_networks"), i, net) {
			if (n + 3 >= MAX_ARGS)
				break;
			argv[n++] = "--relay-net";
			argv[n++] = json_string_value(net);
		}
	}
	argv[n] = NULL;
	eo.sigfd = exec_signals_begin(&saved);
	rc = exec_run((char *const *)argv, &eo, &r);
	if (rc) {
		exec_signals_end(eo.sigfd, &saved);
		return sb_fail(err, SB_EXIT_SYSTEM, "cannot run %s", helper);
	}
	if (r.interrupted) {
		rc = sb_fail(err, exec_interrupt_status(), "interrupted while asking about the mail");
		child_result_free(&r);
		exec_signals_end(eo.sigfd, &saved);
		return rc;
	}
	exec_signals_end(eo.sigfd, &saved);
	exec_describe(&r, how, sizeof(how));
	rtrim(r.err);  /* its line ends in a newline, which the message would show as a literal \n */
	if (r.timed_out || !WIFEXITED(r.status) || WEXITSTATUS(r.status)) {
		rc = sb_fail(err, WIFEXITED(r.status) && WEXITSTATUS(r.status) == 2 ? SB_EXIT_USAGE : SB_EXIT_SYSTEM,
			     "the mail checks failed (%s): %.400s", how, r.err && r.err[0] ? r.err : "no reason given");
		child_result_free(&r);
		return rc;
	}
	facts = json_loadb(r.out ? r.out : "", r.out_len, 0, &je);
	child_result_free(&r);
	if (!json_is_object(facts)) {
		json_decref(facts);
		return sb_fail(err, SB_EXIT_SYSTEM, "specbench-mail printed no facts: %s", je.text);
	}
	json_object_set_new(run, "mail", facts);
	return 0;
}
