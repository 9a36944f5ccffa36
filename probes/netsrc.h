/*
 * netsrc.h - the network facts in text form, and their parsers.
 *
 * Addresses come from netlink on a live machine (getifaddrs), which is not a
 * file a sysroot can hold; so they are rendered in the format of
 * `ip -o addr show` (one address a line) and parsed back, on the live machine
 * and in replay alike.  A dump from a machine without specbench is then just
 * `ip -o addr > specbench/ip-addr`.  Default routes come from the files
 * /proc/net/route and /proc/net/ipv6_route.
 */
#ifndef SPECBENCH_NETSRC_H
#define SPECBENCH_NETSRC_H

#include <stdbool.h>
#include <stddef.h>

struct net_addr {
	char ifname[32];
	int family;          /* 4 or 6 */
	char address[48];
	int prefix;
};

struct net_route {
	bool present;
	char gateway[48];    /* "" for a device route */
	char ifname[32];
};

/* Render this machine's addresses (getifaddrs) as `ip -o addr` lines. */
int netsrc_live_addrs(void *unused, char **text);

/* Parse `ip -o addr` text; lines that are not addresses (link lines) are
 * skipped, a malformed address line fails with its line number. */
int netsrc_parse_addrs(const char *text, struct net_addr **addrs, size_t *count,
		       char *why, size_t whylen);

/* Default route from /proc/net/route or /proc/net/ipv6_route text.
 * -1 with why when the text is not such a table. */
int netsrc_parse_route4(const char *text, struct net_route *r, char *why, size_t whylen);
int netsrc_parse_route6(const char *text, struct net_route *r, char *why, size_t whylen);

#endif
