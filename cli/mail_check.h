/*
 * mail_check.h - the mail and DNS facts of a run: the options that say
 * where to ask (shared by `mail` and `run`), and the helper program
 * specbench-mail run with what the spec and the run document say.
 */
#ifndef SPECBENCH_MAIL_CHECK_H
#define SPECBENCH_MAIL_CHECK_H

#include <jansson.h>

#include "base/error.h"
#include "base/options.h"

struct mail_opts {
	const char *app_domain, *dns, *smtp;
};

#define MAIL_DOMAIN_HELP \
	"the application's domain: check its mail server, A/AAAA, SPF, DKIM\n" \
	"and DMARC records (the spec's mail section)"
/* --app-domain (optional for run, required for mail), then these */
#define MAIL_SERVER_OPTIONS(T, m) \
	OPT_STRING(0, "dns", T, m.dns, "ADDR[:PORT]", "ask this DNS server (default: the system's resolver)"), \
	OPT_STRING(0, "smtp", T, m.smtp, "HOST:PORT", "the local mail server (default: the spec's, localhost:25)")

/* --app-domain is a domain name; --dns and --smtp need it. */
int mail_options_check(const struct mail_opts *o, struct sb_error *err);

/* Ask specbench-mail about o->app_domain for the spec's mail section and
 * the VM's global addresses of run; the facts become run's "mail".  0;
 * -1 with err (exit 3 when the helper failed, 128+N when interrupted). */
int mail_collect(const json_t *spec, json_t *run, const struct mail_opts *o, struct sb_error *err);

#endif
