/*
 * test_dkim.c - DKIM key records (mail/dkim.c): RFC 8463's own Ed25519
 * example, RSA keys made here with OpenSSL in both encodings, and the
 * mistakes of RFC 6376's tag-list grammar; the comparison with the
 * relay's private key.
 */
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mail/dkim.h"
#include "harness.h"

static EVP_PKEY *rsa_key(int bits)
{
	return EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)bits);
}

/* "v=DKIM1; p=<base64 of the key>": SubjectPublicKeyInfo, or with pkcs1
 * the bare RSAPublicKey. */
static char *record_of(EVP_PKEY *k, int pkcs1, const char *prefix)
{
	unsigned char *der = NULL;
	int len = pkcs1 ? i2d_PublicKey(k, &der) : i2d_PUBKEY(k, &der);
	char *rec = malloc(strlen(prefix) + (size_t)len * 2 + 16);
	int n = (int)strlen(prefix);

	memcpy(rec, prefix, (size_t)n);
	n += EVP_EncodeBlock((unsigned char *)rec + n, der, len);
	rec[n] = '\0';
	OPENSSL_free(der);
	return rec;
}

static void parse(struct t *t, const char *text, struct dkim_key *k)
{
	struct sb_error err = { 0 };

	CHECK_INT(t, dkim_key_parse(text, k, &err), 0);
}

void suite_dkim(struct t *t)
{
	struct dkim_key k;
	EVP_PKEY *rsa = rsa_key(2048), *weak = rsa_key(768), *other = rsa_key(1024);
	char *rec, *cut, path[] = "/tmp/specbench-dkim-XXXXXX";
	struct sb_error err = { 0 };
	bool m = false;
	FILE *f;
	int fd;

	/* RFC 8463 Appendix A.2: the Ed25519 key of the example */
	parse(t, "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=", &k);
	CHECK_STR(t, k.key_type, "ed25519");
	CHECK_INT(t, k.bits, 256);
	CHECK_STR(t, k.problem, "");
	dkim_key_free(&k);

	/* RSA, as SubjectPublicKeyInfo (RFC 6376 3.6.1) and as RSAPublicKey */
	rec = record_of(rsa, 0, "v=DKIM1; k=rsa; p=");
	parse(t, rec, &k);
	CHECK_STR(t, k.key_type, "rsa");
	CHECK_INT(t, k.bits, 2048);
	CHECK_STR(t, k.problem, "");
	dkim_key_free(&k);
	/* white space inside p= (folded across TXT strings) */
	cut = malloc(strlen(rec) + 8);
	sprintf(cut, "%.60s \t %s", rec, rec + 60);
	parse(t, cut, &k);
	CHECK_INT(t, k.bits, 2048);
	dkim_key_free(&k);
	/* truncated: OpenSSL cannot read it */
	sprintf(cut, "%.218s", rec);  /* 200 characters of base64: whole groups */
	parse(t, cut, &k);
	CHECK_INT(t, k.bits, 0);
	CHECK(t, strstr(k.problem, "does not decode as an rsa public key") != NULL);
	dkim_key_free(&k);
	sprintf(cut, "%.219s", rec);  /* cut inside a group */
	parse(t, cut, &k);
	CHECK(t, strstr(k.problem, "the key is truncated") != NULL);
	dkim_key_free(&k);
	free(cut);
	free(rec);
	rec = record_of(rsa, 1, "p=");  /* no v= at all is allowed, k= defaults to rsa */
	parse(t, rec, &k);
	CHECK_INT(t, k.bits, 2048);
	CHECK_STR(t, k.problem, "");
	dkim_key_free(&k);
	free(rec);
	rec = record_of(weak, 0, "v=DKIM1; p=");
	parse(t, rec, &k);
	CHECK_INT(t, k.bits, 768);
	CHECK(t, strstr(k.problem, "fewer than 1024 (RFC 8301)") != NULL);
	dkim_key_free(&k);
	free(rec);

	/* the tag list */
	parse(t, "v=DKIM1; p=", &k);
	CHECK(t, k.revoked);
	CHECK(t, strstr(k.problem, "revoked") != NULL);
	parse(t, "v=DKIM2; p=AAAA", &k);
	CHECK_STR(t, k.problem, "v= is not DKIM1");
	parse(t, "k=rsa; v=DKIM1; p=AAAA", &k);
	CHECK_STR(t, k.problem, "v=DKIM1 is not the first tag");
	parse(t, "v=DKIM1; p=AAAA; p=BBBB", &k);
	CHECK(t, strstr(k.problem, "p= appears twice") != NULL);
	parse(t, "v=DKIM1; k=dsa; p=AAAA", &k);
	CHECK(t, strstr(k.problem, "k=dsa") != NULL);
	parse(t, "v=DKIM1; k=rsa", &k);
	CHECK(t, strstr(k.problem, "no p= tag") != NULL);
	parse(t, "v=DKIM1; p=!!!!", &k);
	CHECK_STR(t, k.problem, "p= is not base64");
	parse(t, "v=DKIM1; s=tlsrpt; p=AAAA", &k);
	CHECK(t, strstr(k.problem, "not for email") != NULL);
	parse(t, "v=DKIM1 p=AAAA", &k);  /* a missing ';' */
	CHECK(t, k.problem[0] != '\0');
	parse(t, "google-site-verification=abc", &k);
	CHECK(t, strstr(k.problem, "not a tag name") != NULL);
	parse(t, "v=DKIM1; k=ed25519; t=y:s; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=", &k);
	CHECK(t, k.testing);
	dkim_key_free(&k);
	parse(t, "v=DKIM1; k=ed25519; t=s; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=", &k);
	CHECK(t, !k.testing);
	dkim_key_free(&k);
	rec = record_of(rsa, 0, "v=DKIM1; h=sha1; p=");
	parse(t, rec, &k);
	CHECK(t, strstr(k.problem, "only SHA-1") != NULL);
	dkim_key_free(&k);
	free(rec);

	/* the relay's private key: its public half, another key, no key */
	fd = mkstemp(path);
	f = fdopen(fd, "w");
	PEM_write_PrivateKey(f, rsa, NULL, NULL, 0, NULL, NULL);
	fclose(f);
	rec = record_of(rsa, 0, "v=DKIM1; p=");
	parse(t, rec, &k);
	CHECK(t, dkim_key_matches(&k, path, &m, &err) == 0 && m);
	dkim_key_free(&k);
	free(rec);
	rec = record_of(other, 0, "v=DKIM1; p=");
	parse(t, rec, &k);
	CHECK(t, dkim_key_matches(&k, path, &m, &err) == 0 && !m);
	CHECK_INT(t, dkim_key_matches(&k, "/nonexistent/key.pem", &m, &err), -1);
	CHECK(t, strstr(err.msg, "cannot be read") != NULL);
	f = fopen(path, "w");
	fputs("not a key\n", f);
	fclose(f);
	CHECK_INT(t, dkim_key_matches(&k, path, &m, &err), -1);
	CHECK(t, strstr(err.msg, "not a PEM private key") != NULL);
	dkim_key_free(&k);
	free(rec);
	unlink(path);
	EVP_PKEY_free(rsa);
	EVP_PKEY_free(weak);
	EVP_PKEY_free(other);
}
