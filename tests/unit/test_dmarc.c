/* test_dmarc.c - DMARC records (mail/dmarc.c): RFC 7489's Appendix B
 * examples, and the mistakes the provider's customers make. */
#include <stdio.h>
#include <string.h>

#include "mail/dmarc.h"
#include "harness.h"

/* 1: a record; 0: not one, why in why (the old form, which the cases read
 * best in) */
static int parse(const char *text, struct dmarc_record *r, char *why)
{
	struct sb_error err = { 0 };
	int rc = dmarc_parse(text, r, &err);

	snprintf(why, 200, "%.199s", rc ? err.msg : "");
	return rc == 0;
}

void suite_dmarc(struct t *t)
{
	struct dmarc_record r;
	char why[200];

	/* RFC 7489 B.2.1, B.2.2, B.2.4 */
	CHECK_INT(t, parse("v=DMARC1; p=none; rua=mailto:dmarc-feedback@example.com", &r, why), 1);
	CHECK_STR(t, dmarc_policy_name(r.p), "none");
	CHECK_INT(t, r.rua, 1);
	CHECK_STR(t, r.problems, "");
	CHECK_INT(t, parse("v=DMARC1; p=none; rua=mailto:dmarc-feedback@example.com; "
			   "ruf=mailto:auth-reports@thirdparty.example.net", &r, why), 1);
	CHECK_INT(t, r.ruf, 1);
	CHECK_INT(t, parse("v=DMARC1; p=quarantine; rua=mailto:dmarc-feedback@example.com,"
			   "mailto:tld-test@thirdparty.example.net!10m; pct=25", &r, why), 1);
	CHECK_STR(t, dmarc_policy_name(r.p), "quarantine");
	CHECK_INT(t, r.rua, 2);
	CHECK_INT(t, r.pct, 25);
	CHECK_STR(t, dmarc_policy_name(r.sp), "quarantine");  /* sp defaults to p */
	CHECK_INT(t, parse("v=DMARC1;p=reject;sp=none;adkim=s;aspf=r;fo=1:d;ri=3600;", &r, why), 1);
	CHECK_STR(t, dmarc_policy_name(r.sp), "none");
	CHECK(t, r.strict_dkim && !r.strict_spf);
	CHECK_STR(t, r.problems, "");

	/* not a DMARC record */
	CHECK_INT(t, parse("p=none; v=DMARC1", &r, why), 0);
	CHECK_STR(t, why, "does not begin with v=DMARC1");
	CHECK_INT(t, parse("v=dmarc1; p=none", &r, why), 0);  /* v= is case-sensitive */
	CHECK_INT(t, parse("v=spf1 -all", &r, why), 0);
	CHECK_INT(t, parse("", &r, why), 0);
	CHECK_INT(t, parse("v=DMARC1", &r, why), 0);
	CHECK_STR(t, why, "no p= policy, and no rua= to fall back on");
	CHECK_INT(t, parse("v=DMARC1; p=monitor", &r, why), 0);
	CHECK_STR(t, why, "p=monitor is not none, quarantine or reject, and there is no rua= to fall back on");

	/* an invalid p= with a valid rua= is p=none (6.6.3) */
	CHECK_INT(t, parse("v=DMARC1; p=monitor; rua=mailto:d@example.com", &r, why), 1);
	CHECK_STR(t, dmarc_policy_name(r.p), "none");
	CHECK(t, r.p_assumed);
	CHECK(t, strstr(r.problems, "p=monitor is not a policy") != NULL);

	/* problems that leave the record standing, each named */
	CHECK_INT(t, parse("v=DMARC1; p=reject; pct=150; rua=https://example.com/r, mailto:ok@example.com; "
			   "adkim=x; fo=2; sp=maybe; junk", &r, why), 1);
	CHECK_INT(t, r.rua, 1);
	CHECK_INT(t, r.pct, 100);
	CHECK(t, strstr(r.problems, "pct=150") != NULL);
	CHECK(t, strstr(r.problems, "rua: 'https://example.com/r' is not a mailto: address") != NULL);
	CHECK(t, strstr(r.problems, "adkim=x") != NULL);
	CHECK(t, strstr(r.problems, "fo: '2'") != NULL);
	CHECK(t, strstr(r.problems, "sp=maybe") != NULL);
	CHECK(t, strstr(r.problems, "'junk': not a tag=value pair") != NULL);
	CHECK_STR(t, dmarc_policy_name(r.sp), "reject");
	CHECK_INT(t, parse("v=DMARC1; p=none; rua=mailto:@example.com,mailto:a@nodot,mailto:a@b.example!x", &r, why), 1);
	CHECK_INT(t, r.rua, 0);
}
