/*
 * firewall.c - the batched-SMTP facts: the port listens, the firewall
 * admits the relay networks; see firewall.h.
 *
 * The nftables evaluation is specbench's own: libnftables parses and
 * lists rulesets but does not answer "would this packet pass", and the
 * answer must be for a whole network, not one address.  Each match is
 * judged three ways (true for every address of the network, false for
 * every one, or "cannot tell"); a rule that cannot be told is remembered
 * with its verdict, and the final answer stands only if every such rule
 * would have led to the same verdict.
 */
#include <arpa/inet.h>
#include <netdb.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/jsonutil.h"
#include "base/printable.h"
#include "base/docpath.h"
#include "base/strbuf.h"
#include "firewall.h"

#define MAX_DEPTH 16

/* A match for a whole network: true for every address, for none, for a part
 * of them (certainly), or it cannot be told here. */
enum tri { NO, YES, PART, UNSURE };
enum verdict { V_NONE, V_ACCEPT, V_DROP };

struct packet {
	bool v6;
	unsigned char lo[16], hi[16];  /* the network's first and last address */
	int port;
	const json_t *ruleset;
	const char *family, *table;    /* of the chain being walked: where @sets are */
	char unsure_by[200];
	unsigned unsure_verdicts;      /* 1 << V_ACCEPT | 1 << V_DROP of rules that could not be told */
};

/* ---- addresses -------------------------------------------------------------- */

static int parse_prefix(const char *text, int len, bool *v6, unsigned char lo[16], unsigned char hi[16])
{
	unsigned char a[16] = { 0 };
	int bits;

	*v6 = strchr(text, ':') != NULL;
	if (inet_pton(*v6 ? AF_INET6 : AF_INET, text, a) != 1)
		return -1;
	bits = *v6 ? 128 : 32;
	if (len < 0)
		len = bits;
	if (len > bits)
		return -1;
	for (int i = 0; i < 16; i++) {
		int keep = len - i * 8;
		unsigned char mask = keep >= 8 ? 0xff : keep <= 0 ? 0 : (unsigned char)(0xff << (8 - keep));

		lo[i] = a[i] & mask;
		hi[i] = (unsigned char)(lo[i] | (unsigned char)~mask);
	}
	if (!*v6)
		memset(lo + 4, 0, 12), memset(hi + 4, 0, 12);
	return 0;
}

/* How does the address range [lo, hi] of a rule relate to the packet's
 * network: covers it (YES), misses it (NO), or covers a part (PART)? */
static enum tri relate(const struct packet *p, bool v6, const unsigned char lo[16], const unsigned char hi[16])
{
	if (v6 != p->v6 || memcmp(hi, p->lo, 16) < 0 || memcmp(lo, p->hi, 16) > 0)
		return NO;
	return memcmp(lo, p->lo, 16) <= 0 && memcmp(hi, p->hi, 16) >= 0 ? YES : PART;
}

static const json_t *named_set(const struct packet *p, const char *name)
{
	const json_t *item;
	size_t i;

	json_array_foreach(json_object_get(p->ruleset, "nftables"), i, item) {
		const json_t *set = json_object_get(item, "set");

		if (set && !strcmp(rd_str_or(set, "name", ""), name) && !strcmp(rd_str_or(set, "family", ""), p->family) &&
		    !strcmp(rd_str_or(set, "table", ""), p->table))
			return json_object_get(set, "elem");
	}
	return NULL;
}

static enum tri address_in(const struct packet *p, const json_t *right);

/* A set: YES when an element covers the network, NO when all miss it,
 * else PART (or UNSURE when an element could not be read). */
static enum tri any_of(const struct packet *p, const json_t *elems, enum tri (*one)(const struct packet *, const json_t *))
{
	enum tri r = NO;
	const json_t *e;
	size_t i;

	if (!json_is_array(elems))
		return elems ? one(p, elems) : UNSURE;
	json_array_foreach(elems, i, e) {
		enum tri t = one(p, json_object_get(e, "elem") ? json_object_get(json_object_get(e, "elem"), "val") : e);

		if (t == YES)
			return YES;
		if (t > r)
			r = t;
	}
	return r;
}

static enum tri address_in(const struct packet *p, const json_t *right)
{
	unsigned char lo[16], hi[16], lo2[16], hi2[16];
	const json_t *pre = json_object_get(right, "prefix"), *range = json_object_get(right, "range");
	bool v6, v6b;

	if (json_is_string(right) && json_string_value(right)[0] == '@')
		return any_of(p, named_set(p, json_string_value(right) + 1), address_in);
	if (json_object_get(right, "set"))
		return any_of(p, json_object_get(right, "set"), address_in);
	if (json_is_string(right))
		return parse_prefix(json_string_value(right), -1, &v6, lo, hi) ? UNSURE : relate(p, v6, lo, hi);
	if (pre && json_is_string(json_object_get(pre, "addr")))
		return parse_prefix(rd_str(pre, "addr"),
				    (int)rd_int_or(pre, "len", 0), &v6, lo, hi) ?
			UNSURE : relate(p, v6, lo, hi);
	if (json_is_array(range) && json_array_size(range) == 2 &&
	    !parse_prefix(rd_str_or(range, "[0]", ""), -1, &v6, lo, hi) &&
	    !parse_prefix(rd_str_or(range, "[1]", ""), -1, &v6b, lo2, hi2) && v6 == v6b)
		return relate(p, v6, lo, hi2);
	return UNSURE;
}

/* ---- values ------------------------------------------------------------------ */

static int port_of(const json_t *v)
{
	struct servent *s;

	if (json_is_integer(v))
		return (int)json_integer_value(v);
	if (json_is_string(v) && (s = getservbyname(json_string_value(v), "tcp")))
		return ntohs((unsigned short)s->s_port);
	return -1;
}

static enum tri port_in(const struct packet *p, const json_t *right)
{
	const json_t *range = json_object_get(right, "range");

	if (json_is_string(right) && json_string_value(right)[0] == '@')
		return any_of(p, named_set(p, json_string_value(right) + 1), port_in);
	if (json_object_get(right, "set"))
		return any_of(p, json_object_get(right, "set"), port_in);
	if (json_is_array(range) && json_array_size(range) == 2 && port_of(json_array_get(range, 0)) >= 0)
		return port_of(json_array_get(range, 0)) <= p->port && p->port <= port_of(json_array_get(range, 1)) ?
			YES : NO;
	return port_of(right) < 0 ? UNSURE : port_of(right) == p->port ? YES : NO;
}

/* A word or a number among the values of right ("tcp" or 6; a set). */
static enum tri word_in(const json_t *right, const char *word, int number)
{
	const json_t *set = json_object_get(right, "set"), *e;
	size_t i;

	if (json_is_array(set) || json_is_array(right)) {
		json_array_foreach(set ? set : right, i, e)
			if (word_in(e, word, number) == YES)
				return YES;
		return NO;
	}
	if (json_is_string(right))
		return !strcmp(json_string_value(right), word) ? YES : NO;
	if (json_is_integer(right))
		return json_integer_value(right) == number ? YES : NO;
	return UNSURE;
}

/* ---- one match ---------------------------------------------------------------- */

static enum tri match(struct packet *p, const json_t *m)
{
	const json_t *left = json_object_get(m, "left"), *right = json_object_get(m, "right");
	const json_t *pl = json_object_get(left, "payload"), *meta = json_object_get(left, "meta"),
		*ct = json_object_get(left, "ct");
	const char *op = rd_str_or(m, "op", "==");
	const char *proto = rd_str_or(pl, "protocol", ""),
		*field = rd_str_or(pl, "field", ""),
		*key = rd_str_or(meta ? meta : ct, "key", "");
	enum tri t = UNSURE;

	if (strcmp(op, "==") && strcmp(op, "!=") && strcmp(op, "in"))
		return UNSURE;  /* <, >, & ...: not judged */
	if (pl && (!strcmp(proto, "ip") || !strcmp(proto, "ip6")) && !strcmp(field, "saddr"))
		t = (!strcmp(proto, "ip6")) != p->v6 ? NO : address_in(p, right);
	else if (pl && (!strcmp(proto, "ip") || !strcmp(proto, "ip6")) && (!strcmp(field, "protocol") || !strcmp(field, "nexthdr")))
		t = (!strcmp(proto, "ip6")) != p->v6 ? NO : word_in(right, "tcp", 6);
	else if (pl && (!strcmp(proto, "tcp") || !strcmp(proto, "th")) && !strcmp(field, "dport"))
		t = port_in(p, right);
	else if (pl && (!strcmp(proto, "udp") || !strcmp(proto, "sctp") || !strcmp(proto, "icmp") || !strcmp(proto, "icmpv6")))
		t = NO;  /* a TCP packet has no such header */
	else if (meta && !strcmp(key, "l4proto"))
		t = word_in(right, "tcp", 6);
	else if (meta && !strcmp(key, "nfproto"))
		t = word_in(right, p->v6 ? "ipv6" : "ipv4", p->v6 ? 10 : 2);
	else if (meta && (!strcmp(key, "iifname") || !strcmp(key, "iif")) && word_in(right, "lo", 1) == YES)
		t = NO;  /* the relays do not arrive on the loopback */
	else if (ct && !strcmp(key, "state"))
		t = word_in(right, "new", 8);
	if (!strcmp(op, "!=") && (t == YES || t == NO))
		t = t == YES ? NO : YES;
	return t;
}

/* ---- chains ------------------------------------------------------------------- */

static void describe(char *buf, size_t size, const json_t *rule, const char *what)
{
	const char *comment = rd_str(rule, "comment");

	snprintf(buf, size, "%s %s table, chain %s, rule %lld (%s)%s%s%s",
		 rd_str_or(rule, "family", "?"),
		 rd_str_or(rule, "table", "?"),
		 rd_str_or(rule, "chain", "?"),
		 rd_int_or(rule, "handle", 0), what,
		 comment ? ": \"" : "", comment ? comment : "", comment ? "\"" : "");
}

static enum verdict chain_verdict(struct packet *p, const char *family, const char *table, const char *chain,
				  int depth, char *by, size_t size)
{
	const json_t *item;
	size_t i;

	if (depth > MAX_DEPTH)
		return V_NONE;
	p->family = family;  /* a jump stays in its table */
	p->table = table;
	json_array_foreach(json_object_get(p->ruleset, "nftables"), i, item) {
		const json_t *rule = json_object_get(item, "rule"), *e;
		enum tri all = YES;
		enum verdict v = V_NONE;
		const char *target = NULL, *what = NULL;
		bool jump_is_goto = false;
		size_t k;

		if (!rule || strcmp(rd_str_or(rule, "family", ""), family) ||
		    strcmp(rd_str_or(rule, "table", ""), table) ||
		    strcmp(rd_str_or(rule, "chain", ""), chain))
			continue;
		json_array_foreach(json_object_get(rule, "expr"), k, e) {
			const char *stmt = json_object_iter_key(json_object_iter((json_t *)e));

			if (!stmt || v != V_NONE || target)
				break;
			if (!strcmp(stmt, "match")) {
				enum tri t = match(p, json_object_get(e, "match"));

				if (t == NO || all == NO)
					all = NO;
				else if (t > all)
					all = t;  /* UNSURE over PART over YES */
			} else if (!strcmp(stmt, "accept")) {
				v = V_ACCEPT, what = "accept";
			} else if (!strcmp(stmt, "drop") || !strcmp(stmt, "reject")) {
				v = V_DROP, what = stmt;
			} else if (!strcmp(stmt, "jump") || !strcmp(stmt, "goto")) {
				target = rd_str(rd_get(e, stmt), "target");
				jump_is_goto = !strcmp(stmt, "goto");
				what = stmt;
			} else if (!strcmp(stmt, "xt") || !strcmp(stmt, "queue")) {
				if (all != NO)
					all = UNSURE;  /* an iptables extension nft cannot show, a queue to a program */
			}
			/* counter, log, limit, meta set, ...: no verdict */
		}
		if (all == NO || (v == V_NONE && !target))
			continue;
		/* a rule for part of the network: part of it dropped is a "no" for
		 * the whole (unless an earlier rule could not be told); part of it
		 * accepted decides nothing, the rest goes on */
		if (all == PART && v == V_ACCEPT)
			continue;
		if (all == PART && v == V_DROP) {
			describe(by, size, rule, "drops part of the network");
			return V_DROP;
		}
		if (all == PART)
			all = UNSURE;  /* a jump for part of it */
		if (target) {
			char sub[200];
			enum verdict jv = chain_verdict(p, family, table, target, depth + 1, sub, sizeof(sub));

			if (all == UNSURE) {
				p->unsure_verdicts |= 1u << V_ACCEPT | 1u << V_DROP;
				if (!p->unsure_by[0])
					describe(p->unsure_by, sizeof(p->unsure_by), rule, what);
				continue;
			}
			if (jv != V_NONE) {
				snprintf(by, size, "%s", sub);
				return jv;
			}
			if (jump_is_goto)
				return V_NONE;
			continue;
		}
		if (all == UNSURE) {
			p->unsure_verdicts |= 1u << v;
			if (!p->unsure_by[0])
				describe(p->unsure_by, sizeof(p->unsure_by), rule, what);
			continue;
		}
		describe(by, size, rule, what);
		return v;
	}
	return V_NONE;
}

enum nft_admission nft_admits(const json_t *ruleset, const char *network, int port, char *decided_by,
			      size_t size)
{
	struct packet p;
	const json_t *item;
	char net[64], *slash;
	size_t i;
	int len = -1;

	memset(&p, 0, sizeof(p));
	snprintf(net, sizeof(net), "%s", network);
	slash = strchr(net, '/');
	if (slash) {
		*slash = '\0';
		len = atoi(slash + 1);
	}
	if (parse_prefix(net, len, &p.v6, p.lo, p.hi)) {
		snprintf(decided_by, size, "'%s' is not a network", network);
		return NFT_CANNOT_TELL;
	}
	p.port = port;
	p.ruleset = ruleset;
	snprintf(decided_by, size, "no input chain: nothing filters");
	/* every base chain on the input hook must let it pass */
	json_array_foreach(json_object_get(ruleset, "nftables"), i, item) {
		const json_t *c = json_object_get(item, "chain");
		const char *fam = rd_str_or(c, "family", ""),
			*policy = rd_str_or(c, "policy", "accept");
		char by[200];
		enum verdict v;

		if (!c || strcmp(rd_str_or(c, "hook", ""), "input") ||
		    (strcmp(fam, "inet") && strcmp(fam, p.v6 ? "ip6" : "ip")))
			continue;
		p.unsure_by[0] = '\0';
		p.unsure_verdicts = 0;
		v = chain_verdict(&p, fam, rd_str_or(c, "table", ""),
				  rd_str_or(c, "name", ""), 0, by, sizeof(by));
		if (v == V_NONE) {
			v = strcmp(policy, "drop") ? V_ACCEPT : V_DROP;
			snprintf(by, sizeof(by), "%s %s table, chain %s: policy %s", fam,
				 rd_str_or(c, "table", "?"),
				 rd_str_or(c, "name", "?"), policy);
		}
		if (p.unsure_verdicts & ~(1u << v)) {
			snprintf(decided_by, size, "cannot tell: %s matches on what cannot be judged from here "
				 "(an interface, a mark, an iptables extension)", p.unsure_by);
			return NFT_CANNOT_TELL;
		}
		if (v == V_DROP) {
			snprintf(decided_by, size, "%s", by);
			return NFT_REFUSED;
		}
		snprintf(decided_by, size, "%s", by);
	}
	return NFT_ADMITTED;
}

/* ---- the facts --------------------------------------------------------------------- */

/* The local addresses listening on port (TCP, state 0A = LISTEN). */
static json_t *listening(int port)
{
	json_t *arr = json_array();
	const char *files[] = { "/proc/net/tcp", "/proc/net/tcp6" };

	for (int f = 0; f < 2; f++) {
		FILE *in = fopen(files[f], "r");
		char line[512], local[64], remote[64], st[8];

		while (in && fgets(line, sizeof(line), in)) {
			unsigned lport;
			char *colon;
			unsigned char a[16];
			char text[INET6_ADDRSTRLEN];

			if (sscanf(line, " %*s %63s %63s %7s", local, remote, st) != 3 || strcmp(st, "0A"))
				continue;
			colon = strchr(local, ':');
			if (!colon || sscanf(colon + 1, "%x", &lport) != 1 || (int)lport != port)
				continue;
			*colon = '\0';
			/* /proc prints each 32-bit word in host order */
			for (int w = 0; w < (f ? 4 : 1); w++) {
				unsigned v = 0;

				sscanf(local + w * 8, "%8x", &v);
				memcpy(a + w * 4, &v, 4);
			}
			if (inet_ntop(f ? AF_INET6 : AF_INET, a, text, sizeof(text)))
				json_array_append_new(arr, json_string(text));
		}
		if (in)
			fclose(in);
	}
	return arr;
}

static json_t *read_ruleset(const char *path, char *why, size_t size)
{
	json_error_t e;
	json_t *r;
	FILE *f;

	if (path) {
		r = json_load_file(path, 0, &e);
		if (!r)
			snprintf(why, size, "%s: line %d: %s", path, e.line, e.text);
	} else {
		/* timeout(1): a hung nft (a lock held by another process) costs 5 s */
		f = popen("exec timeout 5 nft -j list ruleset 2>/dev/null", "r");
		r = f ? json_loadf(f, 0, &e) : NULL;
		if (f && pclose(f) && r) {
			json_decref(r);
			r = NULL;
		}
		if (!r)
			snprintf(why, size, "'nft -j list ruleset' gave no ruleset (nft missing, or not allowed: "
				 "reading the firewall needs root)");
	}
	if (r && !json_is_array(json_object_get(r, "nftables"))) {
		snprintf(why, size, "%s: not nft's JSON (no \"nftables\" array)", path ? path : "nft -j");
		json_decref(r);
		r = NULL;
	}
	return r;
}

/* The tables of the legacy iptables back end (x_tables), which nft does
 * not show: /proc/net/ip_tables_names and ip6_tables_names list them while
 * the modules are loaded.  Their names joined, "" when there are none. */
static void legacy_tables(char *buf, size_t size)
{
	const char *files[] = { "/proc/net/ip_tables_names", "/proc/net/ip6_tables_names" };
	struct strbuf sb;

	strbuf_fixed(&sb, buf, size);
	for (int f = 0; f < 2; f++) {
		FILE *in = fopen(files[f], "r");
		char line[64];

		while (in && fgets(line, sizeof(line), in)) {
			line[strcspn(line, "\n")] = '\0';
			if (line[0])
				strbuf_addf_whole(&sb, "%s%s%s", sb.len ? ", " : "", f ? "ip6 " : "ip ", line);
		}
		if (in)
			fclose(in);
	}
}

json_t *batched_smtp_fact(int port, const struct opt_list *nets, const char *nft_json)
{
	char why[300] = "", legacy[200] = "";
	json_t *ruleset = read_ruleset(nft_json, why, sizeof(why));
	json_t *o = json_pack("{s:i, s:o, s:s?, s:[]}", "port", port, "listening", listening(port),
			      "ruleset", ruleset ? "nft" : NULL, "networks");

	if (!o) {
		json_decref(ruleset);
		return NULL;
	}
	if (why[0])
		json_object_set_new(o, "why", sbj_text(why));
	if (!nft_json)
		legacy_tables(legacy, sizeof(legacy));
	for (int i = 0; i < nets->n; i++) {
		char by[300];
		enum nft_admission a = ruleset ? nft_admits(ruleset, nets->v[i], port, by, sizeof(by)) : NFT_CANNOT_TELL;

		/* what nft admits, the legacy tables may still drop */
		if (a == NFT_ADMITTED && legacy[0]) {
			a = NFT_CANNOT_TELL;
			snprintf(by, sizeof(by), "cannot tell: nftables admits it, but the legacy iptables tables "
				 "(%s) are not read", legacy);
		}

		json_array_append_new(json_object_get(o, "networks"), json_pack("{s:s, s:o, s:o}", "network",
			nets->v[i], "admitted", a == NFT_CANNOT_TELL ? json_null() : json_boolean(a == NFT_ADMITTED), "decided_by",
			sbj_text(ruleset ? by : why)));
	}
	json_decref(ruleset);
	return o;
}
