/*
 * test_bench.c - the benchmark parsers (fio JSON and text, sysbench), the
 * profiles' command lines, the statistics and the measurement parsers.
 */
#include <math.h>
#include <signal.h>
#include <sys/wait.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/exec.h"
#include "bench/bench.h"
#include "bench/fio_parse.h"
#include "bench/measure.h"
#include "bench/repeat_stats.h"
#include "bench/sysbench_parse.h"
#include "harness.h"

#define NEAR(a, b) (fabs((double)(a) - (double)(b)) < 1e-6 * (fabs((double)(b)) + 1))

static json_t *parse_file(struct t *t, const char *file,
			  int (*parse)(const char *, size_t, json_t *, struct sb_error *),
			  struct sb_error *why)
{
	char path[256], *text;
	json_t *r = json_object();

	snprintf(path, sizeof(path), "data/import/%s", file);
	text = t_read(t, path);
	if (parse(text, strlen(text), r, why)) {
		json_decref(r);
		r = NULL;
	}
	free(text);
	return r;
}

static double num(json_t *doc, const char *path)
{
	return json_number_value(jpath(doc, path));
}

static void fio_json(struct t *t)
{
	struct sb_error why = { 0, 0, "", NULL };
	json_t *r = parse_file(t, "fio-3.33-randwrite-grouped.json", fio_parse, &why);

	CHECK(t, r != NULL);
	CHECK_JSTR(t, r, "fio_version", "fio-3.33");
	CHECK(t, NEAR(num(r, "write.iops"), 344630.478088));
	CHECK(t, NEAR(num(r, "write.bw_mib_s"), 1378521 / 1024.0));
	CHECK_JINT(t, r, "write.io_bytes", 1417252864);
	CHECK_JINT(t, r, "write.runtime_ms", 1004);
	CHECK(t, NEAR(num(r, "write.lat_us.p50"), 0.668));
	CHECK(t, NEAR(num(r, "write.lat_us.p99"), 1.176));
	CHECK(t, jpath(r, "read") == NULL);  /* not exercised: absent, not zero */
	json_decref(r);

	/* gtod_reduce: no latency measured, so null - never 0 */
	r = parse_file(t, "fio-3.33-randrw-gtod.json", fio_parse, &why);
	CHECK(t, NEAR(num(r, "read.iops"), 46151.515152));
	CHECK(t, NEAR(num(r, "write.iops"), 15909.090909));
	CHECK(t, NEAR(num(r, "read.bw_mib_s"), 184606 / 1024.0));
	CHECK_JNULL(t, r, "read.lat_us");
	CHECK_JNULL(t, r, "write.lat_us");
	json_decref(r);

	/* two jobs without group_reporting: summed, percentiles null with a note */
	r = parse_file(t, "fio-3.33-randread-2jobs.json", fio_parse, &why);
	CHECK_JINT(t, r, "jobs", 2);
	CHECK(t, NEAR(num(r, "read.iops"), 10162.837163 + 10168.831169));
	CHECK(t, NEAR(num(r, "read.bw_mib_s"), (40651 + 40675) / 1024.0));
	CHECK_JINT(t, r, "read.io_bytes", 41668608LL + 41693184LL);
	CHECK_JINT(t, r, "read.runtime_ms", 1001);
	CHECK_JNULL(t, r, "read.lat_us");
	CHECK(t, jpath(r, "read.lat_note") != NULL);
	json_decref(r);

	/* fio 3.1's layout (constructed): no sample count "N" in clat_ns, three
	 * duplicate "0.00" percentile keys, zeroed write and trim sections */
	r = parse_file(t, "fio-3.1-randread-layout.json", fio_parse, &why);
	CHECK_JSTR(t, r, "fio_version", "fio-3.1");
	CHECK(t, NEAR(num(r, "read.iops"), 13530.112));
	CHECK(t, NEAR(num(r, "read.bw_mib_s"), 54120 / 1024.0));
	CHECK_JINT(t, r, "read.runtime_ms", 9687);
	CHECK(t, NEAR(num(r, "read.lat_us.p50"), 1056.768));
	CHECK(t, NEAR(num(r, "read.lat_us.p95"), 2342.912));
	CHECK(t, NEAR(num(r, "read.lat_us.p99"), 3817.472));
	CHECK(t, NEAR(num(r, "read.lat_us.p99_9"), 6717.44));
	CHECK(t, jpath(r, "write") == NULL);
	json_decref(r);
	/* the same layout when fio measured no latency: without "N", a zero
	 * "max" says so, and the zeroed percentiles are null, not 0 */
	{
		char *text = t_read(t, "data/import/fio-3.1-randread-layout.json"), *dumped;
		json_t *doc = json_loads(text, 0, NULL), *job = json_array_get(json_object_get(doc, "jobs"), 0);

		json_object_set_new(json_object_get(json_object_get(job, "read"), "clat_ns"), "max", json_integer(0));
		dumped = json_dumps(doc, 0);
		r = json_object();
		CHECK(t, dumped && fio_parse(dumped, strlen(dumped), r, &why) == 0);
		CHECK(t, NEAR(num(r, "read.iops"), 13530.112));
		CHECK(t, json_is_null(jpath(r, "read.lat_us")));
		json_decref(r);
		free(dumped);
		json_decref(doc);
		free(text);
	}

	/* text before and after the JSON */
	r = parse_file(t, "fio-with-text-around.txt", fio_parse, &why);
	CHECK(t, r && NEAR(num(r, "write.iops"), 344630.478088));
	json_decref(r);

	CHECK(t, parse_file(t, "fio-2.2.10.json", fio_parse, &why) == NULL);
	CHECK(t, strstr(why.msg, "fio-2.2.10: only fio 3.x") != NULL);
	CHECK(t, parse_file(t, "fio-truncated.json", fio_parse, &why) == NULL);
	CHECK(t, strstr(why.msg, "malformed JSON at line") != NULL);
	CHECK(t, parse_file(t, "garbage.txt", fio_parse, &why) == NULL);
	CHECK(t, parse_file(t, "published-sysbench-cpu.txt", fio_parse, &why) == NULL);
	{
		static const char failed[] = "{\"fio version\": \"fio-3.33\", \"jobs\": [{\"jobname\": \"a\", \"error\": 5}]}";
		json_t *x = json_object();

		CHECK(t, fio_parse(failed, strlen(failed), x, &why) == -1);
		CHECK(t, strstr(why.msg, "failed with error 5") != NULL);
		json_decref(x);
	}
}

static void fio_published(struct t *t)
{
	struct sb_error why = { 0, 0, "", NULL };
	json_t *r = parse_file(t, "published-randwrite.txt", fio_parse, &why);

	CHECK(t, r != NULL);
	CHECK_JSTR(t, r, "fio_version", "fio-3.25");
	CHECK_JINT(t, r, "jobs", 4);
	CHECK(t, NEAR(num(r, "write.iops"), 59000));
	CHECK(t, NEAR(num(r, "write.bw_mib_s"), 234));
	CHECK_JINT(t, r, "write.io_bytes", 2048LL << 20);
	CHECK_JINT(t, r, "write.runtime_ms", 8742);
	CHECK(t, NEAR(num(r, "write.lat_us.p50"), 1.224));   /* nsec in the source */
	CHECK(t, NEAR(num(r, "write.lat_us.p99_9"), 43.264));
	json_decref(r);
	r = parse_file(t, "published-randread.txt", fio_parse, &why);
	CHECK(t, NEAR(num(r, "read.iops"), 13800));
	CHECK(t, NEAR(num(r, "read.bw_mib_s"), 54.0));
	CHECK_JINT(t, r, "read.runtime_ms", 37921);
	CHECK(t, NEAR(num(r, "read.lat_us.p95"), 5932));    /* usec in the source */
	json_decref(r);
	r = parse_file(t, "published-randrw.txt", fio_parse, &why);
	CHECK(t, NEAR(num(r, "read.iops"), 36900));
	CHECK(t, NEAR(num(r, "read.bw_mib_s"), 144));
	CHECK(t, NEAR(num(r, "write.iops"), 12300));
	CHECK(t, NEAR(num(r, "write.bw_mib_s"), 48.2));
	CHECK_JINT(t, r, "read.io_bytes", 3070LL << 20);
	CHECK_JNULL(t, r, "read.lat_us");
	json_decref(r);
}

static void sysbench(struct t *t)
{
	char *text;
	struct sb_error why = { 0, 0, "", NULL };
	json_t *r = parse_file(t, "published-sysbench-cpu.txt", sysbench_parse_cpu, &why);

	CHECK(t, r != NULL);
	CHECK(t, NEAR(num(r, "events_per_sec"), 1807.14));
	CHECK_JINT(t, r, "events", 18077);
	CHECK(t, NEAR(num(r, "total_time_s"), 10.0006));
	CHECK(t, NEAR(num(r, "latency_ms.avg"), 1.10));
	CHECK(t, NEAR(num(r, "latency_ms.p95"), 1.27));
	CHECK(t, NEAR(num(r, "latency_ms.max"), 12.67));
	CHECK_JINT(t, r, "threads", 2);
	CHECK_JINT(t, r, "prime_limit", 10000);
	CHECK_JSTR(t, r, "sysbench_version", "1.0.20");
	CHECK(t, jpath(r, "events_per_sec_derived") == NULL);
	json_decref(r);

	/* 1.0.11 pads differently and this build prints no events per second */
	r = parse_file(t, "sysbench-1.0.11-cpu.txt", sysbench_parse_cpu, &why);
	CHECK(t, r && NEAR(num(r, "events_per_sec"), 17354 / 10.0012));
	CHECK_JBOOL(t, r, "events_per_sec_derived", true);
	CHECK(t, NEAR(num(r, "latency_ms.p95"), 1.21));
	CHECK_JSTR(t, r, "sysbench_version", "1.0.11");
	json_decref(r);

	/* sysbench 0.4 prints another layout: refused, not half read */
	CHECK(t, parse_file(t, "sysbench-0.4.12-cpu.txt", sysbench_parse_cpu, &why) == NULL);
	CHECK(t, strstr(why.msg, "sysbench 0.4.12: only the reports of sysbench 1.x") != NULL);

	r = parse_file(t, "published-sysbench-memory.txt", sysbench_parse_memory, &why);
	CHECK(t, r != NULL);
	CHECK(t, NEAR(num(r, "mib_per_sec"), 4108.83));
	CHECK(t, NEAR(num(r, "ops_per_sec"), 4207444.09));
	CHECK_JINT(t, r, "total_ops", 42084784);
	CHECK(t, NEAR(num(r, "total_mib"), 41098.42));
	json_decref(r);

	text = t_read(t, "data/import/published-sysbench-memory.txt");
	CHECK_STR(t, sysbench_test_of(text), "memory");
	free(text);
	text = t_read(t, "data/import/published-sysbench-cpu.txt");
	CHECK_STR(t, sysbench_test_of(text), "cpu");
	free(text);
	CHECK(t, parse_file(t, "published-sysbench-cpu.txt", sysbench_parse_memory, &why) == NULL);
	CHECK(t, parse_file(t, "published-sysbench-memory.txt", sysbench_parse_cpu, &why) == NULL);
	CHECK(t, parse_file(t, "garbage.txt", sysbench_parse_cpu, &why) == NULL);
	CHECK(t, strstr(why.msg, "not a sysbench cpu report") != NULL);
}

static char *joined(const struct bench_ops *b, enum bench_profile p, bool warmup)
{
	static char buf[1024];
	struct bench_ctx ctx = { p, "/D", -1, false, NULL };
	struct argv_buf av;
	size_t used = 0;

	buf[0] = '\0';
	if (b->command(b, &ctx, warmup, &av))
		return buf;
	for (int i = 0; i < av.argc; i++)
		used += (size_t)snprintf(buf + used, sizeof(buf) - used, "%s%s", i ? " " : "", av.argv[i]);
	return buf;
}

static void profiles(struct t *t)
{
	/* documented: the published command, plus only the JSON output and the directory */
	CHECK_STR(t, joined(bench_find("disk.randwrite"), PROFILE_DOCUMENTED, false),
		  "fio --name=randwrite --ioengine=libaio --iodepth=1 --rw=randwrite --bs=4k --direct=0 "
		  "--size=512M --numjobs=4 --runtime=240 --group_reporting --output-format=json --directory=/D");
	CHECK_STR(t, joined(bench_find("disk.randread"), PROFILE_DOCUMENTED, false),
		  "fio --name=randread --ioengine=libaio --iodepth=16 --rw=randread --bs=4k --direct=0 "
		  "--size=512M --numjobs=4 --runtime=240 --group_reporting --output-format=json --directory=/D");
	CHECK_STR(t, joined(bench_find("disk.randrw"), PROFILE_DOCUMENTED, false),
		  "fio --randrepeat=1 --ioengine=libaio --direct=1 --gtod_reduce=1 --name=test "
		  "--filename=random_read_write.fio --bs=4k --iodepth=64 --size=4G --readwrite=randrw "
		  "--rwmixread=75 --output-format=json --directory=/D");
	CHECK_STR(t, joined(bench_find("cpu"), PROFILE_DOCUMENTED, false), "sysbench cpu --threads=2 run");
	CHECK_STR(t, joined(bench_find("memory"), PROFILE_DOCUMENTED, false), "sysbench memory --threads=2 run");
	/* quick: same workload, smaller files, time-based with a ramp */
	CHECK_STR(t, joined(bench_find("disk.randread"), PROFILE_QUICK, false),
		  "fio --name=randread --ioengine=libaio --iodepth=16 --rw=randread --bs=4k --direct=0 "
		  "--size=256M --numjobs=4 --runtime=4 --group_reporting --time_based --ramp_time=1 "
		  "--output-format=json --directory=/D");
	CHECK_STR(t, joined(bench_find("disk.randrw"), PROFILE_QUICK, false),
		  "fio --randrepeat=1 --ioengine=libaio --direct=1 --gtod_reduce=1 --name=test "
		  "--filename=random_read_write.fio --bs=4k --iodepth=64 --size=2G --readwrite=randrw "
		  "--rwmixread=75 --runtime=5 --time_based --ramp_time=1 --output-format=json --directory=/D");
	CHECK_STR(t, joined(bench_find("cpu"), PROFILE_QUICK, false), "sysbench cpu --threads=2 --time=3 run");
	/* except randwrite: the published files written once, only the runtime cut
	 * (a time-based run rewrites cached pages, another workload) */
	CHECK_STR(t, joined(bench_find("disk.randwrite"), PROFILE_QUICK, false),
		  "fio --name=randwrite --ioengine=libaio --iodepth=1 --rw=randwrite --bs=4k --direct=0 "
		  "--size=512M --numjobs=4 --runtime=15 --group_reporting --output-format=json --directory=/D");
	CHECK(t, bench_find("disk.randwrite")->expected_seconds(bench_find("disk.randwrite"), PROFILE_QUICK) == 0);
	CHECK(t, bench_find("disk.randread")->expected_seconds(bench_find("disk.randread"), PROFILE_QUICK) == 5);
	/* warm-up of the documented profile: the same files, one second */
	CHECK_STR(t, joined(bench_find("disk.randwrite"), PROFILE_DOCUMENTED, true),
		  "fio --name=randwrite --ioengine=libaio --iodepth=1 --rw=randwrite --bs=4k --direct=0 "
		  "--size=512M --numjobs=4 --runtime=1 --group_reporting --time_based --output-format=json --directory=/D");
	CHECK_STR(t, joined(bench_find("disk.randwrite"), PROFILE_QUICK, true),
		  "fio --name=randwrite --ioengine=libaio --iodepth=1 --rw=randwrite --bs=4k --direct=0 "
		  "--size=512M --numjobs=4 --runtime=1 --group_reporting --time_based --output-format=json --directory=/D");
	CHECK_STR(t, joined(bench_find("memory"), PROFILE_SMOKE, true), "sysbench memory --threads=2 --time=1 run");
	/* the space each profile's files take */
	CHECK_INT(t, bench_find("disk.randwrite")->space(bench_find("disk.randwrite"), PROFILE_DOCUMENTED), 2LL << 30);
	CHECK_INT(t, bench_find("disk.randrw")->space(bench_find("disk.randrw"), PROFILE_DOCUMENTED), 4LL << 30);
	CHECK_INT(t, bench_find("disk.randread")->space(bench_find("disk.randread"), PROFILE_QUICK), 1LL << 30);
	CHECK_INT(t, bench_find("disk.randrw")->space(bench_find("disk.randrw"), PROFILE_QUICK), 2LL << 30);
	CHECK_INT(t, bench_find("disk.randwrite")->space(bench_find("disk.randwrite"), PROFILE_QUICK), 2LL << 30);
}

static void selection(struct t *t)
{
	struct sb_error err;
	json_t *doc = json_object();

	CHECK(t, bench_selected(NULL, "cpu"));
	CHECK(t, bench_selected("disk", "disk.randrw"));
	CHECK(t, bench_selected("cpu,disk.randread", "disk.randread"));
	CHECK(t, !bench_selected("cpu,disk.randread", "disk.randrw"));
	CHECK(t, !bench_selected("dis", "disk.randrw"));
	CHECK(t, !bench_selected("disk.randrw", "disk"));
	CHECK(t, bench_only_check("disk,cpu,memory,network", &err) == 0);
	CHECK(t, bench_only_check("disk,gpu", &err) == -1);
	CHECK_INT(t, err.code, SB_EXIT_USAGE);
	CHECK(t, strstr(err.msg, "'gpu'") != NULL);
	bench_slot(doc, "disk.randwrite");
	bench_slot(doc, "cpu");
	CHECK(t, json_is_object(jpath(doc, "bench.disk.randwrite")));
	CHECK(t, json_is_object(jpath(doc, "bench.cpu")));
	json_decref(doc);
}

static void statistics(struct t *t)
{
	double v[] = { 5, 1, 3, 2, 4 }, w[] = { 100, 101, 99, 100 }, x[] = { 3000, 7000, 5000 }, y[] = { 42 };
	struct stats s;

	stats_compute(v, 5, &s);
	CHECK(t, s.median == 3 && s.min == 1 && s.max == 5 && s.n == 5);
	CHECK(t, NEAR(s.cv_pct, 100 * sqrt(2.5) / 3));
	CHECK(t, s.unstable);
	stats_compute(w, 4, &s);
	CHECK(t, s.median == 100 && !s.unstable);
	/* sysbench memory swinging between 3 and 7 GiB/s: unstable */
	stats_compute(x, 3, &s);
	CHECK(t, s.median == 5000 && s.unstable);
	stats_compute(y, 1, &s);
	CHECK(t, s.median == 42 && s.cv_pct == 0 && !s.unstable);
}

static void measurement(struct t *t)
{
	struct cpu_times a, b;
	struct disk_io io;

	CHECK(t, measure_parse_stat("cpu  100 0 50 800 10 0 5 35 0 0\ncpu0 1 2 3\n", &a));
	CHECK_INT(t, a.total, 1000);
	CHECK_INT(t, a.steal, 35);
	CHECK(t, measure_parse_stat("cpu  200 0 100 1500 20 0 10 170 0 0\n", &b));
	CHECK(t, NEAR(measure_steal_pct(&a, &b), 100.0 * 135 / 1000));
	CHECK(t, measure_steal_pct(&b, &a) < 0);
	CHECK(t, !measure_parse_stat("intr 1 2 3\n", &a));
	CHECK(t, measure_parse_diskstats(
		" 254       0 vda 4823 1033 402270 1412 9288 6517 4194312 23030 0 12812 24443 0 0 0 0\n"
		" 254       1 vda1 4700 1033 400000 1400 9288 6517 4194304 23030 0 12800 24400 0 0 0 0\n",
		"vda1", &io));
	CHECK_INT(t, io.read_bytes, 400000LL * 512);
	CHECK_INT(t, io.write_bytes, 4194304LL * 512);
	CHECK(t, !measure_parse_diskstats(" 254 0 vda 1 2 3 4 5 6 7 8 9\n", "sdz", &io));
}

/* A real fio run asked for its status twice a second (SIGUSR1): four status
 * reports, the first while it laid out its file, then the final report. */
static void fio_status_reports(struct t *t)
{
	const struct bench_ops *b = bench_find("disk.randrw");
	char *text = t_read(t, "data/import/fio-3.33-randrw-status-reports.json");
	struct sb_error why = { 0, 0, "", NULL };
	size_t len = strlen(text), final_at;
	struct tool_progress tp;
	json_t *r = json_object(), *last;

	/* the result is the final report, never a status report before it */
	CHECK(t, fio_parse(text, len, r, &why) == 0);
	CHECK_JINT(t, r, "read.io_bytes", 1062854656);
	CHECK_JINT(t, r, "write.io_bytes", 356151296);
	CHECK_JINT(t, r, "read.runtime_ms", 3001);
	json_decref(r);

	/* fio killed while it printed its final report: an error, not the
	 * status report before it passed off as the result */
	final_at = (size_t)(strrchr(text, '{') - text);
	while (final_at > 0 && !(text[final_at] == '{' && text[final_at - 1] == '\n'))
		final_at--;
	r = json_object();
	CHECK(t, fio_parse(text, final_at + 200, r, &why) == -1);
	CHECK(t, strstr(why.msg, "malformed JSON") != NULL);
	json_decref(r);

	/* while it runs, the newest complete report counts */
	last = fio_last_report(text, final_at + 200);
	CHECK_JINT(t, last, "jobs[0].read.io_bytes", 1047543808);
	json_decref(last);
	CHECK(t, fio_last_report(text, 10) == NULL);
	CHECK(t, b->status(b, PROFILE_QUICK, false, "", 0, &tp) == -1);
	CHECK(t, b->status(b, PROFILE_QUICK, false, "fio: warming up\n", 16, &tp) == -1);

	/* the first report came while fio laid out its file */
	CHECK(t, b->status(b, PROFILE_QUICK, false, text, (size_t)(strstr(text + 1, "\n{") - text), &tp) == 0);
	CHECK(t, tp.preparing);
	CHECK(t, tp.done == 0);
	/* time-based (quick: 1 s ramp + 5 s): elapsed 5 of 6 */
	CHECK(t, b->status(b, PROFILE_QUICK, false, text, len, &tp) == 0);
	CHECK(t, !tp.preparing);
	CHECK(t, NEAR(tp.done, 5.0 / 6));
	/* size-based (documented: 4 GiB): the bytes done so far */
	CHECK(t, b->status(b, PROFILE_DOCUMENTED, false, text, len, &tp) == 0);
	CHECK(t, NEAR(tp.done, (1062854656.0 + 356151296.0) / 4294967296.0));
	/* the warm-up is one second: never past done */
	CHECK(t, b->status(b, PROFILE_DOCUMENTED, true, text, len, &tp) == 0);
	CHECK(t, tp.done == 1);
	/* quick randwrite ends when its 2 GiB are written, within 15 s: the
	 * bytes (66 %) say more than the time (5 of 15 s) */
	b = bench_find("disk.randwrite");
	CHECK(t, b->status(b, PROFILE_QUICK, false, text, len, &tp) == 0);
	CHECK(t, NEAR(tp.done, (1062854656.0 + 356151296.0) / 2147483648.0));
	free(text);
}

static void on_usr2(int sig)
{
	(void)sig;
}

/* A report is asked for only once the tool catches the signal that asks:
 * this process once it has a handler; `sleep`, which has none, never. */
static void signal_caught(struct t *t)
{
	struct sigaction sa = { 0 }, old;
	pid_t pid;

	sa.sa_handler = on_usr2;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR2, &sa, &old);
	CHECK(t, exec_catches(getpid(), SIGUSR2));
	sigaction(SIGUSR2, &old, NULL);
	CHECK(t, !exec_catches(getpid(), 0));
	CHECK(t, !exec_catches(-5, SIGUSR2));
	pid = fork();
	if (pid == 0) {
		execlp("sleep", "sleep", "10", (char *)NULL);
		_exit(127);
	}
	if (pid > 0) {
		usleep(200000);  /* sleep has been exec'd */
		CHECK(t, !exec_catches(pid, SIGUSR2));
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
	}
}

void suite_bench(struct t *t)
{
	signal_caught(t);
	fio_json(t);
	fio_status_reports(t);
	fio_published(t);
	sysbench(t);
	profiles(t);
	selection(t);
	statistics(t);
	measurement(t);
}
