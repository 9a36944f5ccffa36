/*
 * mail.c - the mail and DNS checks: the facts of the run document's mail
 * section (gathered by specbench-mail, mail/) judged against the spec's
 * mail section.  See checks.h.
 *
 * Statuses follow verify.h's rules and the issue's: a DNS server that did
 * not answer is a WARN naming the server (temperror), never a FAIL; a
 * family the VM has no global address of is a SKIP with the reason; an
 * SPF result other than pass is a FAIL naming the term that decided it
 * ("~all" included: the mail of that family lands in the spam folder).
 */
#include <stdio.h>
#include <string.h>

#include "base/jsonutil.h"
#include "base/docpath.h"
#include "base/strbuf.h"
#include "model/rundoc.h"
#include "checks.h"

static const char *const mail_ids[] = { "mail.smtp", "dns.a", "dns.aaaa", "mail.spf.ipv4", "mail.spf.ipv6",
					 "mail.dkim", "mail.dmarc", "mail.batched_smtp", NULL };

/* Is the check id part of what this spec promises? */
static int promised(const json_t *mail, const char *id)
{
	if (!strcmp(id, "mail.smtp"))
		return json_object_get(mail, "smtp") != NULL;
	if (!strcmp(id, "mail.dkim"))
		return json_object_get(mail, "dkim") != NULL;
	if (!strcmp(id, "mail.dmarc"))
		return json_object_get(mail, "dmarc") != NULL;
	if (!strcmp(id, "mail.batched_smtp"))
		return json_object_get(mail, "batched_smtp") != NULL;
	return 1;  /* the A/AAAA records and SPF: every app VM needs them */
}

static int dns_failed(const json_t *o)
{
	return !strcmp(rd_str_or(o, "rcode", ""), "TIMEOUT") || !strcmp(rd_str_or(o, "rcode", ""), "SERVFAIL");
}

/* The strings of arr joined by sep, the first after first; none when
 * there are none (a value that is not a string reads "?"). */
static void join(const json_t *arr, const char *first, const char *sep, const char *none, char *buf, size_t size)
{
	struct strbuf sb;
	const json_t *v;
	size_t i;

	strbuf_fixed(&sb, buf, size);
	if (!json_array_size(arr))
		strbuf_addstr(&sb, none);
	json_array_foreach(arr, i, v) {
		strbuf_addstr(&sb, i ? sep : first);
		strbuf_addstr(&sb, rd_str_or(v, "", "?"));
	}
}

/* "a CNAME to a.example.net > b.example.net", or "" without one. */
static void chain_text(const json_t *o, char *buf, size_t size)
{
	join(json_object_get(o, "cname"), "a CNAME to ", " > ", "", buf, size);
}

static void list_text(const json_t *arr, char *buf, size_t size, const char *none)
{
	join(arr, "", ", ", none, buf, size);
}

static void check_smtp(struct verify_ctx *c, const json_t *spec, const json_t *f)
{
	const json_t *s = json_object_get(f, "smtp");
	const char *st = rd_str_or(s, "status", "");
	char expected[300], observed[600];

	const json_t *port = json_object_get(json_object_get(spec, "smtp"), "port");

	if (json_is_string(json_object_get(s, "server")))  /* --smtp may have named another */
		snprintf(expected, sizeof(expected), "%s accepts the sender", rd_str_or(s, "server", "?"));
	else
		snprintf(expected, sizeof(expected), "%s:%lld accepts the sender",
			 rd_str_or(json_object_get(spec, "smtp"), "host", "localhost"), port ? json_integer_value(port) : 25);
	if (!json_is_object(s)) {
		verify_add(c, "mail.smtp", "SKIP", expected, "not asked", "the mail server was not asked (--no-smtp)");
		return;
	}
	if (!strcmp(st, "accepted")) {
		snprintf(observed, sizeof(observed), "RCPT TO:<%s>: %.200s", rd_str_or(s, "recipient", "?"), rd_str_or(s, "rcpt_to", ""));
		verify_add(c, "mail.smtp", "PASS", expected, observed, "%s greeted \"%.120s\"; EHLO, MAIL FROM:<%s>, "
			   "RCPT, then RSET and QUIT: no message was sent", rd_str_or(s, "server", "?"), rd_str_or(s, "greeting", ""),
			   rd_str_or(s, "sender", "?"));
	} else if (!strcmp(st, "rejected") || !strcmp(st, "deferred")) {
		const char *r = rd_str_or(s, "rcpt_to", "");

		snprintf(observed, sizeof(observed), "%s: %.300s", *r ? "RCPT" : "MAIL FROM", *r ? r : rd_str_or(s, "mail_from", ""));
		verify_add(c, "mail.smtp", !strcmp(st, "rejected") ? "FAIL" : "WARN", expected, observed,
			   "%s %s the envelope%s", rd_str_or(s, "server", "?"), !strcmp(st, "rejected") ? "refused" :
			   "deferred (a 4xx: try again later)", *r ? "" : " at MAIL FROM: is the sender inside the app domain?");
	} else {
		snprintf(observed, sizeof(observed), "%s", !strcmp(st, "refused") ? "nothing listens" :
			 !strcmp(st, "no_answer") ? "no answer in time" : "no SMTP dialogue");
		verify_add(c, "mail.smtp", "FAIL", expected, observed, "%s: %s%s%.200s", rd_str_or(s, "server", "?"),
			   rd_str_or(s, "why", st), *rd_str_or(s, "greeting", "") ? "; greeting: " : "", rd_str_or(s, "greeting", ""));
	}
}

static void check_address(struct verify_ctx *c, const json_t *f, const char *id, const char *key, const char *fam)
{
	const json_t *o = json_object_get(f, key), *a;
	const char *vm = rd_str_or(json_object_get(f, "addresses"), fam, NULL);
	char expected[300], observed[600], chain[300];
	size_t i;
	int hit = 0;

	snprintf(expected, sizeof(expected), "%s %s", strcmp(key, "a") ? "AAAA" : "A", vm ? vm : "(none)");
	if (!vm) {
		verify_add(c, id, "SKIP", expected, "-", "the VM has no global %s address", strcmp(fam, "ipv4") ? "IPv6" : "IPv4");
		return;
	}
	chain_text(o, chain, sizeof(chain));
	list_text(json_object_get(o, "addresses"), observed, sizeof(observed), rd_str_or(o, "rcode", "?"));
	if (dns_failed(o)) {
		verify_add(c, id, "WARN", expected, observed, "DNS did not answer: %s", rd_str_or(o, "why", "?"));
		return;
	}
	json_array_foreach(json_object_get(o, "addresses"), i, a)
		hit |= !strcmp(rd_str_or(a, "", ""), vm);
	if (!hit)
		verify_add(c, id, "FAIL", expected, observed, "%s%sthe name does not point at this VM (%s)", chain,
			   *chain ? ": " : "", rd_str_or(f, "resolver", "?"));
	else if (*chain)
		verify_add(c, id, "WARN", expected, observed, "%s: it reaches this VM, but the name must have an %s "
			   "record of its own, not a CNAME to the provider's host name", chain, strcmp(key, "a") ? "AAAA" : "A");
	else
		verify_add(c, id, "PASS", expected, observed, "%s, asked %s", rd_str_or(f, "app_domain", "?"),
			   rd_str_or(f, "resolver", "?"));
}

static void check_spf(struct verify_ctx *c, const json_t *f, const char *id, const char *fam)
{
	const json_t *o = json_object_get(json_object_get(f, "spf"), fam);
	const char *r = rd_str_or(o, "result", "?"), *by = rd_str_or(o, "decided_by", ""), *rec = rd_str_or(o, "record", "");
	char expected[300], observed[300];

	snprintf(expected, sizeof(expected), "pass for %s", rd_str_or(json_object_get(f, "addresses"), fam, "(none)"));
	if (json_object_get(o, "skipped")) {
		verify_add(c, id, "SKIP", expected, "-", "%s", rd_str_or(o, "skipped", "?"));
		return;
	}
	snprintf(observed, sizeof(observed), "%s%s%s", r, *by ? " by " : "", by);
	if (!strcmp(r, "pass"))
		verify_add(c, id, "PASS", expected, observed, "\"%.300s\" (%lld DNS lookups of 10)", rec,
			   rd_int_or(o, "lookups", 0));
	else if (!strcmp(r, "temperror"))
		verify_add(c, id, "WARN", expected, observed, "temperror: %s", rd_str_or(o, "why", "?"));
	else if (!strcmp(r, "none"))
		verify_add(c, id, "FAIL", expected, observed, "%s", rd_str_or(o, "why", "no SPF record"));
	else if (!strcmp(r, "permerror"))
		verify_add(c, id, "FAIL", expected, observed, "permerror: %s%s%.300s%s", rd_str_or(o, "why", "?"),
			   *rec ? " in \"" : "", rec, *rec ? "\"" : "");
	else
		verify_add(c, id, "FAIL", expected, observed, "the record does not list this VM's %s address: \"%.300s\"",
			   strcmp(fam, "ipv4") ? "IPv6" : "IPv4", rec);
}

static void check_dkim(struct verify_ctx *c, const json_t *f)
{
	const json_t *o = json_object_get(f, "dkim"), *pk = json_object_get(o, "private_key");
	const char *problem = rd_str_or(o, "problem", ""), *type = rd_str_or(o, "key_type", "?");
	long long bits = rd_int_or(o, "bits", 0);
	char expected[300], observed[300], chain[300], note[400] = "";
	size_t n = json_array_size(json_object_get(o, "records"));

	snprintf(expected, sizeof(expected), "a key at %s._domainkey", rd_str_or(o, "selector", "?"));
	chain_text(o, chain, sizeof(chain));
	if (dns_failed(o)) {
		verify_add(c, "mail.dkim", "WARN", expected, rd_str_or(o, "rcode", "?"), "DNS did not answer: %s", rd_str_or(o, "why", "?"));
		return;
	}
	if (!n) {
		verify_add(c, "mail.dkim", "FAIL", expected, "no record", "%s: %s", rd_str_or(o, "name", "?"),
			   !strcmp(rd_str_or(o, "rcode", ""), "NXDOMAIN") ? "the name does not exist" : "no TXT record");
		return;
	}
	if (n > 1) {
		verify_add(c, "mail.dkim", "FAIL", expected, "2 or more records", "%zu TXT records at %s: "
			   "which key verifies is undefined (RFC 6376 3.6.2.2)", n, rd_str_or(o, "name", "?"));
		return;
	}
	snprintf(observed, sizeof(observed), bits ? "%s, %lld bits" : "%s key", type, bits);
	if (*chain)
		snprintf(note, sizeof(note), "; %s", chain);
	if (*problem) {
		verify_add(c, "mail.dkim", "FAIL", expected, observed, "%s%s", problem, note);
		return;
	}
	if (json_is_false(json_object_get(pk, "matches"))) {
		verify_add(c, "mail.dkim", "FAIL", expected, observed, "the published key is not the public half of %s, "
			   "the relay's key: mail is signed with a key receivers cannot verify%s", rd_str_or(pk, "path", "?"), note);
		return;
	}
	if (pk && !rd_true(pk, "matches"))
		snprintf(note + strlen(note), sizeof(note) - strlen(note), "; not compared with the relay's key: %s",
			 rd_str_or(pk, "why", "?"));
	else if (pk)
		snprintf(note + strlen(note), sizeof(note) - strlen(note), "; the public half of %s", rd_str_or(pk, "path", "?"));
	if (!strcmp(type, "rsa") && bits < 2048)
		verify_add(c, "mail.dkim", "WARN", expected, observed, "an RSA key below 2048 bits is weak (RFC 8301)%s", note);
	else if (rd_true(o, "testing"))
		verify_add(c, "mail.dkim", "WARN", expected, observed, "t=y: receivers treat the signatures as "
			   "testing only%s", note);
	else
		verify_add(c, "mail.dkim", "PASS", expected, observed, "v=DKIM1 key record, the key parses%s", note);
}

static void check_dmarc(struct verify_ctx *c, const json_t *spec, const json_t *f)
{
	const json_t *o = json_object_get(f, "dmarc");
	int required = !json_is_false(json_object_get(json_object_get(spec, "dmarc"), "required"));
	const char *at = rd_str_or(o, "found_at", NULL), *applies = rd_str_or(o, "applies", "p");
	const char *policy = rd_str_or(o, applies[0] == 's' ? "subdomain_policy" : "policy", "?");
	char expected[300], observed[300], asked[400];
	size_t n = json_array_size(json_object_get(o, "records"));

	snprintf(expected, sizeof(expected), "one record, p=quarantine|reject");
	if (json_object_get(o, "error")) {
		verify_add(c, "mail.dmarc", "WARN", expected, "TIMEOUT", "DNS did not answer: %s", rd_str_or(o, "error", "?"));
		return;
	}
	if (!at) {
		list_text(json_object_get(o, "asked"), asked, sizeof(asked), "-");
		verify_add(c, "mail.dmarc", required ? "FAIL" : "WARN", expected, "no record",
			   "asked %s: no v=DMARC1 record", asked);
		return;
	}
	if (n > 1) {
		verify_add(c, "mail.dmarc", "FAIL", expected, "2 or more records", "%zu v=DMARC1 records at %s: "
			   "receivers apply no DMARC at all (RFC 7489 6.6.3)", n, at);
		return;
	}
	if (json_object_get(o, "invalid")) {
		verify_add(c, "mail.dmarc", "FAIL", expected, "invalid record", "%s: \"%.200s\": %s", at,
			   rd_str_or(o, "records[0]", "?"), rd_str_or(o, "invalid", "?"));
		return;
	}
	snprintf(observed, sizeof(observed), "%s=%s%s", applies, policy, applies[0] == 's' ? " (from a parent)" : "");
	if (!strcmp(policy, "none"))
		verify_add(c, "mail.dmarc", "WARN", expected, observed, "%s: p=none asks receivers to do nothing: "
			   "it reports, but protects nothing", at);
	else if (*rd_str_or(o, "problems", ""))
		verify_add(c, "mail.dmarc", "WARN", expected, observed, "%s: %s", at, rd_str_or(o, "problems", ""));
	else
		verify_add(c, "mail.dmarc", "PASS", expected, observed, "%s: \"%.200s\"", at,
			   rd_str_or(o, "records[0]", "?"));
}

static void check_batched(struct verify_ctx *c, const json_t *spec, const json_t *f)
{
	const json_t *want = json_object_get(spec, "batched_smtp"), *o = json_object_get(f, "batched_smtp"), *n;
	char expected[300], observed[300], listen[200];
	const char *status = "PASS";
	struct strbuf obs;
	size_t i;

	snprintf(expected, sizeof(expected), "port %lld open to the relays",
		 rd_int_or(want, "port", 0));
	if (!o) {
		verify_add(c, "mail.batched_smtp", "SKIP", expected, "not asked", "the results hold no batched-SMTP facts");
		return;
	}
	list_text(json_object_get(o, "listening"), listen, sizeof(listen), "");
	if (!*listen) {
		verify_add(c, "mail.batched_smtp", "FAIL", expected, "nothing listens", "no TCP socket in LISTEN state on "
			   "port %lld", rd_int_or(o, "port", 0));
		return;
	}
	if (!json_is_string(json_object_get(o, "ruleset"))) {
		verify_add(c, "mail.batched_smtp", "UNVERIFIABLE", expected, "listens; firewall unknown",
			   "listens on %s; %s", listen, rd_str_or(o, "why", "no ruleset"));
		return;
	}
	strbuf_fixed(&obs, observed, sizeof(observed));
	json_array_foreach(json_object_get(o, "networks"), i, n) {
		const json_t *a = json_object_get(n, "admitted");
		const char *s = json_is_true(a) ? "PASS" : json_is_false(a) ? "FAIL" : "UNVERIFIABLE";

		if (!strcmp(s, "FAIL") || (!strcmp(s, "UNVERIFIABLE") && strcmp(status, "FAIL")))
			status = s;
		if (strcmp(s, "PASS"))
			strbuf_addf(&obs, "%s%s %s: %s", obs.len ? "; " : "", rd_str_or(n, "network", "?"),
				    json_is_false(a) ? "refused" : "cannot tell", rd_str_or(n, "decided_by", "?"));
	}
	if (!strcmp(status, "PASS"))
		verify_add(c, "mail.batched_smtp", status, expected, "admitted", "listens on %s; the nftables input "
			   "chains admit all %zu relay networks", listen, json_array_size(json_object_get(o, "networks")));
	else
		verify_add(c, "mail.batched_smtp", status, expected, strcmp(status, "FAIL") ? "cannot tell" : "refused",
			   "%s", observed);
}

void verify_mail(struct verify_ctx *c)
{
	const json_t *spec = json_object_get(c->spec, "mail"), *f = json_object_get(c->run, "mail");

	if (!json_is_object(spec))
		return;
	if (!json_is_object(f) || json_object_get(f, "error")) {
		for (const char *const *id = mail_ids; *id; id++)
			if (!promised(spec, *id))
				continue;
			else if (f)
				verify_add(c, *id, "SKIP", "-", "not checked", "%s", rd_str_or(f, "error", "?"));
			else
				verify_add(c, *id, "SKIP", "-", "not checked", "the mail and DNS checks need the "
					   "application's domain: run with --app-domain DOMAIN");
		return;
	}
	if (promised(spec, "mail.smtp"))
		check_smtp(c, spec, f);
	check_address(c, f, "dns.a", "a", "ipv4");
	check_address(c, f, "dns.aaaa", "aaaa", "ipv6");
	check_spf(c, f, "mail.spf.ipv4", "ipv4");
	check_spf(c, f, "mail.spf.ipv6", "ipv6");
	if (promised(spec, "mail.dkim"))
		check_dkim(c, f);
	if (promised(spec, "mail.dmarc"))
		check_dmarc(c, spec, f);
	if (promised(spec, "mail.batched_smtp"))
		check_batched(c, spec, f);
}
