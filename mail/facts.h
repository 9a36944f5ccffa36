/*
 * facts.h - what DNS says about an application domain, as the run
 * document's mail section records it.
 *
 * Facts, not verdicts: the A and AAAA answers with their CNAME chain, the
 * SPF result for each of the VM's addresses, the DKIM key record, the
 * DMARC record and where it was found.  verify/ judges them against the
 * spec later, so a saved run can be judged again.  Each fact has its own
 * time budget (CHECK_BUDGET seconds, given to the resolver as a deadline).
 */
#ifndef SPECBENCH_MAIL_FACTS_H
#define SPECBENCH_MAIL_FACTS_H

#include <jansson.h>

#include "dns.h"

#define CHECK_BUDGET 5.0

struct mail_request {
	const char *domain;      /* the application's domain (and hostname) */
	const char *sender;      /* MAIL FROM, inside domain */
	const char *ipv4, *ipv6; /* the VM's global addresses; NULL: none */
	const char *selector;    /* DKIM selector */
	const char *dkim_key;    /* the relay's private key file, or NULL */
};

/* {a, aaaa, spf: {ipv4, ipv6}, dkim, dmarc} into facts; -1 out of memory. */
int mail_dns_facts(const struct dns_resolver *dns, const struct mail_request *rq, json_t *facts);

/* DMARC policy discovery alone (the record of domain, else of a parent:
 * DMARCbis's tree walk), as the object of the dmarc fact. */
json_t *mail_dmarc_fact(const struct dns_resolver *dns, const char *domain);

#endif
