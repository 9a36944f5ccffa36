/*
 * checks.h - what the files of verify/ share: the context of one
 * verification and the one way a check is added to it.  verify.c holds
 * the hardware and benchmark checks, mail.c the mail and DNS ones.
 */
#ifndef SPECBENCH_VERIFY_CHECKS_H
#define SPECBENCH_VERIFY_CHECKS_H

#include <jansson.h>

struct verify_ctx {
	const json_t *spec, *run, *probe, *bench;
	json_t *checks;
};

/* Append {id, status, expected, observed, evidence} to c->checks. */
void verify_add(struct verify_ctx *c, const char *id, const char *status, const char *expected,
		const char *observed, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* mail.smtp, dns.a, dns.aaaa, mail.spf.ipv4, mail.spf.ipv6, mail.dkim,
 * mail.dmarc, mail.batched_smtp: when the spec has a mail section. */
void verify_mail(struct verify_ctx *c);

#endif
