/*
 * spf.c - RFC 7208's check_host(); see spf.h.
 *
 * Hand-written: no maintained C library evaluates SPF (libspf2 has unfixed
 * CVEs and no release since 2012), and the checks must explain their
 * answer (the term that decided, the lookup that failed), which a library
 * that returns only the result would not.  The record is parsed whole into
 * terms first (section 4.6: a syntax error anywhere is permerror before
 * anything is looked up), then evaluated left to right.  Domain specs are
 * macro-expanded (section 7) when they are used, with the values of the
 * current check_host() call.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/strbuf.h"
#include "spf.h"

#define MAX_TERMS 64
#define MAX_NAME 253

void dns_answer_free(struct dns_answer *a)
{
	for (size_t i = 0; i < a->n; i++)
		free(a->rr[i]);
	a->n = 0;
}

const char *spf_result_name(enum spf_result r)
{
	static const char *const names[] = { "none", "neutral", "pass", "fail", "softfail", "temperror", "permerror" };

	return (unsigned)r < sizeof(names) / sizeof(names[0]) ? names[r] : "?";
}

enum mech { M_ALL, M_INCLUDE, M_A, M_MX, M_PTR, M_IP4, M_IP6, M_EXISTS };

static const struct {
	const char *name;
	enum mech m;
	bool needs_arg, may_arg, cidr;
} mechs[] = {
	{ "all", M_ALL, false, false, false },     { "include", M_INCLUDE, true, true, false },
	{ "a", M_A, false, true, true },           { "mx", M_MX, false, true, true },
	{ "ptr", M_PTR, false, true, false },      { "ip4", M_IP4, true, true, true },
	{ "ip6", M_IP6, true, true, true },        { "exists", M_EXISTS, true, true, false },
};

struct term {
	enum mech m;
	char qualifier;     /* + - ~ ? */
	char arg[MAX_NAME + 1];  /* domain spec or network, "" for none */
	int cidr4, cidr6;   /* -1: not given */
	const char *text;   /* the term as written, for decided_by */
};

struct spf_text {
	char *copy;         /* the record, cut into terms in place */
	struct term terms[MAX_TERMS];
	size_t n;
	const char *redirect;
};

/* The client: an IPv4 address (an IPv4-mapped IPv6 one counts as IPv4),
 * or an IPv6 one. */
struct client {
	bool v4;
	unsigned char addr[16];
};

struct ctx {
	const struct dns_resolver *dns;
	struct client ip;
	const char *ip_text, *sender;
	struct spf_outcome *out;
};

static enum spf_result fail_with(struct ctx *c, enum spf_result r, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static enum spf_result fail_with(struct ctx *c, enum spf_result r, const char *fmt, ...)
{
	va_list ap;

	if (!c->out->why[0]) {  /* the innermost reason is the real one */
		va_start(ap, fmt);
		vsnprintf(c->out->why, sizeof(c->out->why), fmt, ap);
		va_end(ap);
	}
	return r;
}

/* ---- parsing --------------------------------------------------------------- */

static bool modifier_name(const char *s, size_t len)
{
	if (!len || !isalpha((unsigned char)s[0]))
		return false;
	for (size_t i = 1; i < len; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '-' && s[i] != '_' && s[i] != '.')
			return false;
	return true;
}

/* "/24", "//64", "/24//64" at the end of arg, cut off: 0, or -1 when malformed. */
static int split_cidr(char *arg, struct term *t)
{
	char *slash = strchr(arg, '/'), *end;
	long v;

	t->cidr4 = t->cidr6 = -1;
	if (!slash)
		return 0;
	*slash = '\0';
	if (slash[1] != '/') {
		v = strtol(slash + 1, &end, 10);
		if (end == slash + 1 || v < 0 || v > 32 || (slash[1] == '0' && end > slash + 2))
			return -1;
		t->cidr4 = (int)v;
		slash = end;
		if (!*slash)
			return 0;
		if (slash[0] != '/')
			return -1;
	}
	if (slash[1] != '/' || !slash[2])
		return -1;
	v = strtol(slash + 2, &end, 10);
	if (*end || v < 0 || v > 128 || (slash[2] == '0' && end > slash + 3))
		return -1;
	t->cidr6 = (int)v;
	return 0;
}

static enum spf_result parse(struct ctx *c, const char *text, struct spf_text *r)
{
	char *save = NULL, *word;

	memset(r, 0, sizeof(*r));
	r->copy = strdup(text + 6);  /* after "v=spf1" */
	if (!r->copy)
		return fail_with(c, SPF_TEMPERROR, "out of memory");
	for (word = strtok_r(r->copy, " ", &save); word; word = strtok_r(NULL, " ", &save)) {
		const char *eq = strchr(word, '='), *colon = strchr(word, ':'), *sl = strchr(word, '/');
		struct term *t;
		char *name = word;
		size_t k, len;

		/* a modifier: name=value, where '=' comes before any ':' or '/' */
		if (eq && (!colon || eq < colon) && (!sl || eq < sl)) {
			if (!modifier_name(word, (size_t)(eq - word)))
				return fail_with(c, SPF_PERMERROR, "'%s': not a term", word);
			if (!strncasecmp(word, "redirect=", 9)) {
				if (r->redirect)
					return fail_with(c, SPF_PERMERROR, "redirect= given twice");
				if (!eq[1])
					return fail_with(c, SPF_PERMERROR, "redirect= without a domain");
				r->redirect = eq + 1;
			}
			continue;  /* exp= and unknown modifiers change no result */
		}
		if (r->n == MAX_TERMS)
			return fail_with(c, SPF_PERMERROR, "more than %d terms", MAX_TERMS);
		t = &r->terms[r->n];
		t->text = word;
		t->qualifier = '+';
		if (strchr("+-~?", *name))
			t->qualifier = *name++;
		len = strcspn(name, ":/");
		for (k = 0; k < sizeof(mechs) / sizeof(mechs[0]); k++)
			if (strlen(mechs[k].name) == len && !strncasecmp(mechs[k].name, name, len))
				break;
		if (k == sizeof(mechs) / sizeof(mechs[0]))
			return fail_with(c, SPF_PERMERROR, "'%s': not an SPF mechanism", word);
		t->m = mechs[k].m;
		name += len;
		if (*name == ':') {
			if (!mechs[k].may_arg || !name[1])
				return fail_with(c, SPF_PERMERROR, "'%s': no such argument", word);
			if (strlen(name + 1) > MAX_NAME)
				return fail_with(c, SPF_PERMERROR, "'%.60s...': too long", word);
			snprintf(t->arg, sizeof(t->arg), "%s", name + 1);
		} else if (mechs[k].needs_arg) {
			return fail_with(c, SPF_PERMERROR, "'%s' needs an argument", word);
		} else if (*name && !(*name == '/' && mechs[k].cidr)) {
			return fail_with(c, SPF_PERMERROR, "'%s': not an SPF mechanism", word);
		} else {
			snprintf(t->arg, sizeof(t->arg), "%s", name);  /* "" or a CIDR */
		}
		t->cidr4 = t->cidr6 = -1;
		if (t->m == M_IP4 || t->m == M_IP6) {
			/* ip4-cidr-length / ip6-cidr-length: one slash, 0-32 / 0-128 */
			char *slash = strchr(t->arg, '/'), *end;
			unsigned char net[16];
			long bits = t->m == M_IP4 ? 32 : 128;

			if (slash) {
				*slash = '\0';
				bits = strtol(slash + 1, &end, 10);
				if (end == slash + 1 || *end || bits < 0 || bits > (t->m == M_IP4 ? 32 : 128) ||
				    (slash[1] == '0' && end > slash + 2))
					return fail_with(c, SPF_PERMERROR, "'%s': a malformed CIDR length", word);
			}
			if (inet_pton(t->m == M_IP4 ? AF_INET : AF_INET6, t->arg, net) != 1)
				return fail_with(c, SPF_PERMERROR, "'%s': not an %s network", word,
						 t->m == M_IP4 ? "IPv4" : "IPv6");
			if (t->m == M_IP4)
				t->cidr4 = (int)bits;
			else
				t->cidr6 = (int)bits;
		} else if (mechs[k].cidr && split_cidr(t->arg, t)) {
			return fail_with(c, SPF_PERMERROR, "'%s': a malformed CIDR length", word);
		}
		if (*name == ':' && !t->arg[0])
			return fail_with(c, SPF_PERMERROR, "'%s': an empty domain", word);
		r->n++;
	}
	return SPF_NONE;  /* parsed */
}

/* ---- macros (section 7) ------------------------------------------------------- */

/* The value of macro letter l for this check; buf is scratch. */
static const char *macro_value(struct ctx *c, char l, const char *domain, char *buf, size_t size)
{
	const char *at = strrchr(c->sender, '@');

	switch (tolower((unsigned char)l)) {
	case 's': return c->sender;
	case 'l':
		if (!at || at == c->sender)
			return "postmaster";  /* 4.3: a sender without a local part */
		snprintf(buf, size, "%.*s", (int)(at - c->sender), c->sender);
		return buf;
	case 'o': return at ? at + 1 : c->sender;
	case 'd': return domain;
	case 'i':
		if (c->ip.v4) {
			snprintf(buf, size, "%u.%u.%u.%u", c->ip.addr[12], c->ip.addr[13], c->ip.addr[14], c->ip.addr[15]);
		} else {
			struct strbuf sb;

			strbuf_fixed(&sb, buf, size);
			for (int i = 0; i < 16; i++)
				strbuf_addf_whole(&sb, "%s%x.%x", i ? "." : "", c->ip.addr[i] >> 4, c->ip.addr[i] & 15);
		}
		return buf;
	case 'p': return "unknown";  /* RFC 7208 7.3: "unknown" is allowed, and ptr is not advised */
	case 'v': return c->ip.v4 ? "in-addr" : "ip6";
	case 'h': return at ? at + 1 : c->sender;  /* no HELO here: the sender's domain */
	default: return NULL;
	}
}

/* Expand one macro body "l[digits][r][delimiters]" into out. */
static bool expand_one(struct ctx *c, const char *body, size_t blen, const char *domain, char *out, size_t size)
{
	char scratch[MAX_NAME + 1], value[4 * MAX_NAME], *parts[128];
	const char *v = macro_value(c, body[0], domain, scratch, sizeof(scratch)), *p = body + 1;
	char delims[8] = "";
	size_t n = 0, keep = 0, first;
	struct strbuf sb;
	bool reverse = false;

	if (!v)
		return false;
	while (p < body + blen && isdigit((unsigned char)*p))
		keep = keep * 10 + (size_t)(*p++ - '0');
	if (p > body + 1 && keep == 0)
		return false;  /* "0" transformer: not allowed */
	if (p < body + blen && tolower((unsigned char)*p) == 'r') {
		reverse = true;
		p++;
	}
	for (; p < body + blen; p++) {
		if (!strchr(".-+,/_=", *p) || strlen(delims) + 1 >= sizeof(delims))
			return false;
		delims[strlen(delims)] = *p;
	}
	if (!delims[0])
		strcpy(delims, ".");
	snprintf(value, sizeof(value), "%s", v);
	for (char *save = NULL, *w = strtok_r(value, delims, &save); w && n < 128; w = strtok_r(NULL, delims, &save))
		parts[n++] = w;
	if (reverse)
		for (size_t i = 0; i < n / 2; i++) {
			char *x = parts[i];

			parts[i] = parts[n - 1 - i];
			parts[n - 1 - i] = x;
		}
	first = keep && keep < n ? n - keep : 0;
	strbuf_fixed(&sb, out, size);
	for (size_t i = first; i < n; i++) {
		const char *w = parts[i];

		if (i > first)
			strbuf_addch(&sb, '.');
		/* 7.3: an uppercase macro is URL-escaped: all but RFC 3986's unreserved */
		for (; isupper((unsigned char)body[0]) && *w; w++)
			strbuf_addf(&sb, isalnum((unsigned char)*w) || strchr("-._~", *w) ? "%c" : "%%%02X",
				    (unsigned char)*w);
		strbuf_addstr(&sb, w);
	}
	return !sb.truncated;
}

/* The domain spec expanded; false when malformed.  A result longer than
 * 253 characters loses labels on the left (section 7.3). */
static bool expand(struct ctx *c, const char *spec, const char *domain, char *out, size_t size)
{
	char buf[1024];
	struct strbuf sb;

	strbuf_fixed(&sb, buf, sizeof(buf));
	for (const char *p = spec; *p; p++) {
		char piece[4 * MAX_NAME];

		if (*p != '%') {
			piece[0] = *p;
			piece[1] = '\0';
		} else if (p[1] == '%' || p[1] == '_' || p[1] == '-') {
			snprintf(piece, sizeof(piece), "%s", p[1] == '%' ? "%" : p[1] == '_' ? " " : "%20");
			p++;
		} else if (p[1] == '{') {
			const char *close = strchr(p + 2, '}');

			if (!close || close == p + 2 || !expand_one(c, p + 2, (size_t)(close - p - 2), domain, piece,
								    sizeof(piece)))
				return false;
			p = close;
		} else {
			return false;
		}
		strbuf_addstr(&sb, piece);
		if (sb.truncated)
			return false;
	}
	{
		const char *s = buf;

		while (strlen(s) > MAX_NAME && strchr(s, '.'))
			s = strchr(s, '.') + 1;
		if (strlen(s) > MAX_NAME || !*s)
			return false;
		snprintf(out, size, "%s", s);
	}
	return true;
}

/* ---- DNS, with the limits -------------------------------------------------------- */

/* A query of a mechanism: TIMEOUT/SERVFAIL -> temperror; a void answer
 * counted when the query is the term's own (4.6.4 limits void *terms*:
 * the address lookups of an mx term's hosts are not).  0: answered (maybe
 * empty), -1 with *r set. */
static int ask(struct ctx *c, const char *name, enum dns_type type, bool own, struct dns_answer *a,
	       enum spf_result *r)
{
	memset(a, 0, sizeof(*a));
	if (c->dns->query(c->dns->ctx, name, type, a)) {
		*r = fail_with(c, SPF_TEMPERROR, "out of memory");
		return -1;
	}
	if (a->rcode == DNS_TIMEOUT || a->rcode == DNS_SERVFAIL) {
		if (a->why[0])  /* the resolver's reason names the query */
			*r = fail_with(c, SPF_TEMPERROR, "%s", a->why);
		else
			*r = fail_with(c, SPF_TEMPERROR, "%s %s: %s", name, type == DNS_TXT ? "TXT" : type == DNS_MX ?
				       "MX" : type == DNS_AAAA ? "AAAA" : type == DNS_PTR ? "PTR" : "A",
				       a->rcode == DNS_TIMEOUT ? "no answer in time" : "server failure");
		dns_answer_free(a);
		return -1;
	}
	if (own && (a->rcode == DNS_NXDOMAIN || a->n == 0)) {
		if (++c->out->void_lookups > SPF_MAX_VOID) {
			*r = fail_with(c, SPF_PERMERROR, "more than %d void lookups (the last: %s)", SPF_MAX_VOID, name);
			dns_answer_free(a);
			return -1;
		}
	}
	return 0;
}

static bool count_lookup(struct ctx *c, enum spf_result *r)
{
	if (++c->out->lookups > SPF_MAX_LOOKUPS) {
		*r = fail_with(c, SPF_PERMERROR, "more than %d DNS-querying terms", SPF_MAX_LOOKUPS);
		return false;
	}
	return true;
}

static bool in_network(const struct client *ip, bool v4, const unsigned char *net, int bits)
{
	const unsigned char *a = v4 ? ip->addr + 12 : ip->addr;

	if (ip->v4 != v4)
		return false;
	for (int i = 0; bits > 0; i++, bits -= 8) {
		unsigned char mask = bits >= 8 ? 0xff : (unsigned char)(0xff << (8 - bits));

		if ((a[i] & mask) != (net[i] & mask))
			return false;
	}
	return true;
}

/* Does any address record of name lie in the client's network of the
 * term's CIDR length?  1 yes, 0 no, -1 with *r. */
static int addresses_match(struct ctx *c, const char *name, const struct term *t, bool own, enum spf_result *r)
{
	struct dns_answer a;
	bool v4 = c->ip.v4;
	int bits = v4 ? (t->cidr4 < 0 ? 32 : t->cidr4) : (t->cidr6 < 0 ? 128 : t->cidr6), hit = 0;

	if (ask(c, name, v4 ? DNS_A : DNS_AAAA, own, &a, r))
		return -1;
	for (size_t i = 0; i < a.n && !hit; i++) {
		unsigned char net[16];

		if (inet_pton(v4 ? AF_INET : AF_INET6, a.rr[i], net) == 1)
			hit = in_network(&c->ip, v4, net, bits);
	}
	dns_answer_free(&a);
	return hit;
}

static enum spf_result check_host(struct ctx *c, const char *domain, int depth);

/* One mechanism: 1 matched, 0 not, -1 with *r (an error ends the check). */
static int try_term(struct ctx *c, const struct term *t, const char *domain, int depth, enum spf_result *r)
{
	char target[MAX_NAME + 1];
	struct dns_answer a;
	int hit = 0;

	if (t->m != M_ALL && t->m != M_IP4 && t->m != M_IP6) {
		if (!count_lookup(c, r))
			return -1;
		if (!expand(c, t->arg[0] ? t->arg : "%{d}", domain, target, sizeof(target))) {
			*r = fail_with(c, SPF_PERMERROR, "'%s': a malformed domain spec", t->text);
			return -1;
		}
	}
	switch (t->m) {
	case M_ALL:
		return 1;
	case M_IP4:
	case M_IP6: {
		unsigned char net[16];
		bool v4 = t->m == M_IP4;

		if (inet_pton(v4 ? AF_INET : AF_INET6, t->arg, net) != 1)
			return 0;
		return in_network(&c->ip, v4, net, v4 ? (t->cidr4 < 0 ? 32 : t->cidr4) : (t->cidr6 < 0 ? 128 : t->cidr6));
	}
	case M_A:
		return addresses_match(c, target, t, true, r);
	case M_MX:
		if (ask(c, target, DNS_MX, true, &a, r))
			return -1;
		if (a.n > 10) {
			dns_answer_free(&a);
			*r = fail_with(c, SPF_PERMERROR, "%s has %zu MX records, more than 10", target, a.n);
			return -1;
		}
		for (size_t i = 0; i < a.n && hit == 0; i++)
			hit = addresses_match(c, a.rr[i], t, false, r);
		dns_answer_free(&a);
		return hit;
	case M_EXISTS:
		if (ask(c, target, DNS_A, true, &a, r))
			return -1;
		hit = a.n > 0;
		dns_answer_free(&a);
		return hit;
	case M_PTR: {
		char rev[80];
		struct strbuf sb;

		strbuf_fixed(&sb, rev, sizeof(rev));
		if (c->ip.v4)
			strbuf_addf(&sb, "%u.%u.%u.%u.in-addr.arpa", c->ip.addr[15], c->ip.addr[14],
				    c->ip.addr[13], c->ip.addr[12]);
		else {
			for (int i = 15; i >= 0; i--)
				strbuf_addf(&sb, "%x.%x.", c->ip.addr[i] & 15, c->ip.addr[i] >> 4);
			strbuf_addstr(&sb, "ip6.arpa");
		}
		/* errors of a PTR lookup make the mechanism not match (5.5) */
		memset(&a, 0, sizeof(a));
		if (c->dns->query(c->dns->ctx, rev, DNS_PTR, &a) || a.rcode != DNS_NOERROR) {
			dns_answer_free(&a);
			return 0;
		}
		for (size_t i = 0; i < a.n && i < 10 && hit == 0; i++) {
			size_t nl = strlen(a.rr[i]), tl = strlen(target);
			struct term exact = { M_A, '+', "", -1, -1, t->text };
			enum spf_result ignored;

			if (!(nl == tl && !strcasecmp(a.rr[i], target)) &&
			    !(nl > tl && a.rr[i][nl - tl - 1] == '.' && !strcasecmp(a.rr[i] + nl - tl, target)))
				continue;
			hit = addresses_match(c, a.rr[i], &exact, false, &ignored) == 1;  /* validated name */
		}
		dns_answer_free(&a);
		return hit;
	}
	case M_INCLUDE:
		switch (check_host(c, target, depth + 1)) {
		case SPF_PASS:
			return 1;
		case SPF_FAIL:
		case SPF_SOFTFAIL:
		case SPF_NEUTRAL:
			/* not a match: what decided inside does not decide here */
			c->out->why[0] = '\0';
			c->out->decided_by[0] = '\0';
			return 0;
		case SPF_TEMPERROR:
			*r = SPF_TEMPERROR;
			return -1;
		case SPF_NONE:
			*r = fail_with(c, SPF_PERMERROR, "include:%s has no SPF record", target);
			return -1;
		case SPF_PERMERROR:
			*r = SPF_PERMERROR;
			return -1;
		}
	}
	return 0;
}

static enum spf_result qualified(char q)
{
	return q == '-' ? SPF_FAIL : q == '~' ? SPF_SOFTFAIL : q == '?' ? SPF_NEUTRAL : SPF_PASS;
}

static bool valid_domain(const char *d)
{
	size_t len = strlen(d), label = 0;

	if (!len || len > MAX_NAME || !strchr(d, '.'))
		return false;
	for (const char *p = d; *p; p++) {
		if (*p == '.') {
			if (!label)
				return false;
			label = 0;
		} else if (++label > 63) {
			return false;
		}
	}
	return true;
}

static enum spf_result check_host(struct ctx *c, const char *domain, int depth)
{
	struct dns_answer a;
	struct spf_text rec;
	const char *spf = NULL;
	enum spf_result r = SPF_NONE;
	size_t found = 0;

	if (!valid_domain(domain))
		return fail_with(c, SPF_NONE, "'%s' is not a domain name", domain);
	memset(&a, 0, sizeof(a));
	if (c->dns->query(c->dns->ctx, domain, DNS_TXT, &a))
		return fail_with(c, SPF_TEMPERROR, "out of memory");
	if (a.rcode == DNS_TIMEOUT || a.rcode == DNS_SERVFAIL) {
		r = a.why[0] ? fail_with(c, SPF_TEMPERROR, "%s", a.why) :
			fail_with(c, SPF_TEMPERROR, "%s TXT: %s", domain,
				  a.rcode == DNS_TIMEOUT ? "no answer in time" : "server failure");
		dns_answer_free(&a);
		return r;
	}
	for (size_t i = 0; i < a.n; i++)
		if (!strncasecmp(a.rr[i], "v=spf1", 6) && (a.rr[i][6] == '\0' || a.rr[i][6] == ' ')) {
			spf = a.rr[i];
			found++;
		}
	if (found != 1) {
		r = found ? fail_with(c, SPF_PERMERROR, "%s has %zu SPF records (one is allowed)", domain, found) :
			    fail_with(c, SPF_NONE, "%s has no SPF record", domain);
		dns_answer_free(&a);
		return r;
	}
	if (depth == 0)
		snprintf(c->out->record, sizeof(c->out->record), "%s", spf);
	r = parse(c, spf, &rec);
	dns_answer_free(&a);
	if (r != SPF_NONE) {
		free(rec.copy);
		return r;
	}
	for (size_t i = 0; i < rec.n; i++) {
		int hit = try_term(c, &rec.terms[i], domain, depth, &r);

		if (hit < 0) {
			free(rec.copy);
			return r;
		}
		if (hit) {
			/* the decisive term: the innermost one, named through its includes */
			char was[sizeof(c->out->decided_by)];

			snprintf(was, sizeof(was), "%s", c->out->decided_by);
			if (rec.terms[i].m == M_INCLUDE && was[0])
				snprintf(c->out->decided_by, sizeof(c->out->decided_by), "%.120s > %.130s", rec.terms[i].text,
					 was);
			else
				snprintf(c->out->decided_by, sizeof(c->out->decided_by), "%s", rec.terms[i].text);
			r = qualified(rec.terms[i].qualifier);
			free(rec.copy);
			return r;
		}
	}
	if (rec.redirect) {
		char target[MAX_NAME + 1];

		if (!count_lookup(c, &r)) {
			free(rec.copy);
			return r;
		}
		if (!expand(c, rec.redirect, domain, target, sizeof(target))) {
			/* the message first: rec.redirect lies in rec.copy */
			r = fail_with(c, SPF_PERMERROR, "redirect=%.200s: a malformed domain spec", rec.redirect);
			free(rec.copy);
			return r;
		}
		free(rec.copy);
		r = check_host(c, target, depth + 1);
		if (r == SPF_NONE)
			return fail_with(c, SPF_PERMERROR, "redirect=%s has no SPF record", target);
		if (c->out->decided_by[0] || r != SPF_NEUTRAL) {
			char was[sizeof(c->out->decided_by)];

			snprintf(was, sizeof(was), "%s", c->out->decided_by);
			snprintf(c->out->decided_by, sizeof(c->out->decided_by), "redirect=%.100s%s%.140s", target,
				 was[0] ? " > " : "", was);
		}
		return r;
	}
	free(rec.copy);
	return SPF_NEUTRAL;  /* nothing matched, no redirect (4.7) */
}

void spf_check_host(const struct dns_resolver *dns, const char *ip, const char *domain, const char *sender,
		    struct spf_outcome *out)
{
	struct ctx c = { dns, { false, { 0 } }, ip, sender ? sender : "", out };
	static const unsigned char mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };

	memset(out, 0, sizeof(*out));
	if (inet_pton(AF_INET, ip, c.ip.addr + 12) == 1) {
		memcpy(c.ip.addr, mapped, sizeof(mapped));
		c.ip.v4 = true;
	} else if (inet_pton(AF_INET6, ip, c.ip.addr) == 1) {
		c.ip.v4 = !memcmp(c.ip.addr, mapped, sizeof(mapped));
	} else {
		out->result = fail_with(&c, SPF_PERMERROR, "'%s' is not an IP address", ip);
		return;
	}
	out->result = check_host(&c, domain, 0);
	if (out->result == SPF_PASS || out->result == SPF_FAIL || out->result == SPF_SOFTFAIL ||
	    out->result == SPF_NEUTRAL)
		out->why[0] = '\0';
}
