/*
 * bench.h - the benchmarks.
 *
 * Each benchmark is one file with one `struct bench_ops`, registered there
 * with BENCH_REGISTER, like fio's I/O engines: no list elsewhere names it.
 * What a benchmark is - its id, its tool, its figures, its place in the
 * order of a run - is its row of the registry (model/registry.c); its file
 * says how: it builds the tool's command line for a profile (`command`) and
 * parses the tool's output (`parse`); the network benchmark's tool is
 * specbench's own helper, specbench-net.  Everything around a run - warm-up,
 * repeats, steal time, bytes that reached the disk, timing, failure - is the
 * runner's (runner.c), so that every benchmark is measured the same way.
 */
#ifndef SPECBENCH_BENCH_H
#define SPECBENCH_BENCH_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/error.h"

/* Profiles: the published commands, a fast equivalent, a few seconds. */
enum bench_profile { PROFILE_DOCUMENTED, PROFILE_QUICK, PROFILE_SMOKE };

struct net_opts {
	const char *download_url, *upload_url;
	int streams;
	bool ipv4, ipv6;   /* both false: whichever the resolver gives */
};

struct bench_ctx {
	enum bench_profile profile;
	const char *datadir;   /* private data directory (mkdtemp, 0700) */
	int sigfd;             /* signalfd of SIGINT/SIGTERM/SIGHUP, or -1 */
	bool progress;         /* show progress on stderr (a terminal) */
	const struct net_opts *net;
};

/* An argv under construction: strings live in `store`. */
struct argv_buf {
	char *argv[64];
	int argc;
	char store[4096];
	size_t used;
};
int argv_add(struct argv_buf *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* How far a running tool says it got, from its own status report. */
struct tool_progress {
	double done;     /* 0..1 */
	bool preparing;  /* still setting up: fio laying out its data files */
};

struct bench_ops {
	const char *id;              /* "disk.randwrite": its registry row, and its place in the run document */
	const char *package;         /* the Debian package that has its tool */
	const void *data;            /* the benchmark's own description (a fio job, ...) */
	/* bytes of data files the profile writes into datadir, or NULL */
	uint64_t (*space)(const struct bench_ops *self, enum bench_profile profile);
	/* the longest a run may take: its time limit */
	double (*max_seconds)(const struct bench_ops *self, enum bench_profile profile);
	/* how long a run is expected to take, for the progress line (0: unknown) */
	double (*expected_seconds)(const struct bench_ops *self, enum bench_profile profile);
	/* the command line for a profile; warmup: a short unrecorded run */
	int (*command)(const struct bench_ops *self, const struct bench_ctx *ctx, bool warmup,
		       struct argv_buf *out);
	int (*parse)(const char *text, size_t len, json_t *result, struct sb_error *err);
	/* A tool that reports on itself while it runs: the signal that asks it
	 * (fio prints a status report on SIGUSR1; 0: none), and the reading of
	 * the newest report in its output so far (0, or -1 when there is none). */
	int status_signal;
	int (*status)(const struct bench_ops *self, enum bench_profile profile, bool warmup,
		      const char *out, size_t len, struct tool_progress *tp);
	/* Every run starts without the data files of the run before (the
	 * warm-up's too): a buffered writer leaves them dirty in the page cache,
	 * and their writeback would slow the next run (seen: documented
	 * randwrite at 120k IOPS after a warm-up, 330k without). */
	bool fresh_files;
	/* one line for a person: "write 59.0k IOPS, 234 MiB/s" */
	void (*summary)(const json_t *result, char *buf, size_t size);
};

/* How one run of a benchmark ended. */
enum bench_status { BENCH_OK = 0, BENCH_SKIPPED = 1, BENCH_FAILED = -1, BENCH_STOPPED = -2 };

/* Put a file's ops into the linker section sb_benchmarks: the linker
 * gathers every file's pointer into one constant table (between
 * __start_sb_benchmarks and __stop_sb_benchmarks), so adding a benchmark
 * edits no shared list and no start-up code runs.  (The sanitizers leave a
 * section named like a C identifier unpadded for this very use.) */
#define BENCH_REGISTER(ops) \
	static const struct bench_ops *const bench_entry_ __attribute__((used, section("sb_benchmarks"))) = &(ops)

/* The i-th benchmark in the order of a run (the registry's order: disk
 * first, while the page cache is cold), or NULL past the last.  A registry
 * row without a registered file is not a benchmark that runs. */
const struct bench_ops *bench_at(size_t i);
/* The benchmark of that id, or NULL. */
const struct bench_ops *bench_find(const char *id);
/* How many files registered a benchmark (the unit tests hold it to the
 * registry's rows). */
size_t bench_registered(void);
/* The program a benchmark runs ("specbench-*": a helper of specbench's
 * own), from its registry row. */
const char *bench_tool(const struct bench_ops *b);

/* Where the benchmark's tool is: a name for PATH, or for specbench's own
 * helpers the file next to this executable or in the libexec directory.
 * -1 when a helper cannot be found. */
int bench_tool_path(const struct bench_ops *b, char *buf, size_t size);
const char *bench_profile_name(enum bench_profile p);
int bench_profile_parse(const char *name, enum bench_profile *p);

/* Does `item` of --only (an id or a group such as "disk") select `id`? */
bool bench_selected(const char *only, const char *id);
/* The ids of the benchmarks, in the order of a run, ", "-joined (importable: only those `import`
 * reads), for messages that list them. */
void bench_ids(bool importable, char *buf, size_t size);
/* Check every item of --only names a benchmark or group. */
int bench_only_check(const char *only, struct sb_error *err);

/* The place of a benchmark in the run document: doc.bench.<id with dots>,
 * created on the way. */
json_t *bench_slot(json_t *doc, const char *id);

#endif
