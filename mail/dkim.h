/*
 * dkim.h - a DKIM key record (RFC 6376 section 3.6.1, RFC 8301, RFC 8463):
 * is what a customer published at <selector>._domainkey.<domain> a key a
 * receiver can verify signatures with?
 *
 * The tag list is parsed as section 3.2 defines it (tag=value; each tag
 * once; v=DKIM1 first when present); k= names the key type (rsa, the
 * default, or ed25519), p= the key in base64: for rsa a DER
 * SubjectPublicKeyInfo (a bare RSAPublicKey, which some generators write,
 * is accepted too), for ed25519 the 32 raw bytes.  The key is decoded with
 * OpenSSL, so "truncated" means OpenSSL could not read it, not a guess from
 * its length.  An empty p= is a revoked key.  RSA below 1024 bits must not
 * be accepted by verifiers (RFC 8301); below 2048 is weak.
 */
#ifndef SPECBENCH_MAIL_DKIM_H
#define SPECBENCH_MAIL_DKIM_H

#include <stdbool.h>

#include "base/error.h"

struct dkim_key {
	char key_type[16];   /* "rsa", "ed25519", or what k= said */
	int bits;            /* the public key's size; 0 when it did not parse */
	bool revoked;        /* p= empty */
	bool testing;        /* t=y: receivers treat failures as unsigned */
	bool sha1_only;      /* h=sha1: a hash RFC 8301 forbids */
	char problem[256];   /* why it is not a usable key; "" when it is */
	void *pkey;          /* the key (OpenSSL EVP_PKEY), for comparing; free with dkim_key_free */
};

/* 0: parsed (out->problem says whether it is usable); -1: out of memory
 * (err). */
int dkim_key_parse(const char *text, struct dkim_key *out, struct sb_error *err);
void dkim_key_free(struct dkim_key *k);

/* Is the published key the public half of the private key in the PEM file
 * at path?  0 and the answer in *matches, or -1 when the file could not be
 * read as a key (err says what went wrong). */
int dkim_key_matches(const struct dkim_key *k, const char *path, bool *matches, struct sb_error *err);

#endif
