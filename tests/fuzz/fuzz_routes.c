/* fuzz_routes.c - routes: ip-route text from netlink, /proc/net/route and
 * /proc/net/ipv6_route (probes/netsrc.c). */
#include "probes/netsrc.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size);
	struct sb_error why = { 0, 0, "", NULL };
	struct net_route a, b;

	if (text) {
		netsrc_parse_routes(text, &a, &b, &why);
		netsrc_parse_route4(text, &a, &why);
		netsrc_parse_route6(text, &a, &why);
	}
	free(text);
	return 0;
}
