/*
 * facts.c - the DNS facts of the mail section; see facts.h.
 *
 * Every answer is kept as the server gave it (the records' text, escaped
 * only where it is not UTF-8), because the customer who must fix a record
 * needs to see what the world sees, not specbench's reading of it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/printable.h"
#include "base/clock.h"
#include "base/docpath.h"
#include "dkim.h"
#include "dmarc.h"
#include "facts.h"
#include "spf.h"

#define MAX_CNAME_HOPS 8
#define DMARC_MAX_LABELS 7

static const char *rcode_name(enum dns_rcode r)
{
	static const char *const names[] = { "NOERROR", "NXDOMAIN", "SERVFAIL", "TIMEOUT" };

	return (unsigned)r < 4 ? names[r] : "?";
}

static void begin(const struct dns_resolver *dns)
{
	if (dns->set_deadline)
		dns->set_deadline(dns->ctx, mono_now() + CHECK_BUDGET);
}

static json_t *texts(const struct dns_answer *a)
{
	json_t *arr = json_array();

	for (size_t i = 0; arr && i < a->n; i++)
		json_array_append_new(arr, sbj_text(a->rr[i]));
	return arr;
}

/* The answer's status into o: rcode, and why for a failure. */
static void answer_status(json_t *o, const struct dns_answer *a)
{
	json_object_set_new(o, "rcode", json_string(rcode_name(a->rcode)));
	if (a->why[0])
		json_object_set_new(o, "why", sbj_text(a->why));
	if (a->more)
		json_object_set_new(o, "truncated", json_true());
}

/* The CNAME chain from name: each hop asked as a CNAME query (a stub
 * resolver's answer names only where the chain ended). */
static json_t *cname_chain(const struct dns_resolver *dns, const char *name)
{
	json_t *chain = json_array();
	char at[256];

	snprintf(at, sizeof(at), "%s", name);
	for (int hop = 0; chain && hop < MAX_CNAME_HOPS; hop++) {
		struct dns_answer a;

		if (dns->query(dns->ctx, at, DNS_CNAME, &a) || a.rcode != DNS_NOERROR || !a.n) {
			dns_answer_free(&a);
			break;
		}
		json_array_append_new(chain, sbj_text(a.rr[0]));
		snprintf(at, sizeof(at), "%s", a.rr[0]);
		dns_answer_free(&a);
	}
	return chain;
}

/* One question within the check's time, as an object: {name, rcode, why,
 * KEY: the records, cname: the chain, dnssec}; the answer stays in *a for
 * the caller (who frees it).  NULL when out of memory. */
static json_t *asked(const struct dns_resolver *dns, const char *name, enum dns_type type, const char *key,
		     struct dns_answer *a)
{
	json_t *o = json_pack("{s:s}", "name", name);

	begin(dns);
	if (!o || dns->query(dns->ctx, name, type, a)) {
		json_decref(o);
		return NULL;
	}
	answer_status(o, a);
	json_object_set_new(o, key, texts(a));
	json_object_set_new(o, "cname", a->canon[0] ? cname_chain(dns, name) : json_array());
	if (a->secure || a->bogus)
		json_object_set_new(o, "dnssec", json_string(a->bogus ? "bogus" : "secure"));
	return o;
}

static json_t *address_fact(const struct dns_resolver *dns, const char *name, enum dns_type type)
{
	struct dns_answer a;
	json_t *o = asked(dns, name, type, "addresses", &a);

	if (o)
		dns_answer_free(&a);
	return o;
}

static json_t *spf_fact(const struct dns_resolver *dns, const struct mail_request *rq, const char *ip,
			const char *family)
{
	struct spf_outcome out;

	if (!ip)
		return json_pack("{s:s}", "skipped", strcmp(family, "ipv4") ? "the VM has no global IPv6 address" :
				 "the VM has no global IPv4 address");
	begin(dns);
	spf_check_host(dns, ip, rq->domain, rq->sender, &out);
	return json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:i, s:i}", "ip", ip, "domain", rq->domain,
			 "result", spf_result_name(out.result), "decided_by", sbj_text(out.decided_by),
			 "record", sbj_text(out.record), "why", sbj_text(out.why), "lookups", out.lookups,
			 "void_lookups", out.void_lookups);
}

static json_t *dkim_fact(const struct dns_resolver *dns, const struct mail_request *rq)
{
	char name[300];
	struct dns_answer a;
	struct dkim_key k;
	struct sb_error err = { 0 };
	json_t *o;

	snprintf(name, sizeof(name), "%s._domainkey.%s", rq->selector, rq->domain);
	o = asked(dns, name, DNS_TXT, "records", &a);
	if (!o)
		return NULL;
	json_object_set_new(o, "selector", json_string(rq->selector));
	if (a.rcode == DNS_NOERROR && a.n == 1) {
		if (dkim_key_parse(a.rr[0], &k, &err)) {
			dns_answer_free(&a);
			json_decref(o);
			return NULL;
		}
		json_object_set_new(o, "key_type", sbj_text(k.key_type));
		json_object_set_new(o, "bits", json_integer(k.bits));
		json_object_set_new(o, "revoked", json_boolean(k.revoked));
		json_object_set_new(o, "testing", json_boolean(k.testing));
		json_object_set_new(o, "problem", sbj_text(k.problem));
		if (rq->dkim_key && k.pkey) {
			bool m = false;
			int rc = dkim_key_matches(&k, rq->dkim_key, &m, &err);

			json_object_set_new(o, "private_key", json_pack("{s:s, s:o, s:o}", "path", rq->dkim_key,
				"matches", rc ? json_null() : json_boolean(m), "why", sbj_text(rc ? err.msg : "")));
		}
		dkim_key_free(&k);
	}
	dns_answer_free(&a);
	return o;
}

/* Does the record begin with the v=DMARC1 tag (RFC 7489 6.6.3: others are
 * discarded before counting)? */
static int dmarc_candidate(const char *t)
{
	while (*t == ' ' || *t == '\t')
		t++;
	if (*t++ != 'v')
		return 0;
	while (*t == ' ' || *t == '\t')
		t++;
	if (*t++ != '=')
		return 0;
	while (*t == ' ' || *t == '\t')
		t++;
	if (strncmp(t, "DMARC1", 6))
		return 0;
	t += 6;
	return !*t || *t == ';' || *t == ' ' || *t == '\t';
}

/* One name of the walk: 1 found (o filled), 0 none, -1 a DNS failure (o's
 * error set), -2 out of memory. */
static int dmarc_at(const struct dns_resolver *dns, const char *name, json_t *o)
{
	struct dns_answer a;
	json_t *recs;
	const char *one = NULL;
	size_t found = 0;

	json_array_append_new(json_object_get(o, "asked"), json_string(name));
	if (dns->query(dns->ctx, name, DNS_TXT, &a))
		return -2;
	if (a.rcode == DNS_TIMEOUT || a.rcode == DNS_SERVFAIL) {
		json_object_set_new(o, "error", sbj_text(a.why[0] ? a.why : name));
		dns_answer_free(&a);
		return -1;
	}
	recs = json_array();
	for (size_t i = 0; i < a.n; i++)
		if (dmarc_candidate(a.rr[i])) {
			json_array_append_new(recs, sbj_text(a.rr[i]));
			one = a.rr[i];
			found++;
		}
	if (!found) {
		json_decref(recs);
		dns_answer_free(&a);
		return 0;
	}
	json_object_set_new(o, "found_at", json_string(name));
	json_object_set_new(o, "records", recs);
	if (found == 1) {
		struct dmarc_record r;
		struct sb_error err = { 0 };

		if (dmarc_parse(one, &r, &err) == 0) {
			json_object_set_new(o, "policy", json_string(dmarc_policy_name(r.p)));
			json_object_set_new(o, "subdomain_policy", json_string(dmarc_policy_name(r.sp)));
			json_object_set_new(o, "p_assumed", json_boolean(r.p_assumed));
			json_object_set_new(o, "pct", json_integer(r.pct));
			json_object_set_new(o, "rua", json_integer(r.rua));
			json_object_set_new(o, "ruf", json_integer(r.ruf));
			json_object_set_new(o, "problems", sbj_text(r.problems));
		} else {
			json_object_set_new(o, "invalid", sbj_text(err.msg));
		}
	}
	dns_answer_free(&a);
	return 1;
}

json_t *mail_dmarc_fact(const struct dns_resolver *dns, const char *domain)
{
	json_t *o = json_pack("{s:s, s:[]}", "domain", domain, "asked");
	const char *d = domain;
	char name[300];
	int labels = 1, rc;

	if (!o)
		return NULL;
	begin(dns);
	snprintf(name, sizeof(name), "_dmarc.%s", domain);
	rc = dmarc_at(dns, name, o);
	/* DMARCbis 4.10: the tree walk, from at most 7 labels up to (not
	 * including) the top-level domain */
	for (const char *p = domain; *p; p++)
		labels += *p == '.';
	while (labels > DMARC_MAX_LABELS) {
		d = strchr(d, '.') + 1;
		labels--;
	}
	if (d == domain && labels > 2) {
		d = strchr(d, '.') + 1;
		labels--;
	}
	for (; rc == 0 && labels >= 2; labels--) {
		snprintf(name, sizeof(name), "_dmarc.%s", d);
		rc = dmarc_at(dns, name, o);
		d = strchr(d, '.') ? strchr(d, '.') + 1 : d;
	}
	if (rc == -2) {
		json_decref(o);
		return NULL;
	}
	/* found at a parent: the parent's sp= (or p=) is what applies */
	if (rc == 1)
		json_object_set_new(o, "applies", json_string(strcasecmp(
			rd_str(o, "found_at") + 7, domain) ? "sp" : "p"));
	return o;
}

int mail_dns_facts(const struct dns_resolver *dns, const struct mail_request *rq, json_t *facts)
{
	json_t *v;

	json_object_set_new(facts, "resolver", json_string(dns->name));
	if (!(v = address_fact(dns, rq->domain, DNS_A)) || json_object_set_new(facts, "a", v) ||
	    !(v = address_fact(dns, rq->domain, DNS_AAAA)) || json_object_set_new(facts, "aaaa", v))
		return -1;
	v = json_object();
	if (!v || json_object_set_new(facts, "spf", v) ||
	    json_object_set_new(v, "ipv4", spf_fact(dns, rq, rq->ipv4, "ipv4")) ||
	    json_object_set_new(v, "ipv6", spf_fact(dns, rq, rq->ipv6, "ipv6")))
		return -1;
	if (!(v = dkim_fact(dns, rq)) || json_object_set_new(facts, "dkim", v) ||
	    !(v = mail_dmarc_fact(dns, rq->domain)) || json_object_set_new(facts, "dmarc", v))
		return -1;
	return 0;
}
