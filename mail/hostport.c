/* hostport.c - HOST[:PORT] for --dns and --smtp; see hostport.h. */
#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hostport.h"

static bool host_name_ok(const char *h)
{
	if (!*h || strlen(h) > 253)
		return false;
	for (const char *p = h; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '-' && *p != '.' && *p != '_')
			return false;
	return true;
}

int server_parse(const char *opt, const char *s, int default_port, bool ip_only, char *host, size_t size,
		 int *port, struct sb_error *err)
{
	const char *colon = NULL, *close;
	unsigned char buf[16];
	size_t len;
	long p = default_port;
	char *end;

	if (s[0] == '[') {
		close = strchr(s, ']');
		if (!close || (close[1] && close[1] != ':'))
			return sb_usage(err, "%s '%.80s': expected ADDR, ADDR:PORT or [IPV6]:PORT", opt, s);
		len = (size_t)(close - s - 1);
		colon = close[1] ? close + 1 : NULL;
		s++;
	} else if (strchr(s, ':') && strchr(s, ':') == strrchr(s, ':')) {
		colon = strchr(s, ':');  /* HOST:PORT */
		len = (size_t)(colon - s);
	} else {
		len = strlen(s);         /* HOST, or a bare IPv6 address */
	}
	if (len >= size || len > 253)
		return sb_usage(err, "%s: '%.80s...' is too long for a host", opt, s);
	memcpy(host, s, len);
	host[len] = '\0';
	if (inet_pton(AF_INET6, host, buf) != 1 && inet_pton(AF_INET, host, buf) != 1 &&
	    (ip_only || strchr(host, ':') || !host_name_ok(host)))
		return sb_usage(err, ip_only ? "%s: '%.80s' is not an IP address (a resolver is asked by address)" :
				"%s: '%.80s' is not a host name or an IP address", opt, host);
	if (colon) {
		p = strtol(colon + 1, &end, 10);
		if (end == colon + 1 || *end || p < 1 || p > 65535)
			return sb_usage(err, "%s: '%.20s' is not a port (1-65535)", opt, colon + 1);
	}
	*port = (int)p;
	return 0;
}
