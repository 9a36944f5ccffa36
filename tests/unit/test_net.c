/* test_net.c - IANA address classes, `ip -o addr` text and route tables. */
#include <stdlib.h>
#include <string.h>

#include "probes/netclass.h"
#include "probes/netsrc.h"
#include "harness.h"

void suite_netclass(struct t *t)
{
	static const struct { int family; const char *addr, *cls; } cases[] = {
		{ 4, "94.130.10.20", "global" }, { 4, "8.8.8.8", "global" },
		{ 4, "10.1.2.3", "private" }, { 4, "172.16.0.1", "private" },
		{ 4, "172.31.255.255", "private" }, { 4, "172.32.0.1", "global" },
		{ 4, "192.168.1.1", "private" }, { 4, "100.64.0.1", "shared" },
		{ 4, "100.127.255.254", "shared" }, { 4, "100.128.0.1", "global" },
		{ 4, "127.0.0.1", "loopback" }, { 4, "169.254.169.254", "link-local" },
		{ 4, "192.0.2.2", "documentation" }, { 4, "198.51.100.7", "documentation" },
		{ 4, "203.0.113.9", "documentation" }, { 4, "198.18.0.1", "benchmarking" },
		{ 4, "198.19.255.1", "benchmarking" }, { 4, "192.0.0.8", "ietf-protocol" },
		{ 4, "0.0.0.0", "this-network" }, { 4, "224.0.0.251", "multicast" },
		{ 4, "240.0.0.1", "reserved" }, { 4, "255.255.255.255", "broadcast" },
		{ 4, "233.252.0.1", "multicast" },
		{ 6, "2a01:4f8:10a:1::2", "global" }, { 6, "2001:4860:4860::8888", "global" },
		{ 6, "2001:db8::1", "documentation" }, { 6, "3fff::1", "documentation" },
		{ 6, "fd00::2", "ula" }, { 6, "fc00::1", "ula" }, { 6, "fe80::1", "link-local" },
		{ 6, "::1", "loopback" }, { 6, "::", "unspecified" },
		{ 6, "::ffff:192.0.2.1", "ipv4-mapped" }, { 6, "64:ff9b::1", "nat64" },
		{ 6, "2001::1", "teredo" }, { 6, "2001:2::1", "benchmarking" },
		{ 6, "2002:c000:201::1", "6to4" }, { 6, "ff02::1", "multicast" },
		{ 6, "100::1", "discard" }, { 6, "4000::1", "reserved" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		CHECK_STR(t, netclass_text(cases[i].family, cases[i].addr), cases[i].cls);
	CHECK(t, netclass_text(4, "300.1.1.1") == NULL);
	CHECK(t, netclass_text(6, "fe80::zz") == NULL);
}

void suite_netsrc(struct t *t)
{
	struct net_addr *a;
	struct net_route r;
	size_t n;
	char *text;
	struct sb_error why = { 0, 0, "", NULL };

	CHECK(t, netsrc_parse_addrs(
		"1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever\n"
		"2: eth0    inet 192.0.2.2/24 brd 192.0.2.255 scope global eth0\n"
		"3: veth0@if4    inet6 fd00::2/64 scope global nodad \n"
		"4: wg0: <POINTOPOINT,NOARP,UP,LOWER_UP> mtu 1420\n"
		"5: tun0    inet 10.8.0.1 peer 10.8.0.2/32 scope global tun0\n",
		&a, &n, &why) == 0);
	CHECK_INT(t, n, 4);
	CHECK_STR(t, a[0].ifname, "lo");
	CHECK_INT(t, a[0].prefix, 8);
	CHECK_STR(t, a[1].address, "192.0.2.2");
	CHECK_INT(t, a[1].family, 4);
	CHECK_STR(t, a[2].ifname, "veth0");
	CHECK_INT(t, a[2].family, 6);
	CHECK_INT(t, a[2].prefix, 64);
	CHECK_INT(t, a[3].prefix, 32);
	free(a);
	CHECK(t, netsrc_parse_addrs("2: eth0    inet 192.0.2.300/24\n", &a, &n, &why) == -1);
	CHECK_STR(t, why.msg, "line 1: malformed address \"192.0.2.300/24\"");
	CHECK(t, netsrc_parse_addrs("1: lo    inet 127.0.0.1/8\n2: eth0    inet6 fd00::2/129\n",
				    &a, &n, &why) == -1);
	CHECK_STR(t, why.msg, "line 2: malformed address \"fd00::2/129\"");

	/* this machine's own addresses render and parse back */
	CHECK(t, netsrc_live_addrs(NULL, &text) == 0);
	CHECK(t, netsrc_parse_addrs(text, &a, &n, &why) == 0);
	CHECK(t, n >= 1);
	CHECK(t, strstr(text, "inet 127.0.0.1/8") != NULL);
	free(a);
	free(text);

	text = t_read(t, "fixtures/kvm-epyc-milan-2vcpu/proc/3422/net/route");
	CHECK(t, netsrc_parse_route4(text, &r, &why) == 0);
	CHECK(t, r.present);
	CHECK_STR(t, r.gateway, "192.0.2.1");
	CHECK_STR(t, r.ifname, "eth0");
	free(text);
	text = t_read(t, "fixtures/kvm-epyc-milan-2vcpu/proc/3422/net/ipv6_route");
	CHECK(t, netsrc_parse_route6(text, &r, &why) == 0);
	CHECK(t, r.present);
	CHECK_STR(t, r.gateway, "fd00::1");
	free(text);
	/* only the kernel's unreachable default on lo: no default route */
	CHECK(t, netsrc_parse_route6("00000000000000000000000000000000 00 00000000000000000000000000000000 00 "
				     "00000000000000000000000000000000 ffffffff 00000001 00000000 00200200       lo\n",
				     &r, &why) == 0);
	CHECK(t, !r.present);
	CHECK(t, netsrc_parse_route4("Iface\tDestination\tGateway\n", &r, &why) == 0);
	CHECK(t, !r.present);
	CHECK(t, netsrc_parse_route4("garbage\n", &r, &why) == -1);
	CHECK(t, netsrc_parse_route6("garbage\n", &r, &why) == -1);

	/* issue 10: routes of all tables, with metrics (netlink's ip-route text) */
	{
		struct net_route r4, r6;
		struct net_addr *a = NULL;
		size_t n = 0;

		CHECK_INT(t, netsrc_parse_routes(
			"inet unicast 0.0.0.0/0 via 198.51.100.9 dev v0 table 100 metric 1\n"
			"inet unicast 0.0.0.0/0 via 198.51.100.1 dev v0 table main metric 300\n"
			"inet unicast default via 198.51.100.3 dev v0 table main metric 100\n"
			"inet local 198.51.100.2/32 dev v0 table local\n"
			"inet6 unreachable ::/0 dev lo table main metric 1\n"
			"inet6 unicast ::/0 via fe80::1 dev v0 table 200 metric 5\n",
			&r4, &r6, &why), 0);
		CHECK(t, r4.present);
		CHECK_STR(t, r4.gateway, "198.51.100.3");
		CHECK_STR(t, r4.table, "main");
		CHECK_INT(t, r4.metric, 100);
		CHECK(t, r6.present);  /* no main-table default: another table's */
		CHECK_STR(t, r6.table, "200");
		CHECK_INT(t, netsrc_parse_routes("inet unicast default via 999.1.1.1 dev x\n", &r4, &r6,
						 &why), -1);
		CHECK(t, strstr(why.msg, "line 1: malformed gateway") != NULL);
		CHECK_INT(t, netsrc_parse_routes("link/ether x\n", &r4, &r6, &why), -1);

		CHECK_INT(t, netsrc_parse_addrs("2: eth0    inet6 2a01:4f8::2/64 scope global tentative\n"
						"2: eth0    inet6 2a01:4f8::3/64 scope global dadfailed tentative\n"
						"2: eth0    inet6 2a01:4f8::4/64 scope global nodad\n",
						&a, &n, &why), 0);
		CHECK_INT(t, n, 3);
		if (n == 3) {
			CHECK(t, a[0].tentative && !a[0].dadfailed);
			CHECK(t, a[1].dadfailed);
			CHECK(t, !a[2].tentative && !a[2].dadfailed);
		}
		free(a);
	}
}
