/* fuzz_ip_addr.c - `ip -o addr` text (probes/netsrc.c) and the IANA
 * classification of what it yields (probes/netclass.c). */
#include "probes/netclass.h"
#include "probes/netsrc.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size);
	struct sb_error why = { 0, 0, "", NULL };
	struct net_addr *addrs = NULL;
	size_t n = 0;

	if (text && netsrc_parse_addrs(text, &addrs, &n, &why) == 0)
		for (size_t i = 0; i < n; i++)
			if (!netclass_text(addrs[i].family, addrs[i].address) ||
			    addrs[i].prefix < 0 || addrs[i].prefix > 128)
				abort();
	free(addrs);
	free(text);
	return 0;
}
