/*
 * firewall.h - batched SMTP: can the provider's relays reach the VM's mail
 * port?  (The source document 003: the relays deliver to a port the
 * customer chooses, through a firewall that may admit only the relay
 * networks.)
 *
 * Two facts: does anything listen on the port (/proc/net/tcp and tcp6, in
 * LISTEN state), and does the local firewall admit a new TCP connection
 * from each relay network to it.  The firewall is read as nftables' JSON
 * (`nft -j list ruleset`, parsed with jansson), which on Debian 12 also
 * holds what iptables wrote: its iptables is the nft back end (tables of
 * the legacy back end, listed in /proc/net/ip_tables_names, are not read:
 * while there are any, an "admitted" becomes "cannot tell").  The input
 * hook's base chains are evaluated for a SYN from anywhere in the network:
 * a rule whose match covers the whole network decides; one that covers
 * only part of it, or matches on something a packet from outside cannot
 * be judged by here (an interface name, a mark), leaves the answer open,
 * and the fact says so (null) rather than guess.
 */
#ifndef SPECBENCH_MAIL_FIREWALL_H
#define SPECBENCH_MAIL_FIREWALL_H

#include <jansson.h>

#include "base/options.h"

/* {port, listening: [addresses], ruleset: "nft"|null, why, networks:
 * [{network, admitted: true|false|null, decided_by}]}.  nft_json: a file
 * to read the ruleset from instead of running nft. */
json_t *batched_smtp_fact(int port, const struct opt_list *nets, const char *nft_json);

/* What the ruleset does with a new connection: a verdict of three, not an
 * error (error.h: such answers are an enum). */
enum nft_admission { NFT_CANNOT_TELL = -1, NFT_REFUSED = 0, NFT_ADMITTED = 1 };

/* The evaluation alone: may a new TCP connection from every address of
 * network (CIDR text) reach port?  decided_by names the rule (or policy)
 * that decided, or why it cannot be told. */
enum nft_admission nft_admits(const json_t *ruleset, const char *network, int port, char *decided_by,
			      size_t size);

#endif
