/*
 * fuzz_spf.c - SPF's check_host() (mail/spf.c) over hostile records: the
 * input is the TXT record of the domain asked about, and of every name an
 * include, redirect, a, mx or exists term reaches (so loops and deep
 * chains are tried too).  Any record gives one of the seven results, with
 * a reason for the errors, within the lookup limits; never a crash, a
 * leak or a read past a buffer.
 */
#include <stdio.h>

#include "mail/spf.h"
#include "fuzz.h"

struct fuzz_dns {
	const char *record;
	int queries;
};

static int query(void *ctx, const char *name, enum dns_type type, struct dns_answer *out)
{
	struct fuzz_dns *f = ctx;

	(void)name;
	f->queries++;
	memset(out, 0, sizeof(*out));
	if (type == DNS_TXT)
		out->rr[out->n++] = strdup(f->record);
	else if (type == DNS_A)
		out->rr[out->n++] = strdup("192.0.2.10");
	else if (type == DNS_AAAA)
		out->rr[out->n++] = strdup("2001:db8::10");
	else if (type == DNS_MX || type == DNS_PTR)
		out->rr[out->n++] = strdup("mx.example.com");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *record = fuzz_text(data, size);
	struct fuzz_dns f = { record, 0 };
	struct dns_resolver dns = { query, NULL, "the fuzzer", &f };
	struct spf_outcome o;

	if (!record)
		return 0;
	for (int family = 0; family < 2; family++) {
		f.queries = 0;
		spf_check_host(&dns, family ? "2001:db8::10" : "192.0.2.10", "example.com", "a@example.com", &o);
		if ((unsigned)o.result > SPF_PERMERROR || o.lookups > SPF_MAX_LOOKUPS + 1)
			abort();
		/* 10 terms, 10 MX or PTR names each, and their address lookups */
		if (f.queries > 1 + (SPF_MAX_LOOKUPS + 1) * 12)
			abort();
		if ((o.result == SPF_PERMERROR || o.result == SPF_TEMPERROR) && !o.why[0])
			abort();
	}
	free(record);
	return 0;
}
