/*
 * bench_options.h - the benchmark options, one table shared by `bench` and
 * `run` (both keep a struct bench_opts in their argument struct).
 */
#ifndef SPECBENCH_BENCH_OPTIONS_H
#define SPECBENCH_BENCH_OPTIONS_H

#include <stddef.h>

#include "base/options.h"
#include "bench/session.h"

int bench_opt_profile(void *field, const char *value, struct sb_error *err);

/* The entries for struct bench_opts member m of argument struct T. */
#define BENCH_OPTIONS(T, m) \
	OPT_CALLBACK(0, "profile", T, m.profile, "PROFILE", \
		     "quick (default): the published workloads, time-based, smaller files,\n" \
		     "under 40 s, up to 2 GiB of files; documented: the published commands\n" \
		     "(minutes, up to 4 GiB of files); smoke: a few seconds in all, for tests", \
		     bench_opt_profile), \
	OPT_STRING(0, "only", T, m.only, "LIST", \
		   "comma-separated: disk, disk.randwrite, disk.randread, disk.randrw,\n" \
		   "cpu, memory, network"), \
	OPT_STRING(0, "dir", T, m.dir, "DIR", \
		   "where fio writes its files, in a private directory that is\n" \
		   "removed afterwards (default /var/tmp)"), \
	OPT_INT(0, "repeat", T, m.repeat, "N", "run each benchmark N times: median, spread and stability", 1, 1000), \
	OPT_INT(0, "lock-wait", T, m.lock_wait, "SECONDS", \
		"while another benchmark runs on this host, wait up to SECONDS for it\n" \
		"(default 0: say which process runs it, and exit 3)", 0, 86400), \
	OPT_NEGBOOL(0, "no-warmup", T, m.warmup, "skip the short unrecorded warm-up before each benchmark"), \
	OPT_STRING(0, "download-url", T, m.net.download_url, "URL", "a large file on a web server (network benchmark)"), \
	OPT_STRING(0, "upload-url", T, m.net.upload_url, "URL", "a URL that accepts a POST body (network benchmark)"), \
	OPT_INT(0, "streams", T, m.net.streams, "N", "parallel transfers (default 4)", 1, 64), \
	OPT_BOOL(0, "ipv4", T, m.net.ipv4, "measure over IPv4 (with --ipv6: each family)"), \
	OPT_BOOL(0, "ipv6", T, m.net.ipv6, "measure over IPv6 (with --ipv4: each family)")

/* After parsing: --dir made absolute into dirbuf, --only checked. */
int bench_options_finish(struct bench_opts *o, char *dirbuf, size_t size, struct sb_error *err);

#endif
