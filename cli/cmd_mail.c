/*
 * cmd_mail.c - `specbench mail --app-domain DOMAIN`: the mail and DNS
 * checks alone.  The VM's addresses come from the live probe, a snapshot
 * (--sysroot) or a saved run (--results); the facts from specbench-mail
 * (mail/); the verdict from verify/mail.c, in any output format.
 */
#include <stdio.h>
#include <string.h>

#include "model/rundoc.h"
#include "model/spec.h"
#include "probes/probe.h"
#include "verify/verify.h"
#include "cli.h"
#include "mail_check.h"
#include "output.h"

struct mail_args {
	const char *spec, *results, *sysroot, *format;
	struct mail_opts m;
};

static const struct opt mail_options[] = {
	OPT_STRING_REQ(0, "app-domain", struct mail_args, m.app_domain, "DOMAIN", MAIL_DOMAIN_HELP),
	MAIL_SERVER_OPTIONS(struct mail_args, m),
	OPT_STRING(0, "spec", struct mail_args, spec, "NAME|FILE",
		   "the spec whose mail section says what to check (default standard)"),
	OPT_STRING(0, "results", struct mail_args, results, "RUN.json",
		   "take the VM's addresses from a saved run document"),
	OPT_STRING(0, "sysroot", struct mail_args, sysroot, "DIR",
		   "take the VM's addresses from a snapshot or recorded machine"),
	OPT_FORMAT(struct mail_args, format),
	OPT_END(),
};

const struct cmd_help help_mail = {
	"specbench mail", NULL,
	"Check what the VM promises for mail: the local SMTP server (asked up to RCPT;\n"
	"no message is ever sent), the app's A and AAAA records, SPF for the VM's IPv4\n"
	"and IPv6, the DKIM key, DMARC and batched SMTP.",
	NULL,
	"A DNS server that does not answer is a WARN naming it, never a FAIL; a family\n"
	"without a global address is a SKIP.  Each check takes at most 5 s.\n"
	"Exit: 0 nothing failed, 1 a check failed, 2 bad usage, spec or results file,\n"
	"3 the helper program failed.\n",
	mail_options,
};

int cmd_mail(int argc, char **argv, struct sb_error *err)
{
	struct mail_args a;
	struct sysroot sr = { NULL, NULL };
	struct probe_ctx pctx = { &sr, NULL, NULL, "/var/tmp", NULL };
	const struct report_ops *fmt;
	json_t *spec, *run;
	int rc;

	memset(&a, 0, sizeof(a));
	rc = parse_options(argc, argv, &help_mail, &a, err);
	if (rc <= 0)
		return rc;
	if (a.results && a.sysroot)
		return sb_usage(err, "--results and --sysroot both say where the addresses come from: give one");
	if (mail_options_check(&a.m, err) || !(fmt = output_format(a.format, err)))
		return -1;
	spec = spec_load(a.spec ? a.spec : "standard", err);
	if (!spec)
		return -1;
	if (!json_is_object(json_object_get(spec, "mail"))) {
		rc = sb_usage(err, "the spec %s has no mail section: it promises nothing about mail",
			      a.spec ? a.spec : "standard");
		json_decref(spec);
		return rc;
	}
	if (a.results) {
		run = verify_load_results(a.results, err);
	} else {
		sr.prefix = a.sysroot;
		if (sr_check(&sr, err)) {
			json_decref(spec);
			return -1;
		}
		run = rundoc_new(probe_host(&sr));
		if (run && probes_run(&pctx, run, err)) {
			json_decref(run);
			run = NULL;
		}
	}
	if (!run) {
		json_decref(spec);
		return -1;
	}
	rc = mail_collect(spec, run, &a.m, err);
	if (rc == 0) {
		json_object_set_new(run, "verdict", verify_mail_only(spec, run));
		rc = output_write(fmt, run, err);
		if (rc == 0)
			rc = verify_failed(json_object_get(run, "verdict")) ? SB_EXIT_FAIL : 0;
	}
	json_decref(spec);
	json_decref(run);
	return rc;
}
