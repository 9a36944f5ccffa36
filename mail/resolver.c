/*
 * resolver.c - DNS for the mail checks through libunbound; see resolver.h.
 *
 * A query is started with ub_resolve_async() and waited for with poll() on
 * ub_fd(), so that it can be given up at the deadline (ub_resolve() would
 * wait as long as unbound's own retries take: minutes for a server that
 * never answers).  The answer's rdata is turned into text here, the only
 * place that sees wire format: TXT strings joined, addresses with
 * inet_ntop(), names (MX, PTR, CNAME) as dotted text.
 */
#include <arpa/inet.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unbound.h>

#include "base/clock.h"
#include "base/strbuf.h"
#include "facts.h"
#include "resolver.h"
#include "hostport.h"

#define QUERY_TIMEOUT 2.0
#define GIVE_UP_AFTER 2  /* timeouts in a row */
#define PREFETCH_MAX 16

struct pending {
	int done, err;
	struct ub_result *result;
};

struct resolver {
	struct ub_ctx *ub;
	char name[96];
	double deadline;
	int timeouts;  /* in a row */
	struct pending pre[PREFETCH_MAX];  /* resolver_prefetch_start's queries */
	int pre_ids[PREFETCH_MAX];
	size_t prefetching;
	double pre_until;
};

/* The servers of resolv.conf, for messages: "10.0.0.2, 10.0.0.3". */
static void system_servers(char *buf, size_t size)
{
	FILE *f = fopen("/etc/resolv.conf", "r");
	char line[256], addr[64];
	struct strbuf sb;

	strbuf_fixed(&sb, buf, size);
	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, " nameserver %63s", addr) == 1)
			strbuf_addf_whole(&sb, "%s%s", sb.len ? ", " : "", addr);
	if (f)
		fclose(f);
}

struct resolver *resolver_open(const char *server, struct sb_error *err)
{
	struct resolver *r = calloc(1, sizeof(*r));
	char fwd[300], servers[120];
	int rc;

	if (!r) {
		sb_fail(err, SB_EXIT_SYSTEM, "out of memory");
		return NULL;
	}
	if (server) {
		char host[256];
		int port;

		if (server_parse("--dns", server, 53, true, host, sizeof(host), &port, err)) {
			free(r);
			return NULL;
		}
		snprintf(fwd, sizeof(fwd), "%s@%d", host, port);
		snprintf(r->name, sizeof(r->name), "%.46s port %d", host, port);
	}
	r->ub = ub_ctx_create();
	if (!r->ub) {
		free(r);
		sb_fail(err, SB_EXIT_SYSTEM, "cannot set up libunbound");
		return NULL;
	}
	/* a resolver on the machine itself (systemd-resolved, a test server)
	 * is what the VM uses: unbound refuses to ask localhost unless told */
	rc = ub_ctx_set_option(r->ub, "do-not-query-localhost:", "no");
	if (!rc)
		rc = ub_ctx_async(r->ub, 1);
	if (!rc && server) {
		rc = ub_ctx_set_fwd(r->ub, fwd);
	} else if (!rc) {
		rc = ub_ctx_resolvconf(r->ub, NULL);
		system_servers(servers, sizeof(servers));
		snprintf(r->name, sizeof(r->name), "the system's resolver (%.60s)", servers[0] ? servers : "none listed");
	}
	if (rc) {
		sb_fail(err, SB_EXIT_SYSTEM, "libunbound: %s%s", ub_strerror(rc),
			server ? "" : " (reading /etc/resolv.conf)");
		resolver_close(r);
		return NULL;
	}
	return r;
}

static void on_answer(void *arg, int err, struct ub_result *result)
{
	struct pending *p = arg;

	p->done = 1;
	p->err = err;
	p->result = result;
}

/* Let libunbound's thread answer until all n queries are done or the time
 * is up; how many are done. */
static size_t wait_answers(struct resolver *r, const struct pending *p, size_t n, double until)
{
	for (;;) {
		struct pollfd pfd = { ub_fd(r->ub), POLLIN, 0 };
		double left = until - mono_now();
		size_t done = 0;

		for (size_t i = 0; i < n; i++)
			done += p[i].done != 0;
		if (done == n || left <= 0)
			return done;
		if (poll(&pfd, 1, (int)(left * 1000) + 1) > 0)
			ub_process(r->ub);
	}
}

/* The queries given up on are cancelled, the answers freed; how many
 * brought an answer. */
static size_t drop_answers(struct resolver *r, struct pending *p, const int *ids, size_t n)
{
	size_t answered = 0;

	for (size_t i = 0; i < n; i++) {
		if (!p[i].done)
			ub_cancel(r->ub, ids[i]);
		answered += p[i].result != NULL;
		ub_resolve_free(p[i].result);
		p[i].result = NULL;
	}
	return answered;
}

void resolver_close(struct resolver *r)
{
	if (!r)
		return;
	drop_answers(r, r->pre, r->pre_ids, r->prefetching);
	ub_ctx_delete(r->ub);
	free(r);
}

/* A wire-format name (uncompressed, as unbound hands rdata) as text; the
 * length it took, or 0 when malformed.  Odd bytes become \DDD as in zone
 * files, so a name can never smuggle a control character. */
static size_t wire_name(const unsigned char *p, size_t len, char *out, size_t size)
{
	struct strbuf sb;
	size_t i = 0;

	strbuf_fixed(&sb, out, size);
	while (i < len && p[i]) {
		size_t l = p[i++];

		if (l > 63 || i + l > len)
			return 0;
		for (size_t k = 0; k < l; k++, i++) {
			unsigned char ch = p[i];

			if (ch > 32 && ch < 127 && ch != '.' && ch != '\\')
				strbuf_addch(&sb, (char)ch);
			else
				strbuf_addf(&sb, "\\%03u", ch);
		}
		strbuf_addch(&sb, '.');
		if (sb.truncated)
			return 0;
	}
	if (i >= len)
		return 0;
	if (sb.len > 1)
		strbuf_setlen(&sb, sb.len - 1);  /* no trailing dot */
	return i + 1;
}

/* TXT rdata: <len><bytes> strings, joined. */
static char *txt_text(const unsigned char *p, size_t len)
{
	char *s = malloc(len + 1), *o = s;
	size_t i = 0;

	if (!s)
		return NULL;
	while (i < len) {
		size_t l = p[i++];

		if (i + l > len)
			l = len - i;  /* unbound checked it; never read past */
		for (size_t k = 0; k < l; k++)
			*o++ = p[i + k] ? (char)p[i + k] : '\x7f';
		i += l;
	}
	*o = '\0';
	return s;
}

static char *rdata_text(enum dns_type type, const unsigned char *p, size_t len)
{
	char buf[1024];

	switch (type) {
	case DNS_A:
	case DNS_AAAA:
		if (len != (type == DNS_A ? 4u : 16u) ||
		    !inet_ntop(type == DNS_A ? AF_INET : AF_INET6, p, buf, sizeof(buf)))
			return NULL;
		return strdup(buf);
	case DNS_TXT:
		return txt_text(p, len);
	case DNS_MX:
		return len > 2 && wire_name(p + 2, len - 2, buf, sizeof(buf)) ? strdup(buf) : NULL;
	case DNS_PTR:
	case DNS_CNAME:
		return wire_name(p, len, buf, sizeof(buf)) ? strdup(buf) : NULL;
	}
	return NULL;
}

static const char *type_name(enum dns_type t)
{
	switch (t) {
	case DNS_A: return "A";
	case DNS_CNAME: return "CNAME";
	case DNS_PTR: return "PTR";
	case DNS_MX: return "MX";
	case DNS_TXT: return "TXT";
	case DNS_AAAA: return "AAAA";
	}
	return "?";
}

/* Names compare without case and without a trailing dot. */
static int same_name(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	la -= la && a[la - 1] == '.';
	lb -= lb && b[lb - 1] == '.';
	return la == lb && !strncasecmp(a, b, la);
}

static int fill(struct resolver *r, const char *name, enum dns_type type, struct ub_result *res,
		struct dns_answer *out)
{
	out->secure = res->secure;
	out->bogus = res->bogus;
	if (res->bogus) {
		out->rcode = DNS_SERVFAIL;
		snprintf(out->why, sizeof(out->why), "%s %s: DNSSEC validation failed (%s)", name, type_name(type),
			 res->why_bogus ? res->why_bogus : "bogus");
		return 0;
	}
	if (res->rcode == 3 || res->nxdomain) {
		out->rcode = DNS_NXDOMAIN;
		return 0;
	}
	if (res->rcode != 0) {
		out->rcode = DNS_SERVFAIL;
		snprintf(out->why, sizeof(out->why), "%s %s: no usable answer from %s (%s)", name, type_name(type),
			 r->name, res->rcode == 2 ? "SERVFAIL: the server failed, or its answer was malformed" :
			 res->rcode == 5 ? "REFUSED" : res->rcode == 1 ? "FORMERR" : "an error rcode");
		return 0;
	}
	out->rcode = DNS_NOERROR;
	if (res->canonname && !same_name(res->canonname, name))
		snprintf(out->canon, sizeof(out->canon), "%s", res->canonname);
	for (int i = 0; res->havedata && res->data[i]; i++) {
		char *t;

		if (out->n == DNS_MAX_RR) {
			out->more = true;
			break;
		}
		t = rdata_text(type, (const unsigned char *)res->data[i], (size_t)res->len[i]);
		if (!t)
			continue;  /* malformed rdata: not a record */
		out->rr[out->n++] = t;
	}
	return 0;
}

static int query(void *ctx, const char *name, enum dns_type type, struct dns_answer *out)
{
	struct resolver *r = ctx;
	struct pending p = { 0, 0, NULL };
	double now = mono_now(), until = now + QUERY_TIMEOUT;
	int id, rc;

	memset(out, 0, sizeof(*out));
	if (r->deadline > 0 && r->deadline < until)
		until = r->deadline;
	if (r->timeouts >= GIVE_UP_AFTER || until <= now) {
		out->rcode = DNS_TIMEOUT;
		if (r->timeouts >= GIVE_UP_AFTER)
			snprintf(out->why, sizeof(out->why), "%s %s: not asked: %s answered none of the last %d queries",
				 name, type_name(type), r->name, GIVE_UP_AFTER);
		else
			snprintf(out->why, sizeof(out->why), "%s %s: not asked: the check's %.0f s were up", name,
				 type_name(type), CHECK_BUDGET);
		return 0;
	}
	rc = ub_resolve_async(r->ub, name, (int)type, 1, &p, on_answer, &id);
	if (rc) {
		out->rcode = DNS_SERVFAIL;
		snprintf(out->why, sizeof(out->why), "%s %s: %s", name, type_name(type), ub_strerror(rc));
		return 0;
	}
	if (!wait_answers(r, &p, 1, until)) {
		ub_cancel(r->ub, id);
		r->timeouts++;
		out->rcode = DNS_TIMEOUT;
		snprintf(out->why, sizeof(out->why), "%s %s: no answer from %s in %.1f s", name, type_name(type),
			 r->name, until - now);
		return 0;
	}
	r->timeouts = 0;
	if (p.err) {
		out->rcode = DNS_SERVFAIL;
		snprintf(out->why, sizeof(out->why), "%s %s: %s", name, type_name(type), ub_strerror(p.err));
		return 0;
	}
	rc = fill(r, name, type, p.result, out);
	ub_resolve_free(p.result);
	return rc;
}

void resolver_prefetch_start(struct resolver *r, const char *const *names, const enum dns_type *types, size_t n)
{
	r->prefetching = n > PREFETCH_MAX ? PREFETCH_MAX : n;
	memset(r->pre, 0, sizeof(r->pre));
	for (size_t i = 0; i < r->prefetching; i++)
		if (ub_resolve_async(r->ub, names[i], (int)types[i], 1, &r->pre[i], on_answer, &r->pre_ids[i]))
			r->pre[i].done = 1;  /* not asked: the check's own query will say why */
	r->pre_until = mono_now() + QUERY_TIMEOUT;
}

void resolver_prefetch_finish(struct resolver *r)
{
	size_t n = r->prefetching, done = wait_answers(r, r->pre, n, r->pre_until);

	/* a server that answered none of them has had its first chance */
	if (!drop_answers(r, r->pre, r->pre_ids, n) && done < n)
		r->timeouts++;
	r->prefetching = 0;
}

static void set_deadline(void *ctx, double deadline)
{
	((struct resolver *)ctx)->deadline = deadline;
}

struct dns_resolver resolver_interface(struct resolver *r)
{
	struct dns_resolver d = { query, set_deadline, r->name, r };

	return d;
}
