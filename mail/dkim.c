/*
 * dkim.c - a DKIM key record parsed and its key decoded; see dkim.h.
 *
 * The tag list (RFC 6376 section 3.2) is cut by taglist.c, shared with
 * dmarc.c, and each tag checked here.  The key itself is OpenSSL's job: base64 with EVP_Decode*,
 * DER with d2i_PUBKEY, raw Ed25519 with EVP_PKEY_new_raw_public_key.
 */
#include <ctype.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dkim.h"
#include "taglist.h"

#define MAX_TAGS 32

/* The tags of copy (cut in place), each checked as RFC 6376 3.2 says; their
 * number, or -1 with why: one bad tag makes the whole record invalid. */
static int tag_list(char *copy, struct tag *tags, char *why, size_t size)
{
	int n = taglist_split(copy, tags, MAX_TAGS);

	if (n < 0) {
		snprintf(why, size, "more than %d tags", MAX_TAGS);
		return -1;
	}
	for (int t = 0; t < n; t++) {
		const char *name = tags[t].name, *value = tags[t].value;

		if (!value) {
			snprintf(why, size, "'%.40s' is not tag=value", name);
			return -1;
		}
		if (!isalpha((unsigned char)name[0]) || strlen(name) >= 32) {
			snprintf(why, size, "'%.40s' is not a tag name", name);
			return -1;
		}
		for (const char *p = name; *p; p++)
			if (!isalnum((unsigned char)*p) && *p != '_') {
				snprintf(why, size, "'%.40s' is not a tag name", name);
				return -1;
			}
		for (const unsigned char *p = (const unsigned char *)value; *p; p++)
			if (*p != ' ' && *p != '\t' && *p != '\r' && *p != '\n' && (*p < 0x21 || *p > 0x7e)) {
				snprintf(why, size, "%s= holds a byte 0x%02x no tag value may hold", name, *p);
				return -1;
			}
		for (int i = 0; i < t; i++)
			if (!strcmp(tags[i].name, name)) {
				snprintf(why, size, "%s= appears twice (a record with a duplicate tag is invalid)", name);
				return -1;
			}
	}
	return n;
}

/* base64 without its white space (RFC 6376 allows FWS inside p=). */
static unsigned char *base64(const char *in, int *len)
{
	size_t n = strlen(in);
	char *clean = malloc(n + 1), *o = clean;
	unsigned char *out;
	EVP_ENCODE_CTX *ctx;
	int a = 0, b = 0, ok;

	if (!clean)
		return NULL;
	for (const char *p = in; *p; p++)
		if (!isspace((unsigned char)*p))
			*o++ = *p;
	*o = '\0';
	n = (size_t)(o - clean);
	out = malloc(n + 4);
	ctx = EVP_ENCODE_CTX_new();
	if (!out || !ctx) {
		free(clean);
		free(out);
		EVP_ENCODE_CTX_free(ctx);
		return NULL;
	}
	EVP_DecodeInit(ctx);
	ok = EVP_DecodeUpdate(ctx, out, &a, (const unsigned char *)clean, (int)n) >= 0 &&
	     EVP_DecodeFinal(ctx, out + a, &b) == 1;
	EVP_ENCODE_CTX_free(ctx);
	free(clean);
	if (!ok) {
		free(out);
		*len = n % 4 ? -2 : -1;  /* -2: cut short inside a 4-character group */
		return NULL;
	}
	*len = a + b;
	return out;
}

static void decode_key(struct dkim_key *k, const char *p)
{
	const unsigned char *der, *q;
	unsigned char *raw;
	EVP_PKEY *key = NULL;
	int len = 0;

	raw = base64(p, &len);
	if (!raw) {
		snprintf(k->problem, sizeof(k->problem), "%s", len == -2 ?
			 "p= is cut short (its base64 ends inside a group of 4): the key is truncated" :
			 len < 0 ? "p= is not base64" : "out of memory");
		return;
	}
	der = q = raw;
	if (!strcmp(k->key_type, "rsa")) {
		key = d2i_PUBKEY(NULL, &q, len);
		if (!key || q != der + len) {
			EVP_PKEY_free(key);
			q = der;
			key = d2i_PublicKey(EVP_PKEY_RSA, NULL, &q, len);
		}
		if (key && EVP_PKEY_get_base_id(key) != EVP_PKEY_RSA) {
			snprintf(k->problem, sizeof(k->problem), "k=rsa, but p= holds a %s key",
				 OBJ_nid2sn(EVP_PKEY_get_base_id(key)));
			EVP_PKEY_free(key);
			key = NULL;
			len = -1;
		}
	} else if (len == 32) {
		key = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL, raw, 32);
	}
	free(raw);
	if (!key) {
		if (!k->problem[0])
			snprintf(k->problem, sizeof(k->problem),
				 "p= does not decode as an %s public key (%d bytes: truncated, or not a key)",
				 k->key_type, len);
		return;
	}
	k->pkey = key;
	k->bits = EVP_PKEY_get_bits(key);
	if (!strcmp(k->key_type, "rsa") && k->bits < 1024)
		snprintf(k->problem, sizeof(k->problem),
			 "an RSA key of %d bits: verifiers must not accept fewer than 1024 (RFC 8301)", k->bits);
}

/* Is flag one of the colon-separated flags of t= (white space allowed)? */
static bool has_flag(const char *list, const char *flag)
{
	size_t len = strlen(flag);

	for (const char *p = list; p; p = strchr(p, ':') ? strchr(p, ':') + 1 : NULL) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!strncmp(p, flag, len) && (!p[len] || strchr(": \t", p[len])))
			return true;
	}
	return false;
}

/* An encrypted key file is not asked a passphrase for (this is no terminal
 * program): it reads as "cannot be read". */
static int no_passphrase(char *buf, int size, int rwflag, void *arg)
{
	(void)buf;
	(void)size;
	(void)rwflag;
	(void)arg;
	return -1;
}

int dkim_key_parse(const char *text, struct dkim_key *k, struct sb_error *err)
{
	struct tag tags[MAX_TAGS];
	char *copy = strdup(text);
	const char *v, *kt, *p, *h, *t, *s;
	int n;

	memset(k, 0, sizeof(*k));
	if (!copy)
		return sb_fail(err, SB_EXIT_SYSTEM, "out of memory");
	n = tag_list(copy, tags, k->problem, sizeof(k->problem));
	if (n < 0)
		goto out;
	v = taglist_get(tags, n, "v");
	if (v && (strcmp(tags[0].name, "v") || strcmp(v, "DKIM1"))) {
		snprintf(k->problem, sizeof(k->problem), "%s", strcmp(v, "DKIM1") ?
			 "v= is not DKIM1" : "v=DKIM1 is not the first tag");
		goto out;
	}
	kt = taglist_get(tags, n, "k");
	snprintf(k->key_type, sizeof(k->key_type), "%s", kt ? kt : "rsa");
	h = taglist_get(tags, n, "h");
	k->sha1_only = h && !strstr(h, "sha256");
	t = taglist_get(tags, n, "t");
	k->testing = t && has_flag(t, "y");
	s = taglist_get(tags, n, "s");
	p = taglist_get(tags, n, "p");
	if (!p) {
		snprintf(k->problem, sizeof(k->problem), "no p= tag: not a key record");
		goto out;
	}
	if (!*p) {
		k->revoked = true;
		snprintf(k->problem, sizeof(k->problem), "p= is empty: the key is revoked");
		goto out;
	}
	if (strcmp(k->key_type, "rsa") && strcmp(k->key_type, "ed25519")) {
		snprintf(k->problem, sizeof(k->problem), "k=%s: not a key type verifiers know (rsa, ed25519)",
			 k->key_type);
		goto out;
	}
	if (s && !strstr(s, "*") && !strstr(s, "email")) {
		snprintf(k->problem, sizeof(k->problem), "s=%s: the key is not for email", s);
		goto out;
	}
	decode_key(k, p);
	if (!k->problem[0] && k->sha1_only)
		snprintf(k->problem, sizeof(k->problem), "h=%s: only SHA-1, which verifiers must not accept (RFC 8301)", h);
out:
	free(copy);
	return 0;
}

void dkim_key_free(struct dkim_key *k)
{
	EVP_PKEY_free(k->pkey);
	k->pkey = NULL;
}

int dkim_key_matches(const struct dkim_key *k, const char *path, bool *matches, struct sb_error *err)
{
	FILE *f = fopen(path, "r");
	EVP_PKEY *priv;

	if (!f)
		return sb_fail(err, SB_EXIT_USAGE, "%s: cannot be read", path);
	priv = PEM_read_PrivateKey(f, NULL, no_passphrase, NULL);
	fclose(f);
	if (!priv)
		return sb_fail(err, SB_EXIT_USAGE, "%s: not a PEM private key (or one with a passphrase)", path);
	*matches = k->pkey && EVP_PKEY_eq(k->pkey, priv) == 1;
	EVP_PKEY_free(priv);
	return 0;
}
