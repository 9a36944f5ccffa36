/*
 * netbench.c - specbench-net, the helper program behind the network
 * benchmark: download and upload throughput and latency over HTTP(S) with
 * libcurl.  The runner executes it like fio or sysbench (bench/net_transfer.c
 * builds its command line and reads the JSON it prints), so libcurl and its
 * thirty libraries (OpenSSL, GnuTLS, Kerberos, LDAP, ...) are loaded only
 * here: specbench itself starts in a fraction of the time and stays small.
 *
 * Latency is the median TCP connect time of a few fresh connections.
 * Throughput runs several streams at once through the multi interface for
 * a fixed time; the first seconds are a warm-up that is not counted (TCP
 * slow start), a finished transfer is started again until the time is up,
 * and the time is up whatever the server does: a stalled or hostile server
 * costs at most the profile's duration and reads as a failure, not a hang.
 * With --ipv4/--ipv6 each family is measured on its own and the results say
 * which family they are.
 */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/options.h"
#include "base/orderstat.h"
#include "base/clock.h"
#include "base/docpath.h"
#include "bench.h"
#include "netsend.h"
#include "netphase.h"

#define MAX_STREAMS 64
#define PINGS 5
/* Per upload request, restarted when done.  Only answered requests count
 * (see throughput()), so a request must finish well within a phase even on
 * a slow link: 16 MiB take 1.3 s at 100 Mbit/s. */
#define UPLOAD_BODY (16ull << 20)
/* The curl tool's own transfer buffer: libcurl's default of 16 KiB costs six
 * times the system calls, and on a fast link (loopback: 13 against 18 Gbit/s
 * for curl -o /dev/null) the helper's CPU became the limit it measured. */
#define TRANSFER_BUFFER (100L * 1024)


struct counter {
	unsigned long long bytes;
};

static size_t discard_body(char *p, size_t size, size_t n, void *arg)
{
	(void)p;
	((struct counter *)arg)->bytes += size * n;
	return size * n;
}

/* One upload stream: the bytes its current request has sent, and how many
 * of them were sent before the warm-up ended (not counted). */
struct upstream {
	unsigned long long sent, before_warm;
};

/* The body of one request: exactly UPLOAD_BODY bytes, then the end.  (libcurl
 * keeps asking past Content-Length; the bytes sent past it were counted as
 * upload and corrupted the connection: the server read them as the next
 * request.) */
static size_t source(char *p, size_t size, size_t n, void *arg)
{
	struct upstream *u = arg;
	size_t want = size * n;

	if (want > UPLOAD_BODY - u->sent)
		want = (size_t)(UPLOAD_BODY - u->sent);
	memset(p, 'x', want);
	u->sent += want;
	return want;
}

static void common_opts(CURL *e, const char *url, long resolve)
{
	curl_easy_setopt(e, CURLOPT_URL, url);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_IPRESOLVE, resolve);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, 5000L);
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(e, CURLOPT_MAXREDIRS, 3L);
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_USERAGENT, "specbench");
	curl_easy_setopt(e, CURLOPT_BUFFERSIZE, TRANSFER_BUFFER);
	curl_easy_setopt(e, CURLOPT_UPLOAD_BUFFERSIZE, TRANSFER_BUFFER);
	curl_easy_setopt(e, CURLOPT_FAILONERROR, 1L);
	/* a server that sends nothing for 5 s is stalled */
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, 5L);
}

/* "http://...: HTTP 404" or curl's words for what went wrong. */
static void describe_failure(CURL *e, CURLcode rc, const char *url, const char *what,
			     struct sb_error *err)
{
	long code = 0;

	if (rc == CURLE_HTTP_RETURNED_ERROR)
		curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &code);
	if (code)
		sb_fail(err, SB_EXIT_SYSTEM, "%s %s: HTTP %ld", what, url, code);
	else
		sb_fail(err, SB_EXIT_SYSTEM, "%s %s: %s", what, url, curl_easy_strerror(rc));
}

/* Median connect time in ms over fresh connections; the family used. */
static int ping(const char *url, long resolve, double *ms, char *family, size_t fsize,
		struct sb_error *err)
{
	double t[PINGS];
	int ok = 0;

	for (int i = 0; i < PINGS; i++) {
		CURL *e = curl_easy_init();
		curl_off_t connect_us = 0;
		char *ip = NULL;
		CURLcode rc;

		if (!e)
			break;
		common_opts(e, url, resolve);
		curl_easy_setopt(e, CURLOPT_NOBODY, 1L);
		curl_easy_setopt(e, CURLOPT_FRESH_CONNECT, 1L);
		curl_easy_setopt(e, CURLOPT_FORBID_REUSE, 1L);
		curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, 5000L);
		rc = curl_easy_perform(e);
		if (rc != CURLE_OK) {
			describe_failure(e, rc, url, "latency:", err);
			curl_easy_cleanup(e);
			return -1;
		}
		curl_easy_getinfo(e, CURLINFO_CONNECT_TIME_T, &connect_us);
		curl_easy_getinfo(e, CURLINFO_PRIMARY_IP, &ip);
		if (ip)
			snprintf(family, fsize, "%s", strchr(ip, ':') ? "ipv6" : "ipv4");
		t[ok++] = (double)connect_us / 1000.0;
		curl_easy_cleanup(e);
	}
	if (!ok)
		return -1;
	doubles_sort(t, (size_t)ok);
	*ms = median_sorted(t, (size_t)ok);
	return 0;
}

/*
 * Run `streams` transfers for the phase; Mbit/s over the counted part.
 *
 * A download counts every byte received after the warm-up.  An upload
 * counts a request's bytes only once the server has answered it with a
 * 2xx after the whole body: bytes handed to the kernel are not bytes the
 * server took (a server that never reads the body still absorbs megabytes
 * into socket buffers), so the time is measured from the end of the warm-up
 * to the last answered request, and a phase without one is a failure.
 */
static int throughput(const struct bench_ctx *ctx, const char *url, bool upload, long resolve,
		      double *mbps, struct sb_error *err)
{
	const struct net_phase *ph = &net_phases[ctx->profile];
	int streams = ctx->net->streams, running = 0, rc = BENCH_OK;
	struct counter count = { 0 }, replies = { 0 };
	struct upstream up[MAX_STREAMS] = { { 0, 0 } };
	CURL *easy[MAX_STREAMS] = { 0 };
	CURLM *multi = curl_multi_init();
	double start = mono_now(), warm_end = start + ph->warmup, end = warm_end + ph->seconds, last_answer = 0;
	unsigned long long at_warm = 0;
	bool warm_marked = false;

	if (!multi) {
		sb_fail(err, SB_EXIT_SYSTEM, "cannot initialise libcurl");
		return BENCH_FAILED;
	}
	for (int i = 0; i < streams; i++) {
		easy[i] = curl_easy_init();
		if (!easy[i])
			continue;
		common_opts(easy[i], url, resolve);
		curl_easy_setopt(easy[i], CURLOPT_PRIVATE, &up[i]);
		if (upload) {
			curl_easy_setopt(easy[i], CURLOPT_POST, 1L);
			curl_easy_setopt(easy[i], CURLOPT_READFUNCTION, source);
			curl_easy_setopt(easy[i], CURLOPT_READDATA, &up[i]);
			curl_easy_setopt(easy[i], CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)UPLOAD_BODY);
			curl_easy_setopt(easy[i], CURLOPT_WRITEFUNCTION, discard_body);
			curl_easy_setopt(easy[i], CURLOPT_WRITEDATA, &replies);
		} else {
			curl_easy_setopt(easy[i], CURLOPT_WRITEFUNCTION, discard_body);
			curl_easy_setopt(easy[i], CURLOPT_WRITEDATA, &count);
		}
		curl_multi_add_handle(multi, easy[i]);
	}
	while (rc == BENCH_OK) {
		CURLMsg *msg;
		int left;
		double now;

		curl_multi_perform(multi, &running);
		while ((msg = curl_multi_info_read(multi, &left))) {
			struct upstream *u = NULL;
			curl_off_t body = 0;
			long code = 0;

			if (msg->msg != CURLMSG_DONE)
				continue;
			if (msg->data.result != CURLE_OK) {
				describe_failure(msg->easy_handle, msg->data.result, url,
						 upload ? "upload:" : "download:", err);
				rc = BENCH_FAILED;
				break;
			}
			if (upload) {
				curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&u);
				curl_easy_getinfo(msg->easy_handle, CURLINFO_RESPONSE_CODE, &code);
				curl_easy_getinfo(msg->easy_handle, CURLINFO_SIZE_UPLOAD_T, &body);
				if (code < 200 || code > 299 || (unsigned long long)body != UPLOAD_BODY) {
					sb_fail(err, SB_EXIT_SYSTEM, "upload: %s answered HTTP %ld after %lld of %llu bytes: "
						 "the server did not take the whole body", url, code, (long long)body,
						 UPLOAD_BODY);
					rc = BENCH_FAILED;
					break;
				}
				if (warm_marked) {
					count.bytes += u->sent - u->before_warm;
					last_answer = mono_now();
				}
				u->sent = u->before_warm = 0;
			}
			/* done early: the same stream goes again until the time is up */
			curl_multi_remove_handle(multi, msg->easy_handle);
			curl_multi_add_handle(multi, msg->easy_handle);
		}
		now = mono_now();
		if (!warm_marked && now >= warm_end) {
			at_warm = count.bytes;
			for (int i = 0; i < streams; i++)
				up[i].before_warm = up[i].sent;
			warm_marked = true;
		}
		if (now >= end)
			break;
		/* Ctrl-C: specbench kills this process group */
		curl_multi_poll(multi, NULL, 0, 100, NULL);
	}
	if (rc == BENCH_OK) {
		double counted = (upload ? last_answer : mono_now()) - warm_end;

		if (count.bytes == at_warm || counted <= 0) {
			sb_fail(err, SB_EXIT_SYSTEM, upload ? "upload: %s answered no request in %.1f s (a server that "
				 "does not read the body?)" : "download: %s: no data received in %.1f s (stalled server?)",
				 url, end - warm_end);
			rc = BENCH_FAILED;
		} else {
			*mbps = (double)(count.bytes - at_warm) * 8 / 1e6 / counted;
		}
	}
	for (int i = 0; i < streams; i++)
		if (easy[i]) {
			curl_multi_remove_handle(multi, easy[i]);
			curl_easy_cleanup(easy[i]);
		}
	curl_multi_cleanup(multi);
	return rc;
}

/* One family: latency, download, upload. */
static int measure_family(const struct bench_ctx *ctx, long resolve, json_t *out, struct sb_error *err)
{
	const struct net_opts *n = ctx->net;
	char family[8] = "";
	double latency = 0, down = 0, up = 0;
	int rc;

	if (ping(n->download_url, resolve, &latency, family, sizeof(family), err))
		return BENCH_FAILED;
	rc = throughput(ctx, n->download_url, false, resolve, &down, err);
	if (rc != BENCH_OK)
		return rc;
	json_object_set_new(out, "family", json_string(family));
	json_object_set_new(out, "latency_ms", json_real(latency));
	json_object_set_new(out, "download_mbps", json_real(down));
	if (n->upload_url) {
		struct sb_error upwhy;

		/* a failed upload keeps the download already measured */
		rc = throughput(ctx, n->upload_url, true, resolve, &up, &upwhy);
		if (rc == BENCH_OK) {
			json_object_set_new(out, "upload_mbps", json_real(up));
		} else {
			json_object_set_new(out, "upload_mbps", json_null());
			json_object_set_new(out, "upload_error", json_string(upwhy.msg));
		}
	} else {
		json_object_set_new(out, "upload_mbps", json_null());
	}
	return BENCH_OK;
}

static int network_run(const struct bench_ctx *ctx, json_t *result, struct sb_error *err)
{
	const struct net_opts *n = ctx->net;
	static const struct { long resolve; const char *name; } families[] = {
		{ CURL_IPRESOLVE_V4, "ipv4" }, { CURL_IPRESOLVE_V6, "ipv6" },
	};
	json_t *by_family = json_object(), *first = NULL;
	int rc = BENCH_OK;

	json_object_set_new(result, "tool_version", json_sprintf("libcurl %s", curl_version_info(CURLVERSION_NOW)->version));
	if (!n || !n->download_url) {
		json_decref(by_family);
		sb_fail(err, SB_EXIT_SYSTEM, "no --download-url given (a large file on a web server to measure against)");
		return BENCH_SKIPPED;
	}
	if (curl_global_init(CURL_GLOBAL_DEFAULT)) {
		json_decref(by_family);
		sb_fail(err, SB_EXIT_SYSTEM, "cannot initialise libcurl");
		return BENCH_FAILED;
	}
	json_object_set_new(result, "download_url", json_string(n->download_url));
	json_object_set_new(result, "upload_url", n->upload_url ? json_string(n->upload_url) : json_null());
	json_object_set_new(result, "streams", json_integer(n->streams));
	json_object_set_new(result, "phase_s", json_real(net_phases[ctx->profile].seconds));
	for (int f = 0; f < 2 && rc == BENCH_OK; f++) {
		json_t *one;

		if ((n->ipv4 || n->ipv6) && !(f == 0 ? n->ipv4 : n->ipv6))
			continue;
		if (!(n->ipv4 || n->ipv6) && f == 1)
			break;  /* no family asked for: one run, whichever the resolver gives */
		one = json_object();
		rc = measure_family(ctx, n->ipv4 || n->ipv6 ? families[f].resolve : CURL_IPRESOLVE_WHATEVER,
				    one, err);
		if (rc == BENCH_OK) {
			json_object_set(by_family, rd_str(one, "family"), one);
			if (!first)
				first = one;
			else
				json_decref(one);
		} else {
			json_decref(one);
		}
	}
	if (first) {
		json_object_update(result, first);
		json_decref(first);
	}
	json_object_set_new(result, "by_family", by_family);
	if (rc == BENCH_OK && !n->upload_url)
		json_object_set_new(result, "warnings", json_pack("[s]", "no --upload-url given: upload not measured"));
	else if (rc == BENCH_OK && json_is_string(json_object_get(result, "upload_error")))
		json_object_set_new(result, "warnings", json_pack("[s+]", "upload failed, download kept: ",
			rd_str(result, "upload_error")));
	curl_global_cleanup();
	return rc;
}

static const char *const profiles[] = { "documented", "quick", "smoke" };

struct net_args {
	const char *profile;
	bool version;
	struct net_opts net;
	const char *send, *body, *mail_from, *mail_to;  /* a notification to send */
};

static const struct opt net_options[] = {
	OPT_STRING(0, "profile", struct net_args, profile, "PROFILE", "documented, quick (default) or smoke"),
	OPT_STRING(0, "download-url", struct net_args, net.download_url, "URL", "a large file on a web server"),
	OPT_STRING(0, "upload-url", struct net_args, net.upload_url, "URL", "a URL that accepts a POST body"),
	OPT_INT(0, "streams", struct net_args, net.streams, "N", "parallel transfers (default 4)", 1, MAX_STREAMS),
	OPT_BOOL(0, "ipv4", struct net_args, net.ipv4, "measure over IPv4"),
	OPT_BOOL(0, "ipv6", struct net_args, net.ipv6, "measure over IPv6"),
	OPT_BOOL(0, "version", struct net_args, version, "print the version of the helper and its libcurl"),
	OPT_STRING(0, "send", struct net_args, send, "URL",
		   "send the file of --body to an http(s) webhook or an smtp:// relay\n(a notification), measure nothing"),
	OPT_STRING(0, "body", struct net_args, body, "FILE", "what --send sends"),
	OPT_STRING(0, "mail-from", struct net_args, mail_from, "ADDR", "the sender of a mail"),
	OPT_STRING(0, "mail-to", struct net_args, mail_to, "ADDR", "the recipient of a mail"),
	OPT_END(),
};

static const struct cmd_help net_help = {
	"specbench-net", NULL,
	"specbench's network benchmark; prints its result as JSON.  Run by\n"
	"'specbench bench --only network', not by hand.",
	NULL,
	"Exit: 0 the result (or {\"skipped\": why}) on standard output, 1 the measurement\n"
	"failed (the reason on standard error), 2 bad usage.\n",
	net_options,
};

/* Exit 0 with the result (or {"skipped": why}) as JSON on stdout; 1 with
 * the reason on stderr when the measurement failed; 2 for bad usage. */
int main(int argc, char **argv)
{
	struct net_args a = { NULL, false, { NULL, NULL, 4, false, false }, NULL, NULL, NULL, NULL };
	struct bench_ctx ctx = { PROFILE_QUICK, NULL, -1, false, &a.net };
	struct sb_error err = { 0, 0, "", NULL };
	struct sb_error why = { 0, 0, "", NULL };
	json_t *result;
	int rc, p;

	rc = parse_options(argc, argv, &net_help, &a, &err);
	if (rc == 0)
		return 0;
	for (p = 0; rc > 0 && a.profile && p < 3 && strcmp(a.profile, profiles[p]); p++)
		;
	if (rc > 0 && a.profile && p == 3)
		rc = sb_usage(&err, "--profile: unknown profile '%s'", a.profile);
	if (rc < 0) {
		fprintf(stderr, "specbench-net: %s\n\n", err.msg);
		options_synopsis(&net_help, stderr);
		return 2;
	}
	if (a.version) {
		printf("specbench-net (libcurl %s)\n", curl_version_info(CURLVERSION_NOW)->version);
		return 0;
	}
	if (a.send) {
		if (!a.body || net_send(a.send, a.body, a.mail_from, a.mail_to, &err)) {
			fprintf(stderr, "%s\n", a.body ? err.msg : "--send needs --body FILE");
			return a.body ? 1 : 2;
		}
		return 0;
	}
	if (a.profile)
		ctx.profile = (enum bench_profile)p;
	result = json_object();
	rc = network_run(&ctx, result, &why);
	if (rc == BENCH_SKIPPED) {
		json_decref(result);
		result = json_pack("{s:s}", "skipped", why.msg);
	} else if (rc != BENCH_OK) {
		json_decref(result);
		fprintf(stderr, "%s\n", why.msg);
		return 1;
	}
	json_dumpf(result, stdout, JSON_COMPACT);
	fputc('\n', stdout);
	json_decref(result);
	return fflush(stdout) ? 1 : 0;
}
