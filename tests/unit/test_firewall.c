/*
 * test_firewall.c - the batched-SMTP firewall evaluation (mail/firewall.c)
 * on rulesets that nftables itself printed: tests/data/mail/nft/X.json is
 * `nft -j list ruleset` of X.nft, loaded into an empty network namespace
 * (tests/mail.sh makes them again with the nft of the machine it runs on
 * and checks they still read the same).
 */
#include <stdio.h>
#include <string.h>

#include "mail/firewall.h"
#include "harness.h"

static json_t *ruleset(struct t *t, const char *name)
{
	char path[512];
	json_error_t e;
	json_t *r;

	snprintf(path, sizeof(path), "%s/data/mail/nft/%s.json", t->data, name);
	r = json_load_file(path, 0, &e);
	CHECK(t, r != NULL);
	return r;
}

static int admits(const json_t *r, const char *net, int port, char *by)
{
	return (int)nft_admits(r, net, port, by, 300);
}

void suite_batched(struct t *t)
{
	json_t *r = ruleset(t, "relays"), *open = ruleset(t, "open"), *two = ruleset(t, "two-tables");
	json_t *none = json_pack("{s:[]}", "nftables");
	char by[300];

	/* a set of relays, with an interval flag */
	CHECK_INT(t, admits(r, "198.51.100.128/25", 2525, by), 1);
	CHECK(t, strstr(by, "\"batched SMTP\"") != NULL);
	CHECK_INT(t, admits(r, "192.0.2.128/25", 2525, by), 1);
	CHECK_INT(t, admits(r, "192.0.2.200", 2525, by), 1);  /* one address */
	/* a drop for one address inside the network: not every relay gets in */
	CHECK_INT(t, admits(r, "198.51.100.0/24", 2525, by), 0);
	CHECK(t, strstr(by, "drops part of the network") != NULL);
	/* a network larger than the set's: part of it ends at the policy */
	CHECK_INT(t, admits(r, "192.0.2.0/24", 2525, by), 0);
	/* another port: only 22, 80, 443 and the relays' port */
	CHECK_INT(t, admits(r, "198.51.100.128/25", 2526, by), 0);
	CHECK(t, strstr(by, "policy drop") != NULL);
	CHECK_INT(t, admits(r, "198.51.100.128/25", 443, by), 1);
	/* IPv6 with a port range */
	CHECK_INT(t, admits(r, "2001:db8:7::/48", 2525, by), 1);
	CHECK_INT(t, admits(r, "2001:db8:7:1::/64", 2599, by), 1);
	CHECK_INT(t, admits(r, "2001:db8:7::/48", 2601, by), 0);
	CHECK_INT(t, admits(r, "2001:db8:8::/48", 2525, by), 0);
	/* a jump: accepted in the jumped-to chain, dropped there, or both */
	CHECK_INT(t, admits(r, "203.0.113.0/28", 2525, by), 1);
	CHECK(t, strstr(by, "chain smtp") != NULL);
	CHECK_INT(t, admits(r, "203.0.113.16/28", 2525, by), 0);
	CHECK_INT(t, admits(r, "203.0.113.0/24", 2525, by), 0);
	/* an interface name cannot be judged from inside: cannot tell */
	CHECK_INT(t, admits(r, "198.51.100.128/25", 2626, by), -1);
	CHECK(t, strstr(by, "cannot tell") != NULL);
	/* the loopback rule never admits the relays */
	CHECK_INT(t, admits(r, "10.0.0.0/8", 2525, by), 0);

	/* nothing filters */
	CHECK_INT(t, admits(open, "10.0.0.0/8", 2525, by), 1);
	CHECK(t, strstr(by, "policy accept") != NULL);
	CHECK_INT(t, admits(none, "10.0.0.0/8", 2525, by), 1);
	CHECK(t, strstr(by, "no input chain") != NULL);
	/* two base chains: the first accepts, the second must too */
	CHECK_INT(t, admits(two, "198.51.100.0/24", 2525, by), 1);
	CHECK_INT(t, admits(two, "203.0.113.0/24", 2525, by), 0);
	CHECK(t, strstr(by, "second") != NULL);
	CHECK_INT(t, admits(two, "2001:db8::/32", 2525, by), 1);  /* ip tables see no IPv6 */

	/* not a network */
	CHECK_INT(t, admits(r, "198.51.100.0/33", 2525, by), -1);
	CHECK_INT(t, admits(r, "relays.example.net", 2525, by), -1);
	json_decref(r);
	json_decref(open);
	json_decref(two);
	json_decref(none);
}
