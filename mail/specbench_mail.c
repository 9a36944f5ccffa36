/*
 * specbench_mail.c - specbench-mail, the helper behind the mail and DNS checks.
 *
 * It asks the network what the mail checks need and prints the facts as
 * the run document's "mail" object (JSON on standard output); `specbench
 * mail` and `specbench run --app-domain` run it, put the object into the
 * run document, and verify/ judges it against the spec.  A helper, like
 * specbench-net, because of what it links: libunbound (with libevent and
 * nettle) and libcurl (with its thirty libraries) are loaded only here,
 * and specbench itself stays small and quick to start.
 *
 * The order is fixed and each part bounded: the SMTP dialogue (at most
 * SMTP_BUDGET seconds), the DNS facts (CHECK_BUDGET each; a resolver that
 * stops answering is given up after two queries), the batched-SMTP port
 * and firewall.  Every server stalling costs about 10 s in all.
 */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unbound.h>

#include "base/options.h"
#include "base/clock.h"
#include "firewall.h"
#include "facts.h"
#include "resolver.h"
#include "hostport.h"
#include "smtp.h"

#define SMTP_BUDGET 5.0

struct helper_args {
	const char *domain, *dns, *smtp, *ipv4, *ipv6, *selector, *dkim_key, *sender, *recipient;
	const char *nft_json;
	int batched_port;
	struct opt_list relay_nets;
	int no_smtp, version;
};

static const struct opt mail_options[] = {
	OPT_STRING(0, "app-domain", struct helper_args, domain, "DOMAIN", "the application's domain (required)"),
	OPT_STRING(0, "dns", struct helper_args, dns, "ADDR[:PORT]", "ask this DNS server (default: the system's)"),
	OPT_STRING(0, "smtp", struct helper_args, smtp, "HOST:PORT", "the local mail server (default localhost:25)"),
	OPT_BOOL(0, "no-smtp", struct helper_args, no_smtp, "do not talk to a mail server"),
	OPT_STRING(0, "ipv4", struct helper_args, ipv4, "ADDR", "the VM's global IPv4 address"),
	OPT_STRING(0, "ipv6", struct helper_args, ipv6, "ADDR", "the VM's global IPv6 address"),
	OPT_STRING(0, "selector", struct helper_args, selector, "NAME", "the DKIM selector (default nexx)"),
	OPT_STRING(0, "dkim-key", struct helper_args, dkim_key, "FILE", "the relay's private DKIM key (PEM)"),
	OPT_STRING(0, "sender", struct helper_args, sender, "ADDR", "MAIL FROM (default specbench@DOMAIN)"),
	OPT_STRING(0, "recipient", struct helper_args, recipient, "ADDR", "RCPT TO (default postmaster@DOMAIN)"),
	OPT_INT(0, "batched-port", struct helper_args, batched_port, "PORT",
		"the port the provider's relays deliver to", 1, 65535),
	OPT_LIST(0, "relay-net", struct helper_args, relay_nets, "NET", "a network of the provider's relays (repeat)"),
	OPT_STRING(0, "nft-json", struct helper_args, nft_json, "FILE",
		   "read the firewall from this 'nft -j list ruleset' output"),
	OPT_BOOL(0, "version", struct helper_args, version, "print the versions of the helper's libraries"),
	OPT_END(),
};

static const struct cmd_help mail_help = {
	"specbench-mail", NULL,
	"specbench's mail and DNS facts, printed as JSON.  Run by 'specbench mail' and\n"
	"'specbench run --app-domain', not by hand.",
	NULL,
	"Exit: 0 the facts on standard output, 2 bad usage, 3 the resolver could not be\n"
	"set up (the reason on standard error).\n",
	mail_options,
};

int main(int argc, char **argv)
{
	struct helper_args a;
	struct sb_error err = { 0, 0, "", NULL };
	char sender[320], recipient[320], host[256];
	struct mail_request rq;
	struct resolver *r;
	struct dns_resolver dns;
	double start = mono_now();
	json_t *facts, *smtp = NULL;
	char dkim[300], dmarc[300];
	const char *names[5];
	const enum dns_type types[] = { DNS_A, DNS_AAAA, DNS_TXT, DNS_TXT, DNS_TXT };
	int rc, port = 25;

	memset(&a, 0, sizeof(a));
	rc = parse_options(argc, argv, &mail_help, &a, &err);
	if (rc == 0)
		return 0;
	if (rc > 0 && !a.version && !a.domain)
		rc = sb_usage(&err, "--app-domain DOMAIN is required");
	if (rc > 0 && a.domain && strlen(a.domain) > 253)
		rc = sb_usage(&err, "--app-domain: longer than a domain name can be");
	if (rc > 0 && a.smtp)
		rc = server_parse("--smtp", a.smtp, 25, false, host, sizeof(host), &port, &err) ? -1 : 1;
	if (rc < 0) {
		fprintf(stderr, "specbench-mail: %s\n\n", err.msg);
		options_synopsis(&mail_help, stderr);
		return 2;
	}
	if (a.version) {
		printf("specbench-mail (libunbound %s, libcurl %s)\n", ub_version(),
		       curl_version_info(CURLVERSION_NOW)->version);
		return 0;
	}
	if (!a.smtp)
		snprintf(host, sizeof(host), "localhost");
	snprintf(sender, sizeof(sender), "%s", a.sender ? a.sender : "");
	if (!a.sender)
		snprintf(sender, sizeof(sender), "specbench@%s", a.domain);
	snprintf(recipient, sizeof(recipient), "%s", a.recipient ? a.recipient : "");
	if (!a.recipient)
		snprintf(recipient, sizeof(recipient), "postmaster@%s", a.domain);
	rq = (struct mail_request){ a.domain, sender, a.ipv4, a.ipv6, a.selector ? a.selector : "nexx", a.dkim_key };

	r = resolver_open(a.dns, &err);
	if (!r) {
		fprintf(stderr, "specbench-mail: %s\n", err.msg);
		return err.code;
	}
	dns = resolver_interface(r);
	names[0] = names[1] = names[2] = a.domain;
	names[3] = dkim;
	names[4] = dmarc;
	facts = json_pack("{s:s, s:s}", "app_domain", a.domain, "sender", sender);
	json_object_set_new(facts, "addresses", json_pack("{s:s?, s:s?}", "ipv4", a.ipv4, "ipv6", a.ipv6));
	/* the first DNS questions go out while the mail server is asked */
	snprintf(dkim, sizeof(dkim), "%s._domainkey.%s", rq.selector, a.domain);
	snprintf(dmarc, sizeof(dmarc), "_dmarc.%s", a.domain);
	resolver_prefetch_start(r, names, types, 5);
	if (!a.no_smtp) {
		curl_global_init(CURL_GLOBAL_DEFAULT);
		smtp = smtp_probe(host, port, a.domain, sender, recipient, SMTP_BUDGET);
		curl_global_cleanup();
	}
	json_object_set_new(facts, "smtp", smtp ? smtp : json_null());
	resolver_prefetch_finish(r);
	rc = mail_dns_facts(&dns, &rq, facts);
	resolver_close(r);
	if (!rc && a.batched_port)
		rc = json_object_set_new(facts, "batched_smtp",
					 batched_smtp_fact(a.batched_port, &a.relay_nets, a.nft_json));
	json_object_set_new(facts, "seconds", json_real((double)(long)((mono_now() - start) * 1000) / 1000));
	if (rc) {
		fprintf(stderr, "specbench-mail: out of memory\n");
		json_decref(facts);
		return 3;
	}
	json_dumpf(facts, stdout, JSON_COMPACT);
	fputc('\n', stdout);
	json_decref(facts);
	return fflush(stdout) ? 3 : 0;
}
