/*
 * net_transfer.c - the network benchmark: download and upload Mbit/s and latency
 * against --download-url/--upload-url.  The measuring is done by the helper
 * program specbench-net (netbench.c, built on libcurl), run like any other
 * tool; this file gives its command line and reads the JSON it prints.
 */
#include <stdio.h>
#include <string.h>

#include "base/jsonutil.h"
#include "base/docpath.h"
#include "bench.h"
#include "netphase.h"

static int net_command(const struct bench_ops *self, const struct bench_ctx *ctx, bool warmup,
		   struct argv_buf *out)
{
	const struct net_opts *n = ctx->net;
	int rc = 0;

	(void)self;
	(void)warmup;  /* the helper's own first second is its warm-up */
	out->argc = 0;
	out->used = 0;
	rc |= argv_add(out, "specbench-net");
	rc |= argv_add(out, "--profile");
	rc |= argv_add(out, "%s", bench_profile_name(ctx->profile));
	if (n && n->download_url) {
		rc |= argv_add(out, "--download-url");
		rc |= argv_add(out, "%s", n->download_url);
	}
	if (n && n->upload_url) {
		rc |= argv_add(out, "--upload-url");
		rc |= argv_add(out, "%s", n->upload_url);
	}
	rc |= argv_add(out, "--streams");
	rc |= argv_add(out, "%d", n ? n->streams : 4);
	if (n && n->ipv4)
		rc |= argv_add(out, "--ipv4");
	if (n && n->ipv6)
		rc |= argv_add(out, "--ipv6");
	return rc ? -1 : 0;
}

static int parse(const char *text, size_t len, json_t *result, struct sb_error *err)
{
	json_error_t e;
	json_t *r = json_loadb(text, len, 0, &e);

	if (!json_is_object(r)) {
		sb_fail(err, SB_EXIT_USAGE, "no JSON result: %s", e.text);
		json_decref(r);
		return -1;
	}
	json_object_update(result, r);
	json_decref(r);
	return 0;
}

static double max_seconds(const struct bench_ops *self, enum bench_profile p)
{
	(void)self;
	/* per family: five pings of at most 5 s, then download and upload */
	return 2 * (25 + 2 * (net_phases[p].seconds + net_phases[p].warmup)) + 30;
}

static double expected_seconds(const struct bench_ops *self, enum bench_profile p)
{
	(void)self;
	return 2 * (net_phases[p].seconds + net_phases[p].warmup);
}

static void summary(const json_t *r, char *buf, size_t size)
{
	char ping[32], down[32], up[32];

	snprintf(buf, size, "%s: ping %s ms, down %s Mbit/s, up %s Mbit/s",
		 rd_str_or(r, "family", "?"), jfig(ping, sizeof(ping), "%.2f", json_object_get(r, "latency_ms")),
		 jfig(down, sizeof(down), "%.1f", json_object_get(r, "download_mbps")),
		 jfig(up, sizeof(up), "%.1f", json_object_get(r, "upload_mbps")));
}

static const struct bench_ops bench_network = {
	.id = "network", .package = "specbench",
	.max_seconds = max_seconds, .expected_seconds = expected_seconds, .command = net_command, .parse = parse, .summary = summary,
};
BENCH_REGISTER(bench_network);
