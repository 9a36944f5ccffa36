/*
 * fuzz_nft.c - the batched-SMTP firewall evaluation (mail/firewall.c) over
 * any JSON: `nft -j list ruleset` is read from a program whose output
 * specbench does not control.  Jumps that loop, sets that name nothing,
 * values of the wrong type: the answer is yes, no or cannot tell, with a
 * reason, for an IPv4 and an IPv6 network; never a crash or a hang.
 */
#include "mail/firewall.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const nets[] = { "198.51.100.0/24", "2001:db8:7::/48", "192.0.2.7" };
	json_t *r = json_loadb((const char *)data, size, 0, NULL);
	char by[300];

	if (!r)
		return 0;
	for (size_t i = 0; i < sizeof(nets) / sizeof(nets[0]); i++) {
		enum nft_admission a = nft_admits(r, nets[i], 2525, by, sizeof(by));

		if ((a != NFT_CANNOT_TELL && a != NFT_REFUSED && a != NFT_ADMITTED) || !by[0])
			abort();
	}
	json_decref(r);
	return 0;
}
