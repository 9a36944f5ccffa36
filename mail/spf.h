/*
 * spf.h - SPF (RFC 7208): may this IP address send mail for this domain?
 *
 * check_host() of RFC 7208 section 4, evaluated by specbench itself
 * (libspf2 has unfixed CVEs and no release since 2012): the record is
 * found (none, or more than one: permerror), parsed whole (any syntax
 * error is permerror before anything is evaluated), and its mechanisms
 * tried in order: all, include, a, mx, ptr, ip4, ip6, exists, with their
 * qualifiers, CIDR lengths and macros (section 7); redirect= when none
 * matched.  The limits of section 4.6.4 are kept: at most 10 terms that
 * cause DNS lookups, at most 10 MX and 10 PTR names each, at most 2 void
 * lookups; beyond them permerror.  A DNS server that fails is temperror.
 * The result says which term decided, so that a FAIL of the VM's IPv6 can
 * name the "~all" it ran into.
 */
#ifndef SPECBENCH_MAIL_SPF_H
#define SPECBENCH_MAIL_SPF_H

#include "dns.h"

enum spf_result { SPF_NONE, SPF_NEUTRAL, SPF_PASS, SPF_FAIL, SPF_SOFTFAIL, SPF_TEMPERROR, SPF_PERMERROR };

#define SPF_MAX_LOOKUPS 10
#define SPF_MAX_VOID 2

struct spf_outcome {
	enum spf_result result;
	char decided_by[256];  /* the term that matched ("~all", "ip6:2001:db8::/32"), the
				* include or redirect it was found through; "" when none */
	char why[512];         /* for none, temperror and permerror: what was found */
	char record[512];      /* the SPF record of the domain asked about, or "" */
	int lookups;           /* terms that caused DNS lookups */
	int void_lookups;
};

/* "pass", "fail", ... as RFC 7208 names them. */
const char *spf_result_name(enum spf_result r);

/* check_host(ip, domain, sender): ip is an IPv4 or IPv6 address in text,
 * sender the MAIL FROM address (its domain is the one usually asked). */
void spf_check_host(const struct dns_resolver *dns, const char *ip, const char *domain, const char *sender,
		    struct spf_outcome *out);

#endif
