/*
 * netclass.c - IANA special-purpose address classes; see netclass.h.
 *
 * The tables list the registries' blocks; the longest matching prefix wins.
 * An IPv4 address in none of them is global; an IPv6 address is global only
 * inside 2000::/3 (global unicast), anything else outside the table is
 * reserved by IANA.
 */
#include <arpa/inet.h>
#include <string.h>

#include "netclass.h"

struct block {
	uint8_t prefix[16];
	int len;
	const char *cls;
};

static const struct block v4_blocks[] = {
	{ { 0 }, 8, "this-network" },
	{ { 10 }, 8, "private" },
	{ { 100, 64 }, 10, "shared" },
	{ { 127 }, 8, "loopback" },
	{ { 169, 254 }, 16, "link-local" },
	{ { 172, 16 }, 12, "private" },
	{ { 192, 0, 0 }, 24, "ietf-protocol" },
	{ { 192, 0, 2 }, 24, "documentation" },
	{ { 192, 88, 99 }, 24, "reserved" },      /* deprecated 6to4 relay anycast */
	{ { 192, 168 }, 16, "private" },
	{ { 198, 18 }, 15, "benchmarking" },
	{ { 198, 51, 100 }, 24, "documentation" },
	{ { 203, 0, 113 }, 24, "documentation" },
	{ { 224 }, 4, "multicast" },
	{ { 240 }, 4, "reserved" },
	{ { 255, 255, 255, 255 }, 32, "broadcast" },
};

static const struct block v6_blocks[] = {
	{ { 0 }, 128, "unspecified" },
	{ { [15] = 1 }, 128, "loopback" },
	{ { [10] = 0xff, [11] = 0xff }, 96, "ipv4-mapped" },
	{ { 0x00, 0x64, 0xff, 0x9b }, 96, "nat64" },
	{ { 0x00, 0x64, 0xff, 0x9b, 0x00, 0x01 }, 48, "nat64-local" },
	{ { 0x01 }, 64, "discard" },
	{ { 0x20, 0x01 }, 23, "ietf-protocol" },
	{ { 0x20, 0x01, 0x00, 0x00 }, 32, "teredo" },
	{ { 0x20, 0x01, 0x00, 0x02, 0x00, 0x00 }, 48, "benchmarking" },
	{ { 0x20, 0x01, 0x00, 0x10 }, 28, "orchid" },
	{ { 0x20, 0x01, 0x0d, 0xb8 }, 32, "documentation" },
	{ { 0x20, 0x02 }, 16, "6to4" },
	{ { 0x3f, 0xff }, 20, "documentation" },
	{ { 0x5f, 0x00 }, 16, "srv6-sid" },
	{ { 0xfc }, 7, "ula" },
	{ { 0xfe, 0x80 }, 10, "link-local" },
	{ { 0xfe, 0xc0 }, 10, "site-local" },     /* deprecated, RFC 3879 */
	{ { 0xff }, 8, "multicast" },
};

static bool in_block(const uint8_t *addr, const struct block *b)
{
	int full = b->len / 8, rest = b->len % 8;

	if (memcmp(addr, b->prefix, (size_t)full))
		return false;
	if (rest) {
		uint8_t mask = (uint8_t)(0xff << (8 - rest));

		return (addr[full] & mask) == (b->prefix[full] & mask);
	}
	return true;
}

static const struct block *longest(const uint8_t *addr, const struct block *t, size_t n)
{
	const struct block *best = NULL;

	for (size_t i = 0; i < n; i++)
		if (in_block(addr, &t[i]) && (!best || t[i].len > best->len))
			best = &t[i];
	return best;
}

const char *netclass_v4(const uint8_t addr[4])
{
	const struct block *b = longest(addr, v4_blocks, sizeof(v4_blocks) / sizeof(v4_blocks[0]));

	return b ? b->cls : "global";
}

const char *netclass_v6(const uint8_t addr[16])
{
	const struct block *b = longest(addr, v6_blocks, sizeof(v6_blocks) / sizeof(v6_blocks[0]));

	if (b)
		return b->cls;
	return (addr[0] & 0xe0) == 0x20 ? "global" : "reserved";
}

const char *netclass_text(int family, const char *text)
{
	uint8_t buf[16];

	if (inet_pton(family == 4 ? AF_INET : AF_INET6, text, buf) != 1)
		return NULL;
	return family == 4 ? netclass_v4(buf) : netclass_v6(buf);
}
