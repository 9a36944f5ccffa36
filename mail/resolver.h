/*
 * resolver.h - the mail checks' DNS, through libunbound.
 *
 * libunbound because it is maintained, validates DNSSEC, and reports what
 * the SPF limits need: NXDOMAIN apart from NOERROR-without-records, and a
 * server failure apart from both (glibc's res_query folds them together
 * into h_errno; ldns is a wire library that leaves the resolving to us).
 *
 * The resolver asks either the system's servers (/etc/resolv.conf) or one
 * given with --dns ADDR[:PORT], always as a forwarder (a stub: specbench
 * checks what the VM's own resolver, or the named one, says).  Every query
 * is bounded: QUERY_TIMEOUT seconds, and never past the deadline the
 * caller set for the check it is making.  A server that did not answer two
 * queries in a row is not asked again for the rest of the section: when
 * every server stalls, the whole mail section still ends in seconds.
 * Queries run on libunbound's own thread (ub_ctx_async(1)), not in a forked
 * process, so nothing is left behind when specbench is killed.
 */
#ifndef SPECBENCH_MAIL_RESOLVER_H
#define SPECBENCH_MAIL_RESOLVER_H

#include "base/error.h"
#include "dns.h"

struct resolver;

/* server: NULL for the system's resolver, else ADDR, ADDR:PORT, [V6]:PORT
 * or a bare IPv6 address.  Bad usage (exit 2) for a malformed server,
 * exit 3 when libunbound cannot be set up. */
struct resolver *resolver_open(const char *server, struct sb_error *err);
void resolver_close(struct resolver *r);

/* Ask these at once and keep the answers in the resolver's cache: the
 * first queries of the checks do not depend on each other, and a check
 * that asks one of them then finds it at once.  start sends them (other
 * work, the SMTP dialogue, can go on meanwhile); finish waits for them,
 * bounded by the per-query time.  A server that answered none counts as
 * one timeout.  Names and types must stay valid until finish. */
void resolver_prefetch_start(struct resolver *r, const char *const *names, const enum dns_type *types, size_t n);
void resolver_prefetch_finish(struct resolver *r);

/* The interface the evaluators use: query() with the deadline each
 * check sets, and the server's name for the document. */
struct dns_resolver resolver_interface(struct resolver *r);

#endif
