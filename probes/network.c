/*
 * network.c - the network probe: every address with its IANA class, the
 * default route of each family, and whether the VM is really dual-stack
 * (a global IPv4, a global IPv6 and a default route for each).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/printable.h"
#include "base/docpath.h"
#include "netclass.h"
#include "netsrc.h"
#include "probe.h"

static json_t *route_pack(const struct net_route *r)
{
	json_t *o;

	if (!r->present)
		return json_null();
	o = json_pack("{s:o, s:o}", "gateway", sbj_str_or_null(r->gateway), "interface", sbj_str_or_null(r->ifname));
	if (r->table[0])
		json_object_set_new(o, "table", sbj_text(r->table));
	if (r->metric >= 0)
		json_object_set_new(o, "metric", json_integer(r->metric));
	return o;
}

/* Old snapshots: the default route from /proc/net/route or ipv6_route. */
static json_t *proc_route(struct probe_ctx *ctx, const char *path, int family)
{
	struct net_route r;
	char *text;
	struct sb_error why;
	int rc = sr_read(ctx->sr, path, &text, NULL);

	if (rc) {
		probe_unknown(ctx, family == 4 ? "network.default_route.ipv4" : "network.default_route.ipv6",
			      path, rc);
		return json_null();
	}
	rc = family == 4 ? netsrc_parse_route4(text, &r, &why) : netsrc_parse_route6(text, &r, &why);
	free(text);
	if (rc) {
		probe_unknownf(ctx, family == 4 ? "network.default_route.ipv4" : "network.default_route.ipv6",
			       "%s: %s", path, why.msg);
		return json_null();
	}
	r.metric = -1;
	return route_pack(&r);
}

/* The default routes: from the routing tables (netlink, or the recorded
 * ip-route), else from /proc for snapshots that hold no ip-route. */
static void routes(struct probe_ctx *ctx, json_t **v4, json_t **v6)
{
	struct net_route r4, r6;
	char *text = NULL;
	struct sb_error why;
	int rc = sr_generated(ctx->sr, "ip-route", netsrc_live_routes, NULL, &text);

	if (rc == -ENOENT && !sr_is_live(ctx->sr)) {
		*v4 = proc_route(ctx, "/proc/net/route", 4);
		*v6 = proc_route(ctx, "/proc/net/ipv6_route", 6);
		return;
	}
	if (rc || netsrc_parse_routes(text, &r4, &r6, &why)) {
		if (rc)
			probe_unknown(ctx, "network.default_route", "/" SR_GENERATED_DIR "/ip-route", rc);
		else
			probe_unknownf(ctx, "network.default_route", "/" SR_GENERATED_DIR "/ip-route: %s", why.msg);
		*v4 = json_null();
		*v6 = json_null();
	} else {
		*v4 = route_pack(&r4);
		*v6 = route_pack(&r6);
	}
	free(text);
}

static int network_run(struct probe_ctx *ctx, json_t *out, struct sb_error *err)
{
	struct net_addr *addrs = NULL;
	json_t *list = json_array(), *v4, *v6, *global4 = json_array(), *global6 = json_array();
	char *text = NULL;
	struct sb_error why;
	size_t n = 0;
	int rc;

	(void)err;
	rc = sr_generated(ctx->sr, "ip-addr", netsrc_live_addrs, NULL, &text);
	if (rc)
		probe_unknown(ctx, "network.addresses", "/" SR_GENERATED_DIR "/ip-addr", rc);
	else if (netsrc_parse_addrs(text, &addrs, &n, &why))
		probe_unknownf(ctx, "network.addresses", "/" SR_GENERATED_DIR "/ip-addr: %s", why.msg);
	free(text);
	for (size_t i = 0; i < n; i++) {
		const char *cls = netclass_text(addrs[i].family, addrs[i].address);
		json_t *a = json_pack("{s:o, s:s, s:s, s:i, s:s}", "interface", sbj_text(addrs[i].ifname),
			"family", addrs[i].family == 4 ? "ipv4" : "ipv6",
			"address", addrs[i].address, "prefix", addrs[i].prefix, "scope", cls);
		/* an address still in duplicate-address detection, or one that
		 * failed it, does not carry traffic: it never counts as global */
		bool usable = !addrs[i].tentative && !addrs[i].dadfailed;

		if (addrs[i].tentative || addrs[i].dadfailed || addrs[i].deprecated)
			json_object_set_new(a, "state", json_string(addrs[i].dadfailed ? "dadfailed" :
				addrs[i].tentative ? "tentative" : "deprecated"));
		json_array_append_new(list, a);
		if (!strcmp(cls, "global") && usable)
			json_array_append_new(addrs[i].family == 4 ? global4 : global6,
					      sbj_text(addrs[i].address));
	}
	free(addrs);
	routes(ctx, &v4, &v6);
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
	fprintf(out, "  %-18s via %s dev %s%s%s\n", label, rd_str_or(r, "gateway", "(direct)"),
		rd_str_or(r, "interface", "?"), json_object_get(r, "table") ? " table " : "", rd_str_or(r, "table", ""));
}

static void network_print(const json_t *s, FILE *out)
{
	json_t *a, *routes = json_object_get(s, "default_route");
	size_t i;

	fprintf(out, "Network\n");
	json_array_foreach(json_object_get(s, "addresses"), i, a) {
		char cidr[80];

		snprintf(cidr, sizeof(cidr), "%s/%lld", rd_str(a, "address"),
			 rd_int_or(a, "prefix", 0));
		fprintf(out, "  %-18s %-5s %-40s %s%s%s\n", rd_str(a, "interface"),
			rd_str(a, "family"), cidr,
			rd_str(a, "scope"),
			json_object_get(a, "state") ? ", " : "", rd_str_or(a, "state", ""));
	}
	print_route(out, "default IPv4", json_object_get(routes, "ipv4"));
	print_route(out, "default IPv6", json_object_get(routes, "ipv6"));
	fprintf(out, "  %-18s %s\n", "dual stack",
		rd_true(s, "dual_stack") ? "yes" :
		"no (needs a global IPv4, a global IPv6 and a default route for each)");
}

const struct probe_ops probe_network = {
	.name = "network",
	.summary = "addresses with their IANA class, default routes, dual stack",
	.run = network_run,
	.print = network_print,
};
