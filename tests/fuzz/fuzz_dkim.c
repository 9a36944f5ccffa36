/*
 * fuzz_dkim.c - a DKIM key record (mail/dkim.c) as a hostile DNS server
 * could publish it: the tag list, base64 and the key's DER go through
 * specbench's parser and OpenSSL.  Whatever the record, a key without a
 * problem is RSA of 1024 bits or more, or Ed25519; never a crash or leak.
 */
#include "mail/dkim.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size);
	struct dkim_key k;
	struct sb_error err = { 0 };

	if (!text)
		return 0;
	if (dkim_key_parse(text, &k, &err) == 0) {
		if (!k.problem[0] && !((!strcmp(k.key_type, "rsa") && k.bits >= 1024) ||
				       (!strcmp(k.key_type, "ed25519") && k.bits == 256)))
			abort();
		if (k.problem[0] && k.revoked && k.bits)
			abort();
		dkim_key_free(&k);
	}
	free(text);
	return 0;
}
