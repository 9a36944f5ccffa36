/*
 * network.c - the network probe: every address with its IANA class, the
 * default route of each family, and whether the VM is really dual-stack
 * (a global IPv4, a global IPv6 and a default route for each).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../src/printable.h"
#include "netclass.h"
#include "netsrc.h"
#include "probe.h"

static json_t *route_json(struct probe_ctx *ctx, const char *path, int family)
{
	struct net_route r;
	char *text, why[128];
	int rc = sr_read(ctx->sr, path, &text, NULL);

	if (rc) {
		probe_unknown(ctx, family == 4 ? "network.default_route.ipv4" : "network.default_route.ipv6",
			      path, rc);
		return json_null();
	}
	rc = family == 4 ? netsrc_parse_route4(text, &r, why, sizeof(why))
			 : netsrc_parse_route6(text, &r, why, sizeof(why));
	free(text);
	if (rc) {
		probe_unknownf(ctx, family == 4 ? "network.default_route.ipv4" : "network.default_route.ipv6",
			       "%s: %s", path, why);
		return json_null();
	}
	if (!r.present)
		return json_null();
	return json_pack("{s:o, s:s}", "gateway", json_str_or_null(r.gateway), "interface", r.ifname);
}

static int network_run(struct probe_ctx *ctx, json_t *out, struct sb_error *err)
{
	struct net_addr *addrs = NULL;
	json_t *list = json_array(), *v4, *v6, *global4 = json_array(), *global6 = json_array();
	char *text = NULL, why[160];
	size_t n = 0;
	int rc;

	(void)err;
	rc = sr_generated(ctx->sr, "ip-addr", netsrc_live_addrs, NULL, &text);
	if (rc)
		probe_unknown(ctx, "network.addresses", "/" SR_GENERATED_DIR "/ip-addr", rc);
	else if (netsrc_parse_addrs(text, &addrs, &n, why, sizeof(why)))
		probe_unknownf(ctx, "network.addresses", "/" SR_GENERATED_DIR "/ip-addr: %s", why);
	free(text);
	for (size_t i = 0; i < n; i++) {
		const char *cls = netclass_text(addrs[i].family, addrs[i].address);

		json_array_append_new(list, json_pack("{s:s, s:s, s:s, s:i, s:s}",
			"interface", addrs[i].ifname, "family", addrs[i].family == 4 ? "ipv4" : "ipv6",
			"address", addrs[i].address, "prefix", addrs[i].prefix, "scope", cls));
		if (!strcmp(cls, "global"))
			json_array_append_new(addrs[i].family == 4 ? global4 : global6,
					      json_text(addrs[i].address));
	}
	free(addrs);
	v4 = route_json(ctx, "/proc/net/route", 4);
	v6 = route_json(ctx, "/proc/net/ipv6_route", 6);
	json_object_set_new(out, "addresses", list);
	json_object_set_new(out, "default_route", json_pack("{s:o, s:o}", "ipv4", v4, "ipv6", v6));
	json_object_set_new(out, "global_addresses", json_pack("{s:o, s:o}", "ipv4", global4, "ipv6", global6));
	json_object_set_new(out, "dual_stack", json_boolean(
		json_array_size(global4) && json_array_size(global6) && json_is_object(v4) && json_is_object(v6)));
	return 0;
}

static void print_route(FILE *out, const char *label, const json_t *r)
{
	if (!json_is_object(r)) {
		fprintf(out, "  %-18s none\n", label);
		return;
	}
	fprintf(out, "  %-18s via %s dev %s\n", label,
		jstr(r, "gateway", "(direct)"),
		json_string_value(json_object_get(r, "interface")));
}

static void network_print(const json_t *s, FILE *out)
{
	json_t *a, *routes = json_object_get(s, "default_route");
	size_t i;

	fprintf(out, "Network\n");
	json_array_foreach(json_object_get(s, "addresses"), i, a) {
		char cidr[80];

		snprintf(cidr, sizeof(cidr), "%s/%lld", json_string_value(json_object_get(a, "address")),
			 json_integer_value(json_object_get(a, "prefix")));
		fprintf(out, "  %-18s %-5s %-40s %s\n", json_string_value(json_object_get(a, "interface")),
			json_string_value(json_object_get(a, "family")), cidr,
			json_string_value(json_object_get(a, "scope")));
	}
	print_route(out, "default IPv4", json_object_get(routes, "ipv4"));
	print_route(out, "default IPv6", json_object_get(routes, "ipv6"));
	fprintf(out, "  %-18s %s\n", "dual stack",
		json_is_true(json_object_get(s, "dual_stack")) ? "yes" :
		"no (needs a global IPv4, a global IPv6 and a default route for each)");
}

const struct probe_ops probe_network = {
	.name = "network",
	.summary = "addresses with their IANA class, default routes, dual stack",
	.run = network_run,
	.print = network_print,
};
