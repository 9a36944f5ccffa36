/*
 * dns.h - what the mail checks ask of DNS, and how an answer is told.
 *
 * SPF, DKIM and DMARC read records through one small interface, so that
 * each evaluator is the RFC's algorithm and nothing else: the program
 * answers through libunbound (the system's resolver, or --dns ADDR), the
 * unit tests through a table of records, the replay of RFC 7208's own
 * examples.  An answer says what SPF's limits need to tell apart: a name
 * that does not exist (NXDOMAIN) and one without records of the type
 * (NOERROR with none) are both "void" lookups; a server that failed or did
 * not answer is a temporary error, never a "no".
 */
#ifndef SPECBENCH_MAIL_DNS_H
#define SPECBENCH_MAIL_DNS_H

#include <stdbool.h>
#include <stddef.h>

enum dns_type { DNS_A = 1, DNS_CNAME = 5, DNS_PTR = 12, DNS_MX = 15, DNS_TXT = 16, DNS_AAAA = 28 };

enum dns_rcode {
	DNS_NOERROR,   /* records, or none of this type (n == 0) */
	DNS_NXDOMAIN,  /* the name does not exist */
	DNS_SERVFAIL,  /* the server failed, or the answer was bogus */
	DNS_TIMEOUT,   /* no answer in time */
};

#define DNS_MAX_RR 64

struct dns_answer {
	enum dns_rcode rcode;
	size_t n;
	/* TXT: the record's strings joined (a NUL byte becomes DEL, which no
	 * record syntax allows); A, AAAA: the address as text; MX: the
	 * exchange's name; PTR, CNAME: the name */
	char *rr[DNS_MAX_RR];
	char why[256];  /* for SERVFAIL and TIMEOUT: which server, what */
	char canon[256];  /* the name the records belong to, when a CNAME led there; else "" */
	bool secure, bogus;  /* DNSSEC, when a trust anchor was configured */
	bool more;       /* more than DNS_MAX_RR records: the rest were left out */
};

struct dns_resolver {
	/* 0 with out filled (out->rcode tells), -1 when out of memory */
	int (*query)(void *ctx, const char *name, enum dns_type type, struct dns_answer *out);
	/* No query may run past this time (mono_now() seconds; 0: no limit):
	 * each check has its own budget.  NULL when answers are instant. */
	void (*set_deadline)(void *ctx, double deadline);
	/* who answers, for the document ("127.0.0.1 port 5353") */
	const char *name;
	void *ctx;
};

void dns_answer_free(struct dns_answer *a);

#endif
