/*
 * hostport.h - "HOST[:PORT]" as --dns and --smtp take it: an IPv4 address or
 * a host name with an optional port, an IPv6 address bare or as
 * [ADDR]:PORT.  One parser for both options and both programs (specbench
 * checks them before anything runs, specbench-mail uses them).
 */
#ifndef SPECBENCH_MAIL_HOSTPORT_H
#define SPECBENCH_MAIL_HOSTPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"

/* opt names the option in messages ("--dns"); ip_only: the host must be an
 * IP address (a resolver is asked by address).  0, or bad usage. */
int server_parse(const char *opt, const char *s, int default_port, bool ip_only, char *host, size_t size,
		 int *port, struct sb_error *err);

#endif
