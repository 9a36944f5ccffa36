/*
 * test_spf.c - SPF's check_host() (mail/spf.c) against RFC 7208's own
 * examples: the zone and the records of Appendix A, the macro expansions
 * of section 7.4, and the limits of section 4.6.4.  The DNS here is a
 * table of records (the evaluator is the RFC's algorithm over whatever a
 * resolver answers); make check also runs the checks against a real DNS
 * server with the test zones.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mail/spf.h"
#include "harness.h"

struct rr {
	const char *name;
	enum dns_type type;
	const char *value;
};

/* RFC 7208 Appendix A, and the extra names of the tests below. */
static const struct rr zone[] = {
	{ "example.com", DNS_A, "192.0.2.10" },        { "example.com", DNS_A, "192.0.2.11" },
	{ "amy.example.com", DNS_A, "192.0.2.65" },    { "bob.example.com", DNS_A, "192.0.2.66" },
	{ "mail-a.example.com", DNS_A, "192.0.2.129" }, { "mail-b.example.com", DNS_A, "192.0.2.130" },
	{ "www.example.com", DNS_A, "192.0.2.10" },    { "www.example.com", DNS_A, "192.0.2.11" },
	{ "example.com", DNS_MX, "mail-a.example.com" }, { "example.com", DNS_MX, "mail-b.example.com" },
	{ "example.org", DNS_MX, "mail-c.example.org" }, { "mail-c.example.org", DNS_A, "192.0.2.140" },
	{ "10.2.0.192.in-addr.arpa", DNS_PTR, "example.com" },
	{ "11.2.0.192.in-addr.arpa", DNS_PTR, "example.com" },
	{ "65.2.0.192.in-addr.arpa", DNS_PTR, "amy.example.com" },
	{ "66.2.0.192.in-addr.arpa", DNS_PTR, "bob.example.com" },
	{ "129.2.0.192.in-addr.arpa", DNS_PTR, "mail-a.example.com" },
	{ "130.2.0.192.in-addr.arpa", DNS_PTR, "mail-b.example.com" },
	{ "140.2.0.192.in-addr.arpa", DNS_PTR, "mail-c.example.org" },
	{ "10.0.0.10.in-addr.arpa", DNS_PTR, "bob.example.com" },
	/* the app domain of the hosting package, and its provider's include */
	{ "unifi.example.net", DNS_TXT, "v=spf1 a ip4:233.252.0.1 include:_spf.example.net ~all" },
	{ "unifi.example.net", DNS_A, "233.252.0.2" },
	{ "_spf.example.net", DNS_TXT, "v=spf1 ip6:2001:db8::/32 -all" },
	{ "redirected.example.net", DNS_TXT, "v=spf1 redirect=_spf.example.net" },
	{ "two.example.net", DNS_TXT, "v=spf1 -all" },  { "two.example.net", DNS_TXT, "v=spf1 +all" },
	{ "other.example.net", DNS_TXT, "google-site-verification=x" },
	{ "loop-a.example.net", DNS_TXT, "v=spf1 include:loop-b.example.net -all" },
	{ "loop-b.example.net", DNS_TXT, "v=spf1 include:loop-a.example.net -all" },
	{ "3.2.0.192.in-addr._spf.example.com", DNS_A, "127.0.0.2" },
};

struct fake {
	const char *txt;   /* example.com's TXT record in this test */
	char last[300];    /* the last name asked */
	int queries;
};

static int fake_query(void *ctx, const char *name, enum dns_type type, struct dns_answer *out)
{
	struct fake *f = ctx;
	bool exists = false;

	snprintf(f->last, sizeof(f->last), "%s", name);
	f->queries++;
	memset(out, 0, sizeof(*out));
	if (!strcasecmp(name, "slow.example.net")) {
		out->rcode = DNS_TIMEOUT;
		snprintf(out->why, sizeof(out->why), "%s TXT: 192.0.2.53 did not answer in 5 s", name);
		return 0;
	}
	if (type == DNS_TXT && (!strcasecmp(name, "example.com") || !strcasecmp(name, "email.example.com"))) {
		if (f->txt)
			out->rr[out->n++] = strdup(f->txt);
		return 0;
	}
	/* the limits' own names: a.N.example.net exist with nothing, n.N do not */
	if (!strncmp(name, "lookup", 6) && strstr(name, ".example.net")) {
		out->rr[out->n++] = strdup("192.0.2.250");
		return 0;
	}
	for (size_t i = 0; i < sizeof(zone) / sizeof(zone[0]); i++) {
		if (strcasecmp(zone[i].name, name))
			continue;
		exists = true;
		if (zone[i].type == type && out->n < DNS_MAX_RR)
			out->rr[out->n++] = strdup(zone[i].value);
	}
	if (!exists && strcasecmp(name, "example.org") && strcasecmp(name, "example.com"))
		out->rcode = DNS_NXDOMAIN;
	return 0;
}

static enum spf_result check(struct fake *f, const char *record, const char *ip, struct spf_outcome *o)
{
	struct dns_resolver dns = { fake_query, NULL, "the test table", f };

	f->txt = record;
	spf_check_host(&dns, ip, "example.com", "postmaster@example.com", o);
	return o->result;
}

/* Appendix A.1: for each record, the hosts that pass; all others fail. */
static void appendix_a(struct t *t)
{
	static const struct {
		const char *record;
		const char *pass[12];
	} cases[] = {
		{ "v=spf1 +all", { "*" } },
		{ "v=spf1 a -all", { "192.0.2.10", "192.0.2.11" } },
		{ "v=spf1 a:example.org -all", { NULL } },
		{ "v=spf1 mx -all", { "192.0.2.129", "192.0.2.130" } },
		{ "v=spf1 mx:example.org -all", { "192.0.2.140" } },
		{ "v=spf1 mx mx:example.org -all", { "192.0.2.129", "192.0.2.130", "192.0.2.140" } },
		{ "v=spf1 mx/30 mx:example.org/30 -all",
		  { "192.0.2.128", "192.0.2.129", "192.0.2.130", "192.0.2.131", "192.0.2.140", "192.0.2.143" } },
		{ "v=spf1 ptr -all",
		  { "192.0.2.10", "192.0.2.11", "192.0.2.65", "192.0.2.66", "192.0.2.129", "192.0.2.130" } },
		{ "v=spf1 ip4:192.0.2.128/28 -all",
		  { "192.0.2.128", "192.0.2.129", "192.0.2.130", "192.0.2.131", "192.0.2.140", "192.0.2.143" } },
	};
	static const char *const hosts[] = { "192.0.2.10", "192.0.2.11", "192.0.2.65", "192.0.2.66", "192.0.2.128",
					     "192.0.2.129", "192.0.2.130", "192.0.2.131", "192.0.2.140",
					     "192.0.2.143", "192.0.2.144", "10.0.0.10", "2001:db8::1" };
	struct fake f = { 0 };
	struct spf_outcome o;

	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++)
		for (size_t h = 0; h < sizeof(hosts) / sizeof(hosts[0]); h++) {
			bool listed = false;
			char what[200];

			for (size_t k = 0; k < 12 && cases[c].pass[k]; k++)
				listed |= !strcmp(cases[c].pass[k], hosts[h]) || !strcmp(cases[c].pass[k], "*");
			snprintf(what, sizeof(what), "%s for %s", cases[c].record, hosts[h]);
			check(&f, cases[c].record, hosts[h], &o);
			t_check_str(t, __FILE__, __LINE__, what, spf_result_name(o.result), listed ? "pass" : "fail");
		}
}

/* Section 7.4's expansions, seen as the name an exists: term asks for. */
static void macros(struct t *t)
{
	static const struct {
		const char *macro, *ip, *want;
	} cases[] = {
		{ "%{s}", "192.0.2.3", "strong-bad@email.example.com" },
		{ "%{o}", "192.0.2.3", "email.example.com" },
		{ "%{d}", "192.0.2.3", "email.example.com" },
		{ "%{d4}", "192.0.2.3", "email.example.com" },
		{ "%{d3}", "192.0.2.3", "email.example.com" },
		{ "%{d2}", "192.0.2.3", "example.com" },
		{ "%{d1}", "192.0.2.3", "com" },
		{ "%{dr}", "192.0.2.3", "com.example.email" },
		{ "%{d2r}", "192.0.2.3", "example.email" },
		{ "%{l}", "192.0.2.3", "strong-bad" },
		{ "%{l-}", "192.0.2.3", "strong.bad" },
		{ "%{lr}", "192.0.2.3", "strong-bad" },
		{ "%{lr-}", "192.0.2.3", "bad.strong" },
		{ "%{l1r-}", "192.0.2.3", "strong" },
		{ "%{ir}.%{v}._spf.%{d2}", "192.0.2.3", "3.2.0.192.in-addr._spf.example.com" },
		{ "%{lr-}.lp._spf.%{d2}", "192.0.2.3", "bad.strong.lp._spf.example.com" },
		{ "%{lr-}.lp.%{ir}.%{v}._spf.%{d2}", "192.0.2.3", "bad.strong.lp.3.2.0.192.in-addr._spf.example.com" },
		{ "%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}", "192.0.2.3", "3.2.0.192.in-addr.strong.lp._spf.example.com" },
		{ "%{d2}.trusted-domains.example.net", "192.0.2.3", "example.com.trusted-domains.example.net" },
		/* 7.3: uppercase macros are URL-escaped (RFC 3986's unreserved stay) */
		{ "%{S}", "192.0.2.3", "strong-bad%40email.example.com" },
		{ "%{L}", "192.0.2.3", "strong-bad" },
		{ "%{ir}.%{v}._spf.%{d2}", "2001:db8::cb01",
		  "1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6._spf.example.com" },
	};
	struct fake f = { 0 };
	struct dns_resolver dns = { fake_query, NULL, "the test table", &f };
	struct spf_outcome o;
	char record[300];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(record, sizeof(record), "v=spf1 exists:%s -all", cases[i].macro);
		f.txt = record;
		f.last[0] = '\0';
		spf_check_host(&dns, cases[i].ip, "email.example.com", "strong-bad@email.example.com", &o);
		t_check_str(t, __FILE__, __LINE__, cases[i].macro, f.last, cases[i].want);
	}
}

void suite_spf(struct t *t)
{
	struct fake f = { 0 };
	struct dns_resolver dns = { fake_query, NULL, "the test table", &f };
	struct spf_outcome o;

	appendix_a(t);
	macros(t);

	/* the package's app domain: the VM's IPv4 through a, ip4; its IPv6
	 * through the provider's include; an address of neither ~all */
	spf_check_host(&dns, "233.252.0.2", "unifi.example.net", "app@unifi.example.net", &o);
	CHECK_STR(t, spf_result_name(o.result), "pass");
	CHECK_STR(t, o.decided_by, "a");
	spf_check_host(&dns, "233.252.0.1", "unifi.example.net", "app@unifi.example.net", &o);
	CHECK_STR(t, o.decided_by, "ip4:233.252.0.1");
	spf_check_host(&dns, "2001:db8::25", "unifi.example.net", "app@unifi.example.net", &o);
	CHECK_STR(t, spf_result_name(o.result), "pass");
	CHECK_STR(t, o.decided_by, "include:_spf.example.net > ip6:2001:db8::/32");
	CHECK_STR(t, o.record, "v=spf1 a ip4:233.252.0.1 include:_spf.example.net ~all");
	spf_check_host(&dns, "2001:db9::25", "unifi.example.net", "app@unifi.example.net", &o);
	CHECK_STR(t, spf_result_name(o.result), "softfail");
	CHECK_STR(t, o.decided_by, "~all");
	CHECK_INT(t, o.lookups, 2);  /* a, include */
	/* redirect: the target's record decides */
	spf_check_host(&dns, "2001:db8::25", "redirected.example.net", "a@redirected.example.net", &o);
	CHECK_STR(t, spf_result_name(o.result), "pass");
	CHECK_STR(t, o.decided_by, "redirect=_spf.example.net > ip6:2001:db8::/32");
	spf_check_host(&dns, "192.0.2.1", "redirected.example.net", "a@redirected.example.net", &o);
	CHECK_STR(t, spf_result_name(o.result), "fail");

	/* none, two records, not SPF at all */
	spf_check_host(&dns, "192.0.2.1", "nothing.example.net", "a@nothing.example.net", &o);
	CHECK_STR(t, spf_result_name(o.result), "none");
	spf_check_host(&dns, "192.0.2.1", "other.example.net", "a@other.example.net", &o);
	CHECK_STR(t, spf_result_name(o.result), "none");
	spf_check_host(&dns, "192.0.2.1", "two.example.net", "a@two.example.net", &o);
	CHECK_STR(t, spf_result_name(o.result), "permerror");
	CHECK(t, strstr(o.why, "2 SPF records") != NULL);
	spf_check_host(&dns, "192.0.2.1", "localhost", "a@localhost", &o);
	CHECK_STR(t, spf_result_name(o.result), "none");  /* not a multi-label name (4.3) */

	/* a DNS server that does not answer: temperror, and which one */
	spf_check_host(&dns, "192.0.2.1", "slow.example.net", "a@slow.example.net", &o);
	CHECK_STR(t, spf_result_name(o.result), "temperror");
	CHECK(t, strstr(o.why, "192.0.2.53 did not answer") != NULL);
	CHECK_STR(t, spf_result_name(check(&f, "v=spf1 a:slow.example.net -all", "192.0.2.1", &o)), "temperror");

	/* the limits: an include loop, 10 lookups fine and 11 not, 2 void fine and 3 not */
	spf_check_host(&dns, "192.0.2.1", "loop-a.example.net", "a@loop-a.example.net", &o);
	CHECK_STR(t, spf_result_name(o.result), "permerror");
	CHECK(t, strstr(o.why, "more than 10 DNS-querying terms") != NULL);
	CHECK_STR(t, spf_result_name(check(&f, "v=spf1 a:lookup1.example.net a:lookup2.example.net "
					   "a:lookup3.example.net a:lookup4.example.net a:lookup5.example.net "
					   "a:lookup6.example.net a:lookup7.example.net a:lookup8.example.net "
					   "a:lookup9.example.net a:lookup10.example.net -all", "192.0.2.1", &o)), "fail");
	CHECK_STR(t, spf_result_name(check(&f, "v=spf1 a:lookup1.example.net a:lookup2.example.net "
					   "a:lookup3.example.net a:lookup4.example.net a:lookup5.example.net "
					   "a:lookup6.example.net a:lookup7.example.net a:lookup8.example.net "
					   "a:lookup9.example.net a:lookup10.example.net a:lookup11.example.net -all",
					   "192.0.2.1", &o)), "permerror");
	CHECK_STR(t, spf_result_name(check(&f, "v=spf1 a:n1.example.net a:n2.example.net -all", "192.0.2.1", &o)),
		  "fail");
	CHECK_STR(t, spf_result_name(check(&f, "v=spf1 a:n1.example.net a:n2.example.net a:n3.example.net -all",
					   "192.0.2.1", &o)), "permerror");
	CHECK(t, strstr(o.why, "more than 2 void lookups") != NULL);
	CHECK_INT(t, o.void_lookups, 3);

	/* syntax: an error anywhere is permerror before any lookup */
	static const char *const bad[] = {
		"v=spf1 a -all foo", "v=spf1 ip4:192.0.2.300 -all", "v=spf1 ip4:192.0.2.0/33 -all",
		"v=spf1 ip6:2001:db8::/129 -all", "v=spf1 a/33 -all", "v=spf1 a//129 -all", "v=spf1 include -all",
		"v=spf1 redirect=a.example.net redirect=b.example.net", "v=spf1 exists:%{x}.example.net -all",
		"v=spf1 exists:%{d -all", "v=spf1 a:%z.example.net", "v=spf1 mx:/24 -all", "v=spf1 =x",
		"v=spf1 ip4:192.0.2.0/024 -all", "v=spf1 all:x",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		f.queries = 0;
		check(&f, bad[i], "192.0.2.10", &o);
		t_check_str(t, __FILE__, __LINE__, bad[i], spf_result_name(o.result), "permerror");
		t_check(t, __FILE__, __LINE__, "permerror says why", o.why[0] != '\0');
		t_check_int(t, __FILE__, __LINE__, "only the record was looked up", f.queries, 1);
	}
	/* dual CIDR lengths of a and mx: /N for IPv4, //M for IPv6, both */
	CHECK_STR(t, spf_result_name(check(&f, "v=spf1 a/24//64 -all", "192.0.2.200", &o)), "pass");
	CHECK_STR(t, spf_result_name(check(&f, "v=spf1 a/24//64 -all", "192.0.3.1", &o)), "fail");
	CHECK_STR(t, spf_result_name(check(&f, "v=spf1 mx//64 -all", "192.0.2.129", &o)), "pass");
	CHECK_STR(t, spf_result_name(check(&f, "v=spf1 mx:example.org/30//64 -all", "192.0.2.141", &o)), "pass");
	CHECK_STR(t, spf_result_name(check(&f, "v=spf1 a/24// -all", "192.0.2.200", &o)), "permerror");
	CHECK_STR(t, spf_result_name(check(&f, "v=spf1 a/24/64 -all", "192.0.2.200", &o)), "permerror");

	/* qualifiers, modifiers that change nothing, case */
	CHECK_STR(t, spf_result_name(check(&f, "v=spf1 ?all", "192.0.2.1", &o)), "neutral");
	CHECK_STR(t, spf_result_name(check(&f, "V=SPF1 -A ~ALL exp=explain.%{d} x-foo=bar", "192.0.2.10", &o)),
		  "fail");
	CHECK_STR(t, spf_result_name(check(&f, "v=spf1 ip4:192.0.2.0/24", "198.51.100.1", &o)), "neutral");
	CHECK_STR(t, spf_result_name(check(&f, "v=spf1 ip6:2001:db8::/32 -all", "::ffff:192.0.2.10", &o)), "fail");
	CHECK_STR(t, spf_result_name(check(&f, "v=spf1 ip4:192.0.2.10 -all", "::ffff:192.0.2.10", &o)), "pass");
	CHECK_STR(t, spf_result_name(check(&f, "v=spf1x -all", "192.0.2.10", &o)), "none");
	CHECK_STR(t, spf_result_name(check(&f, "v=spf1 -all", "not-an-ip", &o)), "permerror");
}
