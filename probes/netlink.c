/*
 * netlink.c - this machine's addresses and routes from rtnetlink (libmnl),
 * rendered as text (see netsrc.h for why text).
 *
 * getifaddrs() does not say that an IPv6 address is still tentative or has
 * failed duplicate-address detection, and /proc/net/route shows the main
 * table only, without the metrics that decide between two default routes.
 * A dump of RTM_GETADDR and RTM_GETROUTE (all tables) says all of it:
 *
 *   ip-addr:   2: eth0    inet6 2001:db8::2/64 scope global tentative
 *              (the lines of `ip -o addr`, with the flags ip prints)
 *   ip-route:  inet6 unicast ::/0 via fe80::1 dev eth0 table main metric 1024
 *              (family, type, destination, gateway, device, table, metric)
 *
 * A machine without specbench gives the same with
 *   ip -o addr > ip-addr
 *   { ip -4 -o route show table all type unicast | sed 's/^/inet unicast /'
 *     ip -6 -o route show table all type unicast | sed 's/^/inet6 unicast /'; } > ip-route
 * (ip writes "default" for 0.0.0.0/0 and ::/0; both are read).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <libmnl/libmnl.h>
#include <linux/if_addr.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "netsrc.h"

struct dump {
	FILE *out;
};

/* Send one dump request and feed every answer to cb. 0 or -errno. */
static int dump_request(uint16_t type, uint8_t family, mnl_cb_t cb, struct dump *d)
{
	char buf[MNL_SOCKET_BUFFER_SIZE * 4];
	struct mnl_socket *nl = mnl_socket_open(NETLINK_ROUTE);
	struct nlmsghdr *nlh;
	unsigned seq = (unsigned)time(NULL), portid;
	ssize_t n;
	int rc = 0;

	if (!nl)
		return -errno;
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	nlh->nlmsg_seq = seq;
	if (type == RTM_GETADDR) {
		struct ifaddrmsg *ifa = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifa));

		ifa->ifa_family = family;
	} else {
		struct rtmsg *rtm = mnl_nlmsg_put_extra_header(nlh, sizeof(*rtm));

		rtm->rtm_family = family;
	}
	if (mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0 || mnl_socket_sendto(nl, nlh, nlh->nlmsg_len) < 0) {
		rc = -errno;
		mnl_socket_close(nl);
		return rc;
	}
	portid = mnl_socket_get_portid(nl);
	while ((n = mnl_socket_recvfrom(nl, buf, sizeof(buf))) > 0) {
		int r = mnl_cb_run(buf, (size_t)n, seq, portid, cb, d);

		if (r < 0)
			rc = -errno;
		if (r <= MNL_CB_STOP)
			break;
	}
	if (n < 0)
		rc = -errno;
	mnl_socket_close(nl);
	return rc;
}

/* Attributes by type, for mnl_attr_parse. */
struct attrs {
	const struct nlattr *a[RTA_MAX + 1 > IFA_MAX + 1 ? RTA_MAX + 1 : IFA_MAX + 1];
	int max;
};

static int keep_attr(const struct nlattr *attr, void *data)
{
	struct attrs *t = data;
	int type = mnl_attr_get_type(attr);

	if (type <= t->max && mnl_attr_type_valid(attr, (uint16_t)t->max) >= 0)
		t->a[type] = attr;
	return MNL_CB_OK;
}

static const char *scope_name(unsigned scope, char *buf, size_t size)
{
	switch (scope) {
	case RT_SCOPE_UNIVERSE: return "global";
	case RT_SCOPE_SITE: return "site";
	case RT_SCOPE_LINK: return "link";
	case RT_SCOPE_HOST: return "host";
	case RT_SCOPE_NOWHERE: return "nowhere";
	default: snprintf(buf, size, "%u", scope); return buf;
	}
}

static int addr_cb(const struct nlmsghdr *nlh, void *data)
{
	static const struct { unsigned flag; const char *word; } words[] = {
		{ IFA_F_TENTATIVE, "tentative" }, { IFA_F_DADFAILED, "dadfailed" },
		{ IFA_F_DEPRECATED, "deprecated" }, { IFA_F_OPTIMISTIC, "optimistic" },
		{ IFA_F_NODAD, "nodad" },
	};
	struct dump *d = data;
	const struct ifaddrmsg *ifa = mnl_nlmsg_get_payload(nlh);
	struct attrs t = { .max = IFA_MAX };
	const struct nlattr *at;
	char ifname[IF_NAMESIZE] = "?", addr[INET6_ADDRSTRLEN], sbuf[16];
	unsigned flags = ifa->ifa_flags;

	if (ifa->ifa_family != AF_INET && ifa->ifa_family != AF_INET6)
		return MNL_CB_OK;
	mnl_attr_parse(nlh, sizeof(*ifa), keep_attr, &t);
	/* IFA_LOCAL is the address itself; IFA_ADDRESS the peer on a
	 * point-to-point link (and the address everywhere else) */
	at = t.a[IFA_LOCAL] ? t.a[IFA_LOCAL] : t.a[IFA_ADDRESS];
	if (!at || mnl_attr_get_payload_len(at) != (ifa->ifa_family == AF_INET ? 4u : 16u))
		return MNL_CB_OK;
	if (t.a[IFA_FLAGS] && mnl_attr_get_payload_len(t.a[IFA_FLAGS]) == 4)
		flags = mnl_attr_get_u32(t.a[IFA_FLAGS]);
	inet_ntop(ifa->ifa_family, mnl_attr_get_payload(at), addr, sizeof(addr));
	if_indextoname(ifa->ifa_index, ifname);
	fprintf(d->out, "%u: %s    %s %s/%u scope %s", ifa->ifa_index, ifname,
		ifa->ifa_family == AF_INET ? "inet" : "inet6", addr, ifa->ifa_prefixlen,
		scope_name(ifa->ifa_scope, sbuf, sizeof(sbuf)));
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (flags & words[i].flag)
			fprintf(d->out, " %s", words[i].word);
	fputc('\n', d->out);
	return MNL_CB_OK;
}

static const char *route_type(unsigned type)
{
	static const char *const names[] = {
		[RTN_UNSPEC] = "none", [RTN_UNICAST] = "unicast", [RTN_LOCAL] = "local",
		[RTN_BROADCAST] = "broadcast", [RTN_ANYCAST] = "anycast", [RTN_MULTICAST] = "multicast",
		[RTN_BLACKHOLE] = "blackhole", [RTN_UNREACHABLE] = "unreachable",
		[RTN_PROHIBIT] = "prohibit", [RTN_THROW] = "throw", [RTN_NAT] = "nat",
	};

	return type < sizeof(names) / sizeof(names[0]) && names[type] ? names[type] : "other";
}

static void table_name(unsigned table, char *buf, size_t size)
{
	if (table == RT_TABLE_MAIN)
		snprintf(buf, size, "main");
	else if (table == RT_TABLE_LOCAL)
		snprintf(buf, size, "local");
	else if (table == RT_TABLE_DEFAULT)
		snprintf(buf, size, "default");
	else
		snprintf(buf, size, "%u", table);
}

static int route_cb(const struct nlmsghdr *nlh, void *data)
{
	struct dump *d = data;
	const struct rtmsg *rtm = mnl_nlmsg_get_payload(nlh);
	struct attrs t = { .max = RTA_MAX };
	char dst[INET6_ADDRSTRLEN] = "", gw[INET6_ADDRSTRLEN] = "", ifname[IF_NAMESIZE] = "", table[16];
	unsigned alen = rtm->rtm_family == AF_INET ? 4 : 16, oif = 0;

	if (rtm->rtm_family != AF_INET && rtm->rtm_family != AF_INET6)
		return MNL_CB_OK;
	mnl_attr_parse(nlh, sizeof(*rtm), keep_attr, &t);
	if (t.a[RTA_DST] && mnl_attr_get_payload_len(t.a[RTA_DST]) == alen)
		inet_ntop(rtm->rtm_family, mnl_attr_get_payload(t.a[RTA_DST]), dst, sizeof(dst));
	else
		snprintf(dst, sizeof(dst), "%s", rtm->rtm_family == AF_INET ? "0.0.0.0" : "::");
	if (t.a[RTA_GATEWAY] && mnl_attr_get_payload_len(t.a[RTA_GATEWAY]) == alen)
		inet_ntop(rtm->rtm_family, mnl_attr_get_payload(t.a[RTA_GATEWAY]), gw, sizeof(gw));
	if (t.a[RTA_OIF] && mnl_attr_get_payload_len(t.a[RTA_OIF]) == 4)
		oif = mnl_attr_get_u32(t.a[RTA_OIF]);
	if (!gw[0] && t.a[RTA_MULTIPATH] &&
	    mnl_attr_get_payload_len(t.a[RTA_MULTIPATH]) >= sizeof(struct rtnexthop)) {
		/* ECMP: the first next hop stands for the route */
		struct rtnexthop *nh = mnl_attr_get_payload(t.a[RTA_MULTIPATH]);
		struct nlattr *attr;

		oif = (unsigned)nh->rtnh_ifindex;
		if (nh->rtnh_len > sizeof(*nh) && nh->rtnh_len <= mnl_attr_get_payload_len(t.a[RTA_MULTIPATH]))
			mnl_attr_for_each_payload((void *)RTNH_DATA(nh), nh->rtnh_len - sizeof(*nh))
				if (mnl_attr_get_type(attr) == RTA_GATEWAY && mnl_attr_get_payload_len(attr) == alen)
					inet_ntop(rtm->rtm_family, mnl_attr_get_payload(attr), gw, sizeof(gw));
	}
	if (oif)
		if_indextoname(oif, ifname);
	table_name(t.a[RTA_TABLE] && mnl_attr_get_payload_len(t.a[RTA_TABLE]) == 4 ?
		   mnl_attr_get_u32(t.a[RTA_TABLE]) : rtm->rtm_table, table, sizeof(table));
	fprintf(d->out, "%s %s %s/%u", rtm->rtm_family == AF_INET ? "inet" : "inet6",
		route_type(rtm->rtm_type), dst, rtm->rtm_dst_len);
	if (gw[0])
		fprintf(d->out, " via %s", gw);
	if (ifname[0])
		fprintf(d->out, " dev %s", ifname);
	fprintf(d->out, " table %s", table);
	if (t.a[RTA_PRIORITY] && mnl_attr_get_payload_len(t.a[RTA_PRIORITY]) == 4)
		fprintf(d->out, " metric %u", mnl_attr_get_u32(t.a[RTA_PRIORITY]));
	fputc('\n', d->out);
	return MNL_CB_OK;
}

/* One generated file: the dump_request(s) rendered into a malloc'd text. */
static int render(uint16_t type, mnl_cb_t cb, char **text)
{
	char *buf = NULL;
	size_t size = 0;
	struct dump d = { open_memstream(&buf, &size) };
	int rc;

	if (!d.out)
		return -ENOMEM;
	rc = dump_request(type, AF_INET, cb, &d);
	if (!rc)
		rc = dump_request(type, AF_INET6, cb, &d);
	if (fclose(d.out) && !rc)
		rc = -ENOMEM;
	if (rc) {
		free(buf);
		return rc;
	}
	*text = buf;
	return 0;
}

int netsrc_live_addrs(void *unused, char **text)
{
	(void)unused;
	return render(RTM_GETADDR, addr_cb, text);
}

int netsrc_live_routes(void *unused, char **text)
{
	(void)unused;
	return render(RTM_GETROUTE, route_cb, text);
}
