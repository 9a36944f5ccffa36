/*
 * netclass.h - what kind of address an address is, from the IANA IPv4 and
 * IPv6 Special-Purpose Address Registries (RFC 6890 and successors).
 *
 * The kernel's "scope global" only means "not link-local or host": a VM
 * with 10.0.0.5 or fd00::2 has scope global addresses and is still not
 * reachable from the Internet.  dual_stack needs real global addresses.
 */
#ifndef SPECBENCH_NETCLASS_H
#define SPECBENCH_NETCLASS_H

#include <stdbool.h>
#include <stdint.h>

/* "global", "private", "shared", "documentation", "ula", "link-local",
 * "loopback", "multicast", "benchmarking", "reserved", ... */
const char *netclass_v4(const uint8_t addr[4]);
const char *netclass_v6(const uint8_t addr[16]);

/* family: 4 or 6; text: an address without prefix.  NULL when not an address. */
const char *netclass_text(int family, const char *text);

#endif
