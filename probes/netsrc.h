/*
 * netsrc.h - the network facts in text form, and their parsers.
 *
 * Addresses and routes come from rtnetlink on a live machine (netlink.c),
 * which is not a file a sysroot can hold; so they are rendered as text, in
 * the format of `ip -o addr` and of `ip -o route` with the family and type
 * in front, and parsed back, on the live machine and in replay alike.
 * Snapshots made before specbench read routes from netlink hold no
 * specbench/ip-route; for them the default routes come from the files
 * /proc/net/route and /proc/net/ipv6_route.
 */
#ifndef SPECBENCH_NETSRC_H
#define SPECBENCH_NETSRC_H

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"

struct net_addr {
	char ifname[32];
	int family;          /* 4 or 6 */
	char address[48];
	int prefix;
	bool tentative;      /* duplicate-address detection still running */
	bool dadfailed;      /* another host has this address */
	bool deprecated;     /* preferred lifetime over: not used for new connections */
};

struct net_route {
	bool present;
	char gateway[48];    /* "" for a device route */
	char ifname[32];
	char table[16];      /* "main", "local", a number; "" from /proc */
	long long metric;    /* -1 when not given */
};

/* Render this machine's addresses and routes (rtnetlink, netlink.c). */
int netsrc_live_addrs(void *unused, char **text);
int netsrc_live_routes(void *unused, char **text);

/* The default route of each family from ip-route text: a unicast route to
 * 0.0.0.0/0 or ::/0 ("default"), from the main table if it has one, else
 * from another table, the lowest metric first.  -1 with err (and the line)
 * when a line is malformed. */
int netsrc_parse_routes(const char *text, struct net_route *v4, struct net_route *v6,
			struct sb_error *err);

/* Parse `ip -o addr` text; lines that are not addresses (link lines) are
 * skipped, a malformed address line fails with its line number. */
int netsrc_parse_addrs(const char *text, struct net_addr **addrs, size_t *count,
		       struct sb_error *err);

/* Default route from /proc/net/route or /proc/net/ipv6_route text.
 * -1 with err when the text is not such a table. */
int netsrc_parse_route4(const char *text, struct net_route *r, struct sb_error *err);
int netsrc_parse_route6(const char *text, struct net_route *r, struct sb_error *err);

#endif
