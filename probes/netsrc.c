/* netsrc.c - network facts as text; see netsrc.h. */
#include <arpa/inet.h>
#include <errno.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/util.h"
#include "netsrc.h"

#define RTF_UP_FLAG 0x0001
#define RTF_REJECT_FLAG 0x0200

static int prefix_len(const struct sockaddr *mask)
{
	const uint8_t *b;
	size_t n;
	int bits = 0;

	if (!mask)
		return -1;
	if (mask->sa_family == AF_INET) {
		b = (const uint8_t *)&((const struct sockaddr_in *)mask)->sin_addr;
		n = 4;
	} else {
		b = (const uint8_t *)&((const struct sockaddr_in6 *)mask)->sin6_addr;
		n = 16;
	}
	for (size_t i = 0; i < n; i++)
		for (int bit = 7; bit >= 0 && (b[i] >> bit) & 1; bit--)
			bits++;
	return bits;
}

int netsrc_live_addrs(void *unused, char **text)
{
	struct ifaddrs *ifa, *i;
	char *buf = NULL, addr[INET6_ADDRSTRLEN];
	size_t size = 0;
	FILE *out;

	(void)unused;
	if (getifaddrs(&ifa))
		return -errno;
	out = open_memstream(&buf, &size);
	if (!out) {
		freeifaddrs(ifa);
		return -ENOMEM;
	}
	for (i = ifa; i; i = i->ifa_next) {
		int fam;
		const void *a;

		if (!i->ifa_addr)
			continue;
		fam = i->ifa_addr->sa_family;
		if (fam == AF_INET)
			a = &((struct sockaddr_in *)i->ifa_addr)->sin_addr;
		else if (fam == AF_INET6)
			a = &((struct sockaddr_in6 *)i->ifa_addr)->sin6_addr;
		else
			continue;
		inet_ntop(fam, a, addr, sizeof(addr));
		fprintf(out, "%u: %s    %s %s/%d\n", if_nametoindex(i->ifa_name), i->ifa_name,
			fam == AF_INET ? "inet" : "inet6", addr, prefix_len(i->ifa_netmask));
	}
	freeifaddrs(ifa);
	if (fclose(out))
		return -ENOMEM;
	*text = buf;
	return 0;
}

int netsrc_parse_addrs(const char *text, struct net_addr **addrs, size_t *count,
		       char *why, size_t whylen)
{
	char *copy = strdup(text), *cursor = copy, *line;
	struct net_addr *list = NULL;
	size_t n = 0;
	int lineno = 0;

	*addrs = NULL;
	*count = 0;
	if (!copy)
		return -1;
	while ((line = next_line(&cursor))) {
		char ifname[64], fam[16], cidr[96], *slash, *at;
		unsigned idx;
		struct net_addr *a, *bigger;
		uint8_t bin[16];
		uint64_t prefix;

		lineno++;
		if (!*trim(line))
			continue;
		if (sscanf(line, "%u: %63s %15s %95s", &idx, ifname, fam, cidr) != 4 ||
		    (strcmp(fam, "inet") && strcmp(fam, "inet6")))
			continue;  /* link lines of `ip -o addr` and the like */
		slash = strchr(cidr, '/');
		if (slash)
			*slash = '\0';
		if ((at = strchr(ifname, '@')))
			*at = '\0';
		if (inet_pton(fam[4] ? AF_INET6 : AF_INET, cidr, bin) != 1 ||
		    (slash && (!parse_u64(slash + 1, &prefix) || prefix > (fam[4] ? 128u : 32u)))) {
			snprintf(why, whylen, "line %d: malformed address \"%s%s%s\"", lineno, cidr,
				 slash ? "/" : "", slash ? slash + 1 : "");
			free(list);
			free(copy);
			return -1;
		}
		bigger = realloc(list, (n + 1) * sizeof(*list));
		if (!bigger) {
			free(list);
			free(copy);
			return -1;
		}
		list = bigger;
		a = &list[n++];
		snprintf(a->ifname, sizeof(a->ifname), "%s", rtrim(ifname));
		if (strlen(a->ifname) && a->ifname[strlen(a->ifname) - 1] == ':')
			a->ifname[strlen(a->ifname) - 1] = '\0';
		a->family = fam[4] ? 6 : 4;
		snprintf(a->address, sizeof(a->address), "%.47s", cidr);
		a->prefix = slash ? (int)prefix : (a->family == 4 ? 32 : 128);
	}
	free(copy);
	*addrs = list;
	*count = n;
	return 0;
}

int netsrc_parse_route4(const char *text, struct net_route *r, char *why, size_t whylen)
{
	char *copy = strdup(text), *cursor = copy, *line;
	int lineno = 0;

	memset(r, 0, sizeof(*r));
	if (!copy)
		return -1;
	while ((line = next_line(&cursor))) {
		char ifname[32];
		unsigned dest, gw, flags, mask;

		if (lineno++ == 0) {
			if (!starts_with(line, "Iface")) {
				snprintf(why, whylen, "line 1: not a /proc/net/route header");
				free(copy);
				return -1;
			}
			continue;
		}
		if (sscanf(line, "%31s %x %x %x %*d %*d %*d %x", ifname, &dest, &gw, &flags, &mask) != 5)
			continue;
		if (dest || mask || !(flags & RTF_UP_FLAG) || (flags & RTF_REJECT_FLAG))
			continue;
		r->present = true;
		snprintf(r->ifname, sizeof(r->ifname), "%s", ifname);
		if (gw)
			inet_ntop(AF_INET, &gw, r->gateway, sizeof(r->gateway));
		break;
	}
	free(copy);
	return 0;
}

static bool hex16(const char *hex, uint8_t out[16])
{
	for (int i = 0; i < 16; i++) {
		unsigned v;

		if (sscanf(hex + 2 * i, "%2x", &v) != 1)
			return false;
		out[i] = (uint8_t)v;
	}
	return true;
}

int netsrc_parse_route6(const char *text, struct net_route *r, char *why, size_t whylen)
{
	char *copy = strdup(text), *cursor = copy, *line;
	static const uint8_t zero[16];
	int lineno = 0;

	memset(r, 0, sizeof(*r));
	if (!copy)
		return -1;
	while ((line = next_line(&cursor))) {
		char dest[40], hop[40], ifname[32];
		unsigned dlen, flags;
		uint8_t gw[16];

		lineno++;
		if (!*trim(line))
			continue;
		if (sscanf(line, "%32s %x %*s %*x %32s %*x %*x %*x %x %31s",
			   dest, &dlen, hop, &flags, ifname) != 5 || strlen(dest) != 32 || !hex16(hop, gw)) {
			snprintf(why, whylen, "line %d: not a /proc/net/ipv6_route line", lineno);
			free(copy);
			return -1;
		}
		if (dlen != 0 || !(flags & RTF_UP_FLAG) || (flags & RTF_REJECT_FLAG))
			continue;
		r->present = true;
		snprintf(r->ifname, sizeof(r->ifname), "%s", ifname);
		if (memcmp(gw, zero, 16))
			inet_ntop(AF_INET6, gw, r->gateway, sizeof(r->gateway));
		break;
	}
	free(copy);
	return 0;
}
