/* netsrc.c - network facts as text; see netsrc.h. */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "netsrc.h"

#define RTF_UP_FLAG 0x0001
#define RTF_REJECT_FLAG 0x0200

/* Whether the line holds `word` as a whole word. */
static bool has_word(const char *line, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = strstr(line, word); p; p = strstr(p + 1, word))
		if ((p == line || isspace((unsigned char)p[-1])) && (!p[n] || isspace((unsigned char)p[n])))
			return true;
	return false;
}

int netsrc_parse_addrs(const char *text, struct net_addr **addrs, size_t *count,
		       struct sb_error *err)
{
	char *copy = strdup(text), *cursor = copy, *line;
	struct net_addr *list = NULL;
	size_t n = 0;
	int lineno = 0;

	*addrs = NULL;
	*count = 0;
	if (!copy) {
		sb_fail(err, SB_EXIT_USAGE, "out of memory");
		return -1;
	}
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
			sb_fail(err, SB_EXIT_USAGE, "line %d: malformed address \"%s%s%s\"", lineno, cidr,
				 slash ? "/" : "", slash ? slash + 1 : "");
			free(list);
			free(copy);
			return -1;
		}
		bigger = realloc(list, (n + 1) * sizeof(*list));  /* a handful of addresses */
		if (!bigger) {
			sb_fail(err, SB_EXIT_USAGE, "out of memory");
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
		/* the flags `ip -o addr` prints after the address, as words */
		a->tentative = has_word(line, "tentative");
		a->dadfailed = has_word(line, "dadfailed");
		a->deprecated = has_word(line, "deprecated");
	}
	free(copy);
	*addrs = list;
	*count = n;
	return 0;
}

int netsrc_parse_route4(const char *text, struct net_route *r, struct sb_error *err)
{
	char *copy = strdup(text), *cursor = copy, *line;
	int lineno = 0;

	memset(r, 0, sizeof(*r));
	if (!copy) {
		sb_fail(err, SB_EXIT_USAGE, "out of memory");
		return -1;
	}
	while ((line = next_line(&cursor))) {
		char ifname[32];
		unsigned dest, gw, flags, mask;

		if (lineno++ == 0) {
			if (!starts_with(line, "Iface")) {
				sb_fail(err, SB_EXIT_USAGE, "line 1: not a /proc/net/route header");
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

int netsrc_parse_route6(const char *text, struct net_route *r, struct sb_error *err)
{
	char *copy = strdup(text), *cursor = copy, *line;
	static const uint8_t zero[16];
	int lineno = 0;

	memset(r, 0, sizeof(*r));
	if (!copy) {
		sb_fail(err, SB_EXIT_USAGE, "out of memory");
		return -1;
	}
	while ((line = next_line(&cursor))) {
		char dest[40], hop[40], ifname[32];
		unsigned dlen, flags;
		uint8_t gw[16];

		lineno++;
		if (!*trim(line))
			continue;
		if (sscanf(line, "%32s %x %*s %*x %32s %*x %*x %*x %x %31s",
			   dest, &dlen, hop, &flags, ifname) != 5 || strlen(dest) != 32 || !hex16(hop, gw)) {
			sb_fail(err, SB_EXIT_USAGE, "line %d: not a /proc/net/ipv6_route line", lineno);
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

/* Whether `cand` (in table `table`, with metric) beats the route kept so far. */
static bool better(const struct net_route *kept, const char *table, long long metric)
{
	bool main_new = !strcmp(table, "main"), main_kept = !strcmp(kept->table, "main");

	if (!kept->present || main_new != main_kept)
		return !kept->present || main_new;
	return metric >= 0 && (kept->metric < 0 || metric < kept->metric);
}

int netsrc_parse_routes(const char *text, struct net_route *v4, struct net_route *v6,
			struct sb_error *err)
{
	char *copy = strdup(text), *cursor = copy, *line;
	int lineno = 0;

	memset(v4, 0, sizeof(*v4));
	memset(v6, 0, sizeof(*v6));
	if (!copy) {
		sb_fail(err, SB_EXIT_USAGE, "out of memory");
		return -1;
	}
	while ((line = next_line(&cursor))) {
		char fam[8], type[16], dst[64], word[16], val[64], gw[48] = "", dev[32] = "", table[16] = "main";
		long long metric = -1;
		struct net_route *r;
		int used = 0, pos;
		uint8_t bin[16];

		lineno++;
		if (!*trim(line))
			continue;
		if (sscanf(line, "%7s %15s %63s%n", fam, type, dst, &used) != 3 ||
		    (strcmp(fam, "inet") && strcmp(fam, "inet6"))) {
			sb_fail(err, SB_EXIT_USAGE, "line %d: not \"inet|inet6 TYPE DESTINATION ...\"", lineno);
			free(copy);
			return -1;
		}
		for (const char *p = line + used; sscanf(p, " %15s %63s%n", word, val, &pos) == 2; p += pos) {
			if (!strcmp(word, "via"))
				snprintf(gw, sizeof(gw), "%.47s", val);
			else if (!strcmp(word, "dev"))
				snprintf(dev, sizeof(dev), "%.31s", val);
			else if (!strcmp(word, "table"))
				snprintf(table, sizeof(table), "%.15s", val);
			else if (!strcmp(word, "metric") && (metric = strtoll(val, NULL, 10)) < 0)
				metric = -1;
		}
		if (gw[0] && inet_pton(fam[4] ? AF_INET6 : AF_INET, gw, bin) != 1) {
			sb_fail(err, SB_EXIT_USAGE, "line %d: malformed gateway \"%s\"", lineno, gw);
			free(copy);
			return -1;
		}
		if (strcmp(type, "unicast") || (strcmp(dst, "default") && strcmp(dst, "0.0.0.0/0") &&
						strcmp(dst, "::/0")))
			continue;  /* local, unreachable, blackhole ...: not a way out */
		r = fam[4] ? v6 : v4;
		if (!better(r, table, metric))
			continue;
		r->present = true;
		snprintf(r->gateway, sizeof(r->gateway), "%s", gw);
		snprintf(r->ifname, sizeof(r->ifname), "%s", dev);
		snprintf(r->table, sizeof(r->table), "%s", table);
		r->metric = metric;
	}
	free(copy);
	return 0;
}
